/**
 * HorizontalPodAutoscaler strategy, autoscaling/v2 (pkg/registry/autoscaling/
 * horizontalpodautoscaler/strategy.go, pkg/apis/autoscaling/v2/defaults.go,
 * ValidateHorizontalPodAutoscaler): minReplicas 1, a CPU utilization target of 80 % when no
 * metric is given, behavior filled with the default rules only when some behavior is given.
 */
import { invalidValue, notSupported, required, type FieldError } from '../errors';
import type { Strategy } from './strategy';
import { bumpGenerationOnSpecChange } from './workload-common';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

export const DEFAULT_CPU_UTILIZATION = 80;

/** GenerateHPAScaleUpRules / GenerateHPAScaleDownRules defaults. */
export const DEFAULT_SCALE_UP = { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] };
export const DEFAULT_SCALE_DOWN = { stabilizationWindowSeconds: 300, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] };

function fillRules(rules: Any, def: Any): Any {
  const r = rules ?? {};
  return {
    ...r,
    stabilizationWindowSeconds: r.stabilizationWindowSeconds ?? def.stabilizationWindowSeconds,
    selectPolicy: r.selectPolicy ?? def.selectPolicy,
    policies: r.policies ?? def.policies.map((p: Any) => ({ ...p })),
  };
}

export function defaultHpaSpec(spec: Any): void {
  spec.minReplicas ??= 1;
  if (!spec.metrics || spec.metrics.length === 0) {
    spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: DEFAULT_CPU_UTILIZATION } } }];
  }
  if (spec.behavior) {
    spec.behavior.scaleUp = fillRules(spec.behavior.scaleUp, DEFAULT_SCALE_UP);
    spec.behavior.scaleDown = fillRules(spec.behavior.scaleDown, DEFAULT_SCALE_DOWN);
  }
}

const METRIC_TYPES = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'];
const TARGET_TYPES = ['AverageValue', 'Utilization', 'Value'];

function validateTarget(t: Any, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!t?.type) errs.push(required(`${path}.type`, 'must specify a metric target type'));
  else if (!TARGET_TYPES.includes(t.type)) errs.push(notSupported(`${path}.type`, t.type, TARGET_TYPES));
  if (t?.averageUtilization != null && t.averageUtilization < 1) errs.push(invalidValue(`${path}.averageUtilization`, t.averageUtilization, 'must be greater than 0'));
  return errs;
}

function validateSpec(spec: Any): FieldError[] {
  const errs: FieldError[] = [];
  if (spec?.minReplicas != null && spec.minReplicas < 1) errs.push(invalidValue('spec.minReplicas', spec.minReplicas, 'must be greater than or equal to 1'));
  const max = spec?.maxReplicas ?? 0;
  if (max < 1) errs.push(invalidValue('spec.maxReplicas', max, 'must be greater than 0'));
  if (spec?.minReplicas != null && max < spec.minReplicas) errs.push(invalidValue('spec.maxReplicas', max, 'must be greater than or equal to `minReplicas`'));
  const ref = spec?.scaleTargetRef ?? {};
  if (!ref.kind) errs.push(required('spec.scaleTargetRef.kind', ''));
  if (!ref.name) errs.push(required('spec.scaleTargetRef.name', ''));
  (spec?.metrics ?? []).forEach((m: Any, i: number) => {
    const p = `spec.metrics[${i}]`;
    if (!m?.type) {
      errs.push(required(`${p}.type`, 'must specify a metric source type'));
      return;
    }
    if (!METRIC_TYPES.includes(m.type)) {
      errs.push(notSupported(`${p}.type`, m.type, METRIC_TYPES));
      return;
    }
    if (m.type === 'Resource' || m.type === 'ContainerResource') {
      const key = m.type === 'Resource' ? 'resource' : 'containerResource';
      const r = m[key];
      if (!r) {
        errs.push(required(`${p}.${key}`, `must populate information for the given metric source (only allowed when type is ${m.type})`));
        return;
      }
      if (!r.name) errs.push(required(`${p}.${key}.name`, 'must specify a resource name'));
      errs.push(...validateTarget(r.target, `${p}.${key}.target`));
    }
  });
  return errs;
}

export const hpaStrategy: Strategy = {
  generation: true,
  statusSubresource: true,
  prepareForCreate(obj) {
    delete obj.status;
    obj.spec ??= {};
    defaultHpaSpec(obj.spec);
  },
  prepareForUpdate(obj, old) {
    obj.spec ??= {};
    defaultHpaSpec(obj.spec);
    bumpGenerationOnSpecChange(obj, old);
  },
  validate(obj) {
    return validateSpec(obj.spec);
  },
};
