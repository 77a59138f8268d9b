/**
 * The persistent volume controller of kube-controller-manager
 * (pkg/controller/volume/persistentvolume/pv_controller.go: syncClaim, syncVolume, findBestMatch
 * in index.go, bind/unbind, reclaim) and the pvc-protection and pv-protection controllers
 * (pkg/controller/volume/pvcprotection, pvprotection):
 * - an unbound claim binds to the smallest Available volume of its class that has the access
 *   modes, the volume mode and at least the requested capacity (claim and volume go Bound, the
 *   bind annotations as upstream); otherwise a class with a provisioner gets the
 *   storage-provisioner annotations and an ExternalProvisioning event, a claim without a class
 *   gets FailedBinding;
 * - a WaitForFirstConsumer claim is left to the scheduler (WaitForFirstConsumer event): its
 *   VolumeBinding plugin (scheduler/plugins/volume-binding.ts) pre-binds a volume to it or
 *   writes `volume.kubernetes.io/selected-node`, and only then does this controller finish the
 *   binding or start provisioning, while the pod waits unbound in Pending;
 * - a volume whose claim is gone turns Released; the Delete reclaim policy then deletes it
 *   (for provisioned volumes upstream leaves that to the provisioner, ./local-path.ts);
 * - the protection finalizers are removed once no pod uses the claim / no claim is bound.
 */
import type { ClusterParts } from '../../cluster';
import type { EventRecorder } from '../../api/events';
import { isStatusError } from '../../api/errors';
import { fromLabelSelector, matches, type LabelSelector } from '../../api/selectors';
import { clone, keyOf, type KObject, type WatchEvent } from '../../api/types/meta';
import { BETA_CLASS_ANNOTATION, PVC_PROTECTION_FINALIZER } from '../../api/registry/pvc';
import { PV_PROTECTION_FINALIZER } from '../../api/registry/pv';
import { quantityValue } from '../../scheduler/resources';
import { after, done, on, retry, type Controller, type Result, type Trigger } from '../manager';

export const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
export const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
export const ANN_STORAGE_PROVISIONER = 'volume.kubernetes.io/storage-provisioner';
export const ANN_BETA_STORAGE_PROVISIONER = 'volume.beta.kubernetes.io/storage-provisioner';
export const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';
export const ANN_DYNAMICALLY_PROVISIONED = 'pv.kubernetes.io/provisioned-by';

export const MSG_WAIT_FOR_FIRST_CONSUMER = 'waiting for first consumer to be created before binding';
export const MSG_NO_VOLUMES_NO_CLASS = 'no persistent volumes available for this claim and no storage class is set';
export const msgExternalProvisioning = (provisioner: string): string =>
  `Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`;
export const msgClassNotFound = (name: string): string => `storageclass.storage.k8s.io "${name}" not found`;
export const MSG_CLAIM_LOST = 'Bound claim has lost its PersistentVolume. Data on the volume is lost!';
export const MSG_VOLUME_FAILED_DELETE = 'Volume has no claim and reclaim policy Delete';

/** The PV controller's resync period for claims still waiting (--pvclaimbinder-sync-period). */
const RESYNC_SECONDS = 15;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

/** GetPersistentVolumeClaimClass */
export function claimClass(pvc: KObject): string {
  return pvc.metadata.annotations?.[BETA_CLASS_ANNOTATION] ?? pvc.spec?.storageClassName ?? '';
}

function volumeClass(pv: KObject): string {
  return pv.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? pv.spec?.storageClassName ?? '';
}

/** The claims a pod mounts. */
export function podClaimNames(pod: KObject): string[] {
  const out: string[] = [];
  for (const v of (pod.spec?.volumes ?? []) as Any[]) {
    if (v.persistentVolumeClaim?.claimName) out.push(v.persistentVolumeClaim.claimName);
    else if (v.ephemeral) out.push(`${pod.metadata.name}-${v.name}`);
  }
  return out;
}

/** checkVolumeSatisfyClaim + findBestMatch's filters. */
function volumeFits(pv: KObject, pvc: KObject): boolean {
  if (pv.metadata.deletionTimestamp) return false;
  if (volumeClass(pv) !== claimClass(pvc)) return false;
  if ((pv.spec?.volumeMode ?? 'Filesystem') !== (pvc.spec?.volumeMode ?? 'Filesystem')) return false;
  const have = new Set<string>(pv.spec?.accessModes ?? []);
  for (const m of (pvc.spec?.accessModes ?? []) as string[]) if (!have.has(m)) return false;
  if (quantityValue(pv.spec?.capacity?.storage) < quantityValue(pvc.spec?.resources?.requests?.storage)) return false;
  if (pvc.spec?.selector && !matches(fromLabelSelector(pvc.spec.selector as LabelSelector), pv.metadata.labels)) return false;
  return true;
}

