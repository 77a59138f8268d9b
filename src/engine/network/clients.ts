/**
 * The network commands learners run inside containers, printing what the real binaries print:
 * - busybox 1.36 `wget` (networking/wget.c, libbb/progress.c, libbb/xconnect.c): `-q`, `-O`,
 *   `-T`, `-U`, `--header`, `-S`, `--spider`; "Connecting to ... / saving to ... / progress
 *   bar / 'index.html' saved", `wget: bad address 'x'`, `wget: can't connect to remote host
 *   (ip): Connection refused`, `wget: server returned error: HTTP/1.1 404 Not Found`;
 * - curl 8 (`-s`, `-S`, `-i`, `-I`, `-o`, `-f`, `-H`, `-A`, `-m`, `--connect-timeout`,
 *   `-w '%{http_code}'`) with its error lines `curl: (6) Could not resolve host: x`,
 *   `curl: (7) Failed to connect to x port 80 after 3 ms: Couldn't connect to server`;
 * - busybox 1.36 `nslookup` (networking/nslookup.c: search domains only for dotless names, A
 *   then AAAA per search domain, `** server can't find x: NXDOMAIN`, exit 1 when any query
 *   failed) and bind-utils `nslookup` (dnsutils, netshoot).
 *
 * `runNetworkCommand` is what the kubelet's exec interpreter calls for these argv.
 * Simplification: connections take no simulated time; a timeout reports the time the real
 * client would have waited (`elapsedMs`) without advancing the clock.
 */
import type { PodNetwork, Source } from './pod-network';
import { httpRequest, resolveHost, dnsReachable, type HttpOutcome } from './http-exchange';
import { KUBE_DNS_IP } from './ip';
import { searchPath, type RRType } from './dns';
import { utf8Length } from './servers';

export interface CommandResult {
  out: string;
  err: string;
  code: number;
  /** Files the command wrote in the container (wget without -O-). */
  files?: [string, string][];
  /** How long the real command would have run, in simulated ms. */
  elapsedMs?: number;
}

export interface CommandOptions {
  /** Terminal width for wget's progress bar (80 when not a terminal). */
  columns?: number;
  /** stdout is a terminal (`kubectl exec -t`): curl then shows no progress meter. */
  tty?: boolean;
  /** `nslookup` implementation: busybox (busybox, alpine) or bind (dnsutils, netshoot). */
  nslookupFlavor?: 'busybox' | 'bind';
  /** curl's version for its User-Agent. */
  curlVersion?: string;
}

/** Linux's connect() gives up after 6 SYN retries: about 127 s (tcp_syn_retries). */
export const TCP_CONNECT_TIMEOUT_MS = 127_000;

/** Runs wget, curl or nslookup from a pod; undefined for other commands. */
export function runNetworkCommand(net: PodNetwork, src: Source, argv: string[], opts: CommandOptions = {}): CommandResult | undefined {
  const cmd = argv[0]?.split('/').pop();
  if (cmd === 'wget') return wget(net, src, argv.slice(1), opts);
  if (cmd === 'curl') return curl(net, src, argv.slice(1), opts);
  if (cmd === 'nslookup') return nslookup(net, src, argv.slice(1), opts);
  return undefined;
}

// ---- busybox wget -------------------------------------------------------------------------

/** smart_ulltoa5: a size in 5 columns (`  615`, ` 1234`, `12345`, ` 120k`). */
function size5(n: number): string {
  if (n < 100000) return String(n).padStart(5);
  const units = ' kMGTPEZY';
  let u = 0;
  let v = n;
  while (v >= 100000 / 10 && u < units.length - 1) {
    v = Math.floor(v / 1024);
    u++;
    if (v < 10000) break;
  }
  return `${String(v).padStart(4)}${units[u]}`;
}

function wgetProgress(curfile: string, size: number, columns: number): string {
  let line = `${curfile.slice(0, 20).padEnd(20)} 100% `;
  const bar = Math.min(columns - 48, 999);
  if (bar > 2) line += `|${'*'.repeat(bar)}| `;
  return `${line}${size5(size)}  0:00:00 ETA\n`;
}

