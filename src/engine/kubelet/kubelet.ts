/**
 * The kubelet of one node: a pod worker per pod bound to the node (pkg/kubelet/pod_workers.go),
 * SyncPod as the kuberuntime manager runs it (sandbox, init containers one at a time, then pull
 * -> create -> start of each container, with the image-pull and crash-loop back-offs of
 * flowcontrol.Backoff), the prober (startup, readiness, liveness), graceful termination, and the
 * status manager that writes pod status exactly as kubelet_pods.go generateAPIPodStatus does.
 *
 * Containers run on the SimClock: servers (nginx, redis ...) log their start-up lines and listen;
 * commands (`sh -c 'while true; do date; sleep 5; done'`) run in the shell interpreter.
 */
import type { ApiServer } from '../api/server';
import type { SimClock, TimerHandle } from '../core/clock';
import type { Rng } from '../core/rng';
import type { EventRecorder, EventType } from '../api/events';
import type { KObject } from '../api/types/meta';
import { isStatusError } from '../api/errors';
import { jsonEqual } from '../api/json-equal';
import { MIRROR_ANNOTATION } from '../api/registry/pod';
import { IpPool } from './ip-pool';
import { ContainerLog } from './logs';
import {
  parseImageRef,
  resolveImage,
  pullSeconds,
  goDuration,
  pullError,
  type ResolvedImage,
  type PullFault,
  type ImageInfo,
  type ServerKind,
} from './images';
import { behaviourOf, setNginxIndex, type ServerContext, type HttpRequest, type HttpResponse } from './servers';
import { Shell, CORE_COMMANDS, runToCompletion, type Effect, type ShellHost } from './shell';
import {
  containerEnv,
  containerArgv,
  ConfigError,
  ContainerFS,
  MemDir,
  KeyDir,
  fakeToken,
  CLUSTER_CA,
  b64decode,
} from './container-env';
import {
  Backoff,
  CONTAINER_STEPS,
  MIN_GRACE_SECONDS,
  MOUNT_BACKOFF,
  RESYNC_AFTER_ERROR_SECONDS,
  STAGES,
  goSeconds,
  nextStage,
} from './stages';
import { CATALOGUE } from './images';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Obj = Record<string, any>;

setNginxIndex(CATALOGUE.get('docker.io/library/nginx')!.files!['/usr/share/nginx/html/index.html']);

// ---- user-visible texts (pkg/kubelet/events, images, kuberuntime) ------------------------------

export const MSG = {
  pulling: (img: string) => `Pulling image "${img}"`,
  pulled: (img: string, pullMs: number, totalMs: number, size: number) =>
    `Successfully pulled image "${img}" in ${goDuration(pullMs)} (${goDuration(totalMs)} including waiting). Image size: ${size} bytes.`,
  present: (img: string) => `Container image "${img}" already present on machine`,
  neverPull: (img: string) => `Container image "${img}" is not present with pull policy of Never`,
  failedPull: (img: string, err: string) => `Failed to pull image "${img}": ${err}`,
  backOffPull: (img: string) => `Back-off pulling image "${img}"`,
  created: (c: string) => `Created container: ${c}`,
  started: (c: string) => `Started container ${c}`,
  killing: (c: string) => `Stopping container ${c}`,
  failedLiveness: (c: string) => `Container ${c} failed liveness probe, will be restarted`,
  failedStartup: (c: string) => `Container ${c} failed startup probe, will be restarted`,
  backOffRestart: (c: string, pod: string) => `Back-off restarting failed container ${c} in pod ${pod}`,
  crashLoop: (sec: number, c: string, pod: string) => `back-off ${goSeconds(sec)} restarting failed container=${c} pod=${pod}`,
  execNotFound: (exe: string) =>
    `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "${exe}": executable file not found in $PATH: unknown`,
  failedMount: (vol: string, why: string) => `MountVolume.SetUp failed for volume "${vol}" : ${why}`,
} as const;

/** What every kubelet shares: the apiserver, clock, randomness and fleet-wide state. */
export interface KubeletDeps {
  api: ApiServer;
  clock: SimClock;
  rng: Rng;
  recorder(host: string): EventRecorder;
  /** Asks the fleet to sync a pod key soon (the pod worker queue). */
  enqueue(key: string): void;
  /** Image pull faults injected by the UI: by repository or full reference. */
  pullFaults: Map<string, PullFault>;
  /** Data of persistent volumes, by PV (or claim) name: survives pods. */
  volumeData: Map<string, MemDir>;
  /** Commands that reach the network (wget, curl, nslookup), provided by the networking code. */
  network?: NetworkHooks;
  /** A line written to a container log (for the UI). */
  onLog?: (ns: string, pod: string, container: string) => void;
}

export interface NetworkHooks {
  /** Runs `wget`/`curl`/`nslookup`/`nc`/`ping` from a pod; undefined = not handled. */
  run(from: { namespace: string; pod: string; ip: string; node: string }, argv: string[]): { out: string; err: string; code: number } | undefined;
}

export interface NodeConfig {
  name: string;
  ip: string;
  podCIDR: string;
  cpu: number;
  memoryBytes: number;
  kernel: string;
}

type CtrState = 'waiting' | 'running' | 'exited';

interface Terminated {
  id: string;
  exitCode: number;
  reason: string;
  message?: string;
  startedAt: number;
  finishedAt: number;
}

interface ProbeState {
  kind: 'startup' | 'readiness' | 'liveness';
  spec: Obj;
  successes: number;
  failures: number;
  timer?: TimerHandle;
}

/** One container of a pod, across its restarts. */
export interface Ctr {
  name: string;
  init: boolean;
  spec: Obj;
  state: CtrState;
  waiting?: { reason: string; message?: string };
  id?: string;
  image?: ResolvedImage;
  startedAt?: number;
  /** When the current instance was created (for StartError instances). */
  createdAt?: number;
  term?: Terminated;
  last?: Terminated;
  restartCount: number;
  /** Whether an instance has ever been created (containerStatus exists in the runtime). */
  everCreated: boolean;
  ready: boolean;
  started: boolean;
  log?: ContainerLog;
  prevLog?: ContainerLog;
  /** Logs by container id (current and previous instances). */
  proc?: Proc;
  probes: ProbeState[];
  killFor?: 'liveness' | 'startup';
  env: Map<string, string>;
  /** The container's file system, built on first use. */
  fs?: ContainerFS;
  makeFs?: () => ContainerFS;
  layer: MemDir;
  ports: number[];
  listenAt?: number;
  server?: { kind: ServerKind; ctx: ServerContext };
  /** When a readiness/liveness override from the UI applies. */
  healthOverride?: { ready?: boolean; live?: boolean };
  /** When the current stop was requested (graceful termination). */
  stopping?: boolean;
}

/** The process of a running container. */
interface Proc {
  timers: Set<TimerHandle>;
  gen?: Generator<Effect, number>;
  /** PID 1 ignores SIGTERM (a shell or sleep without a trap). */
  ignoresTerm: boolean;
  traps: Map<string, string>;
  stopSeconds: number;
  done: boolean;
  shellHost?: ShellHost;
}

export interface PodState {
  key: string;
  uid: string;
  pod: KObject;
  sandbox?: { id: string; ip: string; ready: boolean };
  ctrs: Map<string, Ctr>;
  startTime?: string;
  busy: boolean;
  resync: boolean;
  timer?: TimerHandle;
  requeue?: TimerHandle;
  deleting: boolean;
  terminated: boolean;
  /** Terminal phase written (Succeeded/Failed): nothing more runs. */
  finished: boolean;
  mountBackoff: number;
  /** The status our last write stored (store data, shared). */
  lastStatus?: unknown;
  /** resourceVersion of our own last status write (its watch event needs no sync). */
  writtenRv?: string;
  /** Inside our own status write (its watch event fires synchronously). */
  writing?: boolean;
  conditionTimes: Map<string, { status: string; time: string }>;
  emptyDirs: Map<string, MemDir>;
  mirror: boolean;
  configHash?: string;
  deadlineTimer?: TimerHandle;
  reason?: string;
  message?: string;
  failedPhase?: boolean;
}

