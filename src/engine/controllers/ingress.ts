/**
 * The control loop of ingress-nginx (kubernetes/ingress-nginx controller-v1.12.2) for every
 * running controller pod: what its informers and its status syncer do to the API.
 *
 * - internal/ingress/controller/store/store.go: when a controller process sees an Ingress of
 *   its class added, or changed (any change, status included), it records the event
 *   `Normal Sync "Scheduled for sync"` from `nginx-ingress-controller` on it. A process that
 *   starts sees every existing Ingress as added.
 * - internal/ingress/status/status.go: the elected leader writes the controller's address into
 *   status.loadBalancer.ingress of every Ingress of its class: at once when it starts leading,
 *   then every UpdateInterval (60 s). The address is --publish-status-address if set, else the
 *   --publish-service Service's (LoadBalancer: its status ingress IPs/hostnames; ClusterIP and
 *   NodePort without externalIPs: its ClusterIP), else the node addresses of the ready
 *   controller pods. An Ingress whose status already matches is not written. When the last
 *   controller pod shuts down (pod deleted), the leader removes the address.
 *
 * Which pods run the controller, and their flags, come from the pod spec (./network/ingress.ts
 * ingressNginxConfig), so a learner's own install of the manifest behaves the same as
 * `kubeplay addon enable ingress`.
 *
 * Simplification: leader election is instant (the oldest running controller process leads; a
 * real successor waits for the old lease to expire); each process's informer is modelled by
 * the resourceVersions it has seen.
 */
import type { ClusterParts } from '../cluster';
import type { ApiServer } from '../api/server';
import type { EventRecorder } from '../api/events';
import { isStatusError } from '../api/errors';
import { clone, type KObject, type WatchEvent } from '../api/types/meta';
import type { SimClock } from '../core/clock';
import { after, done, on, retry, type Controller, type Result, type Trigger } from './manager';
import { ingressNginxConfig, servedIngresses, type IngressNginxConfig } from '../network/ingress';
import { isIP } from '../network/ip';

 
type Any = any;

export const INGRESS_NGINX_COMPONENT = 'nginx-ingress-controller';
export const REASON_SYNC = 'Sync';
export const MSG_SCHEDULED_FOR_SYNC = 'Scheduled for sync';
/** status.UpdateInterval. */
export const STATUS_UPDATE_INTERVAL_SECONDS = 60;

const KEY = 'ingress-nginx';

interface Process {
  /** `namespace/name` of the pod. */
  pod: string;
  cfg: IngressNginxConfig;
  startedMs: number;
  /** Ingress key -> resourceVersion the informer last saw. */
  seen: Map<string, string>;
  /** When the leader syncs status next. */
  nextStatusMs?: number;
}

function keyOfObj(o: KObject): string {
  return `${o.metadata.namespace}/${o.metadata.name}`;
}

/** Whether a controller process runs in the pod: its controller container is running. */
function processRunning(pod: KObject, cfg: IngressNginxConfig): boolean {
  if (pod.status?.phase !== 'Running') return false;
  const st = ((pod.status?.containerStatuses as Any[]) ?? []).find((s) => s.name === cfg.container);
  return st ? !!st.state?.running : true;
}

