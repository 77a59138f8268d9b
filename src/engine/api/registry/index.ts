/**
 * The strategy of every kind that has one. Kinds without an entry get the generic behaviour:
 * metadata validation only, no generation, no status subresource.
 * One import and one line per kind; keep alphabetical.
 */
import type { Strategy } from './strategy';
import { daemonSetStrategy } from './daemonset';
import { deploymentStrategy } from './deployment';
import { endpointsStrategy } from './endpoints';
import { endpointSliceStrategy } from './endpointslice';
import { ingressStrategy } from './ingress';
import { jobStrategy } from './job';
import { namespaceStrategy } from './namespace';
import { networkPolicyStrategy } from './networkpolicy';
import { nodeStrategy } from './node';
import { podStrategy } from './pod';
import { replicaSetStrategy } from './replicaset';
import { serviceStrategy } from './service';

export const STRATEGIES: Record<string, Strategy> = {
  DaemonSet: daemonSetStrategy,
  Deployment: deploymentStrategy,
  EndpointSlice: endpointSliceStrategy,
  Endpoints: endpointsStrategy,
  Ingress: ingressStrategy,
  Job: jobStrategy,
  Namespace: namespaceStrategy,
  NetworkPolicy: networkPolicyStrategy,
  Node: nodeStrategy,
  Pod: podStrategy,
  ReplicaSet: replicaSetStrategy,
  Service: serviceStrategy,
};

export function strategyFor(kind: string): Strategy {
  return STRATEGIES[kind] ?? {};
}
