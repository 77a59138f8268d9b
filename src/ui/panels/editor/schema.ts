/**
 * The JSON schema monaco-yaml validates manifests against, offline.
 *
 * Simplification: the envelope every object shares (apiVersion/kind pairs of the kinds the
 * playground serves, metadata with its documented fields). Field-level schemas per kind, as
 * ECOSYSTEM.md describes (generated from kubernetes-types), are not bundled yet.
 */

/** apiVersion of each kind the playground's templates and apiserver know. */
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
  Deployment: 'apps/v1',
  ReplicaSet: 'apps/v1',
  StatefulSet: 'apps/v1',
  DaemonSet: 'apps/v1',
  Job: 'batch/v1',
  CronJob: 'batch/v1',
  HorizontalPodAutoscaler: 'autoscaling/v2',
  Ingress: 'networking.k8s.io/v1',
  NetworkPolicy: 'networking.k8s.io/v1',
  StorageClass: 'storage.k8s.io/v1',
};

const stringMap = { type: 'object', additionalProperties: { type: 'string' } };

const metadata = {
  type: 'object',
  description: "Standard object's metadata.",
  properties: {
    name: {
      type: 'string',
      description: 'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically.',
    },
    generateName: { type: 'string', description: 'An optional prefix, used by the server, to generate a unique name ONLY IF the Name field has not been provided.' },
    namespace: { type: 'string', description: 'Namespace defines the space within which each name must be unique. An empty namespace is equivalent to the "default" namespace.' },
    labels: { ...stringMap, description: 'Map of string keys and values that can be used to organize and categorize (scope and select) objects. May match selectors of replication controllers and services.' },
    annotations: { ...stringMap, description: 'Annotations is an unstructured key value map stored with a resource that may be set by external tools to store and retrieve arbitrary metadata.' },
  },
};

export const KUBERNETES_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'Kubernetes object',
  type: 'object',
  required: ['apiVersion', 'kind', 'metadata'],
  properties: {
    apiVersion: {
      type: 'string',
      enum: [...new Set(Object.values(KIND_VERSIONS))],
      description: 'APIVersion defines the versioned schema of this representation of an object.',
    },
    kind: {
      type: 'string',
      enum: Object.keys(KIND_VERSIONS),
      description: 'Kind is a string value representing the REST resource this object represents.',
    },
    metadata,
  },
  allOf: Object.entries(KIND_VERSIONS).map(([kind, apiVersion]) => ({
    if: { properties: { kind: { const: kind } }, required: ['kind'] },
    then: { properties: { apiVersion: { const: apiVersion } } },
  })),
};
