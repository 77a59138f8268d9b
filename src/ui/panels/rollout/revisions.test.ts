import { describe, expect, it } from 'vitest';
import type { PodView, WorkloadView } from '../../engine-client/protocol';
import { revisionColumns } from './revisions';

const dep: WorkloadView = { key: 'default/web', kind: 'Deployment', namespace: 'default', name: 'web', desired: 3, ready: 3, images: ['nginx:1.27'], selector: {} };
const rs = (hash: string, revision: string, desired: number, ready: number, extra: Partial<WorkloadView> = {}): WorkloadView => ({
  key: `default/web-${hash}`,
  kind: 'ReplicaSet',
  namespace: 'default',
  name: `web-${hash}`,
  owner: { kind: 'Deployment', name: 'web' },
  desired,
  ready,
  revision,
  images: [],
  selector: {},
  ...extra,
});
const pod = (name: string, owner: string, status = 'Running', createdMs = 0, deleting = false): PodView => ({
  key: `default/${name}`, namespace: 'default', name, uid: name, nodeName: 'node-1', phase: 'Running', status, ready: '1/1', restarts: 0,
  podIP: '', deleting, owner: { kind: 'ReplicaSet', name: owner }, labels: {}, images: [], createdMs,
});

describe('revisionColumns', () => {
  it('puts revisions oldest first, the new one growing and the old one shrinking mid-rollout', () => {
    const cols = revisionColumns(
      dep,
      [rs('bbb', '2', 2, 1), rs('aaa', '1', 2, 2), rs('zzz', '1', 1, 1, { owner: { kind: 'Deployment', name: 'other' } })],
      [pod('web-aaa-1', 'web-aaa'), pod('web-aaa-2', 'web-aaa', 'Terminating', 0, true), pod('web-bbb-2', 'web-bbb', 'ContainerCreating', 9), pod('web-bbb-1', 'web-bbb', 'Running', 5)],
    );
    expect(cols.map((c) => [c.hash, c.revision, c.current, c.trend, c.pods.map((p) => `${p.name}:${p.category}`).join(' ')])).toEqual([
      ['aaa', 1, false, 'shrinking', 'web-aaa-1:Running web-aaa-2:Terminating'],
      ['bbb', 2, true, 'growing', 'web-bbb-1:Running web-bbb-2:ContainerCreating'],
    ]);
  });

  it('shows an undone rollout as the old ReplicaSet back on top with its earlier revision', () => {
    const cols = revisionColumns(dep, [rs('aaa', '3', 3, 3, { revisionHistory: '1' }), rs('bbb', '2', 0, 0)], ['1', '2', '3'].map((n) => pod(`web-aaa-${n}`, 'web-aaa')));
    expect(cols.map((c) => [c.hash, c.revision, c.history, c.current, c.trend])).toEqual([
      ['bbb', 2, [], false, 'steady'],
      ['aaa', 3, [1], true, 'steady'],
    ]);
  });
});
