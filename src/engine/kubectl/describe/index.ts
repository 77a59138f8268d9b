/**
 * The describer of each kind (describe.go describerMap); kinds without one use the generic
 * describer, as kubectl does for resources it has no describer for.
 */
import type { KObject } from '../../api/types/meta';
import type { DescribeContext } from './common';
import { describeHorizontalPodAutoscaler } from './hpa';
import { describeIngress } from './ingress';
import {
  describeConfigMap,
  describeGeneric,
  describeIngressClass,
  describeLimitRange,
  describeNamespace,
  describeResourceQuota,
  describeSecret,
  describeServiceAccount,
} from './misc';
import { describeNetworkPolicy } from './networkpolicy';
import { describeNode } from './node';
import { describePod } from './pod';
import { describeEndpointSlice, describePodDisruptionBudget, describePriorityClass } from './policy';
import { describeRole, describeRoleBinding } from './rbac';
import { describeEndpoints, describeService } from './service';
import { describePersistentVolume, describePersistentVolumeClaim, describeStorageClass } from './storage';
import {
  describeCronJob,
  describeDaemonSet,
  describeDeployment,
  describeJob,
  describeReplicaSet,
  describeReplicationController,
  describeStatefulSet,
} from './workloads';

export type Describer = (obj: KObject, ctx: DescribeContext) => string;

export const DESCRIBERS: Record<string, Describer> = {
  ClusterRole: (o) => describeRole(o),
  ClusterRoleBinding: (o) => describeRoleBinding(o),
  ConfigMap: describeConfigMap,
  CronJob: describeCronJob,
  DaemonSet: describeDaemonSet,
  Deployment: describeDeployment,
  Endpoints: describeEndpoints,
  EndpointSlice: describeEndpointSlice,
  HorizontalPodAutoscaler: describeHorizontalPodAutoscaler,
  Ingress: describeIngress,
  IngressClass: describeIngressClass,
  Job: describeJob,
  LimitRange: (o) => describeLimitRange(o),
  Namespace: describeNamespace,
  NetworkPolicy: (o) => describeNetworkPolicy(o),
  Node: describeNode,
  PersistentVolume: describePersistentVolume,
  PersistentVolumeClaim: describePersistentVolumeClaim,
  Pod: describePod,
  PodDisruptionBudget: describePodDisruptionBudget,
  PriorityClass: describePriorityClass,
  ReplicaSet: describeReplicaSet,
  ResourceQuota: (o) => describeResourceQuota(o),
  ReplicationController: describeReplicationController,
  Role: (o) => describeRole(o),
  RoleBinding: (o) => describeRoleBinding(o),
  Secret: (o) => describeSecret(o),
  Service: describeService,
  ServiceAccount: describeServiceAccount,
  StatefulSet: describeStatefulSet,
  StorageClass: describeStorageClass,
};

export function describerFor(kind: string): Describer {
  return DESCRIBERS[kind] ?? describeGeneric;
}

export type { DescribeContext };
