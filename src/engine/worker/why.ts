/**
 * "Why?" for an object: the causal chain that made it, read from the cluster the way a
 * Kubernetes engineer would reconstruct it: controller ownerReferences up to the object the
 * learner created (Deployment -> ReplicaSet revision -> Pod), the events each controller
 * recorded when it made the next object (`ScalingReplicaSet`, `SuccessfulCreate`), the
 * scheduler's decision for a pod with every node's filter verdict and scores
 * (cluster.scheduler.explain), and the kubelet's events as it started the pod. Workloads and
 * Services also list what they made or select.
 *
 * Read-only; not an upstream component.
 */
import type { Cluster } from '../cluster';
import type { KObject } from '../api/types/meta';
import { keyOf } from '../api/types/meta';
import { labelSelectorMatches } from '../api/selectors';
import { BOOT_SECONDS } from '../cluster';
import type { WhyChain, WhyChild, WhyEvent, WhyNode, WhyStep } from './protocol';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

/** The controller that creates objects owned by each kind (CONVENTIONS.md component names). */
const MAKER: Record<string, string> = {
  Deployment: 'deployment-controller',
  ReplicaSet: 'replicaset-controller',
  StatefulSet: 'statefulset-controller',
  DaemonSet: 'daemonset-controller',
  Job: 'job-controller',
  CronJob: 'cronjob-controller',
};

/** Steps followed up the owner chain at most (ownerReferences cannot loop, but be safe). */
const MAX_DEPTH = 6;

function ms(t: unknown): number {
  return typeof t === 'string' ? Date.parse(t) : 0;
}

function controllerOf(obj: KObject): { kind: string; name: string; uid: string } | undefined {
  return (obj.metadata.ownerReferences as Any[] | undefined)?.find((r) => r.controller);
}

/** Events per involved object (`Kind/namespace/name`), newest last. */
function eventsByObject(cluster: Cluster, namespace: string | undefined): Map<string, WhyEvent[]> {
  const by = new Map<string, WhyEvent[]>();
  for (const e of cluster.api.store.list('Event', namespace ?? 'default') as Any[]) {
    const inv = e.involvedObject ?? {};
    const k = `${inv.kind}/${inv.namespace ?? ''}/${inv.name}`;
    let list = by.get(k);
    if (!list) by.set(k, (list = []));
    list.push({
      type: e.type ?? 'Normal',
      reason: e.reason ?? '',
      message: e.message ?? '',
      source: e.source?.component ?? e.reportingComponent ?? '',
      lastMs: ms(e.lastTimestamp) || ms(e.eventTime) || ms(e.metadata?.creationTimestamp),
      count: e.count ?? 1,
    });
  }
  for (const list of by.values()) list.sort((a, b) => a.lastMs - b.lastMs);
  return by;
}

function details(kind: string, obj: KObject): string[] {
  const out: string[] = [];
  const ann = obj.metadata.annotations ?? {};
  const rev = ann['deployment.kubernetes.io/revision'];
  if (rev) out.push(`revision ${rev}`);
  const hash = obj.metadata.labels?.['pod-template-hash'];
  if (hash && kind === 'ReplicaSet') out.push(`pod-template-hash ${hash}`);
  const spec: Any = obj.spec ?? {};
  if (typeof spec.replicas === 'number') out.push(`replicas ${spec.replicas}`);
  const containers: Any[] = spec.template?.spec?.containers ?? spec.containers ?? [];
  const images = containers.map((c) => c.image).filter(Boolean);
  if (images.length) out.push(`image ${images.join(', ')}`);
  if (kind === 'Pod') {
    if (spec.nodeName) out.push(`node ${spec.nodeName}`);
    const ip = (obj.status as Any)?.podIP;
    if (ip) out.push(`IP ${ip}`);
  }
  return out;
}

/** Who made an object: its controller owner's controller, else the learner (or the cluster's own setup). */
function makerOf(cluster: Cluster, obj: KObject, createdMs: number): string {
  const owner = controllerOf(obj);
  if (owner) return MAKER[owner.kind] ?? `${owner.kind.toLowerCase()} controller`;
  if (obj.metadata.annotations?.['kubernetes.io/config.mirror']) return 'kubelet';
  // Objects made while the cluster booted are the cluster's own (kubeadm and its addons).
  return createdMs < bootEndMs(cluster) ? 'kubeadm' : 'kubectl';
}

/** Simulated time at which the cluster's boot ended (the clock starts at the epoch base). */
function bootEndMs(cluster: Cluster): number {
  const ns = cluster.api.find('Namespace', undefined, 'kube-system');
  return ms(ns?.metadata.creationTimestamp) + BOOT_SECONDS * 1000;
}

