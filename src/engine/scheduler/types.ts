/**
 * The data types of the scheduling framework, after pkg/scheduler/framework (interface.go:
 * Status and its codes, the plugin interfaces; types.go: PodInfo, NodeInfo, Resource,
 * HostPortInfo, ImageStateSummary; cycle_state.go).
 *
 * NodeInfo is the scheduler cache's per-node aggregate, kept up to date from watch events so a
 * scheduling decision never rescans the store.
 */
import type { KObject } from '../api/types/meta';
import type { ApiServer } from '../api/server';
import { fromLabelSelector, matches, type LabelSelector, type Labels, type Selector } from '../api/selectors';
import { emptyResource, nodeAllocatable, podRequests, type Resource } from './resources';

// ---- Status --------------------------------------------------------------------------------

/** framework.Code, with upstream's numbering. */
export enum Code {
  Success = 0,
  Error = 1,
  Unschedulable = 2,
  UnschedulableAndUnresolvable = 3,
  Wait = 4,
  Skip = 5,
  Pending = 6,
}

export const CODE_NAMES: Record<Code, string> = {
  [Code.Success]: 'Success',
  [Code.Error]: 'Error',
  [Code.Unschedulable]: 'Unschedulable',
  [Code.UnschedulableAndUnresolvable]: 'UnschedulableAndUnresolvable',
  [Code.Wait]: 'Wait',
  [Code.Skip]: 'Skip',
  [Code.Pending]: 'Pending',
};

/** framework.Status. `null` stands for Success on hot paths, as a nil *Status does upstream. */
export class Status {
  plugin = '';
  constructor(
    readonly code: Code,
    readonly reasons: readonly string[] = [],
  ) {}
  /** Status.Message(): the reasons joined by ", ". */
  message(): string {
    return this.reasons.join(', ');
  }
  /** Unschedulable or UnschedulableAndUnresolvable. */
  isRejected(): boolean {
    return this.code === Code.Unschedulable || this.code === Code.UnschedulableAndUnresolvable;
  }
  withPlugin(name: string): this {
    this.plugin = name;
    return this;
  }
}

export type MaybeStatus = Status | null;

export const unschedulable = (...reasons: string[]): Status => new Status(Code.Unschedulable, reasons);
export const unresolvable = (...reasons: string[]): Status => new Status(Code.UnschedulableAndUnresolvable, reasons);
export const errorStatus = (msg: string): Status => new Status(Code.Error, [msg]);
export const SKIP = new Status(Code.Skip);

export function isSuccess(s: MaybeStatus): boolean {
  return s === null || s.code === Code.Success;
}

// ---- Pods ----------------------------------------------------------------------------------

export interface HostPort {
  ip: string;
  protocol: string;
  port: number;
}

/** framework.AffinityTerm: a parsed pod (anti-)affinity term. */
export interface AffinityTerm {
  namespaces: Set<string>;
  /** null: no namespaceSelector (matches no namespace by labels). */
  nsSelector: Selector | null;
  /** null: a nil labelSelector, which matches no pod. */
  selector: Selector | null;
  topologyKey: string;
}

export interface WeightedAffinityTerm extends AffinityTerm {
  weight: number;
}

/** Namespace labels by name, for namespaceSelector terms. */
export type NamespaceLabels = (ns: string) => Labels;

export function termMatches(term: AffinityTerm, pod: PodInfo, nsLabels: NamespaceLabels): boolean {
  if (term.selector === null) return false;
  if (!term.namespaces.has(pod.namespace) && !(term.nsSelector && matches(term.nsSelector, nsLabels(pod.namespace)))) return false;
  return matches(term.selector, pod.labels);
}

interface RawAffinityTerm {
  labelSelector?: LabelSelector | null;
  namespaceSelector?: LabelSelector | null;
  namespaces?: string[];
  topologyKey: string;
}

