/**
 * Pod helpers the workload controllers share, following pkg/api/v1/pod (IsPodReady,
 * IsPodAvailable) and pkg/controller/controller_utils.go (IsPodActive, GetPodFromTemplate,
 * ActivePodsWithRanks, slowStartBatch constants).
 */
import type { KObject, OwnerReference } from '../../api/types/meta';
import { clone } from '../../api/types/meta';

/** The ownerReference a controller puts on what it creates (metav1.NewControllerRef). */
export function newControllerRef(owner: KObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion!,
    kind: owner.kind!,
    name: owner.metadata.name!,
    uid: owner.metadata.uid!,
    controller: true,
    blockOwnerDeletion: true,
  };
}

interface PodCondition {
  type: string;
  status: string;
  lastTransitionTime?: string | null;
}

export function podCondition(pod: KObject, type: string): PodCondition | undefined {
  // A plain loop: controllers call this for every pod on every sync.
  const cs = pod.status?.conditions as PodCondition[] | undefined;
  if (!cs) return undefined;
  for (let i = 0; i < cs.length; i++) if (cs[i].type === type) return cs[i];
  return undefined;
}

/** What the Ready condition says: whether it is True and since when (ms), if it is. */
interface Readiness {
  ready: boolean;
  since: number | undefined;
}

/**
 * Readiness per pod status. Store objects are deep-frozen, so a frozen status never changes and
 * its readiness is computed once however many syncs read it (the ReplicaSet controller reads
 * every pod on every sync); unfrozen ones are read afresh.
 */
const readinessOf = new WeakMap<object, Readiness>();
const NOT_READY: Readiness = { ready: false, since: undefined };

function readiness(pod: KObject): Readiness {
  const status = pod.status;
  if (!status) return NOT_READY;
  let r = readinessOf.get(status);
  if (r) return r;
  const c = podCondition(pod, 'Ready');
  r = c?.status === 'True' ? { ready: true, since: c.lastTransitionTime ? Date.parse(c.lastTransitionTime) : undefined } : NOT_READY;
  if (Object.isFrozen(status) && Object.isFrozen(status.conditions ?? status)) readinessOf.set(status, r);
  return r;
}

/** podutil.IsPodReady: the Ready condition is True. */
export function isPodReady(pod: KObject): boolean {
  return readiness(pod).ready;
}

/** The time the pod turned ready, in ms, or undefined. */
export function podReadyTime(pod: KObject): number | undefined {
  return readiness(pod).since;
}

/**
 * podutil.IsPodAvailable: ready for at least minReadySeconds. Upstream compares
 * `lastTransitionTime + minReadySeconds` strictly before now.
 */
export function isPodAvailable(pod: KObject, minReadySeconds: number, nowMs: number): boolean {
  const r = readiness(pod);
  if (!r.ready) return false;
  if (!minReadySeconds) return true;
  return r.since !== undefined && r.since + minReadySeconds * 1000 < nowMs;
}

/** controller.IsPodActive: not Succeeded, not Failed, not being deleted. */
export function isPodActive(pod: KObject): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata.deletionTimestamp;
}

/** controller.IsPodTerminating-ish helper: being deleted but not terminal. */
export function isPodTerminating(pod: KObject): boolean {
  const phase = pod.status?.phase;
  return !!pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed';
}

/**
 * getPodsPrefix: `<controller>-`, as generateName; the apiserver appends 5 random characters.
 */
export function podsPrefix(controllerName: string): string {
  return `${controllerName}-`;
}

/**
 * controller.GetPodFromTemplate: a pod with the template's labels, annotations, finalizers and
 * spec, owned by `owner`, named by generateName `<owner>-`.
 */
export function podFromTemplate(template: KObject['spec'], owner: KObject, ref: OwnerReference | undefined = newControllerRef(owner)): KObject {
  const tmeta = template?.metadata ?? {};
  const meta: KObject['metadata'] = {
    generateName: podsPrefix(owner.metadata.name!),
    namespace: owner.metadata.namespace,
  };
  if (tmeta.labels && Object.keys(tmeta.labels).length) meta.labels = { ...tmeta.labels };
  if (tmeta.annotations && Object.keys(tmeta.annotations).length) meta.annotations = { ...tmeta.annotations };
  if (tmeta.finalizers?.length) meta.finalizers = [...tmeta.finalizers];
  if (ref) meta.ownerReferences = [ref];
  return { apiVersion: 'v1', kind: 'Pod', metadata: meta, spec: clone(template?.spec ?? {}) };
}

/** The highest restart count of regular and of sidecar (restartable init) containers. */
function maxContainerRestarts(pod: KObject): [number, number] {
  let regular = 0;
  let sidecar = 0;
  for (const s of (pod.status?.containerStatuses ?? []) as { restartCount?: number }[]) regular = Math.max(regular, s.restartCount ?? 0);
  const sidecars = new Set(
    ((pod.spec?.initContainers ?? []) as { name: string; restartPolicy?: string }[]).filter((c) => c.restartPolicy === 'Always').map((c) => c.name),
  );
  for (const s of (pod.status?.initContainerStatuses ?? []) as { name: string; restartCount?: number }[]) {
    if (sidecars.has(s.name)) sidecar = Math.max(sidecar, s.restartCount ?? 0);
  }
  return [regular, sidecar];
}

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/** helper.GetDeletionCostFromPodAnnotations (invalid or missing: 0). */
function deletionCost(pod: KObject): number {
  const v = pod.metadata.annotations?.['controller.kubernetes.io/pod-deletion-cost'];
  if (v === undefined || !/^[+-]?\d+$/.test(v)) return 0;
  const n = Number(v);
  return n >= -2147483648 && n <= 2147483647 ? n : 0;
}

