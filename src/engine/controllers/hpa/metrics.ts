/**
 * The cluster's resource metrics: what metrics-server (sigs.k8s.io/metrics-server, serving
 * metrics.k8s.io/v1beta1 from the kubelets' cAdvisor stats) would report, for `kubectl top`
 * and the HPA controller's metrics client.
 *
 * Usage is simulated per running container: an idle level per image (nginx ~1m CPU and a few
 * MiB), plus CPU for each HTTP request the pod served (counted through the pod network's
 * request observer; php-apache's index.php costs about 6 ms of CPU per request, so the
 * walk-through's load generator, about 100 requests a second, drives one pod to ~300 % of its
 * 200m request), plus an explicit load a learner can set on a workload (`setLoad`: CPU spread
 * over its ready pods). Like metrics-server with `--metric-resolution=15s`, values are
 * per 15 s scrape window, and a container has metrics only after its first full window.
 *
 * The Metrics API is served once the metrics-server addon (./metrics-server-addon.ts) has a
 * ready pod, and reports windows that start after that.
 *
 * A container's CPU never exceeds its CPU limit (the CFS quota throttles it).
 *
 * Simplification: memory does not grow with load.
 */
import type { ClusterParts } from '../../cluster';
import type { KObject } from '../../api/types/meta';
import { keyOf } from '../../api/types/meta';
import { fromLabelSelector, matches, type LabelSelector } from '../../api/selectors';
import { addRequestObserver } from '../../network/access-log';
import { networkOf } from '../../network/pod-network';
import { fnv32a } from '../util/hash';
import { milliValue } from '../../scheduler/resources';

/** metrics-server's --metric-resolution. */
export const METRIC_RESOLUTION_SECONDS = 15;
const MI = 1024 * 1024;

export interface ContainerUsage {
  name: string;
  /** CPU in millicores. */
  cpu: number;
  /** Memory (working set) in bytes. */
  memory: number;
}

export interface PodUsage {
  /** End of the scrape window, ms. */
  timestamp: number;
  windowSeconds: number;
  containers: ContainerUsage[];
}

export interface NodeUsage {
  timestamp: number;
  windowSeconds: number;
  cpu: number;
  memory: number;
}

interface Idle {
  cpu: number;
  memoryMi: number;
}

/** Idle usage by image repository name (last path element). */
const IDLE: Record<string, Idle> = {
  nginx: { cpu: 0, memoryMi: 3 },
  'nginx-slim': { cpu: 0, memoryMi: 2 },
  'hpa-example': { cpu: 1, memoryMi: 11 },
  httpd: { cpu: 1, memoryMi: 5 },
  busybox: { cpu: 0, memoryMi: 0 },
  redis: { cpu: 2, memoryMi: 3 },
  mysql: { cpu: 5, memoryMi: 370 },
  postgres: { cpu: 2, memoryMi: 25 },
  coredns: { cpu: 2, memoryMi: 14 },
  etcd: { cpu: 25, memoryMi: 38 },
  'kube-apiserver': { cpu: 50, memoryMi: 210 },
  'kube-controller-manager': { cpu: 15, memoryMi: 48 },
  'kube-scheduler': { cpu: 3, memoryMi: 19 },
  'kube-proxy': { cpu: 1, memoryMi: 14 },
  flannel: { cpu: 3, memoryMi: 11 },
};
const DEFAULT_IDLE: Idle = { cpu: 1, memoryMi: 4 };

/** CPU milliseconds a served request costs, by server kind. */
const REQUEST_CPU_MS: Record<string, number> = { 'php-apache': 6.1, nginx: 0.05, httpd: 0.1 };
const DEFAULT_REQUEST_CPU_MS = 0.05;

/** System usage of a node besides its pods (kubelet, containerd, systemd). */
const NODE_SYSTEM: { cpu: number; memoryMi: number } = { cpu: 22, memoryMi: 120 };
const CONTROL_PLANE_SYSTEM: { cpu: number; memoryMi: number } = { cpu: 45, memoryMi: 290 };

