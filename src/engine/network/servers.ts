/**
 * What the images learners run answer on the network: which ports their processes listen on
 * and what they send back to an HTTP request, byte for byte as the real images do.
 *
 * - nginx: port 80, the default welcome page of nginx 1.27 (615 bytes) for `/` and
 *   `/index.html`, nginx's 404 page otherwise.
 * - httpd: port 80, `<html><body><h1>It works!</h1></body></html>`.
 * - traefik/whoami: port 80 (`--port`, WHOAMI_PORT_NUMBER), whoamiHandler of app.go: Hostname,
 *   the interface IPs, RemoteAddr, then the request as Go's Request.Write prints it.
 * - registry.k8s.io/echoserver:1.10 (and k8s.gcr.io): port 8080, the nginx+lua echo page.
 * - nginxdemos/hello:plain-text: port 80, hello-plain-text.conf's
 *   `Server address/Server name/Date/URI/Request ID` (the HTML variant for other tags).
 * - hashicorp/http-echo: port 5678 (`-listen`), the `-text` argument and a newline.
 * - google-samples hello-app: port 8080, `Hello, world!` / `Version` / `Hostname`.
 * - ingress-nginx controller: handled by ./ingress.ts.
 * Other images listen on nothing (connection refused), except on the containerPorts they
 * declare, where they accept connections and close them without an answer (an empty reply).
 * Simplification: that last rule stands in for servers the catalogue does not know.
 */
import type { KObject } from '../api/types/meta';

export const NGINX_VERSION = '1.27.5';

export const NGINX_WELCOME = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

export const HTTPD_IT_WORKS = '<html><body><h1>It works!</h1></body></html>\n';

/**
 * nginx's built-in error page (ngx_http_special_response.c): CRLF line ends; the tail names the
 * version, or only `nginx` with `server_tokens off` (pass version `''`, as ingress-nginx does).
 * 404 with nginx/1.18.0 is the well-known 153 bytes; ingress-nginx's 404 is 146.
 */
export function nginxErrorPage(status: number, reason: string, version: string = NGINX_VERSION): string {
  const tail = version ? `nginx/${version}` : 'nginx';
  return `<html>\r\n<head><title>${status} ${reason}</title></head>\r\n<body>\r\n<center><h1>${status} ${reason}</h1></center>\r\n<hr><center>${tail}</center>\r\n</body>\r\n</html>\r\n`;
}

/** A request as it reaches the server. */
export interface ServerRequest {
  method: string;
  /** Path with query, e.g. `/` or `/api?x=1`. */
  path: string;
  /** Headers in the order the client sent them (Host first). */
  headers: [string, string][];
  /** The client address the server sees (after any SNAT). */
  remoteIP: string;
  remotePort: number;
  /** The server's own address and port. */
  localIP: string;
  localPort: number;
  /** Simulated time in ms. */
  nowMs: number;
  /** Random hex for request ids. */
  randomHex(bytes: number): string;
}

export interface ServerResponse {
  status: number;
  reason: string;
  headers: [string, string][];
  body: string;
}

/** What answers on a port of a pod. */
export interface Listener {
  /** The container serving. */
  container: string;
  /** The image family, for access logs and reports. */
  kind: string;
  handle(req: ServerRequest, pod: KObject): ServerResponse | 'empty-reply';
}

 
type Any = any;

