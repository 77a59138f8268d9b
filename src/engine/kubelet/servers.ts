/**
 * What the servers of the catalogue images do once started: the lines they log at start-up and
 * at shutdown (nginx's docker-entrypoint and notice lines, Apache's AH00558, Redis' banner,
 * MySQL's and Postgres' refusal to start without a password ...), how long until their port
 * opens, and how they answer HTTP requests (nginx's welcome page and access-log line, whoami's
 * echo of the request, http-echo's text ...).
 */
import type { Stream } from './logs';
import type { ServerKind } from './images';

export interface ServerContext {
  /** Start time in ms. */
  now: number;
  podIP: string;
  hostname: string;
  /** Image version text (`1.27.5`). */
  version: string;
  /** The image tag (to tell alpine variants apart). */
  tag: string;
  args: string[];
  env: Map<string, string>;
  cpus: number;
  kernel: string;
}

export interface TimedLine {
  /** Seconds after start. */
  at: number;
  stream: Stream;
  text: string;
}

export interface HttpRequest {
  method: string;
  path: string;
  /** Source address of the connection. */
  clientIP: string;
  clientPort?: number;
  /** Host header. */
  host: string;
  userAgent: string;
  headers?: Record<string, string>;
  /** Destination port on the pod. */
  port: number;
}

export interface HttpResponse {
  status: number;
  body: string;
  headers: Record<string, string>;
}

export interface ServerBehaviour {
  /** Start-up lines; `fail` makes the process exit with that code after the last line. */
  start(ctx: ServerContext): { lines: TimedLine[]; fail?: number; listenAfter?: number };
  /** Lines logged when the stop signal arrives (at `now`). */
  stop?(ctx: ServerContext & { now: number }): TimedLine[];
  /** Ports, when they differ from the image's (`http-echo -listen=:8080`). */
  ports?(ctx: ServerContext): number[] | undefined;
  http?(req: HttpRequest, ctx: ServerContext & { now: number }): { resp: HttpResponse; log?: { stream: Stream; text: string }[] };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const p2 = (n: number) => String(n).padStart(2, '0');

/** nginx error-log time: `2026/11/26 09:05:01`. */
function nginxTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}/${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}

/** Common log format time: `26/Nov/2026:09:05:01 +0000`. */
export function clfTime(ms: number): string {
  const d = new Date(ms);
  return `${p2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0000`;
}

function apacheTime(ms: number): string {
  const d = new Date(ms);
  const us = String((ms % 1000) * 1000).padStart(6, '0');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${us} ${d.getUTCFullYear()}`;
}

function redisTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${String(ms % 1000).padStart(3, '0')}`;
}

function isoSpace(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('T', ' ').replace('.000Z', '');
}

/** klog header: `I1126 09:05:01.123456       1 file.go:42] `. */
function klog(ms: number, file: string): string {
  const d = new Date(ms);
  return `I${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${String((ms % 1000) * 1000).padStart(6, '0')}       1 ${file}] `;
}