function podReady(pod: KObject): boolean {
  return ((pod.status?.conditions as Any[]) ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

type LBIngress = { ip?: string; hostname?: string };

function sameAddresses(a: LBIngress[], b: LBIngress[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((x, i) => (x.ip ?? '') === (b[i].ip ?? '') && (x.hostname ?? '') === (b[i].hostname ?? ''));
}

/** standardizeLoadBalancerIngresses: sorted by IP, then hostname. */
function standardize(addrs: LBIngress[]): LBIngress[] {
  return [...addrs].sort((a, b) => {
    const ka = `${a.ip ?? ''}\0${a.hostname ?? ''}`;
    const kb = `${b.ip ?? ''}\0${b.hostname ?? ''}`;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
}

export class IngressNginxController implements Controller {
  readonly name = INGRESS_NGINX_COMPONENT;
  /** Pods that run (or ran) the controller image: `namespace/name`. */
  private candidates = new Set<string>();
  private procs = new Map<string, Process>();

  constructor(
    private api: ApiServer,
    private clock: SimClock,
    private recorder: EventRecorder,
  ) {}

  triggers(): Trigger[] {
    const wake = (): string[] => [KEY];
    return [
      on('Ingress', wake),
      on('IngressClass', wake),
      on('Pod', (ev: WatchEvent) => {
        let hit = false;
        for (const o of [ev.object, ev.old]) {
          if (o && ingressNginxConfig(o)) {
            this.candidates.add(keyOfObj(o));
            hit = true;
          }
        }
        return hit ? [KEY] : [];
      }),
      on('Service', (ev: WatchEvent) => {
        const k = keyOfObj(ev.object);
        return [...this.procs.values()].some((p) => p.cfg.publishService === k) ? [KEY] : [];
      }),
      on('Node', () => (this.procs.size > 0 ? [KEY] : [])),
    ];
  }

  initialKeys(): string[] {
    for (const p of this.api.store.list('Pod')) if (ingressNginxConfig(p)) this.candidates.add(keyOfObj(p));
    return [KEY];
  }

  reconcile(): Result {
    try {
      return this.sync();
    } catch (e) {
      if (isStatusError(e)) return retry();
      throw e;
    }
  }

  private sync(): Result {
    const now = this.clock.now();
    let lastShutdown: Process | undefined;
    for (const key of [...this.candidates]) {
      const [ns, name] = key.split('/');
      const pod = this.api.find('Pod', ns, name);
      const cfg = pod && ingressNginxConfig(pod);
      const running = !!pod && !!cfg && processRunning(pod, cfg);
      const proc = this.procs.get(key);
      if (!running) {
        if (proc) {
          this.procs.delete(key);
          if (pod?.metadata.deletionTimestamp || !pod) lastShutdown = proc;
        }
        if (!pod) this.candidates.delete(key);
        continue;
      }
      if (!proc) this.procs.set(key, { pod: key, cfg: cfg!, startedMs: now, seen: new Map() });
    }
    // Informers: Scheduled for sync on each new or changed Ingress of the class.
    for (const p of this.procs.values()) {
      const served = servedIngresses(this.api, p.cfg);
      const live = new Set<string>();
      for (const ing of served) {
        const k = keyOfObj(ing);
        live.add(k);
        if (p.seen.get(k) === ing.metadata.resourceVersion) continue;
        p.seen.set(k, ing.metadata.resourceVersion!);
        this.recorder.event(ing, 'Normal', REASON_SYNC, MSG_SCHEDULED_FOR_SYNC);
      }
      for (const k of [...p.seen.keys()]) if (!live.has(k)) p.seen.delete(k);
    }
    const leader = this.leader();
    if (!leader) {
      if (lastShutdown && lastShutdown.cfg.updateStatus) this.writeStatus(lastShutdown.cfg, []);
      return done();
    }
    if (!leader.cfg.updateStatus) return done();
    leader.nextStatusMs ??= now;
    if (now >= leader.nextStatusMs) {
      const addrs = this.runningAddresses(leader.cfg);
      if (addrs) this.writeStatus(leader.cfg, addrs);
      while (leader.nextStatusMs <= now) leader.nextStatusMs += STATUS_UPDATE_INTERVAL_SECONDS * 1000;
      // Our own status writes come back as Ingress updates: the next pass records their Sync events.
    }
    return after((leader.nextStatusMs - now) / 1000);
  }

  /** The leader: the longest-running process (ties: pod name). */
  private leader(): Process | undefined {
    let best: Process | undefined;
    for (const p of this.procs.values()) {
      if (!best || p.startedMs < best.startedMs || (p.startedMs === best.startedMs && p.pod < best.pod)) best = p;
    }
    return best;
  }

  /** status.runningAddresses; undefined when it cannot tell (the published Service is missing). */
  private runningAddresses(cfg: IngressNginxConfig): LBIngress[] | undefined {
    if (cfg.publishStatusAddress) {
      return cfg.publishStatusAddress.split(/,\s*/).map((a) => (isIP(a) ? { ip: a } : { hostname: a }));
    }
    if (cfg.publishService) {
      const [ns, name] = cfg.publishService.split('/');
      const svc = this.api.find('Service', ns, name);
      if (!svc) return undefined;
      const spec = svc.spec ?? {};
      const external: string[] = spec.externalIPs ?? [];
      switch (spec.type) {
        case 'ExternalName':
          return [{ hostname: spec.externalName }];
        case 'NodePort':
          if (external.length > 0) return external.map((ip) => ({ ip }));
          return [{ ip: spec.clusterIP }];
        case 'LoadBalancer': {
          const out: LBIngress[] = ((svc.status?.loadBalancer?.ingress as Any[]) ?? []).map((i) => {
            const a: LBIngress = {};
            if (i.hostname) a.hostname = i.hostname;
            if (i.ip) a.ip = i.ip;
            return a;
          });
          for (const ip of external) if (!out.some((a) => a.ip === ip)) out.push({ ip });
          return out;
        }
        default:
          return [{ ip: spec.clusterIP }];
      }
    }
    const out: LBIngress[] = [];
    for (const p of this.procs.values()) {
      const [ns, name] = p.pod.split('/');
      const pod = this.api.find('Pod', ns, name);
      if (!pod || !podReady(pod)) continue;
      const node = this.api.find('Node', undefined, pod.spec?.nodeName);
      const addrs: Any[] = node?.status?.addresses ?? [];
      const ip = addrs.find((a) => a.type === 'ExternalIP')?.address ?? addrs.find((a) => a.type === 'InternalIP')?.address ?? pod.spec?.nodeName;
      if (ip && !out.some((a) => a.ip === ip || a.hostname === ip)) out.push(isIP(ip) ? { ip } : { hostname: ip });
    }
    return out;
  }

  /** updateStatus: writes the addresses into every Ingress of the class that differs. */
  private writeStatus(cfg: IngressNginxConfig, addrs: LBIngress[]): void {
    const want = standardize(addrs);
    for (const ing of servedIngresses(this.api, cfg)) {
      const cur: LBIngress[] = standardize(((ing.status?.loadBalancer?.ingress as Any[]) ?? []).map((i) => ({ ip: i.ip, hostname: i.hostname })));
      if (sameAddresses(cur, want)) continue;
      const next = clone(ing);
      next.status = { ...(next.status ?? {}), loadBalancer: want.length > 0 ? { ingress: want } : {} };
      this.api.updateStatus(next);
    }
  }
}

export function startIngressNginxController(c: ClusterParts): IngressNginxController {
  return new IngressNginxController(c.api, c.clock, c.recorder({ component: INGRESS_NGINX_COMPONENT }));
}
