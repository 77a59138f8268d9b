/**
 * The ingress-nginx controller's data plane (kubernetes/ingress-nginx controller-v1.12.2): what
 * its nginx does with an HTTP request that reaches the controller pod on port 80.
 *
 * Configuration model (internal/ingress/controller/controller.go createServers and
 * getBackendServers, location.go updateServerLocations, template.go buildLocation):
 * - The controller serves the Ingresses of its class: spec.ingressClassName naming an
 *   IngressClass whose spec.controller is its --controller-class (k8s.io/ingress-nginx), or the
 *   annotation kubernetes.io/ingress.class equal to --ingress-class (nginx); with
 *   --watch-ingress-without-class also those without a class. Older Ingresses win conflicts
 *   (sorted by creationTimestamp).
 * - One nginx `server` per host (`_`, the catch-all default server, for rules without host),
 *   each with a root location `/` going to the default backend (the Ingress's
 *   spec.defaultBackend if set, else the controller's built-in 404), replaced by a rule for `/`.
 * - Path types: Exact -> `location = /p`; Prefix `/p` -> `location /p/` plus `location = /p`
 *   (so `/p`, `/p/`, `/p/x` match, `/px` does not); ImplementationSpecific -> a plain nginx
 *   prefix location `/p` (which also matches `/px`). nginx picks an exact match, else the
 *   longest prefix.
 * - Host: exact server_name, then `*.example.com` wildcards (one label), else `_`.
 *
 * Proxying (rootfs/etc/nginx/template/nginx.tmpl): ingress-nginx's Lua balancer sends each
 * request straight to a ready endpoint of the backend Service (not through its ClusterIP),
 * round-robin (the `load-balance` default), with the headers the template sets (X-Request-ID,
 * X-Real-IP, X-Forwarded-For/Host/Port/Proto/Scheme, X-Scheme); on a connection error or timeout
 * it tries the next endpoint (proxy_next_upstream_tries 3). No endpoints: 503; all attempts
 * refused: 502; timed out: 504. Error pages have `server_tokens off` (`<center>nginx</center>`)
 * and no Server header (`more_clear_headers Server`). Each request of a rule is logged in the
 * controller's log with the `upstreaminfo` log format; the default backend is not logged.
 *
 * Simplification: one round-robin position per upstream and controller pod (nginx keeps one
 * per worker process); no TLS (https requests fail as on a plain-HTTP port); annotations
 * (rewrite-target, use-regex, canary, ...) are ignored; ExternalName backends answer 503.
 */
import type { ApiServer } from '../api/server';
import type { KObject } from '../api/types/meta';
import { emitAccessLog, accessLog } from './access-log';
import type { PodNetwork } from './pod-network';
import type { ProxyEndpoint } from '../proxy/service-map';
import { nginxErrorPage, nginxTimeLocal, parseImage, utf8Length, type Listener, type ServerRequest, type ServerResponse } from './servers';

 
type Any = any;

export const INGRESS_NGINX_IMAGE_REPO = 'registry.k8s.io/ingress-nginx/controller';
export const INGRESS_NGINX_VERSION = '1.12.2';
/** --controller-class default and the IngressClass `nginx` controller. */
export const INGRESS_NGINX_CONTROLLER_CLASS = 'k8s.io/ingress-nginx';
export const INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';
/** Name of the built-in default backend upstream. */
export const DEFAULT_BACKEND_UPSTREAM = 'upstream-default-backend';
/** The ports the controller container listens on: http, https, webhook, healthz/metrics. */
export const INGRESS_NGINX_PORTS = [80, 443, 8443, 10254];

/** The controller's command-line configuration, read from its container args. */
export interface IngressNginxConfig {
  ingressClass: string;
  controllerClass: string;
  watchWithoutClass: boolean;
  publishService?: string;
  publishStatusAddress?: string;
  updateStatus: boolean;
  /** The container running the controller. */
  container: string;
}

/** Whether a container image is the ingress-nginx controller. */
export function isIngressNginxImage(image: string): boolean {
  // Asked for both versions of every pod write by the ingress controller's pod trigger: the
  // few distinct images of a cluster are parsed once.
  let yes = ingressImages.get(image);
  if (yes === undefined) {
    const { repo } = parseImage(image);
    yes = repo === INGRESS_NGINX_IMAGE_REPO || repo === 'k8s.gcr.io/ingress-nginx/controller';
    if (ingressImages.size < 1000) ingressImages.set(image, yes);
  }
  return yes;
}

