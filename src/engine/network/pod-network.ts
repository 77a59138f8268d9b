/**
 * The cluster network: a flannel-style pod network (each node a /24 of 10.244.0.0/16, every
 * pod IP routable from every pod and node over the VXLAN overlay), the node network
 * 172.18.0.0/16 (an outside client sits at the docker bridge 172.18.0.1), and kube-proxy on
 * every node in front of it. `connect` follows one TCP connection the way the packets go:
 *
 *   client -> (its node's kube-proxy for service IPs; the target node's for NodePorts;
 *   a node the load balancer picks for LoadBalancer IPs from outside) -> DNAT to an endpoint ->
 *   overlay -> the pod -> the container listening on that port.
 *
 * and reports what the server sees (client address after any SNAT) or why it failed:
 * `refused` (REJECT of a service without endpoints, or nothing listening), `timeout` (DROP,
 * a dead node, an address nobody has), as a real client would observe.
 */
import type { ApiServer } from '../api/server';
import type { KObject } from '../api/types/meta';
import type { SimClock } from '../core/clock';
import type { Rng } from '../core/rng';
import { KubeProxy, type Verdict } from '../proxy/kube-proxy';
import { ServiceMap, type ServicePortInfo } from '../proxy/service-map';
import { ClusterDns } from './dns';
import { APISERVER_ENDPOINT_IP, cidrAddress, parseCidr } from './ip';
import { ingressNginxListener } from './ingress';
import { checkPolicies } from './policy';
import { listenerOn, type Listener } from './servers';

 
type Any = any;

/** Where a connection starts. */
export type Source =
  | { kind: 'pod'; namespace: string; name: string }
  | { kind: 'node'; name: string }
  | { kind: 'external' };

/** The address an outside client has (the docker bridge gateway of a kind network). */
export const EXTERNAL_CLIENT_IP = '172.18.0.1';

export interface Connected {
  ok: true;
  /** The pod serving (or undefined for a host process such as the apiserver). */
  pod?: KObject;
  node: string;
  listener?: Listener;
  /** The special host service answering (kube-apiserver), when not a pod. */
  host?: 'apiserver';
  serverIP: string;
  serverPort: number;
  /** The client address the server sees. */
  clientIP: string;
  clientPort: number;
  /** The service the connection went through, if any. */
  service?: ServicePortInfo;
  /** The node whose kube-proxy DNATed the connection. */
  proxyNode?: string;
}

export interface ConnectFailed {
  ok: false;
  error: 'refused' | 'timeout';
  /** Why, for explanations in the UI (e.g. `no endpoints`, `node node-2 is down`). */
  why: string;
  service?: ServicePortInfo;
}

export type ConnectResult = Connected | ConnectFailed;

export interface NetworkOptions {
  /** Whether a node's machine is up (a failed node answers nothing). Default: Ready not Unknown. */
  nodeUp?: (node: string) => boolean;
  /** Whether NetworkPolicies are enforced (default true; see ./policy.ts). */
  enforceNetworkPolicies?: boolean;
}

export class PodNetwork {
  readonly services: ServiceMap;
  readonly dns: ClusterDns;
  private proxies = new Map<string, KubeProxy>();
  private podsByIP = new Map<string, string>();
  private stop: () => void;

  constructor(
    readonly api: ApiServer,
    readonly clock: SimClock,
    readonly rng: Rng,
    private opts: NetworkOptions = {},
  ) {
    this.services = new ServiceMap(api);
    this.dns = new ClusterDns(api);
    for (const p of api.store.list('Pod')) this.indexPod(p);
    this.stop = api.watch('Pod', (ev) => {
      if (ev.old) this.unindexPod(ev.old);
      if (ev.type !== 'DELETED') this.indexPod(ev.object);
    });
  }

  /** Changes options of a network already in use (e.g. the fleet's nodeUp). */
  configure(opts: NetworkOptions): void {
    this.opts = { ...this.opts, ...opts };
  }

  dispose(): void {
    this.stop();
    this.services.stop();
  }

  private indexPod(p: KObject): void {
    if (p.spec?.hostNetwork) return;
    const ip = p.status?.podIP;
    if (ip) this.podsByIP.set(ip, `${p.metadata.namespace}/${p.metadata.name}`);
  }

  private unindexPod(p: KObject): void {
    const ip = p.status?.podIP;
    if (ip && this.podsByIP.get(ip) === `${p.metadata.namespace}/${p.metadata.name}`) this.podsByIP.delete(ip);
  }

  /** kube-proxy of a node. */
  proxy(node: string): KubeProxy {
    let p = this.proxies.get(node);
    if (!p) this.proxies.set(node, (p = new KubeProxy(node, this.services, this.rng, () => this.clock.now())));
    return p;
  }

