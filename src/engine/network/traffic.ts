/**
 * A traffic generator: N HTTP requests per simulated second from a client (a pod, a node or
 * outside the cluster) to a URL (a service name, a ClusterIP, a NodePort on a node IP, a
 * LoadBalancer IP), each one going through DNS, kube-proxy and the serving pod exactly like a
 * `wget` from a pod. It counts which pod answered each request (the load-balancing spread the
 * lessons show), which failed and why, and tells listeners (the topology view animates each
 * request as a pulse along service -> pod). Servers that log (nginx) get their access-log
 * lines through the sinks of ./http.ts.
 *
 * The requests of one second are sent at the start of that second.
 */
import type { TimerHandle } from '../core/clock';
import { httpRequest, type HttpOutcome } from './http-exchange';
import type { PodNetwork, Source } from './pod-network';

export interface TrafficOptions {
  url: string;
  from: Source;
  /** Requests per simulated second. */
  rps: number;
  /** Stop after this many seconds (default: until stopped). */
  durationSec?: number;
  /** User-Agent sent (busybox wget's by default). */
  userAgent?: string;
}

/** One request, as listeners see it. */
export interface TrafficEvent {
  atMs: number;
  ok: boolean;
  status?: number;
  /** `namespace/name` of the serving pod. */
  pod?: string;
  node?: string;
  /** `namespace/name` of the service the request went through. */
  service?: string;
  /** Failure kind: `nxdomain`, `dns-unreachable`, `refused`, `timeout`, `empty-reply`, `http-<code>`. */
  error?: string;
}

export interface TrafficStats {
  sent: number;
  ok: number;
  failed: number;
  /** Serving pod -> requests it answered (successful or not: an HTTP error still hit a pod). */
  byPod: Map<string, number>;
  /** Failure kind -> count. */
  errors: Map<string, number>;
}

export class TrafficGenerator {
  private timer?: TimerHandle;
  private listeners = new Set<(ev: TrafficEvent) => void>();
  private endsAtMs?: number;
  readonly stats: TrafficStats = { sent: 0, ok: 0, failed: 0, byPod: new Map(), errors: new Map() };

  constructor(
    private net: PodNetwork,
    readonly options: TrafficOptions,
  ) {}

  get running(): boolean {
    return this.timer !== undefined;
  }

  onRequest(fn: (ev: TrafficEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  start(): this {
    if (this.timer) return this;
    if (this.options.durationSec !== undefined) this.endsAtMs = this.net.clock.now() + this.options.durationSec * 1000;
    this.tick();
    return this;
  }

  stop(): void {
    this.net.clock.cancel(this.timer);
    this.timer = undefined;
  }

  /** Sends one request now and records it. */
  sendOne(): TrafficEvent {
    const res = httpRequest(this.net, this.options.from, this.options.url, {
      headers: [['User-Agent', this.options.userAgent ?? 'Wget'], ['Connection', 'close']],
    });
    const ev = toEvent(res, this.net.clock.now());
    const s = this.stats;
    s.sent++;
    if (ev.ok) s.ok++;
    else {
      s.failed++;
      s.errors.set(ev.error!, (s.errors.get(ev.error!) ?? 0) + 1);
    }
    if (ev.pod) s.byPod.set(ev.pod, (s.byPod.get(ev.pod) ?? 0) + 1);
    for (const l of this.listeners) l(ev);
    return ev;
  }

  private tick(): void {
    if (this.endsAtMs !== undefined && this.net.clock.now() >= this.endsAtMs) {
      this.timer = undefined;
      return;
    }
    for (let i = 0; i < this.options.rps; i++) this.sendOne();
    this.timer = this.net.clock.after(1, () => this.tick(), 'traffic');
  }
}

function toEvent(res: HttpOutcome, atMs: number): TrafficEvent {
  if (res.ok) {
    const pod = res.conn.pod ? `${res.conn.pod.metadata.namespace}/${res.conn.pod.metadata.name}` : undefined;
    const service = res.conn.service ? `${res.conn.service.namespace}/${res.conn.service.name}` : undefined;
    const ok = res.response.status < 400;
    return { atMs, ok, status: res.response.status, pod, node: res.conn.node, service, error: ok ? undefined : `http-${res.response.status}` };
  }
  switch (res.stage) {
    case 'url':
      return { atMs, ok: false, error: 'bad-url' };
    case 'resolve':
      return { atMs, ok: false, error: res.why };
    case 'connect':
      return { atMs, ok: false, error: res.failure.error, service: res.failure.service ? `${res.failure.service.namespace}/${res.failure.service.name}` : undefined };
    default:
      return { atMs, ok: false, error: res.stage, pod: res.conn.pod ? `${res.conn.pod.metadata.namespace}/${res.conn.pod.metadata.name}` : undefined };
  }
}

/**
 * The distribution as a table:
 *
 *   POD                     REQUESTS   SHARE
 *   web-7d4b9c6f5d-2xkqp    334        33.4%
 */
export function formatDistribution(stats: TrafficStats): string {
  const rows: string[][] = [['POD', 'REQUESTS', 'SHARE']];
  const pods = [...stats.byPod.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  for (const [pod, n] of pods) rows.push([pod.split('/')[1], String(n), `${((100 * n) / Math.max(1, stats.sent)).toFixed(1)}%`]);
  for (const [err, n] of [...stats.errors.entries()].sort()) rows.push([`(failed: ${err})`, String(n), `${((100 * n) / Math.max(1, stats.sent)).toFixed(1)}%`]);
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] + 3))).join('')).join('\n') + '\n';
}
