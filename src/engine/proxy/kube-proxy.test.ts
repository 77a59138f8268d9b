import { describe, expect, it } from 'vitest';
import { categorizeEndpoints } from './kube-proxy';
import type { ProxyEndpoint, ServicePortInfo } from './service-map';

const ep = (ip: string, node: string, c: Partial<ProxyEndpoint> = {}): ProxyEndpoint => ({ ip, port: 80, nodeName: node, ready: true, serving: true, terminating: false, ...c });
const svc = (endpoints: ProxyEndpoint[], s: Partial<ServicePortInfo> = {}): ServicePortInfo => ({
  namespace: 'default', name: 'web', portName: '', protocol: 'TCP', type: 'ClusterIP', clusterIP: '10.96.1.1', port: 80,
  externalIPs: [], loadBalancerIPs: [], sessionAffinity: 'None', affinityTimeoutSeconds: 10800,
  externalPolicyLocal: false, internalPolicyLocal: false, externallyAccessible: false, endpoints, ...s,
});

describe('CategorizeEndpoints', () => {
  it.each([
    ['ready endpoints only', svc([ep('10.244.1.2', 'node-1'), ep('10.244.2.2', 'node-2', { ready: false, serving: false })]), 'node-1', ['10.244.1.2'], [], true],
    ['falls back to serving terminating endpoints', svc([ep('10.244.1.2', 'node-1', { ready: false, terminating: true })]), 'node-1', ['10.244.1.2'], [], true],
    ['no endpoints at all', svc([ep('10.244.1.2', 'node-1', { ready: false, serving: false })]), 'node-1', [], [], false],
    ['internalTrafficPolicy Local: only local', svc([ep('10.244.1.2', 'node-1'), ep('10.244.2.2', 'node-2')], { internalPolicyLocal: true }), 'node-2', [], ['10.244.2.2'], true],
    ['internalTrafficPolicy Local without local endpoints', svc([ep('10.244.1.2', 'node-1')], { internalPolicyLocal: true }), 'node-3', [], [], true],
  ])('%s', (_name, s, node, cluster, local, hasAny) => {
    const r = categorizeEndpoints(s, node);
    expect(r.cluster.map((e) => e.ip)).toEqual(cluster);
    expect(r.local.map((e) => e.ip)).toEqual(local);
    expect(r.hasAny).toBe(hasAny);
  });
});