  /** A node's InternalIP (status, else the default cluster's convention). */
  nodeIP(node: KObject | string): string | undefined {
    const n = typeof node === 'string' ? this.api.find('Node', undefined, node) : node;
    const name = typeof node === 'string' ? node : node.metadata.name!;
    const ip = (n?.status?.addresses as Any[] | undefined)?.find((a) => a.type === 'InternalIP')?.address;
    if (ip) return ip;
    if (!n) return undefined;
    if (name === 'control-plane') return '172.18.0.2';
    const m = /^node-(\d+)$/.exec(name);
    return m ? `172.18.${Math.floor((2 + Number(m[1])) / 256)}.${(2 + Number(m[1])) % 256}` : undefined;
  }

  /** The node that has this InternalIP. */
  nodeByIP(ip: string): KObject | undefined {
    return this.api.store.list('Node').find((n) => this.nodeIP(n) === ip);
  }

  /** A node's pod CIDR (spec.podCIDR, else the convention). */
  podCIDR(node: string): string | undefined {
    const n = this.api.find('Node', undefined, node);
    if (n?.spec?.podCIDR) return n.spec.podCIDR;
    if (node === 'control-plane') return '10.244.0.0/24';
    const m = /^node-(\d+)$/.exec(node);
    return m ? `10.244.${m[1]}.0/24` : undefined;
  }

  nodeUp(node: string): boolean {
    if (this.opts.nodeUp) return this.opts.nodeUp(node);
    const n = this.api.find('Node', undefined, node);
    if (!n) return false;
    const ready = (n.status?.conditions as Any[] | undefined)?.find((c) => c.type === 'Ready');
    return ready?.status !== 'Unknown';
  }

  podByIP(ip: string): KObject | undefined {
    const key = this.podsByIP.get(ip);
    if (!key) return undefined;
    const i = key.indexOf('/');
    return this.api.find('Pod', key.slice(0, i), key.slice(i + 1));
  }

  /** The node and IP a source sends from. */
  sourceOf(src: Source): { node?: string; ip: string; pod?: KObject } | undefined {
    if (src.kind === 'external') return { ip: EXTERNAL_CLIENT_IP };
    if (src.kind === 'node') {
      const ip = this.nodeIP(src.name);
      return ip ? { node: src.name, ip } : undefined;
    }
    const pod = this.api.find('Pod', src.namespace, src.name);
    if (!pod?.spec?.nodeName) return undefined;
    const ip = pod.spec.hostNetwork ? this.nodeIP(pod.spec.nodeName) : pod.status?.podIP;
    return ip ? { node: pod.spec.nodeName, ip, pod } : undefined;
  }

  /** An ephemeral client port (Linux ip_local_port_range 32768-60999). */
  private ephemeralPort(): number {
    return 32768 + this.rng.int(60999 - 32768 + 1);
  }

  /** The address a node masquerades to when sending to `dstIP` (cni0 .1 or flannel.1 .0). */
  masqueradeIP(node: string, dstIP: string): string {
    const cidr = parseCidr(this.podCIDR(node) ?? '');
    if (!cidr) return this.nodeIP(node) ?? EXTERNAL_CLIENT_IP;
    const dstPod = this.podByIP(dstIP);
    if (dstPod && dstPod.spec?.nodeName === node) return cidrAddress(cidr, 1);
    if (dstPod) return cidrAddress(cidr, 0);
    return this.nodeIP(node) ?? EXTERNAL_CLIENT_IP;
  }

  /** Opens a TCP connection from `src` to ip:port. */
  connect(src: Source, ip: string, port: number): ConnectResult {
    const from = this.sourceOf(src);
    if (!from) return { ok: false, error: 'timeout', why: 'the client has no network yet' };
    const clientPort = this.ephemeralPort();
    let verdict: Verdict = { kind: 'none' };
    let proxyNode: string | undefined;
    const dstNode = this.nodeByIP(ip);
    if (src.kind === 'external') {
      if (dstNode) {
        proxyNode = dstNode.metadata.name!;
      } else {
        const svc = this.services.lookupAddress(ip, port);
        if (svc && svc.clusterIP !== ip) proxyNode = this.loadBalancerNode(svc);
        else if (svc) return { ok: false, error: 'timeout', why: `ClusterIP ${ip} is not reachable from outside the cluster` };
      }
    } else {
      proxyNode = dstNode && !this.services.lookupAddress(ip, port) ? dstNode.metadata.name! : from.node;
    }
    if (proxyNode) {
      if (!this.nodeUp(proxyNode)) return { ok: false, error: 'timeout', why: `node ${proxyNode} is down` };
      verdict = this.proxy(proxyNode).route({
        srcIP: from.ip,
        dstIP: ip,
        dstPort: port,
        fromPod: src.kind === 'pod' && !from.pod?.spec?.hostNetwork,
        fromOutside: src.kind === 'external',
        toNodeIP: !!dstNode && dstNode.metadata.name === proxyNode,
      });
    }
    let targetIP = ip;
    let targetPort = port;
    let clientIP = from.ip;
    let service: ServicePortInfo | undefined;
    if (verdict.kind === 'reject') return { ok: false, error: 'refused', why: `service ${verdict.service.namespace}/${verdict.service.name} has no endpoints`, service: verdict.service };
    if (verdict.kind === 'drop') return { ok: false, error: 'timeout', why: `service ${verdict.service.namespace}/${verdict.service.name} has no local endpoints on ${proxyNode}`, service: verdict.service };
    if (verdict.kind === 'dnat') {
      service = verdict.service;
      targetIP = verdict.endpoint.ip;
      targetPort = verdict.endpoint.port;
      if (verdict.masquerade && proxyNode) clientIP = this.masqueradeIP(proxyNode, targetIP);
    } else if (this.services.isServiceIP(ip)) {
      // A ClusterIP on a port the service does not expose: no rule matches, nobody answers.
      return { ok: false, error: 'timeout', why: `no service port ${port} on ${ip}` };
    }
    const denied = this.policyDenies(from, clientIP, targetIP, targetPort, 'TCP');
    if (denied) return { ok: false, error: 'timeout', why: denied, service };
    return this.deliver(from.ip, clientIP, clientPort, targetIP, targetPort, service, proxyNode);
  }

