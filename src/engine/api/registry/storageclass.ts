/**
 * StorageClass strategy (pkg/registry/storage/storageclass/strategy.go, SetDefaults_StorageClass,
 * ValidateStorageClass(Update)): reclaimPolicy Delete and volumeBindingMode Immediate by
 * default; provisioner required; parameters, provisioner, reclaimPolicy and volumeBindingMode
 * cannot change.
 */
import { forbiddenField, invalidValue, notSupported, required, type FieldError } from '../errors';
import type { Strategy } from './strategy';

const RECLAIM = ['Delete', 'Retain'];
const BINDING = ['Immediate', 'WaitForFirstConsumer'];

export const storageClassStrategy: Strategy = {
  prepareForCreate(obj) {
    obj.reclaimPolicy ??= 'Delete';
    obj.volumeBindingMode ??= 'Immediate';
  },
  prepareForUpdate(obj) {
    obj.reclaimPolicy ??= 'Delete';
    obj.volumeBindingMode ??= 'Immediate';
  },
  validate(obj) {
    const errs: FieldError[] = [];
    if (!obj.provisioner) errs.push(required('provisioner', ''));
    if (obj.reclaimPolicy && !RECLAIM.includes(obj.reclaimPolicy as string)) errs.push(notSupported('reclaimPolicy', obj.reclaimPolicy, RECLAIM));
    if (obj.volumeBindingMode && !BINDING.includes(obj.volumeBindingMode as string)) errs.push(notSupported('volumeBindingMode', obj.volumeBindingMode, BINDING));
    return errs;
  },
  validateUpdate(obj, old) {
    const errs: FieldError[] = [];
    if (JSON.stringify(obj.parameters ?? {}) !== JSON.stringify(old.parameters ?? {})) errs.push(forbiddenField('parameters', 'updates to parameters are forbidden.'));
    if (obj.provisioner !== old.provisioner) errs.push(forbiddenField('provisioner', 'updates to provisioner are forbidden.'));
    if (obj.reclaimPolicy !== old.reclaimPolicy) errs.push(forbiddenField('reclaimPolicy', 'updates to reclaimPolicy are forbidden.'));
    if (obj.volumeBindingMode !== old.volumeBindingMode) errs.push(invalidValue('volumeBindingMode', obj.volumeBindingMode, 'field is immutable'));
    return errs;
  },
};
