/**
 * Cluster DNS as CoreDNS's kubernetes plugin serves it with kubeadm's Corefile
 * (`kubernetes cluster.local in-addr.arpa ip6.arpa { pods insecure ... }`,
 * `forward . /etc/resolv.conf`), and the pod-side resolver (musl/glibc getaddrinfo with the
 * kubelet's resolv.conf: `search <ns>.svc.cluster.local svc.cluster.local cluster.local`,
 * `nameserver 10.96.0.10`, `options ndots:5`).
 *
 * Records (https://github.com/kubernetes/dns/blob/master/docs/specification.md):
 * - `<svc>.<ns>.svc.cluster.local` A: the ClusterIP; for a headless service the ready
 *   endpoints' IPs; ExternalName: a CNAME to spec.externalName.
 * - `<hostname or a-b-c-d>.<svc>.<ns>.svc.cluster.local` A: one endpoint of a headless service.
 * - `<a-b-c-d>.<ns>.pod.cluster.local` A: a.b.c.d (`pods insecure`).
 * - PTR for ClusterIPs and endpoint IPs.
 * Names that exist answer AAAA with no records (NODATA); other cluster.local names are
 * NXDOMAIN.
 * Simplification: the sandbox has no upstream resolver, so names outside cluster.local (and
 * the targets of ExternalName CNAMEs) answer NXDOMAIN, non-authoritatively, as if forwarded.
 */
import type { ApiServer } from '../api/server';
import type { KObject } from '../api/types/meta';
import { CLUSTER_DOMAIN, isIPv4, KUBE_DNS_IP } from './ip';

 
type Any = any;

export type RRType = 'A' | 'AAAA' | 'CNAME' | 'PTR';

export interface ResourceRecord {
  name: string;
  type: RRType;
  value: string;
}

export interface DnsReply {
  rcode: 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL';
  authoritative: boolean;
  answers: ResourceRecord[];
}

