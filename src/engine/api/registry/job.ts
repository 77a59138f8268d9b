/**
 * Job strategy (pkg/registry/batch/job/strategy.go, pkg/apis/batch/v1/defaults.go,
 * ValidateJob): defaults (completions/parallelism 1, backoffLimit 6, NonIndexed,
 * podReplacementPolicy), the generated selector on `batch.kubernetes.io/controller-uid` with
 * the job-name/controller-uid template labels, and the job's labels defaulted from the template.
 */
import { GoLiteral, invalidValue, notSupported, required, type FieldError } from '../errors';
import type { Strategy } from './strategy';
import { defaultPodTemplate, validateNonNegative, validatePodTemplate } from './pod-template';
import { bumpGenerationOnSpecChange, validateImmutableSelector } from './workload-common';
import { fromLabelSelector, matches } from '../selectors';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

export const CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';
export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';
export const LEGACY_CONTROLLER_UID_LABEL = 'controller-uid';
export const LEGACY_JOB_NAME_LABEL = 'job-name';

/** SetDefaults_Job. */
export function defaultJobSpec(spec: Any): void {
  if (spec.completions === undefined && spec.parallelism === undefined) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  spec.parallelism ??= 1;
  spec.backoffLimit ??= spec.backoffLimitPerIndex !== undefined ? 2147483647 : 6;
  spec.completionMode ??= 'NonIndexed';
  spec.suspend ??= false;
  spec.podReplacementPolicy ??= spec.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed';
  defaultPodTemplate(spec.template, { restartPolicy: spec.template?.spec?.restartPolicy });
}

/** generateSelector: the controller-uid selector and labels, unless manualSelector. */
function generateSelector(obj: Any): void {
  if (obj.spec.manualSelector === true) return;
  const uid = obj.metadata.uid;
  const name = obj.metadata.name;
  const t = (obj.spec.template ??= {});
  t.metadata ??= {};
  t.metadata.labels = {
    ...(t.metadata.labels ?? {}),
    [CONTROLLER_UID_LABEL]: uid,
    [JOB_NAME_LABEL]: name,
    [LEGACY_CONTROLLER_UID_LABEL]: uid,
    [LEGACY_JOB_NAME_LABEL]: name,
  };
  obj.spec.selector ??= { matchLabels: { [CONTROLLER_UID_LABEL]: uid } };
}

export function validateJobSpec(spec: Any): FieldError[] {
  const errs: FieldError[] = [];
  errs.push(...validateNonNegative(spec?.parallelism, 'spec.parallelism'));
  errs.push(...validateNonNegative(spec?.completions, 'spec.completions'));
  if (spec?.activeDeadlineSeconds != null) {
    if (!(spec.activeDeadlineSeconds > 0)) errs.push(invalidValue('spec.activeDeadlineSeconds', spec.activeDeadlineSeconds, 'must be greater than 0'));
  }
  errs.push(...validateNonNegative(spec?.backoffLimit, 'spec.backoffLimit'));
  errs.push(...validateNonNegative(spec?.ttlSecondsAfterFinished, 'spec.ttlSecondsAfterFinished'));
  if (spec?.completionMode !== 'NonIndexed' && spec?.completionMode !== 'Indexed') {
    errs.push(notSupported('spec.completionMode', spec?.completionMode ?? '', ['NonIndexed', 'Indexed']));
  } else if (spec.completionMode === 'Indexed') {
    if (spec.completions == null) errs.push(required('spec.completions', 'when completion mode is Indexed'));
  }
  if (!spec?.selector) errs.push(required('spec.selector'));
  else if (spec.template && !matches(fromLabelSelector(spec.selector), spec.template.metadata?.labels)) {
    errs.push(invalidValue('spec.template.metadata.labels', spec.template.metadata?.labels ?? {}, '`selector` does not match template `labels`'));
  }
  errs.push(...validatePodTemplate(spec?.template, 'spec.template'));
  const rp = spec?.template?.spec?.restartPolicy;
  if (rp !== 'OnFailure' && rp !== 'Never') errs.push(notSupported('spec.template.spec.restartPolicy', rp ?? '', ['OnFailure', 'Never']));
  return errs;
}

export const jobStrategy: Strategy = {
  generation: true,
  statusSubresource: true,
  prepareForCreate(obj) {
    delete obj.status;
    obj.spec ??= {};
    defaultJobSpec(obj.spec);
    generateSelector(obj);
    if (!obj.metadata.labels || Object.keys(obj.metadata.labels).length === 0) obj.metadata.labels = { ...obj.spec.template.metadata.labels };
  },
  prepareForUpdate(obj, old) {
    obj.spec ??= {};
    defaultJobSpec(obj.spec);
    bumpGenerationOnSpecChange(obj, old);
  },
  validate(obj) {
    return validateJobSpec(obj.spec);
  },
  validateUpdate(obj, old) {
    const errs: FieldError[] = [...validateImmutableSelector(obj, old)];
    if (JSON.stringify(obj.spec?.template) !== JSON.stringify(old.spec?.template) && !old.spec?.suspend) {
      // Simplification: upstream prints the whole core.PodTemplateSpec with %#v here.
      errs.push(invalidValue('spec.template', new GoLiteral('core.PodTemplateSpec{...}'), 'field is immutable'));
    }
    if (obj.spec?.completions !== old.spec?.completions && obj.spec?.completionMode !== 'Indexed') {
      errs.push(invalidValue('spec.completions', obj.spec?.completions, 'field is immutable'));
    }
    if (obj.spec?.completionMode !== old.spec?.completionMode) errs.push(invalidValue('spec.completionMode', obj.spec?.completionMode, 'field is immutable'));
    return errs;
  },
};
