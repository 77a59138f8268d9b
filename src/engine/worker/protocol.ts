/**
 * The typed API between the browser UI and the engine worker (wrapped with comlink).
 *
 * The UI is a client of the simulated cluster, as kubectl or a dashboard would be: it runs shell
 * lines, lists and watches resources, and drives the simulation clock. Every comlink call
 * structured-clones its data, so the worker never sends whole objects per watch event: it sends
 * slim view models (`*View`), batched and coalesced once per tick (`Push`). Whole objects
 * (YAML, describe) are fetched on demand by running kubectl in a side shell (`exec`).
 *
 * Every request answers a `Reply`: failures travel as data, never as a rejected promise.
 */

/** A request's outcome. `error` is a one-line, user-presentable message. */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: string };

/** Simulation speeds the controls offer (simulated seconds per wall second). */
export const SPEEDS = [1, 2, 5, 10, 60] as const;
export type Speed = (typeof SPEEDS)[number];

export interface StartOptions {
  /** Worker nodes (default 3). */
  nodes?: number;
  /** Seed of every random choice (default 1). */
  seed?: number;
}

/** The state of the simulation as the controls bar shows it. */
export interface SimStatus {
  /** Simulated time, ms since the Unix epoch. */
  nowMs: number;
  paused: boolean;
  speed: Speed;
  /** Bumped on every reset: views from an older generation are stale. */
  generation: number;
  /** Set while a saved session is being replayed at start-up. */
  restoring: boolean;
  /** Commands replayed by the last restore (0 for a fresh cluster). */
  restored: number;
  nodes: number;
  seed: number;
  /** What the last `step` did, in words (`replicaset-controller default/web-7d4b9c`). */
  lastStep?: string;
  /** Count of internal errors the engine recorded (reconciles that threw). */
  internalErrors: number;
  /** Simulated time when the cluster was created: the start of the timeline. */
  startMs: number;
  /** The end of the timeline: now, or later when the session was rewound. */
  endMs: number;
  /** Actions after now of a rewound session, replayed as time runs. */
  ahead: number;
  /** Image pulls made to fail (fault injection), by the image as it was given. */
  pullFaults: { image: string; fault: PullFault }[];
}

/** How an injected image pull fails (the registry's answer; kubelet/images.ts). */
export const PULL_FAULTS = ['notfound', 'unauthorized', 'ratelimit', 'unavailable'] as const;
export type PullFault = (typeof PULL_FAULTS)[number];

/** The session's timeline for the time-travel slider. */
export interface Timeline {
  startMs: number;
  nowMs: number;
  endMs: number;
  /** Every action with a short label, oldest first. */
  marks: { t: number; label: string }[];
}

/** What `step` ran. */
export interface StepResult {
  /** Simulated ms the step moved to. */
  nowMs: number;
  /** Watch events it caused, oldest first (`MODIFIED Pod default/web`), at most 20. */
  changes: string[];
  /** A one-line summary. */
  summary: string;
}

/** The output of a command run outside the terminal (inspector, editor Apply). */
export interface ExecResult {
  /** Standard output and standard error interleaved as written, control sequences removed. */
  output: string;
  stdout: string;
  stderr: string;
  code: number;
}

// ---- view models --------------------------------------------------------------------------

/** Kinds the worker mirrors to the UI. */
export const VIEW_KINDS = [
  'Namespace',
  'Node',
  'Pod',
  'Service',
  'Endpoints',
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'Event',
  'ConfigMap',
  'Secret',
  'PersistentVolumeClaim',
  'HorizontalPodAutoscaler',
] as const;
export type ViewKind = (typeof VIEW_KINDS)[number];

/** Workload kinds shown as owners. */
export type WorkloadKind = 'Deployment' | 'ReplicaSet' | 'StatefulSet' | 'DaemonSet' | 'Job' | 'CronJob';

export interface OwnerRefView {
  kind: string;
  name: string;
}

export interface NamespaceView {
  key: string;
  name: string;
  phase: string;
}