/** logarithmicRankDiff: compares floor(log2(age in ns)) of two timestamps. */
function logarithmicRankDiff(t1: number, t2: number, now: number): number {
  const d1 = (now - t1) * 1e6;
  const d2 = (now - t2) * 1e6;
  const r1 = d1 > 0 ? Math.floor(Math.log2(d1)) : -1;
  const r2 = d2 > 0 ? Math.floor(Math.log2(d2)) : -1;
  return r1 - r2;
}

/** afterOrZero: true when t1 is after t2 or t1 is zero. */
function afterOrZero(t1: number | undefined, t2: number | undefined): boolean {
  if (t1 === undefined || t2 === undefined) return t1 === undefined;
  return t1 > t2;
}

/**
 * controller.ActivePodsWithRanks.Less with the LogarithmicScaleDown and PodDeletionCost features
 * on (their v1.32 defaults). The pod sorted first is deleted first:
 * 1. unassigned < assigned; 2. Pending < Unknown < Running; 3. not ready < ready;
 * 4. lower pod-deletion-cost first; 5. more related pods on the same node first;
 * 6. ready for a shorter time (log2 buckets) first; 7. more restarts first;
 * 8. newer (log2 buckets) first, ties broken by uid.
 */
export function rankedForDeletion(pods: KObject[], rank: number[], nowMs: number): KObject[] {
  const idx = pods.map((_, i) => i);
  // Each pod's sort keys are computed once, not in every comparison.
  const n = pods.length;
  const node: string[] = new Array(n);
  const phase: number[] = new Array(n);
  const ready: boolean[] = new Array(n);
  const cost: number[] = new Array(n);
  const readyAt: (number | undefined)[] = new Array(n);
  const restarts: number[] = new Array(n);
  const sidecarRestarts: number[] = new Array(n);
  const created: (number | undefined)[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const p = pods[i];
    node[i] = p.spec?.nodeName ?? '';
    phase[i] = PHASE_ORDINAL[p.status?.phase] ?? 0;
    ready[i] = isPodReady(p);
    cost[i] = deletionCost(p);
    readyAt[i] = ready[i] ? podReadyTime(p) : undefined;
    [restarts[i], sidecarRestarts[i]] = maxContainerRestarts(p);
    created[i] = p.metadata.creationTimestamp ? Date.parse(p.metadata.creationTimestamp) : undefined;
  }
  idx.sort((i, j) => (less(i, j) ? -1 : less(j, i) ? 1 : 0));
  return idx.map((i) => pods[i]);

  function less(i: number, j: number): boolean {
    const a = pods[i];
    const b = pods[j];
    // 1.
    const na = node[i];
    const nb = node[j];
    if (na !== nb && (na === '' || nb === '')) return na === '';
    // 2.
    if (phase[i] !== phase[j]) return phase[i] < phase[j];
    // 3.
    const ra = ready[i];
    const rb = ready[j];
    if (ra !== rb) return !ra;
    // 4.
    if (cost[i] !== cost[j]) return cost[i] < cost[j];
    // 5.
    if (rank[i] !== rank[j]) return rank[i] > rank[j];
    // 6.
    if (ra && rb) {
      const ta = readyAt[i];
      const tb = readyAt[j];
      if (ta !== tb) {
        if (ta === undefined || tb === undefined) return afterOrZero(ta, tb);
        const d = logarithmicRankDiff(ta, tb, nowMs);
        if (d === 0) return (a.metadata.uid ?? '') < (b.metadata.uid ?? '');
        return d < 0;
      }
    }
    // 7.
    if (restarts[i] !== restarts[j]) return restarts[i] > restarts[j];
    if (sidecarRestarts[i] !== sidecarRestarts[j]) return sidecarRestarts[i] > sidecarRestarts[j];
    // 8.
    if (created[i] !== created[j]) {
      if (created[i] === undefined || created[j] === undefined) return afterOrZero(created[i], created[j]);
      const d = logarithmicRankDiff(created[i]!, created[j]!, nowMs);
      if (d === 0) return (a.metadata.uid ?? '') < (b.metadata.uid ?? '');
      return d < 0;
    }
    return false;
  }
}

/** Initial batch size of slowStartBatch (controller.SlowStartInitialBatchSize). */
export const SLOW_START_INITIAL_BATCH_SIZE = 1;

/**
 * controller slowStartBatch: calls `fn` `count` times in batches of 1, 2, 4 ... and stops at
 * the first batch with an error, so a failing create (quota, terminating namespace) is not
 * hammered `count` times. Returns how many calls succeeded and the first error.
 */
export function slowStartBatch(count: number, fn: () => void): { successes: number; error?: unknown } {
  let remaining = count;
  let successes = 0;
  for (let batch = Math.min(remaining, SLOW_START_INITIAL_BATCH_SIZE); batch > 0; batch = Math.min(2 * batch, remaining)) {
    let error: unknown;
    for (let i = 0; i < batch; i++) {
      try {
        fn();
        successes++;
      } catch (e) {
        error ??= e;
      }
    }
    if (error !== undefined) return { successes, error };
    remaining -= batch;
  }
  return { successes };
}
