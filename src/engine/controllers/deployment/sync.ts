/**
 * The Deployment controller's shared sync steps (pkg/controller/deployment/sync.go): finding
 * or creating the new ReplicaSet with its revision, scaling (including proportional scaling of
 * a rollout in progress), cleaning up old ReplicaSets beyond revisionHistoryLimit, and the
 * status calculation.
 */
import type { ApiServer } from '../../api/server';
import type { SimClock } from '../../core/clock';
import type { EventRecorder } from '../../api/events';
import { isStatusError } from '../../api/errors';
import { clone, type KObject } from '../../api/types/meta';
import { computeHash } from '../util/hash';
import { newControllerRef } from '../util/pods';
import {
  activeReplicaSets,
  actualReplicaCount,
  availableReplicaCount,
  bySizeNewer,
  bySizeOlder,
  byRevision,
  DEFAULT_DEPLOYMENT_UNIQUE_LABEL_KEY,
  desiredReplicasAnnotation,
  equalIgnoreHash,
  findActiveOrLatest,
  findNewReplicaSet,
  findOldReplicaSets,
  getCondition,
  hasProgressDeadline,
  isRollingUpdate,
  isSaturated,
  maxRevision,
  maxSurge,
  maxUnavailable,
  MSG_MIN_AVAILABLE,
  MSG_MIN_UNAVAILABLE,
  newCondition,
  newRSNewReplicas,
  readyReplicaCount,
  REASON_FAILED_RS_CREATE,
  REASON_FOUND_NEW_RS,
  REASON_MIN_AVAILABLE,
  REASON_MIN_UNAVAILABLE,
  REASON_NEW_RS_CREATED,
  REVISION_ANNOTATION,
  replicaCount,
  replicaSetProportion,
  replicasAnnotationsNeedUpdate,
  replicasOf,
  setCondition,
  setDeploymentRevision,
  setNewReplicaSetAnnotations,
  setReplicasAnnotations,
  type DeploymentStatus,
} from './util';

/** What the sync steps need: the API, the clock, the event recorder. */
export interface Dc {
  api: ApiServer;
  clock: SimClock;
  recorder: EventRecorder;
}

export const REASON_SCALING_REPLICA_SET = 'ScalingReplicaSet';

/**
 * Writes the deployment's status (and the revision annotation, which upstream writes through
 * the status endpoint too) and keeps `d` current, so later steps of the same sync write on top.
 */
export function writeDeploymentStatus(dc: Dc, d: KObject): void {
  const written = dc.api.updateStatus(d);
  d.metadata.resourceVersion = written.metadata.resourceVersion;
}

/**
 * getAllReplicaSetsAndSyncRevision: the new ReplicaSet (created when `create`), and all old
 * ones. `d` is a mutable copy that may get its revision annotation and conditions updated.
 */
export function getAllReplicaSetsAndSyncRevision(dc: Dc, d: KObject, rsList: KObject[], create: boolean): [KObject | undefined, KObject[]] {
  const existing = findNewReplicaSet(d, rsList);
  const oldRSs = findOldReplicaSets(d, rsList, existing);
  const newRS = getNewReplicaSet(dc, d, rsList, oldRSs, create, existing);
  return [newRS, oldRSs];
}

