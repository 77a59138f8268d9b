/**
 * kube-proxy's view of the cluster (pkg/proxy/servicechangetracker.go, endpointschangetracker.go,
 * endpointslicecache.go): one entry per service port, with the endpoints merged from the
 * service's EndpointSlices, kept current by watches on Services and EndpointSlices.
 *
 * kube-proxy reads EndpointSlices, not pods: a pod is reached through a service only once the
 * EndpointSlice controller has listed it, exactly as in a real cluster.
 */
import type { ApiServer } from '../api/server';
import type { KObject } from '../api/types/meta';
import { compareIPs } from '../network/ip';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

export interface ProxyEndpoint {
  ip: string;
  port: number;
  nodeName?: string;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  /** The pod behind it (targetRef), if any. */
  pod?: { namespace: string; name: string };
}

export interface ServicePortInfo {
  namespace: string;
  name: string;
  /** The service port's name ('' when unnamed). */
  portName: string;
  protocol: string;
  type: string;
  clusterIP?: string;
  port: number;
  nodePort?: number;
  externalIPs: string[];
  loadBalancerIPs: string[];
  sessionAffinity: 'None' | 'ClientIP';
  affinityTimeoutSeconds: number;
  externalPolicyLocal: boolean;
  internalPolicyLocal: boolean;
  externallyAccessible: boolean;
  /** Endpoints sorted as the iptables proxier writes its KUBE-SEP chains. */
  endpoints: ProxyEndpoint[];
}

/** `namespace/name:port` as kube-proxy names service ports in its rules' comments. */
export function servicePortName(s: ServicePortInfo): string {
  return `${s.namespace}/${s.name}${s.portName ? ':' + s.portName : ''}`;
}

export class ServiceMap {
  private dirty = new Set<string>();
  private byService = new Map<string, ServicePortInfo[]>();
  /** `ip:port/proto` -> service port, for ClusterIPs, external IPs and LB IPs. */
  private byAddress = new Map<string, ServicePortInfo>();
  /** `port/proto` -> service port. */
  private byNodePort = new Map<string, ServicePortInfo>();
  private stops: (() => void)[] = [];

  constructor(private api: ApiServer) {
    for (const s of api.store.list('Service')) this.dirty.add(`${s.metadata.namespace}/${s.metadata.name}`);
    this.stops.push(api.watch('Service', (ev) => this.dirty.add(`${ev.object.metadata.namespace}/${ev.object.metadata.name}`)));
    this.stops.push(
      api.watch('EndpointSlice', (ev) => {
        for (const o of [ev.object, ev.old]) {
          const svc = o?.metadata.labels?.['kubernetes.io/service-name'];
          if (svc) this.dirty.add(`${o!.metadata.namespace}/${svc}`);
        }
      }),
    );
  }

  stop(): void {
    for (const s of this.stops) s();
  }

  private sync(): void {
    if (this.dirty.size === 0) return;
    for (const key of this.dirty) {
      for (const old of this.byService.get(key) ?? []) this.unindex(old);
      this.byService.delete(key);
      const [ns, name] = key.split('/');
      const svc = this.api.find('Service', ns, name);
      if (!svc) continue;
      const infos = this.build(svc);
      this.byService.set(key, infos);
      for (const i of infos) this.index(i);
    }
    this.dirty.clear();
  }

  private index(i: ServicePortInfo): void {
    for (const ip of [i.clusterIP, ...i.externalIPs, ...i.loadBalancerIPs]) {
      if (ip) this.byAddress.set(`${ip}:${i.port}/${i.protocol}`, i);
    }
    if (i.nodePort) this.byNodePort.set(`${i.nodePort}/${i.protocol}`, i);
  }

