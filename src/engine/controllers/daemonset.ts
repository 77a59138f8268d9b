/**
 * The DaemonSet controller (pkg/controller/daemon/daemon_controller.go, update.go,
 * util/daemonset_util.go): one pod on every node that should run it (node name, nodeSelector and
 * required node affinity, taints against the pod's tolerations plus the ones every daemon pod
 * gets), following nodes as they join and leave. Each pod is pinned with a node affinity on
 * `metadata.name` and left to the scheduler. Template versions are ControllerRevisions
 * `<ds>-<hash>`; pods carry `controller-revision-hash` and `pod-template-generation`.
 * RollingUpdate replaces pods within maxUnavailable (or surges within maxSurge); OnDelete waits
 * for the user to delete old pods. Status counts as updateDaemonSetStatus does.
 */
import type { ClusterParts } from '../cluster';
import type { EventRecorder } from '../api/events';
import { isStatusError } from '../api/errors';
import { scaledValue } from '../api/registry/workload-common';
import { TEMPLATE_GENERATION_ANNOTATION } from '../api/registry/daemonset';
import { fromLabelSelector, matches, type LabelSelector } from '../api/selectors';
import { clone, controllerRef, keyOf, makeKey, type KObject, type WatchEvent } from '../api/types/meta';
import { after, done, on, retry, selfKey, type Controller, type Result, type Trigger } from './manager';
import { canonicalJson, computeHash } from './util/hash';
import { isPodAvailable, isPodReady, newControllerRef, podFromTemplate, podReadyTime, slowStartBatch } from './util/pods';

export const CONTROLLER_REVISION_HASH_LABEL = 'controller-revision-hash';
export const POD_TEMPLATE_GENERATION_LABEL = 'pod-template-generation';
export const REASON_FAILED_DAEMON_POD = 'FailedDaemonPod';

interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

interface Taint {
  key: string;
  value?: string;
  effect: string;
}

/** AddOrUpdateDaemonPodTolerations: what every daemon pod tolerates, in upstream's order. */
export function daemonPodTolerations(hostNetwork: boolean): Toleration[] {
  const t: Toleration[] = [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
  ];
  if (hostNetwork) t.push({ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' });
  return t;
}

/** v1helper.TolerationsTolerateTaint for one toleration. */
export function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.operator === 'Exists') return !t.key || t.key === taint.key;
  return t.key === taint.key && (t.value ?? '') === (taint.value ?? '');
}

/** AddOrUpdateTolerationInPodSpec for each default: same key/effect is replaced, else added. */
function withDaemonTolerations(existing: Toleration[] | undefined, hostNetwork: boolean): Toleration[] {
  const out = [...(existing ?? [])];
  for (const t of daemonPodTolerations(hostNetwork)) {
    const i = out.findIndex((x) => x.key === t.key && x.effect === t.effect);
    if (i >= 0) {
      if (JSON.stringify(out[i]) !== JSON.stringify(t)) out[i] = t;
    } else out.push(t);
  }
  return out;
}

