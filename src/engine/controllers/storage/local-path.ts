/**
 * The dynamic provisioner behind kind's default StorageClass `standard`: rancher's
 * local-path-provisioner (run by sigs.k8s.io/sig-storage-lib-external-provisioner). For a claim
 * the PV controller annotated with `volume.kubernetes.io/storage-provisioner: rancher.io/local-path`
 * and a selected node, it creates the PersistentVolume `pvc-<claim uid>`: a hostPath directory
 * `/var/local-path-provisioner/pvc-<uid>_<namespace>_<claim>` (DirectoryOrCreate) pinned to the
 * node by a required node affinity, pre-bound to the claim, with the class's reclaim policy,
 * and records `Provisioning` then `ProvisioningSucceeded` on the claim.
 *
 * The volume appears PROVISION_SECONDS after `Provisioning`: the time the provisioner's helper
 * pod takes to create the directory on the node.
 *
 * Simplification: the provisioner is not a pod in a `local-path-storage` namespace (the default
 * cluster of CONTRACT.md has no such namespace) and runs no helper pod; its event source is a
 * fixed identity in the upstream format.
 */
import type { ClusterParts } from '../../cluster';
import type { EventRecorder } from '../../api/events';
import { isStatusError } from '../../api/errors';
import { keyOf, type KObject } from '../../api/types/meta';
import { after, done, on, retry, type Controller, type Result, type Trigger } from '../manager';
import { computeHash, fnv32a } from '../util/hash';
import { ANN_DYNAMICALLY_PROVISIONED, ANN_SELECTED_NODE, ANN_STORAGE_PROVISIONER, claimClass } from './pv-controller';

export const LOCAL_PATH_PROVISIONER = 'rancher.io/local-path';
export const LOCAL_PATH_ROOT = '/var/local-path-provisioner';
export const msgProvisioning = (claimKey: string): string => `External provisioner is provisioning volume for claim "${claimKey}"`;
export const msgProvisioned = (pv: string): string => `Successfully provisioned volume ${pv}`;
export const msgProvisioningFailed = (cls: string, why: string): string => `failed to provision volume with StorageClass "${cls}": ${why}`;
export const MSG_NO_NODE = 'configuration error, no node was specified';
export const MSG_ACCESS_MODE = 'NodePath only supports ReadWriteOnce and ReadWriteOncePod (1.22+) access modes';
export const MSG_BLOCK = 'does not support block volume provisioning';
/** Seconds from `Provisioning` to the volume (the helper pod's mkdir on the node). */
export const PROVISION_SECONDS = 2;

/** A stable identity in the `<provisioner>_<pod>_<uuid>` form the library uses for events. */
function identity(): string {
  const h = (s: string) => fnv32a(s).toString(16).padStart(8, '0');
  const uuid = `${h('a')}-${h('b').slice(0, 4)}-4${h('c').slice(0, 3)}-8${h('d').slice(0, 3)}-${h('e')}${h('f').slice(0, 4)}`;
  const rs = computeHash('local-path-provisioner');
  const pod = computeHash('local-path-provisioner-pod').slice(0, 5);
  return `${LOCAL_PATH_PROVISIONER}_local-path-provisioner-${rs}-${pod}_${uuid}`;
}

export class LocalPathProvisioner implements Controller {
  readonly name = 'local-path-provisioner';
  private recorder: EventRecorder;
  /** Claim uid -> when its volume will be ready (ms), while the helper pod runs. */
  private inProgress = new Map<string, number>();

  constructor(private c: ClusterParts) {
    this.recorder = c.recorder({ component: identity() });
  }

  triggers(): Trigger[] {
    return [on('PersistentVolumeClaim', (ev) => (ev.type === 'DELETED' ? [] : [keyOf(ev.object)]))];
  }

  reconcile(key: string): Result {
    const pvc = this.c.api.getByKey('PersistentVolumeClaim', key);
    if (!pvc || pvc.spec?.volumeName || pvc.metadata.deletionTimestamp) return done();
    if (pvc.metadata.annotations?.[ANN_STORAGE_PROVISIONER] !== LOCAL_PATH_PROVISIONER) return done();
    const className = claimClass(pvc);
    const cls = this.c.api.find('StorageClass', undefined, className);
    if (!cls || cls.provisioner !== LOCAL_PATH_PROVISIONER) return done();
    const pvName = `pvc-${pvc.metadata.uid}`;
    if (this.c.api.find('PersistentVolume', undefined, pvName)) {
      this.inProgress.delete(pvc.metadata.uid!);
      return done();
    }
    const now = this.c.clock.now();
    const readyAt = this.inProgress.get(pvc.metadata.uid!);
    if (readyAt === undefined) {
      const claimKey = `${pvc.metadata.namespace}/${pvc.metadata.name}`;
      this.recorder.event(pvc, 'Normal', 'Provisioning', msgProvisioning(claimKey));
      const why = this.check(pvc);
      if (why) {
        this.recorder.event(pvc, 'Warning', 'ProvisioningFailed', msgProvisioningFailed(cls.metadata.name!, why));
        return done();
      }
      this.inProgress.set(pvc.metadata.uid!, now + PROVISION_SECONDS * 1000);
      return after(PROVISION_SECONDS);
    }
    if (readyAt > now) return after((readyAt - now) / 1000);
    try {
      this.provision(pvc, cls, pvName);
    } catch (e) {
      if (isStatusError(e)) return retry();
      throw e;
    }
    this.inProgress.delete(pvc.metadata.uid!);
    return done();
  }

  /** Why the provisioner cannot provision this claim, or undefined. */
  private check(pvc: KObject): string | undefined {
    const modes: string[] = pvc.spec?.accessModes ?? [];
    if (pvc.spec?.volumeMode === 'Block') return MSG_BLOCK;
    if (modes.some((m) => m !== 'ReadWriteOnce' && m !== 'ReadWriteOncePod')) return MSG_ACCESS_MODE;
    if (!pvc.metadata.annotations?.[ANN_SELECTED_NODE]) return MSG_NO_NODE;
    return undefined;
  }

  private provision(pvc: KObject, cls: KObject, pvName: string): void {
    const node = pvc.metadata.annotations![ANN_SELECTED_NODE];
    const modes: string[] = pvc.spec?.accessModes ?? [];
    const pv: KObject = {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: pvName, annotations: { [ANN_DYNAMICALLY_PROVISIONED]: LOCAL_PATH_PROVISIONER } },
      spec: {
        accessModes: [...modes],
        capacity: { storage: pvc.spec?.resources?.requests?.storage },
        claimRef: {
          apiVersion: 'v1',
          kind: 'PersistentVolumeClaim',
          name: pvc.metadata.name,
          namespace: pvc.metadata.namespace,
          resourceVersion: pvc.metadata.resourceVersion,
          uid: pvc.metadata.uid,
        },
        hostPath: { path: `${LOCAL_PATH_ROOT}/${pvName}_${pvc.metadata.namespace}_${pvc.metadata.name}`, type: 'DirectoryOrCreate' },
        nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } },
        persistentVolumeReclaimPolicy: cls.reclaimPolicy ?? 'Delete',
        storageClassName: cls.metadata.name,
        volumeMode: pvc.spec?.volumeMode ?? 'Filesystem',
      },
    };
    if (cls.mountOptions) pv.spec.mountOptions = cls.mountOptions;
    this.c.api.create(pv);
    this.recorder.event(pvc, 'Normal', 'ProvisioningSucceeded', msgProvisioned(pvName));
  }
}
