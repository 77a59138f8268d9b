import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { clientSideApplyPatch } from './apply';
import { goJson, type JsonObject } from './go';
import { LAST_APPLIED_ANNOTATION, modifiedConfiguration, withApplyAnnotation } from './last-applied';
import { hasRealKubectl, startFakeApiServer, type FakeApiServer } from '../../node/kubectl-oracle';

const LA = LAST_APPLIED_ANNOTATION;

/** A live object as the apiserver returns it after an earlier apply of `applied`. */
function liveFrom(applied: JsonObject, serverSide: JsonObject = {}): JsonObject {
  const withNs = { ...applied, metadata: { namespace: 'default', ...(applied.metadata as JsonObject) } };
  const annotated = withApplyAnnotation(withNs);
  return merge(annotated, serverSide);
}

function merge(a: JsonObject, b: JsonObject): JsonObject {
  const out: JsonObject = structuredClone(a);
  for (const [k, v] of Object.entries(b)) {
    const cur = out[k];
    out[k] = cur && typeof cur === 'object' && !Array.isArray(cur) && v && typeof v === 'object' && !Array.isArray(v)
      ? merge(cur as JsonObject, v as JsonObject)
      : v;
  }
  return out;
}

const deploy = (spec: JsonObject, meta: JsonObject = {}): JsonObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', ...meta },
  spec: { selector: { matchLabels: { app: 'web' } }, ...spec },
});
const tmpl = (containers: JsonObject[], more: JsonObject = {}): JsonObject => ({
  metadata: { labels: { app: 'web' } },
  spec: { containers, ...more },
});
const SERVER_FIELDS: JsonObject = {
  metadata: { uid: 'u-1', resourceVersion: '42', generation: 1, creationTimestamp: '2025-01-01T00:00:00Z' },
  spec: { progressDeadlineSeconds: 600, revisionHistoryLimit: 10, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } } },
  status: { replicas: 1, observedGeneration: 1 },
};

interface Case {
  name: string;
  kind: string;
  plural: string;
  applied?: JsonObject;
  live?: JsonObject;
  manifest: JsonObject;
  /** The patch body kubectl v1.32 sends (recorded from the real client). */
  expected: string;
}

