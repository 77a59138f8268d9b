/**
 * EndpointSlice strategy (pkg/registry/discovery/endpointslice, pkg/apis/discovery/validation):
 * generation bumps on every change, addressType is required and immutable, at most 1000
 * endpoints and 100 ports, addresses valid for their type.
 */
import { invalidValue, notSupported, required, type FieldError } from '../errors';
import type { KObject } from '../types/meta';
import type { Strategy } from './strategy';
import { isIPv4, isIPv6 } from '../../network/ip';

const ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];
const MAX_ENDPOINTS = 1000;
const MAX_PORTS = 20000;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

export function validateEndpointSlice(obj: KObject): FieldError[] {
  const errs: FieldError[] = [];
  const t = obj.addressType as string | undefined;
  if (!t) errs.push(required('addressType'));
  else if (!ADDRESS_TYPES.includes(t)) errs.push(notSupported('addressType', t, ADDRESS_TYPES));
  const eps = (obj.endpoints as Any[]) ?? [];
  if (eps.length > MAX_ENDPOINTS) errs.push({ type: 'FieldValueTooMany', field: 'endpoints', detail: `must have at most ${MAX_ENDPOINTS} items` });
  eps.forEach((ep, i) => {
    const addrs: string[] = ep.addresses ?? [];
    if (addrs.length === 0) errs.push(required(`endpoints[${i}].addresses`, 'must contain at least 1 address'));
    addrs.forEach((a, j) => {
      const ok = t === 'IPv4' ? isIPv4(a) : t === 'IPv6' ? isIPv6(a) : true;
      if (!ok) errs.push(invalidValue(`endpoints[${i}].addresses[${j}]`, a, `must be a valid ${t} address`));
    });
  });
  const ports = (obj.ports as Any[]) ?? [];
  if (ports.length > MAX_PORTS) errs.push({ type: 'FieldValueTooMany', field: 'ports', detail: `must have at most ${MAX_PORTS} items` });
  return errs;
}

export const endpointSliceStrategy: Strategy = {
  generation: true,
  prepareForCreate(obj) {
    for (const p of (obj.ports as Any[]) ?? []) p.protocol ??= 'TCP';
  },
  prepareForUpdate(obj, old) {
    for (const p of (obj.ports as Any[]) ?? []) p.protocol ??= 'TCP';
    // Every change bumps generation, not only spec changes (EndpointSlices have no spec).
    const strip = (o: KObject): string => JSON.stringify({ ...o, metadata: { ...o.metadata, resourceVersion: undefined, generation: undefined } });
    obj.metadata.generation = (old.metadata.generation ?? 1) + (strip(obj) === strip(old) ? 0 : 1);
  },
  validate: (obj) => validateEndpointSlice(obj),
  validateUpdate(obj, old) {
    return obj.addressType !== old.addressType ? [invalidValue('addressType', obj.addressType, 'field is immutable')] : [];
  },
};
