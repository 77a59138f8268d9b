/**
 * The strategy of every kind that has one. Kinds without an entry get the generic behaviour:
 * metadata validation only, no generation, no status subresource.
 * One import and one line per kind; keep alphabetical.
 */
import type { Strategy } from './strategy';
import { configMapStrategy, secretStrategy } from './config';
import { cronJobStrategy } from './cronjob';
import { daemonSetStrategy } from './daemonset';
import { deploymentStrategy } from './deployment';
import { endpointsStrategy } from './endpoints';
import { endpointSliceStrategy } from './endpointslice';
import { hpaStrategy } from './hpa';
import { ingressStrategy } from './ingress';
import { jobStrategy } from './job';
import { namespaceStrategy } from './namespace';
import { networkPolicyStrategy } from './networkpolicy';
import { nodeStrategy } from './node';
import { podStrategy } from './pod';
import { pvStrategy } from './pv';
import { pvcStrategy } from './pvc';
import { replicaSetStrategy } from './replicaset';
import { serviceStrategy } from './service';
import { statefulSetStrategy } from './statefulset';
import { storageClassStrategy } from './storageclass';

export const STRATEGIES: Record<string, Strategy> = {
  ConfigMap: configMapStrategy,
  CronJob: cronJobStrategy,
  DaemonSet: daemonSetStrategy,
  Deployment: deploymentStrategy,
  EndpointSlice: endpointSliceStrategy,
  Endpoints: endpointsStrategy,
  HorizontalPodAutoscaler: hpaStrategy,
  Ingress: ingressStrategy,
  Job: jobStrategy,
  Namespace: namespaceStrategy,
  NetworkPolicy: networkPolicyStrategy,
  Node: nodeStrategy,
  PersistentVolume: pvStrategy,
  PersistentVolumeClaim: pvcStrategy,
  Pod: podStrategy,
  ReplicaSet: replicaSetStrategy,
  Secret: secretStrategy,
  Service: serviceStrategy,
  StatefulSet: statefulSetStrategy,
  StorageClass: storageClassStrategy,
};

export function strategyFor(kind: string): Strategy {
  return STRATEGIES[kind] ?? {};
}