export interface NodeView {
  key: string;
  name: string;
  /** `kubectl get nodes` STATUS: Ready, NotReady, Unknown, with `,SchedulingDisabled`. */
  status: string;
  ready: boolean;
  controlPlane: boolean;
  roles: string;
  internalIP: string;
  /** Allocatable cpu (millicores) and memory (bytes), 0 if unknown. */
  cpuMilli: number;
  memoryBytes: number;
  podsCapacity: number;
  taints: string[];
  labels: Record<string, string>;
  /** Status of the Ready condition (True, False, Unknown), '' without one (lesson checks). */
  readyStatus?: string;
}

export interface PodView {
  key: string;
  namespace: string;
  name: string;
  uid: string;
  nodeName: string;
  phase: string;
  /** `kubectl get pods` STATUS column text (Running, ContainerCreating, CrashLoopBackOff ...). */
  status: string;
  /** `kubectl get pods` READY column text (`1/1`). */
  ready: string;
  restarts: number;
  podIP: string;
  deleting: boolean;
  owner?: OwnerRefView;
  labels: Record<string, string>;
  images: string[];
  createdMs: number;
  /** The pod's Ready condition is True (what Services and rollouts count; lesson checks). */
  podReady?: boolean;
}

export interface ServiceView {
  key: string;
  namespace: string;
  name: string;
  type: string;
  clusterIP: string;
  /** `kubectl get svc` PORT(S) column text. */
  ports: string;
  selector: Record<string, string>;
}

export interface EndpointAddressView {
  ip: string;
  /** `namespace/name` of the backing pod, if the address has a Pod targetRef. */
  podKey?: string;
  ready: boolean;
}

export interface EndpointsView {
  key: string;
  namespace: string;
  name: string;
  addresses: EndpointAddressView[];
}

export interface WorkloadView {
  key: string;
  kind: WorkloadKind;
  namespace: string;
  name: string;
  owner?: OwnerRefView;
  /** spec.replicas (desiredNumberScheduled for DaemonSets, completions for Jobs). */
  desired: number;
  ready: number;
  /** `deployment.kubernetes.io/revision` of ReplicaSets and Deployments. */
  revision?: string;
  /** Earlier revisions of a ReplicaSet brought back by `rollout undo` (`1,3`). */
  revisionHistory?: string;
  /** A Deployment's rollout is paused (spec.paused). */
  paused?: boolean;
  images: string[];
  selector: Record<string, string>;
  // What lesson checks read (src/lessons/checks.ts): rollout progress, Job conditions, labels.
  labels?: Record<string, string>;
  createdMs?: number;
  generation?: number;
  observedGeneration?: number;
  /** status.replicas, updatedReplicas, availableReplicas. */
  replicas?: number;
  updatedReplicas?: number;
  availableReplicas?: number;
  /** status.conditions, type and status only (Job Complete/Failed, Deployment Available...). */
  conditions?: { type: string; status: string }[];
  /** The pod template's containers with their resource requests. */
  containers?: { name: string; image: string; requests?: Record<string, string> }[];
}

/**
 * Kinds mirrored for lesson checks that only ask whether an object exists (ConfigMap, Secret,
 * HorizontalPodAutoscaler). A Secret's data never leaves the worker.
 */
export interface ObjectView {
  key: string;
  namespace: string;
  name: string;
  labels: Record<string, string>;
  createdMs: number;
}

export interface PersistentVolumeClaimView extends ObjectView {
  /** status.phase: Pending, Bound, Lost. */
  phase: string;
  volumeName: string;
  storageClassName: string;
}

export interface EventView {
  key: string;
  namespace: string;
  type: string;
  reason: string;
  message: string;
  involved: { kind: string; namespace?: string; name: string };
  source: string;
  count: number;
  /** Last occurrence, ms since the epoch. */
  lastMs: number;
}

export interface ViewOf {
  Namespace: NamespaceView;
  Node: NodeView;
  Pod: PodView;
  Service: ServiceView;
  Endpoints: EndpointsView;
  Deployment: WorkloadView;
  ReplicaSet: WorkloadView;
  StatefulSet: WorkloadView;
  DaemonSet: WorkloadView;
  Job: WorkloadView;
  CronJob: WorkloadView;
  Event: EventView;
  ConfigMap: ObjectView;
  Secret: ObjectView;
  PersistentVolumeClaim: PersistentVolumeClaimView;
  HorizontalPodAutoscaler: ObjectView;
}

