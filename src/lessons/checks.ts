/**
 * Building blocks for lesson checks: pure questions over a ClusterView, named the way a lesson
 * talks ("is the rollout done?"). Keys are `namespace/name` (cluster-scoped: `name`).
 */
import type { KObject } from '../engine/api/types/meta';
import type { ClusterView } from './types';

function split(key: string): [string | undefined, string] {
  const i = key.indexOf('/');
  return i < 0 ? [undefined, key] : [key.slice(0, i), key.slice(i + 1)];
}

export function obj(c: ClusterView, kind: string, key: string): KObject | undefined {
  const [ns, name] = split(key);
  return c.get(kind, ns, name);
}

export function exists(c: ClusterView, kind: string, key: string): boolean {
  return obj(c, kind, key) !== undefined;
}

/** Whether every label of `sel` is on the object. */
export function hasLabels(o: KObject, sel: Record<string, string>): boolean {
  const labels = o.metadata.labels ?? {};
  return Object.entries(sel).every(([k, v]) => labels[k] === v);
}

/** Pods in a namespace carrying every label of `sel`, not being deleted. */
export function podsWith(c: ClusterView, namespace: string, sel: Record<string, string>): KObject[] {
  return c.list('Pod', namespace).filter((p) => !p.metadata.deletionTimestamp && hasLabels(p, sel));
}

/** The pod's Ready condition is True. */
export function podReady(p: KObject): boolean {
  return (p.status?.conditions ?? []).some((x: { type: string; status: string }) => x.type === 'Ready' && x.status === 'True');
}

export function podPhase(c: ClusterView, key: string): string | undefined {
  return obj(c, 'Pod', key)?.status?.phase;
}

/** Ready pods with the labels. */
export function readyPods(c: ClusterView, namespace: string, sel: Record<string, string>): number {
  return podsWith(c, namespace, sel).filter(podReady).length;
}

/** The image of a Deployment's container (the first one when no name is given). */
export function deploymentImage(c: ClusterView, key: string, container?: string): string | undefined {
  const d = obj(c, 'Deployment', key);
  const cs: { name: string; image: string }[] = d?.spec?.template?.spec?.containers ?? [];
  return (container ? cs.find((x) => x.name === container) : cs[0])?.image;
}

/**
 * The rollout is complete as `kubectl rollout status` decides it: the controller observed the
 * latest spec, every replica is updated and available, and no old replicas are left.
 */
export function rolledOut(c: ClusterView, key: string): boolean {
  const d = obj(c, 'Deployment', key);
  if (!d) return false;
  const s = d.status ?? {};
  const want = d.spec?.replicas ?? 1;
  return (
    (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 1) &&
    (s.updatedReplicas ?? 0) === want &&
    (s.replicas ?? 0) === want &&
    (s.availableReplicas ?? 0) === want
  );
}

/** Ready addresses behind a Service, from its Endpoints. */
export function readyEndpoints(c: ClusterView, key: string): number {
  const ep = obj(c, 'Endpoints', key);
  let n = 0;
  for (const s of (ep?.subsets ?? []) as { addresses?: unknown[] }[]) n += s.addresses?.length ?? 0;
  return n;
}

export function nodeHasTaint(c: ClusterView, node: string, key: string, effect?: string): boolean {
  const n = c.get('Node', undefined, node);
  return (n?.spec?.taints ?? []).some((t: { key: string; effect: string }) => t.key === key && (!effect || t.effect === effect));
}

export function nodeLabel(c: ClusterView, node: string, key: string): string | undefined {
  return c.get('Node', undefined, node)?.metadata.labels?.[key];
}

/** The Job has the Complete condition. */
export function jobComplete(c: ClusterView, key: string): boolean {
  const j = obj(c, 'Job', key);
  return (j?.status?.conditions ?? []).some((x: { type: string; status: string }) => x.type === 'Complete' && x.status === 'True');
}

export function pvcBound(c: ClusterView, key: string): boolean {
  return obj(c, 'PersistentVolumeClaim', key)?.status?.phase === 'Bound';
}

/** Nodes a set of pods runs on. */
export function nodesOf(pods: KObject[]): Set<string> {
  return new Set(pods.map((p) => p.spec?.nodeName).filter((n): n is string => !!n));
}

/** The annotation `deployment.kubernetes.io/revision` of a Deployment. */
export function revision(c: ClusterView, key: string): number {
  return Number(obj(c, 'Deployment', key)?.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
}