function versionAtLeast(v: string, min: string): boolean {
  const a = v.split('.').map(Number);
  const b = min.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

const out = (at: number, text: string): TimedLine => ({ at, stream: 'stdout', text });
const err = (at: number, text: string): TimedLine => ({ at, stream: 'stderr', text });

function nginxPage(status: number, version: string): string {
  const titles: Record<number, string> = { 404: '404 Not Found', 403: '403 Forbidden', 405: '405 Not Allowed', 500: '500 Internal Server Error' };
  const t = titles[status] ?? `${status}`;
  return `<html>\r\n<head><title>${t}</title></head>\r\n<body>\r\n<center><h1>${t}</h1></center>\r\n<hr><center>nginx/${version}</center>\r\n</body>\r\n</html>\r\n`;
}

const NGINX_WORKER_BASE = 29;

const nginx: ServerBehaviour = {
  start(ctx) {
    const v = ctx.version;
    const lines: TimedLine[] = [];
    if (versionAtLeast(v, '1.19.0')) {
      lines.push(
        out(0, '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration'),
        out(0, '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/'),
        out(0, '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh'),
        out(0.01, '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf'),
        out(0.01, '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf'),
      );
      if (versionAtLeast(v, '1.25.3')) lines.push(out(0.02, '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh'));
      lines.push(out(0.02, '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh'));
      if (versionAtLeast(v, '1.21.0')) lines.push(out(0.03, '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh'));
      lines.push(out(0.03, '/docker-entrypoint.sh: Configuration complete; ready for start up'));
    }
    if (versionAtLeast(v, '1.23.0')) {
      const t = nginxTime(ctx.now + 40);
      const alpine = ctx.tag.includes('alpine');
      const gcc = alpine ? 'gcc 14.2.0 (Alpine 14.2.0) ' : versionAtLeast(v, '1.27.4') ? 'gcc 12.2.0 (Debian 12.2.0-14+deb12u1) ' : 'gcc 12.2.0 (Debian 12.2.0-14) ';
      lines.push(
        err(0.04, `${t} [notice] 1#1: using the "epoll" event method`),
        err(0.04, `${t} [notice] 1#1: nginx/${v}`),
        err(0.04, `${t} [notice] 1#1: built by ${gcc}`),
        err(0.04, `${t} [notice] 1#1: OS: Linux ${ctx.kernel}`),
        err(0.04, `${t} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576`),
        err(0.04, `${t} [notice] 1#1: start worker processes`),
      );
      for (let i = 0; i < ctx.cpus; i++) lines.push(err(0.04, `${t} [notice] 1#1: start worker process ${NGINX_WORKER_BASE + i}`));
    }
    return { lines, listenAfter: 0.05 };
  },
  stop(ctx) {
    if (!versionAtLeast(ctx.version, '1.23.0')) return [];
    const t = nginxTime(ctx.now);
    const lines = [err(0, `${t} [notice] 1#1: signal 3 (SIGQUIT) received, shutting down`)];
    for (let i = 0; i < ctx.cpus; i++) {
      const pid = NGINX_WORKER_BASE + i;
      lines.push(err(0.01, `${t} [notice] ${pid}#${pid}: gracefully shutting down`), err(0.01, `${t} [notice] ${pid}#${pid}: exiting`), err(0.01, `${t} [notice] ${pid}#${pid}: exit`));
    }
    for (let i = 0; i < ctx.cpus; i++) {
      const pid = NGINX_WORKER_BASE + i;
      lines.push(err(0.02, `${t} [notice] 1#1: signal 17 (SIGCHLD) received from ${pid}`), err(0.02, `${t} [notice] 1#1: worker process ${pid} exited with code 0`));
    }
    lines.push(err(0.03, `${t} [notice] 1#1: exit`));
    return lines;
  },
  http(req, ctx) {
    const known: Record<string, string> = { '/': 'index', '/index.html': 'index', '/50x.html': '50x' };
    const found = known[req.path.split('?')[0]];
    const status = req.method !== 'GET' && req.method !== 'HEAD' ? 405 : found ? 200 : 404;
    const body = status === 200 ? (found === 'index' ? INDEX_BODY : '') : nginxPage(status, ctx.version);
    const log: { stream: Stream; text: string }[] = [];
    if (status === 404) {
      log.push({
        stream: 'stderr',
        text: `${nginxTime(ctx.now)} [error] ${NGINX_WORKER_BASE}#${NGINX_WORKER_BASE}: *1 open() "/usr/share/nginx/html${req.path}" failed (2: No such file or directory), client: ${req.clientIP}, server: localhost, request: "${req.method} ${req.path} HTTP/1.1", host: "${req.host}"`,
      });
    }
    log.push({ stream: 'stdout', text: `${req.clientIP} - - [${clfTime(ctx.now)}] "${req.method} ${req.path} HTTP/1.1" ${status} ${byteLen(body)} "-" "${req.userAgent}" "-"` });
    return { resp: { status, body, headers: { Server: `nginx/${ctx.version}`, 'Content-Type': 'text/html' } }, log };
  },
};

let INDEX_BODY = '';
/** Set by the runtime from the image catalogue (nginx's index.html). */
export function setNginxIndex(html: string): void {
  INDEX_BODY = html;
}

function byteLen(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

const httpd: ServerBehaviour = {
  start(ctx) {
    const t = apacheTime(ctx.now + 30);
    const ah = `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${ctx.podIP}. Set the 'ServerName' directive globally to suppress this message`;
    return {
      lines: [
        err(0.02, ah),
        err(0.03, ah),
        err(0.03, `[${t}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/${ctx.version} (Unix) configured -- resuming normal operations`),
        err(0.03, `[${t}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'`),
      ],
      listenAfter: 0.03,
    };
  },
  stop(ctx) {
    return [err(0, `[${apacheTime(ctx.now)}] [mpm_event:notice] [pid 1:tid 1] AH00492: caught SIGWINCH, shutting down gracefully`)];
  },
  http(req, ctx) {
    const ok = req.path === '/' || req.path === '/index.html';
    const body = ok ? '<html><body><h1>It works!</h1></body></html>\n' : '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n';
    const status = ok ? 200 : 404;
    return {
      resp: { status, body, headers: { Server: `Apache/${ctx.version} (Unix)`, 'Content-Type': 'text/html' } },
      log: [{ stream: 'stdout', text: `${req.clientIP} - - [${clfTime(ctx.now)}] "${req.method} ${req.path} HTTP/1.1" ${status} ${byteLen(body)}` }],
    };
  },
};

const redis: ServerBehaviour = {
  start(ctx) {
    const t = redisTime(ctx.now + 5);
    return {
      lines: [
        out(0, `1:C ${t} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo`),
        out(0, `1:C ${t} * Redis version=${ctx.version}, bits=64, commit=00000000, modified=0, pid=1, just started`),
        out(0, `1:C ${t} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf`),
        out(0.001, `1:M ${t} * monotonic clock: POSIX clock_gettime`),
        out(0.001, `1:M ${t} * Running mode=standalone, port=6379.`),
        out(0.002, `1:M ${t} * Server initialized`),
        out(0.002, `1:M ${t} * Ready to accept connections tcp`),
      ],
      listenAfter: 0.002,
    };
  },
  stop(ctx) {
    const t = redisTime(ctx.now);
    return [
      out(0, `1:signal-handler (${Math.floor(ctx.now / 1000)}) Received SIGTERM scheduling shutdown...`),
      out(0.1, `1:M ${t} * User requested shutdown...`),
      out(0.1, `1:M ${t} * Saving the final RDB snapshot before exiting.`),
      out(0.1, `1:M ${t} * DB saved on disk`),
      out(0.1, `1:M ${t} # Redis is now ready to exit, bye bye...`),
    ];
  },
};

const mysql: ServerBehaviour = {
  start(ctx) {
    const t = `${isoSpace(ctx.now)}+00:00`;
    const full = ctx.version.startsWith('9') ? `${ctx.version}-1.el9` : ctx.version.startsWith('5') ? `${ctx.version}-1.el7` : `${ctx.version}-1.el9`;
    const head = [
      out(0, `${t} [Note] [Entrypoint]: Entrypoint script for MySQL Server ${full} started.`),
      out(0.1, `${t} [Note] [Entrypoint]: Switching to dedicated user 'mysql'`),
      out(0.2, `${t} [Note] [Entrypoint]: Entrypoint script for MySQL Server ${full} started.`),
    ];
    const e = ctx.env;
    if (!e.get('MYSQL_ROOT_PASSWORD') && !e.get('MYSQL_ALLOW_EMPTY_PASSWORD') && !e.get('MYSQL_RANDOM_ROOT_PASSWORD')) {
      return {
        lines: [
          ...head,
          err(0.3, `${t} [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified`),
          err(0.3, '    You need to specify one of the following as an environment variable:'),
          err(0.3, '    - MYSQL_ROOT_PASSWORD'),
          err(0.3, '    - MYSQL_ALLOW_EMPTY_PASSWORD'),
          err(0.3, '    - MYSQL_RANDOM_ROOT_PASSWORD'),
        ],
        fail: 1,
      };
    }
    const t2 = `${isoSpace(ctx.now + 14_000)}+00:00`;
    const iso = (s: number) => new Date(ctx.now + s * 1000).toISOString().replace('Z', '000Z').replace(/\.(\d{3})000Z$/, '.$1000Z');
    return {
      lines: [
        ...head,
        out(0.3, `${t} [Note] [Entrypoint]: Initializing database files`),
        out(8, `${t2} [Note] [Entrypoint]: Database files initialized`),
        out(8, `${t2} [Note] [Entrypoint]: Starting temporary server`),
        out(12, `${t2} [Note] [Entrypoint]: Temporary server started.`),
        out(13, `${t2} [Note] [Entrypoint]: Stopping temporary server`),
        out(14, `${t2} [Note] [Entrypoint]: Temporary server stopped`),
        out(14, ''),
        out(14, `${t2} [Note] [Entrypoint]: MySQL init process done. Ready for start up.`),
        out(14, ''),
        out(15, `${iso(15)} 0 [System] [MY-015015] [Server] MySQL Server - start.`),
        out(15.5, `${iso(15.5)} 0 [System] [MY-010116] [Server] /usr/sbin/mysqld (mysqld ${ctx.version}) starting as process 1`),
        out(16, `${iso(16)} 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '${ctx.version}'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.`),
      ],
      listenAfter: 16,
    };
  },
  stop(ctx) {
    const iso = new Date(ctx.now).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
    return [out(0, `${iso} 0 [System] [MY-013172] [Server] Received SHUTDOWN from user <via user signal>. Shutting down mysqld (Version: ${ctx.version}).`), out(1.5, `${iso} 0 [System] [MY-010910] [Server] /usr/sbin/mysqld: Shutdown complete (mysqld ${ctx.version})  MySQL Community Server - GPL.`)];
  },
};

const postgres: ServerBehaviour = {
  start(ctx) {
    if (!ctx.env.get('POSTGRES_PASSWORD') && ctx.env.get('POSTGRES_HOST_AUTH_METHOD') !== 'trust') {
      return {
        lines: [
          'Error: Database is uninitialized and superuser password is not specified.',
          '       You must specify POSTGRES_PASSWORD to a non-empty value for the',
          '       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".',
          '',
          '       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all',
          '       connections without a password. This is *not* recommended.',
          '',
          '       See PostgreSQL documentation about "trust":',
          '       https://www.postgresql.org/docs/current/auth-trust.html',
        ].map((l) => err(0.05, l)),
        fail: 1,
      };
    }
    const ts = (s: number) => `${new Date(ctx.now + s * 1000).toISOString().replace('T', ' ').replace('Z', ' UTC')}`;
    return {
      lines: [
        out(0.1, 'The files belonging to this database system will be owned by user "postgres".'),
        out(0.1, 'This user must also own the server process.'),
        out(0.1, ''),
        out(0.1, 'The database cluster will be initialized with locale "en_US.utf8".'),
        out(1.5, 'Success. You can now start the database server using:'),
        out(1.5, ''),
        out(1.5, "    pg_ctl -D /var/lib/postgresql/data -l logfile start"),
        out(1.5, ''),
        err(1.6, 'initdb: warning: enabling "trust" authentication for local connections'),
        out(2.5, 'PostgreSQL init process complete; ready for start up.'),
        out(2.5, ''),
        err(2.6, `${ts(2.6)} [1] LOG:  starting PostgreSQL ${ctx.version} (Debian ${ctx.version}-1.pgdg120+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14+deb12u1) 12.2.0, 64-bit`),
        err(2.6, `${ts(2.6)} [1] LOG:  listening on IPv4 address "0.0.0.0", port 5432`),
        err(2.6, `${ts(2.6)} [1] LOG:  listening on IPv6 address "::", port 5432`),
        err(2.7, `${ts(2.7)} [1] LOG:  database system is ready to accept connections`),
      ],
      listenAfter: 2.7,
    };
  },
  stop(ctx) {
    const ts = `${new Date(ctx.now).toISOString().replace('T', ' ').replace('Z', ' UTC')}`;
    return [err(0, `${ts} [1] LOG:  received smart shutdown request`), err(0.3, `${ts} [1] LOG:  database system is shut down`)];
  },
};

const goLogTime = (ms: number) => nginxTime(ms);

const whoami: ServerBehaviour = {
  start(ctx) {
    const port = argValue(ctx.args, 'port') ?? '80';
    return { lines: [out(0, `${goLogTime(ctx.now)} Starting up on port ${port}`)], listenAfter: 0 };
  },
  ports(ctx) {
    const port = argValue(ctx.args, 'port') ?? ctx.env.get('WHOAMI_PORT_NUMBER');
    return port ? [Number(port)] : undefined;
  },
  http(req, ctx) {
    const lines = [
      `Hostname: ${ctx.hostname}`,
      'IP: 127.0.0.1',
      'IP: ::1',
      `IP: ${ctx.podIP}`,
      `RemoteAddr: ${req.clientIP}:${req.clientPort ?? 43210}`,
      `${req.method} ${req.path} HTTP/1.1`,
      `Host: ${req.host}`,
      `User-Agent: ${req.userAgent}`,
      'Accept: */*',
      '',
      '',
    ];
    return { resp: { status: 200, body: lines.join('\r\n'), headers: { 'Content-Type': 'text/plain; charset=utf-8' } } };
  },
};

function argValue(args: string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i].replace(/^--?/, '-');
    if (a === `-${name}`) return args[i + 1];
    if (a.startsWith(`-${name}=`)) return a.slice(name.length + 2).replace(/^"(.*)"$/, '$1');
  }
  return undefined;
}

