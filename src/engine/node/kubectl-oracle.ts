/**
 * Test support (imported only by *.test.ts files of the kubectl write side): the real kubectl
 * v1.32 binary as an oracle. For commands that run offline (`--dry-run=client`, `--local`) it
 * just runs the binary; for apply it talks to a minimal HTTP apiserver that real kubectl
 * can talk to, serving fixed live objects and recording the bodies kubectl sends. It lets tests
 * compare our apply patches and last-applied annotations with the real client byte for byte.
 * Only discovery, GET, PATCH and POST of namespaced objects are served.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RESOURCES } from '../api/resources';

export const REAL_KUBECTL = '/usr/lib/google-cloud-sdk/bin/kubectl.1.32';
export const hasRealKubectl = existsSync(REAL_KUBECTL);

/** Discovery documents built from the simulated apiserver's resource table. */
const GROUPS: Record<string, object[]> = {};
for (const info of RESOURCES) {
  const path = info.group ? `/apis/${info.group}/${info.version}` : `/api/${info.version}`;
  (GROUPS[path] ??= []).push({
    name: info.plural,
    singularName: info.singular,
    namespaced: info.namespaced,
    kind: info.kind,
    verbs: info.verbs,
    shortNames: info.shortNames.length ? info.shortNames : undefined,
    categories: info.categories,
  });
  if (['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController'].includes(info.kind)) {
    GROUPS[path].push({ name: `${info.plural}/scale`, singularName: '', namespaced: true, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] });
  }
}
const API_GROUPS = [...new Set(RESOURCES.filter((r) => r.group).map((r) => `${r.group}/${r.version}`))];

/** Runs the real kubectl without a cluster (offline commands only). */
export function runRealKubectl(args: string[], stdin?: string, cwd?: string): Promise<{ out: string; err: string; code: number }> {
  return new Promise((resolve) => {
    const child = execFile(
      REAL_KUBECTL,
      args,
      { env: { HOME: '/nonexistent-kubeplay-home', PATH: '/usr/bin:/bin' }, cwd },
      (err, out, errOut) => resolve({ out, err: errOut, code: err ? Number((err as { code?: number }).code ?? 1) : 0 }),
    );
    if (stdin !== undefined) {
      child.stdin?.write(stdin);
      child.stdin?.end();
    }
  });
}

export interface Recorded {
  method: string;
  path: string;
  body: string;
  contentType?: string;
}

export interface FakeApiServer {
  port: number;
  requests: Recorded[];
  /** Live objects by `<plural>/<name>` in namespace default. */
  live: Record<string, object>;
  close(): Promise<void>;
  kubectl(args: string[], stdin?: string, cwd?: string): Promise<{ out: string; err: string; code: number }>;
}

export async function startFakeApiServer(live: Record<string, object> = {}): Promise<FakeApiServer> {
  const requests: Recorded[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const p = url.pathname;
      requests.push({ method: req.method ?? '', path: p, body, contentType: req.headers['content-type'] });
      const send = (code: number, obj: object) => {
        res.writeHead(code, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(obj));
      };
      const notFound = (msg: string) => send(404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: msg, reason: 'NotFound', code: 404 });
      if (p === '/api') return send(200, { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1' }] });
      if (p === '/apis') {
        const groups = API_GROUPS.map((gv) => {
          const [g, v] = gv.split('/');
          return { name: g, versions: [{ groupVersion: gv, version: v }], preferredVersion: { groupVersion: gv, version: v } };
        });
        return send(200, { kind: 'APIGroupList', apiVersion: 'v1', groups });
      }
      if (GROUPS[p]) return send(200, { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: p.replace(/^\/apis?\//, ''), resources: GROUPS[p] });
      const m = p.match(/^\/(?:api\/v1|apis\/([a-z0-9.]+)\/v[0-9a-z]+)\/namespaces\/([^/]+)\/([^/]+)(?:\/([^/]+))?$/);
      if (!m) return notFound('the server could not find the requested resource');
      const [, group, , plural, name] = m;
      const key = `${plural}/${name ?? ''}`;
      const resource = group ? `${plural}.${group}` : plural;
      const obj = live[key] as { metadata?: object } | undefined;
      if (req.method === 'GET') return obj ? send(200, obj) : notFound(`${resource} "${name}" not found`);
      if (req.method === 'PATCH' && obj) return send(200, obj);
      if (req.method === 'POST') return send(201, JSON.parse(body));
      return notFound(`${resource} "${name}" not found`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    requests,
    live,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    kubectl: (args, stdin, cwd) => runRealKubectl([`--server=http://127.0.0.1:${port}`, ...args], stdin, cwd),
  };
}
