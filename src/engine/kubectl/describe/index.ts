/**
 * The describer of each kind (describe.go describerMap); kinds without one use the generic
 * describer, as kubectl does for resources it has no describer for.
 */
import type { KObject } from '../../api/types/meta';
import type { DescribeContext } from './common';
import { describeConfigMap, describeGeneric, describeNamespace, describeSecret, describeServiceAccount } from './misc';
import { describeNode } from './node';
import { describePod } from './pod';
import { describeEndpoints, describeService } from './service';
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

// Simplification: PersistentVolume(Claim), StorageClass, Ingress, HPA, NetworkPolicy, RBAC,
// PriorityClass, PDB, LimitRange, ResourceQuota and EndpointSlice use the generic describer.
export const DESCRIBERS: Record<string, Describer> = {
  ConfigMap: describeConfigMap,
  CronJob: describeCronJob,
  DaemonSet: describeDaemonSet,
  Deployment: describeDeployment,
  Endpoints: describeEndpoints,
  Job: describeJob,
  Namespace: describeNamespace,
  Node: describeNode,
  Pod: describePod,
  ReplicaSet: describeReplicaSet,
  ReplicationController: describeReplicationController,
  Secret: (o) => describeSecret(o),
  Service: describeService,
  ServiceAccount: describeServiceAccount,
  StatefulSet: describeStatefulSet,
};

export function describerFor(kind: string): Describer {
  return DESCRIBERS[kind] ?? describeGeneric;
}

export type { DescribeContext };