/** Whether the pod still counts as using its claims (pvcprotection: not terminated). */
function podUsesClaims(pod: KObject): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed';
}

export class PersistentVolumeController implements Controller {
  readonly name = 'persistentvolume-controller';
  private recorder: EventRecorder;

  constructor(private c: ClusterParts) {
    this.recorder = c.recorder({ component: 'persistentvolume-controller' });
  }

  triggers(): Trigger[] {
    return [
      on('PersistentVolumeClaim', (ev) => (ev.object.spec?.volumeName ? [`pvc:${keyOf(ev.object)}`, `pv:${ev.object.spec.volumeName}`] : [`pvc:${keyOf(ev.object)}`])),
      on('PersistentVolume', (ev) => this.volumeKeys(ev)),
      on('StorageClass', () => this.c.api.store.list('PersistentVolumeClaim').filter((p) => !p.spec?.volumeName).map((p) => `pvc:${keyOf(p)}`)),
      on('Pod', (ev) => this.podKeys(ev)),
    ];
  }

  initialKeys(): string[] {
    return [
      ...this.c.api.store.list('PersistentVolumeClaim').map((p) => `pvc:${keyOf(p)}`),
      ...this.c.api.store.list('PersistentVolume').map((p) => `pv:${keyOf(p)}`),
    ];
  }

  private volumeKeys(ev: WatchEvent): string[] {
    const keys = [`pv:${keyOf(ev.object)}`];
    const ref = ev.object.spec?.claimRef;
    if (ref?.name) keys.push(`pvc:${ref.namespace}/${ref.name}`);
    // A new or freed volume may satisfy a waiting claim.
    if (ev.type !== 'DELETED' && !ref) {
      for (const p of this.c.api.store.list('PersistentVolumeClaim')) if (!p.spec?.volumeName) keys.push(`pvc:${keyOf(p)}`);
    }
    return keys;
  }

  /** Pods wake the claims they mount: first consumers, and claims waiting for protection removal. */
  private podKeys(ev: WatchEvent): string[] {
    const keys = new Set<string>();
    for (const p of [ev.object, ev.old]) {
      if (!p) continue;
      for (const n of podClaimNames(p)) keys.add(`pvc:${p.metadata.namespace}/${n}`);
    }
    return [...keys];
  }

  reconcile(key: string): Result {
    try {
      if (key.startsWith('pvc:')) return this.syncClaim(key.slice(4));
      if (key.startsWith('pv:')) return this.syncVolume(key.slice(3));
      return done();
    } catch (e) {
      if (isStatusError(e)) return retry();
      throw e;
    }
  }

  // ---- claims ------------------------------------------------------------------------------

  private podsUsing(pvc: KObject): KObject[] {
    const name = pvc.metadata.name!;
    return this.c.api.store.list('Pod', pvc.metadata.namespace).filter((p) => podClaimNames(p).includes(name));
  }

  private syncClaim(key: string): Result {
    const pvc = this.c.api.getByKey('PersistentVolumeClaim', key);
    if (!pvc) return done();
    if (pvc.metadata.deletionTimestamp) return this.protectClaim(pvc);
    if (pvc.spec?.volumeName) return this.syncBoundClaim(pvc);
    return this.syncUnboundClaim(pvc);
  }

  /** pvcprotection: drop the finalizer once no pod uses the claim. */
  private protectClaim(pvc: KObject): Result {
    if (!(pvc.metadata.finalizers ?? []).includes(PVC_PROTECTION_FINALIZER)) return done();
    if (this.podsUsing(pvc).some(podUsesClaims)) return done();
    const next = clone(pvc);
    next.metadata.finalizers = (next.metadata.finalizers ?? []).filter((f) => f !== PVC_PROTECTION_FINALIZER);
    this.c.api.update(next);
    return done();
  }

  private syncBoundClaim(pvc: KObject): Result {
    const pv = this.c.api.find('PersistentVolume', undefined, pvc.spec.volumeName);
    if (!pv) {
      if (pvc.status?.phase !== 'Lost') {
        this.setClaimPhase(pvc, 'Lost');
        this.recorder.event(pvc, 'Warning', 'ClaimLost', MSG_CLAIM_LOST);
      }
      return done();
    }
    const ref = pv.spec?.claimRef;
    if (!ref || ref.uid === pvc.metadata.uid || (!ref.uid && ref.name === pvc.metadata.name && ref.namespace === pvc.metadata.namespace)) {
      // The volume is (or is about to be) ours: finish the binding on both sides.
      if (!ref?.uid) this.bindVolume(pv, pvc, !ref);
      if (pvc.status?.phase !== 'Bound' || pvc.metadata.annotations?.[ANN_BIND_COMPLETED] !== 'yes') this.bindClaim(this.c.api.getByKey('PersistentVolumeClaim', keyOf(pvc))!, pv, false);
      return done();
    }
    // The volume is bound to another claim.
    if (pvc.status?.phase !== 'Lost') {
      this.setClaimPhase(pvc, 'Lost');
      this.recorder.event(pvc, 'Warning', 'ClaimMisbound', 'Two claims are bound to the same volume, this one is bound incorrectly');
    }
    return done();
  }

