/**
 * ReplicaSet strategy (pkg/registry/apps/replicaset/strategy.go, ValidateReplicaSet):
 * replicas defaulted to 1, the selector must match the template labels and is immutable.
 */
import type { FieldError } from '../errors';
import type { Strategy } from './strategy';
import { defaultPodTemplate, validateNonNegative, validatePodTemplate } from './pod-template';
import { validateReplicaSetTemplateRules } from './deployment';
import { bumpGenerationOnSpecChange, validateImmutableSelector, validateSelectorAndTemplate } from './workload-common';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

export function validateReplicaSetSpec(spec: Any): FieldError[] {
  return [
    ...validateNonNegative(spec?.replicas, 'spec.replicas'),
    ...validateNonNegative(spec?.minReadySeconds, 'spec.minReadySeconds'),
    // Upstream's ReplicaSet validation says "deployment" here too.
    ...validateSelectorAndTemplate(spec, 'deployment'),
    ...validatePodTemplate(spec?.template, 'spec.template'),
    ...validateReplicaSetTemplateRules(spec?.template),
  ];
}

export const replicaSetStrategy: Strategy = {
  generation: true,
  statusSubresource: true,
  prepareForCreate(obj) {
    delete obj.status;
    obj.spec ??= {};
    obj.spec.replicas ??= 1;
    defaultPodTemplate(obj.spec.template);
  },
  prepareForUpdate(obj, old) {
    obj.spec ??= {};
    obj.spec.replicas ??= 1;
    defaultPodTemplate(obj.spec.template);
    bumpGenerationOnSpecChange(obj, old);
  },
  validate(obj) {
    return validateReplicaSetSpec(obj.spec);
  },
  validateUpdate(obj, old) {
    return validateImmutableSelector(obj, old);
  },
};
