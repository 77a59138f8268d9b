/**
 * The JSON schema monaco-yaml validates manifests against, offline: generated from
 * kubernetes-types by gen-schema.ts into k8s-schema.json (field types, required fields, unknown
 * fields rejected as `kubectl apply --validate=strict` does, and each field's documentation for
 * hovers and completion).
 */
import schema from './k8s-schema.json';

/** apiVersion of each kind the editor validates (the kinds the playground's apiserver serves). */
export const KIND_VERSIONS: Record<string, string> = {
  Pod: 'v1',
  Service: 'v1',
  ConfigMap: 'v1',
  Secret: 'v1',
  Namespace: 'v1',
  ServiceAccount: 'v1',
  PersistentVolume: 'v1',
  PersistentVolumeClaim: 'v1',
  Node: 'v1',
  Endpoints: 'v1',
  ResourceQuota: 'v1',
  LimitRange: 'v1',
  Deployment: 'apps/v1',
  ReplicaSet: 'apps/v1',
  StatefulSet: 'apps/v1',
  DaemonSet: 'apps/v1',
  Job: 'batch/v1',
  CronJob: 'batch/v1',
  HorizontalPodAutoscaler: 'autoscaling/v2',
  Ingress: 'networking.k8s.io/v1',
  IngressClass: 'networking.k8s.io/v1',
  NetworkPolicy: 'networking.k8s.io/v1',
  StorageClass: 'storage.k8s.io/v1',
  PodDisruptionBudget: 'policy/v1',
  Role: 'rbac.authorization.k8s.io/v1',
  RoleBinding: 'rbac.authorization.k8s.io/v1',
  ClusterRole: 'rbac.authorization.k8s.io/v1',
  ClusterRoleBinding: 'rbac.authorization.k8s.io/v1',
};

/** kubernetes-types module of an apiVersion: `v1` -> `core/v1`, `networking.k8s.io/v1` -> `networking/v1`. */
export function typesModule(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.replace(/^([a-z0-9]+)(\.[a-z0-9.]+)?\//, '$1/') : `core/${apiVersion}`;
}

export const KUBERNETES_SCHEMA: Record<string, unknown> = schema;
