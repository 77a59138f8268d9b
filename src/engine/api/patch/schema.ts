/**
 * Strategic-merge-patch metadata: the `patchStrategy` and `patchMergeKey` struct tags of the
 * Kubernetes API types (k8s.io/api v0.32, k8s.io/apimachinery meta/v1), which the apiserver
 * reads through strategicpatch.PatchMetaFromStruct and kubectl through the OpenAPI
 * `x-kubernetes-patch-strategy` / `x-kubernetes-patch-merge-key` extensions.
 *
 * Only fields that carry a tag, or lead to one, are listed: every other field has no strategy
 * (maps merge key by key, lists are replaced whole, which is what the apiserver does for them).
 * Notable atomic lists: tolerations, taints, envFrom, args, command, ipFamilies, matchExpressions.
 */

export interface FieldMeta {
  /** Patch strategies: `merge`, `replace`, `retainKeys`, or `merge` with `retainKeys`. */
  strategies?: string[];
  mergeKey?: string;
  /** The type of the field's value (for lists: of each element), when it leads to tags. */
  type?: string;
}

const merge = (mergeKey?: string, type?: string): FieldMeta => ({ strategies: ['merge'], mergeKey, type });
const mergeRetain = (mergeKey: string, type?: string): FieldMeta => ({ strategies: ['merge', 'retainKeys'], mergeKey, type });
const of = (type: string): FieldMeta => ({ type });

const TYPES: Record<string, Record<string, FieldMeta>> = {
  ObjectMeta: { ownerReferences: merge('uid'), finalizers: merge() },
  PodTemplateSpec: { metadata: of('ObjectMeta'), spec: of('PodSpec') },
  PodSpec: {
    volumes: mergeRetain('name'),
    initContainers: merge('name', 'Container'),
    containers: merge('name', 'Container'),
    ephemeralContainers: merge('name', 'Container'),
    imagePullSecrets: merge('name'),
    hostAliases: merge('ip'),
    topologySpreadConstraints: merge('topologyKey'),
    schedulingGates: merge('name'),
    resourceClaims: mergeRetain('name'),
  },
  Container: {
    ports: merge('containerPort'),
    env: merge('name'),
    volumeMounts: merge('mountPath'),
    volumeDevices: merge('devicePath'),
  },
  PodStatus: {
    conditions: merge('type'),
    hostIPs: merge('ip'),
    podIPs: merge('ip'),
    resourceClaimStatuses: mergeRetain('name'),
    initContainerStatuses: of('ContainerStatus'),
    containerStatuses: of('ContainerStatus'),
    ephemeralContainerStatuses: of('ContainerStatus'),
  },
  ContainerStatus: { volumeMounts: merge('mountPath'), allocatedResourcesStatus: merge('name') },
  ConditionsStatus: { conditions: merge('type') },
  // apps/v1
  DeploymentSpec: { strategy: { strategies: ['retainKeys'] }, template: of('PodTemplateSpec') },
  TemplateSpec: { template: of('PodTemplateSpec') },
  StatefulSetSpec: { template: of('PodTemplateSpec'), volumeClaimTemplates: of('PersistentVolumeClaim') },
  PersistentVolumeClaim: { metadata: of('ObjectMeta'), status: of('ConditionsStatus') },
  // batch/v1
  JobTemplateSpec: { metadata: of('ObjectMeta'), spec: of('TemplateSpec') },
  CronJobSpec: { jobTemplate: of('JobTemplateSpec') },
  // core/v1
  ServiceSpec: { ports: merge('port') },
  NodeSpec: { podCIDRs: merge() },
  NodeStatus: { conditions: merge('type'), addresses: merge('type') },
  PodDisruptionBudgetSpec: { selector: { strategies: ['replace'] } },
};

/** The top-level fields of each kind. */
const KINDS: Record<string, Record<string, FieldMeta>> = {
  Pod: { spec: of('PodSpec'), status: of('PodStatus') },
  PodTemplate: { template: of('PodTemplateSpec') },
  Deployment: { spec: of('DeploymentSpec'), status: of('ConditionsStatus') },
  ReplicaSet: { spec: of('TemplateSpec'), status: of('ConditionsStatus') },
  DaemonSet: { spec: of('TemplateSpec'), status: of('ConditionsStatus') },
  StatefulSet: { spec: of('StatefulSetSpec'), status: of('ConditionsStatus') },
  ReplicationController: { spec: of('TemplateSpec'), status: of('ConditionsStatus') },
  Job: { spec: of('TemplateSpec'), status: of('ConditionsStatus') },
  CronJob: { spec: of('CronJobSpec') },
  Service: { spec: of('ServiceSpec'), status: of('ConditionsStatus') },
  ServiceAccount: { secrets: merge('name') },
  Node: { spec: of('NodeSpec'), status: of('NodeStatus') },
  Namespace: { status: of('ConditionsStatus') },
  PersistentVolumeClaim: { status: of('ConditionsStatus') },
  HorizontalPodAutoscaler: { status: of('ConditionsStatus') },
  PodDisruptionBudget: { spec: of('PodDisruptionBudgetSpec'), status: of('ConditionsStatus') },
  ComponentStatus: { conditions: merge('type') },
};

/** strategicpatch.PatchMeta: the strategies and merge key of one field. */
export interface PatchMeta {
  strategies: string[];
  mergeKey: string;
}

/** strategicpatch.LookupPatchMeta over the table above. */
export class PatchSchema {
  private constructor(
    private readonly fields: Record<string, FieldMeta> | undefined,
    readonly name: string,
  ) {}

  /** The schema of a kind's object (every kind has metadata: ObjectMeta). */
  static forKind(kind: string): PatchSchema {
    return new PatchSchema({ metadata: of('ObjectMeta'), ...(KINDS[kind] ?? {}) }, 'struct');
  }

  /** A schema without any tags (JSON merge patch semantics for maps, replace for lists). */
  static empty(): PatchSchema {
    return new PatchSchema(undefined, 'struct');
  }

  /** The sub-schema and patch metadata of a map-valued field. */
  lookupStruct(key: string): [PatchSchema, PatchMeta] {
    const f = this.fields?.[key];
    return [new PatchSchema(f?.type ? TYPES[f.type] : undefined, 'struct'), meta(f)];
  }

  /** The element schema and patch metadata of a list-valued field. */
  lookupSlice(key: string): [PatchSchema, PatchMeta] {
    return this.lookupStruct(key);
  }
}

function meta(f: FieldMeta | undefined): PatchMeta {
  return { strategies: f?.strategies ?? [], mergeKey: f?.mergeKey ?? '' };
}
