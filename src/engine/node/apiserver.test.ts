import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../cluster';
import { serve, type ApiHttpServer } from './apiserver';

const REAL_KUBECTL = '/usr/lib/google-cloud-sdk/bin/kubectl.1.32';
const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

let cluster: Cluster;
let srv: ApiHttpServer;
let base: string;

beforeAll(async () => {
  cluster = createCluster({ nodes: 2 });
  srv = await serve(cluster, 0);
  base = `http://127.0.0.1:${srv.port}`;
});

afterAll(async () => {
  await srv.close();
});

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(base + path, {
    method,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json: json as Record<string, any> };
}

describe('discovery', () => {
  it('serves /version, /api, /apis and the group-version resource lists', async () => {
    expect((await call('GET', '/version')).json.gitVersion).toBe('v1.32.5');
    expect((await call('GET', '/api')).json.versions).toEqual(['v1']);
    const groups = (await call('GET', '/apis')).json.groups.map((g: { name: string }) => g.name);
    expect(groups).toContain('apps');
    const core = (await call('GET', '/api/v1')).json;
    const pods = core.resources.find((r: { name: string }) => r.name === 'pods');
    expect(pods).toMatchObject({ kind: 'Pod', namespaced: true, shortNames: ['po'], categories: ['all'] });
    expect(core.resources.map((r: { name: string }) => r.name)).toContain('pods/log');
    const apps = (await call('GET', '/apis/apps/v1')).json;
    expect(apps.resources.find((r: { name: string }) => r.name === 'deployments/scale')).toMatchObject({ group: 'autoscaling', version: 'v1', kind: 'Scale' });
  });

  it('serves aggregated discovery (apidiscovery.k8s.io/v2) when asked first, with subresources', async () => {
    const accept = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';
    const res = await fetch(`${base}/api`, { headers: { Accept: accept } });
    expect(res.headers.get('content-type')).toBe('application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
    const core = (await res.json()) as { kind: string; items: { versions: { version: string; resources: Record<string, any>[] }[] }[] };
    expect(core.kind).toBe('APIGroupDiscoveryList');
    const pods = core.items[0].versions[0].resources.find((r) => r.resource === 'pods')!;
    expect(pods).toMatchObject({ responseKind: { group: '', version: 'v1', kind: 'Pod' }, scope: 'Namespaced', singularResource: 'pod', shortNames: ['po'] });
    expect(pods.subresources.find((x: { subresource: string }) => x.subresource === 'eviction')).toEqual({
      subresource: 'eviction',
      responseKind: { group: 'policy', version: 'v1', kind: 'Eviction' },
      verbs: ['create'],
    });
    const groups = (await (await fetch(`${base}/apis`, { headers: { Accept: accept } })).json()) as { items: { metadata: { name: string } }[] };
    expect(groups.items.map((g) => g.metadata.name)).toContain('apps');
    // Without the aggregated type first, the legacy documents.
    expect((await call('GET', '/api', undefined, { Accept: 'application/json, */*' })).json.kind).toBe('APIVersions');
  });

  it('lists pods/eviction with its group and version, as drain looks for it', async () => {
    const core = (await call('GET', '/api/v1')).json;
    expect(core.resources.find((r: { name: string }) => r.name === 'pods/eviction')).toEqual({ name: 'pods/eviction', singularName: '', namespaced: true, group: 'policy', version: 'v1', kind: 'Eviction', verbs: ['create'] });
  });

  it('answers unknown paths with a NotFound Status', async () => {
    const r = await call('GET', '/api/v1/nothings');
    expect(r.status).toBe(404);
    expect(r.json).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'the server could not find the requested resource',
      reason: 'NotFound',
      details: {},
      code: 404,
    });
  });
});