const ingressImages = new Map<string, boolean>();

/** The controller configuration of a pod, or undefined when it runs no ingress-nginx. */
export function ingressNginxConfig(pod: KObject): IngressNginxConfig | undefined {
  const c = ((pod.spec?.containers as Any[]) ?? []).find((x) => isIngressNginxImage(String(x.image ?? '')));
  if (!c) return undefined;
  const ns = pod.metadata.namespace!;
  const args: string[] = [...(c.command ?? []), ...(c.args ?? [])].map((a: unknown) => String(a).replace(/\$\(POD_NAMESPACE\)/g, ns).replace(/\$\(POD_NAME\)/g, pod.metadata.name!));
  const flag = (name: string): string | undefined => {
    for (let i = 0; i < args.length; i++) {
      if (args[i].startsWith(`--${name}=`)) return args[i].slice(name.length + 3);
      if (args[i] === `--${name}` && i + 1 < args.length && !args[i + 1].startsWith('--')) return args[i + 1];
    }
    return undefined;
  };
  const bool = (name: string, def: boolean): boolean => {
    if (args.includes(`--${name}`)) return true;
    const v = flag(name);
    return v === undefined ? def : v === 'true';
  };
  return {
    ingressClass: flag('ingress-class') ?? 'nginx',
    controllerClass: flag('controller-class') ?? INGRESS_NGINX_CONTROLLER_CLASS,
    watchWithoutClass: bool('watch-ingress-without-class', false),
    publishService: flag('publish-service'),
    publishStatusAddress: flag('publish-status-address'),
    updateStatus: bool('update-status', true),
    container: c.name,
  };
}

/** store.GetIngressClass: whether the controller serves this Ingress. */
export function servesIngress(api: ApiServer, ing: KObject, cfg: IngressNginxConfig): boolean {
  const className = ing.spec?.ingressClassName;
  if (className != null) {
    const ic = api.find('IngressClass', undefined, className);
    return !!ic && ic.spec?.controller === cfg.controllerClass;
  }
  const ann = ing.metadata.annotations?.[INGRESS_CLASS_ANNOTATION];
  if (ann !== undefined) return ann === cfg.ingressClass;
  return cfg.watchWithoutClass;
}

/** The Ingresses a controller serves, oldest first (sortIngressSlice). */
export function servedIngresses(api: ApiServer, cfg: IngressNginxConfig): KObject[] {
  return api.store
    .list('Ingress')
    .filter((i) => !i.metadata.deletionTimestamp && servesIngress(api, i, cfg))
    .sort((a, b) => {
      const ta = a.metadata.creationTimestamp ?? '';
      const tb = b.metadata.creationTimestamp ?? '';
      if (ta !== tb) return ta < tb ? -1 : 1;
      const ka = `${a.metadata.namespace}/${a.metadata.name}`;
      const kb = `${b.metadata.namespace}/${b.metadata.name}`;
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    });
}

/** A backend: a service port of an Ingress, or the built-in default backend. */
export interface Upstream {
  /** `<namespace>-<service>-<port>` or `upstream-default-backend`. */
  name: string;
  namespace?: string;
  service?: string;
  port?: { name?: string; number?: number };
}

export interface Location {
  path: string;
  exact: boolean;
  upstream: Upstream;
  /** The root location nobody defined (goes to the default backend, not logged). */
  isDefault: boolean;
  ingress?: KObject;
}

export interface NginxServer {
  hostname: string;
  locations: Location[];
}

const DEFAULT_SERVER = '_';
const DEFAULT_UPSTREAM: Upstream = { name: DEFAULT_BACKEND_UPSTREAM };

function upstreamOf(namespace: string, backend: Any): Upstream | undefined {
  const svc = backend?.service;
  if (!svc?.name) return undefined;
  const port = svc.port ?? {};
  const p = port.name ? port.name : String(port.number ?? '');
  return { name: `${namespace}-${svc.name}-${p}`, namespace, service: svc.name, port: { name: port.name, number: port.number } };
}

