/**
 * Node lifecycle (pkg/controller/nodelifecycle/node_lifecycle_controller.go) and the taint
 * eviction controller (pkg/controller/tainteviction):
 * - every nodeMonitorPeriod (5 s) each node's heartbeat (the Ready condition's
 *   lastHeartbeatTime or its Lease's renewTime, whichever is newer) is checked; after
 *   node-monitor-grace-period (50 s in v1.32) without one, its conditions turn Unknown
 *   ("Kubelet stopped posting node status."), its pods are marked Ready=False with a
 *   NodeNotReady event, and the node gets `node.kubernetes.io/unreachable` NoSchedule and
 *   NoExecute taints (`not-ready` when the kubelet reports Ready=False);
 * - a node seen for the first time gets a RegisteredNode event;
 * - the taint eviction controller deletes pods that do not tolerate a NoExecute taint, at once
 *   or after their tolerationSeconds (300 s by default admission), counted from timeAdded.
 */
import type { ClusterParts } from '../cluster';
import type { EventRecorder } from '../api/events';
import { isStatusError } from '../api/errors';
import { jsonEqual } from '../api/json-equal';
import { clone, keyOf, makeKey, type KObject, type WatchEvent } from '../api/types/meta';
import { after, done, on, retry, type Controller, type Result, type Trigger } from './manager';
import { tolerates } from './daemonset';

/** --node-monitor-period default. */
export const NODE_MONITOR_PERIOD_SECONDS = 5;
/** --node-monitor-grace-period default in v1.32 (was 40 s before). */
export const NODE_MONITOR_GRACE_PERIOD_SECONDS = 50;

export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';

export const MSG_STOPPED_POSTING = 'Kubelet stopped posting node status.';
export const REASON_NODE_STATUS_UNKNOWN = 'NodeStatusUnknown';

const MONITOR_KEY = '\0monitor';

interface Condition {
  type: string;
  status: string;
  lastHeartbeatTime?: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

interface Taint {
  key: string;
  value?: string;
  effect: string;
  timeAdded?: string;
}

/** The conditions the node controller turns Unknown (the kubelet-owned ones). */
const MONITORED = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'];

export class NodeLifecycleController implements Controller {
  readonly name = 'node-controller';
  private recorder: EventRecorder;
  private known = new Set<string>();

  constructor(private c: ClusterParts) {
    this.recorder = c.recorder({ component: 'node-controller' });
  }

  triggers(): Trigger[] {
    return [on('Node', (ev) => (ev.type === 'ADDED' ? [ev.object.metadata.name!] : ev.type === 'DELETED' ? [ev.object.metadata.name!] : []))];
  }

  initialKeys(): string[] {
    return [MONITOR_KEY];
  }

  reconcile(key: string): Result {
    if (key !== MONITOR_KEY) return this.register(key);
    for (const node of this.c.api.store.list('Node')) {
      try {
        this.monitor(node);
      } catch (e) {
        // A conflicting write (the kubelet updated the node meanwhile) is retried next period.
        if (!isStatusError(e)) throw e;
      }
    }
    return after(NODE_MONITOR_PERIOD_SECONDS);
  }

  /** RegisteredNode, once per node the controller learns about. */
  private register(name: string): Result {
    const node = this.c.api.getByKey('Node', name);
    if (!node) {
      if (this.known.delete(name)) {
        // Upstream records RemovingNode for nodes that disappear.
        this.recorder.event({ apiVersion: 'v1', kind: 'Node', metadata: { name } }, 'Normal', 'RemovingNode', `Node ${name} event: Removing Node ${name} from Controller`);
      }
      return done();
    }
    if (this.known.has(name)) return done();
    this.known.add(name);
    this.nodeEvent(node, 'RegisteredNode', `Node ${name} event: Registered Node ${name} in Controller`);
    return done();
  }

  /** RecordNodeEvent / RecordNodeStatusChange: Normal events about the node (in `default`). */
  private nodeEvent(node: KObject, reason: string, message: string): void {
    this.recorder.event(node, 'Normal', reason, message);
  }

  private lastHeartbeat(node: KObject): number {
    const ready = (node.status?.conditions as Condition[] | undefined)?.find((c) => c.type === 'Ready');
    let t = ready?.lastHeartbeatTime ? Date.parse(ready.lastHeartbeatTime) : 0;
    const lease = this.c.api.getByKey('Lease', makeKey('kube-node-lease', node.metadata.name!));
    const renew = lease?.spec?.renewTime ? Date.parse(lease.spec.renewTime) : 0;
    if (renew > t) t = renew;
    if (!t && node.metadata.creationTimestamp) t = Date.parse(node.metadata.creationTimestamp);
    return t;
  }