const httpEcho: ServerBehaviour = {
  start(ctx) {
    const text = argValue(ctx.args, 'text') ?? ctx.env.get('ECHO_TEXT');
    if (text === undefined) return { lines: [err(0, 'Error: missing -text option'), err(0, ''), err(0, 'Usage: http-echo [options]')], fail: 127 };
    const listen = argValue(ctx.args, 'listen') ?? ':5678';
    return { lines: [err(0, `${goLogTime(ctx.now)} [INFO] server is listening on ${listen}`)], listenAfter: 0 };
  },
  ports(ctx) {
    const listen = argValue(ctx.args, 'listen');
    return listen ? [Number(listen.split(':').pop())] : undefined;
  },
  http(req, ctx) {
    const text = (argValue(ctx.args, 'text') ?? ctx.env.get('ECHO_TEXT') ?? '') + '\n';
    return {
      resp: { status: 200, body: text, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-App-Name': 'http-echo', 'X-App-Version': ctx.version } },
      log: [{ stream: 'stderr', text: `${goLogTime(ctx.now)} ${req.host} ${req.clientIP}:${req.clientPort ?? 43210} "${req.method} ${req.path} HTTP/1.1" 200 ${byteLen(text)} "${req.userAgent}" 21.375µs` }],
    };
  },
};

const helloApp: ServerBehaviour = {
  start(ctx) {
    return { lines: [err(0, `${goLogTime(ctx.now)} Server listening on port ${ctx.env.get('PORT') ?? '8080'}`)], listenAfter: 0 };
  },
  http(req, ctx) {
    const v = ctx.tag === '2.0' ? '2.0.0' : '1.0.0';
    return {
      resp: { status: 200, body: `Hello, world!\nVersion: ${v}\nHostname: ${ctx.hostname}\n`, headers: { 'Content-Type': 'text/plain; charset=utf-8' } },
      log: [{ stream: 'stderr', text: `${goLogTime(ctx.now)} Serving request: ${req.path}` }],
    };
  },
};

const echoserver: ServerBehaviour = {
  start() {
    return { lines: [], listenAfter: 0.2 };
  },
  http(req, ctx) {
    const body = [
      '',
      '',
      `Hostname: ${ctx.hostname}`,
      '',
      'Pod Information:',
      '\t-no pod information available-',
      '',
      'Server values:',
      '\tserver_version=nginx: 1.13.3 - lua: 10008',
      '',
      'Request Information:',
      `\tclient_address=${req.clientIP}`,
      `\tmethod=${req.method}`,
      '\treal path=' + req.path,
      '\tquery=',
      '\trequest_version=1.1',
      `\trequest_scheme=http`,
      `\trequest_uri=http://${req.host}:8080${req.path}`,
      '',
      'Request Headers:',
      '\taccept=*/*  ',
      `\thost=${req.host}  `,
      `\tuser-agent=${req.userAgent}  `,
      '',
      'Request Body:',
      '\t-no body in request-',
      '',
      '',
    ].join('\n');
    return {
      resp: { status: 200, body, headers: { 'Content-Type': 'text/plain' } },
      log: [{ stream: 'stdout', text: `${req.clientIP} - - [${clfTime(ctx.now)}] "${req.method} ${req.path} HTTP/1.1" 200 ${byteLen(body)} "-" "${req.userAgent}"` }],
    };
  },
};

const hello: ServerBehaviour = {
  start: nginx.start,
  stop: nginx.stop,
  http(req, ctx) {
    const rid = [...`${ctx.now}${req.path}${req.clientIP}`].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0, 7).toString(16).padStart(8, '0').repeat(4);
    const plain = ctx.tag.includes('plain-text');
    const body = plain
      ? `Server address: ${ctx.podIP}:80\nServer name: ${ctx.hostname}\nDate: ${clfTime(ctx.now).replace(' +0000', ':00 +0000').replace(/:00 \+0000$/, ' +0000')}\nURI: ${req.path}\nRequest ID: ${rid}\n`
      : `<!DOCTYPE html>\n<html>\n<head>\n<title>Hello World</title>\n</head>\n<body>\n<p><span>Server&nbsp;address:</span> <span>${ctx.podIP}:80</span></p>\n<p><span>Server&nbsp;name:</span> <span>${ctx.hostname}</span></p>\n<p class="smaller"><span>Date:</span> <span>${clfTime(ctx.now)}</span></p>\n<p class="smaller"><span>URI:</span> <span>${req.path}</span></p>\n</body>\n</html>\n`;
    return {
      resp: { status: 200, body, headers: { 'Content-Type': plain ? 'text/plain' : 'text/html' } },
      log: [{ stream: 'stdout', text: `${req.clientIP} - - [${clfTime(ctx.now)}] "${req.method} ${req.path} HTTP/1.1" 200 ${byteLen(body)} "-" "${req.userAgent}" "-"` }],
    };
  },
};

