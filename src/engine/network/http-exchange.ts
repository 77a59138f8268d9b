/**
 * One HTTP exchange over the simulated network: URL parsing, name resolution from the client
 * (cluster DNS for ClusterFirst pods; only IP literals and localhost for nodes and outside
 * clients), the TCP connection through kube-proxy, and the server's answer. Servers that log
 * requests (nginx, httpd) emit their access-log line to the sinks the kubelet registers.
 */
import type { KObject } from '../api/types/meta';
import { KUBE_DNS_IP } from './ip';
import type { Connected, ConnectFailed, PodNetwork, Source } from './pod-network';
import { accessLog } from './access-log';
import type { ServerRequest, ServerResponse } from './servers';

export { addAccessLogSink, type AccessLogSink } from './access-log';

export interface ParsedUrl {
  scheme: 'http' | 'https';
  host: string;
  port: number;
  /** Path with query, always starting with `/`. */
  path: string;
  /** Whether the URL named the port explicitly (the Host header then carries it). */
  explicitPort: boolean;
}

/** Parses `http://host:port/path`, `host/path` (http assumed, as busybox wget and curl do). */
export function parseUrl(url: string): ParsedUrl | undefined {
  const m = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?([^/:?#]*)(?::(\d*))?([/?][^#]*)?/.exec(url);
  if (!m) return undefined;
  const scheme = (m[1] ?? 'http').toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') return undefined;
  const port = m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80;
  let path = m[4] ?? '/';
  if (path.startsWith('?')) path = '/' + path;
  return { scheme, host: m[2], port, path, explicitPort: !!m[3] };
}

export type Resolution = { ok: true; ips: string[]; name: string } | { ok: false; why: 'nxdomain' | 'dns-unreachable' };

export type HttpOutcome =
  | { ok: true; url: ParsedUrl; ip: string; conn: Connected; response: ServerResponse }
  | { ok: false; url?: ParsedUrl; stage: 'url' }
  | { ok: false; url: ParsedUrl; stage: 'resolve'; why: 'nxdomain' | 'dns-unreachable' }
  | { ok: false; url: ParsedUrl; stage: 'connect'; ip: string; failure: ConnectFailed }
  | { ok: false; url: ParsedUrl; stage: 'empty-reply'; ip: string; conn: Connected }
  | { ok: false; url: ParsedUrl; stage: 'tls'; ip: string; conn: Connected };

export interface HttpOptions {
  method?: string;
  /** Request headers after Host, in the order the client sends them. */
  headers?: [string, string][];
}

/** Who a source is, for DNS: the namespace of a ClusterFirst pod, else undefined. */
function dnsNamespace(net: PodNetwork, src: Source): string | undefined {
  if (src.kind !== 'pod') return undefined;
  const pod = net.api.find('Pod', src.namespace, src.name);
  if (!pod) return undefined;
  const policy = pod.spec?.dnsPolicy ?? 'ClusterFirst';
  if (pod.spec?.hostNetwork && policy !== 'ClusterFirstWithHostNet') return undefined;
  if (policy === 'Default' || policy === 'None') return undefined;
  return src.namespace;
}

/** Whether the client can reach CoreDNS at all (kube-dns has endpoints its node can use). */
export function dnsReachable(net: PodNetwork, src: Source): boolean {
  const from = net.sourceOf(src);
  if (!from?.node) return false;
  const v = net.proxy(from.node).route({ srcIP: from.ip, dstIP: KUBE_DNS_IP, dstPort: 53, protocol: 'UDP', fromPod: true, fromOutside: false, toNodeIP: false });
  if (v.kind !== 'dnat') return false;
  const pod = net.podByIP(v.endpoint.ip);
  if (!pod || !net.nodeUp(pod.spec?.nodeName) || pod.status?.phase !== 'Running') return false;
  // A default-deny egress policy without a rule for UDP 53 leaves the pod without DNS.
  const seen = v.masquerade ? net.masqueradeIP(from.node, v.endpoint.ip) : from.ip;
  return net.policyDenies(from, seen, v.endpoint.ip, v.endpoint.port, 'UDP') === undefined;
}

/** getaddrinfo from a source: /etc/hosts first (localhost, the pod's own hostname), then DNS. */
export function resolveHost(net: PodNetwork, src: Source, host: string): Resolution {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) return { ok: true, ips: [host], name: host };
  if (host === 'localhost') return { ok: true, ips: ['127.0.0.1'], name: host };
  if (src.kind === 'pod') {
    const pod = net.api.find('Pod', src.namespace, src.name);
    const hostname = pod?.spec?.hostname ?? pod?.metadata.name;
    if (pod && host === hostname && pod.status?.podIP) return { ok: true, ips: [pod.status.podIP], name: host };
  }
  const ns = dnsNamespace(net, src);
  if (ns === undefined) return { ok: false, why: 'nxdomain' };
  if (!dnsReachable(net, src)) return { ok: false, why: 'dns-unreachable' };
  const r = net.dns.resolve(host, ns);
  return r ? { ok: true, ips: r.ips, name: r.name } : { ok: false, why: 'nxdomain' };
}

/** kube-apiserver's answers to anonymous requests (system:public-info-viewer allows a few). */
function apiserverResponse(req: ServerRequest): ServerResponse {
  const path = req.path.split('?')[0];
  const json = (status: number, reason: string, body: string): ServerResponse => ({
    status,
    reason,
    headers: [['Audit-Id', req.randomHex(16)], ['Cache-Control', 'no-cache, private'], ['Content-Type', 'application/json'], ['Content-Length', String(body.length)]],
    body,
  });
  if (path === '/healthz' || path === '/livez' || path === '/readyz') {
    return { status: 200, reason: 'OK', headers: [['Content-Type', 'text/plain; charset=utf-8'], ['Content-Length', '2']], body: 'ok' };
  }
  if (path === '/version') {
    return json(200, 'OK', `{\n  "major": "1",\n  "minor": "32",\n  "gitVersion": "v1.32.5",\n  "gitCommit": "9894294ef13a5b32803e3ca2c0d620a088cc84d1",\n  "gitTreeState": "clean",\n  "buildDate": "2025-05-15T08:59:38Z",\n  "goVersion": "go1.23.8",\n  "compiler": "gc",\n  "platform": "linux/amd64"\n}`);
  }
  return json(
    403,
    'Forbidden',
    `{\n  "kind": "Status",\n  "apiVersion": "v1",\n  "metadata": {},\n  "status": "Failure",\n  "message": "forbidden: User \\"system:anonymous\\" cannot get path \\"${path}\\"",\n  "reason": "Forbidden",\n  "details": {},\n  "code": 403\n}`,
  );
}

/** Sends one HTTP request from `src` to `url`. */
export function httpRequest(net: PodNetwork, src: Source, url: string, opts: HttpOptions = {}): HttpOutcome {
  const u = parseUrl(url);
  if (!u || !u.host) return { ok: false, url: u, stage: 'url' };
  const r = resolveHost(net, src, u.host);
  if (!r.ok) return { ok: false, url: u, stage: 'resolve', why: r.why };
  const ip = r.ips[0];
  const conn = net.connect(src, ip, u.port);
  if (!conn.ok) return { ok: false, url: u, stage: 'connect', ip, failure: conn };
  const hostHeader = u.explicitPort ? `${u.host}:${u.port}` : u.host;
  const userHost = opts.headers?.find(([k]) => k.toLowerCase() === 'host');
  const req: ServerRequest = {
    method: opts.method ?? 'GET',
    path: u.path,
    // A Host given by the user (curl -H, wget --header) replaces the client's own, in its place.
    headers: [['Host', userHost?.[1] ?? hostHeader], ...(opts.headers ?? []).filter((h) => h !== userHost)],
    remoteIP: conn.clientIP,
    remotePort: conn.clientPort,
    localIP: conn.serverIP,
    localPort: conn.serverPort,
    nowMs: net.clock.now(),
    randomHex: (n) => net.rng.hex(n),
  };
  if (conn.host === 'apiserver') {
    if (u.scheme !== 'https') {
      const body = 'Client sent an HTTP request to an HTTPS server.\n';
      return { ok: true, url: u, ip, conn, response: { status: 400, reason: 'Bad Request', headers: [['Content-Type', 'text/plain; charset=utf-8'], ['Connection', 'close']], body } };
    }
    return { ok: true, url: u, ip, conn, response: apiserverResponse(req) };
  }
  if (u.scheme === 'https') return { ok: false, url: u, stage: 'tls', ip, conn };
  const res = conn.listener!.handle(req, conn.pod!);
  if (res === 'empty-reply') return { ok: false, url: u, stage: 'empty-reply', ip, conn };
  accessLog(net, conn, req, res);
  return { ok: true, url: u, ip, conn, response: res };
}