export type AnyView = ViewOf[ViewKind];

/** Changes of one kind since the last push, coalesced per key (last state wins). */
export interface ViewDelta<K extends ViewKind = ViewKind> {
  kind: K;
  upsert: ViewOf[K][];
  /** Keys removed. */
  remove: string[];
}

/** Terminal output produced outside a request (long-running commands as time passes). */
export interface TerminalOutput {
  id: string;
  data: string;
}

/**
 * A plain-language explanation of a problem (worker/diagnose.ts): a code the UI words in the
 * learner's language, the values it fills in, and a command to try next.
 */
export interface Hint {
  code:
    | 'NotFound'
    | 'NotFoundTypo'
    | 'NotFoundNamespace'
    | 'UnknownResource'
    | 'ImagePull'
    | 'ImagePullAccess'
    | 'ImagePullHost'
    | 'ImagePullRateLimit'
    | 'ImagePullUnreachable'
    | 'CrashLoop'
    | 'ConfigError'
    | 'SchedulingInsufficient'
    | 'SchedulingTaint'
    | 'SchedulingSelector'
    | 'SchedulingVolume'
    | 'SchedulingCordoned'
    | 'SchedulingOther'
    | 'ServiceNoPods'
    | 'ServiceNotReady'
    | 'ClaimWaitsForPod'
    | 'ClaimPending'
    | 'NodeNotReady';
  vars: Record<string, string>;
  /** A command line to try next. */
  try?: string;
}

/** An Event as "Why?" shows it. */
export interface WhyEvent {
  type: string;
  reason: string;
  message: string;
  /** The component that recorded it (`replicaset-controller`, `kubelet` ...). */
  source: string;
  lastMs: number;
  count: number;
}

/** One object of a causal chain. */
export interface WhyStep {
  kind: string;
  key: string;
  name: string;
  createdMs: number;
  /** The component that made it: a controller, `kubelet` (static pods), `kubeadm`, or `kubectl` (the learner). */
  createdBy: string;
  /** Facts that identify it (`revision 2`, `image nginx:1.27`, `node node-2`). */
  detail: string[];
  /** The previous step's events that name this object: how it was made or resized. */
  cause: WhyEvent[];
  /** Events about the object itself. */
  events: WhyEvent[];
}

/** A node's part in a scheduling decision. */
export interface WhyNode {
  node: string;
  verdict: 'chosen' | 'feasible' | 'rejected' | 'not-evaluated';
  /** The filter plugin that rejected it, with its reasons. */
  plugin?: string;
  reasons?: string[];
  /** Weighted total and normalized score per plugin (feasible nodes, when several were). */
  total?: number;
  scores?: Record<string, number>;
}

/** Something a workload made, or a pod a Service selects. */
export interface WhyChild {
  kind: string;
  key: string;
  name: string;
  detail: string[];
}

/** "Why?" for an object (worker/why.ts). */
export interface WhyChain {
  /** The owner chain, root first, ending with the object. */
  steps: WhyStep[];
  /** Pods: the scheduler's latest decision. */
  scheduling?: {
    outcome: 'Scheduled' | 'Unschedulable' | 'Error';
    attempt: number;
    time: string;
    node?: string;
    message?: string;
    scorePlugins: { name: string; weight: number }[];
    nodes: WhyNode[];
  };
  /** Pods: what the kubelet did, oldest first. */
  kubelet?: WhyEvent[];
  children: WhyChild[];
}

/** The explanation of the last command of a terminal (none: the command went fine). */
export interface TerminalHint {
  id: string;
  /** The command line it explains. */
  input: string;
  hint?: Hint;
}

/** The traffic the UI sends to a Service (worker/traffic.ts) and how it was spread. */
export interface TrafficView {
  namespace: string;
  service: string;
  rps: number;
  /** 0: until stopped. */
  durationSec: number;
  running: boolean;
  startedMs: number;
  sent: number;
  ok: number;
  failed: number;
  /** Requests each serving pod (`namespace/name`) answered. */
  byPod: { pod: string; n: number }[];
  /** Failures by kind (`refused`, `timeout`, `http-503` ...). */
  errors: { error: string; n: number }[];
}

