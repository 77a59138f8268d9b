/**
 * Validation pieces shared by the apps and batch strategies (pkg/apis/apps/validation,
 * pkg/apis/batch/validation): label selectors, int-or-percent fields, immutable fields, and
 * Go's `%#v` rendering of the values those errors quote.
 */
import { GoLiteral, invalidValue, required, type FieldError } from '../errors';
import { fromLabelSelector, matches, type LabelSelector } from '../selectors';
import { validateQualifiedName } from '../validation';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

function goString(s: string): string {
  return JSON.stringify(s);
}

function goStringMap(m: Record<string, string> | undefined | null): string {
  if (!m) return 'map[string]string(nil)';
  const keys = Object.keys(m).sort();
  return `map[string]string{${keys.map((k) => `${goString(k)}:${goString(m[k])}`).join(', ')}}`;
}

/** `%#v` of a metav1.LabelSelector, as immutable-selector errors print it. */
export function goLabelSelector(ls: LabelSelector | undefined | null): GoLiteral {
  if (!ls) return new GoLiteral('null');
  const exprs = ls.matchExpressions;
  const e = exprs
    ? `[]v1.LabelSelectorRequirement{${exprs
        .map(
          (x) =>
            `v1.LabelSelectorRequirement{Key:${goString(x.key)}, Operator:${goString(x.operator)}, Values:${
              x.values ? `[]string{${x.values.map(goString).join(', ')}}` : '[]string(nil)'
            }}`,
        )
        .join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return new GoLiteral(`v1.LabelSelector{MatchLabels:${goStringMap(ls.matchLabels)}, MatchExpressions:${e}}`);
}

/** `%#v` of an intstr.IntOrString value. */
export function goIntOrString(v: unknown): GoLiteral {
  if (typeof v === 'string') return new GoLiteral(`intstr.IntOrString{Type:1, IntVal:0, StrVal:${goString(v)}}`);
  return new GoLiteral(`intstr.IntOrString{Type:0, IntVal:${Number(v ?? 0)}, StrVal:""}`);
}

const SELECTOR_OPS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/** unversionedvalidation.ValidateLabelSelector (the parts a learner can get wrong). */
export function validateLabelSelector(ls: LabelSelector, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const k of Object.keys(ls.matchLabels ?? {})) errs.push(...validateQualifiedName(k, `${path}.matchLabels`));
  (ls.matchExpressions ?? []).forEach((e, i) => {
    const p = `${path}.matchExpressions[${i}]`;
    if (!SELECTOR_OPS.includes(e.operator)) {
      errs.push({ type: 'FieldValueInvalid', field: `${p}.operator`, value: e.operator, detail: 'not a valid selector operator' });
    } else if ((e.operator === 'In' || e.operator === 'NotIn') && !(e.values?.length)) {
      errs.push(required(`${p}.values`, 'must be specified when `operator` is \'In\' or \'NotIn\''));
    } else if ((e.operator === 'Exists' || e.operator === 'DoesNotExist') && e.values?.length) {
      errs.push({ type: 'FieldValueForbidden', field: `${p}.values`, detail: 'may not be specified when `operator` is \'Exists\' or \'DoesNotExist\'' });
    }
    errs.push(...validateQualifiedName(e.key ?? '', `${p}.key`));
  });
  return errs;
}

/**
 * The selector part of ValidateDeploymentSpec / ValidateReplicaSetSpec / ValidateDaemonSetSpec:
 * required, non-empty, and matching the template labels. A missing selector selects nothing,
 * so the template check fails too, as upstream reports both.
 */
export function validateSelectorAndTemplate(spec: Any, kindWord: string): FieldError[] {
  const errs: FieldError[] = [];
  const ls: LabelSelector | undefined = spec?.selector ?? undefined;
  if (!ls) errs.push(required('spec.selector'));
  else {
    errs.push(...validateLabelSelector(ls, 'spec.selector'));
    if (Object.keys(ls.matchLabels ?? {}).length + (ls.matchExpressions?.length ?? 0) === 0) {
      errs.push(invalidValue('spec.selector', goLabelSelector(ls), `empty selector is invalid for ${kindWord}`));
    }
  }
  const labels = spec?.template?.metadata?.labels;
  let sel;
  try {
    sel = ls ? fromLabelSelector(ls) : undefined;
  } catch {
    errs.push(invalidValue('spec.selector', goLabelSelector(ls), 'invalid label selector'));
    return errs;
  }
  const empty = ls !== undefined && sel!.length === 0;
  if (spec?.template && !empty && (!sel || !matches(sel, labels))) {
    errs.push(invalidValue('spec.template.metadata.labels', labels ?? {}, '`selector` does not match template `labels`'));
  }
  return errs;
}

/** ValidateImmutableField for spec.selector. */
export function validateImmutableSelector(obj: Any, old: Any): FieldError[] {
  if (JSON.stringify(obj.spec?.selector ?? null) === JSON.stringify(old.spec?.selector ?? null)) return [];
  return [invalidValue('spec.selector', goLabelSelector(obj.spec?.selector), 'field is immutable')];
}

export const MSG_PERCENT =
  "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

/** ValidatePositiveIntOrPercent + IsNotMoreThan100Percent. */
export function validateIntOrPercent(v: unknown, field: string, max100 = true): FieldError[] {
  if (v === undefined || v === null) return [];
  if (typeof v === 'string') {
    if (!/^[0-9]+%$/.test(v)) return [invalidValue(field, goIntOrString(v), MSG_PERCENT)];
    if (max100 && parseInt(v, 10) > 100) return [invalidValue(field, goIntOrString(v), 'must not be greater than 100%')];
    return [];
  }
  if (typeof v === 'number' && v < 0) return [invalidValue(field, v, 'must be greater than or equal to 0')];
  return [];
}

/** The numeric value of an int-or-percent for the "both zero" checks. */
export function intOrPercentValue(v: unknown): number {
  if (typeof v === 'string') return parseInt(v, 10) || 0;
  return typeof v === 'number' ? v : 0;
}

/**
 * intstr.GetScaledValueFromIntOrPercent: a percent of `total`, rounded up or down.
 * 25% of 10 -> 2.5 -> 3 rounding up (maxSurge), 2 rounding down (maxUnavailable).
 */
export function scaledValue(v: unknown, total: number, roundUp: boolean): number {
  if (v === undefined || v === null) return 0;
  if (typeof v === 'number') return v;
  const pct = parseInt(String(v), 10);
  const x = (pct * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}

/**
 * Recomputes metadata.generation after defaulting: +1 only when the (defaulted) spec changed,
 * so re-applying a manifest that omits defaulted fields is not a change.
 */
export function bumpGenerationOnSpecChange(obj: Any, old: Any): void {
  const changed = JSON.stringify(obj.spec) !== JSON.stringify(old.spec);
  obj.metadata.generation = (old.metadata.generation ?? 1) + (changed ? 1 : 0);
}
