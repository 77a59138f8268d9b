import { describe, expect, it } from 'vitest';
import { newHarness, type Harness } from './test-harness';
import { startEndpointsController } from './endpoints';
import { startEndpointSliceController } from './endpointslice';
import { clone, type KObject } from '../api/types/meta';

function setup(): Harness {
  const h = newHarness();
  for (const n of ['node-1', 'node-2']) h.api.create({ apiVersion: 'v1', kind: 'Node', metadata: { name: n } });
  h.start(startEndpointsController, startEndpointSliceController);
  return h;
}

function pod(h: Harness, name: string, opts: { ip?: string; ready?: boolean; node?: string; labels?: Record<string, string>; ports?: unknown[] } = {}): KObject {
  const p = h.api.create({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels: opts.labels ?? { app: 'web' } },
    spec: { nodeName: opts.node ?? 'node-1', containers: [{ name: 'nginx', image: 'nginx', ports: opts.ports ?? [{ containerPort: 80, name: 'http', protocol: 'TCP' }] }] },
  });
  if (!opts.ip) return p;
  return setStatus(h, name, opts.ip, opts.ready ?? true);
}

function setStatus(h: Harness, name: string, ip: string, ready: boolean): KObject {
  const p = clone(h.api.get('Pod', 'default', name));
  p.status = {
    phase: 'Running',
    podIP: ip,
    podIPs: [{ ip }],
    conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: h.clock.rfc3339() }],
  };
  return h.api.updateStatus(p);
}

function service(h: Harness, spec: Record<string, unknown> = {}): KObject {
  return h.api.create({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
    spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 80 }], ...spec },
  });
}

const ips = (subsets: { addresses?: { ip: string }[] }[] | undefined): string[] => (subsets ?? []).flatMap((s) => (s.addresses ?? []).map((a) => a.ip));
const notReady = (subsets: { notReadyAddresses?: { ip: string }[] }[] | undefined): string[] => (subsets ?? []).flatMap((s) => (s.notReadyAddresses ?? []).map((a) => a.ip));

describe('Endpoints controller', () => {
  it('lists ready pods as addresses with targetRef and nodeName, sorted by IP', () => {
    const h = setup();
    service(h);
    pod(h, 'web-b', { ip: '10.244.2.3', node: 'node-2' });
    pod(h, 'web-a', { ip: '10.244.1.2' });
    h.run();
    const ep = h.api.get('Endpoints', 'default', 'web');
    expect(ep.subsets).toEqual([
      {
        addresses: [
          { ip: '10.244.1.2', nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'default', name: 'web-a', uid: h.api.get('Pod', 'default', 'web-a').metadata.uid } },
          { ip: '10.244.2.3', nodeName: 'node-2', targetRef: { kind: 'Pod', namespace: 'default', name: 'web-b', uid: h.api.get('Pod', 'default', 'web-b').metadata.uid } },
        ],
        ports: [{ port: 80, protocol: 'TCP' }],
      },
    ]);
    expect(ep.metadata.labels).toEqual({ app: 'web' });
    expect(ep.metadata.annotations?.['endpoints.kubernetes.io/last-change-trigger-time']).toBe(h.clock.rfc3339());
  });

  it('moves a pod to notReadyAddresses when it turns unready, and back', () => {
    const h = setup();
    service(h);
    pod(h, 'web-a', { ip: '10.244.1.2' });
    pod(h, 'web-b', { ip: '10.244.1.3' });
    h.run();
    setStatus(h, 'web-b', '10.244.1.3', false);
    h.run();
    let ep = h.api.get('Endpoints', 'default', 'web');
    expect(ips(ep.subsets as never)).toEqual(['10.244.1.2']);
    expect(notReady(ep.subsets as never)).toEqual(['10.244.1.3']);
    setStatus(h, 'web-b', '10.244.1.3', true);
    h.run();
    ep = h.api.get('Endpoints', 'default', 'web');
    expect(ips(ep.subsets as never)).toEqual(['10.244.1.2', '10.244.1.3']);
    expect(notReady(ep.subsets as never)).toEqual([]);
  });

  it('leaves out pods without an IP and terminating pods', () => {
    const h = setup();
    service(h);
    pod(h, 'web-a', { ip: '10.244.1.2' });
    pod(h, 'web-pending');
    h.run();
    h.api.delete('Pod', 'default', 'web-a', { gracePeriodSeconds: 30 });
    h.run();
    const ep = h.api.get('Endpoints', 'default', 'web');
    expect(ep.subsets).toBeUndefined();
  });

  it('resolves a named targetPort per pod', () => {
    const h = setup();
    service(h, { ports: [{ port: 80, targetPort: 'http' }] });
    pod(h, 'web-a', { ip: '10.244.1.2', ports: [{ containerPort: 8080, name: 'http' }] });
    pod(h, 'web-b', { ip: '10.244.1.3', ports: [{ containerPort: 9090, name: 'http' }] });
    pod(h, 'web-c', { ip: '10.244.1.4', ports: [{ containerPort: 80, name: 'web' }] });
    h.run();
    const ep = h.api.get('Endpoints', 'default', 'web');
    expect((ep.subsets as { addresses: { ip: string }[]; ports: { port: number }[] }[]).map((s) => [s.addresses.map((a) => a.ip), s.ports.map((p) => p.port)])).toEqual([
      [['10.244.1.2'], [8080]],
      [['10.244.1.3'], [9090]],
    ]);
  });

  it('keeps an empty Endpoints for a selector that matches nothing and deletes it with the service', () => {
    const h = setup();
    service(h, { selector: { app: 'nothing' } });
    h.run();
    expect(h.api.get('Endpoints', 'default', 'web').subsets).toBeUndefined();
    h.api.delete('Service', 'default', 'web');
    h.run();
    expect(h.api.find('Endpoints', 'default', 'web')).toBeUndefined();
  });

  it('does not touch Endpoints of a service without selector', () => {
    const h = setup();
    h.api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'ext', namespace: 'default' }, spec: { ports: [{ port: 80 }] } });
    h.api.create({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'ext', namespace: 'default' }, subsets: [{ addresses: [{ ip: '192.168.1.1' }], ports: [{ port: 80 }] }] });
    h.run();
    expect(ips(h.api.get('Endpoints', 'default', 'ext').subsets as never)).toEqual(['192.168.1.1']);
  });
});

