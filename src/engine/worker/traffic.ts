/**
 * The traffic control of the playground: one traffic generator (src/engine/network/traffic.ts)
 * the UI starts against a Service, sending HTTP requests from the node control-plane to the
 * Service's ClusterIP as `kubeplay traffic` does, through kube-proxy's choice of endpoint. Each
 * request becomes a pulse the topology animates along service -> pod, and the per-pod counts
 * are the load-balancing spread the UI shows.
 *
 * The generator runs on simulated time, so the journal replays it exactly (start and stop are
 * journaled actions).
 */
import type { Cluster } from '../cluster';
import { networkOf } from '../network/pod-network';
import { TrafficGenerator } from '../network/traffic';
import { RequestError } from './request-error';
import type { TrafficPulse, TrafficView } from './protocol';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

/** Pulses kept for one push at most: beyond this the picture is saturated anyway. */
const MAX_PULSES = 120;

export interface TrafficRequest {
  namespace: string;
  service: string;
  /** Requests per simulated second (1..100). */
  rps: number;
  /** Seconds to run; 0 runs until stopped. */
  durationSec: number;
}

export class TrafficControl {
  private gen?: TrafficGenerator;
  private req?: TrafficRequest;
  private startedMs = 0;
  private pulses: TrafficPulse[] = [];
  private changed = false;
  private wasRunning = false;

  /** Starts (or replaces) the traffic. Throws a RequestError the learner can read. */
  start(cluster: Cluster, req: TrafficRequest): void {
    if (!Number.isInteger(req.rps) || req.rps < 1 || req.rps > 100) throw new RequestError('the rate must be a whole number from 1 to 100 requests per second');
    if (!Number.isFinite(req.durationSec) || req.durationSec < 0 || req.durationSec > 3600) throw new RequestError('the duration must be from 0 (until stopped) to 3600 seconds');
    const svc = cluster.api.find('Service', req.namespace, req.service);
    if (!svc) throw new RequestError(`service "${req.service}" not found in namespace "${req.namespace}"`);
    const port: Any = ((svc.spec as Any)?.ports as Any[] | undefined)?.find((p) => (p.protocol ?? 'TCP') === 'TCP');
    const ip = (svc.spec as Any)?.clusterIP;
    if (svc.spec?.type === 'ExternalName' || !port) throw new RequestError(`service "${req.service}" has no TCP port to send HTTP requests to`);
    if (!ip || ip === 'None') throw new RequestError(`service "${req.service}" is headless: it has no ClusterIP to send requests to`);
    this.stop();
    const url = `http://${ip}${port.port === 80 ? '' : `:${port.port}`}/`;
    const gen = new TrafficGenerator(networkOf(cluster), {
      url,
      from: { kind: 'node', name: 'control-plane' },
      rps: req.rps,
      durationSec: req.durationSec > 0 ? req.durationSec : undefined,
    });
    const service = `${req.namespace}/${req.service}`;
    gen.onRequest((ev) => {
      this.changed = true;
      if (this.pulses.length < MAX_PULSES) this.pulses.push({ service, pod: ev.pod, ok: ev.ok, atMs: ev.atMs });
    });
    this.gen = gen;
    this.req = req;
    this.startedMs = cluster.clock.now();
    this.changed = true;
    gen.start();
  }

  stop(): void {
    if (!this.gen) return;
    this.gen.stop();
    this.changed = true;
  }

  /** A fresh cluster: the old traffic is gone. */
  reset(): void {
    this.gen?.stop();
    this.gen = undefined;
    this.req = undefined;
    this.pulses = [];
    this.changed = true;
  }

  view(): TrafficView | undefined {
    const gen = this.gen;
    const req = this.req;
    if (!gen || !req) return undefined;
    const s = gen.stats;
    return {
      namespace: req.namespace,
      service: req.service,
      rps: req.rps,
      durationSec: req.durationSec,
      running: gen.running,
      startedMs: this.startedMs,
      sent: s.sent,
      ok: s.ok,
      failed: s.failed,
      byPod: [...s.byPod.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([pod, n]) => ({ pod, n })),
      errors: [...s.errors.entries()].sort().map(([error, n]) => ({ error, n })),
    };
  }

  /** What changed since the last call: the traffic view (null: none) and the new pulses. */
  take(force: boolean): { view?: TrafficView | null; pulses: TrafficPulse[] } {
    const running = this.gen?.running ?? false;
    const changed = this.changed || running !== this.wasRunning || force;
    this.wasRunning = running;
    this.changed = false;
    const pulses = this.pulses;
    this.pulses = [];
    return { ...(changed ? { view: this.view() ?? null } : {}), pulses };
  }
}
