/**
 * `npm run --silent apiserver -- --port P [--speed X] [--nodes N] [--seed S]` (CONTRACT.md
 * section 3): the simulated cluster served over the Kubernetes REST API on http://127.0.0.1:P,
 * running in real time (or X times faster), so that the real kubectl v1.32 can talk to it:
 * `kubectl --server=http://127.0.0.1:P get nodes`.
 *
 * It follows kube-apiserver's HTTP surface (k8s.io/apiserver/pkg/endpoints): discovery, legacy
 * and aggregated (./apiserver/discovery.ts), OpenAPI v3 documents for explain and kubectl's
 * field-validation check, /version, GET/LIST with label and field selectors and server-side
 * printing (`Accept: application/json;as=Table;v=v1;g=meta.k8s.io`, the columns of
 * src/engine/kubectl/printers/columns), WATCH as a stream of JSON events (tables too: column
 * definitions on the first event only, as handlers/watch.go does), POST, PUT, PATCH (strategic
 * merge, merge, JSON patch, apply) with bodies in JSON, YAML or Kubernetes protobuf
 * (./apiserver/protobuf.ts) decoded into the Go types as the apiserver does (api/decode.ts:
 * type errors, strict or warned unknown fields), DELETE with DeleteOptions, the status and scale
 * subresources, pods/log (with follow), pods/binding, pods/eviction, pods/exec and pods/attach
 * over WebSocket (./apiserver/streaming.ts), and what kubectl's typed clients call beside the
 * stored resources (./apiserver/extra.ts: access reviews, autoscaling/v1, metrics.k8s.io).
 * Failures are metav1.Status bodies with the apiserver's codes and messages.
 *
 * Simplification: no authentication or authorization; responses are JSON even when protobuf is
 * preferred (kubectl accepts both); no SPDY, port-forward or proxy subresources; server-side
 * apply is approximated by a strategic merge of the applied configuration (no managedFields).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { parse as parseYaml } from 'yaml';
import { createCluster, BOOT_SECONDS, type Cluster } from '../cluster';
import { StatusError, badRequest, methodNotAllowed, isStatusError, type StatusReason } from '../api/errors';
import { RESOURCES, type ResourceInfo, qualifiedResource } from '../api/resources';
import { matches, matchesFields, parseFieldSelector, parseSelector } from '../api/selectors';
import type { PatchType } from '../api/patch';
import type { DeleteOptions, PropagationPolicy } from '../api/server';
import type { KObject, WatchEvent } from '../api/types/meta';
import { TABLES } from '../kubectl/printers/columns';
import { defaultTable } from '../kubectl/printers/columns/default';
import { SERVER_VERSION } from '../kubectl/commands/version';
import { logTimestamp, type LogLine } from '../kubelet';
import { decodeK8sProtobuf, ProtobufError } from './apiserver/protobuf';
import { decodeBody, decodeLoose, patchDecodeError, type FieldValidation } from '../api/decode';
import { goV } from '../kubectl/printers/gofmt';
import { serveExtra } from './apiserver/extra';
import { settleWrites, setSettleWrites } from './apiserver/settle';
import { refuseUpgrade, rejectUpgrade, serveAttach, serveExec } from './apiserver/streaming';
import {
  AGGREGATED_V2,
  aggregatedDiscovery,
  apiGroupDoc,
  apiGroupList,
  apiVersions,
  GROUP_VERSIONS,
  type GroupVersion,
  hasSubresource,
  openapiDoc,
  openapiRoot,
  resourceList,
  wantsAggregated,
  METRICS_GV,
} from './apiserver/discovery';
import { metricsApiAvailable } from '../controllers/hpa/metrics-server-addon';

// ---- helpers ---------------------------------------------------------------------------

const NOT_FOUND_RESOURCE = 'the server could not find the requested resource';

function statusBody(e: StatusError): string {
  const s = e.toStatus();
  if (s.details === undefined) s.details = e.code === 404 && e.message === NOT_FOUND_RESOURCE ? {} : undefined;
  return JSON.stringify(s);
}

function send(res: ServerResponse, code: number, body: unknown, contentType = 'application/json', warnings: string[] = []): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const headers: Record<string, string | string[]> = { 'Content-Type': contentType, 'Cache-Control': 'no-cache, private' };
  // RFC 7234 warn-code 299 with the apiserver's "-" agent, as kubectl's warning handler reads them.
  if (warnings.length) headers.Warning = warnings.map((w) => `299 - ${JSON.stringify(w)}`);
  res.writeHead(code, headers);
  res.end(text);
}

function sendError(res: ServerResponse, e: unknown): void {
  const err = isStatusError(e)
    ? e
    : new StatusError(500, 'InternalError', `Internal error occurred: ${e instanceof Error ? e.message : String(e)}`);
  res.writeHead(err.code, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private' });
  res.end(statusBody(err));
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (d: Buffer) => {
      size += d.length;
      // The apiserver's limit for a request body (3 MiB, like etcd's object limit).
      if (size > MAX_BODY) {
        req.destroy();
        reject(new StatusError(413, 'RequestEntityTooLarge' as StatusReason, 'Request entity too large: limit is 3145728'));
        return;
      }
      chunks.push(d);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const MAX_BODY = 3 * 1024 * 1024;

/** Decodes a request body: JSON, YAML as some clients send, or Kubernetes protobuf. */
function decode(body: Buffer, contentType: string | undefined): unknown {
  const ct = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (ct === 'application/vnd.kubernetes.protobuf') {
    try {
      return decodeK8sProtobuf(body);
    } catch (e) {
      if (e instanceof ProtobufError) throw badRequest(`error decoding request body: ${e.message}`);
      throw e;
    }
  }
  if (ct === 'application/cbor' || ct.includes('cbor')) {
    // client-go falls back to JSON for the rest of its life after a 415 (KEP-4222).
    throw new StatusError(
      415,
      'UnsupportedMediaType',
      'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf',
    );
  }
  const text = body.toString('utf8');
  if (text.trim() === '') throw badRequest('the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf');
  try {
    if (ct.includes('yaml')) return parseYaml(text);
    return JSON.parse(text);
  } catch (e) {
    throw badRequest(`error decoding request body: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** `Accept: application/json;as=Table;v=v1;g=meta.k8s.io,...`: whether a Table is wanted. */
function wantsTable(accept: string | undefined): boolean {
  if (!accept) return false;
  return accept.split(',').some((part) => /as=Table/.test(part) && /g=meta\.k8s\.io/.test(part));
}

function tableFor(kind: string) {
  return TABLES[kind] ?? defaultTable;
}

type IncludeObject = 'None' | 'Metadata' | 'Object';

function tableRow(obj: KObject, nowMs: number, include: IncludeObject): object {
  const cells = tableFor(obj.kind ?? '').row(obj, nowMs);
  const row: Record<string, unknown> = { cells };
  if (include === 'Object') row.object = obj;
  else if (include === 'Metadata') row.object = { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata };
  return row;
}

function table(kind: string, objs: KObject[], nowMs: number, rv: string, include: IncludeObject, headers: boolean): object {
  const t = tableFor(kind);
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion: rv },
    columnDefinitions: headers
      ? t.columns.map((c) => ({ name: c.name, type: c.type, format: c.format ?? '', description: c.description ?? '', priority: c.priority ?? 0 }))
      : null,
    rows: objs.map((o) => tableRow(o, nowMs, include)),
  };
}

/** A list as the apiserver encodes it: items without kind/apiVersion. */
function list(info: ResourceInfo, items: KObject[], rv: string): object {
  return {
    kind: `${info.kind}List`,
    apiVersion: info.group ? `${info.group}/${info.version}` : info.version,
    metadata: { resourceVersion: rv },
    items: items.map((o) => {
      const { kind: _k, apiVersion: _a, ...rest } = o;
      void _k;
      void _a;
      return rest;
    }),
  };
}

/** A %-escaped path segment; a malformed escape is the client's error (400), as in Go's url.Parse. */
function decodePathSegment(seg: string): string {
  try {
    return decodeURIComponent(seg);
  } catch {
    throw badRequest(`invalid URL escape ${JSON.stringify(seg)}`);
  }
}

/**
 * An object body, as the apiserver's JSON serializer first reads its type meta: anything but a
 * JSON object (or null, which decodes to an empty object) cannot be read. The fields are then
 * checked against the Go types by decodeBody.
 */
function objectBody(body: unknown, kind: string): KObject {
  void kind;
  if (body === null || body === undefined) return {} as KObject;
  if (typeof body !== 'object' || Array.isArray(body)) {
    const t = Array.isArray(body) ? 'array' : typeof body === 'boolean' ? 'bool' : typeof body;
    throw badRequest(`couldn't get version/kind; json parse error: json: cannot unmarshal ${t} into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }`);
  }
  return body as KObject;
}

/** The `fieldValidation` query parameter (the apiserver's default is Warn). */
function fieldValidation(q: URLSearchParams): FieldValidation {
  const v = q.get('fieldValidation');
  if (v === null || v === '') return 'Warn';
  if (v === 'Strict' || v === 'Warn' || v === 'Ignore') return v;
  throw badRequest(`fieldValidation: Unsupported value: ${JSON.stringify(v)}: supported values: "Ignore", "Strict", "Warn"`);
}

/** SMP directives (`$patch`, `$setElementOrder/...`, `$retainKeys`...) are not fields. */
function withoutDirectives(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutDirectives);
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [key, x] of Object.entries(v as Record<string, unknown>)) if (!key.startsWith('$')) out[key] = withoutDirectives(x);
  return out;
}

