import { describe, expect, it } from 'vitest';
import { goJson, type JsonObject } from './go';
import { PatchSchema } from './schema';
import { createTwoWayMergePatch, strategicMergePatch } from './strategic';
import { hasRealKubectl, runRealKubectl } from '../../node/kubectl-oracle';

/* Cases of applying a strategic merge patch; `expected` was checked against
 * `kubectl.1.32 patch --local --type strategic -o json` (the same strategicpatch code). */
interface SmpCase { name: string; kind: string; original: JsonObject; patch: JsonObject; expected: string }
const deploy = (containers: JsonObject[], extra: { metadata?: JsonObject; spec?: JsonObject; podSpec?: JsonObject } = {}): JsonObject => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', ...(extra.metadata ?? {}) },
  spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, ...(extra.spec ?? {}),
    template: { metadata: { labels: { app: 'web' } }, spec: { containers, ...(extra.podSpec ?? {}) } } },
});
const c = (name: string, more: JsonObject = {}): JsonObject => ({ name, image: 'nginx', ...more });
const SMP_CASES: SmpCase[] = [
  { name: 'merges containers by name and keeps others', kind: 'Deployment',
    original: deploy([c('a'), c('b')]), patch: { spec: { template: { spec: { containers: [{ name: 'b', image: 'redis' }] } } } } ,
    expected: "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\"},\"spec\":{\"replicas\":1,\"selector\":{\"matchLabels\":{\"app\":\"web\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"image\":\"nginx\",\"name\":\"a\"},{\"image\":\"redis\",\"name\":\"b\"}]}}}}" },
  { name: 'appends a new container after the patched ones', kind: 'Deployment',
    original: deploy([c('a'), c('b')]), patch: { spec: { template: { spec: { containers: [{ name: 'z', image: 'redis' }, { name: 'a', image: 'httpd' }] } } } } ,
    expected: "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\"},\"spec\":{\"replicas\":1,\"selector\":{\"matchLabels\":{\"app\":\"web\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"image\":\"redis\",\"name\":\"z\"},{\"image\":\"httpd\",\"name\":\"a\"},{\"image\":\"nginx\",\"name\":\"b\"}]}}}}" },
  { name: 'deletes a container with $patch: delete', kind: 'Deployment',
    original: deploy([c('a'), c('b')]), patch: { spec: { template: { spec: { containers: [{ name: 'a', $patch: 'delete' }] } } } } ,
    expected: "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\"},\"spec\":{\"replicas\":1,\"selector\":{\"matchLabels\":{\"app\":\"web\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"image\":\"nginx\",\"name\":\"b\"}]}}}}" },
  { name: 'replaces a list with $patch: replace', kind: 'Deployment',
    original: deploy([c('a'), c('b')]), patch: { spec: { template: { spec: { containers: [{ name: 'x', image: 'redis' }, { $patch: 'replace' }] } } } } ,
    expected: "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\"},\"spec\":{\"replicas\":1,\"selector\":{\"matchLabels\":{\"app\":\"web\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"image\":\"redis\",\"name\":\"x\"}]}}}}" },
  { name: 'replaces a map with $patch: replace', kind: 'Deployment',
    original: deploy([c('a')]), patch: { spec: { selector: { $patch: 'replace', matchLabels: { tier: 'x' } } } } ,
    expected: "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\"},\"spec\":{\"replicas\":1,\"selector\":{\"matchLabels\":{\"tier\":\"x\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"image\":\"nginx\",\"name\":\"a\"}]}}}}" },
  { name: 'deletes a map with $patch: delete', kind: 'Deployment',
    original: deploy([c('a')], { metadata: { labels: { x: '1' } } }), patch: { metadata: { labels: { $patch: 'delete' } } } ,
    expected: "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"labels\":{},\"name\":\"web\"},\"spec\":{\"replicas\":1,\"selector\":{\"matchLabels\":{\"app\":\"web\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"image\":\"nginx\",\"name\":\"a\"}]}}}}" },
  { name: 'null removes a field', kind: 'Deployment',
    original: deploy([c('a')], { metadata: { labels: { x: '1', y: '2' } } }), patch: { metadata: { labels: { x: null } }, spec: { replicas: null } } ,
    expected: "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"labels\":{\"y\":\"2\"},\"name\":\"web\"},\"spec\":{\"selector\":{\"matchLabels\":{\"app\":\"web\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"image\":\"nginx\",\"name\":\"a\"}]}}}}" },
  { name: 'merges env by name and ports by containerPort', kind: 'Deployment',
    original: deploy([c('a', { env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }], ports: [{ containerPort: 80, name: 'http' }] })]),
    patch: { spec: { template: { spec: { containers: [{ name: 'a', env: [{ name: 'B', value: 'x' }, { name: 'C', value: '3' }], ports: [{ containerPort: 443 }, { containerPort: 80, protocol: 'TCP' }] }] } } } } ,
    expected: "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\"},\"spec\":{\"replicas\":1,\"selector\":{\"matchLabels\":{\"app\":\"web\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"env\":[{\"name\":\"A\",\"value\":\"1\"},{\"name\":\"B\",\"value\":\"x\"},{\"name\":\"C\",\"value\":\"3\"}],\"image\":\"nginx\",\"name\":\"a\",\"ports\":[{\"containerPort\":443},{\"containerPort\":80,\"name\":\"http\",\"protocol\":\"TCP\"}]}]}}}}" },
  { name: 'merges volumeMounts by mountPath and volumes by name', kind: 'Deployment',
    original: deploy([c('a', { volumeMounts: [{ name: 'v', mountPath: '/data' }] })], { podSpec: { volumes: [{ name: 'v', emptyDir: {} }] } }),
    patch: { spec: { template: { spec: { containers: [{ name: 'a', volumeMounts: [{ name: 'w', mountPath: '/w' }] }], volumes: [{ name: 'w', configMap: { name: 'cm' } }] } } } } ,
    expected: "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\"},\"spec\":{\"replicas\":1,\"selector\":{\"matchLabels\":{\"app\":\"web\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"image\":\"nginx\",\"name\":\"a\",\"volumeMounts\":[{\"mountPath\":\"/w\",\"name\":\"w\"},{\"mountPath\":\"/data\",\"name\":\"v\"}]}],\"volumes\":[{\"configMap\":{\"name\":\"cm\"},\"name\":\"w\"},{\"emptyDir\":{},\"name\":\"v\"}]}}}}" },
  { name: 'replaces tolerations whole (no merge key)', kind: 'Deployment',
    original: deploy([c('a')], { podSpec: { tolerations: [{ key: 'a', operator: 'Exists' }] } }),
    patch: { spec: { template: { spec: { tolerations: [{ key: 'b', operator: 'Exists' }] } } } } ,
    expected: "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\"},\"spec\":{\"replicas\":1,\"selector\":{\"matchLabels\":{\"app\":\"web\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"image\":\"nginx\",\"name\":\"a\"}],\"tolerations\":[{\"key\":\"b\",\"operator\":\"Exists\"}]}}}}" },
  { name: 'replaces args (atomic list)', kind: 'Deployment',
    original: deploy([c('a', { args: ['x', 'y'] })]), patch: { spec: { template: { spec: { containers: [{ name: 'a', args: ['z'] }] } } } } ,
    expected: "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\"},\"spec\":{\"replicas\":1,\"selector\":{\"matchLabels\":{\"app\":\"web\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"args\":[\"z\"],\"image\":\"nginx\",\"name\":\"a\"}]}}}}" },
  { name: 'unions finalizers', kind: 'Deployment',
    original: deploy([c('a')], { metadata: { finalizers: ['b', 'a'] } }), patch: { metadata: { finalizers: ['c', 'a'] } } ,
    expected: "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"finalizers\":[\"c\",\"b\",\"a\"],\"name\":\"web\"},\"spec\":{\"replicas\":1,\"selector\":{\"matchLabels\":{\"app\":\"web\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"image\":\"nginx\",\"name\":\"a\"}]}}}}" },
  { name: 'deletes from a primitive list', kind: 'Deployment',
    original: deploy([c('a')], { metadata: { finalizers: ['b', 'a', 'c'] } }), patch: { metadata: { '$deleteFromPrimitiveList/finalizers': ['a'] } } ,
    expected: "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"finalizers\":[\"b\",\"c\"],\"name\":\"web\"},\"spec\":{\"replicas\":1,\"selector\":{\"matchLabels\":{\"app\":\"web\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"image\":\"nginx\",\"name\":\"a\"}]}}}}" },
  { name: 'orders with $setElementOrder', kind: 'Deployment',
    original: deploy([c('a'), c('b'), c('c')]), patch: { spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'c' }, { name: 'a' }, { name: 'b' }], containers: [{ name: 'a', image: 'x' }] } } } } ,
    expected: "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\"},\"spec\":{\"replicas\":1,\"selector\":{\"matchLabels\":{\"app\":\"web\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"image\":\"nginx\",\"name\":\"c\"},{\"image\":\"x\",\"name\":\"a\"},{\"image\":\"nginx\",\"name\":\"b\"}]}}}}" },
  { name: 'retainKeys clears the other strategy fields', kind: 'Deployment',
    original: deploy([c('a')], { spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } } }),
    patch: { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } } ,
    expected: "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\"},\"spec\":{\"replicas\":1,\"selector\":{\"matchLabels\":{\"app\":\"web\"}},\"strategy\":{\"type\":\"Recreate\"},\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"image\":\"nginx\",\"name\":\"a\"}]}}}}" },
  { name: 'merges service ports by port', kind: 'Service',
    original: { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { selector: { app: 'x' }, ports: [{ port: 80, targetPort: 8080, name: 'http' }, { port: 443, name: 'https' }] } },
    patch: { spec: { ports: [{ port: 80, targetPort: 9090 }, { port: 8443, name: 'alt' }] } } ,
    expected: "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"s\"},\"spec\":{\"ports\":[{\"name\":\"http\",\"port\":80,\"targetPort\":9090},{\"name\":\"alt\",\"port\":8443},{\"name\":\"https\",\"port\":443}],\"selector\":{\"app\":\"x\"}}}" },
  { name: 'merges pod conditions by type', kind: 'Pod',
    original: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [c('a')] }, status: { conditions: [{ type: 'Ready', status: 'False' }, { type: 'PodScheduled', status: 'True' }] } },
    patch: { status: { conditions: [{ type: 'Ready', status: 'True' }] } } ,
    expected: "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\"},\"spec\":{\"containers\":[{\"image\":\"nginx\",\"name\":\"a\"}]},\"status\":{\"conditions\":[{\"status\":\"True\",\"type\":\"Ready\"},{\"status\":\"True\",\"type\":\"PodScheduled\"}]}}" },
  { name: 'replaces node taints whole', kind: 'Node',
    original: { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' }, spec: { taints: [{ key: 'a', effect: 'NoSchedule' }] } },
    patch: { spec: { taints: [{ key: 'b', effect: 'NoExecute' }] } } ,
    expected: "{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"metadata\":{\"name\":\"n\"},\"spec\":{\"taints\":[{\"effect\":\"NoExecute\",\"key\":\"b\"}]}}" },
  { name: 'merges ownerReferences by uid', kind: 'Pod',
    original: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', ownerReferences: [{ apiVersion: 'v1', kind: 'X', name: 'x', uid: '1' }] }, spec: { containers: [c('a')] } },
    patch: { metadata: { ownerReferences: [{ apiVersion: 'v1', kind: 'Y', name: 'y', uid: '2' }] } } ,
    expected: "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\",\"ownerReferences\":[{\"apiVersion\":\"v1\",\"kind\":\"Y\",\"name\":\"y\",\"uid\":\"2\"},{\"apiVersion\":\"v1\",\"kind\":\"X\",\"name\":\"x\",\"uid\":\"1\"}]},\"spec\":{\"containers\":[{\"image\":\"nginx\",\"name\":\"a\"}]}}" },
  { name: 'adds a list field that was absent', kind: 'Deployment',
    original: deploy([c('a')]), patch: { spec: { template: { spec: { containers: [{ name: 'a', env: [{ name: 'X', value: '1' }] }] } } } } ,
    expected: "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\"},\"spec\":{\"replicas\":1,\"selector\":{\"matchLabels\":{\"app\":\"web\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"env\":[{\"name\":\"X\",\"value\":\"1\"}],\"image\":\"nginx\",\"name\":\"a\"}]}}}}" },
  { name: 'merges configmap data keys', kind: 'ConfigMap',
    original: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1', b: '2' } }, patch: { data: { b: null, c: '3' } } ,
    expected: "{\"apiVersion\":\"v1\",\"data\":{\"a\":\"1\",\"c\":\"3\"},\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"}}" },
  { name: 'replaces a pdb selector (replace strategy)', kind: 'PodDisruptionBudget',
    original: { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'p' }, spec: { minAvailable: 1, selector: { matchLabels: { a: '1', b: '2' } } } },
    patch: { spec: { selector: { matchLabels: { c: '3' } } } } ,
    expected: "{\"apiVersion\":\"policy/v1\",\"kind\":\"PodDisruptionBudget\",\"metadata\":{\"name\":\"p\"},\"spec\":{\"minAvailable\":1,\"selector\":{\"matchLabels\":{\"c\":\"3\"}}}}" },
  { name: 'merges imagePullSecrets by name', kind: 'Deployment',
    original: deploy([c('a')], { podSpec: { imagePullSecrets: [{ name: 'r1' }] } }), patch: { spec: { template: { spec: { imagePullSecrets: [{ name: 'r2' }] } } } } ,
    expected: "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\"},\"spec\":{\"replicas\":1,\"selector\":{\"matchLabels\":{\"app\":\"web\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"image\":\"nginx\",\"name\":\"a\"}],\"imagePullSecrets\":[{\"name\":\"r2\"},{\"name\":\"r1\"}]}}}}" },
  { name: 'scales replicas', kind: 'Deployment', original: deploy([c('a')]), patch: { spec: { replicas: 5 } } ,
    expected: "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\"},\"spec\":{\"replicas\":5,\"selector\":{\"matchLabels\":{\"app\":\"web\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"image\":\"nginx\",\"name\":\"a\"}]}}}}" },
];