  private unindex(i: ServicePortInfo): void {
    for (const ip of [i.clusterIP, ...i.externalIPs, ...i.loadBalancerIPs]) {
      if (ip && this.byAddress.get(`${ip}:${i.port}/${i.protocol}`) === i) this.byAddress.delete(`${ip}:${i.port}/${i.protocol}`);
    }
    if (i.nodePort && this.byNodePort.get(`${i.nodePort}/${i.protocol}`) === i) this.byNodePort.delete(`${i.nodePort}/${i.protocol}`);
  }

  /** The service port answering on a virtual address, if any. */
  lookupAddress(ip: string, port: number, protocol = 'TCP'): ServicePortInfo | undefined {
    this.sync();
    return this.byAddress.get(`${ip}:${port}/${protocol}`);
  }

  lookupNodePort(port: number, protocol = 'TCP'): ServicePortInfo | undefined {
    this.sync();
    return this.byNodePort.get(`${port}/${protocol}`);
  }

  /** Every service port of a service (`ns/name`). */
  service(key: string): ServicePortInfo[] {
    this.sync();
    return this.byService.get(key) ?? [];
  }

  /** Whether an IP is any service's ClusterIP (traffic to it with no rule is not routed). */
  isServiceIP(ip: string): boolean {
    this.sync();
    for (const k of this.byAddress.keys()) if (k.startsWith(`${ip}:`)) return true;
    return false;
  }

  private build(svc: KObject): ServicePortInfo[] {
    const spec = svc.spec ?? {};
    if (spec.type === 'ExternalName') return [];
    const ns = svc.metadata.namespace!;
    const name = svc.metadata.name!;
    const slices = this.api.store
      .list('EndpointSlice', ns)
      .filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === name && s.addressType === 'IPv4');
    const clusterIP = spec.clusterIP && spec.clusterIP !== 'None' ? (spec.clusterIP as string) : undefined;
    const lbIPs: string[] = (svc.status?.loadBalancer?.ingress ?? []).map((i: Any) => i.ip).filter(Boolean);
    const accessible = spec.type === 'NodePort' || spec.type === 'LoadBalancer' || (spec.externalIPs?.length ?? 0) > 0;
    return ((spec.ports as Any[]) ?? []).map((p) => {
      const portName: string = p.name ?? '';
      const protocol: string = p.protocol ?? 'TCP';
      const eps = new Map<string, ProxyEndpoint>();
      for (const slice of slices) {
        const sp = ((slice.ports as Any[]) ?? []).find((x) => (x.name ?? '') === portName && (x.protocol ?? 'TCP') === protocol);
        if (!sp) continue;
        for (const e of (slice.endpoints as Any[]) ?? []) {
          const ip = e.addresses?.[0];
          if (!ip) continue;
          // endpointslicecache: nil ready counts as ready, nil serving takes ready's value.
          const ready = e.conditions?.ready ?? true;
          const ep: ProxyEndpoint = {
            ip,
            port: sp.port,
            nodeName: e.nodeName,
            ready,
            serving: e.conditions?.serving ?? ready,
            terminating: e.conditions?.terminating ?? false,
            pod: e.targetRef?.kind === 'Pod' ? { namespace: e.targetRef.namespace, name: e.targetRef.name } : undefined,
          };
          eps.set(`${ip}:${sp.port}`, ep);
        }
      }
      const endpoints = [...eps.values()].sort((a, b) => compareIPs(a.ip, b.ip) || a.port - b.port);
      return {
        namespace: ns,
        name,
        portName,
        protocol,
        type: spec.type,
        clusterIP,
        port: p.port,
        nodePort: p.nodePort || undefined,
        externalIPs: spec.externalIPs ?? [],
        loadBalancerIPs: lbIPs,
        sessionAffinity: spec.sessionAffinity === 'ClientIP' ? 'ClientIP' : 'None',
        affinityTimeoutSeconds: spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? 10800,
        externalPolicyLocal: accessible && spec.externalTrafficPolicy === 'Local',
        internalPolicyLocal: spec.internalTrafficPolicy === 'Local',
        externallyAccessible: accessible,
        endpoints,
      };
    });
  }
}
