/**
 * NetworkPolicy strategy (pkg/registry/networking/networkpolicy, SetDefaults_NetworkPolicy and
 * pkg/apis/networking/validation): policyTypes defaulted from the rules present, port
 * protocols default to TCP.
 */
import { notSupported, type FieldError } from '../errors';
import type { KObject } from '../types/meta';
import type { Strategy } from './strategy';

const POLICY_TYPES = ['Egress', 'Ingress'];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

/** SetDefaults_NetworkPolicy. */
export function defaultNetworkPolicy(obj: KObject): void {
  const spec = (obj.spec ??= {});
  spec.podSelector ??= {};
  for (const dir of ['ingress', 'egress']) {
    for (const rule of (spec[dir] as Any[]) ?? []) for (const p of rule.ports ?? []) p.protocol ??= 'TCP';
  }
  if (!(spec.policyTypes?.length > 0)) {
    spec.policyTypes = ['Ingress'];
    if (spec.egress?.length > 0) spec.policyTypes.push('Egress');
  }
}

export function validateNetworkPolicy(obj: KObject): FieldError[] {
  const errs: FieldError[] = [];
  const types: string[] = obj.spec?.policyTypes ?? [];
  types.forEach((t, i) => {
    if (!POLICY_TYPES.includes(t)) errs.push(notSupported(`spec.policyTypes[${i}]`, t, POLICY_TYPES));
  });
  return errs;
}

export const networkPolicyStrategy: Strategy = {
  generation: true,
  prepareForCreate: (obj) => defaultNetworkPolicy(obj),
  prepareForUpdate: (obj) => defaultNetworkPolicy(obj),
  validate: (obj) => validateNetworkPolicy(obj),
};
