import { describe, expect, it } from 'vitest';
import type { PodView, WorkloadView } from '../../engine-client/protocol';
import { desiredVsActual, podsOf } from './desired';

function rs(name: string, desired: number, owner?: string): WorkloadView {
  return {
    key: `default/${name}`, kind: 'ReplicaSet', namespace: 'default', name, desired, ready: 0, images: [], selector: {},
    owner: owner ? { kind: 'Deployment', name: owner } : undefined,
  };
}

function pod(name: string, owner: string, extra: Partial<PodView> = {}): PodView {
  return {
    key: `default/${name}`, namespace: 'default', name, uid: name, nodeName: 'node-1', phase: 'Running', status: 'Running',
    ready: '1/1', restarts: 0, podIP: '', deleting: false, labels: {}, images: [], createdMs: 0,
    owner: { kind: 'ReplicaSet', name: owner }, ...extra,
  };
}

describe('desiredVsActual', () => {
  it('says the controller will create the missing pods', () => {
    const d = desiredVsActual(rs('web-1', 3), [pod('a', 'web-1')], []);
    expect(d).toMatchObject({ desired: 3, current: 1, ready: 1 });
    expect(d.next).toEqual([{ key: 'desired.create', vars: { controller: 'replicaset-controller', n: 2 } }]);
  });

  it('says the controller will delete surplus pods, not counting those already terminating', () => {
    const pods = [pod('a', 'web-1'), pod('b', 'web-1'), pod('c', 'web-1', { deleting: true, status: 'Terminating' })];
    const d = desiredVsActual(rs('web-1', 1), pods, []);
    expect(d.current).toBe(2);
    expect(d.next).toEqual([{ key: 'desired.delete', vars: { controller: 'replicaset-controller', n: 1 } }]);
  });

  it('names pods waiting for the scheduler and pods still starting', () => {
    const pods = [
      pod('a', 'web-1', { nodeName: '', status: 'Pending', phase: 'Pending', ready: '0/1' }),
      pod('b', 'web-1', { status: 'ContainerCreating', phase: 'Pending', ready: '0/1' }),
      pod('c', 'web-1'),
    ];
    const d = desiredVsActual(rs('web-1', 3), pods, []);
    expect(d.next).toEqual([
      { key: 'desired.pending', vars: { n: 1 } },
      { key: 'desired.starting', vars: { n: 1 } },
    ]);
  });

  it('is steady when everything matches', () => {
    const d = desiredVsActual(rs('web-1', 2), [pod('a', 'web-1'), pod('b', 'web-1')], []);
    expect(d.next).toEqual([{ key: 'desired.steady', vars: { n: 2 } }]);
  });

  it('counts a Deployment\'s pods through its ReplicaSets', () => {
    const dep: WorkloadView = { ...rs('web', 2), kind: 'Deployment', key: 'default/web' };
    const sets = [rs('web-old', 0, 'web'), rs('web-new', 2, 'web'), rs('other', 1)];
    const pods = [pod('a', 'web-old'), pod('b', 'web-new'), pod('c', 'other')];
    expect(podsOf(dep, pods, sets).map((p) => p.name)).toEqual(['a', 'b']);
    expect(desiredVsActual(dep, pods, sets).next).toEqual([{ key: 'desired.steady', vars: { n: 2 } }]);
  });
});