describe('reads', () => {
  it('lists with selectors, without kind/apiVersion on items', async () => {
    const r = await call('GET', '/api/v1/namespaces/kube-system/pods?labelSelector=k8s-app%3Dkube-dns');
    expect(r.json.kind).toBe('PodList');
    expect(r.json.items).toHaveLength(2);
    expect(r.json.items[0].kind).toBeUndefined();
    const byNode = await call('GET', '/api/v1/pods?fieldSelector=spec.nodeName%3Dnode-1');
    expect(byNode.json.items.every((p: { spec: { nodeName: string } }) => p.spec.nodeName === 'node-1')).toBe(true);
  });

  it('rejects an unsupported field selector as the apiserver does', async () => {
    const r = await call('GET', '/api/v1/pods?fieldSelector=spec.image%3Dx');
    expect(r.status).toBe(400);
    expect(r.json.message).toBe('field label not supported: spec.image');
  });

  it('prints tables on the server for as=Table', async () => {
    const r = await call('GET', '/api/v1/nodes', undefined, { Accept: TABLE });
    expect(r.json.kind).toBe('Table');
    expect(r.json.columnDefinitions.map((c: { name: string }) => c.name).slice(0, 5)).toEqual(['Name', 'Status', 'Roles', 'Age', 'Version']);
    expect(r.json.rows[0].cells.slice(0, 3)).toEqual(['control-plane', 'Ready', 'control-plane']);
    expect(r.json.rows[0].object.kind).toBe('PartialObjectMetadata');
  });

  it('returns NotFound with the apiserver message for a missing object', async () => {
    const r = await call('GET', '/apis/apps/v1/namespaces/default/deployments/nope');
    expect(r.status).toBe(404);
    expect(r.json.message).toBe('deployments.apps "nope" not found');
    expect(r.json.details).toEqual({ name: 'nope', group: 'apps', kind: 'deployments' });
  });
});

describe('writes', () => {
  const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { a: '1' } };

  it('creates (201), conflicts (409), patches and deletes', async () => {
    const created = await call('POST', '/api/v1/namespaces/default/configmaps', cm);
    expect(created.status).toBe(201);
    expect(created.json.metadata.uid).toBeTruthy();
    const again = await call('POST', '/api/v1/namespaces/default/configmaps', cm);
    expect(again.status).toBe(409);
    expect(again.json.message).toBe('configmaps "settings" already exists');
    const patched = await call('PATCH', '/api/v1/namespaces/default/configmaps/settings', { data: { b: '2' } }, { 'Content-Type': 'application/merge-patch+json' });
    expect(patched.json.data).toEqual({ a: '1', b: '2' });
    const stale = await call('PUT', '/api/v1/namespaces/default/configmaps/settings', { ...cm, metadata: { name: 'settings', resourceVersion: '1' } });
    expect(stale.status).toBe(409);
    const del = await call('DELETE', '/api/v1/namespaces/default/configmaps/settings');
    expect(del.json).toMatchObject({ kind: 'Status', status: 'Success', details: { name: 'settings', kind: 'configmaps' } });
    expect((await call('GET', '/api/v1/namespaces/default/configmaps/settings')).status).toBe(404);
  });

  it('honours dryRun=All', async () => {
    const r = await call('POST', '/api/v1/namespaces/default/configmaps?dryRun=All', { ...cm, metadata: { name: 'dry' } });
    expect(r.status).toBe(201);
    expect((await call('GET', '/api/v1/namespaces/default/configmaps/dry')).status).toBe(404);
  });

  it('scales through the scale subresource', async () => {
    const dep = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } },
    };
    expect((await call('POST', '/apis/apps/v1/namespaces/default/deployments', dep)).status).toBe(201);
    const s = await call('PATCH', '/apis/apps/v1/namespaces/default/deployments/web/scale', { spec: { replicas: 3 } }, { 'Content-Type': 'application/merge-patch+json' });
    expect(s.json).toMatchObject({ kind: 'Scale', apiVersion: 'autoscaling/v1', spec: { replicas: 3 } });
    expect((await call('GET', '/apis/apps/v1/namespaces/default/deployments/web')).json.spec.replicas).toBe(3);
  });

  it('decodes Kubernetes protobuf bodies as kubectl\'s typed clients send them', async () => {
    const bytes = (...b: number[]) => b;
    const str = (num: number, s: string) => [(num << 3) | 2, Buffer.byteLength(s), ...Buffer.from(s)];
    const msg = (num: number, inner: number[]) => [(num << 3) | 2, inner.length, ...inner];
    // k8s\0 + runtime.Unknown{typeMeta{apiVersion v1, kind Namespace}, raw Namespace{metadata{name}}}
    const body = Buffer.from(bytes(0x6b, 0x38, 0x73, 0x00, ...msg(1, [...str(1, 'v1'), ...str(2, 'Namespace')]), ...msg(2, msg(1, str(1, 'from-proto')))));
    const res = await fetch(`${base}/api/v1/namespaces`, { method: 'POST', headers: { 'Content-Type': 'application/vnd.kubernetes.protobuf' }, body });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { metadata: { name: string } }).metadata.name).toBe('from-proto');
    expect(cluster.api.find('Namespace', undefined, 'from-proto')).toBeTruthy();
  });

  it('answers a malformed protobuf body with a BadRequest Status, and CBOR with 415', async () => {
    const r = await call('POST', '/api/v1/namespaces', 'k8s\0\x0a\x7f', { 'Content-Type': 'application/vnd.kubernetes.protobuf' });
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'BadRequest', message: 'error decoding request body: unexpected EOF' });
    const c = await call('POST', '/api/v1/namespaces', '\xa0', { 'Content-Type': 'application/cbor' });
    expect(c.status).toBe(415);
    expect(c.json.reason).toBe('UnsupportedMediaType');
  });
});

