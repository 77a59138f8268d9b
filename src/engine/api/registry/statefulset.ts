/**
 * StatefulSet strategy (pkg/registry/apps/statefulset/strategy.go, pkg/apis/apps/v1/defaults.go
 * SetDefaults_StatefulSet, pkg/apis/apps/validation ValidateStatefulSet/ValidateStatefulSetUpdate):
 * OrderedReady, RollingUpdate with partition 0, replicas 1, revisionHistoryLimit 10, the
 * persistentVolumeClaimRetentionPolicy Retain/Retain (StatefulSetAutoDeletePVC, GA in v1.32), and
 * volumeClaimTemplates defaulted as PVCs are (apiVersion/kind, volumeMode Filesystem, phase
 * Pending). Only replicas, ordinals, template, updateStrategy, revisionHistoryLimit,
 * persistentVolumeClaimRetentionPolicy and minReadySeconds may change.
 */
import { forbiddenField, invalidValue, notSupported, required, type FieldError } from '../errors';
import type { Strategy } from './strategy';
import { defaultPodTemplate, validateNonNegative } from './pod-template';
import { validateAnnotations, validateLabels } from '../validation';
import { bumpGenerationOnSpecChange, validateSelectorAndTemplate } from './workload-common';
import { defaultPvcSpec } from './pvc';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

export const MSG_STS_FORBIDDEN_UPDATE =
  "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

/** SetDefaults_StatefulSet (apps/v1) with the v1.32 feature gates. */
export function defaultStatefulSetSpec(spec: Any): void {
  spec.podManagementPolicy ??= 'OrderedReady';
  const us = (spec.updateStrategy ??= {});
  if (!us.type) {
    us.type = 'RollingUpdate';
    us.rollingUpdate ??= {};
  }
  if (us.type === 'RollingUpdate' && us.rollingUpdate) us.rollingUpdate.partition ??= 0;
  const rp = (spec.persistentVolumeClaimRetentionPolicy ??= {});
  rp.whenDeleted ||= 'Retain';
  rp.whenScaled ||= 'Retain';
  spec.replicas ??= 1;
  spec.revisionHistoryLimit ??= 10;
  defaultPodTemplate(spec.template);
  for (const t of spec.volumeClaimTemplates ?? []) {
    if (!t || typeof t !== 'object') continue;
    t.apiVersion ??= 'v1';
    t.kind ??= 'PersistentVolumeClaim';
    t.metadata ??= {};
    if (t.metadata.creationTimestamp === undefined) t.metadata.creationTimestamp = null;
    t.spec ??= {};
    defaultPvcSpec(t.spec);
    t.status ??= {};
    t.status.phase ??= 'Pending';
  }
}

const RETENTION = ['Retain', 'Delete'];

/** ValidateStatefulSetSpec, in upstream's order. */
export function validateStatefulSetSpec(spec: Any): FieldError[] {
  const errs: FieldError[] = [];
  const pmp = spec?.podManagementPolicy;
  if (pmp === undefined || pmp === '') errs.push(required('spec.podManagementPolicy', ''));
  else if (pmp !== 'OrderedReady' && pmp !== 'Parallel') {
    errs.push(invalidValue('spec.podManagementPolicy', pmp, "must be 'OrderedReady' or 'Parallel'"));
  }
  const us = spec?.updateStrategy ?? {};
  switch (us.type) {
    case undefined:
    case '':
      errs.push(required('spec.updateStrategy', ''));
      break;
    case 'OnDelete':
      if (us.rollingUpdate) errs.push(invalidValue('spec.updateStrategy.rollingUpdate', us.rollingUpdate, "only allowed for updateStrategy 'RollingUpdate'"));
      break;
    case 'RollingUpdate':
      if (us.rollingUpdate) errs.push(...validateNonNegative(us.rollingUpdate.partition, 'spec.updateStrategy.rollingUpdate.partition'));
      break;
    default:
      errs.push(invalidValue('spec.updateStrategy', us.type, "must be 'RollingUpdate' or 'OnDelete'"));
  }
  const rp = spec?.persistentVolumeClaimRetentionPolicy;
  if (rp) {
    if (!RETENTION.includes(rp.whenDeleted)) errs.push(notSupported('spec.persistentVolumeClaimRetentionPolicy.whenDeleted', rp.whenDeleted ?? '', RETENTION));
    if (!RETENTION.includes(rp.whenScaled)) errs.push(notSupported('spec.persistentVolumeClaimRetentionPolicy.whenScaled', rp.whenScaled ?? '', RETENTION));
  }
  errs.push(...validateNonNegative(spec?.replicas, 'spec.replicas'));
  if (spec?.ordinals) errs.push(...validateNonNegative(spec.ordinals.start, 'spec.ordinals.start'));
  errs.push(...validateNonNegative(spec?.minReadySeconds, 'spec.minReadySeconds'));
  errs.push(...validateSelectorAndTemplate(spec, 'statefulset'));
  // ValidatePodTemplateSpecForStatefulSet checks only the template's labels and annotations:
  // upstream leaves the pod spec to pod creation (volume mounts may name claim templates).
  if (spec?.template) {
    errs.push(...validateLabels(spec.template.metadata?.labels, 'spec.template.labels'));
    errs.push(...validateAnnotations(spec.template.metadata?.annotations, 'spec.template.annotations'));
  }
  const rpol = spec?.template?.spec?.restartPolicy;
  if (rpol !== 'Always') errs.push(notSupported('spec.template.spec.restartPolicy', rpol ?? '', ['Always']));
  if (spec?.template?.spec?.activeDeadlineSeconds != null) {
    errs.push(forbiddenField('spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in StatefulSet is not Supported'));
  }
  return errs;
}

/** The spec with the fields an update may change replaced by the old ones. */
function frozenPart(spec: Any, old: Any): string {
  const s = { ...(spec ?? {}) };
  for (const k of ['replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds']) s[k] = old?.[k];
  return JSON.stringify(Object.keys(s).sort().map((k) => [k, s[k]]));
}

export const statefulSetStrategy: Strategy = {
  generation: true,
  statusSubresource: true,
  prepareForCreate(obj) {
    delete obj.status;
    obj.spec ??= {};
    defaultStatefulSetSpec(obj.spec);
  },
  prepareForUpdate(obj, old) {
    obj.spec ??= {};
    defaultStatefulSetSpec(obj.spec);
    bumpGenerationOnSpecChange(obj, old);
  },
  validate(obj) {
    return validateStatefulSetSpec(obj.spec);
  },
  validateUpdate(obj, old) {
    const errs: FieldError[] = [];
    const a = frozenPart(obj.spec, old.spec);
    const b = frozenPart(old.spec, old.spec);
    if (a !== b) errs.push(forbiddenField('spec', MSG_STS_FORBIDDEN_UPDATE));
    return errs;
  },
};