/** `nginx:1.27` -> { repo: 'nginx', tag: '1.27' }, stripping docker.io/library/ and digests. */
export function parseImage(image: string): { repo: string; tag: string } {
  let ref = image.split('@')[0];
  let tag = 'latest';
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  if (colon > slash) {
    tag = ref.slice(colon + 1);
    ref = ref.slice(0, colon);
  }
  ref = ref.replace(/^docker\.io\//, '').replace(/^index\.docker\.io\//, '').replace(/^library\//, '');
  return { repo: ref, tag };
}

function httpDate(ms: number): string {
  const d = new Date(ms);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]}, ${p(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} GMT`;
}

/** nginx's $time_local: `26/Nov/2026:09:05:00 +0000`. */
export function nginxTimeLocal(ms: number): string {
  const d = new Date(ms);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${months[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

function header(req: ServerRequest, name: string): string | undefined {
  return req.headers.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
}

function nginxVersionOf(tag: string): string {
  const m = /^(\d+\.\d+(?:\.\d+)?)/.exec(tag);
  if (!m) return NGINX_VERSION;
  return m[1].split('.').length === 3 ? m[1] : `${m[1]}.${m[1] === '1.27' ? '5' : '0'}`;
}

function nginxResponse(req: ServerRequest, version: string): ServerResponse {
  const path = req.path.split('?')[0];
  const date = httpDate(req.nowMs);
  if (path === '/' || path === '/index.html') {
    return {
      status: 200,
      reason: 'OK',
      headers: [
        ['Server', `nginx/${version}`],
        ['Date', date],
        ['Content-Type', 'text/html'],
        ['Content-Length', String(NGINX_WELCOME.length)],
        ['Last-Modified', 'Wed, 16 Apr 2025 12:01:11 GMT'],
        ['Connection', 'close'],
        ['ETag', '"67ff9c07-267"'],
        ['Accept-Ranges', 'bytes'],
      ],
      body: NGINX_WELCOME,
    };
  }
  const body = nginxErrorPage(404, 'Not Found', version);
  return {
    status: 404,
    reason: 'Not Found',
    headers: [['Server', `nginx/${version}`], ['Date', date], ['Content-Type', 'text/html'], ['Content-Length', String(body.length)], ['Connection', 'close']],
    body,
  };
}

function textResponse(req: ServerRequest, body: string, extra: [string, string][] = [], contentType = 'text/plain; charset=utf-8'): ServerResponse {
  return {
    status: 200,
    reason: 'OK',
    headers: [...extra, ['Date', httpDate(req.nowMs)], ['Content-Length', String(utf8Length(body))], ['Content-Type', contentType]],
    body,
  };
}

export function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

/** The IPv6 link-local address of the pod's eth0, stable per pod (from its uid). */
export function linkLocalOf(pod: KObject): string {
  const uid = (pod.metadata.uid ?? '').replace(/-/g, '');
  const h = (i: number): string => uid.slice(i, i + 4).replace(/^0+(?=.)/, '') || '0';
  return `fe80::${h(0)}:${h(4)}:${h(8)}:${h(12)}`;
}

export function podHostname(pod: KObject): string {
  return (pod.spec?.hostname as string | undefined) ?? pod.metadata.name!;
}

/** Go's Request.Write of a received request: request line, Host, User-Agent, the rest sorted. */
function goRequestWrite(req: ServerRequest): string {
  const host = header(req, 'Host') ?? '';
  const ua = header(req, 'User-Agent');
  let out = `${req.method} ${req.path} HTTP/1.1\r\nHost: ${host}\r\n`;
  out += `User-Agent: ${ua ?? 'Go-http-client/1.1'}\r\n`;
  const rest = req.headers
    .filter(([k]) => !['host', 'user-agent', 'content-length', 'transfer-encoding', 'trailer'].includes(k.toLowerCase()))
    .map(([k, v]) => [canonicalHeader(k), v] as [string, string])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  for (const [k, v] of rest) out += `${k}: ${v}\r\n`;
  return out + '\r\n';
}

/** textproto.CanonicalMIMEHeaderKey. */
function canonicalHeader(k: string): string {
  return k
    .split('-')
    .map((p) => (p ? p[0].toUpperCase() + p.slice(1).toLowerCase() : p))
    .join('-');
}

function argValue(args: string[], flag: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    for (const prefix of [`-${flag}=`, `--${flag}=`]) if (a.startsWith(prefix)) return a.slice(prefix.length);
    if ((a === `-${flag}` || a === `--${flag}`) && i + 1 < args.length) return args[i + 1];
  }
  return undefined;
}

function envOf(c: Any, name: string): string | undefined {
  return (c.env as Any[] | undefined)?.find((e) => e.name === name)?.value;
}

interface Catalogued {
  kind: string;
  ports: number[];
  handle: Listener['handle'];
}

/** The server an image's container runs, and the ports it listens on. */
export function serverForContainer(c: Any): Catalogued | undefined {
  const { repo, tag } = parseImage(String(c.image ?? ''));
  const args: string[] = [...(c.command ?? []), ...(c.args ?? [])].map(String);
  const name = repo.split('/').pop()!;
  if (repo === 'nginx' || repo === 'nginxinc/nginx-unprivileged' || repo === 'bitnami/nginx') {
    const version = nginxVersionOf(tag);
    const port = repo === 'nginx' ? 80 : 8080;
    return { kind: 'nginx', ports: [port], handle: (req) => nginxResponse(req, version) };
  }
  if (repo === 'httpd') {
    return {
      kind: 'httpd',
      ports: [80],
      handle: (req) => {
        const path = req.path.split('?')[0];
        if (path === '/' || path === '/index.html') {
          return {
            status: 200,
            reason: 'OK',
            headers: [['Date', httpDate(req.nowMs)], ['Server', 'Apache/2.4.63 (Unix)'], ['Last-Modified', 'Mon, 11 Jun 2007 18:53:14 GMT'], ['ETag', '"2d-432a5e4a73a80"'], ['Accept-Ranges', 'bytes'], ['Content-Length', '46'], ['Connection', 'close'], ['Content-Type', 'text/html']],
            body: HTTPD_IT_WORKS,
          };
        }
        const body = `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n`;
        return { status: 404, reason: 'Not Found', headers: [['Date', httpDate(req.nowMs)], ['Server', 'Apache/2.4.63 (Unix)'], ['Content-Length', String(body.length)], ['Connection', 'close'], ['Content-Type', 'text/html; charset=iso-8859-1']], body };
      },
    };
  }
  if (repo === 'traefik/whoami' || repo === 'containous/whoami') {
    const port = Number(argValue(args, 'port') ?? envOf(c, 'WHOAMI_PORT_NUMBER') ?? 80);
    const nameArg = argValue(args, 'name') ?? envOf(c, 'WHOAMI_NAME');
    return {
      kind: 'whoami',
      ports: [port],
      handle: (req, pod) => {
        let body = '';
        if (nameArg) body += `Name: ${nameArg}\n`;
        body += `Hostname: ${podHostname(pod)}\n`;
        body += `IP: 127.0.0.1\nIP: ::1\nIP: ${req.localIP}\nIP: ${linkLocalOf(pod)}\n`;
        body += `RemoteAddr: ${req.remoteIP}:${req.remotePort}\n`;
        body += goRequestWrite(req);
        return textResponse(req, body);
      },
    };
  }
  if ((repo === 'registry.k8s.io/echoserver' || repo === 'k8s.gcr.io/echoserver' || repo === 'gcr.io/google_containers/echoserver') ) {
    return {
      kind: 'echoserver',
      ports: [8080],
      handle: (req, pod) => {
        const [path, query = ''] = req.path.split('?');
        const host = header(req, 'Host') ?? req.localIP;
        const hostOnly = host.replace(/:\d+$/, '');
        const hdrs = req.headers.map(([k, v]) => [k.toLowerCase(), v] as [string, string]).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
        let body = `\n\nHostname: ${podHostname(pod)}\n\nPod Information:\n\t-no pod information available-\n\nServer values:\n\tserver_version=nginx: 1.13.3 - lua: 10008\n\n`;
        body += `Request Information:\n\tclient_address=${req.remoteIP}\n\tmethod=${req.method}\n\treal path=${path}\n\tquery=${query}\n\trequest_version=1.1\n\trequest_scheme=http\n\trequest_uri=http://${hostOnly}:8080${req.path}\n\n`;
        body += `Request Headers:\n${hdrs.map(([k, v]) => `\t${k}=${v}\n`).join('')}\nRequest Body:\n\t-no body in request-\n\n`;
        return { status: 200, reason: 'OK', headers: [['Server', 'nginx/1.13.3'], ['Date', httpDate(req.nowMs)], ['Content-Type', 'text/plain'], ['Transfer-Encoding', 'chunked'], ['Connection', 'close']], body };
      },
    };
  }
  if (repo === 'nginxdemos/hello') {
    const plain = tag.endsWith('plain-text');
    return {
      kind: 'nginxdemos-hello',
      ports: [80],
      handle: (req, pod) => {
        const reqId = req.randomHex(16);
        if (plain) {
          const body = `Server address: ${req.localIP}:${req.localPort}\nServer name: ${podHostname(pod)}\nDate: ${nginxTimeLocal(req.nowMs)}\nURI: ${req.path}\nRequest ID: ${reqId}\n`;
          return { status: 200, reason: 'OK', headers: [['Server', 'nginx/1.27.4'], ['Date', httpDate(req.nowMs)], ['Content-Type', 'text/plain'], ['Content-Length', String(body.length)], ['Connection', 'close'], ['Expires', httpDate(req.nowMs)], ['Cache-Control', 'no-cache']], body };
        }
        const body = `<!DOCTYPE html>\n<html>\n<head>\n<title>Hello World</title>\n</head>\n<body>\n<p><span>Server&nbsp;address:</span> <span>${req.localIP}:${req.localPort}</span></p>\n<p><span>Server&nbsp;name:</span> <span>${podHostname(pod)}</span></p>\n<p class="smaller"><span>Date:</span> <span>${nginxTimeLocal(req.nowMs)}</span></p>\n<p class="smaller"><span>URI:</span> <span>${req.path}</span></p>\n</body>\n</html>\n`;
        return { status: 200, reason: 'OK', headers: [['Server', 'nginx/1.27.4'], ['Date', httpDate(req.nowMs)], ['Content-Type', 'text/html'], ['Content-Length', String(body.length)], ['Connection', 'close']], body };
      },
    };
  }
  if (repo === 'hashicorp/http-echo') {
    const text = argValue(args, 'text') ?? '';
    const listen = argValue(args, 'listen') ?? ':5678';
    const port = Number(listen.split(':').pop()) || 5678;
    return {
      kind: 'http-echo',
      ports: [port],
      handle: (req) => textResponse(req, `${text}\n`, [['X-App-Name', 'http-echo'], ['X-App-Version', '1.0.0']]),
    };
  }
  if (name === 'hello-app' && (repo.startsWith('gcr.io/google-samples') || repo.startsWith('us-docker.pkg.dev/google-samples'))) {
    const version = /^\d/.test(tag) ? `${tag.split('.')[0]}.0.0` : '1.0.0';
    const port = Number(envOf(c, 'PORT') ?? 8080);
    return {
      kind: 'hello-app',
      ports: [port],
      handle: (req, pod) => textResponse(req, `Hello, world!\nVersion: ${version}\nHostname: ${podHostname(pod)}\n`),
    };
  }
  if (repo === 'registry.k8s.io/hpa-example' || repo === 'k8s.gcr.io/hpa-example') {
    // The HPA walk-through's php-apache: index.php burns CPU (counted by the metrics source) and prints OK!.
    return {
      kind: 'php-apache',
      ports: [80],
      handle: (req) => textResponse(req, 'OK!', [['Server', 'Apache/2.4.10 (Debian)'], ['X-Powered-By', 'PHP/5.6.40']], 'text/html'),
    };
  }
  if (repo === 'registry.k8s.io/ingress-nginx/controller' || repo === 'k8s.gcr.io/ingress-nginx/controller') {
    // Its HTTP behaviour needs the cluster (Ingresses, endpoints): PodNetwork wraps it (./ingress.ts).
    return { kind: 'ingress-nginx', ports: [80, 443, 8443, 10254], handle: () => 'empty-reply' };
  }
  const declared = ((c.ports as Any[]) ?? []).filter((p) => (p.protocol ?? 'TCP') === 'TCP').map((p) => p.containerPort as number);
  if (declared.length > 0) return { kind: 'unknown', ports: declared, handle: () => 'empty-reply' };
  return undefined;
}

/** Whether a container is running (its status says so, or the pod is Running without statuses). */
export function containerRunning(pod: KObject, name: string): boolean {
  const statuses: Any[] | undefined = pod.status?.containerStatuses;
  if (!statuses || statuses.length === 0) return pod.status?.phase === 'Running';
  return !!statuses.find((s) => s.name === name)?.state?.running;
}

/** The listener on a pod's TCP port, if a running container serves it. */
export function listenerOn(pod: KObject, port: number): Listener | undefined {
  if (pod.status?.phase !== 'Running') return undefined;
  for (const c of (pod.spec?.containers as Any[]) ?? []) {
    const s = serverForContainer(c);
    if (!s || !s.ports.includes(port)) continue;
    if (!containerRunning(pod, c.name)) continue;
    return { container: c.name, kind: s.kind, handle: s.handle };
  }
  return undefined;
}
