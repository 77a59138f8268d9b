/**
 * Endpoints the HTTP apiserver answers beyond the stored resources of the simulated apiserver,
 * because kubectl's typed clients call them directly:
 * - authorization.k8s.io/v1 selfsubjectaccessreviews (`kubectl auth can-i`) and
 *   selfsubjectrulesreviews (`auth can-i --list`): the playground's user is kubeadm's cluster
 *   admin, allowed everything, as the playground's `kubectl auth can-i` answers;
 * - authentication.k8s.io/v1 selfsubjectreviews (`kubectl auth whoami`): kubeadm's admin user;
 * - autoscaling/v1 horizontalpodautoscalers (`kubectl autoscale` creates through the v1 typed
 *   client): converted to and from the stored autoscaling/v2 objects as kube-apiserver's
 *   conversion (pkg/apis/autoscaling/v1/conversion.go) does for the CPU target.
 *
 * - metrics.k8s.io/v1beta1 nodes and pods (`kubectl top`), the NodeMetrics and PodMetrics of
 *   the simulated metrics-server (controllers/hpa/metrics.ts), as metrics-server v0.7 serves
 *   them: while the addon is not available the group answers 503 (registered but unavailable)
 *   or 404 (not installed).
 *
 * Simplification: the v1 view omits the annotations in which kube-apiserver keeps the v2-only
 * fields (other metrics, conditions); no RBAC is evaluated.
 */
import type { Cluster } from '../../cluster';
import { settleWrites } from './settle';
import { StatusError, badRequest, methodNotAllowed, type StatusReason } from '../../api/errors';
import type { KObject } from '../../api/types/meta';
import { notFound } from '../../api/errors';
import { metricsOf } from '../../controllers/hpa/metrics';
import { metricsApiAvailable } from '../../controllers/hpa/metrics-server-addon';
import { METRICS_GV, resourceList } from './discovery';

export interface ExtraRequest {
  method: string;
  path: string;
  /** Decodes the request body (JSON, YAML or protobuf). */
  body(): Promise<unknown>;
  dryRun: boolean;
  query?: URLSearchParams;
}

export interface ExtraResponse {
  code: number;
  body: unknown;
}

const ADMIN = { username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] };
const ALLOWED_REASON = 'RBAC: allowed by ClusterRoleBinding "kubeadm:cluster-admins" of ClusterRole "cluster-admin" to Group "kubeadm:cluster-admins"';

/** Answers one of the extra endpoints, or returns undefined when the path is not one of them. */
export async function serveExtra(cluster: Cluster, req: ExtraRequest): Promise<ExtraResponse | undefined> {
  const { path, method } = req;
  const review = /^\/apis\/(authorization|authentication)\.k8s\.io\/v1\/(selfsubjectaccessreviews|selfsubjectrulesreviews|selfsubjectreviews)$/.exec(path);
  if (review) {
    const kind = { selfsubjectaccessreviews: 'SelfSubjectAccessReview', selfsubjectrulesreviews: 'SelfSubjectRulesReview', selfsubjectreviews: 'SelfSubjectReview' }[review[2]]!;
    const group = `${review[1]}.k8s.io`;
    if ((group === 'authentication.k8s.io') !== (kind === 'SelfSubjectReview')) return undefined;
    if (method !== 'POST') throw methodNotAllowed('the server does not allow this method on the requested resource');
    const body = ((await req.body()) ?? {}) as Record<string, unknown>;
    if (typeof body !== 'object' || Array.isArray(body)) throw badRequest('the body of the request is not an object');
    const out: Record<string, unknown> = {
      kind,
      apiVersion: `${group}/v1`,
      metadata: { creationTimestamp: null },
      ...(kind === 'SelfSubjectReview' ? {} : { spec: body.spec ?? {} }),
    };
    if (kind === 'SelfSubjectAccessReview') out.status = { allowed: true, reason: ALLOWED_REASON };
    else if (kind === 'SelfSubjectRulesReview') {
      out.status = {
        resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
        nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
        incomplete: false,
      };
    } else out.status = { userInfo: ADMIN };
    return { code: 201, body: out };
  }
  if (path === '/apis/metrics.k8s.io' || path.startsWith('/apis/metrics.k8s.io/')) return metricsApi(cluster, req);
  const hpa = /^\/apis\/autoscaling\/v1\/(?:namespaces\/([^/]+)\/)?horizontalpodautoscalers(?:\/([^/]+))?$/.exec(path);
  if (hpa) return hpaV1(cluster, req, hpa[1] && decodeURIComponent(hpa[1]), hpa[2] && decodeURIComponent(hpa[2]));
  return undefined;
}