describe('endpoints beyond the stored resources', () => {
  it('allows everything to the cluster admin (SelfSubjectAccessReview, SelfSubjectRulesReview)', async () => {
    const r = await call('POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      spec: { resourceAttributes: { verb: 'delete', resource: 'nodes' } },
    });
    expect(r.status).toBe(201);
    expect(r.json.status.allowed).toBe(true);
    const rules = await call('POST', '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews', { spec: { namespace: 'default' } });
    expect(rules.json.status.resourceRules).toEqual([{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }]);
  });

  it('creates an autoscaling/v1 HPA as the stored v2 object and answers in v1', async () => {
    const r = await call('POST', '/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers', {
      apiVersion: 'autoscaling/v1',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'h1' },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 4, targetCPUUtilizationPercentage: 60 },
    });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ apiVersion: 'autoscaling/v1', spec: { maxReplicas: 4, targetCPUUtilizationPercentage: 60 } });
    const stored = cluster.api.get('HorizontalPodAutoscaler', 'default', 'h1');
    expect(stored.spec.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } }]);
    expect((await call('GET', '/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers/h1')).json.spec.targetCPUUtilizationPercentage).toBe(60);
  });

  it('answers the Metrics API with 404 while metrics-server is not installed', async () => {
    const r = await call('GET', '/apis/metrics.k8s.io/v1beta1/nodes');
    expect(r.status).toBe(404);
    expect((await call('GET', '/apis')).json.groups.map((g: { name: string }) => g.name)).not.toContain('metrics.k8s.io');
  });

  it('answers malformed requests with Statuses', async () => {
    expect((await call('GET', '/api/v1/namespaces/%zz/pods')).json).toMatchObject({ kind: 'Status', code: 400, message: 'invalid URL escape "%zz"' });
    expect((await call('GET', '/api/v1/pods?watch=true&resourceVersion=abc')).status).toBe(400);
    expect((await call('POST', '/api/v1/namespaces/default/configmaps', '[1]')).status).toBe(400);
    const typed = await call('POST', '/api/v1/namespaces/default/pods', { metadata: { name: 'a' }, spec: { containers: 'x' } });
    expect(typed.json).toMatchObject({
      code: 400,
      message: 'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field PodSpec.spec.containers of type []v1.Container',
    });
    const unknown = await call('POST', '/api/v1/namespaces/default/configmaps?fieldValidation=Strict', { metadata: { name: 'u' }, dataa: {} });
    expect(unknown.json.message).toBe('ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "dataa"');
    const warn = await fetch(`${base}/api/v1/namespaces/default/configmaps`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ metadata: { name: 'w' }, dataa: {} }) });
    expect(warn.status).toBe(201);
    expect(warn.headers.get('warning')).toBe('299 - "unknown field \\"dataa\\""');
  });
});