function parseTerm(pod: KObject, t: RawAffinityTerm): AffinityTerm {
  const nsList = t.namespaces ?? [];
  const namespaces = new Set<string>(nsList.length === 0 && !t.namespaceSelector ? [pod.metadata.namespace ?? 'default'] : nsList);
  return {
    namespaces,
    nsSelector: t.namespaceSelector ? fromLabelSelector(t.namespaceSelector) : null,
    selector: t.labelSelector ? fromLabelSelector(t.labelSelector) : null,
    topologyKey: t.topologyKey,
  };
}

let podSeq = 0;

/** framework.PodInfo plus what the plugins need precomputed once per pod. */
export class PodInfo {
  readonly key: string;
  readonly uid: string;
  readonly namespace: string;
  readonly name: string;
  readonly labels: Labels;
  readonly priority: number;
  /** Requests as NodeResourcesFit counts them. */
  readonly req: Resource;
  /** Requests with the non-zero defaults (NodeInfo.NonZeroRequested, LeastAllocated). */
  readonly nonZeroCPU: number;
  readonly nonZeroMem: number;
  readonly ports: HostPort[];
  readonly terminating: boolean;
  readonly requiredAffinity: AffinityTerm[];
  readonly requiredAntiAffinity: AffinityTerm[];
  readonly preferredAffinity: WeightedAffinityTerm[];
  readonly preferredAntiAffinity: WeightedAffinityTerm[];
  /** Arrival order, to break ties deterministically. */
  readonly seq = podSeq++;

  /** The latest stored pod (status updates replace it in place). */
  pod: KObject;

  constructor(pod: KObject) {
    this.pod = pod;
    const m = pod.metadata;
    this.namespace = m.namespace ?? 'default';
    this.name = m.name ?? '';
    this.key = `${this.namespace}/${this.name}`;
    this.uid = m.uid ?? '';
    this.labels = m.labels;
    const spec = pod.spec ?? {};
    this.priority = typeof spec.priority === 'number' ? spec.priority : 0;
    this.req = podRequests(pod, false);
    const nz = podRequests(pod, true);
    this.nonZeroCPU = nz.milliCPU;
    this.nonZeroMem = nz.memory;
    this.ports = [];
    for (const c of spec.containers ?? []) {
      for (const p of c.ports ?? []) {
        if (p.hostPort > 0) this.ports.push({ ip: p.hostIP || '0.0.0.0', protocol: p.protocol || 'TCP', port: p.hostPort });
      }
    }
    this.terminating = !!m.deletionTimestamp;
    const aff = spec.affinity ?? {};
    const pa = aff.podAffinity ?? {};
    const paa = aff.podAntiAffinity ?? {};
    this.requiredAffinity = (pa.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t: RawAffinityTerm) => parseTerm(pod, t));
    this.requiredAntiAffinity = (paa.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t: RawAffinityTerm) => parseTerm(pod, t));
    this.preferredAffinity = (pa.preferredDuringSchedulingIgnoredDuringExecution ?? []).map(
      (w: { weight: number; podAffinityTerm: RawAffinityTerm }) => ({ ...parseTerm(pod, w.podAffinityTerm), weight: w.weight }),
    );
    this.preferredAntiAffinity = (paa.preferredDuringSchedulingIgnoredDuringExecution ?? []).map(
      (w: { weight: number; podAffinityTerm: RawAffinityTerm }) => ({ ...parseTerm(pod, w.podAffinityTerm), weight: w.weight }),
    );
  }

  get hasAffinity(): boolean {
    return this.requiredAffinity.length + this.requiredAntiAffinity.length + this.preferredAffinity.length + this.preferredAntiAffinity.length > 0;
  }
}

// ---- Nodes ---------------------------------------------------------------------------------

export interface Taint {
  key: string;
  value?: string;
  effect: string;
}

export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