async function hpaV1(cluster: Cluster, req: ExtraRequest, namespace: string | undefined, name: string | undefined): Promise<ExtraResponse> {
  const api = cluster.api;
  if (req.method === 'GET') {
    if (name !== undefined) return { code: 200, body: toV1(api.get('HorizontalPodAutoscaler', namespace, name)) };
    const l = api.list('HorizontalPodAutoscaler', { namespace });
    return {
      code: 200,
      body: {
        kind: 'HorizontalPodAutoscalerList',
        apiVersion: 'autoscaling/v1',
        metadata: { resourceVersion: l.resourceVersion },
        items: l.items.map((o) => {
          const { kind: _k, apiVersion: _a, ...rest } = toV1(o);
          void _k;
          void _a;
          return rest;
        }),
      },
    };
  }
  if (req.method === 'POST' && name === undefined && namespace !== undefined) {
    const body = (await req.body()) as KObject;
    if (!body || typeof body !== 'object') throw badRequest('the body of the request is not an object');
    if (body.kind !== undefined && body.kind !== 'HorizontalPodAutoscaler') {
      throw badRequest(`the API version in the data (${String(body.apiVersion)}) does not match the expected API version (autoscaling/v1)`);
    }
    const created = api.create(toV2(body), { namespace, dryRun: req.dryRun });
    settleWrites(cluster);
    return { code: 201, body: toV1(created) };
  }
  if (req.method === 'DELETE' && name !== undefined) {
    const out = api.delete('HorizontalPodAutoscaler', namespace, name, { dryRun: req.dryRun });
    settleWrites(cluster);
    return { code: 200, body: toV1(out) };
  }
  throw new StatusError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
}

/** autoscaling/v1 -> the stored autoscaling/v2 object. */
function toV2(v1: KObject): KObject {
  const spec = (v1.spec ?? {}) as Record<string, unknown>;
  const v2spec: Record<string, unknown> = { scaleTargetRef: spec.scaleTargetRef };
  if (spec.minReplicas !== undefined) v2spec.minReplicas = spec.minReplicas;
  v2spec.maxReplicas = spec.maxReplicas;
  if (typeof spec.targetCPUUtilizationPercentage === 'number') {
    v2spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: spec.targetCPUUtilizationPercentage } } }];
  }
  return { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: v1.metadata ?? {}, spec: v2spec };
}

interface MetricSpec {
  type?: string;
  resource?: { name?: string; target?: { type?: string; averageUtilization?: number } };
}
interface MetricStatus {
  type?: string;
  resource?: { name?: string; current?: { averageUtilization?: number } };
}

/** The stored autoscaling/v2 object as autoscaling/v1. */
function toV1(v2: KObject): KObject {
  const spec = (v2.spec ?? {}) as Record<string, unknown>;
  const status = (v2.status ?? {}) as Record<string, unknown>;
  const cpu = ((spec.metrics ?? []) as MetricSpec[]).find((m) => m.type === 'Resource' && m.resource?.name === 'cpu' && m.resource.target?.type === 'Utilization');
  const currentCpu = ((status.currentMetrics ?? []) as MetricStatus[]).find((m) => m.type === 'Resource' && m.resource?.name === 'cpu');
  const v1spec: Record<string, unknown> = { scaleTargetRef: spec.scaleTargetRef };
  if (spec.minReplicas !== undefined) v1spec.minReplicas = spec.minReplicas;
  v1spec.maxReplicas = spec.maxReplicas;
  if (cpu?.resource?.target?.averageUtilization !== undefined) v1spec.targetCPUUtilizationPercentage = cpu.resource.target.averageUtilization;
  const v1status: Record<string, unknown> = {};
  if (status.observedGeneration !== undefined) v1status.observedGeneration = status.observedGeneration;
  if (status.lastScaleTime !== undefined) v1status.lastScaleTime = status.lastScaleTime;
  v1status.currentReplicas = status.currentReplicas ?? 0;
  v1status.desiredReplicas = status.desiredReplicas ?? 0;
  if (currentCpu?.resource?.current?.averageUtilization !== undefined) v1status.currentCPUUtilizationPercentage = currentCpu.resource.current.averageUtilization;
  return { kind: 'HorizontalPodAutoscaler', apiVersion: 'autoscaling/v1', metadata: v2.metadata, spec: v1spec, status: v1status };
}

