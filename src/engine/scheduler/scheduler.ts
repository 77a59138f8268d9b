/**
 * kube-scheduler's main loop (pkg/scheduler/scheduler.go, schedule_one.go, eventhandlers.go):
 * watch handlers feed the scheduling queue (pending pods of `default-scheduler`) and the cache
 * (assigned pods, nodes); each scheduleOne pops the best pending pod, runs the framework, binds
 * it through the pods/binding subresource and records `Scheduled`, or records
 * `FailedScheduling`, sets the PodScheduled=False condition, tries preemption and requeues the
 * pod. Cluster events move unschedulable pods back to the active queue.
 *
 * The scheduler is a SimClock work source: each drain schedules one pod, in zero simulated time.
 */
import type { ClusterParts } from '../cluster';
import type { WorkSource } from '../core/clock';
import type { EventRecorder } from '../api/events';
import { fromLabelSelector, matches, type Labels, type Selector } from '../api/selectors';
import { keyOf, type KObject, type WatchEvent } from '../api/types/meta';
import { isStatusError } from '../api/errors';
import { SchedulerCache } from './cache';
import { SchedulingQueue, type ClusterEvent, type QueuedPodInfo } from './queue';
import { fitErrorMessage, Framework, selectHost, type FilterOutcome } from './framework';
import { Explanations, type DecisionRecord, type Explanation } from './explain';
import { preempt } from './preemption';
import { CycleState, PodInfo, type FilterPlugin, type Handle, type MaybeStatus, type NodeInfo } from './types';
import { NODE_RESOURCES_FIT } from './plugins/node-resources-fit';
import { NODE_PORTS } from './plugins/node-ports';
import { POD_TOPOLOGY_SPREAD } from './plugins/pod-topology-spread';
import { INTER_POD_AFFINITY } from './plugins/inter-pod-affinity';
import { NODE_AFFINITY } from './plugins/node-affinity';
import { TAINT_TOLERATION } from './plugins/taint-toleration';
import { NODE_UNSCHEDULABLE } from './plugins/node-unschedulable';
import { NODE_NAME } from './plugins/node-name';
import { VOLUME_BINDING } from './plugins/volume-binding';
import type { TimerHandle } from '../core/clock';

export const SCHEDULER_NAME = 'default-scheduler';
/** ErrNoNodesAvailable */
export const ErrNoNodesAvailable = 'no nodes available to schedule pods';
/** v1.PodReasonUnschedulable / SchedulerError */
export const REASON_UNSCHEDULABLE = 'Unschedulable';
export const REASON_SCHEDULER_ERROR = 'SchedulerError';
/** validation.NoteLengthLimit: longer event messages are cut with " ...". */
const NOTE_LENGTH_LIMIT = 1024;

/** The Scheduled event text. */
export const scheduledMessage = (ns: string, name: string, node: string): string => `Successfully assigned ${ns}/${name} to ${node}`;