  private syncUnboundClaim(pvc: KObject): Result {
    const className = claimClass(pvc);
    const cls = className ? this.c.api.find('StorageClass', undefined, className) : undefined;
    const wffc = cls?.volumeBindingMode === 'WaitForFirstConsumer';
    const selectedNode: string | undefined = pvc.metadata.annotations?.[ANN_SELECTED_NODE];
    const fresh = pvc;
    // Static binding: the best matching volume (findBestMatch: the smallest that fits; with
    // delayed binding only a volume the scheduler pre-bound to the claim).
    const pv = this.findBestMatch(fresh, wffc);
    if (pv) {
      const bound = this.bindVolume(pv, fresh, true);
      if (bound) this.bindClaim(this.c.api.getByKey('PersistentVolumeClaim', keyOf(fresh))!, bound, true);
      return done();
    }
    if (!className) {
      this.recorder.event(fresh, 'Normal', 'FailedBinding', MSG_NO_VOLUMES_NO_CLASS);
      return after(RESYNC_SECONDS);
    }
    if (!cls) {
      this.recorder.event(fresh, 'Warning', 'ProvisioningFailed', msgClassNotFound(className));
      return after(RESYNC_SECONDS);
    }
    if (wffc && !selectedNode) {
      this.recorder.event(fresh, 'Normal', 'WaitForFirstConsumer', MSG_WAIT_FOR_FIRST_CONSUMER);
      return done();
    }
    // provisionClaim for an external provisioner: annotate and wait for the provisioner.
    const provisioner = cls.provisioner as string;
    const ann = fresh.metadata.annotations ?? {};
    if (ann[ANN_STORAGE_PROVISIONER] !== provisioner || ann[ANN_BETA_STORAGE_PROVISIONER] !== provisioner) {
      const next = clone(fresh);
      next.metadata.annotations = { ...(next.metadata.annotations ?? {}), [ANN_BETA_STORAGE_PROVISIONER]: provisioner, [ANN_STORAGE_PROVISIONER]: provisioner };
      this.c.api.update(next);
    }
    this.recorder.event(fresh, 'Normal', 'ExternalProvisioning', msgExternalProvisioning(provisioner));
    return after(RESYNC_SECONDS);
  }

  /**
   * findBestMatch: a volume pre-bound to the claim, else (not for delayed binding, which the
   * scheduler does) the smallest fitting Available one.
   */
  private findBestMatch(pvc: KObject, delayBinding: boolean): KObject | undefined {
    let best: KObject | undefined;
    for (const pv of this.c.api.store.list('PersistentVolume')) {
      const ref = pv.spec?.claimRef;
      if (ref) {
        if (ref.name === pvc.metadata.name && ref.namespace === pvc.metadata.namespace && (!ref.uid || ref.uid === pvc.metadata.uid) && volumeFits(pv, pvc)) return pv;
        continue;
      }
      if (delayBinding) continue;
      if (pvc.spec?.volumeName && pvc.spec.volumeName !== pv.metadata.name) continue;
      if (pv.status?.phase !== 'Available' && pv.status?.phase !== 'Pending') continue;
      if (!volumeFits(pv, pvc)) continue;
      if (!best || quantityValue(pv.spec?.capacity?.storage) < quantityValue(best.spec?.capacity?.storage)) best = pv;
    }
    return best;
  }

  /** bindVolumeToClaim: claimRef (+ bound-by-controller when we set it) and phase Bound. */
  private bindVolume(pv: KObject, pvc: KObject, byController: boolean): KObject | undefined {
    const next = clone(pv);
    next.spec.claimRef = {
      kind: 'PersistentVolumeClaim',
      namespace: pvc.metadata.namespace,
      name: pvc.metadata.name,
      uid: pvc.metadata.uid,
      apiVersion: 'v1',
      resourceVersion: pvc.metadata.resourceVersion,
    };
    if (byController && !pv.spec?.claimRef) next.metadata.annotations = { ...(next.metadata.annotations ?? {}), [ANN_BOUND_BY_CONTROLLER]: 'yes' };
    let written: KObject;
    try {
      written = JSON.stringify(next) === JSON.stringify(pv) ? pv : this.c.api.update(next);
    } catch (e) {
      if (isStatusError(e) && (e.code === 404 || e.code === 409)) return undefined;
      throw e;
    }
    return this.setVolumePhase(written, 'Bound');
  }

