/**
 * Recreate (pkg/controller/deployment/recreate.go): scale every old ReplicaSet to 0, wait until
 * none of their pods is left running, then create and scale up the new ReplicaSet.
 */
import type { KObject } from '../../api/types/meta';
import { activeReplicaSets, actualReplicaCount, deploymentComplete, replicasOf } from './util';
import { cleanupDeployment, getAllReplicaSetsAndSyncRevision, scaleAndRecord, type Dc } from './sync';
import { syncRolloutStatus } from './progress';

export function rolloutRecreate(dc: Dc, d: KObject, rsList: KObject[], podMap: Map<string, KObject[]>): number | undefined {
  let [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(dc, d, rsList, false);
  let allRSs = [...oldRSs, newRS];
  let scaledDown = false;
  for (const rs of activeReplicaSets(oldRSs)) if (scaleAndRecord(dc, rs, 0, d)[0]) scaledDown = true;
  if (scaledDown) return syncRolloutStatus(dc, allRSs, newRS, d);
  if (oldPodsRunning(newRS, oldRSs, podMap)) return syncRolloutStatus(dc, allRSs, newRS, d);
  if (!newRS) {
    [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(dc, d, rsList, true);
    allRSs = [...oldRSs, newRS];
  }
  if (newRS && replicasOf(newRS) !== replicasOf(d)) scaleAndRecord(dc, newRS, replicasOf(d), d);
  if (deploymentComplete(d, d.status ?? {})) cleanupDeployment(dc, oldRSs, d);
  return syncRolloutStatus(dc, allRSs, newRS, d);
}

/** oldPodsRunning: old ReplicaSets still report pods, or any of their pods is not terminal. */
export function oldPodsRunning(newRS: KObject | undefined, oldRSs: KObject[], podMap: Map<string, KObject[]>): boolean {
  if (actualReplicaCount(oldRSs) > 0) return true;
  for (const [uid, pods] of podMap) {
    if (newRS && newRS.metadata.uid === uid) continue;
    for (const pod of pods) {
      const phase = pod.status?.phase;
      if (phase === 'Failed' || phase === 'Succeeded') continue;
      return true;
    }
  }
  return false;
}