function step(cluster: Cluster, kind: string, obj: KObject, events: Map<string, WhyEvent[]>, parent?: { kind: string; key: string }): WhyStep {
  const ns = obj.metadata.namespace;
  const createdMs = ms(obj.metadata.creationTimestamp);
  const name = obj.metadata.name!;
  const own = events.get(`${kind}/${ns ?? ''}/${name}`) ?? [];
  // The parent's events that name this object: how its controller made or resized it.
  const cause = parent
    ? (events.get(`${parent.kind}/${ns ?? ''}/${parent.key.split('/').pop()}`) ?? []).filter((e) => new RegExp(`\\b${name.replace(/[.]/g, '\\.')}\\b`).test(e.message))
    : [];
  return { kind, key: keyOf(obj), name, createdMs, createdBy: makerOf(cluster, obj, createdMs), detail: details(kind, obj), cause, events: own };
}

/** The scheduling decision for a pod, one row per node. */
function scheduling(cluster: Cluster, pod: KObject): WhyChain['scheduling'] {
  const x = cluster.scheduler.explain(keyOf(pod));
  if (!x) return undefined;
  const rows = new Map<string, WhyNode>();
  for (const n of cluster.api.store.list('Node')) rows.set(n.metadata.name!, { node: n.metadata.name!, verdict: 'not-evaluated' });
  for (const f of x.filtered) rows.set(f.node, { node: f.node, verdict: 'rejected', plugin: f.plugin, reasons: f.reasons });
  for (const s of x.scores) rows.set(s.node, { node: s.node, verdict: s.node === x.node ? 'chosen' : 'feasible', total: s.total, scores: s.scores });
  if (x.node && rows.get(x.node)?.verdict !== 'chosen') rows.set(x.node, { ...rows.get(x.node)!, node: x.node, verdict: 'chosen' });
  const order = { chosen: 0, feasible: 1, rejected: 2, 'not-evaluated': 3 } as const;
  return {
    outcome: x.outcome,
    attempt: x.attempt,
    time: x.time,
    node: x.node,
    message: x.message,
    scorePlugins: x.scorePlugins,
    nodes: [...rows.values()].sort((a, b) => order[a.verdict] - order[b.verdict] || (b.total ?? 0) - (a.total ?? 0) || a.node.localeCompare(b.node)),
  };
}

/** What a workload made (its ReplicaSets or pods), or the pods a Service selects. */
function children(cluster: Cluster, kind: string, obj: KObject): WhyChild[] {
  const out: WhyChild[] = [];
  if (kind === 'Service') {
    const sel = (obj.spec as Any)?.selector;
    if (!sel) return out;
    for (const p of cluster.api.store.list('Pod', obj.metadata.namespace)) {
      if (!p.metadata.deletionTimestamp && labelSelectorMatches({ matchLabels: sel }, p.metadata.labels)) {
        out.push({ kind: 'Pod', key: keyOf(p), name: p.metadata.name!, detail: details('Pod', p) });
      }
    }
    return out;
  }
  for (const childKind of ['ReplicaSet', 'Pod', 'Job']) {
    for (const c of cluster.api.dependentsOfKind(obj.metadata.uid!, childKind)) {
      out.push({ kind: childKind, key: keyOf(c), name: c.metadata.name!, detail: details(childKind, c) });
    }
  }
  return out;
}

/** The causal chain of an object, or undefined if it does not exist. */
export function whyChain(cluster: Cluster, kind: string, key: string): WhyChain | undefined {
  const obj = cluster.api.getByKey(kind, key);
  if (!obj) return undefined;
  const events = eventsByObject(cluster, obj.metadata.namespace);
  // Up the owner chain: [object, owner, owner's owner ...], then root first.
  const chain: { kind: string; obj: KObject }[] = [{ kind, obj }];
  for (let i = 0; i < MAX_DEPTH; i++) {
    const ref = controllerOf(chain[chain.length - 1].obj);
    if (!ref) break;
    const owner = cluster.api.find(ref.kind, obj.metadata.namespace, ref.name);
    if (!owner || owner.metadata.uid !== ref.uid) break;
    chain.push({ kind: ref.kind, obj: owner });
  }
  chain.reverse();
  const steps = chain.map((c, i) => step(cluster, c.kind, c.obj, events, i > 0 ? { kind: chain[i - 1].kind, key: keyOf(chain[i - 1].obj) } : undefined));
  // An owner's event that made the next object is shown once, as that object's cause.
  for (let i = 0; i + 1 < steps.length; i++) {
    const shown = new Set(steps[i + 1].cause);
    steps[i].events = steps[i].events.filter((e) => !shown.has(e));
  }
  const result: WhyChain = { steps, children: children(cluster, kind, obj) };
  if (kind === 'Pod') {
    result.scheduling = scheduling(cluster, obj);
    result.kubelet = (events.get(`Pod/${obj.metadata.namespace}/${obj.metadata.name}`) ?? []).filter((e) => e.source === 'kubelet');
    steps[steps.length - 1].events = steps[steps.length - 1].events.filter((e) => e.source !== 'kubelet');
  }
  return result;
}
