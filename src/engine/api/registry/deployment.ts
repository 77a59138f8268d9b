/**
 * Deployment strategy (pkg/registry/apps/deployment/strategy.go, pkg/apis/apps/v1/defaults.go,
 * pkg/apis/apps/validation ValidateDeployment): defaults, validation with the apiserver's
 * messages, generation bumps on spec or annotation changes, and a status endpoint that may also
 * write annotations (where the controller keeps `deployment.kubernetes.io/revision`).
 */
import { semanticEqual } from '../json-equal';
import { forbiddenField, invalidValue, notSupported, type FieldError } from '../errors';
import type { Strategy } from './strategy';
import { defaultPodTemplate, validateNonNegative, validatePodTemplate } from './pod-template';
import {
  goIntOrString,
  intOrPercentValue,
  validateImmutableSelector,
  validateIntOrPercent,
  validateSelectorAndTemplate,
} from './workload-common';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

/** SetDefaults_Deployment (apps/v1). */
export function defaultDeploymentSpec(spec: Any): void {
  spec.replicas ??= 1;
  const strategy = (spec.strategy ??= {});
  strategy.type ??= 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const ru = (strategy.rollingUpdate ??= {});
    ru.maxUnavailable ??= '25%';
    ru.maxSurge ??= '25%';
  }
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  defaultPodTemplate(spec.template);
}

/**
 * ValidatePodTemplateSpecForReplicaSet's extra rules: restartPolicy Always, no
 * activeDeadlineSeconds.
 */
export function validateReplicaSetTemplateRules(template: Any): FieldError[] {
  const errs: FieldError[] = [];
  const rp = template?.spec?.restartPolicy;
  if (template?.spec && rp !== 'Always') errs.push(notSupported('spec.template.spec.restartPolicy', rp ?? '', ['Always']));
  if (template?.spec?.activeDeadlineSeconds !== undefined && template.spec.activeDeadlineSeconds !== null) {
    errs.push(forbiddenField('spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in ReplicaSet is not Supported'));
  }
  return errs;
}

function validateStrategy(s: Any): FieldError[] {
  const errs: FieldError[] = [];
  const type = s?.type;
  if (type !== 'Recreate' && type !== 'RollingUpdate') {
    errs.push(notSupported('spec.strategy.type', type ?? '', ['Recreate', 'RollingUpdate']));
    return errs;
  }
  if (type === 'Recreate') {
    if (s.rollingUpdate) errs.push(forbiddenField('spec.strategy.rollingUpdate', "may not be specified when strategy `type` is 'Recreate'"));
    return errs;
  }
  const ru = s.rollingUpdate ?? {};
  errs.push(...validateIntOrPercent(ru.maxUnavailable, 'spec.strategy.rollingUpdate.maxUnavailable'));
  errs.push(...validateIntOrPercent(ru.maxSurge, 'spec.strategy.rollingUpdate.maxSurge'));
  if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
    errs.push(invalidValue('spec.strategy.rollingUpdate.maxUnavailable', goIntOrString(ru.maxUnavailable), 'may not be 0 when `maxSurge` is 0'));
  }
  return errs;
}

/** ValidateDeploymentSpec, in upstream's order. */
export function validateDeploymentSpec(spec: Any): FieldError[] {
  const errs: FieldError[] = [];
  errs.push(...validateNonNegative(spec?.replicas, 'spec.replicas'));
  errs.push(...validateSelectorAndTemplate(spec, 'deployment'));
  errs.push(...validatePodTemplate(spec?.template, 'spec.template'));
  errs.push(...validateReplicaSetTemplateRules(spec?.template));
  errs.push(...validateStrategy(spec?.strategy));
  errs.push(...validateNonNegative(spec?.minReadySeconds, 'spec.minReadySeconds'));
  errs.push(...validateNonNegative(spec?.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  const pds = spec?.progressDeadlineSeconds;
  if (pds !== undefined && pds !== null) {
    errs.push(...validateNonNegative(pds, 'spec.progressDeadlineSeconds'));
    if (pds <= (spec.minReadySeconds ?? 0)) errs.push(invalidValue('spec.progressDeadlineSeconds', pds, 'must be greater than minReadySeconds'));
  }
  return errs;
}

export const deploymentStrategy: Strategy = {
  generation: true,
  statusSubresource: true,
  prepareForCreate(obj) {
    delete obj.status;
    obj.spec ??= {};
    defaultDeploymentSpec(obj.spec);
  },
  prepareForUpdate(obj, old) {
    obj.spec ??= {};
    defaultDeploymentSpec(obj.spec);
    // Annotation changes bump the generation too: they are copied to the ReplicaSets.
    const specChanged = !semanticEqual(obj.spec, old.spec);
    const annChanged = !semanticEqual(obj.metadata.annotations ?? {}, old.metadata.annotations ?? {});
    obj.metadata.generation = (old.metadata.generation ?? 1) + (specChanged || annChanged ? 1 : 0);
  },
  prepareForStatusUpdate(obj, old) {
    obj.spec = old.spec;
    if (old.metadata.labels) obj.metadata.labels = old.metadata.labels;
    else delete obj.metadata.labels;
  },
  validate(obj) {
    return validateDeploymentSpec(obj.spec);
  },
  validateUpdate(obj, old) {
    return validateImmutableSelector(obj, old);
  },
};