export function wget(net: PodNetwork, src: Source, args: string[], opts: CommandOptions = {}): CommandResult {
  let quiet = false;
  let output: string | undefined;
  let timeout: number | undefined;
  let spider = false;
  let serverResponse = false;
  let userAgent = 'Wget';
  const headers: [string, string][] = [];
  let url: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--spider') spider = true;
    else if (a === '-q' || a === '--quiet') quiet = true;
    else if (a === '-S' || a === '--server-response') serverResponse = true;
    else if (a.startsWith('--output-document=')) output = a.slice(18);
    else if (a === '-O' || a === '--output-document') output = args[++i];
    else if (a.startsWith('--timeout=')) timeout = Number(a.slice(10));
    else if (a === '-T' || a === '--timeout') timeout = Number(args[++i]);
    else if (a === '-U' || a === '--user-agent') userAgent = args[++i] ?? userAgent;
    else if (a.startsWith('--user-agent=')) userAgent = a.slice(13);
    else if (a === '--header') {
      const h = args[++i] ?? '';
      const c = h.indexOf(':');
      if (c > 0) headers.push([h.slice(0, c).trim(), h.slice(c + 1).trim()]);
    } else if (/^-[a-zA-Z]+/.test(a) && !a.startsWith('--')) {
      // Clustered short options: -qO- / -qO /tmp/x / -qT 2
      const letters = a.slice(1);
      for (let j = 0; j < letters.length; j++) {
        const l = letters[j];
        if (l === 'q') quiet = true;
        else if (l === 'S') serverResponse = true;
        else if (l === 'O' || l === 'T' || l === 'U') {
          const rest = letters.slice(j + 1) || args[++i];
          if (l === 'O') output = rest;
          else if (l === 'T') timeout = Number(rest);
          else userAgent = rest ?? userAgent;
          break;
        }
      }
    } else if (!a.startsWith('-')) url = a;
  }
  if (!url) {
    return { out: '', err: 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n\nRetrieve files via HTTP or FTP\n\n\t--spider\tOnly check URL existence: $? is 0 if exists\n\t--header STR\tAdd STR (of form \'header: value\') to headers\n\t--post-data STR\tSend STR using POST method\n\t--post-file FILE\tSend FILE using POST method\n\t--no-check-certificate\tDon\'t validate the server\'s certificate\n\t-c\t\tContinue retrieval of aborted transfer\n\t-q\t\tQuiet\n\t-P DIR\t\tSave to DIR (default .)\n\t-S    \t\tShow server response\n\t-T SEC\t\tNetwork read timeout is SEC seconds\n\t-O FILE\t\tSave to FILE (\'-\' for stdout)\n\t-o LOGFILE\tLog messages to FILE\n\t-U STR\t\tUse STR for User-Agent header\n\t-Y on/off\tUse proxy\n', code: 1 };
  }
  let err = '';
  const res = httpRequest(net, src, url, { method: spider ? 'HEAD' : 'GET', headers: [['User-Agent', userAgent], ...headers, ['Connection', 'close']] });
  if (!res.ok && res.stage === 'url') return { out: '', err: `wget: not an http or ftp url: ${url}\n`, code: 1 };
  if (!res.ok && res.stage === 'resolve') return { out: '', err: `wget: bad address '${res.url.host}'\n`, code: 1, elapsedMs: res.why === 'dns-unreachable' ? 10_000 : 0 };
  const u = res.url!;
  const ip = (res as { ip: string }).ip;
  if (!quiet) err += `Connecting to ${u.host}${u.explicitPort ? `:${u.port}` : ''} (${ip}:${u.port})\n`;
  if (!res.ok && res.stage === 'connect') {
    if (res.failure.error === 'refused') return { out: '', err: err + `wget: can't connect to remote host (${ip}): Connection refused\n`, code: 1 };
    if (timeout !== undefined) return { out: '', err: err + 'wget: download timed out\n', code: 1, elapsedMs: timeout * 1000 };
    return { out: '', err: err + `wget: can't connect to remote host (${ip}): Connection timed out\n`, code: 1, elapsedMs: TCP_CONNECT_TIMEOUT_MS };
  }
  if (!res.ok && res.stage === 'empty-reply') return { out: '', err: err + 'wget: error getting response\n', code: 1 };
  if (!res.ok && res.stage === 'tls') return { out: '', err: err + 'wget: error getting response: Connection reset by peer\n', code: 1 };
  if (!res.ok) return { out: '', err, code: 1 };
  const r = res.response;
  if (serverResponse) {
    err += `  HTTP/1.1 ${r.status} ${r.reason}\n`;
    for (const [k, v] of r.headers) err += `  ${k}: ${v}\n`;
  }
  if (r.status >= 400 || (r.status > 204 && r.status < 300)) {
    return { out: '', err: err + `wget: server returned error: HTTP/1.1 ${r.status} ${r.reason}\n`, code: 1 };
  }
  if (spider) return { out: '', err: err + (quiet ? '' : 'remote file exists\n'), code: 0 };
  const columns = opts.columns ?? 80;
  const size = utf8Length(r.body);
  if (output === '-') {
    if (!quiet) err += 'writing to stdout\n' + wgetProgress('-', size, columns) + 'written to stdout\n';
    return { out: r.body, err, code: 0 };
  }
  const name = output ?? (u.path.split('?')[0].split('/').pop() || 'index.html');
  if (!quiet) err += `saving to '${name}'\n` + wgetProgress(name.split('/').pop()!, size, columns) + `'${name}' saved\n`;
  return { out: '', err, code: 0, files: [[name, r.body]] };
}