  /** bindClaimToVolume + the claim's status. */
  private bindClaim(pvc: KObject, pv: KObject, byController: boolean): void {
    const next = clone(pvc);
    next.spec.volumeName = pv.metadata.name;
    const ann: Record<string, string> = { ...(next.metadata.annotations ?? {}), [ANN_BIND_COMPLETED]: 'yes' };
    // The controller chose the volume (the claim did not name it): bound-by-controller.
    if (byController || !pvc.spec?.volumeName) ann[ANN_BOUND_BY_CONTROLLER] = 'yes';
    next.metadata.annotations = ann;
    const written = JSON.stringify(next) === JSON.stringify(pvc) ? pvc : this.c.api.update(next);
    const status = { ...(written.status ?? {}), phase: 'Bound', accessModes: [...(pv.spec?.accessModes ?? [])], capacity: { ...(pv.spec?.capacity ?? {}) } };
    if (JSON.stringify(status) !== JSON.stringify(written.status)) this.c.api.updateStatus({ ...written, status });
  }

  private setClaimPhase(pvc: KObject, phase: string): void {
    this.c.api.updateStatus({ ...pvc, status: { ...(pvc.status ?? {}), phase } });
  }

  // ---- volumes -----------------------------------------------------------------------------

  private setVolumePhase(pv: KObject, phase: string, message?: string): KObject {
    if (pv.status?.phase === phase && (message === undefined || pv.status?.message === message)) return pv;
    const status: Record<string, unknown> = { phase, lastPhaseTransitionTime: this.c.clock.rfc3339() };
    if (message) status.message = message;
    return this.c.api.updateStatus({ ...pv, status });
  }

  private syncVolume(name: string): Result {
    const pv = this.c.api.getByKey('PersistentVolume', name);
    if (!pv) return done();
    if (pv.metadata.deletionTimestamp) {
      // pvprotection: a volume no claim is bound to may go.
      if ((pv.metadata.finalizers ?? []).includes(PV_PROTECTION_FINALIZER) && pv.status?.phase !== 'Bound') {
        const next = clone(pv);
        next.metadata.finalizers = (next.metadata.finalizers ?? []).filter((f) => f !== PV_PROTECTION_FINALIZER);
        this.c.api.update(next);
      }
      return done();
    }
    const ref = pv.spec?.claimRef;
    if (!ref) {
      this.setVolumePhase(pv, 'Available');
      return done();
    }
    const pvc = this.c.api.find('PersistentVolumeClaim', ref.namespace, ref.name);
    if (!ref.uid) {
      // Pre-bound by the user (or a provisioner) to a claim that may not exist yet.
      if (pv.status?.phase !== 'Available') this.setVolumePhase(pv, 'Available');
      return done();
    }
    if (!pvc || pvc.metadata.uid !== ref.uid) {
      // The claim is gone: Released, then reclaimed.
      const released = pv.status?.phase === 'Released' || pv.status?.phase === 'Failed' ? pv : this.setVolumePhase(pv, 'Released');
      return this.reclaim(released);
    }
    if (pvc.spec?.volumeName === pv.metadata.name || !pvc.spec?.volumeName) {
      if (pv.status?.phase !== 'Bound') this.setVolumePhase(pv, 'Bound');
      if (!pvc.spec?.volumeName) this.bindClaim(pvc, pv, false);
      return done();
    }
    // The claim is bound to another volume: this one was provisioned for nothing or misbound.
    const released = pv.status?.phase === 'Released' ? pv : this.setVolumePhase(pv, 'Released');
    return this.reclaim(released);
  }

  /** reclaimVolume: Retain keeps the volume Released; Delete deletes it. */
  private reclaim(pv: KObject): Result {
    const policy = pv.spec?.persistentVolumeReclaimPolicy ?? 'Retain';
    if (policy === 'Retain') return done();
    if (policy === 'Delete') {
      try {
        this.c.api.delete('PersistentVolume', undefined, pv.metadata.name!);
      } catch (e) {
        if (!(isStatusError(e) && e.code === 404)) throw e;
      }
      return done();
    }
    if (pv.status?.phase !== 'Failed') {
      this.setVolumePhase(pv, 'Failed', 'Recycle is not supported');
      this.recorder.event(pv, 'Warning', 'VolumeFailedRecycle', 'Recycle is not supported');
    }
    return done();
  }
}
