/**
 * Rollout progress (pkg/controller/deployment/progress.go): the Progressing condition
 * (ReplicaSetUpdated while pods move, NewReplicaSetAvailable when complete,
 * ProgressDeadlineExceeded after progressDeadlineSeconds without progress), ReplicaFailure
 * copied from the ReplicaSets, and the requeue that notices a deadline passing.
 */
import type { KObject } from '../../api/types/meta';
import {
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  getCondition,
  hasProgressDeadline,
  newCondition,
  REASON_NEW_RS_AVAILABLE,
  REASON_RS_UPDATED,
  REASON_TIMED_OUT,
  removeCondition,
  setCondition,
  type DeploymentCondition,
  type DeploymentStatus,
} from './util';
import { calculateStatus, orderStatus, sameStatus, writeDeploymentStatus, type Dc } from './sync';

/**
 * syncRolloutStatus. Returns the seconds after which the deployment must be looked at again
 * for a progress deadline, or undefined.
 */
export function syncRolloutStatus(dc: Dc, allRSs: (KObject | undefined)[], newRS: KObject | undefined, d: KObject): number | undefined {
  const now = dc.clock.rfc3339();
  const s = calculateStatus(allRSs, newRS, d, now);
  if (!hasProgressDeadline(d)) removeCondition(s, 'Progressing');
  const current = getCondition(d.status, 'Progressing');
  const isComplete = (s.replicas ?? 0) === (s.updatedReplicas ?? 0) && current?.reason === REASON_NEW_RS_AVAILABLE;
  if (hasProgressDeadline(d) && !isComplete) {
    if (deploymentComplete(d, s)) {
      const msg = newRS ? `ReplicaSet "${newRS.metadata.name}" has successfully progressed.` : `Deployment "${d.metadata.name}" has successfully progressed.`;
      setCondition(s, newCondition('Progressing', 'True', REASON_NEW_RS_AVAILABLE, msg, now));
    } else if (deploymentProgressing(d, s)) {
      const msg = newRS ? `ReplicaSet "${newRS.metadata.name}" is progressing.` : `Deployment "${d.metadata.name}" is progressing.`;
      const cond = newCondition('Progressing', 'True', REASON_RS_UPDATED, msg, now);
      // Progress refreshes lastUpdateTime even when the reason stays the same.
      if (current) {
        if (current.status === 'True') cond.lastTransitionTime = current.lastTransitionTime;
        removeCondition(s, 'Progressing');
      }
      setCondition(s, cond);
    } else if (deploymentTimedOut(d, s, dc.clock.now())) {
      const msg = newRS ? `ReplicaSet "${newRS.metadata.name}" has timed out progressing.` : `Deployment "${d.metadata.name}" has timed out progressing.`;
      setCondition(s, newCondition('Progressing', 'False', REASON_TIMED_OUT, msg, now));
    }
  }
  const failure = replicaFailure(allRSs, newRS, now);
  if (failure) setCondition(s, failure);
  else removeCondition(s, 'ReplicaFailure');
  const status = orderStatus(s);
  if (sameStatus(d.status, status)) return requeueStuckDeployment(dc, d, status);
  d.status = status;
  writeDeploymentStatus(dc, d);
  return undefined;
}

/** getReplicaFailures: the ReplicaFailure condition of the new (else any) ReplicaSet. */
function replicaFailure(allRSs: (KObject | undefined)[], newRS: KObject | undefined, now: string): DeploymentCondition | undefined {
  const ordered = newRS ? [newRS, ...allRSs.filter((r) => r && r !== newRS)] : allRSs;
  for (const rs of ordered) {
    const c = (rs?.status?.conditions as { type: string; status: string; reason?: string; message?: string; lastTransitionTime?: string }[] | undefined)?.find(
      (x) => x.type === 'ReplicaFailure',
    );
    if (c) {
      const t = c.lastTransitionTime ?? now;
      return { type: 'ReplicaFailure', status: c.status, lastUpdateTime: t, lastTransitionTime: t, reason: c.reason ?? '', message: c.message ?? '' };
    }
  }
  return undefined;
}

/**
 * requeueStuckDeployment: when nothing changed, check again when the deadline would pass:
 * lastUpdateTime + progressDeadlineSeconds - now, plus a second (upstream's skew margin).
 */
function requeueStuckDeployment(dc: Dc, d: KObject, s: DeploymentStatus): number | undefined {
  const cur = getCondition(d.status, 'Progressing');
  if (!hasProgressDeadline(d) || !cur) return undefined;
  if (deploymentComplete(d, s) || cur.reason === REASON_TIMED_OUT) return undefined;
  const afterMs = Date.parse(cur.lastUpdateTime) + d.spec.progressDeadlineSeconds * 1000 - dc.clock.now();
  if (afterMs < 1000) return 0.005;
  return afterMs / 1000 + 1;
}
