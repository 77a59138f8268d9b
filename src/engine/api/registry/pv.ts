/**
 * PersistentVolume strategy (pkg/registry/core/persistentvolume/strategy.go,
 * SetDefaults_PersistentVolume, ValidatePersistentVolume): reclaim policy Retain and volumeMode
 * Filesystem by default, phase Pending on create, the `kubernetes.io/pv-protection` finalizer
 * (StorageObjectInUseProtection admission), and the apiserver's messages for missing fields.
 */
import { canonicalQuantity, isNegative, parseQuantity } from '../../kubelet/quantity';
import { forbiddenField, invalidValue, notSupported, required, type FieldError } from '../errors';
import type { Strategy } from './strategy';
import { ACCESS_MODES } from './pvc';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

export const PV_PROTECTION_FINALIZER = 'kubernetes.io/pv-protection';
const RECLAIM = ['Delete', 'Recycle', 'Retain'];
const SOURCES = ['hostPath', 'local', 'nfs', 'csi', 'iscsi', 'fc', 'gcePersistentDisk', 'awsElasticBlockStore', 'azureDisk', 'azureFile', 'cephfs', 'rbd', 'cinder', 'flexVolume', 'glusterfs', 'portworxVolume', 'vsphereVolume', 'quobyte', 'photonPersistentDisk', 'scaleIO', 'storageos', 'flocker'];

function defaults(spec: Any): void {
  spec.persistentVolumeReclaimPolicy ??= 'Retain';
  spec.volumeMode ??= 'Filesystem';
  if (spec.hostPath) spec.hostPath.type ??= '';
  const storage = spec.capacity?.storage;
  if (storage !== undefined) {
    const c = canonicalQuantity(storage);
    if (c !== undefined) spec.capacity.storage = c;
  }
}

/** ValidatePersistentVolumeSpec (the parts a learner meets). */
export function validatePvSpec(spec: Any): FieldError[] {
  const errs: FieldError[] = [];
  const modes: string[] = spec?.accessModes ?? [];
  if (modes.length === 0) errs.push(required('spec.accessModes', 'must specify at least 1 access mode'));
  for (const m of modes) if (!ACCESS_MODES.includes(m)) errs.push(notSupported('spec.accessModes', m, ACCESS_MODES));
  const cap = spec?.capacity ?? {};
  if (Object.keys(cap).length === 0) errs.push(required('spec.capacity', ''));
  else if (cap.storage === undefined) errs.push(notSupported('spec.capacity', Object.keys(cap)[0], ['storage']));
  else {
    const q = parseQuantity(cap.storage);
    if (!q || isNegative(q) || q.num === 0n) errs.push(invalidValue('spec.capacity[storage]', String(cap.storage), 'must be greater than zero'));
  }
  if (spec?.persistentVolumeReclaimPolicy && !RECLAIM.includes(spec.persistentVolumeReclaimPolicy)) {
    errs.push(notSupported('spec.persistentVolumeReclaimPolicy', spec.persistentVolumeReclaimPolicy, RECLAIM));
  }
  const n = SOURCES.filter((s) => spec?.[s]).length;
  if (n === 0) errs.push(required('spec', 'must specify a volume type'));
  else if (n > 1) errs.push(forbiddenField(`spec.${SOURCES.filter((s) => spec?.[s])[1]}`, 'may not specify more than 1 volume type'));
  if (spec?.hostPath && !spec.hostPath.path) errs.push(required('spec.hostPath.path', ''));
  if (spec?.local && !spec.nodeAffinity) errs.push(required('spec.nodeAffinity', 'Local volume requires node affinity'));
  return errs;
}

export const pvStrategy: Strategy = {
  statusSubresource: true,
  prepareForCreate(obj, ctx) {
    obj.spec ??= {};
    defaults(obj.spec);
    obj.status = { phase: 'Pending', lastPhaseTransitionTime: ctx.clock.rfc3339() };
    const fin = obj.metadata.finalizers ?? [];
    if (!fin.includes(PV_PROTECTION_FINALIZER)) obj.metadata.finalizers = [...fin, PV_PROTECTION_FINALIZER];
  },
  prepareForUpdate(obj) {
    obj.spec ??= {};
    defaults(obj.spec);
  },
  prepareForStatusUpdate(obj, old, ctx) {
    obj.spec = structuredClone(old.spec);
    obj.metadata = structuredClone(old.metadata);
    // PersistentVolumeLastPhaseTransitionTime (GA in v1.31): stamped on every phase change.
    if (obj.status?.phase !== old.status?.phase) obj.status = { ...(obj.status ?? {}), lastPhaseTransitionTime: ctx.clock.rfc3339() };
  },
  validate(obj) {
    return validatePvSpec(obj.spec);
  },
  validateUpdate(obj, old) {
    const src = (s: Any) => JSON.stringify(SOURCES.map((k) => s?.[k]));
    if (src(obj.spec) !== src(old.spec)) return [forbiddenField('spec.persistentvolumesource', 'spec.persistentvolumesource is immutable after creation')];
    return [];
  },
};