  /** monitorNodeHealth for one node, then the tainting passes. */
  private monitor(stored: KObject): void {
    const name = stored.metadata.name!;
    if (!this.known.has(name)) this.register(name);
    const now = this.c.clock.now();
    let node = stored;
    const conds = (node.status?.conditions ?? []) as Condition[];
    const ready = conds.find((c) => c.type === 'Ready');
    const stale = now > this.lastHeartbeat(node) + NODE_MONITOR_GRACE_PERIOD_SECONDS * 1000;
    if (stale && ready?.status !== 'Unknown') {
      const ts = this.c.clock.rfc3339();
      const next = clone(node);
      const list = (next.status.conditions ?? []) as Condition[];
      for (const type of MONITORED) {
        const c = list.find((x) => x.type === type);
        if (!c) {
          list.push({ type, status: 'Unknown', lastHeartbeatTime: ts, lastTransitionTime: ts, reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.' });
        } else if (c.status !== 'Unknown') {
          Object.assign(c, { status: 'Unknown', reason: REASON_NODE_STATUS_UNKNOWN, message: MSG_STOPPED_POSTING, lastTransitionTime: ts });
        }
      }
      next.status.conditions = list;
      node = this.c.api.updateStatus(next);
      if (ready?.status === 'True') {
        this.nodeEvent(node, 'NodeNotReady', `Node ${name} status is now: NodeNotReady`);
        this.markPodsNotReady(name);
      }
    } else if (ready && ready.status === 'False' && this.lastSeenReady(name)) {
      this.nodeEvent(node, 'NodeNotReady', `Node ${name} status is now: NodeNotReady`);
      this.markPodsNotReady(name);
    }
    this.observedReady.set(name, ((node.status?.conditions ?? []) as Condition[]).find((c) => c.type === 'Ready')?.status ?? '');
    this.taint(node);
  }

  /** The Ready status seen at the previous pass (to notice a kubelet reporting False). */
  private observedReady = new Map<string, string>();

  private lastSeenReady(name: string): boolean {
    return this.observedReady.get(name) === 'True';
  }

  /** MarkPodsNotReady: the pods on the node get Ready=False and a NodeNotReady event. */
  private markPodsNotReady(nodeName: string): void {
    const ts = this.c.clock.rfc3339();
    for (const pod of this.c.api.podsOnNode(nodeName)) {
      const conds = (pod.status?.conditions ?? []) as Condition[];
      const ready = conds.find((c) => c.type === 'Ready');
      if (!ready || ready.status === 'False') continue;
      const next = clone(pod);
      for (const c of next.status.conditions as Condition[]) {
        if (c.type === 'Ready') Object.assign(c, { status: 'False', lastTransitionTime: ts });
      }
      try {
        const updated = this.c.api.updateStatus(next);
        this.recorder.event(updated, 'Warning', 'NodeNotReady', 'Node is not ready');
      } catch (e) {
        if (!isStatusError(e)) throw e;
      }
    }
  }

  /**
   * doNoScheduleTaintingPass + doNoExecuteTaintingPass: Ready Unknown -> unreachable, Ready
   * False -> not-ready (NoSchedule without a time, NoExecute with timeAdded); Ready True
   * removes them.
   */
  private taint(node: KObject): void {
    const ready = ((node.status?.conditions ?? []) as Condition[]).find((c) => c.type === 'Ready');
    const want = ready?.status === 'Unknown' ? TAINT_UNREACHABLE : ready?.status === 'False' ? TAINT_NOT_READY : undefined;
    const taints = (node.spec?.taints ?? []) as Taint[];
    const managed = (t: Taint) => (t.key === TAINT_UNREACHABLE || t.key === TAINT_NOT_READY) && (t.effect === 'NoSchedule' || t.effect === 'NoExecute');
    const keep = taints.filter((t) => !managed(t) || t.key === want);
    const next = [...keep];
    if (want && !keep.some((t) => t.key === want && t.effect === 'NoSchedule')) next.push({ key: want, effect: 'NoSchedule' });
    if (want && !keep.some((t) => t.key === want && t.effect === 'NoExecute')) next.push({ key: want, effect: 'NoExecute', timeAdded: this.c.clock.rfc3339() });
    if (JSON.stringify(next) === JSON.stringify(taints)) return;
    const cur = clone(this.c.api.getByKey('Node', node.metadata.name!)!);
    cur.spec = { ...(cur.spec ?? {}), taints: next };
    if (next.length === 0) delete cur.spec.taints;
    this.c.api.update(cur);
  }
}

/** The taint eviction controller: deletes pods from nodes with NoExecute taints they don't tolerate. */
export class TaintEvictionController implements Controller {
  readonly name = 'taint-eviction-controller';
  private recorder: EventRecorder;

  constructor(private c: ClusterParts) {
    this.recorder = c.recorder({ component: 'taint-eviction-controller' });
  }

  triggers(): Trigger[] {
    return [
      on('Node', (ev) => this.nodeKeys(ev)),
      on('Pod', (ev) => {
        if (ev.type === 'DELETED' || !ev.object.spec?.nodeName) return [];
        if (ev.old?.spec?.nodeName === ev.object.spec.nodeName && jsonEqual(ev.old?.spec?.tolerations, ev.object.spec.tolerations)) return [];
        return [keyOf(ev.object)];
      }),
    ];
  }

  private nodeKeys(ev: WatchEvent): string[] {
    if (ev.type === 'DELETED') return [];
    const noExec = (n?: KObject) => JSON.stringify(((n?.spec?.taints ?? []) as Taint[]).filter((t) => t.effect === 'NoExecute'));
    if (ev.type === 'MODIFIED' && noExec(ev.old) === noExec(ev.object)) return [];
    return this.c.api.podsOnNode(ev.object.metadata.name!).map(keyOf);
  }

  reconcile(key: string): Result {
    const pod = this.c.api.getByKey('Pod', key);
    if (!pod || !pod.spec?.nodeName || pod.metadata.deletionTimestamp) return done(); // nothing to evict
    const node = this.c.api.getByKey('Node', pod.spec.nodeName);
    if (!node) return done();
    const taints = ((node.spec?.taints ?? []) as Taint[]).filter((t) => t.effect === 'NoExecute');
    if (taints.length === 0) return done();
    const tolerations = (pod.spec.tolerations ?? []) as { key?: string; operator?: string; value?: string; effect?: string; tolerationSeconds?: number }[];
    const now = this.c.clock.now();
    let evictAt = Infinity;
    for (const t of taints) {
      const matching = tolerations.filter((x) => tolerates(x, t));
      if (matching.length === 0) {
        evictAt = now;
        break;
      }
      // getMinTolerationTime: the smallest tolerationSeconds; none means forever.
      const secs = matching.map((x) => x.tolerationSeconds).filter((s): s is number => s !== undefined && s !== null);
      if (secs.length === 0) continue;
      const min = Math.max(0, Math.min(...secs));
      const added = t.timeAdded ? Date.parse(t.timeAdded) : now;
      evictAt = Math.min(evictAt, added + min * 1000);
    }
    if (evictAt === Infinity) return done(); // tolerated forever
    if (evictAt > now) return after((evictAt - now) / 1000);
    try {
      this.evict(pod);
    } catch (e) {
      if (isStatusError(e) && e.code === 404) return done();
      if (isStatusError(e)) return retry();
      throw e;
    }
    return done();
  }

  /** Marks the pod with DisruptionTarget and deletes it (graceful, as upstream). */
  private evict(pod: KObject): void {
    this.recorder.event(pod, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${pod.metadata.namespace}/${pod.metadata.name}`);
    const next = clone(pod);
    const conds = ((next.status?.conditions ?? []) as Condition[]).filter((c) => c.type !== 'DisruptionTarget');
    conds.push({
      type: 'DisruptionTarget',
      status: 'True',
      lastTransitionTime: this.c.clock.rfc3339(),
      reason: 'DeletionByTaintManager',
      message: 'Taint manager: deleting due to NoExecute taint',
    } as Condition);
    next.status = { ...(next.status ?? {}), conditions: conds };
    try {
      this.c.api.updateStatus(next);
    } catch (e) {
      // The condition is informative; the deletion below is what matters.
      if (!isStatusError(e)) throw e;
    }
    this.c.api.delete('Pod', pod.metadata.namespace, pod.metadata.name!, { preconditions: { uid: pod.metadata.uid } });
  }
}