function nodeLabelsMatchTerm(node: KObject, term: { matchExpressions?: { key: string; operator: string; values?: string[] }[]; matchFields?: { key: string; operator: string; values?: string[] }[] }): boolean {
  const labels = node.metadata.labels ?? {};
  for (const e of term.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    const v = labels[e.key];
    switch (e.operator) {
      case 'In':
        if (!has || !e.values?.includes(v)) return false;
        break;
      case 'NotIn':
        if (has && e.values?.includes(v)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      case 'Gt':
        if (!has || !(Number(v) > Number(e.values?.[0]))) return false;
        break;
      case 'Lt':
        if (!has || !(Number(v) < Number(e.values?.[0]))) return false;
        break;
      default:
        return false;
    }
  }
  for (const f of term.matchFields ?? []) {
    if (f.key !== 'metadata.name') return false;
    const inList = f.values?.includes(node.metadata.name!) ?? false;
    if (f.operator === 'In' ? !inList : f.operator === 'NotIn' ? inList : true) return false;
  }
  return (term.matchExpressions?.length ?? 0) + (term.matchFields?.length ?? 0) > 0;
}

/**
 * NodeShouldRunDaemonPod: [shouldRun, shouldContinueRunning]. An untolerated NoSchedule taint
 * keeps new pods off but lets a running one stay; an untolerated NoExecute taint removes it.
 */
export function nodeShouldRunDaemonPod(node: KObject, ds: KObject): [boolean, boolean] {
  const spec = ds.spec.template?.spec ?? {};
  if (spec.nodeName && spec.nodeName !== node.metadata.name) return [false, false];
  const labels = node.metadata.labels ?? {};
  for (const [k, v] of Object.entries((spec.nodeSelector ?? {}) as Record<string, string>)) if (labels[k] !== v) return [false, false];
  const terms = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (terms && !terms.some((t: Parameters<typeof nodeLabelsMatchTerm>[1]) => nodeLabelsMatchTerm(node, t))) return [false, false];
  const tolerations = withDaemonTolerations(spec.tolerations, spec.hostNetwork === true);
  const taints = (node.spec?.taints ?? []) as Taint[];
  const untolerated = (effects: string[]) => taints.some((t) => effects.includes(t.effect) && !tolerations.some((x) => tolerates(x, t)));
  if (untolerated(['NoSchedule', 'NoExecute'])) return [false, !untolerated(['NoExecute'])];
  return [true, true];
}

/**
 * nodeShouldRunDaemonPod answers per (pod template spec, node) version. Both are deep-frozen
 * store data that never change, so the answer is computed once instead of on every sync of every
 * DaemonSet for every node (a sync visits all nodes several times).
 */
const shouldRunCache = new WeakMap<object, WeakMap<KObject, [boolean, boolean]>>();

function shouldRunOn(node: KObject, ds: KObject): [boolean, boolean] {
  const spec = ds.spec?.template?.spec;
  if (!spec || typeof spec !== 'object' || !Object.isFrozen(spec) || !Object.isFrozen(node)) return nodeShouldRunDaemonPod(node, ds);
  let byNode = shouldRunCache.get(spec);
  if (!byNode) shouldRunCache.set(spec, (byNode = new WeakMap()));
  let r = byNode.get(node);
  if (!r) byNode.set(node, (r = nodeShouldRunDaemonPod(node, ds)));
  return r;
}

/** util.GetTargetNodeName: the node a daemon pod is bound or pinned to. */
export function targetNodeName(pod: KObject): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const t of terms) {
    for (const f of t.matchFields ?? []) if (f.key === 'metadata.name' && f.operator === 'In' && f.values?.length === 1) return f.values[0];
  }
  return undefined;
}

/** The ControllerRevision data of a DaemonSet: its template as a replace patch (getPatch). */
function revisionData(ds: KObject): unknown {
  return { spec: { template: { ...clone(ds.spec.template), $patch: 'replace' } } };
}

function podCreated(p: KObject): number {
  return p.metadata.creationTimestamp ? Date.parse(p.metadata.creationTimestamp) : 0;
}

export class DaemonSetController implements Controller {
  readonly name = 'daemonset-controller';
  private recorder: EventRecorder;
  /** Node names in name order, kept between syncs while the set of nodes stays the same. */
  private sortedNodeNames: string[] = [];

  constructor(private c: ClusterParts) {
    this.recorder = c.recorder({ component: 'daemonset-controller' });
  }

  /** Every node, sorted by name (the sort is redone only when nodes come or go). */
  private sortedNodes(): KObject[] {
    const store = this.c.api.store;
    if (store.count('Node') === this.sortedNodeNames.length) {
      const out: KObject[] = [];
      for (const name of this.sortedNodeNames) {
        const n = store.get('Node', name);
        if (!n) break;
        out.push(n);
      }
      if (out.length === this.sortedNodeNames.length) return out;
    }
    const nodes = store.list('Node').slice().sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
    this.sortedNodeNames = nodes.map((n) => n.metadata.name!);
    return nodes;
  }

  triggers(): Trigger[] {
    return [
      on('DaemonSet', selfKey),
      on('Pod', (ev) => this.podKeys(ev)),
      on('Node', (ev) => this.nodeKeys(ev)),
      on('ControllerRevision', (ev) => {
        const ref = controllerRef(ev.object);
        return ref?.kind === 'DaemonSet' ? [makeKey(ev.object.metadata.namespace, ref.name)] : [];
      }),
    ];
  }

  initialKeys(): string[] {
    return this.c.api.store.list('DaemonSet').map(keyOf);
  }

  private podKeys(ev: WatchEvent): string[] {
    const keys = new Set<string>();
    for (const p of [ev.object, ev.old]) {
      const ref = p && controllerRef(p);
      if (ref?.kind === 'DaemonSet') keys.add(makeKey(p!.metadata.namespace, ref.name));
    }
    return [...keys];
  }

  /** Node changes that matter (labels, taints, added, removed) wake every DaemonSet. */
  private nodeKeys(ev: WatchEvent): string[] {
    if (ev.type === 'MODIFIED') {
      const a = ev.old!;
      const b = ev.object;
      const same =
        JSON.stringify(a.metadata.labels) === JSON.stringify(b.metadata.labels) &&
        JSON.stringify(a.spec?.taints) === JSON.stringify(b.spec?.taints) &&
        a.spec?.unschedulable === b.spec?.unschedulable;
      if (same) return [];
    }
    return this.c.api.store.list('DaemonSet').map(keyOf);
  }

