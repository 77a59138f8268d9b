/**
 * RollingUpdate (pkg/controller/deployment/rolling.go): scale the new ReplicaSet up within
 * maxSurge, then scale old ones down within maxUnavailable, unhealthy replicas first.
 * Example: 10 replicas, 25%/25% -> surge 3, unavailable 2: the new RS starts at 3 (13 pods),
 * then old ones go down as far as 8 available pods allow.
 */
import type { KObject } from '../../api/types/meta';
import {
  activeReplicaSets,
  availableReplicaCount,
  byCreation,
  deploymentComplete,
  maxUnavailable,
  newRSNewReplicas,
  replicaCount,
  replicasOf,
} from './util';
import { cleanupDeployment, getAllReplicaSetsAndSyncRevision, scaleAndRecord, type Dc } from './sync';
import { syncRolloutStatus } from './progress';

export function rolloutRolling(dc: Dc, d: KObject, rsList: KObject[]): number | undefined {
  const [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(dc, d, rsList, true);
  const allRSs = [...oldRSs, newRS];
  // As upstream, the status after a scale is computed from the ReplicaSets as listed at the
  // start of the sync; the ReplicaSet update brings another sync that sees the new sizes.
  if (newRS && reconcileNewReplicaSet(dc, allRSs, newRS, d)) return syncRolloutStatus(dc, allRSs, newRS, d);
  if (newRS && reconcileOldReplicaSets(dc, allRSs, activeReplicaSets(oldRSs), newRS, d)) return syncRolloutStatus(dc, allRSs, newRS, d);
  if (deploymentComplete(d, d.status ?? {})) cleanupDeployment(dc, oldRSs, d);
  return syncRolloutStatus(dc, allRSs, newRS, d);
}

function reconcileNewReplicaSet(dc: Dc, allRSs: (KObject | undefined)[], newRS: KObject, d: KObject): boolean {
  if (replicasOf(newRS) === replicasOf(d)) return false;
  if (replicasOf(newRS) > replicasOf(d)) return scaleAndRecord(dc, newRS, replicasOf(d), d)[0];
  return scaleAndRecord(dc, newRS, newRSNewReplicas(d, allRSs, newRS), d)[0];
}

function reconcileOldReplicaSets(dc: Dc, allRSs: (KObject | undefined)[], oldRSs: KObject[], newRS: KObject, d: KObject): boolean {
  if (replicaCount(oldRSs) === 0) return false;
  const allPods = replicaCount(allRSs);
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const newUnavailable = replicasOf(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = allPods - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return false;
  const [olds, cleaned] = cleanupUnhealthyReplicas(dc, oldRSs, d, maxScaledDown);
  const scaled = scaleDownOldReplicaSetsForRollingUpdate(dc, [...olds, newRS], olds, d);
  return cleaned + scaled > 0;
}

/** Scale down old ReplicaSets by their unavailable replicas first: they add no availability. */
function cleanupUnhealthyReplicas(dc: Dc, oldRSs: KObject[], d: KObject, maxCleanup: number): [KObject[], number] {
  const olds = [...oldRSs].sort(byCreation);
  let total = 0;
  for (let i = 0; i < olds.length; i++) {
    const rs = olds[i];
    if (total >= maxCleanup) break;
    if (replicasOf(rs) === 0) continue;
    const avail = rs.status?.availableReplicas ?? 0;
    if (replicasOf(rs) === avail) continue;
    const n = Math.min(maxCleanup - total, replicasOf(rs) - avail);
    const [, updated] = scaleAndRecord(dc, rs, replicasOf(rs) - n, d);
    total += n;
    olds[i] = updated;
  }
  return [olds, total];
}

function scaleDownOldReplicaSetsForRollingUpdate(dc: Dc, allRSs: KObject[], oldRSs: KObject[], d: KObject): number {
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const available = availableReplicaCount(allRSs);
  if (available <= minAvailable) return 0;
  const olds = [...oldRSs].sort(byCreation);
  let total = 0;
  const want = available - minAvailable;
  for (const rs of olds) {
    if (total >= want) break;
    if (replicasOf(rs) === 0) continue;
    const n = Math.min(replicasOf(rs), want - total);
    scaleAndRecord(dc, rs, replicasOf(rs) - n, d);
    total += n;
  }
  return total;
}
