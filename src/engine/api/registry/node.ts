/**
 * Node strategy (pkg/registry/core/node/strategy.go) and ValidateNode / ValidateNodeUpdate
 * (pkg/apis/core/validation): nodes may carry status on create (the kubelet registers itself
 * with one); taints must be unique by key and effect; podCIDRs and providerID can only go from
 * unset to set.
 */
import { duplicate, forbiddenField, invalidValue, notSupported, required, type FieldError } from '../errors';
import type { Strategy } from './strategy';
import { validateLabels, validateQualifiedName } from '../validation';
import { canonicalQuantity } from '../../kubelet/quantity';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Obj = Record<string, any>;

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

function isCidr(s: string): boolean {
  const m = CIDR.exec(s);
  if (!m) return /^[0-9a-fA-F:]+\/\d{1,3}$/.test(s) && s.includes('::');
  return m.slice(1, 5).every((x) => Number(x) <= 255) && Number(m[5]) <= 32;
}

/** validateNodeTaints */
export function validateTaints(taints: Obj[] | undefined, path = 'spec.taints'): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  (taints ?? []).forEach((t, i) => {
    const tp = `${path}[${i}]`;
    if (!t.key) errs.push(required(`${tp}.key`, ''));
    else errs.push(...validateQualifiedName(t.key, `${tp}.key`));
    if (t.value) errs.push(...validateLabels({ x: t.value }, `${tp}.value`));
    if (!t.effect) errs.push(required(`${tp}.effect`, ''));
    else if (!TAINT_EFFECTS.includes(t.effect)) errs.push(notSupported(`${tp}.effect`, t.effect, TAINT_EFFECTS));
    const key = `${t.key}\0${t.effect}`;
    if (seen.has(key)) {
      errs.push({ type: 'FieldValueDuplicate', field: tp, value: `core.Taint{Key:"${t.key}", Value:"${t.value ?? ''}", Effect:"${t.effect}", TimeAdded:<nil>}`, detail: 'taints must be unique by key and effect pair' });
    }
    seen.add(key);
  });
  return errs;
}

function validateNodeSpec(spec: Obj | undefined): FieldError[] {
  const errs: FieldError[] = [];
  if (!spec) return errs;
  const cidrs: string[] = spec.podCIDRs ?? [];
  cidrs.forEach((c, i) => {
    if (!isCidr(c)) errs.push(invalidValue(`spec.podCIDRs[${i}]`, c, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'));
  });
  if (cidrs.length > 2) errs.push(invalidValue('spec.podCIDRs', cidrs, 'may specify no more than one CIDR for each IP family'));
  const seen = new Set<string>();
  cidrs.forEach((c, i) => {
    if (seen.has(c)) errs.push(duplicate(`spec.podCIDRs[${i}]`, c));
    seen.add(c);
  });
  errs.push(...validateTaints(spec.taints));
  return errs;
}

function canonicalizeResourceList(list: Obj | undefined): void {
  if (!list) return;
  for (const [k, v] of Object.entries(list)) {
    const c = canonicalQuantity(v);
    if (c !== undefined) list[k] = c;
  }
}

export const nodeStrategy: Strategy = {
  statusSubresource: true,
  prepareForCreate(obj) {
    obj.spec ??= {};
    if (obj.spec.podCIDR && !obj.spec.podCIDRs) obj.spec.podCIDRs = [obj.spec.podCIDR];
    if (obj.status) {
      canonicalizeResourceList(obj.status.capacity);
      canonicalizeResourceList(obj.status.allocatable);
    }
  },
  prepareForUpdate(obj) {
    obj.spec ??= {};
    if (obj.spec.podCIDR && !obj.spec.podCIDRs) obj.spec.podCIDRs = [obj.spec.podCIDR];
  },
  validate(obj) {
    return validateNodeSpec(obj.spec);
  },
  validateUpdate(obj, old) {
    const errs: FieldError[] = [];
    const oldCidrs: string[] = old.spec?.podCIDRs ?? [];
    const newCidrs: string[] = obj.spec?.podCIDRs ?? [];
    if (oldCidrs.length > 0 && JSON.stringify(oldCidrs) !== JSON.stringify(newCidrs)) {
      errs.push(forbiddenField('spec.podCIDRs', 'node updates may not change podCIDR except from "" to valid'));
    }
    if (old.spec?.providerID && obj.spec?.providerID !== old.spec.providerID) {
      errs.push(forbiddenField('spec.providerID', 'node updates may not change providerID except from "" to valid'));
    }
    return errs;
  },
};