describe('EndpointSlice controller', () => {
  const slices = (h: Harness): KObject[] => h.api.list('EndpointSlice', { namespace: 'default', labelSelector: 'kubernetes.io/service-name=web' }).items;

  it('creates one slice named <svc>-<5 chars> with labels, owner, conditions', () => {
    const h = setup();
    const svc = service(h);
    pod(h, 'web-a', { ip: '10.244.1.2' });
    pod(h, 'web-b', { ip: '10.244.1.3', ready: false });
    h.run();
    const [s, ...rest] = slices(h);
    expect(rest).toEqual([]);
    expect(s.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(s.metadata.generateName).toBe('web-');
    expect(s.metadata.labels).toEqual({ app: 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io', 'kubernetes.io/service-name': 'web' });
    expect(s.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: svc.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(s.addressType).toBe('IPv4');
    expect(s.ports).toEqual([{ name: '', port: 80, protocol: 'TCP' }]);
    expect((s.endpoints as { addresses: string[]; conditions: unknown }[]).map((e) => [e.addresses[0], e.conditions])).toEqual([
      ['10.244.1.2', { ready: true, serving: true, terminating: false }],
      ['10.244.1.3', { ready: false, serving: false, terminating: false }],
    ]);
  });

  it('keeps a placeholder slice for a service without pods and reuses its name', () => {
    const h = setup();
    service(h);
    h.run();
    const [placeholder] = slices(h);
    expect(placeholder.endpoints).toBeNull();
    expect(placeholder.ports).toBeNull();
    pod(h, 'web-a', { ip: '10.244.1.2' });
    h.run();
    const after = slices(h);
    expect(after.map((s) => s.metadata.name)).toEqual([placeholder.metadata.name]);
    expect((after[0].endpoints as unknown[]).length).toBe(1);
  });

  it('marks terminating pods terminating and not ready, and keeps them listed', () => {
    const h = setup();
    service(h);
    pod(h, 'web-a', { ip: '10.244.1.2' });
    h.run();
    h.api.delete('Pod', 'default', 'web-a', { gracePeriodSeconds: 30 });
    h.run();
    const [s] = slices(h);
    expect((s.endpoints as { conditions: unknown }[])[0].conditions).toEqual({ ready: false, serving: true, terminating: true });
  });

  it('splits more than 100 endpoints across slices', () => {
    const h = setup();
    service(h);
    for (let i = 0; i < 150; i++) pod(h, `web-${String(i).padStart(3, '0')}`, { ip: `10.244.${1 + Math.floor(i / 200)}.${2 + i}` });
    h.run();
    const counts = slices(h).map((s) => (s.endpoints as unknown[]).length).sort((a, b) => a - b);
    expect(counts).toEqual([50, 100]);
  });

  it('deletes slices with the service and ignores ExternalName services', () => {
    const h = setup();
    service(h);
    pod(h, 'web-a', { ip: '10.244.1.2' });
    h.run();
    h.api.delete('Service', 'default', 'web');
    h.run();
    expect(slices(h)).toEqual([]);
    h.api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { type: 'ExternalName', externalName: 'example.com', selector: { app: 'web' } } });
    h.run();
    expect(slices(h)).toEqual([]);
  });

  it('writes nothing when nothing changed', () => {
    const h = setup();
    service(h);
    pod(h, 'web-a', { ip: '10.244.1.2' });
    h.run();
    const rv = slices(h)[0].metadata.resourceVersion;
    const p = clone(h.api.get('Pod', 'default', 'web-a'));
    p.metadata.annotations = { note: 'x' };
    h.api.update(p);
    h.run();
    expect(slices(h)[0].metadata.resourceVersion).toBe(rv);
  });
});