function basename(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

function iso(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export class Kubelet {
  readonly pods = new Map<string, PodState>();
  readonly images = new Map<string, { size: number; names: string[] }>();
  readonly ipPool: IpPool;
  failed = false;
  stopped = false;
  private pullFreeAt = 0;
  private imageBackoff = new Backoff();
  private crashBackoff = new Backoff();
  private recorder: EventRecorder;
  /** Set when the node's image list changed (the node status is re-posted). */
  imagesDirty = false;
  /** Logs of removed containers, by container id, kept for `logs --previous` of the same pod. */
  private ipByPod = new Map<string, string>();

  constructor(
    readonly node: NodeConfig,
    private deps: KubeletDeps,
  ) {
    this.ipPool = new IpPool(node.podCIDR);
    this.recorder = deps.recorder(node.name);
  }

  private get api(): ApiServer {
    return this.deps.api;
  }
  private get clock(): SimClock {
    return this.deps.clock;
  }
  private now(): number {
    return this.clock.now();
  }

  /** A timer `sec` seconds from now, on a whole millisecond (event names need integer times). */
  private after(sec: number, fn: () => void, label = ''): TimerHandle {
    return this.clock.at(Math.round(this.clock.now() + sec * 1000), fn, label);
  }

  /** Marks an image present (preloaded system images). */
  addImage(image: ResolvedImage): void {
    const names = [`${image.imageID}`, image.ref.full];
    const cur = this.images.get(image.imageID);
    if (cur) {
      if (!cur.names.includes(image.ref.full)) cur.names.push(image.ref.full);
    } else this.images.set(image.imageID, { size: image.size, names });
    this.imagesDirty = true;
  }

  private hasImage(image: ResolvedImage): boolean {
    return this.images.get(image.imageID)?.names.includes(image.ref.full) ?? false;
  }

  // ---- events ------------------------------------------------------------------------------

  event(pod: KObject, type: EventType, reason: string, message: string, fieldPath?: string): void {
    if (this.failed || this.stopped) return;
    this.recorder.event(pod, type, reason, message, fieldPath);
  }

  private ctrEvent(st: PodState, c: Ctr, type: EventType, reason: string, message: string): void {
    if (st.mirror) return; // Simplification: events of static pods refer to the static pod UID, not the mirror.
    this.event(st.pod, type, reason, message, `spec.${c.init ? 'initContainers' : 'containers'}{${c.name}}`);
  }

  // ---- the pod worker ----------------------------------------------------------------------

  /** Called by the fleet's queue for a pod key bound to this node (or known to it). */
  syncKey(key: string): void {
    if (this.failed || this.stopped) return;
    const pod = this.api.getByKey('Pod', key);
    let st = this.pods.get(key);
    if (st && (!pod || !this.sameInstance(st, pod) || pod.spec?.nodeName !== this.node.name)) {
      // Deleted from the API (force delete) or replaced: kill everything now.
      this.teardown(st);
      st = undefined;
    }
    if (!pod || pod.spec?.nodeName !== this.node.name) return;
    if (!st) {
      st = this.admit(pod);
      if (!st) return;
    }
    st.pod = pod;
    if (st.busy) {
      if (pod.metadata.deletionTimestamp && !st.deleting) {
        st.deleting = true;
        this.abortChain(st);
      } else {
        st.resync = true;
        return;
      }
    }
    this.drive(st, this.syncPod(st));
  }

  private sameInstance(st: PodState, pod: KObject): boolean {
    if (st.mirror) return pod.metadata.annotations?.['kubernetes.io/config.hash'] === st.configHash;
    return pod.metadata.uid === st.uid;
  }

  private admit(pod: KObject): PodState | undefined {
    const st: PodState = {
      key: `${pod.metadata.namespace}/${pod.metadata.name}`,
      uid: pod.metadata.uid!,
      pod,
      ctrs: new Map(),
      busy: false,
      resync: false,
      deleting: false,
      terminated: false,
      finished: pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed',
      mountBackoff: 0,
      conditionTimes: new Map(),
      emptyDirs: new Map(),
      mirror: pod.metadata.annotations?.[MIRROR_ANNOTATION] !== undefined,
      configHash: pod.metadata.annotations?.['kubernetes.io/config.hash'],
    };
    for (const c of (pod.spec?.initContainers ?? []) as Obj[]) st.ctrs.set(c.name, this.newCtr(c, true));
    for (const c of (pod.spec?.containers ?? []) as Obj[]) st.ctrs.set(c.name, this.newCtr(c, false));
    // Keep what an earlier kubelet process knew (a kubelet restart or recovery re-reads status).
    for (const cs of [...((pod.status?.initContainerStatuses ?? []) as Obj[]), ...((pod.status?.containerStatuses ?? []) as Obj[])]) {
      const c = st.ctrs.get(cs.name);
      if (c) c.restartCount = cs.restartCount ?? 0;
    }
    if (pod.status?.startTime) st.startTime = pod.status.startTime;
    this.pods.set(st.key, st);
    const ads = pod.spec?.activeDeadlineSeconds;
    if (typeof ads === 'number' && !st.finished) {
      const start = st.startTime ? Date.parse(st.startTime) : this.now();
      st.deadlineTimer = this.clock.at(Math.round(start + ads * 1000), () => this.deps.enqueue(st.key));
    }
    return st;
  }

  private newCtr(spec: Obj, init: boolean): Ctr {
    return { name: spec.name, init, spec, state: 'waiting', restartCount: 0, everCreated: false, ready: false, started: false, probes: [], env: new Map(), layer: new MemDir(), ports: [] };
  }

  /** Runs a sync generator: each yielded number is a delay in seconds. */
  private drive(st: PodState, gen: Generator<number, void>): void {
    st.busy = true;
    const step = (): void => {
      st.timer = undefined;
      if (this.stopped) return;
      for (;;) {
        let r: IteratorResult<number, void>;
        try {
          r = gen.next();
        } catch (e) {
          st.busy = false;
          throw e;
        }
        if (r.done) {
          st.busy = false;
          this.writeStatus(st);
          if (st.resync) {
            st.resync = false;
            this.deps.enqueue(st.key);
          }
          return;
        }
        if (r.value > 0) {
          st.timer = this.after(r.value, step, 'kubelet');
          return;
        }
      }
    };
    step();
  }

  private abortChain(st: PodState): void {
    this.clock.cancel(st.timer);
    st.timer = undefined;
    st.busy = false;
  }

  private requeueAt(st: PodState, ms: number): void {
    if (st.requeue && !st.requeue.cancelled && st.requeue.at <= ms && st.requeue.at > this.now()) return;
    this.clock.cancel(st.requeue);
    st.requeue = this.clock.at(Math.round(ms), () => {
      st.requeue = undefined;
      this.deps.enqueue(st.key);
    });
  }

  private *syncPod(st: PodState): Generator<number, void> {
    const pod = st.pod;
    if (pod.metadata.deletionTimestamp) st.deleting = true;
    if (st.deleting) {
      yield* this.terminate(st);
      return;
    }
    if (st.finished) return;
    if (!st.startTime) st.startTime = this.clock.rfc3339();
    // activeDeadlineSeconds (pkg/kubelet/active_deadline.go).
    const ads = pod.spec?.activeDeadlineSeconds;
    if (typeof ads === 'number' && this.now() >= Date.parse(st.startTime) + ads * 1000) {
      st.reason = 'DeadlineExceeded';
      st.message = 'Pod was active on the node longer than the specified deadline';
      this.event(pod, 'Normal', 'DeadlineExceeded', st.message);
      yield* this.killAll(st, undefined);
      st.failedPhase = true;
      st.finished = true;
      this.stopSandbox(st);
      return;
    }
    this.writeStatus(st);
    const stage = nextStage({ deleting: false, volumesReady: !!st.sandbox, sandboxReady: !!st.sandbox?.ready, initDone: this.initDone(st) });
    if (stage.name === 'mount' || stage.name === 'sandbox') {
      const missing = this.missingVolume(st);
      if (missing) {
        this.event(pod, 'Warning', 'FailedMount', MSG.failedMount(missing.volume, missing.why));
        st.mountBackoff = st.mountBackoff ? Math.min(st.mountBackoff * 2, MOUNT_BACKOFF.maxSeconds) : MOUNT_BACKOFF.initialSeconds;
        this.requeueAt(st, this.now() + st.mountBackoff * 1000);
        return;
      }
      st.mountBackoff = 0;
      yield STAGES.find((s) => s.name === 'sandbox')!.delay + this.deps.rng.float() * 0.4;
      if (st.deleting) return;
      const hostNetwork = pod.spec?.hostNetwork === true;
      const ip = hostNetwork ? this.node.ip : this.ipPool.allocate();
      if (!ip) {
        this.event(pod, 'Warning', 'FailedCreatePodSandBox', `Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "${this.deps.rng.hex(32)}": plugin type="flannel" failed (add): failed to delegate add: failed to allocate for range 0: no IP addresses available in range set: ${this.ipPool.cidr}`);
        this.requeueAt(st, this.now() + 10_000);
        return;
      }
      if (!hostNetwork) this.ipByPod.set(st.key, ip);
      st.sandbox = { id: this.deps.rng.hex(32), ip, ready: true };
    }
    // Init containers, one at a time.
    if (!this.initDone(st)) {
      const inits = [...st.ctrs.values()].filter((c) => c.init);
      const running = inits.find((c) => c.state === 'running');
      if (running) return;
      const failedInit = [...inits].reverse().find((c) => c.state === 'exited' && c.term!.exitCode !== 0);
      if (failedInit) {
        if (pod.spec?.restartPolicy === 'Never') {
          st.finished = true;
          st.failedPhase = true;
          this.stopSandbox(st);
          return;
        }
        if (!(yield* this.maybeRestart(st, failedInit))) return;
        return;
      }
      const next = inits.find((c) => c.state !== 'exited');
      if (next) {
        if (next.state === 'waiting' && next.everCreated && next.term) {
          if (!(yield* this.maybeRestart(st, next))) return;
          return;
        }
        yield* this.startContainer(st, next);
      }
      return;
    }
    // Regular containers.
    const policy = pod.spec?.restartPolicy ?? 'Always';
    for (const c of st.ctrs.values()) {
      if (c.init) continue;
      if (st.deleting) return;
      if (c.state === 'running') {
        if (!c.killFor) continue;
        const why = c.killFor === 'liveness' ? MSG.failedLiveness(c.name) : MSG.failedStartup(c.name);
        c.killFor = undefined;
        yield* this.killContainer(st, c, why, pod.spec?.terminationGracePeriodSeconds ?? 30);
        if (policy === 'Never') continue;
        if (!(yield* this.maybeRestart(st, c))) continue;
        continue;
      }
      if (c.state === 'exited') {
        const code = c.term?.exitCode ?? 0;
        if (policy === 'Never' || (policy === 'OnFailure' && code === 0)) continue;
        yield* this.maybeRestart(st, c);
        continue;
      }
      // waiting: never started, or a failed pull / config error to retry.
      if (c.everCreated && (c.last || c.term)) {
        // An earlier instance exited: restarts go through the crash-loop back-off.
        yield* this.maybeRestart(st, c);
        continue;
      }
      yield* this.startContainer(st, c);
    }
    if (this.allDone(st, policy)) {
      st.finished = true;
      this.stopSandbox(st);
    }
  }

  private initDone(st: PodState): boolean {
    const regular = [...st.ctrs.values()].filter((c) => !c.init);
    if (regular.some((c) => c.everCreated)) return true;
    return [...st.ctrs.values()].filter((c) => c.init).every((c) => c.state === 'exited' && c.term!.exitCode === 0);
  }

  private allDone(st: PodState, policy: string): boolean {
    if (policy === 'Always') return false;
    const regular = [...st.ctrs.values()].filter((c) => !c.init);
    return regular.every((c) => c.state === 'exited' && (policy === 'Never' || c.term!.exitCode === 0));
  }

  /** doBackOff + start: restarts an exited container unless it is in crash-loop back-off. */
  private *maybeRestart(st: PodState, c: Ctr): Generator<number, boolean> {
    const finishedAt = c.term?.finishedAt ?? c.last?.finishedAt ?? this.now();
    const key = `${st.uid}_${c.name}`;
    const podText = `${st.pod.metadata.name}_${st.pod.metadata.namespace}(${st.uid})`;
    if (this.crashBackoff.inBackoffSince(key, finishedAt, this.now())) {
      this.ctrEvent(st, c, 'Warning', 'BackOff', MSG.backOffRestart(c.name, podText));
      if (c.state === 'exited') {
        c.last = c.term;
        c.term = undefined;
        c.state = 'waiting';
      }
      c.waiting = { reason: 'CrashLoopBackOff', message: MSG.crashLoop(this.crashBackoff.get(key), c.name, podText) };
      this.requeueAt(st, this.crashBackoff.until(key, finishedAt));
      return false;
    }
    this.crashBackoff.next(key, finishedAt, this.now());
    yield* this.startContainer(st, c);
    return true;
  }

  // ---- starting a container ----------------------------------------------------------------

  private setWaiting(c: Ctr, reason: string, message?: string): void {
    if (c.state === 'exited' && c.term) c.last = c.term;
    c.term = c.state === 'exited' ? undefined : c.term;
    c.state = 'waiting';
    c.waiting = message === undefined ? { reason } : { reason, message };
    c.ready = false;
    c.started = false;
  }

  private *startContainer(st: PodState, c: Ctr): Generator<number, void> {
    const pod = st.pod;
    const imageText: string = c.spec.image;
    const parsed = parseImageRef(imageText);
    if (!parsed.ok) {
      this.ctrEvent(st, c, 'Warning', 'InspectFailed', parsed.message);
      this.ctrEvent(st, c, 'Warning', 'Failed', 'Error: InvalidImageName');
      this.setWaiting(c, 'InvalidImageName', parsed.message);
      return;
    }
    const ref = parsed.ref;
    const resolved = resolveImage(ref);
    const fault = this.deps.pullFaults.get(ref.full) ?? this.deps.pullFaults.get(ref.repo);
    const present = resolved.ok && this.hasImage(resolved.image);
    const policy: string = c.spec.imagePullPolicy ?? 'IfNotPresent';
    let image: ResolvedImage | undefined = resolved.ok ? resolved.image : undefined;
    if (policy === 'Never' && !present) {
      this.ctrEvent(st, c, 'Warning', 'ErrImageNeverPull', MSG.neverPull(imageText));
      this.setWaiting(c, 'ErrImageNeverPull', MSG.neverPull(imageText));
      return;
    }
    if (present && policy !== 'Always') {
      this.ctrEvent(st, c, 'Normal', 'Pulled', MSG.present(imageText));
    } else if (policy !== 'Never') {
      const bkey = `${st.uid}_${imageText}`;
      if (this.imageBackoff.inBackoffSinceUpdate(bkey, this.now())) {
        this.ctrEvent(st, c, 'Normal', 'BackOff', MSG.backOffPull(imageText));
        this.ctrEvent(st, c, 'Warning', 'Failed', 'Error: ImagePullBackOff');
        this.setWaiting(c, 'ImagePullBackOff', MSG.backOffPull(imageText));
        this.requeueAt(st, this.imageBackoff.until(bkey, this.lastPullFailure.get(bkey) ?? this.now()));
        return;
      }
      this.ctrEvent(st, c, 'Normal', 'Pulling', MSG.pulling(imageText));
      const requested = this.now();
      const ok = resolved.ok && !fault;
      const size = resolved.ok ? resolved.image.size : 0;
      // serializeImagePulls: one pull at a time per node. A pull queued behind another pull of
      // the same image finds the layers there and only resolves the manifest.
      const start = Math.max(requested, this.pullFreeAt);
      const cachedBy = resolved.ok ? this.pullsDone.get(resolved.image.imageID) : undefined;
      const layersThere = present || (cachedBy !== undefined && cachedBy <= start);
      const dur = (ok ? pullSeconds(size, layersThere) : 0.3 + this.deps.rng.float() * 0.8) * (0.85 + this.deps.rng.float() * 0.3);
      const end = Math.round(start + dur * 1000);
      if (ok) {
        this.pullFreeAt = end;
        if (cachedBy === undefined || end < cachedBy) this.pullsDone.set(resolved.image.imageID, end);
      }
      yield (end - requested) / 1000;
      if (st.deleting) return;
      if (!ok) {
        const err = fault ? pullError(ref, fault) : (resolved as { error: string }).error;
        this.ctrEvent(st, c, 'Warning', 'Failed', MSG.failedPull(imageText, err));
        this.imageBackoff.next(bkey, this.now(), this.now());
        this.lastPullFailure.set(bkey, this.now());
        this.ctrEvent(st, c, 'Warning', 'Failed', 'Error: ErrImagePull');
        this.setWaiting(c, 'ErrImagePull', err);
        this.requeueAt(st, this.now() + RESYNC_AFTER_ERROR_SECONDS * 1000);
        return;
      }
      image = resolved.image;
      this.addImage(image);
      this.ctrEvent(st, c, 'Normal', 'Pulled', MSG.pulled(imageText, end - start, end - requested, image.size));
    }
    if (!image) return;
    // Environment (CreateContainerConfigError on a missing ConfigMap/Secret/key).
    const hostname = this.hostnameOf(pod);
    let env: Map<string, string>;
    try {
      env = containerEnv({
        api: this.api,
        pod,
        container: c.spec,
        image: image.info,
        hostIP: this.node.ip,
        podIP: st.sandbox?.ip,
        hostname,
        nodeAlloc: { cpu: this.node.cpu, memory: this.node.memoryBytes },
      });
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      this.ctrEvent(st, c, 'Warning', 'Failed', `Error: ${e.message}`);
      this.setWaiting(c, 'CreateContainerConfigError', e.message);
      this.requeueAt(st, this.now() + 10_000);
      return;
    }
    yield CONTAINER_STEPS.create;
    if (st.deleting) return;
    // A new instance: the previous one becomes lastState.
    if (c.everCreated) {
      c.restartCount++;
      if (c.term) c.last = c.term;
      c.prevLog = c.log;
    }
    c.everCreated = true;
    c.id = this.deps.rng.hex(32);
    c.image = image;
    c.env = env;
    c.term = undefined;
    c.createdAt = this.now();
    c.log = new ContainerLog();
    c.layer = new MemDir();
    c.fs = undefined;
    c.makeFs = () => this.buildFs(st, c, image.info, hostname);
    this.ctrEvent(st, c, 'Normal', 'Created', MSG.created(c.name));
    const argv = containerArgv(c.spec, image.info, env);
    const plan = this.plan(image, argv);
    if (plan.kind === 'notfound') {
      const msg = MSG.execNotFound(plan.exe);
      this.ctrEvent(st, c, 'Warning', 'Failed', `Error: ${msg}`);
      c.state = 'exited';
      c.waiting = undefined;
      c.term = { id: c.id, exitCode: 128, reason: 'StartError', message: msg, startedAt: 0, finishedAt: this.now() };
      c.log.close(this.now());
      return;
    }
    yield CONTAINER_STEPS.start;
    if (st.deleting) return;
    c.state = 'running';
    c.waiting = undefined;
    c.startedAt = this.now();
    c.ready = false;
    c.started = !c.spec.startupProbe;
    this.ctrEvent(st, c, 'Normal', 'Started', MSG.started(c.name));
    this.runProcess(st, c, plan, argv, hostname);
    this.startProbes(st, c);
  }

  private lastPullFailure = new Map<string, number>();
  /** When the first pull of an image (by imageID) completes on this node. */
  private pullsDone = new Map<string, number>();

  hostnameOf(pod: KObject): string {
    if (pod.spec?.hostNetwork) return this.node.name;
    return (pod.spec?.hostname as string | undefined) ?? pod.metadata.name!;
  }

  // ---- processes ---------------------------------------------------------------------------

  private plan(image: ResolvedImage, argv: string[]):
    | { kind: 'server'; server: ServerKind; args: string[] }
    | { kind: 'script'; script: string; args: string[] }
    | { kind: 'argv'; argv: string[] }
    | { kind: 'exit0' }
    | { kind: 'notfound'; exe: string } {
    const info = image.info;
    let a = argv;
    if (a.length === 0) return { kind: 'notfound', exe: '' };
    // Entrypoint wrappers that exec their arguments.
    while (a.length > 1 && ['docker-entrypoint.sh', 'entrypoint.sh', 'tini', 'dumb-init', '--'].includes(basename(a[0])) && !info.servers?.[basename(a[1])] && a[1] !== undefined) {
      if (info.servers?.[basename(a[0])] && info.repo.endsWith('/nginx')) break;
      a = a.slice(1);
    }
    const exe = basename(a[0]);
    const server = info.servers?.[exe];
    if (server && !(exe === 'docker-entrypoint.sh' && a.length > 1 && !info.servers?.[basename(a[1])])) {
      if (exe === 'nginx' && a.includes('-v')) return { kind: 'argv', argv: a };
      return { kind: 'server', server, args: a.slice(1) };
    }
    if ((exe === 'python' || exe === 'python3') && a[1] === '-m' && a[2] === 'http.server') return { kind: 'server', server: 'python-http', args: a.slice(3) };
    if ((exe === 'python' || exe === 'python3' || exe === 'node') && a.length === 1) return { kind: 'exit0' };
    if (['sh', 'bash', 'ash'].includes(exe)) {
      if (!info.shell) return { kind: 'notfound', exe: a[0] };
      const ci = a.indexOf('-c');
      if (ci >= 0) return { kind: 'script', script: a[ci + 1] ?? '', args: a.slice(ci + 2) };
      if (a.length === 1) return { kind: 'exit0' };
      return { kind: 'argv', argv: a };
    }
    if (info.shell && (CORE_COMMANDS.has(exe) || (info.commands ?? []).includes(exe))) return { kind: 'argv', argv: a };
    if (!info.shell && (info.commands ?? []).includes(exe)) return { kind: 'argv', argv: a };
    return { kind: 'notfound', exe: a[0] };
  }

  /** The container's file system (built on first use). */
  fsOf(c: Ctr): ContainerFS | undefined {
    if (!c.fs && c.makeFs) c.fs = c.makeFs();
    return c.fs;
  }

  private shellHost(st: PodState, c: Ctr): ShellHost {
    const fs = this.fsOf(c)!;
    return {
      env: c.env,
      now: () => this.now(),
      hostname: this.hostnameOf(st.pod),
      readFile: (p) => fs.read(p),
      writeFile: (p, content, append) => fs.write(p, content, append),
      removeFile: (p) => fs.remove(p),
      isDir: (p) => fs.isDir(p),
      mkdir: (p) => fs.mkdir(p),
      listDir: (p) => fs.list(p),
      hasCommand: (name) => (c.image?.info.commands ?? []).includes(name) || ['sh', 'ash', 'bash'].includes(name) && !!c.image?.info.shell,
      external: (argv, stdin) => this.external(st, c, argv, stdin),
      traps: c.proc?.traps ?? new Map(),
      kernel: this.node.kernel,
      perl: c.image?.info.perl ? { version: c.image.version, threaded: c.image.ref.tag.includes('threaded') } : undefined,
    };
  }

  private external(st: PodState, c: Ctr, argv: string[], stdin: string): { out: string; err: string; code: number } | undefined {
    void stdin;
    const exe = basename(argv[0]);
    if (exe === 'nginx' && (argv.includes('-v') || argv.includes('-V'))) return { out: '', err: `nginx version: nginx/${c.image?.version}\n`, code: 0 };
    if (exe === 'nginx' && argv.includes('-t')) return { out: '', err: 'nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n', code: 0 };
    if (exe === 'ps') {
      const cmd = c.proc ? (c.spec.command ?? c.image?.info.entrypoint ?? []).concat(c.spec.args ?? c.image?.info.cmd ?? []).join(' ') : '';
      return { out: `PID   USER     TIME  COMMAND\n    1 root      0:00 ${cmd}\n`, err: '', code: 0 };
    }
    const net = this.deps.network?.run({ namespace: st.pod.metadata.namespace!, pod: st.pod.metadata.name!, ip: st.sandbox?.ip ?? '', node: this.node.name }, argv);
    if (net) {
      // Files the command saved (wget without -O-, curl -o), relative to the working directory.
      for (const [path, content] of (net as { files?: [string, string][] }).files ?? []) {
        if (path !== '/dev/null') this.fsOf(c)?.write(path.startsWith('/') ? path : `${(c.spec.workingDir ?? c.image?.info.workdir ?? '/').replace(/\/$/, '')}/${path}`, content, false);
      }
      return net;
    }
    if (exe === 'wget' || exe === 'curl') {
      const url = argv.slice(1).find((x) => !x.startsWith('-')) ?? '';
      const host = url.replace(/^\w+:\/\//, '').split(/[/:]/)[0];
      return exe === 'wget' ? { out: '', err: `wget: bad address '${host}'\n`, code: 1 } : { out: '', err: `curl: (6) Could not resolve host: ${host}\n`, code: 6 };
    }
    if (exe === 'nslookup') return { out: '', err: `;; connection timed out; no servers could be reached\n\n`, code: 1 };
    if (exe === 'ping') return { out: `PING ${argv[argv.length - 1]} (${argv[argv.length - 1]}): 56 data bytes\n`, err: '', code: 1 };
    return { out: '', err: '', code: 0 };
  }

  private runProcess(st: PodState, c: Ctr, plan: Exclude<ReturnType<Kubelet['plan']>, { kind: 'notfound' }>, argv: string[], hostname: string): void {
    const proc: Proc = { timers: new Set(), ignoresTerm: false, traps: new Map(), stopSeconds: 0.05, done: false };
    c.proc = proc;
    const log = c.log!;
    const at = (sec: number, fn: () => void): void => {
      const t = this.after(sec, () => {
        proc.timers.delete(t);
        if (!proc.done) fn();
      });
      proc.timers.add(t);
    };
    if (plan.kind === 'exit0') {
      at(0.05, () => this.exited(st, c, 0, 'Completed'));
      return;
    }
    if (plan.kind === 'server') {
      const image = c.image!;
      const ctx: ServerContext = {
        now: this.now(),
        podIP: st.sandbox?.ip ?? '',
        hostname,
        version: image.version,
        tag: image.ref.tag,
        args: plan.args,
        env: c.env,
        cpus: this.node.cpu,
        kernel: this.node.kernel,
      };
      const b = behaviourOf(plan.server);
      const { lines, fail, listenAfter } = b.start(ctx);
      c.server = { kind: plan.server, ctx };
      c.ports = b.ports?.(ctx) ?? image.info.ports ?? [];
      proc.stopSeconds = image.info.stopSeconds ?? 0.1;
      // One timer per distinct time, not per line.
      const byTime = new Map<number, typeof lines>();
      for (const l of lines) {
        const g = byTime.get(l.at);
        if (g) g.push(l);
        else byTime.set(l.at, [l]);
      }
      for (const [t, group] of byTime) at(t, () => {
        for (const l of group) log.writeLines(this.now(), l.stream, [l.text]);
      });
      const last = lines.reduce((m, l) => Math.max(m, l.at), 0);
      if (fail !== undefined) at(last + 0.05, () => this.exited(st, c, fail, 'Error'));
      else c.listenAt = this.now() + (listenAfter ?? 0) * 1000;
      return;
    }
    // A command: PID 1 is a shell or a busybox applet; neither handles SIGTERM unless trapped.
    proc.ignoresTerm = true;
    const shell = new Shell(this.shellHost(st, c), plan.kind === 'script' ? plan.args : []);
    proc.shellHost = this.shellHost(st, c);
    proc.traps = proc.shellHost.traps!;
    proc.gen = plan.kind === 'script' ? shell.run(plan.script) : shell.runArgv(plan.argv);
    void argv;
    const pump = (): void => {
      const gen = proc.gen!;
      let n = 0;
      for (;;) {
        const r = gen.next();
        if (r.done) {
          this.exited(st, c, r.value, r.value === 0 ? 'Completed' : 'Error');
          return;
        }
        const e = r.value;
        if (e.t === 'out' || e.t === 'err') {
          log.write(this.now(), e.t === 'out' ? 'stdout' : 'stderr', e.s);
          this.deps.onLog?.(st.pod.metadata.namespace!, st.pod.metadata.name!, c.name);
          if (++n > 2000) {
            at(0.5, pump);
            return;
          }
          continue;
        }
        if (e.sec === Infinity) return;
        at(e.sec, pump);
        return;
      }
    };
    at(0.001, pump);
  }

  /** The main process of a container ended. */
  private exited(st: PodState, c: Ctr, code: number, reason: string): void {
    const proc = c.proc;
    if (proc) {
      proc.done = true;
      for (const t of proc.timers) this.clock.cancel(t);
      proc.timers.clear();
    }
    c.proc = undefined;
    this.stopProbes(c);
    c.log?.close(this.now());
    let message: string | undefined;
    if (code !== 0 && c.spec.terminationMessagePolicy === 'FallbackToLogsOnError') {
      const text = (c.log?.lines ?? []).slice(-80).map((l) => l.text).join('\n');
      message = text.length > 2048 ? text.slice(-2048) : text;
      if (message) message += '\n';
    }
    c.term = { id: c.id!, exitCode: code, reason, startedAt: c.startedAt ?? this.now(), finishedAt: this.now(), ...(message ? { message } : {}) };
    c.state = 'exited';
    c.waiting = undefined;
    c.ready = false;
    c.started = false;
    c.listenAt = undefined;
    c.stopping = false;
    if (!st.deleting) this.deps.enqueue(st.key);
  }

  /** Sends the stop signal; returns seconds until the process is gone (bounded by grace). */
  private signal(st: PodState, c: Ctr, grace: number): number {
    const proc = c.proc;
    if (!proc || proc.done) return 0;
    c.stopping = true;
    c.ready = false;
    const g = Math.max(grace, 0);
    const at = (sec: number, fn: () => void): void => {
      const t = this.after(sec, () => {
        proc.timers.delete(t);
        if (!proc.done) fn();
      });
      proc.timers.add(t);
    };
    const termTrap = proc.traps.get('TERM') ?? proc.traps.get('15') ?? proc.traps.get('INT');
    if (c.server) {
      const b = behaviourOf(c.server.kind);
      const stopLines = b.stop?.({ ...c.server.ctx, now: this.now() }) ?? [];
      const t = Math.min(proc.stopSeconds, g);
      for (const l of stopLines) if (l.at <= t) at(l.at, () => c.log?.writeLines(this.now(), l.stream, [l.text]));
      c.listenAt = undefined;
      if (proc.stopSeconds <= g) {
        at(proc.stopSeconds, () => this.exited(st, c, 0, 'Completed'));
        return proc.stopSeconds;
      }
      at(g, () => this.exited(st, c, 137, 'Error'));
      return g;
    }
    if (termTrap !== undefined) {
      const r = runToCompletion(new Shell(proc.shellHost!, []).run(termTrap));
      at(0.01, () => {
        if (r.out) c.log?.write(this.now(), 'stdout', r.out);
        if (r.err) c.log?.write(this.now(), 'stderr', r.err);
        this.exited(st, c, /exit\s+\d+/.test(termTrap) ? r.code : 143, r.code === 0 && /exit\s+0/.test(termTrap) ? 'Completed' : 'Error');
      });
      return 0.01;
    }
    if (proc.ignoresTerm) {
      at(g, () => this.exited(st, c, 137, 'Error'));
      return g;
    }
    at(0.05, () => this.exited(st, c, 143, 'Error'));
    return 0.05;
  }

  private *killContainer(st: PodState, c: Ctr, message: string, grace: number): Generator<number, void> {
    this.ctrEvent(st, c, 'Normal', 'Killing', message);
    const t = this.signal(st, c, Math.max(grace, MIN_GRACE_SECONDS));
    if (t > 0) yield t + 0.001;
  }

  private *killAll(st: PodState, grace: number | undefined): Generator<number, void> {
    let wait = 0;
    const g = grace ?? (st.pod.spec?.terminationGracePeriodSeconds as number | undefined) ?? 30;
    for (const c of st.ctrs.values()) {
      if (c.state !== 'running') continue;
      this.ctrEvent(st, c, 'Normal', 'Killing', MSG.killing(c.name));
      wait = Math.max(wait, this.signal(st, c, Math.max(g, MIN_GRACE_SECONDS)));
    }
    if (wait > 0) yield wait + 0.001;
  }

  private stopSandbox(st: PodState): void {
    if (st.sandbox) st.sandbox.ready = false;
  }

  // ---- termination -------------------------------------------------------------------------

  private *terminate(st: PodState): Generator<number, void> {
    if (st.terminated) return;
    const pod = st.pod;
    if (st.mirror) {
      // Mirror pods: the apiserver object goes, the static pod keeps running (the fleet re-creates it).
      st.terminated = true;
      this.deleteFromApi(pod, st.uid);
      return;
    }
    const grace = (pod.metadata.deletionGracePeriodSeconds as number | undefined) ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
    yield* this.killAll(st, grace);
    this.stopProbesAll(st);
    this.stopSandbox(st);
    st.terminated = true;
    st.finished = true;
    this.writeStatus(st, true);
    this.deleteFromApi(st.pod, st.uid);
    this.release(st);
  }

  private deleteFromApi(pod: KObject, uid: string): void {
    if (this.failed || this.stopped) return;
    try {
      this.api.delete('Pod', pod.metadata.namespace, pod.metadata.name!, { gracePeriodSeconds: 0, preconditions: { uid } });
    } catch (e) {
      // Already gone, or replaced by a new pod of the same name: nothing left to delete.
      if (!isStatusError(e)) throw e;
    }
  }

  /** Drops all runtime state of a pod (deleted from the API). */
  teardown(st: PodState): void {
    this.abortChain(st);
    for (const c of st.ctrs.values()) {
      if (c.proc) {
        for (const t of c.proc.timers) this.clock.cancel(t);
        c.proc.done = true;
      }
      this.stopProbes(c);
      c.log?.close(this.now());
    }
    this.release(st);
  }

  private release(st: PodState): void {
    this.clock.cancel(st.requeue);
    this.clock.cancel(st.deadlineTimer);
    const ip = this.ipByPod.get(st.key);
    if (ip && st.sandbox?.ip === ip) {
      this.ipPool.release(ip);
      this.ipByPod.delete(st.key);
    }
    this.crashBackoff.delete(`${st.uid}_`);
    this.imageBackoff.delete(`${st.uid}_`);
    if (this.pods.get(st.key) === st) this.pods.delete(st.key);
  }

  /** Stops the kubelet for good (node removed). */
  stop(): void {
    this.stopped = true;
    for (const st of [...this.pods.values()]) this.teardown(st);
  }

  // ---- volumes -----------------------------------------------------------------------------

  private missingVolume(st: PodState): { volume: string; why: string } | undefined {
    const ns = st.pod.metadata.namespace!;
    for (const v of (st.pod.spec?.volumes ?? []) as Obj[]) {
      if (v.configMap && !v.configMap.optional && !this.api.find('ConfigMap', ns, v.configMap.name)) {
        return { volume: v.name, why: `configmap "${v.configMap.name}" not found` };
      }
      if (v.secret && !v.secret.optional && !this.api.find('Secret', ns, v.secret.secretName)) {
        return { volume: v.name, why: `secret "${v.secret.secretName}" not found` };
      }
      if (v.persistentVolumeClaim) {
        const pvc = this.api.find('PersistentVolumeClaim', ns, v.persistentVolumeClaim.claimName);
        if (!pvc || (pvc.status?.phase && pvc.status.phase !== 'Bound')) {
          return { volume: v.name, why: `persistentvolumeclaim "${v.persistentVolumeClaim.claimName}" ${pvc ? 'not bound' : 'not found'}` };
        }
      }
    }
    return undefined;
  }

  private volumeFs(st: PodState, v: Obj): { fs: ContainerFS['mount'] extends (p: string, f: infer F, r: boolean) => void ? F : never; readOnly: boolean } | undefined {
    const ns = st.pod.metadata.namespace!;
    const api = this.api;
    if (v.emptyDir) {
      let d = st.emptyDirs.get(v.name);
      if (!d) st.emptyDirs.set(v.name, (d = new MemDir()));
      return { fs: d, readOnly: false };
    }
    if (v.configMap) {
      return {
        fs: new KeyDir(() => {
          const cm = api.find('ConfigMap', ns, v.configMap.name);
          const data = { ...((cm?.data ?? {}) as Obj) };
          const m = new Map<string, string>();
          if (v.configMap.items) for (const it of v.configMap.items) { if (data[it.key] !== undefined) m.set(it.path, String(data[it.key])); }
          else for (const [k, val] of Object.entries(data)) m.set(k, String(val));
          return m;
        }),
        readOnly: true,
      };
    }
    if (v.secret) {
      return {
        fs: new KeyDir(() => {
          const s = api.find('Secret', ns, v.secret.secretName);
          const m = new Map<string, string>();
          const data = (s?.data ?? {}) as Obj;
          if (v.secret.items) for (const it of v.secret.items) { if (data[it.key] !== undefined) m.set(it.path, b64decode(String(data[it.key]))); }
          else for (const [k, val] of Object.entries(data)) m.set(k, b64decode(String(val)));
          return m;
        }),
        readOnly: true,
      };
    }
    if (v.projected) {
      const pod = st.pod;
      const issued = Math.floor(this.now() / 1000);
      return {
        fs: new KeyDir(() => {
          const m = new Map<string, string>();
          for (const s of (v.projected.sources ?? []) as Obj[]) {
            if (s.serviceAccountToken) m.set(s.serviceAccountToken.path ?? 'token', fakeToken(ns, pod.spec?.serviceAccountName ?? 'default', pod.metadata.name!, pod.metadata.uid!, issued));
            if (s.configMap) {
              const cm = api.find('ConfigMap', ns, s.configMap.name);
              for (const it of (s.configMap.items ?? []) as Obj[]) {
                const val = (cm?.data as Obj | undefined)?.[it.key] ?? (s.configMap.name === 'kube-root-ca.crt' && it.key === 'ca.crt' ? CLUSTER_CA : undefined);
                if (val !== undefined) m.set(it.path, String(val));
              }
            }
            for (const it of (s.downwardAPI?.items ?? []) as Obj[]) {
              if (it.fieldRef?.fieldPath === 'metadata.namespace') m.set(it.path, ns);
              else if (it.fieldRef?.fieldPath === 'metadata.name') m.set(it.path, pod.metadata.name!);
            }
          }
          return m;
        }),
        readOnly: true,
      };
    }
    if (v.downwardAPI) {
      const pod = st.pod;
      return {
        fs: new KeyDir(() => {
          const m = new Map<string, string>();
          const cur = api.getByKey('Pod', st.key) ?? pod;
          for (const it of (v.downwardAPI.items ?? []) as Obj[]) {
            const f = it.fieldRef?.fieldPath as string | undefined;
            if (f === 'metadata.labels') m.set(it.path, Object.entries(cur.metadata.labels ?? {}).map(([k, val]) => `${k}="${val}"`).join('\n'));
            else if (f === 'metadata.annotations') m.set(it.path, Object.entries(cur.metadata.annotations ?? {}).map(([k, val]) => `${k}="${val}"`).join('\n'));
            else if (f === 'metadata.name') m.set(it.path, cur.metadata.name!);
            else if (f === 'metadata.namespace') m.set(it.path, ns);
            else if (f === 'metadata.uid') m.set(it.path, cur.metadata.uid!);
          }
          return m;
        }),
        readOnly: true,
      };
    }
    if (v.persistentVolumeClaim) {
      const pvc = api.find('PersistentVolumeClaim', ns, v.persistentVolumeClaim.claimName);
      const key = (pvc?.spec?.volumeName as string | undefined) ?? `pvc:${ns}/${v.persistentVolumeClaim.claimName}`;
      let d = this.deps.volumeData.get(key);
      if (!d) this.deps.volumeData.set(key, (d = new MemDir()));
      return { fs: d, readOnly: !!v.persistentVolumeClaim.readOnly };
    }
    if (v.hostPath) {
      const key = `host:${this.node.name}:${v.hostPath.path}`;
      let d = this.deps.volumeData.get(key);
      if (!d) this.deps.volumeData.set(key, (d = new MemDir()));
      return { fs: d, readOnly: false };
    }
    return undefined;
  }

  private buildFs(st: PodState, c: Ctr, info: ImageInfo, hostname: string): ContainerFS {
    const ip = st.sandbox?.ip ?? '';
    const pod = st.pod;
    const ns = pod.metadata.namespace!;
    const files: Record<string, string> = { ...(info.files ?? {}) };
    files['/etc/hostname'] = `${hostname}\n`;
    const sub = pod.spec?.subdomain ? `\t${hostname}.${pod.spec.subdomain}.${ns}.svc.cluster.local\t${hostname}` : `\t${hostname}`;
    files['/etc/hosts'] = pod.spec?.hostNetwork
      ? `127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n${this.node.ip}\t${this.node.name}\n`
      : `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n${ip}${sub}\n`;
    const dnsPolicy = pod.spec?.dnsPolicy ?? 'ClusterFirst';
    files['/etc/resolv.conf'] =
      dnsPolicy === 'Default' || (pod.spec?.hostNetwork && dnsPolicy !== 'ClusterFirstWithHostNet')
        ? 'nameserver 172.18.0.1\noptions edns0 trust-ad ndots:0\n'
        : `search ${ns}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n`;
    const fs = new ContainerFS(c.layer, files);
    const vols = new Map<string, Obj>(((pod.spec?.volumes ?? []) as Obj[]).map((v) => [v.name, v]));
    for (const m of (c.spec.volumeMounts ?? []) as Obj[]) {
      const v = vols.get(m.name);
      if (!v) continue;
      const mf = this.volumeFs(st, v);
      if (!mf) continue;
      if (m.subPath && mf.fs instanceof MemDir) {
        const base = mf.fs;
        const prefix = m.subPath;
        fs.mount(m.mountPath, new MemDirView(base, prefix), !!m.readOnly || mf.readOnly);
      } else fs.mount(m.mountPath, mf.fs, !!m.readOnly || mf.readOnly);
    }
    return fs;
  }

  // ---- probes ------------------------------------------------------------------------------

  private startProbes(st: PodState, c: Ctr): void {
    this.stopProbes(c);
    const kinds: [ProbeState['kind'], Obj | undefined][] = [
      ['startup', c.spec.startupProbe],
      ['readiness', c.spec.readinessProbe],
      ['liveness', c.spec.livenessProbe],
    ];
    for (const [kind, spec] of kinds) if (spec) c.probes.push({ kind, spec, successes: 0, failures: 0 });
    if (!c.spec.readinessProbe && c.started) c.ready = true;
    if (c.spec.startupProbe) this.scheduleProbe(st, c, c.probes[0], true);
    else for (const p of c.probes) this.scheduleProbe(st, c, p, true);
  }

  private scheduleProbe(st: PodState, c: Ctr, p: ProbeState, first: boolean): void {
    const initial = Number(p.spec.initialDelaySeconds ?? 0);
    const period = Math.max(1, Number(p.spec.periodSeconds ?? 10));
    // Simplification: probe ticks are aligned to the container start; the first probe runs at
    // initialDelaySeconds (one second after start when that is 0).
    const delay = first ? Math.max(initial - (this.now() - (c.startedAt ?? this.now())) / 1000, initial > 0 ? 0 : 1) : period;
    p.timer = this.after(delay, () => this.runProbe(st, c, p), 'probe');
  }

  private stopProbes(c: Ctr): void {
    for (const p of c.probes) this.clock.cancel(p.timer);
    c.probes = [];
  }

  private stopProbesAll(st: PodState): void {
    for (const c of st.ctrs.values()) this.stopProbes(c);
  }

  private runProbe(st: PodState, c: Ctr, p: ProbeState): void {
    p.timer = undefined;
    if (c.state !== 'running' || c.stopping || st.deleting) return;
    if (this.failed) {
      this.scheduleProbe(st, c, p, false);
      return;
    }
    const result = this.probe(st, c, p);
    const label = p.kind === 'startup' ? 'Startup' : p.kind === 'readiness' ? 'Readiness' : 'Liveness';
    const successThreshold = Number(p.spec.successThreshold ?? 1);
    const failureThreshold = Number(p.spec.failureThreshold ?? 3);
    if (result.ok) {
      p.failures = 0;
      p.successes++;
    } else {
      p.successes = 0;
      p.failures++;
      this.ctrEvent(st, c, 'Warning', 'Unhealthy', `${label} probe failed: ${result.message}`);
    }
    let changed = false;
    switch (p.kind) {
      case 'startup':
        if (result.ok) {
          c.started = true;
          if (!c.spec.readinessProbe) c.ready = true;
          changed = true;
          for (const q of c.probes) if (q.kind !== 'startup') this.scheduleProbe(st, c, q, true);
          return this.deps.enqueue(st.key);
        }
        if (p.failures >= failureThreshold) {
          c.killFor = 'startup';
          this.deps.enqueue(st.key);
          return;
        }
        break;
      case 'readiness':
        if (result.ok && p.successes >= successThreshold && !c.ready) {
          c.ready = true;
          changed = true;
        } else if (!result.ok && p.failures >= failureThreshold && c.ready) {
          c.ready = false;
          changed = true;
        }
        break;
      case 'liveness':
        if (!result.ok && p.failures >= failureThreshold) {
          c.killFor = 'liveness';
          p.failures = 0;
          this.deps.enqueue(st.key);
          return;
        }
        break;
    }
    if (changed) this.deps.enqueue(st.key);
    this.scheduleProbe(st, c, p, false);
  }

  /** Runs one probe against the simulated container. */
  private probe(st: PodState, c: Ctr, p: ProbeState): { ok: boolean; message: string } {
    const o = c.healthOverride;
    if (o) {
      if (p.kind === 'readiness' && o.ready === false) return { ok: false, message: 'HTTP probe failed with statuscode: 503' };
      if (p.kind === 'liveness' && o.live === false) return { ok: false, message: 'HTTP probe failed with statuscode: 500' };
    }
    const ip = st.sandbox?.ip ?? '';
    const spec = p.spec;
    const portOf = (port: unknown): number => {
      if (typeof port === 'number') return port;
      const named = ((c.spec.ports ?? []) as Obj[]).find((x) => x.name === port);
      return named ? Number(named.containerPort) : NaN;
    };
    if (spec.exec) {
      const r = this.execIn(st, c, spec.exec.command ?? []);
      if (r.code === 0) return { ok: true, message: '' };
      return { ok: false, message: (r.out + r.err).replace(/\n$/, '') };
    }
    if (spec.httpGet) {
      const port = portOf(spec.httpGet.port);
      const host = spec.httpGet.host ?? ip;
      const scheme = String(spec.httpGet.scheme ?? 'HTTP').toLowerCase();
      const path = spec.httpGet.path ?? '/';
      const url = `${scheme}://${host}:${port}${path}`;
      if (!this.listening(c, port)) return { ok: false, message: `Get "${url}": dial tcp ${host}:${port}: connect: connection refused` };
      const r = this.serveHttp(st, c, { method: 'GET', path, clientIP: this.ipPool.gateway, host: `${host}:${port}`, userAgent: 'kube-probe/1.32', port });
      if (!r) return { ok: true, message: '' };
      if (r.status >= 200 && r.status < 400) return { ok: true, message: '' };
      return { ok: false, message: `HTTP probe failed with statuscode: ${r.status}` };
    }
    if (spec.tcpSocket) {
      const port = portOf(spec.tcpSocket.port);
      const host = spec.tcpSocket.host ?? ip;
      if (!this.listening(c, port)) return { ok: false, message: `dial tcp ${host}:${port}: connect: connection refused` };
      return { ok: true, message: '' };
    }
    if (spec.grpc) {
      const port = Number(spec.grpc.port);
      if (!this.listening(c, port)) return { ok: false, message: `timeout: failed to connect service "${ip}:${port}" within 1s: context deadline exceeded` };
      return { ok: true, message: '' };
    }
    return { ok: true, message: '' };
  }

  /** Whether a container's server accepts connections on a port now. */
  listening(c: Ctr, port: number): boolean {
    return c.state === 'running' && !c.stopping && c.listenAt !== undefined && this.now() >= c.listenAt && c.ports.includes(port);
  }

  /** An HTTP request to a container; writes its access-log line. Undefined when it has no HTTP server. */
  serveHttp(st: PodState, c: Ctr, req: HttpRequest): HttpResponse | undefined {
    if (!c.server) return undefined;
    const b = behaviourOf(c.server.kind);
    if (!b.http) return undefined;
    const r = b.http(req, { ...c.server.ctx, hostname: this.hostnameOf(st.pod), now: this.now() });
    for (const l of r.log ?? []) c.log?.writeLines(this.now(), l.stream, [l.text]);
    if (r.log?.length) this.deps.onLog?.(st.pod.metadata.namespace!, st.pod.metadata.name!, c.name);
    return r.resp;
  }

  /** Runs a command in a running container to completion (exec probes, `kubectl exec`). */
  execIn(st: PodState, c: Ctr, argv: string[], stdin = ''): { out: string; err: string; code: number } {
    const info = c.image?.info;
    if (!info || !this.fsOf(c)) return { out: '', err: '', code: 1 };
    const exe = basename(argv[0] ?? '');
    const host = this.shellHost(st, c);
    const isShell = ['sh', 'bash', 'ash'].includes(exe);
    const known = (info.shell && (CORE_COMMANDS.has(exe) || isShell)) || (info.commands ?? []).includes(exe);
    if (!known) {
      return { out: '', err: `OCI runtime exec failed: exec failed: unable to start container process: exec: "${argv[0]}": executable file not found in $PATH: unknown\n`, code: 126 };
    }
    const shell = new Shell(host, []);
    // `sh -c SCRIPT` reads stdin as its commands' input; a bare `sh` reads its commands from it.
    const gen = isShell && argv.includes('-c') ? shell.run(argv[argv.indexOf('-c') + 1] ?? '', stdin) : isShell && stdin ? shell.run(stdin) : shell.runArgv(argv, stdin);
    const r = runToCompletion(gen);
    return { out: r.out, err: r.err, code: r.code };
  }

  /** Fault injection: the container's process dies now. */
  killProcess(st: PodState, c: Ctr, exitCode = 137, reason = 'Error'): boolean {
    if (c.state !== 'running') return false;
    this.exited(st, c, exitCode, reason);
    return true;
  }

  // ---- status ------------------------------------------------------------------------------

  private cond(st: PodState, type: string, status: string, reason?: string, message?: string, existing?: Obj[]): Obj {
    const prev = st.conditionTimes.get(type);
    let time: string;
    if (prev && prev.status === status) time = prev.time;
    else {
      const fromApi = existing?.find((x) => x.type === type);
      time = fromApi && fromApi.status === status && !prev ? fromApi.lastTransitionTime : this.clock.rfc3339();
      st.conditionTimes.set(type, { status, time });
    }
    const c: Obj = { lastProbeTime: null, lastTransitionTime: time };
    if (message) c.message = message;
    if (reason) c.reason = reason;
    c.status = status;
    c.type = type;
    return c;
  }

  private ctrStatus(c: Ctr, hasInit: boolean): Obj {
    const s: Obj = {};
    const created = c.everCreated;
    if (created && c.id) s.containerID = `containerd://${c.id}`;
    s.image = created && c.image ? c.image.ref.full : c.spec.image;
    s.imageID = created && c.image ? c.image.imageID : '';
    const term = (t: Terminated): Obj => {
      const o: Obj = { containerID: `containerd://${t.id}`, exitCode: t.exitCode, finishedAt: iso(t.finishedAt) };
      if (t.message) o.message = t.message;
      o.reason = t.reason;
      o.startedAt = t.startedAt ? iso(t.startedAt) : null;
      return o;
    };
    s.lastState = c.last ? { terminated: term(c.last) } : {};
    s.name = c.name;
    s.ready = c.state === 'running' && c.ready;
    s.restartCount = c.restartCount;
    s.started = c.state === 'running' && c.started;
    if (c.state === 'running') s.state = { running: { startedAt: iso(c.startedAt!) } };
    else if (c.state === 'exited' && c.term) s.state = { terminated: term(c.term) };
    else {
      const w = c.waiting ?? { reason: hasInit ? 'PodInitializing' : 'ContainerCreating' };
      s.state = { waiting: w.message !== undefined ? { message: w.message, reason: w.reason } : { reason: w.reason } };
    }
    if (created) {
      s.volumeMounts = ((c.spec.volumeMounts ?? []) as Obj[]).map((m) => {
        const o: Obj = { mountPath: m.mountPath, name: m.name };
        if (m.readOnly) {
          o.readOnly = true;
          o.recursiveReadOnly = 'Disabled';
        }
        return o;
      });
      if (s.volumeMounts.length === 0) delete s.volumeMounts;
    }
    return s;
  }

  /** generateAPIPodStatus + getPhase + the condition generators of pkg/kubelet/status. */
  buildStatus(st: PodState, terminal = false): Obj {
    const pod = st.pod;
    const spec = pod.spec ?? {};
    const old = (this.api.getByKey('Pod', st.key)?.status ?? pod.status ?? {}) as Obj;
    const inits = [...st.ctrs.values()].filter((c) => c.init);
    const regular = [...st.ctrs.values()].filter((c) => !c.init);
    const hasInit = inits.length > 0 && !this.initDone(st);
    const initStatuses = inits.map((c) => this.ctrStatus(c, true));
    const statuses = regular.map((c) => this.ctrStatus(c, hasInit)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const phase = st.failedPhase ? 'Failed' : this.phase(st, terminal || st.finished);
    const status: Obj = {};
    const conds: Obj[] = [];
    for (const c of (old.conditions ?? []) as Obj[]) {
      if (!['PodScheduled', 'Ready', 'Initialized', 'ContainersReady', 'PodReadyToStartContainers'].includes(c.type)) conds.push(c);
    }
    const existing = old.conditions as Obj[] | undefined;
    conds.push(this.cond(st, 'PodReadyToStartContainers', st.sandbox?.ready ? 'True' : 'False', undefined, undefined, existing));
    // Initialized
    let initCond: Obj;
    const incomplete = inits.filter((c) => !(c.state === 'exited' && c.term?.exitCode === 0)).map((c) => c.name);
    if (phase === 'Succeeded') initCond = this.cond(st, 'Initialized', 'True', 'PodCompleted', undefined, existing);
    else if (regular.some((c) => c.everCreated && (c.state !== 'waiting' || c.term || c.last))) initCond = this.cond(st, 'Initialized', 'True', undefined, undefined, existing);
    else if (incomplete.length) initCond = this.cond(st, 'Initialized', 'False', 'ContainersNotInitialized', `containers with incomplete status: [${incomplete.join(' ')}]`, existing);
    else initCond = this.cond(st, 'Initialized', 'True', undefined, undefined, existing);
    conds.push(initCond);
    // ContainersReady and Ready
    const unready = regular.filter((c) => !(c.state === 'running' && c.ready)).map((c) => c.name);
    let cr: [string, string?, string?];
    if (phase === 'Succeeded') cr = ['False', 'PodCompleted'];
    else if (phase === 'Failed') cr = ['False', 'PodFailed'];
    else if (unready.length) cr = ['False', 'ContainersNotReady', `containers with unready status: [${unready.join(' ')}]`];
    else cr = ['True'];
    conds.push(this.cond(st, 'Ready', cr[0], cr[1], cr[2], existing));
    conds.push(this.cond(st, 'ContainersReady', cr[0], cr[1], cr[2], existing));
    const sched = existing?.find((c) => c.type === 'PodScheduled');
    conds.push({ lastProbeTime: null, lastTransitionTime: sched?.lastTransitionTime ?? this.clock.rfc3339(), status: 'True', type: 'PodScheduled' });
    status.conditions = conds;
    status.containerStatuses = statuses;
    status.hostIP = this.node.ip;
    status.hostIPs = [{ ip: this.node.ip }];
    if (initStatuses.length) status.initContainerStatuses = initStatuses;
    if (st.message) status.message = st.message;
    status.phase = phase;
    if (st.sandbox?.ip) {
      status.podIP = st.sandbox.ip;
      status.podIPs = [{ ip: st.sandbox.ip }];
    }
    if (old.qosClass) status.qosClass = old.qosClass;
    if (st.reason) status.reason = st.reason;
    status.startTime = st.startTime;
    if (old.nominatedNodeName) status.nominatedNodeName = old.nominatedNodeName;
    void spec;
    return status;
  }

  /** getPhase (pkg/kubelet/kubelet_pods.go). */
  private phase(st: PodState, podIsTerminal: boolean): string {
    const policy = st.pod.spec?.restartPolicy ?? 'Always';
    let pendingInit = 0;
    let failedInit = 0;
    for (const c of st.ctrs.values()) {
      if (!c.init) continue;
      if (!c.everCreated) pendingInit++;
      else if (c.state === 'running') pendingInit++;
      else if (c.state === 'exited') {
        if (c.term!.exitCode !== 0) failedInit++;
      } else if (c.last) {
        if (c.last.exitCode !== 0) failedInit++;
      } else pendingInit++;
    }
    let running = 0;
    let waiting = 0;
    let stopped = 0;
    let succeeded = 0;
    let anyStarted = false;
    for (const c of st.ctrs.values()) {
      if (c.init) continue;
      if (c.state === 'running') {
        running++;
        anyStarted = true;
      } else if (c.state === 'exited') {
        stopped++;
        anyStarted = true;
        if (c.term!.exitCode === 0) succeeded++;
      } else if (c.last) {
        stopped++;
        anyStarted = true;
      } else waiting++;
    }
    if (failedInit > 0 && policy === 'Never') return 'Failed';
    if ((pendingInit > 0 && !anyStarted) || waiting > 0) return 'Pending';
    if (running > 0) return 'Running';
    if (stopped > 0) {
      if (podIsTerminal) return stopped === succeeded ? 'Succeeded' : 'Failed';
      if (policy === 'Always') return 'Running';
      if (stopped === succeeded) return 'Succeeded';
      if (policy === 'Never') return 'Failed';
      return 'Running';
    }
    return 'Pending';
  }

  /** Writes the pod status when it changed (the status manager). */
  writeStatus(st: PodState, terminal = false): void {
    if (this.failed || this.stopped) return;
    const cur = this.api.getByKey('Pod', st.key);
    if (!cur || !this.sameInstance(st, cur)) return;
    st.pod = cur;
    const status = this.buildStatus(st, terminal);
    // Nobody else wrote since our last write: compare with what we wrote.
    if (st.lastStatus !== undefined && cur.metadata.resourceVersion === st.writtenRv && jsonEqual(status, st.lastStatus)) return;
    if (cur.metadata.resourceVersion !== st.writtenRv && jsonEqual(cur.status, status)) return;
    try {
      st.writing = true;
      const written = this.api.updateStatus({ ...cur, status });
      st.writtenRv = written.metadata.resourceVersion;
      st.lastStatus = written.status;
    } catch (e) {
      // A conflict or a pod deleted meanwhile: the next sync writes again.
      if (!isStatusError(e)) throw e;
      st.lastStatus = undefined;
    } finally {
      st.writing = false;
    }
  }

  /** Re-posts every pod's status (after a recovery). */
  resyncAll(): void {
    for (const st of this.pods.values()) {
      st.lastStatus = undefined;
      this.deps.enqueue(st.key);
    }
    for (const p of this.api.podsOnNode(this.node.name)) this.deps.enqueue(`${p.metadata.namespace}/${p.metadata.name}`);
  }
}

/** A sub-directory of a MemDir (volumeMounts[].subPath). */
class MemDirView {
  constructor(
    private base: MemDir,
    private prefix: string,
  ) {}
  private p(rel: string): string {
    return rel ? `${this.prefix}/${rel}` : this.prefix;
  }
  read(rel: string): string | undefined {
    return this.base.read(this.p(rel));
  }
  list(rel: string): string[] | undefined {
    return this.base.list(this.p(rel));
  }
  write(rel: string, content: string, append: boolean): boolean {
    return this.base.write(this.p(rel), content, append);
  }
  remove(rel: string): boolean {
    return this.base.remove(this.p(rel));
  }
}