// ---- curl ---------------------------------------------------------------------------------

export function curl(net: PodNetwork, src: Source, args: string[], opts: CommandOptions = {}): CommandResult {
  let silent = false;
  let showError = false;
  let include = false;
  let head = false;
  let fail = false;
  let output: string | undefined;
  let writeOut: string | undefined;
  let maxTime: number | undefined;
  let connectTimeout: number | undefined;
  let userAgent = `curl/${opts.curlVersion ?? '8.14.1'}`;
  let method: string | undefined;
  const extra: [string, string][] = [];
  let url: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const val = (): string => args[++i] ?? '';
    if (a === '--silent') silent = true;
    else if (a === '--show-error') showError = true;
    else if (a === '--include') include = true;
    else if (a === '--head') head = true;
    else if (a === '--fail') fail = true;
    else if (a === '--output') output = val();
    else if (a === '--write-out') writeOut = val();
    else if (a === '--max-time') maxTime = Number(val());
    else if (a === '--connect-timeout') connectTimeout = Number(val());
    else if (a === '--user-agent') userAgent = val();
    else if (a === '--header') {
      const h = val();
      const c = h.indexOf(':');
      if (c > 0) extra.push([h.slice(0, c).trim(), h.slice(c + 1).trim()]);
    } else if (a === '--request') method = val();
    else if (/^-[a-zA-Z]+$/.test(a)) {
      for (let j = 1; j < a.length; j++) {
        const l = a[j];
        const takes = 'oHAwmXx'.includes(l);
        const v = takes ? a.slice(j + 1) || val() : '';
        if (l === 's') silent = true;
        else if (l === 'S') showError = true;
        else if (l === 'i') include = true;
        else if (l === 'I') head = true;
        else if (l === 'f') fail = true;
        else if (l === 'L' || l === 'k' || l === 'v') continue;
        else if (l === 'o') output = v;
        else if (l === 'H') {
          const c = v.indexOf(':');
          if (c > 0) extra.push([v.slice(0, c).trim(), v.slice(c + 1).trim()]);
        } else if (l === 'A') userAgent = v;
        else if (l === 'w') writeOut = v;
        else if (l === 'm') maxTime = Number(v);
        else if (l === 'X') method = v;
        if (takes) break;
      }
    } else if (!a.startsWith('-')) url = a;
  }
  if (!url) return { out: '', err: "curl: try 'curl --help' or 'curl --manual' for more information\n", code: 2 };
  const errLine = (s: string): string => (!silent || showError ? `curl: ${s}\n` : '');
  const res: HttpOutcome = httpRequest(net, src, url, {
    method: method ?? (head ? 'HEAD' : 'GET'),
    headers: [['User-Agent', userAgent], ['Accept', '*/*'], ...extra],
  });
  const wo = (code: number): string => (writeOut ? writeOut.replace(/%\{http_code\}/g, String(code).padStart(3, '0')).replace(/\\n/g, '\n') : '');
  if (!res.ok && res.stage === 'url') return { out: '', err: errLine(`(3) URL rejected: Malformed input to a URL function`), code: 3 };
  if (!res.ok && res.stage === 'resolve') return { out: wo(0), err: errLine(`(6) Could not resolve host: ${res.url.host}`), code: 6, elapsedMs: res.why === 'dns-unreachable' ? 10_000 : 0 };
  if (!res.ok && res.stage === 'connect') {
    const host = res.url.host;
    if (res.failure.error === 'refused') {
      const ms = 1 + net.rng.int(4);
      return { out: wo(0), err: errLine(`(7) Failed to connect to ${host} port ${res.url.port} after ${ms} ms: Couldn't connect to server`), code: 7 };
    }
    const limit = connectTimeout ?? maxTime;
    if (limit !== undefined) {
      const ms = Math.round(limit * 1000) + 1 + net.rng.int(3);
      const what = connectTimeout !== undefined ? `Failed to connect to ${host} port ${res.url.port} after ${ms} ms: Timeout was reached` : `Connection timed out after ${ms} milliseconds`;
      return { out: wo(0), err: errLine(`(28) ${what}`), code: 28, elapsedMs: ms };
    }
    const ms = TCP_CONNECT_TIMEOUT_MS + 2000 + net.rng.int(3000);
    return { out: wo(0), err: errLine(`(28) Failed to connect to ${host} port ${res.url.port} after ${ms} ms: Couldn't connect to server`), code: 28, elapsedMs: ms };
  }
  if (!res.ok && res.stage === 'empty-reply') return { out: wo(0), err: errLine('(52) Empty reply from server'), code: 52 };
  if (!res.ok && res.stage === 'tls') return { out: wo(0), err: errLine('(35) OpenSSL/3.5.0: error:0A00010B:SSL routines::wrong version number'), code: 35 };
  if (!res.ok) return { out: '', err: '', code: 1 };
  const r = res.response;
  if (fail && r.status >= 400) return { out: wo(r.status), err: errLine(`(22) The requested URL returned error: ${r.status}`), code: 22 };
  let out = '';
  if (include || head) {
    out += `HTTP/1.1 ${r.status} ${r.reason}\r\n`;
    for (const [k, v] of r.headers) out += `${k}: ${v}\r\n`;
    out += '\r\n';
  }
  if (!head) out += r.body;
  let err = '';
  const size = utf8Length(out);
  if (!silent && !opts.tty && output === undefined) {
    // The progress meter goes to stderr when stdout is not a terminal.
    const speed = `${Math.max(1, Math.round(size / 1.024))}`;
    const sp = size >= 1024 ? `${Math.round(size / 1.024 / 1024)}k` : speed;
    err += `  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n`;
    err += `\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0\r100 ${String(size).padStart(5)}  100 ${String(size).padStart(5)}    0     0  ${sp.padStart(5)}      0 --:--:-- --:--:-- --:--:-- ${sp.padStart(5)}\n`;
  }
  if (output !== undefined && output !== '-') return { out: wo(r.status), err, code: 0, files: [[output, out]] };
  return { out: out + wo(r.status), err, code: 0 };
}