/** Builds nginx's servers from the Ingresses the controller serves. */
export function buildServers(ingresses: KObject[]): Map<string, NginxServer> {
  const servers = new Map<string, NginxServer>();
  servers.set(DEFAULT_SERVER, { hostname: DEFAULT_SERVER, locations: [{ path: '/', exact: false, upstream: DEFAULT_UPSTREAM, isDefault: true }] });
  for (const ing of ingresses) {
    const rules: Any[] = ing.spec?.rules ?? [];
    const def = upstreamOf(ing.metadata.namespace!, ing.spec?.defaultBackend);
    if (def && rules.length === 0) {
      const root = servers.get(DEFAULT_SERVER)!.locations[0];
      if (root.isDefault) Object.assign(root, { upstream: def, isDefault: false, ingress: ing });
    }
    for (const r of rules) {
      const host = r.host || DEFAULT_SERVER;
      if (servers.has(host)) continue;
      servers.set(host, { hostname: host, locations: [{ path: '/', exact: false, upstream: def ?? DEFAULT_UPSTREAM, isDefault: true, ingress: def ? ing : undefined }] });
    }
  }
  for (const ing of ingresses) {
    for (const r of (ing.spec?.rules as Any[]) ?? []) {
      const server = servers.get(r.host || DEFAULT_SERVER)!;
      for (const p of (r.http?.paths as Any[]) ?? []) {
        const up = upstreamOf(ing.metadata.namespace!, p.backend);
        if (!up) continue;
        const path: string = p.path || '/';
        const type: string = p.pathType ?? 'ImplementationSpecific';
        const exact = type === 'Exact';
        const existing = server.locations.find((l) => l.path === path && l.exact === exact && !l.isDefault);
        if (existing) continue; // "location already configured": the older Ingress keeps it
        const loc: Location = { path, exact, upstream: up, isDefault: false, ingress: ing };
        if (path === '/' && !exact) {
          const root = server.locations.find((l) => l.path === '/' && !l.exact)!;
          Object.assign(root, loc);
          continue;
        }
        if (type === 'Prefix') {
          // updateServerLocations: `/p` becomes `location /p/` plus `location = /p`.
          const hasExact = server.locations.some((l) => l.exact && l.path === path);
          server.locations.push({ ...loc, path: path.endsWith('/') ? path : `${path}/` });
          if (!hasExact && !path.endsWith('/')) server.locations.push({ ...loc, exact: true });
          continue;
        }
        server.locations.push(loc);
      }
    }
  }
  return servers;
}

/** nginx's server selection by the Host header. */
export function selectServer(servers: Map<string, NginxServer>, hostHeader: string | undefined): NginxServer {
  const host = (hostHeader ?? '').replace(/:\d+$/, '').toLowerCase();
  const exact = servers.get(host);
  if (exact && host !== DEFAULT_SERVER) return exact;
  for (const s of servers.values()) {
    if (!s.hostname.startsWith('*.')) continue;
    const suffix = s.hostname.slice(1).toLowerCase();
    if (host.endsWith(suffix) && /^[\w-]+$/.test(host.slice(0, -suffix.length))) return s;
  }
  return servers.get(DEFAULT_SERVER)!;
}

/** nginx's location selection: an exact match, else the longest prefix. */
export function selectLocation(server: NginxServer, uri: string): Location {
  const path = uri.split('?')[0];
  const exact = server.locations.find((l) => l.exact && l.path === path);
  if (exact) return exact;
  let best: Location | undefined;
  for (const l of server.locations) {
    if (l.exact || !path.startsWith(l.path)) continue;
    if (!best || l.path.length > best.path.length) best = l;
  }
  return best ?? server.locations.find((l) => l.path === '/')!;
}

/** The ready endpoints of an upstream (the EndpointSlices of its service port). */
export function upstreamEndpoints(net: PodNetwork, up: Upstream): ProxyEndpoint[] {
  if (!up.service) return [];
  const svc = net.api.find('Service', up.namespace, up.service);
  if (!svc || svc.spec?.type === 'ExternalName') return [];
  const sp = ((svc.spec?.ports as Any[]) ?? []).find((p) => (up.port?.name ? p.name === up.port.name : p.port === up.port?.number));
  if (!sp) return [];
  const info = net.services.service(`${up.namespace}/${up.service}`).find((i) => i.portName === (sp.name ?? '') && i.protocol === (sp.protocol ?? 'TCP'));
  return (info?.endpoints ?? []).filter((e) => e.ready);
}

const REASONS: Record<number, string> = {
  404: 'Not Found',
  502: 'Bad Gateway',
  503: 'Service Temporarily Unavailable',
  504: 'Gateway Time-out',
};

function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

