/**
 * The request flow of the last action, for the control-plane view: which component talked to
 * which, in order, as the cluster actually did it. It is read from the store's watch stream
 * while and after the learner's action runs:
 *
 * - writes made while the command ran are kubectl's: kubectl -> kube-apiserver -> etcd;
 * - Events name their component (CONVENTIONS.md): a controller's event is a write by
 *   kube-controller-manager it decided on after the apiserver told it of a change; the
 *   scheduler's `Scheduled` is a binding; kubelet events are the node agent starting the pod;
 * - the kubelet's first event for a pod is preceded by its CNI call to flannel (the pod's
 *   network); the pod's IP later shows in the status the kubelet writes;
 * - an Endpoints change is the endpoint controller's write, which every kube-proxy then turns
 *   into Service rules.
 *
 * Only the apiserver talks to etcd, and every component talks only to the apiserver, as in
 * Kubernetes. Not an upstream component.
 */
import type { KObject, WatchEvent } from '../api/types/meta';
import { keyOf } from '../api/types/meta';
import type { FlowComponent, FlowStep, FlowView } from './protocol';
import { kubectl } from '../kubectl/kubectl';
import { isLongRunning, type LongRunning, type Program } from '../shell/process';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

/** Steps kept per flow, and how long after the action it keeps listening (simulated). */
const MAX_STEPS = 60;
const WINDOW_MS = 120_000;

const VERB: Record<string, string> = { ADDED: 'create', MODIFIED: 'update', DELETED: 'delete' };

export class FlowRecorder {
  private flow?: FlowView;
  /** The flow before the current action: kept if the action wrote nothing (a `get`). */
  private prev?: FlowView;
  private next = 1;
  /** Set while kubectl runs (see `program`): writes now are kubectl's. */
  private kubectlDepth = 0;
  /** Between `begin` and `end`: the learner's action is running. */
  private acting = false;
  private changed = false;
  private kubeletSeen = new Set<string>();

  /** A learner's action starts (the command line or action in words). */
  begin(action: string, nowMs: number): void {
    if (this.acting) this.end();
    this.prev = this.flow;
    this.flow = { id: this.next++, action, startMs: nowMs, steps: [] };
    this.kubeletSeen.clear();
    this.acting = true;
    this.changed = true;
  }

  /** The action's own part ended; what follows is the cluster reacting. */
  end(): void {
    if (!this.acting) return;
    this.acting = false;
    if (this.flow && this.flow.steps.length === 0 && this.prev) {
      this.flow = this.prev;
      this.changed = true;
    }
    this.prev = undefined;
  }

  /** A fresh cluster. */
  reset(): void {
    this.flow = undefined;
    this.prev = undefined;
    this.acting = false;
    this.kubectlDepth = 0;
    this.changed = true;
  }

  /** Every store write (store.watchAll). */
  observe(kind: string, ev: WatchEvent<KObject>, nowMs: number): void {
    const f = this.flow;
    if (!f || f.steps.length >= MAX_STEPS || nowMs - f.startMs > WINDOW_MS) return;
    const o = ev.object as Any;
    if (this.kubectlDepth > 0 && kind !== 'Event') {
      const what = `${VERB[ev.type] ?? ev.type} ${kind} ${keyOf(o)}`;
      this.add(nowMs, 'kubectl', 'kube-apiserver', what);
      this.add(nowMs, 'kube-apiserver', 'etcd', `store ${kind} ${keyOf(o)}`);
      return;
    }
    if (kind === 'Event' && ev.type === 'ADDED') {
      const source: string = o.source?.component ?? o.reportingComponent ?? '';
      const what = `${o.reason}: ${o.message}`;
      if (source === 'kubelet') {
        const node = o.source?.host ?? '';
        const pod = `${o.involvedObject?.namespace}/${o.involvedObject?.name}`;
        if (!this.kubeletSeen.has(pod)) {
          this.kubeletSeen.add(pod);
          this.add(nowMs, 'kube-apiserver', 'kubelet', `pod ${pod} is bound to ${node}`, node);
          this.add(nowMs, 'kubelet', 'flannel', `CNI ADD: the network of pod ${o.involvedObject?.name}`, node);
        }
        this.add(nowMs, 'kubelet', 'kube-apiserver', what, node);
      } else if (source === 'default-scheduler') {
        this.add(nowMs, 'kube-apiserver', 'kube-scheduler', `pod ${o.involvedObject?.namespace}/${o.involvedObject?.name} needs a node`);
        this.add(nowMs, 'kube-scheduler', 'kube-apiserver', what);
        this.add(nowMs, 'kube-apiserver', 'etcd', `store binding of ${o.involvedObject?.name}`);
      } else if (source.endsWith('-controller') || source === 'horizontal-pod-autoscaler') {
        this.add(nowMs, 'kube-apiserver', 'kube-controller-manager', `${source} sees ${o.involvedObject?.kind} ${o.involvedObject?.name}`, source);
        this.add(nowMs, 'kube-controller-manager', 'kube-apiserver', what, source);
        this.add(nowMs, 'kube-apiserver', 'etcd', `store the change of ${source}`);
      }
      return;
    }
    if (kind === 'Pod' && ev.type === 'MODIFIED') {
      const ip = o.status?.podIP;
      if (ip && ip !== (ev.old as Any)?.status?.podIP && !o.spec?.hostNetwork) {
        this.add(nowMs, 'kubelet', 'kube-apiserver', `status: pod ${o.metadata.name} has IP ${ip} (from flannel)`, o.spec?.nodeName);
      }
      return;
    }
    if (kind === 'Endpoints' && ev.type !== 'DELETED') {
      const ready = (o.subsets ?? []).reduce((n: number, s: Any) => n + (s.addresses?.length ?? 0), 0);
      this.add(nowMs, 'kube-controller-manager', 'kube-apiserver', `endpoint-controller: Service ${keyOf(o)} has ${ready} ready address(es)`, 'endpoint-controller');
      this.add(nowMs, 'kube-apiserver', 'kube-proxy', `kube-proxy on every node rewrites the rules of Service ${keyOf(o)}`);
    }
  }

  /** Runs `fn` as kubectl: the writes it makes are kubectl's requests. */
  asKubectl<T>(fn: () => T): T {
    this.kubectlDepth++;
    try {
      return fn();
    } finally {
      this.kubectlDepth--;
    }
  }

  /**
   * kubectl, traced: its writes (also those of a blocking command's later polls, such as the
   * patch of `kubectl edit`) are drawn as kubectl -> kube-apiserver; what the controllers do when
   * the shell settles afterwards is theirs.
   */
  readonly program: Program = (args, ctx) => {
    const r = this.asKubectl(() => kubectl(args, ctx));
    if (!isLongRunning(r)) return r;
    const traced: LongRunning = {
      poll: () => this.asKubectl(() => r.poll()),
      cancel: () => this.asKubectl(() => r.cancel()),
      ...(r.deadlineMs !== undefined ? { deadlineMs: r.deadlineMs } : {}),
    };
    return traced;
  };

  private add(t: number, from: FlowComponent, to: FlowComponent, label: string, detail?: string): void {
    const f = this.flow!;
    if (f.steps.length >= MAX_STEPS) return;
    const step: FlowStep = { t, from, to, label };
    if (detail) step.detail = detail;
    f.steps.push(step);
    this.changed = true;
  }

  /** The flow if it changed since the last call (null: none), else undefined. */
  take(force: boolean): FlowView | null | undefined {
    if (!this.changed && !force) return undefined;
    this.changed = false;
    return this.flow ? { ...this.flow, steps: [...this.flow.steps] } : null;
  }
}
