/** Object types: the generic store shape plus the upstream API types from kubernetes-types. */
export * from './meta';
export type {
  Pod,
  PodSpec,
  PodStatus,
  PodTemplateSpec,
  Container,
  ContainerStatus,
  ContainerState,
  Node,
  NodeSpec,
  NodeStatus,
  NodeCondition,
  Taint,
  Toleration,
  Namespace,
  Event,
  Service,
  ServicePort,
  Endpoints,
  ConfigMap,
  Secret,
  ServiceAccount,
  PersistentVolume,
  PersistentVolumeClaim,
  Volume,
  EnvVar,
  ResourceRequirements,
  Probe,
  Affinity,
  NodeSelectorTerm,
  ObjectReference,
} from 'kubernetes-types/core/v1';
export type { Deployment, ReplicaSet, DaemonSet, StatefulSet, ControllerRevision } from 'kubernetes-types/apps/v1';
export type { Job, CronJob } from 'kubernetes-types/batch/v1';
export type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2';
export type { Lease } from 'kubernetes-types/coordination/v1';
export type { EndpointSlice } from 'kubernetes-types/discovery/v1';
export type { Ingress, NetworkPolicy, IngressClass } from 'kubernetes-types/networking/v1';
export type { StorageClass } from 'kubernetes-types/storage/v1';
