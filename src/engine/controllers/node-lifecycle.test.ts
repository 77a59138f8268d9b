import { describe, expect, it } from 'vitest';
import { NodeLifecycleController, TaintEvictionController } from './node-lifecycle';
import { newHarness, type Harness } from './test-harness';
import { clone, type KObject } from '../api/types/meta';

/** A node whose kubelet posted Ready at `at` (ISO time). */
function node(h: Harness, name: string): KObject {
  const n = h.create({ apiVersion: 'v1', kind: 'Node', metadata: { name }, spec: {} });
  return heartbeat(h, name, n);
}

function heartbeat(h: Harness, name: string, n = h.api.get('Node', undefined, name)): KObject {
  const ts = h.clock.rfc3339();
  const next = clone(n);
  const prev = (next.status?.conditions ?? []).find((c: { type: string }) => c.type === 'Ready');
  next.status = {
    conditions: [
      { type: 'Ready', status: 'True', lastHeartbeatTime: ts, lastTransitionTime: prev?.status === 'True' ? prev.lastTransitionTime : ts, reason: 'KubeletReady', message: 'kubelet is posting ready status' },
    ],
  };
  return h.api.updateStatus(next);
}

function pod(h: Harness, name: string, nodeName: string, tolerationSeconds?: number): KObject {
  const tolerations = tolerationSeconds === undefined ? [] : [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds }];
  h.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'nginx' }], tolerations } });
  return h.setPod('default', name, { node: nodeName, phase: 'Running', ready: true });
}

describe('NodeLifecycleController', () => {
  it('records RegisteredNode for each node', () => {
    const h = newHarness();
    h.start((c) => new NodeLifecycleController(c));
    node(h, 'node-1');
    h.run();
    expect(h.events('node-1')).toEqual(['Normal RegisteredNode Node node-1 event: Registered Node node-1 in Controller']);
  });

  it('turns a silent node Unknown after the grace period, taints it and marks its pods not ready', () => {
    const h = newHarness();
    h.start((c) => new NodeLifecycleController(c), (c) => new TaintEvictionController(c));
    node(h, 'node-1');
    pod(h, 'web', 'node-1', 300);
    h.run(45);
    expect(h.api.get('Node', undefined, 'node-1').status.conditions[0].status).toBe('True');
    h.run(10);
    const n = h.api.get('Node', undefined, 'node-1');
    expect(n.status.conditions[0]).toEqual({
      type: 'Ready',
      status: 'Unknown',
      lastHeartbeatTime: '2026-11-26T09:00:00Z',
      lastTransitionTime: '2026-11-26T09:00:55Z',
      reason: 'NodeStatusUnknown',
      message: 'Kubelet stopped posting node status.',
    });
    expect(n.spec.taints).toEqual([
      { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: '2026-11-26T09:00:55Z' },
    ]);
    const p = h.api.get('Pod', 'default', 'web');
    expect(p.status.conditions.find((c: { type: string }) => c.type === 'Ready').status).toBe('False');
    expect(h.events('node-1')).toContain('Normal NodeNotReady Node node-1 status is now: NodeNotReady');
    expect(h.events('web')).toEqual(['Warning NodeNotReady Node is not ready']);
    // Evicted tolerationSeconds after the taint was added.
    h.run(299);
    expect(h.api.get('Pod', 'default', 'web').metadata.deletionTimestamp).toBeUndefined();
    h.run(2);
    expect(h.api.get('Pod', 'default', 'web').metadata.deletionTimestamp).toBeDefined();
    expect(h.events('web')).toContain('Normal TaintManagerEviction Marking for deletion Pod default/web');
  });

  it('removes the taints when the kubelet comes back', () => {
    const h = newHarness();
    h.start((c) => new NodeLifecycleController(c));
    node(h, 'node-1');
    h.run(60);
    expect(h.api.get('Node', undefined, 'node-1').spec.taints).toHaveLength(2);
    heartbeat(h, 'node-1');
    h.run(5);
    expect(h.api.get('Node', undefined, 'node-1').spec.taints).toBeUndefined();
  });

  it('keeps healthy nodes untouched', () => {
    const h = newHarness();
    h.start((c) => new NodeLifecycleController(c));
    node(h, 'node-1');
    for (let i = 0; i < 20; i++) {
      h.run(10);
      heartbeat(h, 'node-1');
    }
    expect(h.api.get('Node', undefined, 'node-1').spec.taints).toBeUndefined();
    expect(h.events('node-1')).toHaveLength(1);
  });
});

describe('TaintEvictionController', () => {
  it('evicts pods that do not tolerate a NoExecute taint at once, keeps those that tolerate forever', () => {
    const h = newHarness();
    h.start((c) => new TaintEvictionController(c));
    node(h, 'node-1');
    pod(h, 'plain', 'node-1');
    h.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'forever' }, spec: { containers: [{ name: 'c', image: 'nginx' }], tolerations: [{ operator: 'Exists' }] } });
    h.setPod('default', 'forever', { node: 'node-1', phase: 'Running', ready: true });
    const n = clone(h.api.get('Node', undefined, 'node-1'));
    n.spec.taints = [{ key: 'dedicated', value: 'db', effect: 'NoExecute', timeAdded: h.clock.rfc3339() }];
    h.api.update(n);
    h.run();
    expect(h.api.get('Pod', 'default', 'plain').metadata.deletionTimestamp).toBeDefined();
    expect(h.api.get('Pod', 'default', 'plain').status.conditions.find((c: { type: string }) => c.type === 'DisruptionTarget')).toMatchObject({
      reason: 'DeletionByTaintManager',
      message: 'Taint manager: deleting due to NoExecute taint',
    });
    expect(h.api.get('Pod', 'default', 'forever').metadata.deletionTimestamp).toBeUndefined();
  });

  it('ignores pods that are gone or on untainted nodes', () => {
    const h = newHarness();
    const [c] = h.start((p) => new TaintEvictionController(p));
    node(h, 'node-1');
    pod(h, 'p', 'node-1');
    expect(c.reconcile('default/p')).toEqual({ kind: 'done' });
    expect(c.reconcile('default/gone')).toEqual({ kind: 'done' });
  });
});