function getNewReplicaSet(dc: Dc, d: KObject, rsList: KObject[], oldRSs: KObject[], create: boolean, existing: KObject | undefined): KObject | undefined {
  const newRevision = String(maxRevision(oldRSs) + 1);
  const now = dc.clock.rfc3339();
  if (existing) {
    const rsCopy = clone(existing);
    const annotationsUpdated = setNewReplicaSetAnnotations(d, rsCopy, newRevision, true);
    const minReadyNeedsUpdate = (rsCopy.spec.minReadySeconds ?? 0) !== (d.spec.minReadySeconds ?? 0);
    if (annotationsUpdated || minReadyNeedsUpdate) {
      rsCopy.spec.minReadySeconds = d.spec.minReadySeconds ?? 0;
      if (!rsCopy.spec.minReadySeconds) delete rsCopy.spec.minReadySeconds;
      return dc.api.update(rsCopy);
    }
    let needsUpdate = setDeploymentRevision(d, rsCopy.metadata.annotations?.[REVISION_ANNOTATION] ?? '');
    const cond = getCondition(d.status, 'Progressing');
    if (hasProgressDeadline(d) && !cond) {
      d.status ??= {};
      setCondition(d.status, newCondition('Progressing', 'True', REASON_FOUND_NEW_RS, `Found new replica set "${rsCopy.metadata.name}"`, now));
      needsUpdate = true;
    }
    if (needsUpdate) writeDeploymentStatus(dc, d);
    return existing;
  }
  if (!create) return undefined;

  // A new ReplicaSet named <deployment>-<pod-template-hash>.
  const template = clone(d.spec.template);
  const hash = computeHash(template, d.status?.collisionCount);
  template.metadata ??= {};
  template.metadata.labels = { ...(template.metadata.labels ?? {}), [DEFAULT_DEPLOYMENT_UNIQUE_LABEL_KEY]: hash };
  const selector = clone(d.spec.selector);
  selector.matchLabels = { ...(selector.matchLabels ?? {}), [DEFAULT_DEPLOYMENT_UNIQUE_LABEL_KEY]: hash };
  const newRS: KObject = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${d.metadata.name}-${hash}`,
      namespace: d.metadata.namespace,
      labels: { ...template.metadata.labels },
      ownerReferences: [newControllerRef(d)],
    },
    spec: { replicas: 0, selector, template },
  };
  if (d.spec.minReadySeconds) newRS.spec.minReadySeconds = d.spec.minReadySeconds;
  const count = newRSNewReplicas(d, [...oldRSs, newRS], newRS);
  newRS.spec.replicas = count;
  setNewReplicaSetAnnotations(d, newRS, newRevision, false);
  // Go marshals the struct in field order: replicas, minReadySeconds, selector, template.
  newRS.spec = { replicas: newRS.spec.replicas, minReadySeconds: newRS.spec.minReadySeconds, selector, template };
  if (newRS.spec.minReadySeconds === undefined) delete newRS.spec.minReadySeconds;

  let created: KObject;
  let alreadyExisted = false;
  try {
    created = dc.api.create(newRS);
  } catch (e) {
    if (isStatusError(e) && e.code === 409 && e.reason === 'AlreadyExists') {
      alreadyExisted = true;
      const rs = dc.api.find('ReplicaSet', d.metadata.namespace, newRS.metadata.name!);
      const ref = rs?.metadata.ownerReferences?.find((r) => r.controller);
      if (rs && ref?.uid === d.metadata.uid && equalIgnoreHash(d.spec.template, rs.spec.template)) {
        created = rs;
      } else {
        // A hash collision: bump collisionCount and try again with a new name next sync.
        d.status = { ...(d.status ?? {}), collisionCount: (d.status?.collisionCount ?? 0) + 1 };
        writeDeploymentStatus(dc, d);
        throw e;
      }
    } else if (isStatusError(e) && e.code === 403 && e.message.includes('because it is being terminated')) {
      throw e;
    } else {
      const msg = `Failed to create new replica set "${newRS.metadata.name}": ${e instanceof Error ? e.message : String(e)}`;
      if (hasProgressDeadline(d)) {
        d.status ??= {};
        setCondition(d.status, newCondition('Progressing', 'False', REASON_FAILED_RS_CREATE, msg, now));
        try {
          writeDeploymentStatus(dc, d);
        } catch {
          // The create failure is the bigger problem to report; the status write is retried.
        }
      }
      dc.recorder.event(d, 'Warning', REASON_FAILED_RS_CREATE, msg);
      throw e;
    }
  }
  if (!alreadyExisted && count > 0) {
    dc.recorder.event(d, 'Normal', REASON_SCALING_REPLICA_SET, `Scaled up replica set ${created.metadata.name} from 0 to ${count}`);
  }
  let needsUpdate = setDeploymentRevision(d, newRevision);
  if (!alreadyExisted && hasProgressDeadline(d)) {
    d.status ??= {};
    setCondition(d.status, newCondition('Progressing', 'True', REASON_NEW_RS_CREATED, `Created new replica set "${created.metadata.name}"`, now));
    needsUpdate = true;
  }
  if (needsUpdate) writeDeploymentStatus(dc, d);
  return created;
}

/**
 * scaleReplicaSet: sets replicas and the desired/max annotations, with a ScalingReplicaSet
 * event `Scaled up replica set web-7c5ddbdf54 from 1 to 3` when the size changed.
 */
export function scaleReplicaSet(dc: Dc, rs: KObject, newScale: number, d: KObject, op?: 'up' | 'down'): [boolean, KObject] {
  const oldScale = replicasOf(rs);
  const sizeNeedsUpdate = oldScale !== newScale;
  const max = replicasOf(d) + maxSurge(d);
  if (!sizeNeedsUpdate && !replicasAnnotationsNeedUpdate(rs, replicasOf(d), max)) return [false, rs];
  const copy = clone(rs);
  copy.spec.replicas = newScale;
  setReplicasAnnotations(copy, replicasOf(d), max);
  const updated = dc.api.update(copy);
  if (sizeNeedsUpdate) {
    const verb = op ?? (oldScale < newScale ? 'up' : 'down');
    dc.recorder.event(d, 'Normal', REASON_SCALING_REPLICA_SET, `Scaled ${verb} replica set ${rs.metadata.name} from ${oldScale} to ${newScale}`);
  }
  return [sizeNeedsUpdate, updated];
}

/** scaleReplicaSetAndRecordEvent. */
export function scaleAndRecord(dc: Dc, rs: KObject, newScale: number, d: KObject): [boolean, KObject] {
  if (replicasOf(rs) === newScale) return [false, rs];
  return scaleReplicaSet(dc, rs, newScale, d, replicasOf(rs) < newScale ? 'up' : 'down');
}

/**
 * scale: a scaling event (spec.replicas changed) or a paused deployment. With one active
 * ReplicaSet it takes the full count; during a rollout the difference is spread over the
 * active ReplicaSets in proportion to their size (larger first, leftovers to the largest).
 */
export function scale(dc: Dc, d: KObject, newRS: KObject | undefined, oldRSs: KObject[]): void {
  const activeOrLatest = findActiveOrLatest(newRS, oldRSs);
  if (activeOrLatest) {
    if (replicasOf(activeOrLatest) === replicasOf(d)) return;
    scaleAndRecord(dc, activeOrLatest, replicasOf(d), d);
    return;
  }
  if (isSaturated(d, newRS)) {
    for (const old of activeReplicaSets(oldRSs)) scaleAndRecord(dc, old, 0, d);
    return;
  }
  if (!isRollingUpdate(d)) return;
  let all = activeReplicaSets([...oldRSs, newRS]);
  const allReplicas = replicaCount(all);
  const allowed = replicasOf(d) > 0 ? replicasOf(d) + maxSurge(d) : 0;
  const toAdd = allowed - allReplicas;
  let op: 'up' | 'down' | undefined;
  if (toAdd > 0) {
    all = [...all].sort(bySizeNewer);
    op = 'up';
  } else if (toAdd < 0) {
    all = [...all].sort(bySizeOlder);
    op = 'down';
  }
  let added = 0;
  const size = new Map<string, number>();
  for (const rs of all) {
    if (toAdd !== 0) {
      const p = replicaSetProportion(rs, d, toAdd, added);
      size.set(rs.metadata.name!, replicasOf(rs) + p);
      added += p;
    } else size.set(rs.metadata.name!, replicasOf(rs));
  }
  all.forEach((rs, i) => {
    if (i === 0 && toAdd !== 0) {
      const leftover = toAdd - added;
      size.set(rs.metadata.name!, Math.max(0, size.get(rs.metadata.name!)! + leftover));
    }
    scaleReplicaSet(dc, rs, size.get(rs.metadata.name!)!, d, op);
  });
}

/** cleanupDeployment: delete the oldest idle ReplicaSets beyond revisionHistoryLimit. */
export function cleanupDeployment(dc: Dc, oldRSs: KObject[], d: KObject): void {
  const limit = d.spec.revisionHistoryLimit;
  if (limit === undefined || limit === null) return;
  const cleanable = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp);
  const diff = cleanable.length - limit;
  if (diff <= 0) return;
  cleanable.sort(byRevision);
  for (let i = 0; i < diff; i++) {
    const rs = cleanable[i];
    if ((rs.status?.replicas ?? 0) !== 0 || replicasOf(rs) !== 0 || (rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0)) continue;
    try {
      dc.api.delete('ReplicaSet', rs.metadata.namespace, rs.metadata.name!);
    } catch (e) {
      if (!(isStatusError(e) && e.code === 404)) throw e;
    }
  }
}

/** calculateStatus. */
export function calculateStatus(allRSs: (KObject | undefined)[], newRS: KObject | undefined, d: KObject, now: string): DeploymentStatus {
  const available = availableReplicaCount(allRSs);
  const total = replicaCount(allRSs);
  const unavailable = Math.max(0, total - available);
  // Go field order of DeploymentStatus, zero values omitted as `omitempty` does.
  const status: DeploymentStatus = {};
  if (d.metadata.generation) status.observedGeneration = d.metadata.generation;
  const replicas = actualReplicaCount(allRSs);
  if (replicas) status.replicas = replicas;
  const updated = actualReplicaCount([newRS]);
  if (updated) status.updatedReplicas = updated;
  const ready = readyReplicaCount(allRSs);
  if (ready) status.readyReplicas = ready;
  if (available) status.availableReplicas = available;
  if (unavailable) status.unavailableReplicas = unavailable;
  const conds = (d.status?.conditions ?? []).map((c: object) => ({ ...c }));
  if (conds.length) status.conditions = conds;
  if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
  if (available >= replicasOf(d) - maxUnavailable(d)) {
    setCondition(status, newCondition('Available', 'True', REASON_MIN_AVAILABLE, MSG_MIN_AVAILABLE, now));
  } else {
    setCondition(status, newCondition('Available', 'False', REASON_MIN_UNAVAILABLE, MSG_MIN_UNAVAILABLE, now));
  }
  return orderStatus(status);
}

/** Puts status keys in DeploymentStatus field order (conditions before collisionCount). */
export function orderStatus(s: DeploymentStatus): DeploymentStatus {
  const out: DeploymentStatus = {};
  for (const k of ['observedGeneration', 'replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas', 'terminatingReplicas', 'conditions', 'collisionCount']) {
    if (s[k] !== undefined) out[k] = s[k];
  }
  return out;
}

export function sameStatus(a: DeploymentStatus | undefined, b: DeploymentStatus): boolean {
  return JSON.stringify(orderStatus(a ?? {})) === JSON.stringify(b);
}

/** syncDeploymentStatus: write the calculated status when it differs. */
export function syncDeploymentStatus(dc: Dc, allRSs: (KObject | undefined)[], newRS: KObject | undefined, d: KObject): void {
  const s = calculateStatus(allRSs, newRS, d, dc.clock.rfc3339());
  if (sameStatus(d.status, s)) return;
  d.status = s;
  writeDeploymentStatus(dc, d);
}

/** isScalingEvent: some active ReplicaSet was sized for another replica count. */
export function isScalingEvent(dc: Dc, d: KObject, rsList: KObject[]): boolean {
  const [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(dc, d, rsList, false);
  for (const rs of activeReplicaSets([...oldRSs, newRS])) {
    const desired = desiredReplicasAnnotation(rs);
    if (desired === undefined) continue;
    if (desired !== replicasOf(d)) return true;
  }
  return false;
}

export { desiredReplicasAnnotation };