const CASES: Case[] = [
  {
    name: 'changes replicas and image, and removes a label dropped from the file',
    kind: 'Deployment',
    plural: 'deployments',
    applied: deploy({ replicas: 2, template: tmpl([{ name: 'nginx', image: 'nginx:1.26' }]) }, { labels: { app: 'web', tier: 'fe' } }),
    manifest: deploy({ replicas: 3, template: tmpl([{ name: 'nginx', image: 'nginx:1.27' }]) }, { labels: { app: 'web' } }),
    expected:
      "{\"metadata\":{\"annotations\":{\"kubectl.kubernetes.io/last-applied-configuration\":\"{\\\"apiVersion\\\":\\\"apps/v1\\\",\\\"kind\\\":\\\"Deployment\\\",\\\"metadata\\\":{\\\"annotations\\\":{},\\\"labels\\\":{\\\"app\\\":\\\"web\\\"},\\\"name\\\":\\\"web\\\",\\\"namespace\\\":\\\"default\\\"},\\\"spec\\\":{\\\"replicas\\\":3,\\\"selector\\\":{\\\"matchLabels\\\":{\\\"app\\\":\\\"web\\\"}},\\\"template\\\":{\\\"metadata\\\":{\\\"labels\\\":{\\\"app\\\":\\\"web\\\"}},\\\"spec\\\":{\\\"containers\\\":[{\\\"image\\\":\\\"nginx:1.27\\\",\\\"name\\\":\\\"nginx\\\"}]}}}}\\n\"},\"labels\":{\"tier\":null}},\"spec\":{\"replicas\":3,\"template\":{\"spec\":{\"$setElementOrder/containers\":[{\"name\":\"nginx\"}],\"containers\":[{\"image\":\"nginx:1.27\",\"name\":\"nginx\"}]}}}}",
  },
  {
    name: 'sends an empty patch when nothing changed',
    kind: 'Deployment',
    plural: 'deployments',
    applied: deploy({ replicas: 2, template: tmpl([{ name: 'nginx', image: 'nginx:1.26' }]) }),
    manifest: deploy({ replicas: 2, template: tmpl([{ name: 'nginx', image: 'nginx:1.26' }]) }),
    expected:
      "{}",
  },
  {
    name: 'deletes an env var removed from the file but keeps one added live',
    kind: 'Deployment',
    plural: 'deployments',
    applied: deploy({ template: tmpl([{ name: 'app', image: 'busybox', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] }]) }),
    live: { spec: { template: { spec: { containers: [{ name: 'app', image: 'busybox', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }, { name: 'LIVE', value: 'x' }] }] } } } },
    manifest: deploy({ template: tmpl([{ name: 'app', image: 'busybox', env: [{ name: 'A', value: '1' }] }]) }),
    expected:
      "{\"metadata\":{\"annotations\":{\"kubectl.kubernetes.io/last-applied-configuration\":\"{\\\"apiVersion\\\":\\\"apps/v1\\\",\\\"kind\\\":\\\"Deployment\\\",\\\"metadata\\\":{\\\"annotations\\\":{},\\\"name\\\":\\\"web\\\",\\\"namespace\\\":\\\"default\\\"},\\\"spec\\\":{\\\"selector\\\":{\\\"matchLabels\\\":{\\\"app\\\":\\\"web\\\"}},\\\"template\\\":{\\\"metadata\\\":{\\\"labels\\\":{\\\"app\\\":\\\"web\\\"}},\\\"spec\\\":{\\\"containers\\\":[{\\\"env\\\":[{\\\"name\\\":\\\"A\\\",\\\"value\\\":\\\"1\\\"}],\\\"image\\\":\\\"busybox\\\",\\\"name\\\":\\\"app\\\"}]}}}}\\n\"}},\"spec\":{\"template\":{\"spec\":{\"$setElementOrder/containers\":[{\"name\":\"app\"}],\"containers\":[{\"$setElementOrder/env\":[{\"name\":\"A\"}],\"env\":[{\"$patch\":\"delete\",\"name\":\"B\"}],\"name\":\"app\"}]}}}}",
  },
  {
    name: 'removes a container and reorders the rest',
    kind: 'Deployment',
    plural: 'deployments',
    applied: deploy({ template: tmpl([{ name: 'a', image: 'nginx' }, { name: 'b', image: 'redis' }, { name: 'c', image: 'httpd' }]) }),
    manifest: deploy({ template: tmpl([{ name: 'c', image: 'httpd' }, { name: 'a', image: 'nginx' }]) }),
    expected:
      "{\"metadata\":{\"annotations\":{\"kubectl.kubernetes.io/last-applied-configuration\":\"{\\\"apiVersion\\\":\\\"apps/v1\\\",\\\"kind\\\":\\\"Deployment\\\",\\\"metadata\\\":{\\\"annotations\\\":{},\\\"name\\\":\\\"web\\\",\\\"namespace\\\":\\\"default\\\"},\\\"spec\\\":{\\\"selector\\\":{\\\"matchLabels\\\":{\\\"app\\\":\\\"web\\\"}},\\\"template\\\":{\\\"metadata\\\":{\\\"labels\\\":{\\\"app\\\":\\\"web\\\"}},\\\"spec\\\":{\\\"containers\\\":[{\\\"image\\\":\\\"httpd\\\",\\\"name\\\":\\\"c\\\"},{\\\"image\\\":\\\"nginx\\\",\\\"name\\\":\\\"a\\\"}]}}}}\\n\"}},\"spec\":{\"template\":{\"spec\":{\"$setElementOrder/containers\":[{\"name\":\"c\"},{\"name\":\"a\"}],\"containers\":[{\"$patch\":\"delete\",\"name\":\"b\"}]}}}}",
  },
  {
    name: 'switches the strategy to Recreate with retainKeys',
    kind: 'Deployment',
    plural: 'deployments',
    applied: deploy({ template: tmpl([{ name: 'a', image: 'nginx' }]) }),
    manifest: deploy({ strategy: { type: 'Recreate' }, template: tmpl([{ name: 'a', image: 'nginx' }]) }),
    expected:
      "{\"metadata\":{\"annotations\":{\"kubectl.kubernetes.io/last-applied-configuration\":\"{\\\"apiVersion\\\":\\\"apps/v1\\\",\\\"kind\\\":\\\"Deployment\\\",\\\"metadata\\\":{\\\"annotations\\\":{},\\\"name\\\":\\\"web\\\",\\\"namespace\\\":\\\"default\\\"},\\\"spec\\\":{\\\"selector\\\":{\\\"matchLabels\\\":{\\\"app\\\":\\\"web\\\"}},\\\"strategy\\\":{\\\"type\\\":\\\"Recreate\\\"},\\\"template\\\":{\\\"metadata\\\":{\\\"labels\\\":{\\\"app\\\":\\\"web\\\"}},\\\"spec\\\":{\\\"containers\\\":[{\\\"image\\\":\\\"nginx\\\",\\\"name\\\":\\\"a\\\"}]}}}}\\n\"}},\"spec\":{\"strategy\":{\"$retainKeys\":[\"type\"],\"type\":\"Recreate\"}}}",
  },
  {
    name: 'removes a finalizer and an annotation, keeps other annotations',
    kind: 'ConfigMap',
    plural: 'configmaps',
    applied: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', finalizers: ['x/a', 'x/b'], annotations: { keep: 'k', gone: 'g' } }, data: { a: '1', b: '<&>' } },
    manifest: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', finalizers: ['x/b'], annotations: { keep: 'k' } }, data: { a: '2' } },
    expected:
      "{\"data\":{\"a\":\"2\",\"b\":null},\"metadata\":{\"$deleteFromPrimitiveList/finalizers\":[\"x/a\"],\"$setElementOrder/finalizers\":[\"x/b\"],\"annotations\":{\"gone\":null,\"kubectl.kubernetes.io/last-applied-configuration\":\"{\\\"apiVersion\\\":\\\"v1\\\",\\\"data\\\":{\\\"a\\\":\\\"2\\\"},\\\"kind\\\":\\\"ConfigMap\\\",\\\"metadata\\\":{\\\"annotations\\\":{\\\"keep\\\":\\\"k\\\"},\\\"finalizers\\\":[\\\"x/b\\\"],\\\"name\\\":\\\"cm\\\",\\\"namespace\\\":\\\"default\\\"}}\\n\"}}}",
  },
  {
    name: 'changes service ports merged by port',
    kind: 'Service',
    plural: 'services',
    applied: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }, { port: 443, targetPort: 8443, name: 'https' }] } },
    live: { spec: { clusterIP: '10.96.0.20', type: 'ClusterIP', ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }, { port: 443, targetPort: 8443, name: 'https', protocol: 'TCP' }] } },
    manifest: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 9090 }] } },
    expected:
      "{\"metadata\":{\"annotations\":{\"kubectl.kubernetes.io/last-applied-configuration\":\"{\\\"apiVersion\\\":\\\"v1\\\",\\\"kind\\\":\\\"Service\\\",\\\"metadata\\\":{\\\"annotations\\\":{},\\\"name\\\":\\\"web\\\",\\\"namespace\\\":\\\"default\\\"},\\\"spec\\\":{\\\"ports\\\":[{\\\"port\\\":80,\\\"targetPort\\\":9090}],\\\"selector\\\":{\\\"app\\\":\\\"web\\\"}}}\\n\"}},\"spec\":{\"$setElementOrder/ports\":[{\"port\":80}],\"ports\":[{\"port\":80,\"targetPort\":9090},{\"$patch\":\"delete\",\"port\":443}]}}",
  },
  {
    name: 'patches the annotation in when the live object has none',
    kind: 'Deployment',
    plural: 'deployments',
    live: merge(deploy({ replicas: 1, template: tmpl([{ name: 'nginx', image: 'nginx' }]) }, { namespace: 'default' }), SERVER_FIELDS),
    manifest: deploy({ replicas: 1, template: tmpl([{ name: 'nginx', image: 'nginx' }]) }),
    expected:
      "{\"metadata\":{\"annotations\":{\"kubectl.kubernetes.io/last-applied-configuration\":\"{\\\"apiVersion\\\":\\\"apps/v1\\\",\\\"kind\\\":\\\"Deployment\\\",\\\"metadata\\\":{\\\"annotations\\\":{},\\\"name\\\":\\\"web\\\",\\\"namespace\\\":\\\"default\\\"},\\\"spec\\\":{\\\"replicas\\\":1,\\\"selector\\\":{\\\"matchLabels\\\":{\\\"app\\\":\\\"web\\\"}},\\\"template\\\":{\\\"metadata\\\":{\\\"labels\\\":{\\\"app\\\":\\\"web\\\"}},\\\"spec\\\":{\\\"containers\\\":[{\\\"image\\\":\\\"nginx\\\",\\\"name\\\":\\\"nginx\\\"}]}}}}\\n\"}}}",
  },
];