  reconcile(key: string): Result {
    const ds = this.c.api.getByKey('DaemonSet', key);
    if (!ds) return done(); // deleted: the garbage collector removes its pods
    try {
      return this.sync(ds);
    } catch (e) {
      if (isStatusError(e)) return retry();
      throw e;
    }
  }

  private sync(ds: KObject): Result {
    const nodes = this.sortedNodes();
    if (ds.metadata.deletionTimestamp) return this.updateStatus(ds, nodes, this.currentHash(ds, false));
    const hash = this.currentHash(ds, true)!;
    const byNode = this.nodeToDaemonPods(ds);
    this.manage(ds, nodes, byNode, hash);
    if (ds.spec.updateStrategy?.type === 'RollingUpdate') this.rollingUpdate(ds, nodes, this.nodeToDaemonPods(ds), hash);
    this.cleanupHistory(ds, hash);
    return this.updateStatus(ds, nodes, hash);
  }

  /**
   * getNodesToDaemonPods: owned daemon pods by target node, including pods being deleted
   * (a node whose pod is still terminating gets no new pod yet) but not deleted pods that
   * already finished.
   */
  private nodeToDaemonPods(ds: KObject): Map<string, KObject[]> {
    const m = new Map<string, KObject[]>();
    const sel = fromLabelSelector(ds.spec.selector as LabelSelector);
    for (const [kind, pod] of this.c.api.dependents(ds.metadata.uid!)) {
      if (kind !== 'Pod' || controllerRef(pod)?.uid !== ds.metadata.uid || !matches(sel, pod.metadata.labels)) continue;
      if (pod.metadata.deletionTimestamp && (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed')) continue;
      const node = targetNodeName(pod);
      if (!node) continue;
      const list = m.get(node) ?? [];
      list.push(pod);
      m.set(node, list);
    }
    return m;
  }

  /** constructHistory: the ControllerRevision of the current template (created when missing). */
  private currentHash(ds: KObject, create: boolean): string | undefined {
    const data = canonicalJson(revisionData(ds));
    const revisions = this.ownedRevisions(ds);
    const match = revisions.find((r) => canonicalJson(r.data) === data);
    const maxRev = revisions.reduce((m, r) => Math.max(m, (r.revision as number) ?? 0), 0);
    if (match) {
      const hash = match.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? '';
      if ((match.revision as number) < maxRev && create) {
        this.c.api.update({ ...clone(match), revision: maxRev + 1 });
      }
      return hash;
    }
    if (!create) return undefined;
    const hash = computeHash(ds.spec.template, ds.status?.collisionCount);
    this.c.api.create({
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      metadata: {
        name: `${ds.metadata.name}-${hash}`,
        namespace: ds.metadata.namespace,
        labels: { ...(ds.spec.template?.metadata?.labels ?? {}), [CONTROLLER_REVISION_HASH_LABEL]: hash },
        annotations: ds.metadata.annotations ? { ...ds.metadata.annotations } : undefined,
        ownerReferences: [newControllerRef(ds)],
      },
      data: revisionData(ds),
      revision: maxRev + 1,
    });
    return hash;
  }

  private ownedRevisions(ds: KObject): KObject[] {
    return this.c.api
      .dependents(ds.metadata.uid!)
      .filter(([k]) => k === 'ControllerRevision')
      .map(([, o]) => o);
  }

  /** cleanupHistory: drop unused revisions beyond revisionHistoryLimit, oldest first. */
  private cleanupHistory(ds: KObject, hash: string): void {
    const limit = ds.spec.revisionHistoryLimit ?? 10;
    const live = new Set<string>([hash]);
    for (const [kind, p] of this.c.api.dependents(ds.metadata.uid!)) if (kind === 'Pod') live.add(p.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? '');
    const old = this.ownedRevisions(ds)
      .filter((r) => !live.has(r.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? ''))
      .sort((a, b) => (a.revision as number) - (b.revision as number));
    for (let i = 0; i < old.length - limit; i++) this.c.api.delete('ControllerRevision', old[i].metadata.namespace, old[i].metadata.name!);
  }

  /** manage: which nodes need a pod and which pods must go; then syncNodes. */
  private manage(ds: KObject, nodes: KObject[], byNode: Map<string, KObject[]>, hash: string): void {
    const create: string[] = [];
    const remove: KObject[] = [];
    const known = new Set<string>();
    for (const node of nodes) {
      const name = node.metadata.name!;
      known.add(name);
      const [shouldRun, shouldContinue] = shouldRunOn(node, ds);
      const pods = byNode.get(name) ?? [];
      if (shouldRun && pods.length === 0) create.push(name);
      else if (shouldContinue) {
        const running: KObject[] = [];
        for (const p of pods) {
          if (p.metadata.deletionTimestamp) continue;
          if (p.status?.phase === 'Failed') {
            this.recorder.event(ds, 'Warning', REASON_FAILED_DAEMON_POD, `Found failed daemon pod ${p.metadata.namespace}/${p.metadata.name} on node ${name}, will try to kill it`);
            remove.push(p);
          } else running.push(p);
        }
        if (running.length > 1 && (ds.spec.updateStrategy?.rollingUpdate?.maxSurge ?? 0) === 0) {
          // Keep the oldest, delete the excess.
          running.sort((a, b) => podCreated(a) - podCreated(b));
          remove.push(...running.slice(1));
        }
      } else remove.push(...pods.filter((p) => !p.metadata.deletionTimestamp));
    }
    // getUnscheduledPodsWithoutNode: unscheduled pods pinned to nodes that no longer exist (pods
    // already bound to a deleted node are PodGC's, ./podgc.ts).
    for (const [name, pods] of byNode) {
      if (!known.has(name)) remove.push(...pods.filter((p) => !p.spec?.nodeName && !p.metadata.deletionTimestamp));
    }
    this.syncNodes(ds, remove, create, hash);
  }

  /** syncNodes: delete, then create pods in slow-start batches. */
  private syncNodes(ds: KObject, remove: KObject[], create: string[], hash: string): void {
    for (const p of remove) {
      try {
        this.c.api.delete('Pod', p.metadata.namespace, p.metadata.name!, { preconditions: { uid: p.metadata.uid } });
        this.recorder.event(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`);
      } catch (e) {
        if (!(isStatusError(e) && e.code === 404)) throw e;
      }
    }
    let i = 0;
    const { error } = slowStartBatch(create.length, () => {
      const node = create[i++];
      const created = this.c.api.create(this.newPod(ds, node, hash));
      this.recorder.event(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`);
    });
    if (error !== undefined) {
      const msg = error instanceof Error ? error.message : String(error);
      if (!msg.includes('because it is being terminated')) this.recorder.event(ds, 'Warning', 'FailedCreate', `Error creating: ${msg}`);
      throw error;
    }
  }

  /** A daemon pod for `node`: template, hash labels, default tolerations, node affinity. */
  private newPod(ds: KObject, node: string, hash: string): KObject {
    const pod = podFromTemplate(ds.spec.template, ds);
    pod.metadata.labels = {
      ...(pod.metadata.labels ?? {}),
      [CONTROLLER_REVISION_HASH_LABEL]: hash,
      [POD_TEMPLATE_GENERATION_LABEL]: ds.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION] ?? String(ds.metadata.generation ?? 1),
    };
    const spec = pod.spec!;
    spec.tolerations = withDaemonTolerations(spec.tolerations, spec.hostNetwork === true);
    // ReplaceDaemonSetPodNodeNameNodeAffinity: one required term on metadata.name.
    const affinity = spec.affinity ?? {};
    const nodeAffinity = affinity.nodeAffinity ?? {};
    spec.affinity = {
      ...affinity,
      nodeAffinity: {
        ...nodeAffinity,
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }],
        },
      },
    };
    return pod;
  }

  private isUpdated(pod: KObject, hash: string, ds: KObject): boolean {
    const gen = ds.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION];
    const labels = pod.metadata.labels ?? {};
    return labels[CONTROLLER_REVISION_HASH_LABEL] === hash || (gen !== undefined && labels[POD_TEMPLATE_GENERATION_LABEL] === gen && !labels[CONTROLLER_REVISION_HASH_LABEL]);
  }

  /**
   * rollingUpdate. Without surge: delete old pods while fewer than maxUnavailable nodes are
   * unavailable (old pods that are not available go first, for free); the manage loop then
   * creates the new pods. With surge: start a new pod beside an old one (up to maxSurge at a
   * time) and delete the old one once the new one is available.
   */
  private rollingUpdate(ds: KObject, nodes: KObject[], byNode: Map<string, KObject[]>, hash: string): void {
    const now = this.c.clock.now();
    const minReady = ds.spec.minReadySeconds ?? 0;
    const desired = nodes.filter((n) => shouldRunOn(n, ds)[0]).length;
    const ru = ds.spec.updateStrategy?.rollingUpdate ?? {};
    const maxSurge = scaledValue(ru.maxSurge ?? 0, desired, true);
    let maxUnavailable = scaledValue(ru.maxUnavailable ?? 0, desired, true);
    if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
    const available = (p: KObject) => isPodAvailable(p, minReady, now);
    if (maxSurge === 0) {
      let numUnavailable = 0;
      const allowed: KObject[] = [];
      const candidates: KObject[] = [];
      for (const node of nodes) {
        const all = byNode.get(node.metadata.name!) ?? [];
        if (!shouldRunOn(node, ds)[1] && all.length === 0) continue;
        // findUpdatedPodsOnNode ignores pods being deleted; a node left with only those is
        // unavailable until the manage loop replaces them.
        const pods = all.filter((p) => !p.metadata.deletionTimestamp);
        if (pods.length === 0 && all.length > 0) {
          numUnavailable++;
          continue;
        }
        if (pods.length > 1) {
          numUnavailable++;
          continue;
        }
        const pod = pods[0];
        if (!pod) {
          if (shouldRunOn(node, ds)[0]) numUnavailable++;
          continue;
        }
        if (this.isUpdated(pod, hash, ds)) {
          if (!available(pod)) numUnavailable++;
        } else if (!available(pod)) allowed.push(pod);
        else if (numUnavailable < maxUnavailable) candidates.push(pod);
      }
      const remaining = Math.min(Math.max(0, maxUnavailable - numUnavailable), candidates.length);
      const victims = [...allowed, ...candidates.slice(0, remaining)];
      if (victims.length) this.syncNodes(ds, victims, [], hash);
      return;
    }
    let numSurge = 0;
    const createOn: string[] = [];
    const remove: KObject[] = [];
    for (const node of nodes) {
      const pods = (byNode.get(node.metadata.name!) ?? []).filter((p) => !p.metadata.deletionTimestamp);
      const newPod = pods.find((p) => this.isUpdated(p, hash, ds));
      const oldPod = pods.find((p) => !this.isUpdated(p, hash, ds));
      if (oldPod && newPod) {
        if (available(newPod)) remove.push(oldPod);
        else numSurge++;
      } else if (oldPod && !newPod) {
        if (!available(oldPod)) createOn.push(node.metadata.name!);
        else if (numSurge < maxSurge) {
          numSurge++;
          createOn.push(node.metadata.name!);
        }
      }
    }
    if (remove.length || createOn.length) this.syncNodes(ds, remove, createOn, hash);
  }

  private updateStatus(ds: KObject, nodes: KObject[], hash: string | undefined): Result {
    const now = this.c.clock.now();
    const minReady = ds.spec.minReadySeconds ?? 0;
    const byNode = this.nodeToDaemonPods(ds);
    let desired = 0;
    let current = 0;
    let misscheduled = 0;
    let ready = 0;
    let availableN = 0;
    let updated = 0;
    let nextCheck = Infinity;
    for (const node of nodes) {
      const [shouldRun] = shouldRunOn(node, ds);
      const pods = byNode.get(node.metadata.name!) ?? [];
      if (!shouldRun) {
        if (pods.length) misscheduled++;
        continue;
      }
      desired++;
      if (pods.length === 0) continue;
      current++;
      const pod = pods.length === 1 ? pods[0] : [...pods].sort((a, b) => podCreated(a) - podCreated(b))[0];
      if (isPodReady(pod)) {
        ready++;
        if (isPodAvailable(pod, minReady, now)) availableN++;
        else nextCheck = Math.min(nextCheck, (podReadyTime(pod) ?? now) + minReady * 1000);
      }
      if (hash && this.isUpdated(pod, hash, ds)) updated++;
    }
    const status: Record<string, unknown> = {
      currentNumberScheduled: current,
      numberMisscheduled: misscheduled,
      desiredNumberScheduled: desired,
      numberReady: ready,
    };
    if (ds.metadata.generation) status.observedGeneration = ds.metadata.generation;
    if (updated) status.updatedNumberScheduled = updated;
    if (availableN) status.numberAvailable = availableN;
    if (desired - availableN) status.numberUnavailable = desired - availableN;
    if (ds.status?.collisionCount !== undefined) status.collisionCount = ds.status.collisionCount;
    if (ds.status?.conditions) status.conditions = ds.status.conditions;
    if (JSON.stringify(status) !== JSON.stringify(ds.status ?? {})) this.c.api.updateStatus({ ...ds, status });
    if (nextCheck !== Infinity) return after(Math.max(0, (nextCheck - now) / 1000) + 1);
    return done();
  }
}