// ---- nslookup -----------------------------------------------------------------------------

function reverseName(ip: string): string | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(ip);
  return m ? `${m[4]}.${m[3]}.${m[2]}.${m[1]}.in-addr.arpa` : undefined;
}

export function nslookup(net: PodNetwork, src: Source, args: string[], opts: CommandOptions = {}): CommandResult {
  const positional = args.filter((a) => !a.startsWith('-'));
  const typeArg = args.find((a) => /^-(type|querytype|q)=/.test(a))?.split('=')[1]?.toUpperCase();
  const name = positional[0];
  if (!name) return { out: '', err: 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST\n\nQUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,ptr,srv,any\n', code: 1 };
  const server = positional[1] ?? KUBE_DNS_IP;
  const ns = src.kind === 'pod' ? src.namespace : undefined;
  const search = ns ? searchPath(ns) : [];
  const reachable = server === KUBE_DNS_IP && dnsReachable(net, src);
  const bind = opts.nslookupFlavor === 'bind';
  if (!reachable) {
    if (bind) return { out: ';; connection timed out; no servers could be reached\n\n', err: '', code: 1, elapsedMs: 15_000 };
    return { out: ';; connection timed out; no servers could be reached\n\n', err: '', code: 1, elapsedMs: 10_000 };
  }
  const rev = reverseName(name);
  if (bind) return bindNslookup(net, name, rev, search, typeArg);
  // busybox: the queries, in order; search domains only for a dotless name.
  const queries: { qname: string; type: RRType }[] = [];
  const withSearch = (type: RRType): void => {
    if (type === 'PTR' || search.length === 0 || name.includes('.')) queries.push({ qname: name, type });
    else for (const d of search) queries.push({ qname: `${name}.${d}`, type });
  };
  if (typeArg) withSearch(typeArg === 'PTR' ? 'PTR' : typeArg === 'AAAA' ? 'AAAA' : 'A');
  else if (rev) queries.push({ qname: rev, type: 'PTR' });
  else {
    withSearch('A');
    withSearch('AAAA');
  }
  let out = `Server:\t\t${server}\nAddress:\t${server}:53\n\n`;
  let code = 0;
  for (const q of queries) {
    const r = net.dns.query(q.qname, q.type);
    if (r.rcode !== 'NOERROR') {
      out += `** server can't find ${q.qname}: ${r.rcode}\n\n`;
      code = 1;
      continue;
    }
    if (!r.authoritative) out += 'Non-authoritative answer:\n';
    for (const a of r.answers) {
      if (a.type === 'A' || a.type === 'AAAA') out += `Name:\t${a.name}\nAddress: ${a.value}\n`;
      else if (a.type === 'CNAME') out += `${a.name}\tcanonical name = ${a.value}\n`;
      else out += `${a.name}\tname = ${a.value}\n`;
    }
    out += '\n';
  }
  return { out, err: '', code };
}

/** bind-utils nslookup: search domains with ndots, `Address: ip#53`. */
function bindNslookup(net: PodNetwork, name: string, rev: string | undefined, search: string[], typeArg: string | undefined): CommandResult {
  let out = `Server:\t\t${KUBE_DNS_IP}\nAddress:\t${KUBE_DNS_IP}#53\n\n`;
  if (rev) {
    const r = net.dns.query(rev, 'PTR');
    if (r.rcode !== 'NOERROR') return { out: out + `** server can't find ${rev}: ${r.rcode}\n\n`, err: '', code: 1 };
    for (const a of r.answers) out += `${a.name}\tname = ${a.value}.\n`;
    return { out: out + '\n', err: '', code: 0 };
  }
  const dots = name.split('.').length - 1;
  const candidates = name.endsWith('.') ? [name.slice(0, -1)] : dots >= 5 ? [name, ...search.map((d) => `${name}.${d}`)] : [...search.map((d) => `${name}.${d}`), name];
  const type: RRType = typeArg === 'AAAA' ? 'AAAA' : 'A';
  for (const q of candidates) {
    const r = net.dns.query(q, type);
    if (r.rcode !== 'NOERROR') continue;
    if (!r.authoritative) out += 'Non-authoritative answer:\n';
    if (r.answers.length === 0) return { out: out + `*** Can't find ${name}: No answer\n\n`, err: '', code: 0 };
    for (const a of r.answers) {
      if (a.type === 'CNAME') out += `${a.name}\tcanonical name = ${a.value}.\n`;
      else out += `Name:\t${a.name}\nAddress: ${a.value}\n`;
    }
    return { out: out + '\n', err: '', code: 0 };
  }
  return { out: out + `** server can't find ${name}: NXDOMAIN\n\n`, err: '', code: 1 };
}

export { resolveHost };