/** One request, for the topology to animate along service -> pod. */
export interface TrafficPulse {
  /** `namespace/name` of the Service. */
  service: string;
  /** The pod that answered (absent: the request failed before reaching one). */
  pod?: string;
  ok: boolean;
  atMs: number;
}

/** The parts of the architecture the control-plane view draws. */
export type FlowComponent =
  | 'kubectl'
  | 'kube-apiserver'
  | 'etcd'
  | 'kube-controller-manager'
  | 'kube-scheduler'
  | 'kubelet'
  | 'kube-proxy'
  | 'flannel';

/** One message of a request flow, in order. */
export interface FlowStep {
  /** Simulated ms it happened. */
  t: number;
  from: FlowComponent;
  to: FlowComponent;
  /** What was said (`create Deployment default/web`, `Scheduled: Successfully assigned ...`). */
  label: string;
  /** Which one: the controller (`replicaset-controller`) or the node (`node-2`). */
  detail?: string;
}

/** The request flow of the learner's last action that changed something (worker/flow.ts). */
export interface FlowView {
  /** Counts flows: a new id is a new action. */
  id: number;
  /** The command line or action. */
  action: string;
  startMs: number;
  steps: FlowStep[];
}

/** A `kubectl edit` waiting in a terminal for the learner to save (or cancel) a file. */
export interface EditRequest {
  /** Counts the edits of one cluster from 1. */
  id: number;
  /** The terminal whose kubectl waits. */
  term: string;
  /** The file kubectl wrote the object to (in the shared file system). */
  path: string;
}

/** What the worker sends the UI once per tick (about every 100 ms) when anything changed. */
export interface Push {
  status: SimStatus;
  /** Set when the UI must drop its mirror first (a new cluster, a first connection). */
  resync: boolean;
  deltas: ViewDelta[];
  terminal: TerminalOutput[];
  /** Explanations of commands that ended since the last push, oldest first. */
  hints?: TerminalHint[];
  /** The traffic, when it changed (null: none; absent: unchanged). */
  traffic?: TrafficView | null;
  /** The request flow of the last action, when it changed (null: none yet). */
  flow?: FlowView | null;
  /** Requests sent since the last push. */
  pulses?: TrafficPulse[];
  /** Every waiting `kubectl edit`, when that list changed (absent: unchanged). */
  edits?: EditRequest[];
}

/**
 * Pushes travel as plain messages on the worker's own port, `{ type: PUSH_MESSAGE, push }`,
 * beside comlink's replies (comlink ignores them), so that terminal output from a push and from
 * a reply arrive in the order the worker produced them.
 */
export const PUSH_MESSAGE = 'kubeplay:push';

export interface PushMessage {
  type: typeof PUSH_MESSAGE;
  push: Push;
}

export function isPushMessage(data: unknown): data is PushMessage {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === PUSH_MESSAGE;
}

// ---- the API --------------------------------------------------------------------------------

export interface EngineApi {
  /** Answers as soon as the worker is free: the UI's liveness check. */
  ping(): Promise<Reply<number>>;
  /** Starts pushes to the UI; the next push is a full resync of every view. */
  connect(): Promise<Reply<SimStatus>>;
  /** Replaces the cluster with a fresh one (reset). Terminals keep their sessions. */
  start(opts: StartOptions): Promise<Reply<SimStatus>>;

  /** Opens (or reopens) a terminal session; returns what to print first (a prompt). */
  openTerminal(id: string, columns: number): Promise<Reply<string>>;
  /** Raw input from the terminal (keys, pastes); returns the output it caused so far. */
  input(id: string, data: string): Promise<Reply<string>>;
  /** The terminal's width changed. */
  resize(id: string, columns: number): Promise<Reply<void>>;

  /**
   * Runs one shell input outside the terminal (same files as the terminal); never blocks.
   * `record: false` for read-only queries (the inspector) that a restore need not replay.
   */
  exec(input: string, opts?: { record?: boolean }): Promise<Reply<ExecResult>>;
  readFile(path: string): Promise<Reply<string | undefined>>;
  writeFile(path: string, content: string): Promise<Reply<void>>;
  listFiles(): Promise<Reply<string[]>>;