function header(headers: [string, string][], name: string): string | undefined {
  return headers.find(([k]) => k.toLowerCase() === name)?.[1];
}

function connectionValue(req: ServerRequest): string {
  return header(req.headers, 'connection')?.toLowerCase() === 'close' ? 'close' : 'keep-alive';
}

function errorResponse(req: ServerRequest, status: number): ServerResponse {
  const body = nginxErrorPage(status, REASONS[status], '');
  return {
    status,
    reason: REASONS[status],
    headers: [['Date', httpDate(req.nowMs)], ['Content-Type', 'text/html'], ['Content-Length', String(utf8Length(body))], ['Connection', connectionValue(req)]],
    body,
  };
}

/** The request line and headers as nginx counts $request_length. */
function requestLength(req: ServerRequest): number {
  let n = `${req.method} ${req.path} HTTP/1.1\r\n`.length + 2;
  for (const [k, v] of req.headers) n += utf8Length(`${k}: ${v}\r\n`);
  return n;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy', 'upgrade', 'te', 'trailer', 'transfer-encoding', 'x-forwarded-for', 'x-real-ip', 'x-request-id', 'x-forwarded-host', 'x-forwarded-port', 'x-forwarded-proto', 'x-forwarded-scheme', 'x-scheme', 'x-original-forwarded-for', 'host']);

/** What the upstream receives (proxy_set_header of nginx.tmpl, then the client's own headers). */
function upstreamRequest(req: ServerRequest, reqId: string): ServerRequest {
  const host = header(req.headers, 'host') ?? req.localIP;
  const headers: [string, string][] = [
    ['Host', host],
    ['X-Request-ID', reqId],
    ['X-Real-IP', req.remoteIP],
    ['X-Forwarded-For', req.remoteIP],
    ['X-Forwarded-Host', host],
    ['X-Forwarded-Port', String(req.localPort)],
    ['X-Forwarded-Proto', 'http'],
    ['X-Forwarded-Scheme', 'http'],
    ['X-Scheme', 'http'],
  ];
  const xff = header(req.headers, 'x-forwarded-for');
  if (xff) headers.push(['X-Original-Forwarded-For', xff]);
  for (const [k, v] of req.headers) if (!HOP_BY_HOP.has(k.toLowerCase())) headers.push([k, v]);
  return { ...req, headers };
}

/** nginx's response to the client for an upstream response (Server and Date replaced). */
function clientResponse(req: ServerRequest, res: ServerResponse): ServerResponse {
  const ct = header(res.headers, 'content-type');
  const cl = header(res.headers, 'content-length');
  const out: [string, string][] = [['Date', httpDate(req.nowMs)]];
  if (ct) out.push(['Content-Type', ct]);
  if (cl) out.push(['Content-Length', cl]);
  else out.push(['Transfer-Encoding', 'chunked']);
  out.push(['Connection', connectionValue(req)]);
  const skip = new Set(['server', 'date', 'content-type', 'content-length', 'connection', 'keep-alive', 'transfer-encoding', 'x-pad']);
  for (const [k, v] of res.headers) if (!skip.has(k.toLowerCase()) && !k.toLowerCase().startsWith('x-accel-')) out.push([k, v]);
  return { ...res, headers: out };
}

/** Round-robin positions: PodNetwork -> `controller uid/upstream` -> next index. */
const rrState = new WeakMap<PodNetwork, Map<string, number>>();

function nextIndex(net: PodNetwork, key: string, n: number): number {
  let m = rrState.get(net);
  if (!m) rrState.set(net, (m = new Map()));
  // resty.roundrobin starts wherever the (hash-ordered) peer table starts: a random peer.
  const i = m.get(key) ?? net.rng.int(n);
  m.set(key, (i + 1) % n);
  return i % n;
}

/** Milliseconds of proxy_connect_timeout (5 s) per attempt that timed out. */
export const PROXY_CONNECT_TIMEOUT_MS = 5000;
const PROXY_NEXT_UPSTREAM_TRIES = 3;

/** Serves one HTTP request on the controller's port 80. */
export function ingressNginxServe(net: PodNetwork, controller: KObject, cfg: IngressNginxConfig, req: ServerRequest): ServerResponse {
  const servers = buildServers(servedIngresses(net.api, cfg));
  const server = selectServer(servers, header(req.headers, 'host'));
  const loc = selectLocation(server, req.path);
  const reqId = header(req.headers, 'x-request-id') ?? req.randomHex(16);
  const up = loc.upstream;
  if (up.name === DEFAULT_BACKEND_UPSTREAM) return errorResponse(req, 404);
  const log = (res: ServerResponse, addrs: string[], statuses: string[], lengths: string[]): void => {
    if (loc.isDefault) return;
    const ua = header(req.headers, 'user-agent') ?? '-';
    const referer = header(req.headers, 'referer') ?? '-';
    const bytes = req.method === 'HEAD' ? 0 : utf8Length(res.body);
    const times = addrs.length ? addrs.map(() => '0.001').join(', ') : '-';
    const line =
      `${req.remoteIP} - - [${nginxTimeLocal(req.nowMs)}] "${req.method} ${req.path} HTTP/1.1" ${res.status} ${bytes} "${referer}" "${ua}" ` +
      `${requestLength(req)} ${addrs.length ? '0.001' : '0.000'} [${up.name}] [] ${addrs.join(', ') || '-'} ${lengths.join(', ') || '-'} ${times} ${statuses.join(', ') || '-'} ${reqId}`;
    emitAccessLog(net, controller, cfg.container, line);
  };
  const eps = upstreamEndpoints(net, up);
  if (eps.length === 0) {
    const res = errorResponse(req, 503);
    log(res, [], [], []);
    return res;
  }
  const src = { kind: 'pod' as const, namespace: controller.metadata.namespace!, name: controller.metadata.name! };
  const start = nextIndex(net, `${controller.metadata.uid}/${up.name}`, eps.length);
  const addrs: string[] = [];
  const statuses: string[] = [];
  const lengths: string[] = [];
  let lastError: 'refused' | 'timeout' | 'empty' = 'refused';
  for (let t = 0; t < Math.min(PROXY_NEXT_UPSTREAM_TRIES, eps.length); t++) {
    const ep = eps[(start + t) % eps.length];
    if (t > 0) nextIndex(net, `${controller.metadata.uid}/${up.name}`, eps.length);
    addrs.push(`${ep.ip}:${ep.port}`);
    const conn = net.connect(src, ep.ip, ep.port);
    if (!conn.ok) {
      lastError = conn.error;
      statuses.push(conn.error === 'timeout' ? '504' : '502');
      lengths.push('0');
      continue;
    }
    if (!conn.listener || !conn.pod) {
      lastError = 'empty';
      statuses.push('502');
      lengths.push('0');
      continue;
    }
    const ureq: ServerRequest = { ...upstreamRequest(req, reqId), remoteIP: conn.clientIP, remotePort: conn.clientPort, localIP: conn.serverIP, localPort: conn.serverPort };
    const res = conn.listener.handle(ureq, conn.pod);
    if (res === 'empty-reply') {
      // "upstream prematurely closed connection": not retried for a GET that reached the server.
      lastError = 'empty';
      statuses.push('502');
      lengths.push('0');
      break;
    }
    accessLog(net, conn, ureq, res);
    statuses.push(String(res.status));
    lengths.push(String(req.method === 'HEAD' ? 0 : utf8Length(res.body)));
    const out = clientResponse(req, res);
    log(out, addrs, statuses, lengths);
    return out;
  }
  const res = errorResponse(req, lastError === 'timeout' ? 504 : 502);
  log(res, addrs, statuses, lengths);
  return res;
}

/** Health and metrics port (10254): `/healthz` answers 200 `ok`. */
function healthzResponse(req: ServerRequest): ServerResponse {
  const ok = req.path.split('?')[0] === '/healthz';
  const body = ok ? 'ok' : '404 page not found\n';
  return {
    status: ok ? 200 : 404,
    reason: ok ? 'OK' : 'Not Found',
    headers: [['Content-Type', 'text/plain; charset=utf-8'], ['X-Content-Type-Options', 'nosniff'], ['Date', httpDate(req.nowMs)], ['Content-Length', String(body.length)]],
    body,
  };
}

/** The listener of an ingress-nginx controller pod on a port (see PodNetwork.deliver). */
export function ingressNginxListener(net: PodNetwork, pod: KObject, port: number, base: Listener): Listener {
  const cfg = ingressNginxConfig(pod);
  if (!cfg) return base;
  if (port === 80) return { ...base, handle: (req) => ingressNginxServe(net, pod, cfg, req) };
  if (port === 10254) return { ...base, handle: (req) => healthzResponse(req) };
  return { ...base, handle: () => 'empty-reply' };
}