function imageName(image: string): string {
  const noDigest = image.split('@')[0];
  const lastSlash = noDigest.lastIndexOf('/');
  const colon = noDigest.indexOf(':', lastSlash + 1);
  const repo = colon < 0 ? noDigest : noDigest.slice(0, colon);
  return repo.split('/').pop()!;
}

/** A deterministic per-container wobble of 0..n, so equal pods do not print equal numbers. */
function wobble(seed: string, n: number): number {
  return fnv32a(seed) % (n + 1);
}

/** A load set on a workload: CPU millicores spread over its ready pods. */
interface Load {
  namespace: string;
  selector: LabelSelector;
  cpu: number;
}

export class MetricsSource {
  /** pod uid -> per-second request CPU cost (ms of CPU), keyed by whole second. */
  private requestCpu = new Map<string, Map<number, number>>();
  private loads = new Map<string, Load>();

  constructor(private c: ClusterParts) {
    addRequestObserver(networkOf(c), (pod, kind) => this.recordRequest(pod, kind));
  }

  /** Counts one request served by `pod` now. */
  recordRequest(pod: KObject, kind: string): void {
    const uid = pod.metadata.uid!;
    const sec = Math.floor(this.c.clock.now() / 1000);
    let m = this.requestCpu.get(uid);
    if (!m) this.requestCpu.set(uid, (m = new Map()));
    m.set(sec, (m.get(sec) ?? 0) + (REQUEST_CPU_MS[kind] ?? DEFAULT_REQUEST_CPU_MS));
    if (m.size > 120) for (const k of m.keys()) if (k < sec - 60) m.delete(k);
  }

  /**
   * Sets (or with cpu 0, clears) a CPU load on the pods a selector picks, e.g. a Deployment's:
   * `cpu` millicores in total, spread over the ready ones.
   */
  setLoad(namespace: string, name: string, selector: LabelSelector, cpu: number): void {
    const key = `${namespace}/${name}`;
    if (cpu <= 0) this.loads.delete(key);
    else this.loads.set(key, { namespace, selector, cpu });
  }

  /** The loads set with setLoad: `namespace/name` and total millicores. */
  listLoads(): { namespace: string; name: string; cpu: number }[] {
    return [...this.loads].map(([key, l]) => ({ namespace: l.namespace, name: key.slice(l.namespace.length + 1), cpu: l.cpu }));
  }

  /** The end of the current scrape window. */
  private windowEnd(): number {
    const step = METRIC_RESOLUTION_SECONDS * 1000;
    return Math.floor(this.c.clock.now() / step) * step;
  }

  /**
   * When metrics-server became ready (its first scrape window starts then), or undefined when
   * the Metrics API is not served.
   */
  apiReadySince(): number | undefined {
    let since: number | undefined;
    for (const p of this.c.api.store.list('Pod', 'kube-system')) {
      if (p.metadata.labels?.['k8s-app'] !== 'metrics-server' || p.metadata.deletionTimestamp) continue;
      const ready = ((p.status?.conditions ?? []) as { type: string; status: string; lastTransitionTime?: string }[]).find((c) => c.type === 'Ready');
      if (ready?.status !== 'True' || !ready.lastTransitionTime) continue;
      const t = Date.parse(ready.lastTransitionTime);
      if (since === undefined || t < since) since = t;
    }
    return since;
  }

