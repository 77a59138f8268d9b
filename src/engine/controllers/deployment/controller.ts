/**
 * The Deployment controller (pkg/controller/deployment/deployment_controller.go syncDeployment):
 * claims ReplicaSets by selector, then for a paused deployment or a scaling event only scales,
 * otherwise rolls out with the Recreate or RollingUpdate strategy; keeps status, conditions and
 * revision annotations. A rollback (`kubectl rollout undo`) arrives as a template equal to an old
 * ReplicaSet's: that ReplicaSet becomes the new one and gets the next revision.
 */
import type { ClusterParts } from '../../cluster';
import { isStatusError } from '../../api/errors';
import { fromLabelSelector, matches } from '../../api/selectors';
import { clone, controllerRef, keyOf, makeKey, type KObject, type WatchEvent } from '../../api/types/meta';
import { after, done, on, retry, selfKey, type Controller, type Result, type Trigger } from '../manager';
import { claimObjects } from '../util/ref-manager';
import { getCondition, hasProgressDeadline, newCondition, REASON_PAUSED, REASON_RESUMED, REASON_TIMED_OUT, setCondition } from './util';
import { getAllReplicaSetsAndSyncRevision, isScalingEvent, scale, cleanupDeployment, syncDeploymentStatus, writeDeploymentStatus, type Dc } from './sync';
import { rolloutRolling } from './rolling';
import { rolloutRecreate } from './recreate';

export const REASON_SELECTING_ALL = 'SelectingAll';

export class DeploymentController implements Controller {
  readonly name = 'deployment-controller';
  private dc: Dc;

  constructor(private c: ClusterParts) {
    this.dc = { api: c.api, clock: c.clock, recorder: c.recorder({ component: 'deployment-controller' }) };
  }

  triggers(): Trigger[] {
    return [on('Deployment', selfKey), on('ReplicaSet', (ev) => this.rsKeys(ev)), on('Pod', (ev) => this.podKeys(ev))];
  }

  initialKeys(): string[] {
    return this.c.api.store.list('Deployment').map(keyOf);
  }

  /** addReplicaSet/updateReplicaSet/deleteReplicaSet: the owner, or adopters of an orphan. */
  private rsKeys(ev: WatchEvent): string[] {
    const keys = new Set<string>();
    for (const rs of [ev.object, ev.old]) {
      if (!rs) continue;
      const ref = controllerRef(rs);
      if (ref) {
        if (ref.kind === 'Deployment') keys.add(makeKey(rs.metadata.namespace, ref.name));
        continue;
      }
      if (ev.type === 'DELETED') continue;
      for (const d of this.c.api.store.list('Deployment', rs.metadata.namespace)) {
        if (d.spec?.selector && matches(fromLabelSelector(d.spec.selector), rs.metadata.labels)) keys.add(keyOf(d));
      }
    }
    return [...keys];
  }

  /** deletePod: a Recreate deployment waits for its old pods to be gone. */
  private podKeys(ev: WatchEvent): string[] {
    if (ev.type !== 'DELETED') return [];
    const rsRef = controllerRef(ev.object);
    if (rsRef?.kind !== 'ReplicaSet') return [];
    const rs = this.c.api.getByKey('ReplicaSet', makeKey(ev.object.metadata.namespace, rsRef.name));
    const dRef = rs && controllerRef(rs);
    if (dRef?.kind !== 'Deployment') return [];
    const key = makeKey(ev.object.metadata.namespace, dRef.name);
    const d = this.c.api.getByKey('Deployment', key);
    return d?.spec?.strategy?.type === 'Recreate' ? [key] : [];
  }

  reconcile(key: string): Result {
    const stored = this.c.api.getByKey('Deployment', key);
    if (!stored) return done(); // deleted: the garbage collector takes its ReplicaSets
    const d = clone(stored);
    try {
      const requeue = this.sync(d);
      return requeue === undefined ? done() : after(requeue);
    } catch (e) {
      if (isStatusError(e)) return retry();
      throw e;
    }
  }

  /** syncDeployment. Returns a requeue delay in seconds, if any. */
  private sync(d: KObject): number | undefined {
    const sel = d.spec?.selector;
    if (sel && Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions?.length ?? 0) === 0) {
      this.dc.recorder.event(d, 'Warning', REASON_SELECTING_ALL, 'This deployment is selecting all pods. A non-empty selector is required.');
      if ((d.status?.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) {
        d.status = { ...(d.status ?? {}), observedGeneration: d.metadata.generation };
        writeDeploymentStatus(this.dc, d);
      }
      return undefined;
    }
    const rsList = this.replicaSetsFor(d);
    if (d.metadata.deletionTimestamp) {
      const [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(this.dc, d, rsList, false);
      syncDeploymentStatus(this.dc, [...oldRSs, newRS], newRS, d);
      return undefined;
    }
    this.checkPausedConditions(d);
    if (d.spec.paused) {
      this.syncScale(d, rsList);
      return undefined;
    }
    if (isScalingEvent(this.dc, d, rsList)) {
      this.syncScale(d, rsList);
      return undefined;
    }
    if (d.spec.strategy?.type === 'Recreate') return rolloutRecreate(this.dc, d, rsList, this.podMap(rsList));
    return rolloutRolling(this.dc, d, rsList);
  }

  /** sync(): scale only, clean up when paused, and write status. */
  private syncScale(d: KObject, rsList: KObject[]): void {
    const [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(this.dc, d, rsList, false);
    scale(this.dc, d, newRS, oldRSs);
    if (d.spec.paused) cleanupDeployment(this.dc, oldRSs, d);
    syncDeploymentStatus(this.dc, [...oldRSs, newRS], newRS, d);
  }

  /** checkPausedConditions: Progressing Unknown DeploymentPaused / DeploymentResumed. */
  private checkPausedConditions(d: KObject): void {
    if (!hasProgressDeadline(d)) return;
    const cond = getCondition(d.status, 'Progressing');
    if (cond?.reason === REASON_TIMED_OUT) return;
    const pausedCond = cond?.reason === REASON_PAUSED;
    const now = this.c.clock.rfc3339();
    let needsUpdate = false;
    if (d.spec.paused && !pausedCond) {
      d.status ??= {};
      setCondition(d.status, newCondition('Progressing', 'Unknown', REASON_PAUSED, 'Deployment is paused', now));
      needsUpdate = true;
    } else if (!d.spec.paused && pausedCond) {
      d.status ??= {};
      setCondition(d.status, newCondition('Progressing', 'Unknown', REASON_RESUMED, 'Deployment is resumed', now));
      needsUpdate = true;
    }
    if (needsUpdate) writeDeploymentStatus(this.dc, d);
  }

  /** getReplicaSetsForDeployment: claim the namespace's ReplicaSets by selector. */
  private replicaSetsFor(d: KObject): KObject[] {
    const candidates = this.c.api.store.list('ReplicaSet', d.metadata.namespace);
    // Adoption re-checks that the deployment is still there and not being deleted.
    return claimObjects(this.c.api, d, candidates, fromLabelSelector(d.spec.selector));
  }

  /** getPodMapForDeployment: pods by the uid of the ReplicaSet that controls them. */
  private podMap(rsList: KObject[]): Map<string, KObject[]> {
    const m = new Map<string, KObject[]>();
    for (const rs of rsList) {
      const pods: KObject[] = [];
      for (const [kind, obj] of this.c.api.dependents(rs.metadata.uid!)) {
        if (kind === 'Pod' && controllerRef(obj)?.uid === rs.metadata.uid) pods.push(obj);
      }
      m.set(rs.metadata.uid!, pods);
    }
    return m;
  }
}
