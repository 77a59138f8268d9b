import { describe, expect, it } from 'vitest';
import { PodGCController, MSG_NODE_GONE } from './podgc';
import { newHarness, type Harness } from './test-harness';

function setup(): Harness {
  const h = newHarness(['default']);
  h.start((c) => new PodGCController(c));
  return h;
}

function node(h: Harness, name: string, ready = true, taints: object[] = []): void {
  h.create({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name },
    spec: { taints },
    status: { conditions: [{ type: 'Ready', status: ready ? 'True' : 'Unknown' }] },
  });
}

function pod(h: Harness, name: string, nodeName?: string): void {
  h.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', finalizers: ['test/keep'] }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
  if (nodeName) h.setPod('default', name, { node: nodeName, phase: 'Running', ready: true });
}

const names = (h: Harness) => h.api.list('Pod', { namespace: 'default' }).items.map((p) => p.metadata.name).sort();

describe('PodGCController', () => {
  it('force-deletes pods of a deleted node after the 40 s quarantine, marked Failed with DeletionByPodGC', () => {
    const h = setup();
    node(h, 'node-1');
    node(h, 'node-2');
    pod(h, 'a', 'node-1');
    pod(h, 'b', 'node-2');
    h.api.delete('Node', undefined, 'node-1');
    h.run(30);
    expect(names(h)).toEqual(['a', 'b']);
    h.run(40);
    // The test finalizer keeps the deleted pod visible: deletion requested with grace 0.
    const a = h.api.get('Pod', 'default', 'a');
    expect(a.metadata.deletionTimestamp).toBeDefined();
    expect(a.metadata.deletionGracePeriodSeconds).toBe(0);
    expect(a.status.phase).toBe('Failed');
    expect(a.status.conditions.find((c: { type: string }) => c.type === 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'DeletionByPodGC', message: MSG_NODE_GONE });
    expect(h.api.get('Pod', 'default', 'b').metadata.deletionTimestamp).toBeUndefined();
  });

  it('force-deletes terminating pods only on a NotReady node with the out-of-service taint', () => {
    const h = setup();
    node(h, 'down', false);
    pod(h, 'stuck', 'down');
    h.api.delete('Pod', 'default', 'stuck');
    h.run(60);
    expect(h.api.get('Pod', 'default', 'stuck').metadata.deletionGracePeriodSeconds).toBe(30);
    const n = h.api.get('Node', undefined, 'down');
    h.api.update({ ...n, spec: { taints: [{ key: 'node.kubernetes.io/out-of-service', value: 'nodeshutdown', effect: 'NoExecute' }] } });
    h.run(25);
    const p = h.api.get('Pod', 'default', 'stuck');
    expect(p.metadata.deletionGracePeriodSeconds).toBe(0);
    expect(p.status.phase).toBe('Failed');
  });

  it('force-deletes terminating pods that were never scheduled', () => {
    const h = setup();
    pod(h, 'pending');
    h.api.delete('Pod', 'default', 'pending');
    h.run(25);
    expect(h.api.get('Pod', 'default', 'pending').metadata.deletionGracePeriodSeconds).toBe(0);
  });
});
