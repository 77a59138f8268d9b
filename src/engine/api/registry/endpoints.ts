/**
 * Endpoints strategy (pkg/registry/core/endpoint, pkg/apis/core/validation ValidateEndpoints):
 * addresses must be IPs, ports need names when there are several, and protocols are TCP, UDP
 * or SCTP. The Endpoints controller and the apiserver's endpoint reconciler write these.
 */
import { invalidValue, notSupported, required, type FieldError } from '../errors';
import type { Strategy } from './strategy';
import { isIP } from '../../network/ip';
import { MSG_PORT_RANGE, MSG_VALID_IP } from './service';

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

export function validateEndpoints(obj: Any): FieldError[] {
  const errs: FieldError[] = [];
  (obj.subsets ?? []).forEach((ss: Any, i: number) => {
    const path = `subsets[${i}]`;
    const addrs = [...(ss.addresses ?? []).map((a: Any) => ['addresses', a]), ...(ss.notReadyAddresses ?? []).map((a: Any) => ['notReadyAddresses', a])];
    const counters: Record<string, number> = { addresses: 0, notReadyAddresses: 0 };
    for (const [field, a] of addrs) {
      const j = counters[field]++;
      if (!isIP(a.ip ?? '')) errs.push(invalidValue(`${path}.${field}[${j}].ip`, a.ip ?? '', MSG_VALID_IP));
    }
    const ports = ss.ports ?? [];
    ports.forEach((p: Any, j: number) => {
      const pp = `${path}.ports[${j}]`;
      if (ports.length > 1 && !p.name) errs.push(required(`${pp}.name`));
      if (!(Number.isInteger(p.port) && p.port >= 1 && p.port <= 65535)) errs.push(invalidValue(`${pp}.port`, p.port ?? 0, MSG_PORT_RANGE));
      if (!p.protocol) errs.push(required(`${pp}.protocol`));
      else if (!PROTOCOLS.includes(p.protocol)) errs.push(notSupported(`${pp}.protocol`, p.protocol, PROTOCOLS));
    });
  });
  return errs;
}

export const endpointsStrategy: Strategy = {
  prepareForCreate(obj) {
    for (const ss of (obj.subsets as Any[]) ?? []) for (const p of ss.ports ?? []) p.protocol ??= 'TCP';
  },
  prepareForUpdate(obj) {
    for (const ss of (obj.subsets as Any[]) ?? []) for (const p of ss.ports ?? []) p.protocol ??= 'TCP';
  },
  validate: (obj) => validateEndpoints(obj),
};
