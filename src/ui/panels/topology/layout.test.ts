import { describe, expect, it } from 'vitest';
import type { EndpointsView, NodeView, PodView, ServiceView } from '../../engine-client/protocol';
import { CELL, CONTROL_PLANE_GAP, layoutTopology, naturalCompare, NODE_HEADER, NODE_PAD, podColumns, workerColumns } from './layout';

function node(name: string, controlPlane = false): NodeView {
  return {
    key: name, name, status: 'Ready', ready: true, controlPlane, roles: controlPlane ? 'control-plane' : '<none>',
    internalIP: '', cpuMilli: 2000, memoryBytes: 0, podsCapacity: 110, taints: [], labels: {},
  };
}

function pod(name: string, nodeName: string, extra: Partial<PodView> = {}): PodView {
  return {
    key: `default/${name}`, namespace: 'default', name, uid: name, nodeName, phase: 'Running', status: 'Running',
    ready: '1/1', restarts: 0, podIP: '', deleting: false, labels: {}, images: ['nginx'], createdMs: 0, ...extra,
  };
}

function svc(name: string, selector: Record<string, string>): ServiceView {
  return { key: `default/${name}`, namespace: 'default', name, type: 'ClusterIP', clusterIP: '10.96.0.20', ports: '80/TCP', selector };
}

const cluster = [node('node-10'), node('node-2'), node('control-plane', true), node('node-1')];

describe('layoutTopology', () => {
  it('puts the control plane apart on the left and workers in natural order', () => {
    const l = layoutTopology({ nodes: cluster, pods: [], services: [], endpoints: [] });
    expect(l.nodes.map((n) => n.name)).toEqual(['control-plane', 'node-1', 'node-2', 'node-10']);
    const [cp, n1, n2] = l.nodes;
    expect(cp.x).toBe(0);
    expect(n1.x).toBe(cp.w + CONTROL_PLANE_GAP);
    expect(n2.x).toBeGreaterThan(n1.x);
    expect(n2.y).toBe(n1.y);
  });

  it('places a node\'s pods inside its box, grouped by owner', () => {
    const rs = (name: string) => ({ owner: { kind: 'ReplicaSet', name } });
    const l = layoutTopology({
      nodes: [node('node-1')],
      pods: [pod('b-2', 'node-1', rs('b')), pod('solo', 'node-1'), pod('a-1', 'node-1', rs('a')), pod('b-1', 'node-1', rs('b'))],
      services: [],
      endpoints: [],
    });
    const box = l.nodes[0];
    expect(box.pods.map((p) => p.name)).toEqual(['a-1', 'b-1', 'b-2', 'solo']);
    for (const p of box.pods) {
      expect(p.x).toBeGreaterThan(box.x);
      expect(p.x).toBeLessThan(box.x + box.w);
      expect(p.y).toBeGreaterThan(box.y + NODE_HEADER);
      expect(p.y).toBeLessThan(box.y + box.h);
    }
    expect(box.pods[0]).toMatchObject({ x: box.x + NODE_PAD + CELL / 2, y: box.y + NODE_HEADER + CELL / 2, owner: 'ReplicaSet/a' });
  });

  it('gives every node the size the busiest node needs', () => {
    const pods = Array.from({ length: 30 }, (_, i) => pod(`p${i}`, 'node-1'));
    const l = layoutTopology({ nodes: [node('node-1'), node('node-2')], pods, services: [], endpoints: [] });
    expect(l.nodes[0].h).toBe(l.nodes[1].h);
    const cols = podColumns(32);
    expect(l.nodes[0].h).toBe(NODE_HEADER + Math.ceil(30 / cols) * CELL + NODE_PAD);
  });

  it('keeps older pods in place when a new pod of the same owner arrives', () => {
    const rs = (name: string, t: number) => pod(name, 'node-1', { owner: { kind: 'ReplicaSet', name: 'web' }, createdMs: t });
    const before = layoutTopology({ nodes: [node('node-1')], pods: [rs('web-zz', 1), rs('web-bb', 2)], services: [], endpoints: [] });
    const after = layoutTopology({ nodes: [node('node-1')], pods: [rs('web-zz', 1), rs('web-bb', 2), rs('web-aa', 3)], services: [], endpoints: [] });
    const pos = (l: typeof before) => Object.fromEntries(l.nodes[0].pods.map((p) => [p.name, [p.x, p.y]]));
    expect(pos(after)['web-zz']).toEqual(pos(before)['web-zz']);
    expect(pos(after)['web-bb']).toEqual(pos(before)['web-bb']);
    expect(after.nodes[0].pods.map((p) => p.name)).toEqual(['web-zz', 'web-bb', 'web-aa']);
  });

  it('collects pods without a node in the not-scheduled tray below the nodes', () => {
    const l = layoutTopology({
      nodes: [node('node-1')],
      pods: [pod('pending', '', { status: 'Pending', phase: 'Pending' }), pod('orphan', 'gone-node')],
      services: [],
      endpoints: [],
    });
    expect(l.unscheduled?.pods.map((p) => p.name)).toEqual(['orphan', 'pending']);
    expect(l.unscheduled!.y).toBeGreaterThan(l.nodes[0].y + l.nodes[0].h);
    expect(l.unscheduled!.pods[1].category).toBe('Pending');
  });

  it('links a service to the pods its Endpoints list, with their readiness', () => {
    const ep: EndpointsView = {
      key: 'default/web', namespace: 'default', name: 'web',
      addresses: [{ ip: '10.244.1.2', podKey: 'default/web-1', ready: true }, { ip: '10.244.1.3', podKey: 'default/web-2', ready: false }],
    };
    const l = layoutTopology({
      nodes: [node('node-1')],
      pods: [pod('web-1', 'node-1'), pod('web-2', 'node-1'), pod('other', 'node-1')],
      services: [svc('web', { app: 'web' })],
      endpoints: [ep],
    });
    expect(l.links.map((k) => [k.pod, k.ready])).toEqual([['default/web-1', true], ['default/web-2', false]]);
    const s = l.services[0];
    expect(l.links[0]).toMatchObject({ x1: s.x + s.w / 2, y1: s.y + s.h });
    expect(l.nodes[0].y).toBeGreaterThan(s.y + s.h);
  });

  it('falls back to the selector when a service has no Endpoints object', () => {
    const l = layoutTopology({
      nodes: [node('node-1')],
      pods: [pod('web-1', 'node-1', { labels: { app: 'web' } }), pod('db', 'node-1', { labels: { app: 'db' } })],
      services: [svc('web', { app: 'web' }), svc('headless', {})],
      endpoints: [],
    });
    expect(l.links.map((k) => `${k.service}>${k.pod}`)).toEqual(['default/web>default/web-1']);
  });

  it('is at least as wide as one service box for an empty cluster', () => {
    const l = layoutTopology({ nodes: [], pods: [], services: [], endpoints: [] });
    expect(l.nodes).toEqual([]);
    expect(l.width).toBeGreaterThan(0);
  });
});

describe('grid arithmetic', () => {
  it.each([
    [0, 1], [1, 1], [3, 3], [4, 4], [6, 4], [50, 12],
  ])('%i workers use %i columns', (n, want) => {
    expect(workerColumns(n)).toBe(want);
  });

  it.each([[1, 6], [8, 6], [30, 8], [110, 15], [1000, 20]])('%i pods per node use %i columns', (n, want) => {
    expect(podColumns(n)).toBe(want);
  });

  it('sorts names naturally', () => {
    expect(['node-10', 'node-2', 'node-1'].sort(naturalCompare)).toEqual(['node-1', 'node-2', 'node-10']);
  });
});