  setPaused(paused: boolean): Promise<Reply<SimStatus>>;
  setSpeed(speed: Speed): Promise<Reply<SimStatus>>;
  /** Runs the simulation up to its next scheduled moment and says what happened. */
  step(): Promise<Reply<StepResult>>;

  /** Joins a new worker node (`node-<N+1>`); returns its name. */
  addNode(): Promise<Reply<string>>;
  /** Removes a node as `kubectl delete node` would (its kubelet stops). */
  removeNode(name: string): Promise<Reply<void>>;
  /** The node's kubelet stops reporting (a crashed machine); `recoverNode` brings it back. */
  failNode(name: string): Promise<Reply<void>>;
  recoverNode(name: string): Promise<Reply<void>>;
  /** Deletes a pod as `kubectl delete pod` does (graceful); its controller replaces it. */
  killPod(namespace: string, name: string): Promise<Reply<void>>;
  /** Fault: the pod's (first) container process dies, as a crash (exit 137) or, with oom, OOMKilled. */
  crashPod(namespace: string, name: string, oom: boolean): Promise<Reply<void>>;
  /** Fault: pulls of `image` (all its tags) fail with `fault` from now on; null ends it. */
  injectPullFault(image: string, fault: PullFault | null): Promise<Reply<void>>;

  /**
   * Ends the `kubectl edit` waiting in terminal `term`: `text` is the saved file, null cancels.
   * The command's output goes to that terminal.
   */
  finishEdit(term: string, text: string | null): Promise<Reply<void>>;

  /** Plain-language explanations of an object's problems (none: nothing looks wrong). */
  diagnose(kind: string, key: string): Promise<Reply<Hint[]>>;
  /** Sends HTTP requests to a Service (replacing earlier traffic); durationSec 0 runs until stopped. */
  startTraffic(req: { namespace: string; service: string; rps: number; durationSec: number }): Promise<Reply<void>>;
  stopTraffic(): Promise<Reply<void>>;
  /** The session as a file would hold it (the journal). */
  exportSession(): Promise<Reply<Journal>>;
  /** Replaces the cluster with a saved session after checking it field by field. */
  importSession(session: unknown): Promise<Reply<SimStatus>>;
  /** The learner's objects as manifests (multi-document YAML) for a share link. */
  shareManifests(): Promise<Reply<string>>;
  /** The timeline of the session (start, end, actions). */
  timeline(): Promise<Reply<Timeline>>;
  /**
   * Rewinds the cluster to simulated time `toMs` (replaying the journal up to it on a fresh
   * cluster with the same seed) and pauses; later actions replay as time runs again.
   */
  travel(toMs: number): Promise<Reply<SimStatus>>;
  /** "Why?": the causal chain of an object (undefined: it does not exist). */
  why(kind: string, key: string): Promise<Reply<WhyChain | undefined>>;
}

// ---- persistence ------------------------------------------------------------------------------

/**
 * A session as it is saved: the cluster's options and every action that changed it, at the
 * simulated time it happened. The simulation is deterministic, so replaying the journal on a
 * fresh cluster rebuilds the same state (objects, names, IPs, events, ages).
 */
export type JournalEntry =
  | { t: number; op: 'input'; term: string; input: string }
  | { t: number; op: 'interrupt'; term: string }
  | { t: number; op: 'poll'; term: string }
  | { t: number; op: 'exec'; input: string }
  | { t: number; op: 'write'; path: string; content: string }
  | { t: number; op: 'killPod'; namespace: string; name: string }
  | { t: number; op: 'edit'; term: string; text: string | null }
  | { t: number; op: 'traffic'; namespace: string; service: string; rps: number; durationSec: number }
  | { t: number; op: 'trafficStop' }
  | { t: number; op: 'pullFault'; image: string; fault: PullFault | null };

export interface Journal {
  version: 1;
  nodes: number;
  seed: number;
  /** Simulated time when saved: a restore runs the clock up to here. */
  endMs: number;
  entries: JournalEntry[];
}
