/**
 * PersistentVolumeClaim strategy (pkg/registry/core/persistentvolumeclaim/strategy.go,
 * SetDefaults_PersistentVolumeClaim(Spec), ValidatePersistentVolumeClaim(Update)) with the two
 * admission plugins every claim meets on create: DefaultStorageClass (a claim without
 * storageClassName gets the default class) and StorageObjectInUseProtection (the
 * `kubernetes.io/pvc-protection` finalizer).
 */
import { canonicalQuantity, parseQuantity, isNegative } from '../../kubelet/quantity';
import { forbiddenField, invalidValue, notSupported, required, type FieldError } from '../errors';
import type { KObject } from '../types/meta';
import type { Store } from '../store';
import type { Strategy } from './strategy';
import { validateLabelSelector } from './workload-common';
import { validateNameValue } from '../validation';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

export const PVC_PROTECTION_FINALIZER = 'kubernetes.io/pvc-protection';
export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';
export const BETA_DEFAULT_CLASS_ANNOTATION = 'storageclass.beta.kubernetes.io/is-default-class';
export const BETA_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';
export const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
export const MSG_PVC_IMMUTABLE = 'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims';

/** SetDefaults_PersistentVolumeClaimSpec. */
export function defaultPvcSpec(spec: Any): void {
  spec.volumeMode ??= 'Filesystem';
  const storage = spec.resources?.requests?.storage;
  if (storage !== undefined) {
    const c = canonicalQuantity(storage);
    if (c !== undefined) spec.resources.requests.storage = c;
  }
}

/** storageutil.IsDefaultAnnotation. */
export function isDefaultClass(sc: KObject): boolean {
  const a = sc.metadata.annotations ?? {};
  return a[DEFAULT_CLASS_ANNOTATION] === 'true' || a[BETA_DEFAULT_CLASS_ANNOTATION] === 'true';
}

/** GetDefaultClass: the newest default StorageClass (ties: by name), or undefined. */
export function defaultStorageClass(store: Store): KObject | undefined {
  const defaults = store.list('StorageClass').filter(isDefaultClass);
  defaults.sort((a, b) => (a.metadata.creationTimestamp! === b.metadata.creationTimestamp! ? (a.metadata.name! < b.metadata.name! ? -1 : 1) : a.metadata.creationTimestamp! > b.metadata.creationTimestamp! ? -1 : 1));
  return defaults[0];
}

/** ValidatePersistentVolumeClaimSpec (the parts a learner meets). */
export function validatePvcSpec(spec: Any, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const modes: string[] = spec?.accessModes ?? [];
  if (modes.length === 0) errs.push(required(`${path}.accessModes`, 'at least 1 access mode is required'));
  for (const m of modes) if (!ACCESS_MODES.includes(m)) errs.push(notSupported(`${path}.accessModes`, m, ACCESS_MODES));
  if (modes.includes('ReadWriteOncePod') && modes.length > 1) errs.push(forbiddenField(`${path}.accessModes`, 'may not use ReadWriteOncePod with other access modes'));
  if (spec?.selector) errs.push(...validateLabelSelector(spec.selector, `${path}.selector`));
  const storage = spec?.resources?.requests?.storage;
  if (storage === undefined) errs.push(required(`${path}.resources[storage]`, ''));
  else {
    const q = parseQuantity(storage);
    if (!q || isNegative(q) || q.num === 0n) errs.push(invalidValue(`${path}.resources[storage]`, String(storage), 'must be greater than zero'));
  }
  if (spec?.storageClassName) errs.push(...validateNameValue(spec.storageClassName, 'subdomain', `${path}.storageClassName`));
  if (spec?.volumeMode !== undefined && spec.volumeMode !== 'Block' && spec.volumeMode !== 'Filesystem') {
    errs.push(notSupported(`${path}.volumeMode`, spec.volumeMode, ['Block', 'Filesystem']));
  }
  return errs;
}

/** The spec without what a bound claim may still change. */
function immutablePart(spec: Any): string {
  const s = { ...(spec ?? {}) };
  delete s.volumeAttributesClassName;
  const req = { ...(s.resources?.requests ?? {}) };
  delete req.storage;
  s.resources = { ...(s.resources ?? {}), requests: req };
  return JSON.stringify(Object.keys(s).sort().map((k) => [k, s[k]]));
}

export const pvcStrategy: Strategy = {
  statusSubresource: true,
  prepareForCreate(obj, ctx) {
    obj.spec ??= {};
    defaultPvcSpec(obj.spec);
    obj.status = { phase: 'Pending' };
    // DefaultStorageClass admission.
    if (obj.spec.storageClassName === undefined && obj.metadata.annotations?.[BETA_CLASS_ANNOTATION] === undefined) {
      const sc = defaultStorageClass(ctx.store);
      if (sc) obj.spec.storageClassName = sc.metadata.name;
    }
    // StorageObjectInUseProtection admission.
    const fin = obj.metadata.finalizers ?? [];
    if (!fin.includes(PVC_PROTECTION_FINALIZER)) obj.metadata.finalizers = [...fin, PVC_PROTECTION_FINALIZER];
  },
  prepareForUpdate(obj) {
    obj.spec ??= {};
    defaultPvcSpec(obj.spec);
  },
  validate(obj) {
    return validatePvcSpec(obj.spec, 'spec');
  },
  validateUpdate(obj, old) {
    const errs: FieldError[] = [];
    const o = { ...old.spec };
    // A claim bound by the controller may have gained its volumeName and class.
    const n = { ...obj.spec };
    if (!old.spec?.volumeName && n.volumeName) o.volumeName = n.volumeName;
    if (old.spec?.storageClassName === undefined && n.storageClassName !== undefined) o.storageClassName = n.storageClassName;
    const bound = old.status?.phase === 'Bound';
    const changedStorage = JSON.stringify(obj.spec?.resources?.requests?.storage) !== JSON.stringify(old.spec?.resources?.requests?.storage);
    // Simplification: upstream appends a structural diff of the two specs to this message.
    if (immutablePart(n) !== immutablePart(o) || (!bound && changedStorage)) errs.push(forbiddenField('spec', MSG_PVC_IMMUTABLE));
    return errs;
  },
};