function pruneLike(orig: unknown, kept: unknown): unknown {
  if (Array.isArray(orig) && Array.isArray(kept)) return orig.map((x, i) => pruneLike(x, kept[i]));
  if (orig === null || typeof orig !== 'object' || kept === null || typeof kept !== 'object' || Array.isArray(orig)) return orig;
  const out: Record<string, unknown> = {};
  const k = kept as Record<string, unknown>;
  for (const [key, v] of Object.entries(orig as Record<string, unknown>)) {
    if (key.startsWith('$')) out[key] = v;
    else if (key in k) out[key] = pruneLike(v, k[key]);
  }
  return out;
}

/**
 * A merge or strategic patch as the apiserver takes it (handlers/patch.go): a result that would
 * not decode into the typed object is Invalid on `patch`; unknown fields fail with Strict, are
 * warnings with Warn, and are dropped. The same checks as the playground's kubectl
 * (kubectl/commands/util/validate.ts) applies to its own patches. JSON patches go as they are.
 */
function checkPatch(info: ResourceInfo, patch: unknown, directive: FieldValidation, subresource: string | undefined): { patch: unknown; warnings: string[] } {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch) || subresource !== undefined) return { patch, warnings: [] };
  const { object, errors } = decodeLoose(info, withoutDirectives(patch) as KObject, 'converter');
  if (errors.fatal !== undefined) throw patchDecodeError(goV(patch), errors.fatal);
  if (errors.strict.length && directive === 'Strict') throw patchDecodeError(goV(patch), `strict decoding error: ${errors.strict.join(', ')}`);
  return { patch: pruneLike(patch, object), warnings: directive === 'Warn' ? errors.strict : [] };
}