// ---- metrics.k8s.io --------------------------------------------------------------------------

const METRICS_API_VERSION = 'metrics.k8s.io/v1beta1';

function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

function metricsApi(cluster: Cluster, req: ExtraRequest): ExtraResponse {
  const api = cluster.api;
  if (!metricsApiAvailable(api)) {
    if (api.find('Deployment', 'kube-system', 'metrics-server')) {
      throw new StatusError(503, 'ServiceUnavailable' as StatusReason, 'the server is currently unable to handle the request');
    }
    throw new StatusError(404, 'NotFound', 'the server could not find the requested resource');
  }
  if (req.method !== 'GET') throw methodNotAllowed('the server does not allow this method on the requested resource');
  const { path } = req;
  const q = req.query ?? new URLSearchParams();
  if (path === '/apis/metrics.k8s.io') {
    const v = { groupVersion: METRICS_API_VERSION, version: 'v1beta1' };
    return { code: 200, body: { kind: 'APIGroup', apiVersion: 'v1', name: 'metrics.k8s.io', versions: [v], preferredVersion: v } };
  }
  if (path === '/apis/metrics.k8s.io/v1beta1') return { code: 200, body: resourceList(METRICS_GV) };
  const m = /^\/apis\/metrics\.k8s\.io\/v1beta1\/(?:namespaces\/([^/]+)\/)?(nodes|pods)(?:\/([^/]+))?$/.exec(path);
  if (!m || (m[1] !== undefined && m[2] === 'nodes')) throw new StatusError(404, 'NotFound', 'the server could not find the requested resource');
  const namespace = m[1] && decodeURIComponent(m[1]);
  const name = m[3] && decodeURIComponent(m[3]);
  const metrics = metricsOf(cluster);
  const labelSelector = q.get('labelSelector') ?? undefined;
  const fieldSelector = q.get('fieldSelector') ?? undefined;
  if (m[2] === 'nodes') {
    const toMetrics = (n: KObject): object | undefined => {
      const u = metrics.nodeUsage(n);
      return u && {
        metadata: { name: n.metadata.name, creationTimestamp: rfc3339(cluster.clock.now()), labels: n.metadata.labels },
        timestamp: rfc3339(u.timestamp),
        window: `${u.windowSeconds}s`,
        usage: { cpu: `${u.cpu}m`, memory: String(u.memory) },
      };
    };
    if (name !== undefined) {
      const node = api.find('Node', undefined, name);
      const one = node && toMetrics(node);
      if (!one) throw notFound('nodemetrics.metrics.k8s.io', name);
      return { code: 200, body: { kind: 'NodeMetrics', apiVersion: METRICS_API_VERSION, ...one } };
    }
    const items = api.list('Node', { labelSelector, fieldSelector }).items.map(toMetrics).filter((x) => x !== undefined);
    return { code: 200, body: { kind: 'NodeMetricsList', apiVersion: METRICS_API_VERSION, metadata: {}, items } };
  }
  const toMetrics = (p: KObject): object | undefined => {
    const u = metrics.podUsage(p);
    return u && {
      metadata: { name: p.metadata.name, namespace: p.metadata.namespace, creationTimestamp: rfc3339(cluster.clock.now()), labels: p.metadata.labels },
      timestamp: rfc3339(u.timestamp),
      window: `${u.windowSeconds}s`,
      containers: u.containers.map((c) => ({ name: c.name, usage: { cpu: `${c.cpu}m`, memory: String(c.memory) } })),
    };
  };
  if (name !== undefined) {
    const pod = api.find('Pod', namespace, name);
    const one = pod && toMetrics(pod);
    if (!one) throw notFound('podmetrics.metrics.k8s.io', `${namespace}/${name}`);
    return { code: 200, body: { kind: 'PodMetrics', apiVersion: METRICS_API_VERSION, ...one } };
  }
  const items = api.list('Pod', { namespace, labelSelector, fieldSelector }).items.map(toMetrics).filter((x) => x !== undefined);
  return { code: 200, body: { kind: 'PodMetricsList', apiVersion: METRICS_API_VERSION, metadata: {}, items } };
}