const ev = (label: string, ...plugins: string[]): ClusterEvent => ({ label, plugins: new Set(plugins) });
const NODE_ADD: ClusterEvent = ev(
  'NodeAdd',
  NODE_UNSCHEDULABLE,
  NODE_NAME,
  TAINT_TOLERATION,
  NODE_AFFINITY,
  NODE_PORTS,
  NODE_RESOURCES_FIT,
  POD_TOPOLOGY_SPREAD,
  INTER_POD_AFFINITY,
  VOLUME_BINDING,
);
const NODE_ALLOCATABLE = ev('NodeAllocatableChange', NODE_RESOURCES_FIT, NODE_NAME, NODE_PORTS);
const NODE_LABEL = ev('NodeLabelChange', NODE_AFFINITY, POD_TOPOLOGY_SPREAD, INTER_POD_AFFINITY, NODE_NAME, NODE_PORTS, VOLUME_BINDING);
const PVC_CHANGE = ev('PersistentVolumeClaimChange', VOLUME_BINDING);
const PV_CHANGE = ev('PersistentVolumeChange', VOLUME_BINDING);
const STORAGE_CLASS_CHANGE = ev('StorageClassChange', VOLUME_BINDING);
/** How often the binding cycle checks a PreBind that waits (the volume binder polls every second). */
const PRE_BIND_POLL_SECONDS = 1;
const NODE_TAINT = ev('NodeTaintChange', TAINT_TOLERATION, NODE_UNSCHEDULABLE, POD_TOPOLOGY_SPREAD, NODE_NAME, NODE_PORTS);
const NODE_SPEC_UNSCHEDULABLE = ev('NodeSpecUnschedulableChange', NODE_UNSCHEDULABLE, NODE_NAME, NODE_PORTS);
const NODE_DELETE = ev('NodeDelete', POD_TOPOLOGY_SPREAD);
const ASSIGNED_POD_ADD = ev('AssignedPodAdd', POD_TOPOLOGY_SPREAD, INTER_POD_AFFINITY);
const ASSIGNED_POD_UPDATE = ev('AssignedPodUpdate', POD_TOPOLOGY_SPREAD, INTER_POD_AFFINITY);
const ASSIGNED_POD_DELETE = ev('AssignedPodDelete', NODE_RESOURCES_FIT, NODE_PORTS, POD_TOPOLOGY_SPREAD, INTER_POD_AFFINITY);

function shallowEqual(a: Labels, b: Labels): boolean {
  if (a === b) return true;
  if (!a || !b) return (!a || Object.keys(a).length === 0) && (!b || Object.keys(b).length === 0);
  let n = 0;
  for (const k in a) {
    if (a[k] !== b[k]) return false;
    n++;
  }
  for (const k in b) if (k in b) n--;
  return n === 0;
}

const json = (v: unknown): string => JSON.stringify(v ?? null);

function isTerminal(pod: KObject): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

function responsibleFor(pod: KObject): boolean {
  return (pod.spec?.schedulerName ?? SCHEDULER_NAME) === SCHEDULER_NAME;
}

/** isPodUpdated: anything but status, resourceVersion, generation, managedFields, finalizers. */
function isPodUpdated(old: KObject | undefined, cur: KObject): boolean {
  if (!old) return true;
  const strip = (p: KObject): string => {
    const { resourceVersion: _rv, generation: _g, managedFields: _m, finalizers: _f, ...meta } = p.metadata;
    return json({ meta, spec: p.spec });
  };
  return strip(old) !== strip(cur);
}

export interface SchedulerStats {
  decisions: number;
  scheduled: number;
  failed: number;
  queue: { active: number; backoff: number; unschedulable: number };
  nodes: number;
  cachedPods: number;
}

export class Scheduler implements WorkSource {
  readonly cache = new SchedulerCache();
  readonly queue: SchedulingQueue;
  readonly fw = new Framework();
  readonly explanations = new Explanations(this.cache);
  decisions = 0;
  scheduled = 0;
  failed = 0;
  /** Whether drains schedule (the bench pauses the loop while it builds pods). */
  paused = false;
  private nextStartNodeIndex = 0;
  /** Pods nominated to a node by preemption: node -> pod key -> pod. */
  private nominated = new Map<string, Map<string, PodInfo>>();
  private nominatedNodeOf = new Map<string, string>();
  private recorder: EventRecorder;
  /** The pod being bound right now: its watch event reuses this PodInfo. */
  private binding: PodInfo | undefined;
  private stops: (() => void)[] = [];
  readonly handle: Handle;
  /**
   * Pods in their binding cycle whose PreBind waits (VolumeBinding: volumes being provisioned
   * and bound). They stay assumed on their node in the cache, unbound and Pending.
   */
  private waitingBinds = new Map<string, { uid: string; timer?: TimerHandle }>();

