import { describe, expect, it } from 'vitest';
import { SimClock } from '../../core/clock';
import { Rng } from '../../core/rng';
import { ApiServer } from '../server';
import type { KObject } from '../types/meta';

function newApi(): ApiServer {
  const api = new ApiServer(new SimClock(), new Rng(1));
  api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  return api;
}

function svc(name: string, spec: Record<string, unknown>): KObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec };
}

function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
}

describe('Service strategy', () => {
  it('defaults a ClusterIP service and allocates an IP from the upper part of 10.96.0.0/12', () => {
    const api = newApi();
    const s = api.create(svc('web', { selector: { app: 'web' }, ports: [{ port: 80 }] }));
    expect(s.spec).toMatchObject({
      type: 'ClusterIP',
      sessionAffinity: 'None',
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
    });
    expect(s.spec.clusterIPs).toEqual([s.spec.clusterIP]);
    const [a, b] = s.spec.clusterIP.split('.').map(Number);
    expect(a).toBe(10);
    expect(b >= 96 && b <= 111).toBe(true);
    expect(s.spec.clusterIP.startsWith('10.96.0.')).toBe(false);
    expect(s.status).toEqual({ loadBalancer: {} });
    expect(s.spec.externalTrafficPolicy).toBeUndefined();
  });

  it('refuses a ClusterIP that is already allocated', () => {
    const api = newApi();
    api.create(svc('a', { clusterIP: '10.96.0.5', ports: [{ port: 80 }] }));
    expect(errorOf(() => api.create(svc('b', { clusterIP: '10.96.0.5', ports: [{ port: 80 }] })))).toBe(
      'Service "b" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.5"}: failed to allocate IP 10.96.0.5: provided IP is already allocated',
    );
  });

  it('refuses a ClusterIP outside the service range', () => {
    const api = newApi();
    expect(errorOf(() => api.create(svc('b', { clusterIP: '10.0.0.5', ports: [{ port: 80 }] })))).toBe(
      'Service "b" is invalid: spec.clusterIPs: Invalid value: []string{"10.0.0.5"}: failed to allocate IP 10.0.0.5: the provided IP (10.0.0.5) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    );
  });

  it('allocates node ports from 30086 up and keeps them on update', () => {
    const api = newApi();
    const s = api.create(svc('web', { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80 }] }));
    const np = s.spec.ports[0].nodePort;
    expect(np >= 30086 && np <= 32767).toBe(true);
    expect(s.spec.externalTrafficPolicy).toBe('Cluster');
    const upd = api.update({ ...s, spec: { ...s.spec, clusterIP: undefined, clusterIPs: undefined, ports: [{ port: 80 }] }, metadata: { ...s.metadata, resourceVersion: undefined } });
    expect(upd.spec.ports[0].nodePort).toBe(np);
    expect(upd.spec.clusterIP).toBe(s.spec.clusterIP);
  });

  it('rejects a node port out of range and one already taken, with upstream texts', () => {
    const api = newApi();
    expect(errorOf(() => api.create(svc('a', { type: 'NodePort', ports: [{ port: 80, nodePort: 80 }] })))).toBe(
      'Service "a" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
    );
    api.create(svc('b', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }));
    expect(errorOf(() => api.create(svc('c', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] })))).toBe(
      'Service "c" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated',
    );
  });

  it('frees node ports and IPs when a service is deleted', () => {
    const api = newApi();
    api.create(svc('b', { type: 'NodePort', clusterIP: '10.96.0.20', ports: [{ port: 80, nodePort: 30080 }] }));
    api.delete('Service', 'default', 'b');
    const again = api.create(svc('b', { type: 'NodePort', clusterIP: '10.96.0.20', ports: [{ port: 80, nodePort: 30080 }] }));
    expect(again.spec.ports[0].nodePort).toBe(30080);
  });

  it('requires names on multi-port services', () => {
    const api = newApi();
    expect(errorOf(() => api.create(svc('a', { ports: [{ port: 80 }, { port: 443 }] })))).toBe(
      'Service "a" is invalid: [spec.ports[0].name: Required value, spec.ports[1].name: Required value]',
    );
  });

  it('validates ports, protocols and types', () => {
    const api = newApi();
    expect(errorOf(() => api.create(svc('a', { ports: [{ port: 70000 }] })))).toBe(
      'Service "a" is invalid: [spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive, spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive]',
    );
    expect(errorOf(() => api.create(svc('a', { ports: [{ port: 80, protocol: 'HTTP' }] })))).toBe(
      'Service "a" is invalid: spec.ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
    );
    expect(errorOf(() => api.create(svc('a', { type: 'Foo', ports: [{ port: 80 }] })))).toBe(
      'Service "a" is invalid: spec.type: Unsupported value: "Foo": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    );
    expect(errorOf(() => api.create(svc('a', { selector: { app: 'x' } })))).toBe('Service "a" is invalid: spec.ports: Required value');
    expect(errorOf(() => api.create(svc('a', { ports: [{ port: 80, targetPort: 'http_port' }] })))).toBe(
      'Service "a" is invalid: spec.ports[0].targetPort: Invalid value: "http_port": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
    );
    expect(errorOf(() => api.create(svc('a', { ports: [{ port: 80, nodePort: 30001 }] })))).toBe(
      "Service \"a\" is invalid: spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
    );
  });

  it('makes headless and ExternalName services without a ClusterIP', () => {
    const api = newApi();
    const h = api.create(svc('nginx', { clusterIP: 'None', selector: { app: 'nginx' }, ports: [{ port: 80 }] }));
    expect(h.spec.clusterIPs).toEqual(['None']);
    expect(h.spec.ipFamilyPolicy).toBe('SingleStack');
    const hs = api.create(svc('bare', { clusterIP: 'None' }));
    expect(hs.spec.ipFamilyPolicy).toBe('RequireDualStack');
    expect(hs.spec.ipFamilies).toEqual(['IPv4', 'IPv6']);
    const e = api.create(svc('ext', { type: 'ExternalName', externalName: 'example.com' }));
    expect(e.spec.clusterIP).toBeUndefined();
    expect(e.spec.ipFamilies).toBeUndefined();
    expect(e.spec.internalTrafficPolicy).toBeUndefined();
    expect(errorOf(() => api.create(svc('ext2', { type: 'ExternalName' })))).toBe('Service "ext2" is invalid: spec.externalName: Required value');
  });

  it('refuses to change the ClusterIP', () => {
    const api = newApi();
    const s = api.create(svc('web', { clusterIP: '10.96.0.7', ports: [{ port: 80 }] }));
    expect(errorOf(() => api.update({ ...s, spec: { ...s.spec, clusterIP: '10.96.0.8', clusterIPs: ['10.96.0.8'] } }))).toBe(
      'Service "web" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.0.8"}: may not change once set',
    );
  });

  it('defaults ClientIP affinity timeout and LoadBalancer fields', () => {
    const api = newApi();
    const s = api.create(svc('lb', { type: 'LoadBalancer', sessionAffinity: 'ClientIP', ports: [{ port: 80 }] }));
    expect(s.spec.sessionAffinityConfig).toEqual({ clientIP: { timeoutSeconds: 10800 } });
    expect(s.spec.allocateLoadBalancerNodePorts).toBe(true);
    expect(s.spec.externalTrafficPolicy).toBe('Cluster');
    expect(s.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30000);
    const local = api.create(svc('lb2', { type: 'LoadBalancer', externalTrafficPolicy: 'Local', ports: [{ port: 80 }] }));
    expect(local.spec.healthCheckNodePort).toBeGreaterThanOrEqual(30000);
  });

  it('drops node ports when the type goes back to ClusterIP', () => {
    const api = newApi();
    const s = api.create(svc('web', { type: 'NodePort', ports: [{ port: 80 }] }));
    const upd = api.update({ ...s, spec: { ...s.spec, type: 'ClusterIP' } });
    expect(upd.spec.ports[0].nodePort).toBeUndefined();
    expect(upd.spec.externalTrafficPolicy).toBeUndefined();
  });
});
