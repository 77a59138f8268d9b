/**
 * DaemonSet strategy (pkg/registry/apps/daemonset/strategy.go, ValidateDaemonSet, apps/v1
 * defaults): RollingUpdate with maxUnavailable 1 and maxSurge 0, revisionHistoryLimit 10,
 * the `deprecated.daemonset.template.generation` annotation bumped on template changes.
 */
import { forbiddenField, invalidValue, notSupported, type FieldError } from '../errors';
import type { Strategy } from './strategy';
import { defaultPodTemplate, validateNonNegative, validatePodTemplate } from './pod-template';
import {
  bumpGenerationOnSpecChange,
  goIntOrString,
  intOrPercentValue,
  validateImmutableSelector,
  validateIntOrPercent,
  validateSelectorAndTemplate,
} from './workload-common';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

export const TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';

function defaults(spec: Any): void {
  const us = (spec.updateStrategy ??= {});
  us.type ??= 'RollingUpdate';
  if (us.type === 'RollingUpdate') {
    const ru = (us.rollingUpdate ??= {});
    ru.maxUnavailable ??= 1;
    ru.maxSurge ??= 0;
  }
  spec.revisionHistoryLimit ??= 10;
  defaultPodTemplate(spec.template);
}

function validateSpec(spec: Any): FieldError[] {
  const errs: FieldError[] = [];
  errs.push(...validateSelectorAndTemplate(spec, 'daemonset'));
  errs.push(...validatePodTemplate(spec?.template, 'spec.template'));
  const rp = spec?.template?.spec?.restartPolicy;
  if (spec?.template?.spec && rp !== 'Always') errs.push(notSupported('spec.template.spec.restartPolicy', rp ?? '', ['Always']));
  if (spec?.template?.spec?.activeDeadlineSeconds != null) {
    errs.push(forbiddenField('spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in DaemonSet is not Supported'));
  }
  errs.push(...validateNonNegative(spec?.minReadySeconds, 'spec.minReadySeconds'));
  const us = spec?.updateStrategy ?? {};
  if (us.type !== 'RollingUpdate' && us.type !== 'OnDelete') {
    errs.push(notSupported('spec.updateStrategy.type', us.type ?? '', ['OnDelete', 'RollingUpdate']));
  } else if (us.type === 'RollingUpdate') {
    const ru = us.rollingUpdate ?? {};
    errs.push(...validateIntOrPercent(ru.maxUnavailable, 'spec.updateStrategy.rollingUpdate.maxUnavailable'));
    errs.push(...validateIntOrPercent(ru.maxSurge, 'spec.updateStrategy.rollingUpdate.maxSurge'));
    const mu = intOrPercentValue(ru.maxUnavailable);
    const ms = intOrPercentValue(ru.maxSurge);
    if (mu === 0 && ms === 0) {
      errs.push(invalidValue('spec.updateStrategy.rollingUpdate.maxUnavailable', goIntOrString(ru.maxUnavailable), 'may not be 0 when `maxSurge` is 0'));
    } else if (mu !== 0 && ms !== 0) {
      errs.push(invalidValue('spec.updateStrategy.rollingUpdate.maxSurge', goIntOrString(ru.maxSurge), 'may not be set when maxUnavailable is non-zero'));
    }
  }
  errs.push(...validateNonNegative(spec?.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  return errs;
}

export const daemonSetStrategy: Strategy = {
  generation: true,
  statusSubresource: true,
  prepareForCreate(obj) {
    delete obj.status;
    obj.spec ??= {};
    defaults(obj.spec);
    obj.metadata.annotations = { ...(obj.metadata.annotations ?? {}), [TEMPLATE_GENERATION_ANNOTATION]: '1' };
  },
  prepareForUpdate(obj, old) {
    obj.spec ??= {};
    defaults(obj.spec);
    bumpGenerationOnSpecChange(obj, old);
    const prev = Number(old.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION] ?? '1');
    const changed = JSON.stringify(obj.spec.template) !== JSON.stringify(old.spec?.template);
    obj.metadata.annotations = { ...(obj.metadata.annotations ?? {}), [TEMPLATE_GENERATION_ANNOTATION]: String(changed ? prev + 1 : prev) };
  },
  validate(obj) {
    return validateSpec(obj.spec);
  },
  validateUpdate(obj, old) {
    return validateImmutableSelector(obj, old);
  },
};