/** The request's parts: resource, namespace, name, subresource. */
interface Target {
  info: ResourceInfo;
  namespace?: string;
  name?: string;
  subresource?: string;
  watchPrefix: boolean;
}

function resolveTarget(path: string): Target | 'root' | undefined {
  const parts = path.split('/').filter(Boolean);
  let gv: GroupVersion | undefined;
  let rest: string[];
  if (parts[0] === 'api' && parts[1]) {
    gv = GROUP_VERSIONS.find((g) => g.group === '' && g.version === parts[1]);
    rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts[1] && parts[2]) {
    gv = GROUP_VERSIONS.find((g) => g.group === parts[1] && g.version === parts[2]);
    rest = parts.slice(3);
  } else return undefined;
  if (!gv) return undefined;
  if (rest.length === 0) return 'root';
  let watchPrefix = false;
  if (rest[0] === 'watch') {
    watchPrefix = true;
    rest = rest.slice(1);
  }
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = decodePathSegment(rest[1]);
    rest = rest.slice(2);
  }
  const info = gv.resources.find((r) => r.plural === rest[0]);
  if (!info) return undefined;
  if (namespace !== undefined && !info.namespaced) return undefined;
  const name = rest[1] === undefined ? undefined : decodePathSegment(rest[1]);
  const subresource = rest[2];
  if (rest.length > 3) return undefined;
  if (subresource !== undefined && !hasSubresource(info.kind, subresource)) return undefined;
  return { info, namespace, name, subresource, watchPrefix };
}

const PATCH_TYPES: Record<string, PatchType> = {
  'application/strategic-merge-patch+json': 'strategic',
  'application/merge-patch+json': 'merge',
  'application/json-patch+json': 'json',
};

// ---- the server --------------------------------------------------------------------------

export interface ApiHttpServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

export interface ServeOptions {
  /**
   * Run the controllers to quiet after each write, so that what a write causes is visible to
   * the next request (default true). Tests that drive the clock themselves turn it off and
   * settle after each kubectl command, as the playground's shell does.
   */
  settleAfterWrites?: boolean;
}