  /** The pod's usage in the last complete window, or undefined (not running, or too new). */
  podUsage(pod: KObject): PodUsage | undefined {
    const end = this.windowEnd();
    const start = end - METRIC_RESOLUTION_SECONDS * 1000;
    const since = this.apiReadySince();
    if (since === undefined || since > start) return undefined;
    if (pod.status?.phase !== 'Running' || !pod.spec?.nodeName) return undefined;
    const statuses = (pod.status?.containerStatuses ?? []) as { name: string; state?: { running?: { startedAt?: string } } }[];
    const specs = (pod.spec?.containers ?? []) as { name: string; image: string }[];
    if (statuses.length < specs.length) return undefined;
    const containers: ContainerUsage[] = [];
    const served = this.servedCpu(pod, start, end);
    const loadShare = this.loadShare(pod);
    for (const [i, spec] of specs.entries()) {
      const st = statuses.find((s) => s.name === spec.name);
      const startedAt = st?.state?.running?.startedAt;
      // cAdvisor needs a full window after the container started to report a rate.
      if (!startedAt || Date.parse(startedAt) > start) return undefined;
      const idle = IDLE[imageName(spec.image)] ?? DEFAULT_IDLE;
      const seed = `${pod.metadata.uid}/${spec.name}`;
      let cpu = idle.cpu + (idle.cpu > 1 ? wobble(`${seed}/${end}`, 1) : 0);
      if (i === 0) cpu += Math.round(served + loadShare);
      // CFS quota: a container cannot use more CPU than its limit over a window.
      const limit = (spec as { resources?: { limits?: { cpu?: unknown } } }).resources?.limits?.cpu;
      if (limit !== undefined) cpu = Math.min(cpu, milliValue(limit));
      const memory = (idle.memoryMi * MI) + wobble(seed, 900) * 1024;
      containers.push({ name: spec.name, cpu, memory });
    }
    return { timestamp: end, windowSeconds: METRIC_RESOLUTION_SECONDS, containers };
  }

  /** Request CPU over the window, as millicores. */
  private servedCpu(pod: KObject, start: number, end: number): number {
    const m = this.requestCpu.get(pod.metadata.uid!);
    if (!m) return 0;
    let ms = 0;
    for (let s = Math.floor(start / 1000); s < Math.floor(end / 1000); s++) ms += m.get(s) ?? 0;
    return ms / METRIC_RESOLUTION_SECONDS;
  }

  /** This pod's share of the explicit loads that select it. */
  private loadShare(pod: KObject): number {
    let share = 0;
    for (const load of this.loads.values()) {
      if (load.namespace !== pod.metadata.namespace || !matches(fromLabelSelector(load.selector), pod.metadata.labels)) continue;
      const ready = this.c.api.store
        .list('Pod', load.namespace)
        .filter((p) => p.status?.phase === 'Running' && !p.metadata.deletionTimestamp && matches(fromLabelSelector(load.selector), p.metadata.labels));
      if (ready.some((p) => p.metadata.uid === pod.metadata.uid)) share += load.cpu / ready.length;
    }
    return share;
  }

  /** A node's usage: its pods plus the system's, or undefined when the node is not Ready. */
  nodeUsage(node: KObject): NodeUsage | undefined {
    const since = this.apiReadySince();
    if (since === undefined || since > this.windowEnd() - METRIC_RESOLUTION_SECONDS * 1000) return undefined;
    const ready = ((node.status?.conditions ?? []) as { type: string; status: string }[]).find((c) => c.type === 'Ready')?.status === 'True';
    if (!ready) return undefined;
    const sys = node.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined ? CONTROL_PLANE_SYSTEM : NODE_SYSTEM;
    const end = this.windowEnd();
    let cpu = sys.cpu + wobble(`${node.metadata.name}/${end}`, 4);
    let memory = sys.memoryMi * MI + wobble(node.metadata.name!, 40) * MI;
    for (const p of this.c.api.podsOnNode(node.metadata.name!)) {
      const u = this.podUsage(p);
      if (!u) continue;
      for (const c of u.containers) {
        cpu += c.cpu;
        memory += c.memory;
      }
    }
    return { timestamp: end, windowSeconds: METRIC_RESOLUTION_SECONDS, cpu, memory };
  }

  /** Metrics of the pods a selector picks in a namespace (the HPA's metrics client). */
  podMetrics(namespace: string, selector: LabelSelector): Map<string, { usage: PodUsage; pod: KObject }> {
    const out = new Map<string, { usage: PodUsage; pod: KObject }>();
    const sel = fromLabelSelector(selector);
    for (const p of this.c.api.store.list('Pod', namespace)) {
      if (!matches(sel, p.metadata.labels)) continue;
      const u = this.podUsage(p);
      if (u) out.set(keyOf(p), { usage: u, pod: p });
    }
    return out;
  }
}

const sources = new WeakMap<object, MetricsSource>();

/** The metrics source of a cluster, created on first use. */
export function metricsOf(c: ClusterParts): MetricsSource {
  let m = sources.get(c.api);
  if (!m) sources.set(c.api, (m = new MetricsSource(c)));
  return m;
}
