/**
 * `kubectl get --raw PATH` (k8s.io/kubectl/pkg/rawhttp): the body the apiserver returns for a
 * GET of PATH, printed as is: health checks, /version, discovery documents and resources.
 */
import { StatusError } from '../../api/errors';
import { apiVersionOf, RESOURCES } from '../../api/resources';
import type { Kctx } from '../command';
import { SERVER_VERSION } from './version';

// Simplification: JSON bodies list fields in the order the simulation stores them, not in the
// Go struct order of the real apiserver; discovery omits storageVersionHash and subresources.

const NOT_FOUND = new StatusError(404, 'NotFound', 'the server could not find the requested resource');

function discovery(path: string): unknown {
  if (path === '/api') {
    return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '172.18.0.2:6443' }] };
  }
  if (path === '/apis') {
    const gvs = [...new Set(RESOURCES.filter((r) => r.group).map((r) => apiVersionOf(r)))];
    return {
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: gvs.map((gv) => {
        const [name, version] = gv.split('/');
        return { name, versions: [{ groupVersion: gv, version }], preferredVersion: { groupVersion: gv, version } };
      }),
    };
  }
  const gv = path.replace(/^\/apis?\//, '');
  const infos = RESOURCES.filter((r) => apiVersionOf(r) === gv && (path.startsWith('/apis/') ? r.group !== '' : r.group === ''));
  if (infos.length === 0) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: gv,
    resources: infos.map((r) => ({
      name: r.plural,
      singularName: r.singular,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: r.verbs,
      ...(r.shortNames.length ? { shortNames: r.shortNames } : {}),
      ...(r.categories ? { categories: r.categories } : {}),
    })),
  };
}

/** The response body of GET `path` on the simulated apiserver. */
export function rawGet(k: Kctx, rawPath: string): string {
  const [path, query = ''] = rawPath.split('?');
  if (['/healthz', '/livez', '/readyz'].includes(path)) return 'ok';
  if (path === '/version') return JSON.stringify(SERVER_VERSION, null, 2);
  if (path === '/api' || path === '/apis' || /^\/api\/v1$|^\/apis\/[^/]+\/[^/]+$/.test(path)) {
    const doc = discovery(path);
    if (!doc) throw NOT_FOUND;
    return JSON.stringify(doc) + '\n';
  }
  const m = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))(?:\/namespaces\/([^/]+))?\/([^/]+)(?:\/([^/]+))?$/.exec(path);
  if (!m) throw NOT_FOUND;
  const [, coreVersion, group = '', groupVersion, namespace, plural, name] = m;
  const version = coreVersion ?? groupVersion;
  const info = RESOURCES.find((r) => r.plural === plural && r.group === group && r.version === version);
  if (!info) throw NOT_FOUND;
  if (name) return JSON.stringify(k.api.get(info.kind, namespace, name)) + '\n';
  const params = new Map<string, string>();
  for (const pair of query.split('&').filter(Boolean)) {
    const i = pair.indexOf('=');
    const key = decodeURIComponent(i < 0 ? pair : pair.slice(0, i));
    params.set(key, i < 0 ? '' : decodeURIComponent(pair.slice(i + 1).replace(/\+/g, ' ')));
  }
  const list = k.api.list(info.kind, {
    namespace,
    labelSelector: params.get('labelSelector'),
    fieldSelector: params.get('fieldSelector'),
  });
  return JSON.stringify({ kind: `${info.kind}List`, apiVersion: apiVersionOf(info), metadata: { resourceVersion: list.resourceVersion }, items: list.items }) + '\n';
}