function liveOf(c: Case): JsonObject {
  if (!c.applied) return c.live!;
  const server = c.kind === 'Deployment' ? SERVER_FIELDS : { metadata: (SERVER_FIELDS.metadata as JsonObject) };
  return merge(liveFrom(c.applied, server), c.live ?? {});
}

function ourPatch(c: Case): string {
  const manifest = { ...c.manifest, metadata: { ...(c.manifest.metadata as JsonObject), namespace: 'default' } };
  return goJson(clientSideApplyPatch(manifest, liveOf(c), c.kind).patch);
}

describe('client-side apply patch', () => {
  it('writes the last-applied annotation as kubectl does', () => {
    const obj = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', namespace: 'default' }, data: { a: '<&>' } };
    expect(modifiedConfiguration(obj, false)).toBe(
      '{"apiVersion":"v1","data":{"a":"\\u003c\\u0026\\u003e"},"kind":"ConfigMap","metadata":{"annotations":{},"name":"cm","namespace":"default"}}\n',
    );
    expect((withApplyAnnotation(obj).metadata as unknown as { annotations: Record<string, string> }).annotations[LA]).toBe(
      modifiedConfiguration(obj, false),
    );
  });

  it.each(CASES.filter((c) => c.expected))('$name', (c) => {
    expect(ourPatch(c)).toBe(c.expected);
  });

  describe.skipIf(!hasRealKubectl)('against the real kubectl v1.32', () => {
    let server: FakeApiServer;
    beforeAll(async () => {
      server = await startFakeApiServer();
    });
    afterAll(async () => {
      await server.close();
    });

    it.each(CASES)('sends the same patch: $name', async (c) => {
      const name = (c.manifest.metadata as JsonObject).name as string;
      server.live[`${c.plural}/${name}`] = liveOf(c);
      server.requests.length = 0;
      const res = await server.kubectl(['apply', '--validate=false', '-f', '-'], stringify(c.manifest));
      expect(res.err.replace(/^Warning: .*\n/, '')).toBe('');
      const patch = server.requests.find((r) => r.method === 'PATCH');
      const sent = patch ? patch.body : '{}';
      expect(ourPatch(c)).toBe(sent);
    });
  });
});