const phpApache: ServerBehaviour = {
  start(ctx) {
    const t = apacheTime(ctx.now + 50);
    const ah = `AH00558: apache2: Could not reliably determine the server's fully qualified domain name, using ${ctx.podIP}. Set the 'ServerName' directive globally to suppress this message`;
    return {
      lines: [err(0.05, ah), err(0.05, ah), err(0.06, `[${t}] [mpm_prefork:notice] [pid 1] AH00163: Apache/2.4.10 (Debian) PHP/5.6.14 configured -- resuming normal operations`), err(0.06, `[${t}] [core:notice] [pid 1] AH00094: Command line: 'apache2 -D FOREGROUND'`)],
      listenAfter: 0.06,
    };
  },
  http(req, ctx) {
    return {
      resp: { status: 200, body: 'OK!', headers: { 'Content-Type': 'text/html' } },
      log: [{ stream: 'stdout', text: `${req.clientIP} - - [${clfTime(ctx.now)}] "${req.method} ${req.path} HTTP/1.1" 200 194 "-" "${req.userAgent}"` }],
    };
  },
};

const pythonHttp: ServerBehaviour = {
  start(ctx) {
    const port = ctx.args.find((a) => /^\d+$/.test(a)) ?? '8000';
    return { lines: [out(0.2, `Serving HTTP on 0.0.0.0 port ${port} (http://0.0.0.0:${port}/) ...`)], listenAfter: 0.2 };
  },
  ports(ctx) {
    const port = ctx.args.find((a) => /^\d+$/.test(a));
    return [Number(port ?? 8000)];
  },
  http(req, ctx) {
    const body = `<!DOCTYPE HTML>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Directory listing for /</title>\n</head>\n<body>\n<h1>Directory listing for /</h1>\n<hr>\n<ul>\n</ul>\n<hr>\n</body>\n</html>\n`;
    const d = new Date(ctx.now);
    const t = `${p2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
    return { resp: { status: 200, body, headers: { 'Content-Type': 'text/html; charset=utf-8', Server: 'SimpleHTTP/0.6 Python/3.13.3' } }, log: [{ stream: 'stderr', text: `${req.clientIP} - - [${t}] "${req.method} ${req.path} HTTP/1.1" 200 -` }] };
  },
};

const coredns: ServerBehaviour = {
  start(ctx) {
    return {
      lines: [
        out(0.1, '.:53'),
        out(0.1, '[INFO] plugin/reload: Running configuration SHA512 = 591cf328cccc12bc490481273e738df59329c62c0b729d94e8b61db9961c2fa5f046dd37f1cf888b953814040d180f52594972691cd6ff41be96639138a43908'),
        out(0.1, `CoreDNS-${ctx.version}`),
        out(0.1, 'linux/amd64, go1.21.11, a6338e9'),
      ],
      listenAfter: 0.1,
    };
  },
  stop() {
    return [out(0, '[INFO] SIGTERM: Shutting down servers then terminating'), out(0, '[INFO] plugin/health: Going into lameduck mode for 5s')];
  },
  http() {
    return { resp: { status: 200, body: 'OK', headers: {} } };
  },
};

function klogServer(file: string, first: string[]): ServerBehaviour {
  return {
    start(ctx) {
      return { lines: first.map((l, i) => err(0.05 * (i + 1), klog(ctx.now + 50 * (i + 1), file) + l)), listenAfter: 0.3 };
    },
    http() {
      return { resp: { status: 200, body: 'ok', headers: { 'Content-Type': 'text/plain; charset=utf-8' } } };
    },
  };
}

const BEHAVIOURS: Partial<Record<ServerKind, ServerBehaviour>> = {
  nginx,
  httpd,
  redis,
  mysql,
  postgres,
  whoami,
  echoserver,
  hello,
  'http-echo': httpEcho,
  'hello-app': helloApp,
  'php-apache': phpApache,
  'python-http': pythonHttp,
  coredns,
  etcd: {
    start(ctx) {
      const ts = new Date(ctx.now).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
      return {
        lines: [
          err(0.05, `{"level":"warn","ts":"${ts}","caller":"embed/config.go:689","msg":"Running http and grpc server on single port. This is not recommended for production."}`),
          err(0.06, `{"level":"info","ts":"${ts}","caller":"etcdmain/etcd.go:73","msg":"Running: ","args":["etcd","--advertise-client-urls=https://172.18.0.2:2379","--cert-file=/etc/kubernetes/pki/etcd/server.crt","--client-cert-auth=true","--data-dir=/var/lib/etcd","--experimental-initial-corrupt-check=true","--experimental-watch-progress-notify-interval=5s","--initial-advertise-peer-urls=https://172.18.0.2:2380","--initial-cluster=control-plane=https://172.18.0.2:2380","--key-file=/etc/kubernetes/pki/etcd/server.key","--listen-client-urls=https://127.0.0.1:2379,https://172.18.0.2:2379","--listen-metrics-urls=http://127.0.0.1:2381","--listen-peer-urls=https://172.18.0.2:2380","--name=control-plane","--peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt","--peer-client-cert-auth=true","--peer-key-file=/etc/kubernetes/pki/etcd/peer.key","--peer-trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt","--snapshot-count=10000","--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt"]}`),
          err(0.3, `{"level":"info","ts":"${ts}","caller":"etcdserver/server.go:2118","msg":"published local member to cluster through raft","local-member-id":"b8e14bda2255bc24","local-member-attributes":"{Name:control-plane ClientURLs:[https://172.18.0.2:2379]}","request-path":"/0/members/b8e14bda2255bc24/attributes","cluster-id":"38b0e74a458e7a1f","publish-timeout":"7s"}`),
          err(0.3, `{"level":"info","ts":"${ts}","caller":"embed/serve.go:250","msg":"serving client traffic securely","traffic":"grpc+http","address":"172.18.0.2:2379"}`),
        ],
        listenAfter: 0.3,
      };
    },
    http() {
      return { resp: { status: 200, body: '{"health":"true","reason":""}', headers: {} } };
    },
  },
  'kube-apiserver': klogServer('options.go:238', ['external host was not specified, using 172.18.0.2', 'Version: v1.32.5', 'Golang settings GOGC= GOMAXPROCS= GOTRACEBACK=', 'Serving securely on [::]:6443']),
  'kube-controller-manager': klogServer('serving.go:386', ['Generated self-signed cert in-memory', 'Version: v1.32.5', 'Starting controller-manager: "serviceaccount-token-controller"', 'Started controller "replicaset-controller"']),
  'kube-scheduler': klogServer('serving.go:386', ['Generated self-signed cert in-memory', 'Version: v1.32.5', 'Serving securely on 127.0.0.1:10259', 'attempting to acquire leader lease kube-system/kube-scheduler...']),
  'kube-proxy': klogServer('server_linux.go:66', ['"Using iptables proxy"', '"Successfully retrieved node IP(s)" IPs=["172.18.0.2"]', '"kube-proxy running in dual-stack mode" primary ipFamily="IPv4"', '"Starting service config controller"', '"Starting endpoint slice config controller"']),
  flannel: klogServer('main.go:212', ['CLI flags config: {etcdEndpoints:http://127.0.0.1:4001,http://127.0.0.1:2379 etcdPrefix:/coreos.com/network kubeSubnetMgr:true}', 'Created subnet manager: Kubernetes Subnet Manager', 'Installing signal handlers', 'Found network config - Backend type: vxlan', 'Running backend.']),
  pause: { start: () => ({ lines: [], listenAfter: 0 }) },
  generic: { start: () => ({ lines: [], listenAfter: 0.1 }) },
};

export function behaviourOf(kind: ServerKind): ServerBehaviour {
  return BEHAVIOURS[kind] ?? BEHAVIOURS.generic!;
}
