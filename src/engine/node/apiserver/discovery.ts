/**
 * Discovery documents of the HTTP apiserver, built from the simulated apiserver's resource
 * table (api/resources.ts), as kube-apiserver serves them (k8s.io/apiserver/pkg/endpoints/
 * discovery): the legacy documents (/api APIVersions, /apis APIGroupList, /apis/<group>
 * APIGroup, /api/v1 and /apis/<group>/<version> APIResourceList) and the aggregated form
 * (apidiscovery.k8s.io/v2 APIGroupDiscoveryList on /api and /apis when the client asks for it
 * with `Accept: application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList`, as
 * kubectl v1.32 does first), plus the OpenAPI v3 index and per group-version documents reduced
 * to what kubectl reads.
 *
 * Simplification: only the resources of the simulated table are listed (no
 * authorization.k8s.io, authentication.k8s.io or autoscaling/v1 resources, whose endpoints the
 * server still answers), so that `kubectl api-resources` and `api-versions` print what the
 * playground's kubectl prints.
 */
import { RESOURCES, type ResourceInfo } from '../../api/resources';
import { SERVER_VERSION } from '../../kubectl/commands/version';
import schemaData from '../../kubectl/explain/schema.json';
import { typeSchema, type Schema } from '../../kubectl/explain/render';

export interface GroupVersion {
  group: string;
  version: string;
  resources: ResourceInfo[];
}

export const GROUP_VERSIONS: GroupVersion[] = [];
for (const info of RESOURCES) {
  let gv = GROUP_VERSIONS.find((g) => g.group === info.group && g.version === info.version);
  if (!gv) GROUP_VERSIONS.push((gv = { group: info.group, version: info.version, resources: [] }));
  gv.resources.push(info);
}

interface Subresource {
  name: string;
  /** The kind the subresource answers with (its group/version when not the parent's). */
  kind: string;
  group?: string;
  version?: string;
  verbs: string[];
}

const sub = (name: string, kind: string, verbs: string[], gv?: [string, string]): Subresource => ({
  name,
  kind,
  verbs,
  ...(gv ? { group: gv[0], version: gv[1] } : {}),
});
const STATUS = (kind: string): Subresource => sub('status', kind, ['get', 'patch', 'update']);
const SCALE = sub('scale', 'Scale', ['get', 'patch', 'update'], ['autoscaling', 'v1']);

/** Subresources per kind, as kube-apiserver v1.32 lists them (registry/core/rest/storage_core.go ...). */
export const SUBRESOURCES: Record<string, Subresource[]> = {
  Pod: [
    sub('attach', 'PodAttachOptions', ['create', 'get']),
    sub('binding', 'Binding', ['create']),
    sub('ephemeralcontainers', 'Pod', ['get', 'patch', 'update']),
    sub('eviction', 'Eviction', ['create'], ['policy', 'v1']),
    sub('exec', 'PodExecOptions', ['create', 'get']),
    sub('log', 'Pod', ['get']),
    sub('portforward', 'PodPortForwardOptions', ['create', 'get']),
    sub('proxy', 'PodProxyOptions', ['create', 'delete', 'get', 'patch', 'update']),
    STATUS('Pod'),
  ],
  Node: [sub('proxy', 'NodeProxyOptions', ['create', 'delete', 'get', 'patch', 'update']), STATUS('Node')],
  Namespace: [sub('finalize', 'Namespace', ['update']), STATUS('Namespace')],
  Service: [sub('proxy', 'ServiceProxyOptions', ['create', 'delete', 'get', 'patch', 'update']), STATUS('Service')],
  ServiceAccount: [sub('token', 'TokenRequest', ['create'], ['authentication.k8s.io', 'v1'])],
  ReplicationController: [SCALE, STATUS('ReplicationController')],
  ResourceQuota: [STATUS('ResourceQuota')],
  PersistentVolume: [STATUS('PersistentVolume')],
  PersistentVolumeClaim: [STATUS('PersistentVolumeClaim')],
  Deployment: [SCALE, STATUS('Deployment')],
  ReplicaSet: [SCALE, STATUS('ReplicaSet')],
  StatefulSet: [SCALE, STATUS('StatefulSet')],
  DaemonSet: [STATUS('DaemonSet')],
  Job: [STATUS('Job')],
  CronJob: [STATUS('CronJob')],
  HorizontalPodAutoscaler: [STATUS('HorizontalPodAutoscaler')],
  Ingress: [STATUS('Ingress')],
  PodDisruptionBudget: [STATUS('PodDisruptionBudget')],
};

/** Whether `kind` has the subresource `name`. */
export function hasSubresource(kind: string, name: string): boolean {
  return (SUBRESOURCES[kind] ?? []).some((s) => s.name === name);
}

const gvString = (gv: { group: string; version: string }): string => (gv.group ? `${gv.group}/${gv.version}` : gv.version);