/** The search path the kubelet writes into a ClusterFirst pod's resolv.conf. */
export function searchPath(namespace: string): string[] {
  return [`${namespace}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN];
}

/** /etc/resolv.conf of a ClusterFirst pod. */
export function resolvConf(namespace: string): string {
  return `search ${searchPath(namespace).join(' ')}\nnameserver ${KUBE_DNS_IP}\noptions ndots:5\n`;
}

const dashed = (ip: string): string => ip.replace(/\./g, '-');

/** CoreDNS's answers for the cluster zone. */
export class ClusterDns {
  constructor(private api: ApiServer) {}

  query(qname: string, type: RRType): DnsReply {
    const name = qname.toLowerCase().replace(/\.$/, '');
    if (type === 'PTR') return this.ptr(name);
    const zone = `.${CLUSTER_DOMAIN}`;
    if (!name.endsWith(zone)) return { rcode: 'NXDOMAIN', authoritative: false, answers: [] };
    const labels = name.slice(0, -zone.length).split('.');
    const nx: DnsReply = { rcode: 'NXDOMAIN', authoritative: true, answers: [] };
    const data = (records: ResourceRecord[]): DnsReply => ({
      rcode: 'NOERROR',
      authoritative: true,
      answers: records.filter((r) => r.type === type || r.type === 'CNAME'),
    });
    // <a-b-c-d>.<ns>.pod
    if (labels.length === 3 && labels[2] === 'pod') {
      const ip = labels[0].replace(/-/g, '.');
      if (!isIPv4(ip) || !this.api.find('Namespace', undefined, labels[1])) return nx;
      return data([{ name, type: 'A', value: ip }]);
    }
    if (labels[labels.length - 1] !== 'svc') return nx;
    if (labels.length === 3) {
      const [svcName, ns] = labels;
      const svc = this.api.find('Service', ns, svcName);
      if (!svc) return nx;
      if (svc.spec?.type === 'ExternalName') {
        return { rcode: 'NOERROR', authoritative: true, answers: [{ name, type: 'CNAME', value: String(svc.spec.externalName).replace(/\.$/, '') }] };
      }
      if (svc.spec?.clusterIP && svc.spec.clusterIP !== 'None') return data([{ name, type: 'A', value: svc.spec.clusterIP }]);
      return data(this.readyEndpoints(svc).map((e) => ({ name, type: 'A' as const, value: e.ip })));
    }
    if (labels.length === 4) {
      const [ep, svcName, ns] = labels;
      const svc = this.api.find('Service', ns, svcName);
      if (!svc || svc.spec?.clusterIP !== 'None') return nx;
      const hits = this.readyEndpoints(svc).filter((e) => e.label === ep);
      if (hits.length === 0) return nx;
      return data(hits.map((e) => ({ name, type: 'A' as const, value: e.ip })));
    }
    return nx;
  }

  /** Ready endpoint addresses of a service with their DNS label (hostname or dashed IP). */
  private readyEndpoints(svc: KObject): { ip: string; label: string }[] {
    const out: { ip: string; label: string }[] = [];
    const seen = new Set<string>();
    const publish = !!svc.spec?.publishNotReadyAddresses;
    for (const slice of this.api.store.list('EndpointSlice', svc.metadata.namespace)) {
      if (slice.metadata.labels?.['kubernetes.io/service-name'] !== svc.metadata.name) continue;
      for (const e of (slice.endpoints as Any[]) ?? []) {
        if (!publish && e.conditions?.ready === false) continue;
        for (const ip of e.addresses ?? []) {
          if (seen.has(ip)) continue;
          seen.add(ip);
          out.push({ ip, label: e.hostname ?? dashed(ip) });
        }
      }
    }
    return out;
  }

  private ptr(name: string): DnsReply {
    const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\.in-addr\.arpa$/.exec(name);
    if (!m) return { rcode: 'NXDOMAIN', authoritative: false, answers: [] };
    const ip = `${m[4]}.${m[3]}.${m[2]}.${m[1]}`;
    for (const svc of this.api.store.list('Service')) {
      if (svc.spec?.clusterIP === ip) {
        return { rcode: 'NOERROR', authoritative: true, answers: [{ name, type: 'PTR', value: `${svc.metadata.name}.${svc.metadata.namespace}.svc.${CLUSTER_DOMAIN}` }] };
      }
    }
    for (const slice of this.api.store.list('EndpointSlice')) {
      const svcName = slice.metadata.labels?.['kubernetes.io/service-name'];
      if (!svcName) continue;
      for (const e of (slice.endpoints as Any[]) ?? []) {
        if ((e.addresses ?? []).includes(ip)) {
          return { rcode: 'NOERROR', authoritative: true, answers: [{ name, type: 'PTR', value: `${e.hostname ?? dashed(ip)}.${svcName}.${slice.metadata.namespace}.svc.${CLUSTER_DOMAIN}` }] };
        }
      }
    }
    const inZone = ip.startsWith('10.96.') || ip.startsWith('10.244.');
    return { rcode: 'NXDOMAIN', authoritative: inZone, answers: [] };
  }

  /**
   * getaddrinfo for a ClusterFirst pod: names with fewer than ndots (5) dots try the search
   * domains first, then the name itself; a trailing dot means absolute. Returns the IPv4
   * addresses and the name that answered, or undefined (the name does not resolve).
   */
  resolve(host: string, namespace: string | undefined): { name: string; ips: string[] } | undefined {
    if (isIPv4(host)) return { name: host, ips: [host] };
    const candidates: string[] = [];
    if (host.endsWith('.')) candidates.push(host.slice(0, -1));
    else {
      const dots = host.split('.').length - 1;
      const search = namespace ? searchPath(namespace).map((d) => `${host}.${d}`) : [];
      if (dots >= 5) candidates.push(host, ...search);
      else candidates.push(...search, host);
    }
    for (const name of candidates) {
      let q = name;
      for (let hops = 0; hops < 8; hops++) {
        const r = this.query(q, 'A');
        if (r.rcode !== 'NOERROR') break;
        const a = r.answers.filter((x) => x.type === 'A').map((x) => x.value);
        if (a.length > 0) return { name, ips: a };
        const cname = r.answers.find((x) => x.type === 'CNAME');
        if (!cname) break;
        q = cname.value;
      }
    }
    return undefined;
  }
}