  constructor(private c: ClusterParts) {
    this.queue = new SchedulingQueue(c.clock);
    this.recorder = c.recorder({ component: SCHEDULER_NAME });
    const cache = this.cache;
    this.handle = {
      nodeInfos: () => cache.nodeList(),
      nodeInfo: (name) => cache.nodeInfo(name),
      havePodsWithAffinity: () => cache.havePodsWithAffinity(),
      havePodsWithRequiredAntiAffinity: () => cache.havePodsWithRequiredAntiAffinity(),
      imageNumNodes: (img) => cache.imageNumNodes(img),
      namespaceLabels: (ns) => c.api.store.get('Namespace', ns)?.metadata.labels,
      defaultSelector: (pod) => this.defaultSelector(pod),
      podCountsOnNodes: (ns, sel) => cache.podCountsOnNodes(ns, sel),
      get: (kind, key) => c.api.store.get(kind, key),
      list: (kind) => c.api.store.list(kind),
    };
    for (const n of c.api.store.list('Node')) this.cache.addOrUpdateNode(n);
    for (const p of c.api.store.list('Pod')) this.onPod({ type: 'ADDED', object: p });
    this.stops.push(c.api.watch('Node', (e) => this.onNode(e)));
    this.stops.push(c.api.watch('Pod', (e) => this.onPod(e)));
    this.stops.push(c.api.watch('PersistentVolumeClaim', (e) => e.type !== 'DELETED' && this.queue.onEvent(PVC_CHANGE)));
    this.stops.push(c.api.watch('PersistentVolume', (e) => e.type !== 'DELETED' && this.queue.onEvent(PV_CHANGE)));
    this.stops.push(c.api.watch('StorageClass', (e) => e.type !== 'DELETED' && this.queue.onEvent(STORAGE_CLASS_CHANGE)));
    c.clock.addSource(this);
  }

  stop(): void {
    for (const s of this.stops) s();
    this.stops = [];
    this.paused = true;
  }

  /** WorkSource: one scheduling attempt per drain. */
  drain(): boolean {
    if (this.paused) return false;
    return this.scheduleOne();
  }

  stats(): SchedulerStats {
    return {
      decisions: this.decisions,
      scheduled: this.scheduled,
      failed: this.failed,
      queue: this.queue.stats(),
      nodes: this.cache.nodeCount,
      cachedPods: this.cache.podCount(),
    };
  }

  explain(podKey: string): Explanation | undefined {
    const pod = this.c.api.store.get('Pod', podKey);
    return this.explanations.get(podKey, pod?.metadata.uid);
  }

  // ---- event handlers ----------------------------------------------------------------------

  private onNode(e: WatchEvent): void {
    const node = e.object;
    const name = node.metadata.name!;
    if (e.type === 'DELETED') {
      this.cache.removeNode(name);
      this.queue.onEvent(NODE_DELETE);
      return;
    }
    const old = e.type === 'MODIFIED' ? e.old : undefined;
    if (!old) {
      this.cache.addOrUpdateNode(node);
      this.queue.onEvent(NODE_ADD);
      return;
    }
    // nodeSchedulingPropertiesChange: only what scheduling reads.
    const events: ClusterEvent[] = [];
    if (json(old.status?.allocatable) !== json(node.status?.allocatable)) events.push(NODE_ALLOCATABLE);
    if (!shallowEqual(old.metadata.labels, node.metadata.labels)) events.push(NODE_LABEL);
    if (json(old.spec?.taints) !== json(node.spec?.taints)) events.push(NODE_TAINT);
    if (!!old.spec?.unschedulable !== !!node.spec?.unschedulable) events.push(NODE_SPEC_UNSCHEDULABLE);
    const imagesChanged = (old.status?.images?.length ?? 0) !== (node.status?.images?.length ?? 0) || json(old.status?.images) !== json(node.status?.images);
    if (events.length === 0 && !imagesChanged) return;
    this.cache.addOrUpdateNode(node);
    for (const ce of events) this.queue.onEvent(ce);
  }