/** GET /api/v1, /apis/<group>/<version>: the APIResourceList. */
export function resourceList(gv: GroupVersion): object {
  const resources: object[] = [];
  for (const r of gv.resources) {
    resources.push({
      name: r.plural,
      singularName: r.singular,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: r.verbs,
      ...(r.shortNames.length ? { shortNames: r.shortNames } : {}),
      ...(r.categories ? { categories: r.categories } : {}),
    });
    for (const s of SUBRESOURCES[r.kind] ?? []) {
      resources.push({
        name: `${r.plural}/${s.name}`,
        singularName: '',
        namespaced: r.namespaced,
        ...(s.group !== undefined ? { group: s.group, version: s.version } : {}),
        kind: s.kind,
        verbs: s.verbs,
      });
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: gvString(gv), resources };
}

/** GET /api: APIVersions. */
export function apiVersions(): object {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '172.18.0.2:6443' }] };
}

function apiGroup(gv: GroupVersion): object {
  const v = { groupVersion: gvString(gv), version: gv.version };
  return { name: gv.group, versions: [v], preferredVersion: v };
}

/** GET /apis: APIGroupList. */
export function apiGroupList(extra: GroupVersion[] = []): object {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: [...GROUP_VERSIONS.filter((gv) => gv.group), ...extra].map(apiGroup) };
}

/** GET /apis/<group>: APIGroup, or undefined. */
export function apiGroupDoc(group: string, extra: GroupVersion[] = []): object | undefined {
  const gv = [...GROUP_VERSIONS, ...extra].find((g) => g.group === group);
  return gv && { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(gv) };
}

// ---- aggregated discovery ------------------------------------------------------------------

export const AGGREGATED_V2 = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

/** Whether the Accept header asks for apidiscovery.k8s.io/v2 (before any plain JSON). */
export function wantsAggregated(accept: string | undefined): boolean {
  if (!accept) return false;
  for (const part of accept.split(',')) {
    const params = new Map(
      part
        .split(';')
        .slice(1)
        .map((p) => p.trim().split('=') as [string, string]),
    );
    if (params.get('g') === 'apidiscovery.k8s.io' && params.get('v') === 'v2' && params.get('as') === 'APIGroupDiscoveryList') return true;
    if (part.trim().split(';')[0] === 'application/json' && !params.has('as')) return false;
  }
  return false;
}

/**
 * metrics.k8s.io/v1beta1, the aggregated API of metrics-server: listed while the metrics-server
 * addon is available (kubectl top looks for it in discovery).
 */
export const METRICS_GV: GroupVersion = {
  group: 'metrics.k8s.io',
  version: 'v1beta1',
  resources: [
    { plural: 'nodes', singular: '', shortNames: [], group: 'metrics.k8s.io', version: 'v1beta1', kind: 'NodeMetrics', namespaced: false, verbs: ['get', 'list'] },
    { plural: 'pods', singular: '', shortNames: [], group: 'metrics.k8s.io', version: 'v1beta1', kind: 'PodMetrics', namespaced: true, verbs: ['get', 'list'] },
  ],
};

function resourceDiscovery(r: ResourceInfo): object {
  const subresources = (SUBRESOURCES[r.kind] ?? []).map((s) => ({
    subresource: s.name,
    responseKind: { group: s.group ?? r.group, version: s.version ?? r.version, kind: s.kind },
    verbs: s.verbs,
  }));
  return {
    resource: r.plural,
    responseKind: { group: r.group, version: r.version, kind: r.kind },
    scope: r.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: r.singular,
    verbs: r.verbs,
    ...(r.shortNames.length ? { shortNames: r.shortNames } : {}),
    ...(r.categories ? { categories: r.categories } : {}),
    ...(subresources.length ? { subresources } : {}),
  };
}

/** GET /api (legacy: true) or /apis with the aggregated Accept: APIGroupDiscoveryList. */
export function aggregatedDiscovery(legacy: boolean, extra: GroupVersion[] = []): object {
  const items = [...GROUP_VERSIONS, ...extra].filter((gv) => (gv.group === '') === legacy).map((gv) => ({
    metadata: legacy ? { creationTimestamp: null } : { name: gv.group, creationTimestamp: null },
    versions: [{ version: gv.version, resources: gv.resources.map(resourceDiscovery), freshness: 'Current' }],
  }));
  return { kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {}, items };
}

// ---- OpenAPI v3 (just what kubectl reads) ---------------------------------------------------

export function gvPath(gv: GroupVersion): string {
  return gv.group ? `apis/${gv.group}/${gv.version}` : `api/${gv.version}`;
}

/** GET /openapi/v3: where each group-version's document is. */
export function openapiRoot(): object {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const gv of GROUP_VERSIONS) paths[gvPath(gv)] = { serverRelativeURL: `/openapi/v3/${gvPath(gv)}?hash=KUBEPLAY${gv.version.toUpperCase()}` };
  return { paths };
}