describe('watch', () => {
  it('streams events from a resourceVersion, filtered by selector, as tables with headers once', async () => {
    const list = await call('GET', '/api/v1/namespaces/default/configmaps');
    const rv = list.json.metadata.resourceVersion;
    const ctrl = new AbortController();
    const res = await fetch(`${base}/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${rv}&labelSelector=w%3D1`, {
      headers: { Accept: TABLE },
      signal: ctrl.signal,
    });
    const reader = res.body!.getReader();
    const mk = (name: string, labels: Record<string, string>) =>
      cluster.api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default', labels } });
    mk('ignored', { w: '0' });
    mk('first', { w: '1' });
    mk('second', { w: '1' });
    let text = '';
    while (text.split('\n').length < 3) {
      const { value } = await reader.read();
      text += new TextDecoder().decode(value);
    }
    ctrl.abort();
    const events = text.trim().split('\n').map((l) => JSON.parse(l));
    expect(events.map((e) => [e.type, e.object.rows[0].cells[0]])).toEqual([
      ['ADDED', 'first'],
      ['ADDED', 'second'],
    ]);
    expect(events[0].object.columnDefinitions.length).toBeGreaterThan(0);
    expect(events[1].object.columnDefinitions).toBeNull();
  });
});

function kubectl(args: string[], stdin?: string): Promise<{ out: string; err: string; code: number }> {
  return new Promise((resolve) => {
    const child = execFile(
      REAL_KUBECTL,
      [`--server=${base}`, ...args],
      { env: { HOME: '/nonexistent-kubeplay-home', PATH: '/usr/bin:/bin' } },
      (err, out, errOut) => resolve({ out, err: errOut, code: err ? Number((err as { code?: number }).code ?? 1) : 0 }),
    );
    if (stdin !== undefined) {
      child.stdin?.write(stdin);
      child.stdin?.end();
    }
  });
}

describe.runIf(existsSync(REAL_KUBECTL))('the real kubectl v1.32', () => {
  it('lists nodes', async () => {
    const r = await kubectl(['get', 'nodes']);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toBe('NAME            STATUS   ROLES           AGE   VERSION');
    expect(r.out).toContain('node-2          Ready    <none>');
  });

  it('applies a manifest from stdin, then finds it unchanged', async () => {
    const manifest = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: front\nspec:\n  selector:\n    app: front\n  ports:\n  - port: 80\n';
    expect(await kubectl(['apply', '-f', '-'], manifest)).toEqual({ out: 'service/front created\n', err: '', code: 0 });
    expect(await kubectl(['apply', '-f', '-'], manifest)).toEqual({ out: 'service/front unchanged\n', err: '', code: 0 });
  });

  it('reports a missing object as kubectl does', async () => {
    expect(await kubectl(['get', 'pod', 'nope'])).toEqual({ out: '', err: 'Error from server (NotFound): pods "nope" not found\n', code: 1 });
  });

  it('runs a pod and deletes it', async () => {
    expect((await kubectl(['run', 'probe', '--image=nginx'])).out).toBe('pod/probe created\n');
    cluster.advance(10);
    const get = await kubectl(['get', 'pod', 'probe', '-o', 'jsonpath={.status.phase}']);
    expect(get.out).toBe('Running');
    const del = kubectl(['delete', 'pod', 'probe', '--wait=false']);
    expect((await del).out).toBe('pod "probe" deleted\n');
  });
});
