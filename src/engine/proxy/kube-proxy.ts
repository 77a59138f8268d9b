/**
 * kube-proxy in iptables mode, one per node (pkg/proxy/iptables/proxier.go and
 * pkg/proxy/topology.go CategorizeEndpoints): what happens to a packet sent to a service
 * address from a given node.
 *
 * - A ClusterIP, external IP or LoadBalancer IP, or any node IP at a NodePort, is DNATed to one
 *   endpoint chosen uniformly at random among the usable ones (the iptables rules use
 *   `-m statistic --mode random --probability 1/n, 1/(n-1), ...`, which is uniform overall).
 * - Usable endpoints: ready ones; if there are none, serving-and-terminating ones.
 *   internalTrafficPolicy/externalTrafficPolicy Local restrict to endpoints on this node
 *   (external traffic from pods or from the node itself still uses cluster-wide endpoints).
 * - No endpoints at all: REJECT (the client sees "Connection refused"). Endpoints exist but
 *   none local under a Local policy: DROP (the client times out).
 * - sessionAffinity ClientIP: the `recent` module remembers, per node, which endpoint a client
 *   IP got, for timeoutSeconds since its last packet.
 * - Masquerade (SNAT) as KUBE-MARK-MASQ does: traffic not from the pod network to a ClusterIP,
 *   external traffic with policy Cluster, and a pod reaching itself through a service (hairpin).
 */
import type { Rng } from '../core/rng';
import type { ProxyEndpoint, ServicePortInfo, ServiceMap } from './service-map';

export type Verdict =
  | { kind: 'dnat'; service: ServicePortInfo; endpoint: ProxyEndpoint; masquerade: boolean }
  | { kind: 'reject'; service: ServicePortInfo }
  | { kind: 'drop'; service: ServicePortInfo }
  /** Not a service address: ordinary routing. */
  | { kind: 'none' };

export interface Packet {
  srcIP: string;
  dstIP: string;
  dstPort: number;
  protocol?: string;
  /** The source is a pod on the pod network (not the node itself, not outside the cluster). */
  fromPod: boolean;
  /** The source is outside the cluster (a browser, an external load balancer). */
  fromOutside: boolean;
  /** The destination is one of this node's IPs (NodePort traffic). */
  toNodeIP: boolean;
}

interface AffinityEntry {
  endpoint: string;
  lastMs: number;
}

/** CategorizeEndpoints: the endpoints cluster traffic and local traffic may use. */
export function categorizeEndpoints(s: ServicePortInfo, node: string): { cluster: ProxyEndpoint[]; local: ProxyEndpoint[]; hasAny: boolean } {
  const usesCluster = !s.internalPolicyLocal || (s.externallyAccessible && !s.externalPolicyLocal);
  const usesLocal = s.internalPolicyLocal || (s.externallyAccessible && s.externalPolicyLocal);
  let cluster: ProxyEndpoint[] = [];
  let local: ProxyEndpoint[] = [];
  let hasAny = false;
  if (usesCluster) {
    cluster = s.endpoints.filter((e) => e.ready);
    if (cluster.length === 0) cluster = s.endpoints.filter((e) => e.serving && e.terminating);
    if (cluster.length > 0) hasAny = true;
  }
  if (usesLocal) {
    let localReady = false;
    let localTerminating = false;
    for (const e of s.endpoints) {
      if (e.ready) {
        hasAny = true;
        if (e.nodeName === node) localReady = true;
      } else if (e.serving && e.terminating) {
        hasAny = true;
        if (e.nodeName === node) localTerminating = true;
      }
    }
    if (localReady) local = s.endpoints.filter((e) => e.nodeName === node && e.ready);
    else if (localTerminating) local = s.endpoints.filter((e) => e.nodeName === node && e.serving && e.terminating);
  }
  return { cluster, local, hasAny };
}

export class KubeProxy {
  /** per service port: client IP -> affinity entry (the `recent` list of each KUBE-SEP). */
  private affinity = new Map<string, Map<string, AffinityEntry>>();

  constructor(
    readonly node: string,
    private services: ServiceMap,
    private rng: Rng,
    private nowMs: () => number,
  ) {}

  /** What this node's rules do with a packet. */
  route(p: Packet): Verdict {
    const protocol = p.protocol ?? 'TCP';
    let svc = this.services.lookupAddress(p.dstIP, p.dstPort, protocol);
    let external = false;
    if (svc) {
      external = svc.clusterIP !== p.dstIP; // external IP or LB IP
    } else if (p.toNodeIP) {
      svc = this.services.lookupNodePort(p.dstPort, protocol);
      external = true;
    }
    if (!svc) return { kind: 'none' };
    const { cluster, local, hasAny } = categorizeEndpoints(svc, this.node);
    if (!hasAny) return { kind: 'reject', service: svc };
    let candidates: ProxyEndpoint[];
    let masquerade: boolean;
    if (external) {
      // KUBE-EXT: with policy Local, only traffic from outside is restricted to local
      // endpoints; pods and the node itself are sent to the cluster-wide chain.
      if (svc.externalPolicyLocal && p.fromOutside) {
        candidates = local;
        masquerade = false;
      } else {
        candidates = svc.externalPolicyLocal ? (cluster.length > 0 ? cluster : local) : cluster;
        masquerade = !svc.externalPolicyLocal || !p.fromPod;
      }
    } else {
      candidates = svc.internalPolicyLocal ? local : cluster;
      // `! -s <clusterCIDR> -d <clusterIP> -j KUBE-MARK-MASQ`
      masquerade = !p.fromPod;
    }
    if (candidates.length === 0) return { kind: 'drop', service: svc };
    const endpoint = this.pick(svc, candidates, p.srcIP);
    // Hairpin: a pod reaching itself through its service is masqueraded (KUBE-SEP -s <ep>).
    if (endpoint.ip === p.srcIP) masquerade = true;
    return { kind: 'dnat', service: svc, endpoint, masquerade };
  }

  private pick(svc: ServicePortInfo, eps: ProxyEndpoint[], client: string): ProxyEndpoint {
    if (svc.sessionAffinity !== 'ClientIP') return eps[this.rng.int(eps.length)];
    const key = `${svc.namespace}/${svc.name}:${svc.portName}/${svc.protocol}`;
    let table = this.affinity.get(key);
    if (!table) this.affinity.set(key, (table = new Map()));
    const now = this.nowMs();
    const prev = table.get(client);
    if (prev && now - prev.lastMs <= svc.affinityTimeoutSeconds * 1000) {
      const ep = eps.find((e) => `${e.ip}:${e.port}` === prev.endpoint);
      if (ep) {
        prev.lastMs = now;
        return ep;
      }
    }
    const ep = eps[this.rng.int(eps.length)];
    table.set(client, { endpoint: `${ep.ip}:${ep.port}`, lastMs: now });
    return ep;
  }
}