/**
 * A group-version's OpenAPI v3 document reduced to what kubectl looks for: the PATCH operation
 * of each object path, tagged with its group/version/kind and declaring the `fieldValidation`
 * query parameter, so that kubectl validates on the server side (`--validate=strict`, its
 * default) instead of downloading schemas. Without request body types kubectl computes apply
 * patches from its built-in types.
 */
export function openapiDoc(path: string): string | undefined {
  const hit = openapiDocs.get(path);
  if (hit !== undefined) return hit;
  const gv = GROUP_VERSIONS.find((g) => `/openapi/v3/${gvPath(g)}` === path);
  if (!gv) return undefined;
  const text = JSON.stringify(buildOpenapiDoc(gv));
  openapiDocs.set(path, text);
  return text;
}

/** Serialized documents by path (they never change). */
const openapiDocs = new Map<string, string>();

function buildOpenapiDoc(gv: GroupVersion): object {
  const paths: Record<string, object> = {};
  for (const r of gv.resources) {
    if (!r.verbs.includes('patch')) continue;
    const base = `/${gvPath(gv)}/${r.namespaced ? 'namespaces/{namespace}/' : ''}${r.plural}/{name}`;
    paths[base] = {
      patch: {
        'x-kubernetes-group-version-kind': { group: r.group, version: r.version, kind: r.kind },
        'x-kubernetes-action': 'patch',
        parameters: [
          { name: 'dryRun', in: 'query', schema: { type: 'string', uniqueItems: true } },
          { name: 'fieldManager', in: 'query', schema: { type: 'string', uniqueItems: true } },
          { name: 'fieldValidation', in: 'query', schema: { type: 'string', uniqueItems: true } },
          { name: 'force', in: 'query', schema: { type: 'boolean', uniqueItems: true } },
        ],
        responses: { '200': { description: 'OK' } },
      },
    };
  }
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: SERVER_VERSION.gitVersion }, paths, components: { schemas: componentSchemas() } };
}

/** The bundled field index's type keys as OpenAPI component names. */
const PACKAGE_NAMES: Record<string, string> = {
  meta: 'io.k8s.apimachinery.pkg.apis.meta.v1',
  runtime: 'io.k8s.apimachinery.pkg.runtime',
  Quantity: 'io.k8s.apimachinery.pkg.api.resource',
  IntOrString: 'io.k8s.apimachinery.pkg.util.intstr',
  Time: 'io.k8s.apimachinery.pkg.apis.meta.v1',
  MicroTime: 'io.k8s.apimachinery.pkg.apis.meta.v1',
};

function componentName(key: string): string {
  if (!key.includes('.')) return `${PACKAGE_NAMES[key]}.${key}`;
  const [pkg, version, name] = key.split('.');
  if (pkg === 'meta') return `${PACKAGE_NAMES.meta}.${name}`;
  if (pkg === 'runtime') return `${PACKAGE_NAMES.runtime}.${key.split('.').pop()}`;
  return `io.k8s.api.${pkg}.${version}.${name}`;
}

/** The field index key of a kind (`apps.v1.Deployment`). */
function typeKey(r: ResourceInfo): string {
  const pkg = r.group === '' ? 'core' : r.group.split('.')[0];
  return `${pkg}.${r.version}.${r.kind}`;
}

function toOpenAPI(s: Schema): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (s.ref) out.$ref = `#/components/schemas/${componentName(s.ref)}`;
  if (s.description !== undefined) out.description = s.description;
  if (s.type !== undefined) out.type = s.type;
  if (s.allOf) out.allOf = s.allOf.map(toOpenAPI);
  if (s.items) out.items = toOpenAPI(s.items);
  if (s.additionalProperties) out.additionalProperties = toOpenAPI(s.additionalProperties);
  if (s.properties) out.properties = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, toOpenAPI(v)]));
  if (s.required) out.required = s.required;
  return out;
}

let components: Record<string, unknown> | undefined;

/**
 * Every type of the playground's `kubectl explain` field index (kubectl/explain/schema.json) as
 * OpenAPI v3 component schemas, kinds tagged with x-kubernetes-group-version-kind, so that the
 * real `kubectl explain` prints what the playground's prints.
 * Simplification: the descriptions are those of kubernetes-types 1.30, and there are no enums
 * or defaults; no request bodies are declared, so kubectl keeps computing apply patches from its
 * built-in types.
 */
function componentSchemas(): Record<string, unknown> {
  if (components) return components;
  const kinds = new Map(RESOURCES.map((r) => [typeKey(r), r]));
  const out: Record<string, unknown> = {};
  for (const key of Object.keys((schemaData as { types: Record<string, unknown> }).types)) {
    const schema = toOpenAPI(typeSchema(key)!);
    const r = kinds.get(key);
    if (r) schema['x-kubernetes-group-version-kind'] = [{ group: r.group, kind: r.kind, version: r.version }];
    out[componentName(key)] = schema;
  }
  return (components = out);
}