/** Serves `cluster` over HTTP on 127.0.0.1:`port` (0 picks a free port). */
export async function serve(cluster: Cluster, port = 0, opts: ServeOptions = {}): Promise<ApiHttpServer> {
  setSettleWrites(cluster, opts.settleAfterWrites ?? true);
  const streams = new Set<() => void>();
  const server = createServer((req, res) => {
    handle(cluster, req, res, streams).catch((e) => {
      if (!res.headersSent) sendError(res, e);
      else res.end();
    });
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    try {
      upgrade(cluster, req, socket, head, streams);
    } catch (e) {
      rejectUpgrade(socket, isStatusError(e) ? e : new StatusError(500, 'InternalError', `Internal error occurred: ${e instanceof Error ? e.message : String(e)}`));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const stop of streams) stop();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Aggregated API groups served now (metrics.k8s.io while metrics-server is available). */
function extraGroups(cluster: Cluster): GroupVersion[] {
  return metricsApiAvailable(cluster.api) ? [METRICS_GV] : [];
}

/** Requests with `Upgrade:` (WebSocket or SPDY): the exec and attach subresources of pods. */
function upgrade(cluster: Cluster, req: IncomingMessage, socket: Duplex, head: Buffer, streams: Set<() => void>): void {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const target = resolveTarget(url.pathname.replace(/\/+$/, ''));
  if (!target || target === 'root') return rejectUpgrade(socket, new StatusError(404, 'NotFound', NOT_FOUND_RESOURCE, {}));
  const { info, name, subresource } = target;
  if (info.kind === 'Pod' && name !== undefined && target.namespace !== undefined) {
    if (subresource === 'exec') return serveExec(cluster, target.namespace, name, url.searchParams, req, socket, head);
    if (subresource === 'attach') return serveAttach(cluster, target.namespace, name, url.searchParams, req, socket, head, streams);
    if (subresource === 'portforward') {
      // Simplification: kubectl 1.32 tunnels SPDY port-forward streams through WebSocket; the
      // simulated apiserver does not speak SPDY.
      cluster.api.get('Pod', target.namespace, name);
      return rejectUpgrade(socket, badRequest('port-forward is not simulated by this apiserver (it needs SPDY streams)'));
    }
  }
  refuseUpgrade(socket, false);
}

async function handle(cluster: Cluster, req: IncomingMessage, res: ServerResponse, streams: Set<() => void>): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const path = url.pathname.replace(/\/+$/, '') || '/';
  const q = url.searchParams;
  const method = req.method ?? 'GET';

  switch (path) {
    case '/version':
      return send(res, 200, SERVER_VERSION);
    case '/healthz':
    case '/livez':
    case '/readyz':
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('ok');
      return;
    case '/api':
    case '/apis':
      if (wantsAggregated(req.headers.accept)) return send(res, 200, aggregatedDiscovery(path === '/api', extraGroups(cluster)), AGGREGATED_V2);
      return send(res, 200, path === '/api' ? apiVersions() : apiGroupList(extraGroups(cluster)));
    case '/openapi/v3':
      return send(res, 200, openapiRoot());
  }
  if (path.startsWith('/openapi/v3/')) {
    const doc = openapiDoc(path);
    if (doc) return send(res, 200, doc);
  }
  const groupOnly = /^\/apis\/([^/]+)$/.exec(path);
  if (groupOnly) {
    const doc = apiGroupDoc(groupOnly[1], extraGroups(cluster));
    if (doc) return send(res, 200, doc);
  }
  const extra = await serveExtra(cluster, {
    method,
    path,
    body: async () => decode(await readBody(req), req.headers['content-type']),
    dryRun: q.getAll('dryRun').includes('All'),
    query: q,
  });
  if (extra) return send(res, extra.code, extra.body);
  const target = resolveTarget(path);
  if (target === 'root') {
    const parts = path.split('/').filter(Boolean);
    const gv = GROUP_VERSIONS.find((g) => (parts[0] === 'api' ? g.group === '' && g.version === parts[1] : g.group === parts[1] && g.version === parts[2]));
    return send(res, 200, resourceList(gv!));
  }
  if (!target) return sendError(res, new StatusError(404, 'NotFound', NOT_FOUND_RESOURCE));

  const { info, name, subresource } = target;
  const namespace = info.namespaced ? target.namespace : undefined;
  const api = cluster.api;
  const dryRun = q.getAll('dryRun').includes('All');

  if (name === undefined) {
    // Collections.
    if (method === 'GET') {
      if (target.watchPrefix || q.get('watch') === 'true' || q.get('watch') === '1') {
        return watch(cluster, target, req, res, q, streams);
      }
      const result = api.list(info.kind, {
        namespace,
        labelSelector: q.get('labelSelector') ?? undefined,
        fieldSelector: q.get('fieldSelector') ?? undefined,
      });
      if (wantsTable(req.headers.accept)) {
        return send(res, 200, table(info.kind, result.items, cluster.clock.now(), result.resourceVersion, includeOf(q), true));
      }
      return send(res, 200, list(info, result.items, result.resourceVersion));
    }
    if (method === 'POST') {
      if (!info.namespaced || namespace !== undefined || info.kind === 'Namespace') {
        const directive = fieldValidation(q);
        const input = objectBody(decode(await readBody(req), req.headers['content-type']), info.kind);
        if (input.kind === undefined) input.kind = info.kind;
        if (input.apiVersion === undefined) input.apiVersion = info.group ? `${info.group}/${info.version}` : info.version;
        if (input.kind !== info.kind) {
          throw badRequest(`the API version in the data (${String(input.apiVersion)}) does not match the expected API version (${info.group ? `${info.group}/${info.version}` : info.version})`);
        }
        const { object: body, warnings } = decodeBody(info, input, directive);
        const created = api.create(body, { namespace, dryRun });
        settleWrites(cluster);
        return send(res, 201, created, undefined, warnings);
      }
      throw methodNotAllowed(`the server does not allow this method on the requested resource`);
    }
    if (method === 'DELETE') {
      const items = api.list(info.kind, { namespace, labelSelector: q.get('labelSelector') ?? undefined, fieldSelector: q.get('fieldSelector') ?? undefined }).items;
      const opts = await deleteOptions(req, q);
      const deleted: KObject[] = [];
      for (const o of items) deleted.push(api.delete(info.kind, o.metadata.namespace, o.metadata.name!, { ...opts, dryRun }));
      settleWrites(cluster);
      return send(res, 200, list(info, deleted, String(api.store.revision)));
    }
    throw methodNotAllowed('the server does not allow this method on the requested resource');
  }

  // One object (or its subresource).
  if (subresource === 'log') return podLog(cluster, namespace!, name, req, res, q, streams);
  if (subresource === 'binding' || subresource === 'eviction') {
    if (method !== 'POST') throw methodNotAllowed('the server does not allow this method on the requested resource');
    const body = decode(await readBody(req), req.headers['content-type']) as Record<string, unknown>;
    if (subresource === 'binding') {
      const target = (body.target as { name?: string } | undefined)?.name;
      if (!target) throw new StatusError(422, 'Invalid', `Binding.meta.k8s.io "${name}" is invalid: target.name: Required value`);
      api.bind(namespace!, name, target);
    } else {
      // Simplification: an eviction is a graceful delete; PodDisruptionBudgets are not checked.
      const opts = (body.deleteOptions ?? {}) as Record<string, unknown>;
      api.delete('Pod', namespace, name, { gracePeriodSeconds: opts.gracePeriodSeconds as number | undefined, dryRun });
    }
    settleWrites(cluster);
    return send(res, 201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
  }
  if (subresource === 'exec' || subresource === 'attach' || subresource === 'portforward') {
    // Without an Upgrade header (handled by `upgrade`), as kube-apiserver answers.
    throw badRequest('Upgrade request required');
  }
  if (subresource === 'proxy') {
    // Simplification: the proxy subresources are not served.
    throw new StatusError(503, 'ServiceUnavailable' as StatusReason, `the proxy subresource is not simulated`);
  }
  if (subresource === 'scale') return scale(cluster, info, namespace, name, req, res, q);

  switch (method) {
    case 'GET': {
      if (target.watchPrefix || q.get('watch') === 'true') {
        q.set('fieldSelector', `metadata.name=${name}`);
        return watch(cluster, { ...target, name: undefined }, req, res, q, streams);
      }
      const obj = api.get(info.kind, namespace, name);
      if (wantsTable(req.headers.accept) && subresource === undefined) {
        return send(res, 200, table(info.kind, [obj], cluster.clock.now(), obj.metadata.resourceVersion ?? '', includeOf(q), true));
      }
      return send(res, 200, obj);
    }
    case 'PUT': {
      const directive = fieldValidation(q);
      const input = objectBody(decode(await readBody(req), req.headers['content-type']), info.kind);
      if (input.metadata?.name !== undefined && input.metadata.name !== name) {
        throw badRequest(`the name of the object (${input.metadata.name}) does not match the name on the URL (${name})`);
      }
      const { object: body, warnings } = decodeBody(info, input, directive);
      body.metadata = { ...(body.metadata ?? {}), name, ...(namespace ? { namespace } : {}) };
      body.kind ??= info.kind;
      const updated = api.update(body, { dryRun, subresource: subresource === 'status' ? 'status' : undefined });
      settleWrites(cluster);
      return send(res, 200, updated, undefined, warnings);
    }
    case 'PATCH': {
      const ct = (req.headers['content-type'] ?? '').split(';')[0].trim();
      const raw = await readBody(req);
      let result: KObject;
      if (ct === 'application/apply-patch+yaml' || ct === 'application/apply-patch+json') {
        // Simplification: server-side apply as a strategic merge of the applied configuration;
        // like apply, it creates the object when it does not exist.
        const { object: applied, warnings } = decodeBody(info, objectBody(decode(raw, 'yaml'), info.kind), fieldValidation(q));
        const existing = api.find(info.kind, namespace, name);
        if (!existing) {
          applied.metadata = { ...(applied.metadata ?? {}), name };
          result = api.create(applied, { namespace, dryRun });
          settleWrites(cluster);
          return send(res, 201, result, undefined, warnings);
        }
        result = api.patch(info.kind, namespace, name, 'strategic', applied, { dryRun });
        settleWrites(cluster);
        return send(res, 200, result, undefined, warnings);
      }
      const type = PATCH_TYPES[ct];
      if (!type) {
        throw new StatusError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json`);
      }
      const { patch, warnings } = checkPatch(info, decode(raw, 'json'), fieldValidation(q), subresource);
      result = api.patch(info.kind, namespace, name, type, patch, {
        dryRun,
        subresource: subresource === 'status' ? 'status' : undefined,
      });
      settleWrites(cluster);
      return send(res, 200, result, undefined, warnings);
    }
    case 'DELETE': {
      const opts = await deleteOptions(req, q);
      const before = api.get(info.kind, namespace, name);
      const out = api.delete(info.kind, namespace, name, { ...opts, dryRun });
      settleWrites(cluster);
      const gone = !api.find(info.kind, namespace, name);
      if (!gone || ['Pod', 'Service', 'Namespace'].includes(info.kind) || dryRun) return send(res, 200, out);
      const [kindPlural] = qualifiedResource(info).split('.');
      return send(res, 200, {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Success',
        details: { name, ...(info.group ? { group: info.group } : {}), kind: kindPlural, uid: before.metadata.uid },
      });
    }
    default:
      throw methodNotAllowed('the server does not allow this method on the requested resource');
  }
}

function includeOf(q: URLSearchParams): IncludeObject {
  const v = q.get('includeObject');
  return v === 'None' || v === 'Object' ? v : 'Metadata';
}

async function deleteOptions(req: IncomingMessage, q: URLSearchParams): Promise<DeleteOptions> {
  const raw = await readBody(req);
  const body = raw.toString('utf8').trim() ? (decode(raw, req.headers['content-type']) as Record<string, unknown>) : {};
  const opts: DeleteOptions = {};
  const grace = body.gracePeriodSeconds ?? q.get('gracePeriodSeconds');
  if (grace !== undefined && grace !== null) opts.gracePeriodSeconds = Number(grace);
  const policy = (body.propagationPolicy ?? q.get('propagationPolicy') ?? undefined) as PropagationPolicy | undefined;
  if (policy) {
    if (!['Background', 'Foreground', 'Orphan'].includes(policy)) {
      throw new StatusError(422, 'Invalid', `DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "${policy}": supported values: "Foreground", "Background", "Orphan", "nil"`);
    }
    opts.propagationPolicy = policy;
  } else if (body.orphanDependents === true) opts.propagationPolicy = 'Orphan';
  const pre = body.preconditions as { uid?: string; resourceVersion?: string } | undefined;
  if (pre) opts.preconditions = pre;
  return opts;
}

/** The scale subresource (autoscaling/v1 Scale) of deployments, replicasets, statefulsets, RCs. */
async function scale(
  cluster: Cluster,
  info: ResourceInfo,
  namespace: string | undefined,
  name: string,
  req: IncomingMessage,
  res: ServerResponse,
  q: URLSearchParams,
): Promise<void> {
  const api = cluster.api;
  const toScale = (o: KObject): object => {
    const sel = o.spec?.selector;
    const selector = sel?.matchLabels || sel?.matchExpressions
      ? Object.entries((sel.matchLabels ?? {}) as Record<string, string>).map(([k, v]) => `${k}=${v}`).join(',')
      : sel && typeof sel === 'object'
        ? Object.entries(sel as Record<string, string>).map(([k, v]) => `${k}=${v}`).join(',')
        : '';
    return {
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      metadata: {
        name: o.metadata.name,
        namespace: o.metadata.namespace,
        uid: o.metadata.uid,
        resourceVersion: o.metadata.resourceVersion,
        creationTimestamp: o.metadata.creationTimestamp,
      },
      spec: { replicas: o.spec?.replicas ?? 0 },
      status: { replicas: o.status?.replicas ?? 0, selector },
    };
  };
  const method = req.method ?? 'GET';
  const dryRun = q.getAll('dryRun').includes('All');
  if (method === 'GET') return send(res, 200, toScale(api.get(info.kind, namespace, name)));
  const raw = await readBody(req);
  let replicas: unknown;
  let rv: string | undefined;
  if (method === 'PUT') {
    const body = decode(raw, req.headers['content-type']) as { spec?: { replicas?: unknown }; metadata?: { resourceVersion?: string } };
    replicas = body.spec?.replicas;
    rv = body.metadata?.resourceVersion;
  } else if (method === 'PATCH') {
    const ct = (req.headers['content-type'] ?? '').split(';')[0].trim();
    const current = toScale(api.get(info.kind, namespace, name));
    const type = PATCH_TYPES[ct] ?? (ct.startsWith('application/apply-patch') ? 'merge' : undefined);
    if (!type) throw new StatusError(415, 'UnsupportedMediaType', 'the body of the request was in an unknown format');
    const { applyPatch } = await import('../api/patch');
    const patched = applyPatch(type, current, decode(raw, ct.includes('yaml') ? 'yaml' : 'json'), 'Scale') as { spec?: { replicas?: unknown } };
    replicas = patched.spec?.replicas;
  } else throw methodNotAllowed('the server does not allow this method on the requested resource');
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
    throw new StatusError(422, 'Invalid', `Scale.autoscaling "${name}" is invalid: spec.replicas: Invalid value: ${JSON.stringify(replicas)}: must be greater than or equal to 0`);
  }
  const obj = api.get(info.kind, namespace, name);
  const next = structuredClone(obj) as KObject;
  next.spec = { ...next.spec, replicas };
  if (rv) next.metadata.resourceVersion = rv;
  const updated = api.update(next, { dryRun });
  settleWrites(cluster);
  send(res, 200, toScale(updated));
}

/** WATCH: a stream of `{"type":..., "object":...}` lines. */
function watch(
  cluster: Cluster,
  target: Target,
  req: IncomingMessage,
  res: ServerResponse,
  q: URLSearchParams,
  streams: Set<() => void>,
): void {
  const { info } = target;
  const namespace = info.namespaced ? target.namespace : undefined;
  const rvParam = q.get('resourceVersion') ?? '';
  if (rvParam !== '' && !/^\d+$/.test(rvParam)) throw badRequest(`invalid resource version ${JSON.stringify(rvParam)}`);
  const labelSel = parseSelector(q.get('labelSelector') ?? '');
  const fieldSel = parseFieldSelector(q.get('fieldSelector') ?? '');
  // Validates the selectors as a list would (unsupported field labels are 400 Bad Request).
  const initial = cluster.api.list(info.kind, { namespace, labelSelector: labelSel, fieldSelector: fieldSel });
  const asTable = wantsTable(req.headers.accept);
  const include = includeOf(q);
  let headers = true;
  const encode = (obj: KObject): unknown => {
    if (!asTable) return obj;
    const t = table(info.kind, [obj], cluster.clock.now(), obj.metadata.resourceVersion ?? '', include, headers);
    headers = false;
    return t;
  };
  const matchesAll = (o: KObject | undefined): boolean =>
    !!o && (labelSel.length === 0 || matches(labelSel, o.metadata.labels)) && (fieldSel.length === 0 || matchesFields(o, fieldSel));

  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
  // The client learns that the watch is established from the headers.
  res.flushHeaders();
  let broken = false;
  const write = (type: string, obj: KObject): void => {
    if (broken || res.writableEnded) return;
    try {
      res.write(JSON.stringify({ type, object: encode(obj) }) + '\n');
    } catch (e) {
      // Never let a stream's failure reach the writer that caused the event: end the stream
      // with an ERROR event, as the apiserver ends a watch it cannot encode for.
      broken = true;
      const err = new StatusError(500, 'InternalError', `Internal error occurred: ${e instanceof Error ? e.message : String(e)}`);
      res.end(JSON.stringify({ type: 'ERROR', object: err.toStatus() }) + '\n');
    }
  };
  const rv = q.get('resourceVersion') ?? '';
  if (rv === '' || rv === '0') for (const o of initial.items) write('ADDED', o);
  const onEvent = (ev: WatchEvent): void => {
    const now = matchesAll(ev.object);
    const before = ev.old ? matchesAll(ev.old) : false;
    let type: string = ev.type;
    if (ev.type === 'MODIFIED') {
      if (now && !before) type = 'ADDED';
      else if (!now && before) type = 'DELETED';
      else if (!now) return;
    } else if (!now) return;
    write(type, ev.object);
  };
  let stopWatch: () => void;
  try {
    stopWatch = cluster.api.watch(info.kind, onEvent, { namespace, resourceVersion: rv === '0' ? '' : rv });
  } catch (e) {
    // 410 Gone arrives as an ERROR event in the stream, as the apiserver sends it.
    if (isStatusError(e)) {
      res.end(JSON.stringify({ type: 'ERROR', object: e.toStatus() }) + '\n');
      return;
    }
    throw e;
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = (): void => {
    stopWatch();
    if (timer) clearTimeout(timer);
    streams.delete(stop);
    res.end();
  };
  streams.add(stop);
  const timeout = Number(q.get('timeoutSeconds') ?? '');
  if (timeout > 0) timer = setTimeout(stop, timeout * 1000);
  req.on('close', stop);
}

/** pods/log: the container's log as text; with follow=true, a stream until the container exits. */
function podLog(
  cluster: Cluster,
  namespace: string,
  name: string,
  req: IncomingMessage,
  res: ServerResponse,
  q: URLSearchParams,
  streams: Set<() => void>,
): void {
  const num = (k: string): number | undefined => (q.get(k) === null ? undefined : Number(q.get(k)));
  const opts = {
    previous: q.get('previous') === 'true',
    tailLines: num('tailLines'),
    sinceSeconds: num('sinceSeconds'),
    sinceTime: q.get('sinceTime') ?? undefined,
    limitBytes: num('limitBytes'),
  };
  const container = q.get('container') ?? undefined;
  const timestamps = q.get('timestamps') === 'true';
  const format = (l: LogLine): string => (timestamps ? `${logTimestamp(l)} ${l.text}\n` : `${l.text}\n`);
  if (q.get('follow') !== 'true') {
    const lines = cluster.nodes.logs(namespace, name, container, opts);
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache, private' });
    res.end(lines.map(format).join(''));
    return;
  }
  let started = false;
  let ended = false;
  const chunks: string[] = [];
  const stopFollow = cluster.nodes.followLogs(namespace, name, container, opts, {
    line: (l) => {
      if (started) res.write(format(l));
      else chunks.push(format(l));
    },
    end: () => {
      ended = true;
      if (started) finish();
    },
  });
  res.writeHead(200, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();
  started = true;
  for (const c of chunks) res.write(c);
  const finish = (): void => {
    stopFollow();
    streams.delete(finish);
    res.end();
  };
  streams.add(finish);
  if (ended) finish();
  req.on('close', finish);
}

// ---- real time -----------------------------------------------------------------------------

/**
 * Moves the simulated clock with the wall clock (times `speed`), in small ticks. Returns a
 * function that stops it.
 */
export function runRealTime(cluster: Cluster, speed: number, tickMs = 100): () => void {
  let last = Date.now();
  const timer = setInterval(() => {
    const now = Date.now();
    const seconds = ((now - last) / 1000) * speed;
    last = now;
    try {
      cluster.advance(seconds);
    } catch (e) {
      if (cluster.internalErrors.length < 100) cluster.internalErrors.push(`apiserver tick: ${e instanceof Error ? e.stack : String(e)}`);
    }
  }, tickMs);
  return () => clearInterval(timer);
}

// ---- CLI -----------------------------------------------------------------------------------

const USAGE = 'usage: npm run --silent apiserver -- --port P [--speed X] [--nodes N] [--seed S]\n';

function parseArgs(argv: string[]): { port: number; speed: number; nodes: number; seed: number } | string {
  const o = { port: -1, speed: 1, nodes: 3, seed: 1 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') continue;
    if (a === '-h' || a === '--help') return USAGE;
    const m = /^--(port|speed|nodes|seed)(?:=(.*))?$/.exec(a);
    if (!m) return `apiserver: unknown argument ${a}\n${USAGE}`;
    const v = m[2] ?? argv[++i];
    const n = Number(v);
    if (v === undefined || !Number.isFinite(n) || n < 0 || (m[1] !== 'speed' && !Number.isInteger(n)) || (m[1] === 'speed' && n <= 0)) {
      return `apiserver: --${m[1]} needs a ${m[1] === 'speed' ? 'positive number' : 'non-negative integer'}, got ${v === undefined ? 'nothing' : `"${v}"`}\n`;
    }
    o[m[1] as 'port' | 'speed' | 'nodes' | 'seed'] = n;
  }
  if (o.port < 0 || o.port > 65535) return `apiserver: --port is required\n${USAGE}`;
  return o;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    process.stderr.write(args);
    process.exitCode = 2;
    return;
  }
  // The simulated clock starts at the wall clock (less the boot time it has already run), so
  // that ages and timestamps agree with the machine's time at speed 1.
  const cluster = createCluster({ nodes: args.nodes, seed: args.seed, epochMs: Date.now() - BOOT_SECONDS * 1000 });
  let srv: ApiHttpServer;
  try {
    srv = await serve(cluster, args.port);
  } catch (e) {
    process.stderr.write(`apiserver: cannot listen on 127.0.0.1:${args.port}: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
    return;
  }
  runRealTime(cluster, args.speed);
  process.stdout.write(
    `Serving the simulated cluster on http://127.0.0.1:${srv.port} (speed ${args.speed}x)\n` +
      `Try: kubectl --server=http://127.0.0.1:${srv.port} get nodes\n`,
  );
  // A failure in one connection must not take the cluster down with it.
  process.on('uncaughtException', (e) => {
    process.stderr.write(`apiserver: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  });
  const shutdown = (): void => {
    void srv.close().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

// Run as a program, not when imported by tests.
if (process.argv[1] && /apiserver\.ts$/.test(process.argv[1])) void main();

