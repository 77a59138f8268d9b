/**
 * Discovery: the resources the simulated apiserver serves, as `kubectl api-resources` lists
 * them for a v1.32 kubeadm cluster (names, short names, group/version, scope, kind, verbs).
 */

export interface ResourceInfo {
  /** Plural resource name, e.g. `deployments`. */
  plural: string;
  singular: string;
  shortNames: string[];
  /** API group; '' for the core group. */
  group: string;
  version: string;
  kind: string;
  namespaced: boolean;
  verbs: string[];
  /** Discovery categories, e.g. `all` (what `kubectl get all` lists). */
  categories?: string[];
}

const RW = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

function r(
  plural: string,
  kind: string,
  group: string,
  version: string,
  namespaced: boolean,
  shortNames: string[] = [],
  categories?: string[],
  verbs: string[] = RW,
): ResourceInfo {
  return { plural, singular: kind.toLowerCase(), shortNames, group, version, kind, namespaced, verbs, categories };
}

/** Every served resource, in `kubectl api-resources` order (core first, then by group). */
export const RESOURCES: readonly ResourceInfo[] = [
  r('bindings', 'Binding', '', 'v1', true, [], undefined, ['create']),
  r('componentstatuses', 'ComponentStatus', '', 'v1', false, ['cs'], undefined, ['get', 'list']),
  r('configmaps', 'ConfigMap', '', 'v1', true, ['cm']),
  r('endpoints', 'Endpoints', '', 'v1', true, ['ep']),
  r('events', 'Event', '', 'v1', true, ['ev']),
  r('limitranges', 'LimitRange', '', 'v1', true, ['limits']),
  r('namespaces', 'Namespace', '', 'v1', false, ['ns'], undefined, ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch']),
  r('nodes', 'Node', '', 'v1', false, ['no']),
  r('persistentvolumeclaims', 'PersistentVolumeClaim', '', 'v1', true, ['pvc']),
  r('persistentvolumes', 'PersistentVolume', '', 'v1', false, ['pv']),
  r('pods', 'Pod', '', 'v1', true, ['po'], ['all']),
  r('podtemplates', 'PodTemplate', '', 'v1', true),
  r('replicationcontrollers', 'ReplicationController', '', 'v1', true, ['rc'], ['all']),
  r('resourcequotas', 'ResourceQuota', '', 'v1', true, ['quota']),
  r('secrets', 'Secret', '', 'v1', true),
  r('serviceaccounts', 'ServiceAccount', '', 'v1', true, ['sa']),
  r('services', 'Service', '', 'v1', true, ['svc'], ['all'], ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch']),
  r('controllerrevisions', 'ControllerRevision', 'apps', 'v1', true),
  r('daemonsets', 'DaemonSet', 'apps', 'v1', true, ['ds'], ['all']),
  r('deployments', 'Deployment', 'apps', 'v1', true, ['deploy'], ['all']),
  r('replicasets', 'ReplicaSet', 'apps', 'v1', true, ['rs'], ['all']),
  r('statefulsets', 'StatefulSet', 'apps', 'v1', true, ['sts'], ['all']),
  r('horizontalpodautoscalers', 'HorizontalPodAutoscaler', 'autoscaling', 'v2', true, ['hpa'], ['all']),
  r('cronjobs', 'CronJob', 'batch', 'v1', true, ['cj'], ['all']),
  r('jobs', 'Job', 'batch', 'v1', true, [], ['all']),
  r('leases', 'Lease', 'coordination.k8s.io', 'v1', true),
  r('endpointslices', 'EndpointSlice', 'discovery.k8s.io', 'v1', true),
  r('ingressclasses', 'IngressClass', 'networking.k8s.io', 'v1', false),
  r('ingresses', 'Ingress', 'networking.k8s.io', 'v1', true, ['ing']),
  r('networkpolicies', 'NetworkPolicy', 'networking.k8s.io', 'v1', true, ['netpol']),
  r('poddisruptionbudgets', 'PodDisruptionBudget', 'policy', 'v1', true, ['pdb']),
  r('clusterrolebindings', 'ClusterRoleBinding', 'rbac.authorization.k8s.io', 'v1', false),
  r('clusterroles', 'ClusterRole', 'rbac.authorization.k8s.io', 'v1', false),
  r('rolebindings', 'RoleBinding', 'rbac.authorization.k8s.io', 'v1', true),
  r('roles', 'Role', 'rbac.authorization.k8s.io', 'v1', true),
  r('priorityclasses', 'PriorityClass', 'scheduling.k8s.io', 'v1', false, ['pc']),
  r('storageclasses', 'StorageClass', 'storage.k8s.io', 'v1', false, ['sc']),
];

const byKind = new Map<string, ResourceInfo>();
const byName = new Map<string, ResourceInfo>();
for (const info of RESOURCES) {
  byKind.set(info.kind, info);
  const names = [info.plural, info.singular, ...info.shortNames];
  for (const n of names) {
    if (!byName.has(n)) byName.set(n, info);
    if (info.group) byName.set(`${n}.${info.group}`, info);
    if (info.group) byName.set(`${n}.${info.version}.${info.group}`, info);
    else byName.set(`${n}.${info.version}`, info);
  }
  byName.set(info.kind.toLowerCase(), info);
}

/** The resource of a kind (`Deployment`), or undefined. */
export function resourceForKind(kind: string): ResourceInfo | undefined {
  return byKind.get(kind);
}

/** Like resourceForKind, but throws for a kind the engine does not serve (a programming error). */
export function mustResource(kind: string): ResourceInfo {
  const info = byKind.get(kind);
  if (!info) throw new Error(`unknown kind ${kind}`);
  return info;
}

/**
 * Resolves what a user typed (`po`, `pods`, `deployment.apps`, `Deployment`, `deploy.v1.apps`)
 * to a resource, case-insensitively as kubectl's RESTMapper does.
 */
export function resolveResource(typed: string): ResourceInfo | undefined {
  return byName.get(typed.toLowerCase());
}

/** `pods`, `deployments.apps`: the qualified name used in error messages. */
export function qualifiedResource(info: ResourceInfo): string {
  return info.group ? `${info.plural}.${info.group}` : info.plural;
}

/** `v1` or `apps/v1`. */
export function apiVersionOf(info: ResourceInfo): string {
  return info.group ? `${info.group}/${info.version}` : info.version;
}