  private onPod(e: WatchEvent): void {
    const pod = e.object;
    const key = keyOf(pod);
    const waiting = this.waitingBinds.get(key);
    if (waiting) {
      // An assumed pod in its binding cycle: only its deletion matters (forgetPod).
      if (e.type !== 'DELETED' && waiting.uid === pod.metadata.uid) return;
      this.c.clock.cancel(waiting.timer);
      this.waitingBinds.delete(key);
    }
    if (e.type === 'DELETED') {
      if (this.cache.removePod(key)) this.queue.onEvent(ASSIGNED_POD_DELETE);
      this.queue.delete(key);
      this.explanations.delete(key);
      this.clearNominated(key);
      return;
    }
    const node = pod.spec?.nodeName as string | undefined;
    if (node) {
      // An assigned pod: the cache (unless terminal, which the informer filters out).
      if (this.queue.has(key)) this.queue.delete(key);
      this.clearNominated(key);
      if (isTerminal(pod)) {
        if (this.cache.removePod(key)) this.queue.onEvent(ASSIGNED_POD_DELETE);
        return;
      }
      const cached = this.cache.pod(key);
      if (
        cached &&
        cached.uid === pod.metadata.uid &&
        cached.terminating === !!pod.metadata.deletionTimestamp &&
        shallowEqual(cached.labels, pod.metadata.labels) &&
        e.old?.spec?.nodeName === node
      ) {
        // A status update: nothing the cache aggregates changed.
        cached.pod = pod;
        return;
      }
      const b = this.binding;
      let info: PodInfo;
      if (b && b.key === key && b.uid === pod.metadata.uid) {
        info = b;
        info.pod = pod;
      } else info = new PodInfo(pod);
      this.cache.setPod(info, node);
      this.queue.onEvent(cached ? ASSIGNED_POD_UPDATE : ASSIGNED_POD_ADD);
      return;
    }
    if (!responsibleFor(pod) || isTerminal(pod)) {
      this.queue.delete(key);
      return;
    }
    const info = new PodInfo(pod);
    if (this.queue.has(key)) this.queue.update(info, isPodUpdated(e.old, pod));
    else this.queue.add(info);
    const nnn = pod.status?.nominatedNodeName as string | undefined;
    if (nnn) this.setNominated(info, nnn);
    else this.clearNominated(key);
  }

  private setNominated(info: PodInfo, node: string): void {
    this.clearNominated(info.key);
    let m = this.nominated.get(node);
    if (!m) this.nominated.set(node, (m = new Map()));
    m.set(info.key, info);
    this.nominatedNodeOf.set(info.key, node);
  }

  private clearNominated(key: string): void {
    const node = this.nominatedNodeOf.get(key);
    if (node === undefined) return;
    this.nominatedNodeOf.delete(key);
    const m = this.nominated.get(node);
    m?.delete(key);
    if (m && m.size === 0) this.nominated.delete(node);
  }

