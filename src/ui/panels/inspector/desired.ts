/**
 * "Desired vs actual" for the inspector: what an object asks for, what the cluster has, and what
 * the responsible controller will do next, computed from the UI's mirror as a controller would
 * see it (level-triggered: compare spec with observed state).
 *
 * Simplification: only the replica arithmetic of ReplicaSets, Deployments, StatefulSets and
 * DaemonSets (replicaset-controller's manageReplicas: create diff or delete diff), not surge
 * limits or rollout pacing.
 */
import type { PodView, WorkloadView } from '../../engine-client/protocol';
import type { MessageKey } from '../../i18n/messages';

export interface DesiredActual {
  desired: number;
  /** Pods that exist and are not being deleted. */
  current: number;
  ready: number;
  /** Not bound to a node yet. */
  pending: number;
  /** What happens next, as a message key with its values. */
  next: { key: MessageKey; vars: Record<string, string | number> }[];
}

const CONTROLLER: Record<string, string> = {
  ReplicaSet: 'replicaset-controller',
  Deployment: 'deployment-controller',
  StatefulSet: 'statefulset-controller',
  DaemonSet: 'daemonset-controller',
  Job: 'job-controller',
  CronJob: 'cronjob-controller',
};

/** Pods a workload owns: directly, or (Deployments) through its ReplicaSets. */
export function podsOf(w: WorkloadView, pods: PodView[], replicaSets: WorkloadView[]): PodView[] {
  const owners = new Set<string>([`${w.kind}/${w.namespace}/${w.name}`]);
  if (w.kind === 'Deployment') {
    for (const rs of replicaSets) {
      if (rs.namespace === w.namespace && rs.owner?.kind === 'Deployment' && rs.owner.name === w.name) owners.add(`ReplicaSet/${rs.namespace}/${rs.name}`);
    }
  }
  return pods.filter((p) => p.owner && owners.has(`${p.owner.kind}/${p.namespace}/${p.owner.name}`));
}

export function desiredVsActual(w: WorkloadView, pods: PodView[], replicaSets: WorkloadView[]): DesiredActual {
  const mine = podsOf(w, pods, replicaSets);
  const live = mine.filter((p) => !p.deleting);
  const current = live.length;
  const ready = live.filter((p) => p.status === 'Running' && /^(\d+)\/\1$/.test(p.ready)).length;
  const pending = live.filter((p) => !p.nodeName).length;
  const desired = w.desired;
  const controller = CONTROLLER[w.kind] ?? 'controller';
  const next: DesiredActual['next'] = [];
  if (w.kind !== 'Job' && w.kind !== 'CronJob') {
    if (current < desired) next.push({ key: 'desired.create', vars: { controller, n: desired - current } });
    else if (current > desired) next.push({ key: 'desired.delete', vars: { controller, n: current - desired } });
  }
  if (pending > 0) next.push({ key: 'desired.pending', vars: { n: pending } });
  const starting = current - pending - ready;
  if (starting > 0) next.push({ key: 'desired.starting', vars: { n: starting } });
  if (next.length === 0) next.push({ key: 'desired.steady', vars: { n: current } });
  return { desired, current, ready, pending, next };
}