  /** A node's own addresses: its InternalIP, cni0 (.1) and flannel.1 (.0) of its pod CIDR. */
  nodeAddresses(node: string | undefined): string[] {
    if (!node) return [];
    const out: string[] = [];
    const ip = this.nodeIP(node);
    if (ip) out.push(ip);
    const cidr = parseCidr(this.podCIDR(node) ?? '');
    if (cidr) out.push(cidrAddress(cidr, 0), cidrAddress(cidr, 1));
    return out;
  }

  /**
   * NetworkPolicy on a connection from `from` (a pod, node or outside client) that reaches
   * `dstIP:port` with the source address `seenSrcIP`: the reason it is dropped, or undefined.
   */
  policyDenies(from: { node?: string; ip: string; pod?: KObject }, seenSrcIP: string, dstIP: string, port: number, protocol: string): string | undefined {
    if (this.opts.enforceNetworkPolicies === false) return undefined;
    const dstPod = this.podByIP(dstIP);
    const v = checkPolicies(this.api, {
      src: { ip: from.ip, pod: from.pod },
      seenSrcIP,
      dst: { ip: dstIP, pod: dstPod },
      port,
      protocol,
      srcNodeIPs: from.pod ? this.nodeAddresses(from.node) : [],
      dstNodeIPs: dstPod ? this.nodeAddresses(dstPod.spec?.nodeName) : [],
    });
    return v.allowed ? undefined : v.why;
  }

  /** Which node an external load balancer sends a connection to. */
  private loadBalancerNode(svc: ServicePortInfo): string | undefined {
    const nodes = this.api.store
      .list('Node')
      .filter((n) => n.metadata.labels?.['node.kubernetes.io/exclude-from-external-load-balancers'] === undefined)
      .map((n) => n.metadata.name!)
      .filter((n) => this.nodeUp(n))
      .filter((n) => !svc.externalPolicyLocal || svc.endpoints.some((e) => e.ready && e.nodeName === n))
      .sort();
    if (nodes.length === 0) return undefined;
    return nodes[this.rng.int(nodes.length)];
  }

  private deliver(srcIP: string, clientIP: string, clientPort: number, ip: string, port: number, service: ServicePortInfo | undefined, proxyNode: string | undefined): ConnectResult {
    void srcIP;
    if (ip === APISERVER_ENDPOINT_IP && port === 6443) {
      if (!this.nodeUp('control-plane')) return { ok: false, error: 'timeout', why: 'node control-plane is down', service };
      return { ok: true, host: 'apiserver', node: 'control-plane', serverIP: ip, serverPort: port, clientIP, clientPort, service, proxyNode };
    }
    const pod = this.podByIP(ip);
    if (!pod) {
      const node = this.nodeByIP(ip);
      if (node) return { ok: false, error: this.nodeUp(node.metadata.name!) ? 'refused' : 'timeout', why: `nothing listens on ${ip}:${port}`, service };
      return { ok: false, error: 'timeout', why: `no host has the address ${ip}`, service };
    }
    const node = pod.spec?.nodeName as string;
    if (!this.nodeUp(node)) return { ok: false, error: 'timeout', why: `node ${node} is down`, service };
    let listener = listenerOn(pod, port);
    if (listener?.kind === 'ingress-nginx') listener = ingressNginxListener(this, pod, port, listener);
    if (!listener) return { ok: false, error: 'refused', why: `nothing listens on ${ip}:${port} in pod ${pod.metadata.name}`, service };
    return { ok: true, pod, node, listener, serverIP: ip, serverPort: port, clientIP, clientPort, service, proxyNode };
  }
}

const byCluster = new WeakMap<ApiServer, PodNetwork>();

/** The network of a cluster (one per apiserver), created on first use. */
export function networkOf(parts: { api: ApiServer; clock: SimClock; rng: Rng }, opts?: NetworkOptions): PodNetwork {
  let n = byCluster.get(parts.api);
  if (!n) byCluster.set(parts.api, (n = new PodNetwork(parts.api, parts.clock, parts.rng, opts)));
  else if (opts) n.configure(opts);
  return n;
}
