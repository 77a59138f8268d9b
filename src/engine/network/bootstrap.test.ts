import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster';

describe('cluster services at start', () => {
  it('has the kubernetes Service at 10.96.0.1 with the apiserver endpoint and kube-dns at 10.96.0.10', () => {
    const c = createCluster({ nodes: 1 });
    const k = c.api.get('Service', 'default', 'kubernetes');
    expect(k.spec).toEqual({
      clusterIP: '10.96.0.1',
      clusterIPs: ['10.96.0.1'],
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
      sessionAffinity: 'None',
      type: 'ClusterIP',
    });
    expect(c.api.get('Endpoints', 'default', 'kubernetes').subsets).toEqual([
      { addresses: [{ ip: '172.18.0.2' }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] },
    ]);
    expect(c.api.get('EndpointSlice', 'default', 'kubernetes').endpoints).toEqual([{ addresses: ['172.18.0.2'], conditions: { ready: true } }]);
    const dns = c.api.get('Service', 'kube-system', 'kube-dns');
    expect(dns.spec.clusterIP).toBe('10.96.0.10');
    expect(dns.spec.ports.map((p: { name: string; port: number; protocol: string }) => `${p.name} ${p.port}/${p.protocol}`)).toEqual(['dns 53/UDP', 'dns-tcp 53/TCP', 'metrics 9153/TCP']);
    // The endpoint controllers leave the apiserver's own endpoints alone.
    expect(c.api.list('EndpointSlice', { namespace: 'default' }).items.map((s) => s.metadata.name)).toEqual(['kubernetes']);
  });
});