const apply = (t: SmpCase) => goJson(strategicMergePatch(t.original, t.patch, PatchSchema.forKind(t.kind)));

describe('strategic merge patch', () => {
  it.each(SMP_CASES)('$name', (t) => {
    expect(apply(t)).toBe(t.expected);
  });

  it.each([
    [
      'a list element without its merge key',
      { spec: { template: { spec: { containers: [{ image: 'x' }] } } } },
      'map: map[image:x] does not contain declared merge key: name',
    ],
    ['an unknown $patch directive', { metadata: { labels: { $patch: 'bogus' } } }, 'unknown patch type: bogus in map: map[$patch:bogus]'],
    [
      '$patch: merge in a list',
      { spec: { template: { spec: { containers: [{ name: 'a', $patch: 'merge' }] } } } },
      'merging lists cannot yet be specified in the patch',
    ],
    ['a $retainKeys that is not a list', { spec: { strategy: { $retainKeys: 'type' } } }, 'invalid patch format of retainKeys'],
    [
      'a field outside $retainKeys',
      { spec: { strategy: { $retainKeys: ['type'], rollingUpdate: { maxSurge: 1 } } } },
      'invalid patch format of retainKeys',
    ],
    ['a malformed $deleteFromPrimitiveList key', { metadata: { $deleteFromPrimitiveList: ['a'] } }, 'invalid patch format of primitive list'],
  ])('fails on %s', (_, patch, message) => {
    const original = deploy([c('a')], {
      metadata: { labels: { x: '1' }, finalizers: ['f'] },
      spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } },
    });
    expect(() => strategicMergePatch(original, patch as JsonObject, PatchSchema.forKind('Deployment'))).toThrow(message);
  });

  it('computes a two-way patch that recreates the modified object', () => {
    const original = SMP_CASES[7].original;
    const modified = structuredClone(original);
    const spec = ((modified.spec as JsonObject).template as JsonObject).spec as JsonObject;
    spec.containers = [{ name: 'a', image: 'nginx:1.27', env: [{ name: 'A', value: '1' }] }];
    const patch = createTwoWayMergePatch(original, modified, PatchSchema.forKind('Deployment'));
    expect(goJson(patch)).toBe(
      '{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"a"}],"containers":[{"$setElementOrder/env":[{"name":"A"}],"env":[{"$patch":"delete","name":"B"}],"image":"nginx:1.27","name":"a","ports":null}]}}}}',
    );
    expect(goJson(strategicMergePatch(original, patch, PatchSchema.forKind('Deployment')))).toBe(goJson(modified));
  });

  describe.skipIf(!hasRealKubectl)('against the real kubectl v1.32', () => {
    it.each(SMP_CASES)('applies like patch --local: $name', async (t) => {
      const res = await runRealKubectl(['patch', '--local', '-f', '-', '--type', 'strategic', '-p', JSON.stringify(t.patch), '-o', 'json'], JSON.stringify(t.original));
      expect(res.err).toBe('');
      expect(apply(t)).toBe(goJson(JSON.parse(res.out)));
    });
  });
});