/** v1.Toleration.ToleratesTaint. */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  switch (t.operator ?? '') {
    case '':
    case 'Equal':
      return (t.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

export function tolerationsTolerateTaint(tolerations: readonly Toleration[] | undefined, taint: Taint): boolean {
  if (!tolerations) return false;
  for (const t of tolerations) if (toleratesTaint(t, taint)) return true;
  return false;
}

/** framework.NodeInfo: a node and the aggregate of the pods bound to it. */
export class NodeInfo {
  node: KObject | null = null;
  labels: Labels = undefined;
  taints: readonly Taint[] = [];
  unschedulable = false;
  allocatable: Resource = emptyResource();
  allowedPods = 0;
  requested: Resource = emptyResource();
  nonZeroCPU = 0;
  nonZeroMem = 0;
  readonly pods = new Map<string, PodInfo>();
  /** `ip/protocol/port` of host ports in use. */
  readonly usedPorts = new Map<string, number>();
  /** Image name (every name listed in status.images) -> size in bytes. */
  images = new Map<string, number>();
  podsWithAffinity = 0;
  podsWithRequiredAntiAffinity = 0;
  /** Bumped on every change; explanations and tests use it. */
  generation = 0;

  /** A small integer naming the node (stable per name), for compact explanations. */
  id = -1;

  constructor(readonly name: string) {}

  setNode(node: KObject): void {
    this.node = node;
    this.labels = node.metadata.labels;
    this.taints = (node.spec?.taints ?? []) as Taint[];
    this.unschedulable = !!node.spec?.unschedulable;
    const a = nodeAllocatable(node);
    this.allocatable = a.res;
    this.allowedPods = a.pods;
    this.generation++;
  }

  addPod(p: PodInfo): void {
    this.pods.set(p.key, p);
    this.adjust(p, 1);
  }

  removePod(key: string): PodInfo | undefined {
    const p = this.pods.get(key);
    if (!p) return undefined;
    this.pods.delete(key);
    this.adjust(p, -1);
    return p;
  }

  private adjust(p: PodInfo, sign: 1 | -1): void {
    const r = this.requested;
    r.milliCPU += sign * p.req.milliCPU;
    r.memory += sign * p.req.memory;
    r.ephemeralStorage += sign * p.req.ephemeralStorage;
    if (p.req.scalar) {
      r.scalar ??= new Map();
      for (const [k, v] of p.req.scalar) r.scalar.set(k, (r.scalar.get(k) ?? 0) + sign * v);
    }
    this.nonZeroCPU += sign * p.nonZeroCPU;
    this.nonZeroMem += sign * p.nonZeroMem;
    for (const hp of p.ports) {
      const k = `${hp.ip}/${hp.protocol}/${hp.port}`;
      const n = (this.usedPorts.get(k) ?? 0) + sign;
      if (n > 0) this.usedPorts.set(k, n);
      else this.usedPorts.delete(k);
    }
    if (p.requiredAffinity.length + p.preferredAffinity.length + p.requiredAntiAffinity.length + p.preferredAntiAffinity.length > 0) {
      this.podsWithAffinity += sign;
    }
    if (p.requiredAntiAffinity.length > 0) this.podsWithRequiredAntiAffinity += sign;
    this.generation++;
  }

  /** A copy for what-if evaluation (preemption, nominated pods). */
  clone(): NodeInfo {
    const n = new NodeInfo(this.name);
    n.id = this.id;
    n.node = this.node;
    n.labels = this.labels;
    n.taints = this.taints;
    n.unschedulable = this.unschedulable;
    n.allocatable = this.allocatable;
    n.allowedPods = this.allowedPods;
    n.images = this.images;
    for (const p of this.pods.values()) n.addPod(p);
    return n;
  }
}

// ---- Cycle state and plugins ---------------------------------------------------------------

/** framework.CycleState: per-cycle data plugins share between extension points. */
export class CycleState {
  private data: Record<string, unknown> = {};
  readonly skipFilter = new Set<string>();
  readonly skipScore = new Set<string>();
  read<T>(key: string): T | undefined {
    return this.data[key] as T | undefined;
  }
  write(key: string, v: unknown): void {
    this.data[key] = v;
  }
}

/** What plugins may ask of the scheduler (framework.Handle). */
export interface Handle {
  /** Every NodeInfo of the snapshot, in node-tree order. */
  nodeInfos(): readonly NodeInfo[];
  nodeInfo(name: string): NodeInfo | undefined;
  /** Nodes hosting pods with any pod (anti-)affinity (HavePodsWithAffinityList). */
  havePodsWithAffinity(): readonly NodeInfo[];
  /** Nodes hosting pods with required anti-affinity (HavePodsWithRequiredAntiAffinityList). */
  havePodsWithRequiredAntiAffinity(): readonly NodeInfo[];
  /** Number of nodes that have a given image (ImageStateSummary.NumNodes). */
  imageNumNodes(image: string): number;
  /** Labels of a namespace (namespaceSelector terms). */
  namespaceLabels: NamespaceLabels;
  /** Services, ReplicaSets, StatefulSets ... for default spreading: the default selector of a pod. */
  defaultSelector(pod: PodInfo): Selector;
  /** Count of non-terminating pods matching `selector` in `namespace` per node (an index). */
  podCountsOnNodes(namespace: string, selector: Selector): (node: string) => number;
  /** An object of the scheduler's other informers (PVCs, PVs, StorageClasses) by kind and key. */
  get?(kind: string, key: string): KObject | undefined;
  list?(kind: string): readonly KObject[];
}

/** framework.PreFilterResult: a subset of node names, or undefined for all nodes. */
export interface PreFilterResult {
  nodeNames?: Set<string>;
}

export interface Plugin {
  readonly name: string;
}

export interface PreFilterPlugin extends Plugin {
  /** Returns null (Success), SKIP, a rejecting Status, or a node-name subset. */
  preFilter(state: CycleState, pod: PodInfo, h: Handle): MaybeStatus | PreFilterResult;
}

export interface FilterPlugin extends Plugin {
  filter(state: CycleState, pod: PodInfo, node: NodeInfo, h: Handle): MaybeStatus;
  /**
   * Whether the filter passes every node for this pod (an optimization, not an extension
   * point: unlike a PreFilter Skip it does not show in explanations).
   */
  passesAll?(pod: PodInfo): boolean;
}

export interface PreScorePlugin extends Plugin {
  preScore(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], h: Handle): MaybeStatus;
}

export interface ScorePlugin extends Plugin {
  score(state: CycleState, pod: PodInfo, node: NodeInfo, h: Handle): number;
  /** Optional batch form of score (one monomorphic loop over the nodes). */
  scoreAll?(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], h: Handle, out: Float64Array): void;
  /** NormalizeScore: rewrites `scores` (parallel to `nodes`) in place to 0..100. */
  normalize?(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], scores: Float64Array): void;
}

/**
 * What a PreBind plugin answers: a status now (null: nothing to wait for), or a check the
 * binding cycle polls until it returns null (done) or a failure Status (undefined: still waiting).
 */
export type PreBindResult = { status: MaybeStatus } | { wait(now: number): MaybeStatus | undefined };

export interface PreBindPlugin extends Plugin {
  preBind(state: CycleState, pod: PodInfo, nodeName: string, api: ApiServer, now: number): PreBindResult;
}

/** framework.MaxNodeScore */
export const MAX_NODE_SCORE = 100;

export function isPreFilterResult(r: MaybeStatus | PreFilterResult): r is PreFilterResult {
  return r !== null && !(r instanceof Status);
}

/** helper.DefaultNormalizeScore */
export function defaultNormalizeScore(maxPriority: number, reverse: boolean, scores: Float64Array): void {
  let max = 0;
  for (let i = 0; i < scores.length; i++) if (scores[i] > max) max = scores[i];
  if (max === 0) {
    if (reverse) scores.fill(maxPriority);
    return;
  }
  for (let i = 0; i < scores.length; i++) {
    let s = Math.trunc((maxPriority * scores[i]) / max);
    if (reverse) s = maxPriority - s;
    scores[i] = s;
  }
}