  /** helper.DefaultSelector: Services selecting the pod, and its ReplicaSet/RC/StatefulSet. */
  defaultSelector(pod: PodInfo): Selector {
    const store = this.c.api.store;
    const labelSet: Record<string, string> = {};
    for (const svc of store.list('Service', pod.namespace)) {
      const sel = svc.spec?.selector as Record<string, string> | undefined;
      if (!sel || Object.keys(sel).length === 0) continue;
      if (Object.entries(sel).every(([k, v]) => pod.labels?.[k] === v)) Object.assign(labelSet, sel);
    }
    const selector: Selector = Object.entries(labelSet)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, v]) => ({ key, op: '=' as const, values: [v] }));
    const owner = pod.pod.metadata.ownerReferences?.find((r) => r.controller);
    if (!owner) return selector;
    const ownerObj = store.get(owner.kind, `${pod.namespace}/${owner.name}`);
    if (!ownerObj) return selector;
    if (owner.kind === 'ReplicationController' && owner.apiVersion === 'v1') {
      const merged = { ...labelSet, ...((ownerObj.spec?.selector ?? {}) as Record<string, string>) };
      return Object.entries(merged)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([key, v]) => ({ key, op: '=' as const, values: [v] }));
    }
    if ((owner.kind === 'ReplicaSet' || owner.kind === 'StatefulSet') && owner.apiVersion === 'apps/v1') {
      return [...selector, ...fromLabelSelector(ownerObj.spec?.selector)];
    }
    return selector;
  }

  // ---- scheduling --------------------------------------------------------------------------

  /** RunFilterPluginsWithNominatedPods: nominated pods of equal or higher priority count too. */
  private filterWithNominated(state: CycleState, pod: PodInfo, node: NodeInfo, filters: FilterPlugin[]): MaybeStatus {
    const nom = this.nominated.get(node.name);
    if (nom && nom.size > 0) {
      let copy: NodeInfo | undefined;
      for (const p of nom.values()) {
        if (p.key === pod.key || p.priority < pod.priority) continue;
        copy ??= node.clone();
        copy.addPod(p);
      }
      if (copy) {
        const s = this.fw.runFilters(state, pod, copy, filters, this.handle);
        if (s !== null) return s;
      }
    }
    return this.fw.runFilters(state, pod, node, filters, this.handle);
  }

  /** scheduleOne: one attempt for the next pod; false when the queue is empty. */
  scheduleOne(): boolean {
    const q = this.queue.pop();
    if (!q) return false;
    const key = q.info.key;
    const pod = this.c.api.store.get('Pod', key);
    // skipPodSchedule: deleted, replaced, already bound or being deleted.
    if (!pod || pod.metadata.uid !== q.info.uid || pod.spec?.nodeName || pod.metadata.deletionTimestamp) {
      this.queue.done(key);
      return true;
    }
    this.decisions++;
    const info = q.info;
    const state = new CycleState();
    const numNodes = this.cache.nodeCount;
    const time = this.c.clock.rfc3339();
    if (numNodes === 0) {
      this.fail(q, pod, ErrNoNodesAvailable, true, {
        uid: info.uid,
        attempt: q.attempts,
        time,
        outcome: 'Unschedulable',
        message: ErrNoNodesAvailable,
        sampling: { numAllNodes: 0, numNodesToFind: 0, percentageOfNodesToScore: 100, startIndex: 0, evaluated: 0, feasible: 0 },
        preFilter: [],
        rejected: new Map(),
        scorePlugins: [],
        scoredNodes: [],
      });
      return true;
    }
    const fo = this.fw.findNodesThatFit(state, info, this.handle, this.nextStartNodeIndex, {
      nominatedNode: pod.status?.nominatedNodeName,
      filterNode: this.nominated.size > 0 ? (n, f) => this.filterWithNominated(state, info, n, f) : undefined,
    });
    if (fo.processed > 0) this.nextStartNodeIndex = (this.nextStartNodeIndex + fo.processed) % numNodes;
    const record: DecisionRecord = {
      uid: info.uid,
      attempt: q.attempts,
      time,
      outcome: 'Unschedulable',
      sampling: samplingOf(fo),
      preFilter: fo.preFilter,
      rejected: fo.diagnosis.nodeToStatus,
      scorePlugins: [],
      scoredNodes: fo.feasible,
    };
    if (fo.error) {
      record.outcome = 'Error';
      record.message = fo.error;
      this.fail(q, pod, fo.error, false, record);
      return true;
    }
    if (fo.feasible.length === 0) {
      this.unschedulable(q, pod, state, fo, record);
      return true;
    }
    let chosen: NodeInfo;
    if (fo.feasible.length === 1) {
      chosen = fo.feasible[0];
    } else {
      const so = this.fw.prioritize(state, info, fo.feasible, this.handle);
      record.scorePlugins = so.plugins;
      record.normalized = so.normalized;
      chosen = fo.feasible[selectHost(so.totals, (n) => this.c.rng.int(n))];
    }
    this.bind(q, pod, chosen.name, record, state);
    return true;
  }

  private unschedulable(q: QueuedPodInfo, pod: KObject, state: CycleState, fo: FilterOutcome, record: DecisionRecord): void {
    const d = fo.diagnosis;
    // PostFilter: DefaultPreemption.
    const pr = preempt({
      fw: this.fw,
      h: this.handle,
      state,
      pod: q.info,
      diagnosis: d,
      filters: this.fw.activeFilters(state),
      randomInt: (n) => this.c.rng.int(n),
    });
    d.postFilterMsg = pr.message;
    if (pr.candidate) this.preemptVictims(pod, pr.candidate.node, pr.candidate.victims);
    record.preemption = {
      node: pr.candidate?.node,
      victims: pr.candidate?.victims.map((v) => v.key),
      nodes: [...pr.nodeStatus].map(([node, result]) => ({ node, result })),
    };
    const msg = fitErrorMessage(fo.numAllNodes, d);
    record.message = msg;
    record.nominatedNode = pr.nominate || undefined;
    q.unschedulablePlugins = new Set(d.unschedulablePlugins);
    this.fail(q, pod, msg, true, record, pr.nominate);
  }

  /** prepareCandidate: DisruptionTarget condition, delete the victims, record Preempted. */
  private preemptVictims(preemptorObj: KObject, node: string, victims: PodInfo[]): void {
    for (const v of victims) {
      const cur = this.c.api.store.get('Pod', v.key);
      if (!cur) continue;
      try {
        const conditions = [...((cur.status?.conditions ?? []) as { type: string }[])].filter((c) => c.type !== 'DisruptionTarget');
        conditions.push({
          type: 'DisruptionTarget',
          status: 'True',
          lastProbeTime: null,
          lastTransitionTime: this.c.clock.rfc3339(),
          reason: 'PreemptionByScheduler',
          message: `${SCHEDULER_NAME}: preempting to accommodate a higher priority pod`,
        } as { type: string });
        this.c.api.updateStatus({ ...cur, status: { ...cur.status, conditions } });
        this.c.api.delete('Pod', v.namespace, v.name);
        this.recorder.event(cur, 'Normal', 'Preempted', `Preempted by pod ${preemptorObj.metadata.uid} on node ${node}`);
      } catch (e) {
        // A victim already gone needs nothing more.
        if (!isStatusError(e)) throw e;
      }
    }
  }

  /**
   * The binding cycle: PreBind plugins (VolumeBinding may have to wait for volumes, the pod
   * then stays assumed on the node), then the bind.
   */
  private bind(q: QueuedPodInfo, pod: KObject, node: string, record: DecisionRecord, state: CycleState): void {
    for (const p of this.fw.preBinds) {
      const r = p.preBind!.preBind(state, q.info, node, this.c.api, this.c.clock.now());
      if ('status' in r) {
        if (r.status === null) continue;
        record.outcome = 'Error';
        record.message = r.status.message();
        this.fail(q, pod, r.status.message(), false, record);
        return;
      }
      // Assume the pod on the node while it waits, so later pods see its resources.
      const key = q.info.key;
      this.cache.setPod(q.info, node);
      const entry: { uid: string; timer?: TimerHandle } = { uid: q.info.uid };
      this.waitingBinds.set(key, entry);
      const poll = (): void => {
        if (this.waitingBinds.get(key) !== entry) return;
        const st = r.wait(this.c.clock.now());
        if (st === undefined) {
          entry.timer = this.c.clock.after(PRE_BIND_POLL_SECONDS, poll, 'scheduler-prebind');
          return;
        }
        this.waitingBinds.delete(key);
        const cur = this.c.api.store.get('Pod', key);
        if (!cur || cur.metadata.uid !== q.info.uid) {
          this.cache.removePod(key);
          this.queue.done(key);
          return;
        }
        if (st !== null) {
          // Unreserve and forget the assumed pod; the failure handler requeues it.
          if (this.cache.removePod(key)) this.queue.onEvent(ASSIGNED_POD_DELETE);
          record.outcome = 'Error';
          record.message = st.message();
          this.fail(q, cur, st.message(), false, record);
          return;
        }
        this.bindNow(q, cur, node, record);
      };
      entry.timer = this.c.clock.after(PRE_BIND_POLL_SECONDS, poll, 'scheduler-prebind');
      return;
    }
    this.bindNow(q, pod, node, record);
  }

  private bindNow(q: QueuedPodInfo, pod: KObject, node: string, record: DecisionRecord): void {
    const ns = pod.metadata.namespace!;
    const name = pod.metadata.name!;
    this.binding = q.info;
    try {
      this.c.api.bind(ns, name, node);
    } catch (e) {
      this.binding = undefined;
      if (!isStatusError(e)) throw e;
      if (this.cache.pod(q.info.key)?.uid === q.info.uid && !this.c.api.store.get('Pod', q.info.key)?.spec?.nodeName) this.cache.removePod(q.info.key);
      record.outcome = 'Error';
      record.message = e.message;
      this.fail(q, pod, e.message, false, record);
      return;
    }
    this.binding = undefined;
    this.queue.done(q.info.key);
    this.scheduled++;
    record.outcome = 'Scheduled';
    record.node = node;
    this.explanations.record(q.info.key, record);
    const bound = this.c.api.store.get('Pod', q.info.key) ?? pod;
    this.recorder.event(bound, 'Normal', 'Scheduled', scheduledMessage(ns, name, node));
  }

  /**
   * handleSchedulingFailure: requeue, FailedScheduling event (cut to 1024 characters), and the
   * PodScheduled=False condition with the full message (only written when it changed).
   */
  private fail(q: QueuedPodInfo, pod: KObject, msg: string, rejected: boolean, record: DecisionRecord, nominatedNode?: string): void {
    this.failed++;
    this.queue.requeueFailed(q, rejected);
    this.explanations.record(q.info.key, record);
    const note = msg.length <= NOTE_LENGTH_LIMIT ? msg : `${msg.slice(0, NOTE_LENGTH_LIMIT - 4)} ...`;
    this.recorder.event(pod, 'Warning', 'FailedScheduling', note);
    const cur = this.c.api.store.get('Pod', q.info.key);
    if (!cur || cur.metadata.uid !== q.info.uid || cur.spec?.nodeName) return;
    const reason = rejected ? REASON_UNSCHEDULABLE : REASON_SCHEDULER_ERROR;
    const conditions = [...((cur.status?.conditions ?? []) as Record<string, unknown>[])];
    const i = conditions.findIndex((c) => c.type === 'PodScheduled');
    const old = i >= 0 ? conditions[i] : undefined;
    const cond = {
      type: 'PodScheduled',
      status: 'False',
      lastProbeTime: null,
      lastTransitionTime: old && old.status === 'False' ? old.lastTransitionTime : this.c.clock.rfc3339(),
      reason,
      message: msg,
    };
    const nnnChange = nominatedNode !== undefined && (cur.status?.nominatedNodeName ?? '') !== nominatedNode;
    const same = old && old.status === cond.status && old.reason === cond.reason && old.message === cond.message && old.lastTransitionTime === cond.lastTransitionTime;
    if (same && !nnnChange) return;
    if (i >= 0) conditions[i] = cond;
    else conditions.push(cond);
    const status: Record<string, unknown> = { ...cur.status, conditions };
    if (nnnChange) {
      if (nominatedNode) status.nominatedNodeName = nominatedNode;
      else delete status.nominatedNodeName;
    }
    try {
      this.c.api.updateStatus({ ...cur, status });
    } catch (e) {
      // The pod may be gone or changed meanwhile; the next attempt writes again.
      if (!isStatusError(e)) throw e;
    }
  }
}

function samplingOf(fo: FilterOutcome): Explanation['sampling'] {
  return {
    numAllNodes: fo.numAllNodes,
    numNodesToFind: fo.numToFind,
    percentageOfNodesToScore: fo.percentage,
    startIndex: fo.startIndex,
    evaluated: fo.processed,
    feasible: fo.feasible.length,
    preFilterNodes: fo.subset,
    nominated: fo.nominated,
  };
}
