/**
 * The strategy of every kind that has one. Kinds without an entry get the generic behaviour:
 * metadata validation only, no generation, no status subresource.
 * One import and one line per kind; keep alphabetical.
 */
import type { Strategy } from './strategy';
import { endpointsStrategy } from './endpoints';
import { endpointSliceStrategy } from './endpointslice';
import { ingressStrategy } from './ingress';
import { namespaceStrategy } from './namespace';
import { networkPolicyStrategy } from './networkpolicy';
import { serviceStrategy } from './service';

export const STRATEGIES: Record<string, Strategy> = {
  EndpointSlice: endpointSliceStrategy,
  Endpoints: endpointsStrategy,
  Ingress: ingressStrategy,
  Namespace: namespaceStrategy,
  NetworkPolicy: networkPolicyStrategy,
  Service: serviceStrategy,
};

export function strategyFor(kind: string): Strategy {
  return STRATEGIES[kind] ?? {};
}
