import { describe, expect, it } from 'vitest';
import { goJson, type Json } from './go';
import { applyJsonPatch, decodeJsonPatch } from './json-patch';
import { jsonMergePatch } from './merge';
import { hasRealKubectl, runRealKubectl } from '../../node/kubectl-oracle';

const DOC = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'c', labels: { app: 'web' }, finalizers: ['a', 'b'] },
  data: { a: '1', 'x/y': '2' },
};

/** [name, patch, expected result or `error: <json-patch message>`], checked with `kubectl patch --local --type json`. */
const CASES: [string, Json, string][] = [
  ['adds a key', [{ op: 'add', path: '/data/b', value: '2' }], '{"apiVersion":"v1","data":{"a":"1","b":"2","x/y":"2"},"kind":"ConfigMap","metadata":{"finalizers":["a","b"],"labels":{"app":"web"},"name":"c"}}'],
  ['inserts into a list by index', [{ op: 'add', path: '/metadata/finalizers/1', value: 'z' }], '{"apiVersion":"v1","data":{"a":"1","x/y":"2"},"kind":"ConfigMap","metadata":{"finalizers":["a","z","b"],"labels":{"app":"web"},"name":"c"}}'],
  ['appends with -', [{ op: 'add', path: '/metadata/finalizers/-', value: 'z' }], '{"apiVersion":"v1","data":{"a":"1","x/y":"2"},"kind":"ConfigMap","metadata":{"finalizers":["a","b","z"],"labels":{"app":"web"},"name":"c"}}'],
  ['removes a list element', [{ op: 'remove', path: '/metadata/finalizers/0' }], '{"apiVersion":"v1","data":{"a":"1","x/y":"2"},"kind":"ConfigMap","metadata":{"finalizers":["b"],"labels":{"app":"web"},"name":"c"}}'],
  ['removes with an escaped key', [{ op: 'remove', path: '/data/x~1y' }], '{"apiVersion":"v1","data":{"a":"1"},"kind":"ConfigMap","metadata":{"finalizers":["a","b"],"labels":{"app":"web"},"name":"c"}}'],
  ['replaces a value', [{ op: 'replace', path: '/data/a', value: '9' }], '{"apiVersion":"v1","data":{"a":"9","x/y":"2"},"kind":"ConfigMap","metadata":{"finalizers":["a","b"],"labels":{"app":"web"},"name":"c"}}'],
  ['replaces a missing object key by adding it', [{ op: 'replace', path: '/data/new', value: 'x' }], '{"apiVersion":"v1","data":{"a":"1","new":"x","x/y":"2"},"kind":"ConfigMap","metadata":{"finalizers":["a","b"],"labels":{"app":"web"},"name":"c"}}'],
  ['moves a value', [{ op: 'move', from: '/data/a', path: '/data/moved' }], '{"apiVersion":"v1","data":{"moved":"1","x/y":"2"},"kind":"ConfigMap","metadata":{"finalizers":["a","b"],"labels":{"app":"web"},"name":"c"}}'],
  ['copies a value', [{ op: 'copy', from: '/metadata/labels', path: '/data/l' }], '{"apiVersion":"v1","data":{"a":"1","l":{"app":"web"},"x/y":"2"},"kind":"ConfigMap","metadata":{"finalizers":["a","b"],"labels":{"app":"web"},"name":"c"}}'],
  ['passes a test', [{ op: 'test', path: '/data/a', value: '1' }, { op: 'add', path: '/data/t', value: 'ok' }], '{"apiVersion":"v1","data":{"a":"1","t":"ok","x/y":"2"},"kind":"ConfigMap","metadata":{"finalizers":["a","b"],"labels":{"app":"web"},"name":"c"}}'],
  ['counts negative indices from the end', [{ op: 'remove', path: '/metadata/finalizers/-1' }], '{"apiVersion":"v1","data":{"a":"1","x/y":"2"},"kind":"ConfigMap","metadata":{"finalizers":["a"],"labels":{"app":"web"},"name":"c"}}'],
  ['fails a test', [{ op: 'test', path: '/data/a', value: '2' }], 'error: testing value /data/a failed: test failed'],
  ['fails to remove a missing key', [{ op: 'remove', path: '/data/zz' }], "error: error in remove for path: '/data/zz': Unable to remove nonexistent key: zz: missing value"],
  ['fails to add under a missing parent', [{ op: 'add', path: '/metadata/annotations/x', value: '1' }], 'error: add operation does not apply: doc is missing path: "/metadata/annotations/x": missing value'],
  ['fails on an index out of range', [{ op: 'add', path: '/metadata/finalizers/5', value: 'z' }], "error: error in add for path: '/metadata/finalizers/5': Unable to access invalid index: 5: invalid index referenced"],
  ['fails on an unknown op', [{ op: 'frobnicate', path: '/data' }], 'error: Unexpected kind: frobnicate'],
  ['fails on a body that is not a list', { op: 'add' }, 'error: json: cannot unmarshal object into Go value of type jsonpatch.Patch'],
];

function ours(patch: Json): string {
  try {
    return goJson(applyJsonPatch(DOC, decodeJsonPatch(patch)));
  } catch (e) {
    return `error: ${(e as Error).message}`;
  }
}

describe('JSON patch', () => {
  it.each(CASES)('%s', (_, patch, expected) => {
    expect(ours(patch)).toBe(expected);
  });

  it('leaves its input unchanged', () => {
    const before = goJson(DOC);
    ours([{ op: 'remove', path: '/data/a' }]);
    expect(goJson(DOC)).toBe(before);
  });

  describe.skipIf(!hasRealKubectl)('against the real kubectl v1.32', () => {
    it.each(CASES)('behaves like patch --local: %s', async (_, patch) => {
      const res = await runRealKubectl(['patch', '--local', '-f', '-', '--type', 'json', '-p', JSON.stringify(patch), '-o', 'json'], JSON.stringify(DOC));
      const real = res.code === 0 ? goJson(JSON.parse(res.out)) : res.err.replace(/\n$/, '');
      expect(ours(patch)).toBe(real);
    });
  });
});

describe('JSON merge patch', () => {
  it.each([
    ['merges maps and deletes nulls', { data: { a: null, b: '2' } }, '{"apiVersion":"v1","data":{"b":"2","x/y":"2"},"kind":"ConfigMap","metadata":{"finalizers":["a","b"],"labels":{"app":"web"},"name":"c"}}'],
    ['replaces lists', { metadata: { finalizers: ['z'] } }, '{"apiVersion":"v1","data":{"a":"1","x/y":"2"},"kind":"ConfigMap","metadata":{"finalizers":["z"],"labels":{"app":"web"},"name":"c"}}'],
    ['prunes nulls inside added maps', { metadata: { annotations: { a: '1', b: null } } }, '{"apiVersion":"v1","data":{"a":"1","x/y":"2"},"kind":"ConfigMap","metadata":{"annotations":{"a":"1"},"finalizers":["a","b"],"labels":{"app":"web"},"name":"c"}}'],
  ])('%s', (_, patch, expected) => {
    expect(goJson(jsonMergePatch(DOC, patch as Json))).toBe(expected);
  });

  it('rejects a null body', () => {
    expect(() => jsonMergePatch(DOC, null)).toThrow('Invalid JSON Patch');
  });
});
