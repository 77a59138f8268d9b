import { describe, expect, it } from 'vitest';
import { GarbageCollector } from './garbage-collector';
import { NamespaceController } from './namespace';
import { newHarness } from './test-harness';
import type { KObject } from '../api/types/meta';

function owner(h: ReturnType<typeof newHarness>, name: string): KObject {
  return h.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } });
}

function dependent(h: ReturnType<typeof newHarness>, name: string, o: KObject, block = true, ns = 'default'): KObject {
  return h.create({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name,
      namespace: ns,
      ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: o.metadata.name!, uid: o.metadata.uid!, controller: true, blockOwnerDeletion: block }],
    },
  });
}

const names = (h: ReturnType<typeof newHarness>) => h.api.list('ConfigMap').items.map((c) => c.metadata.name);

describe('GarbageCollector', () => {
  it('deletes dependents after a background delete of the owner', () => {
    const h = newHarness();
    h.start((c) => new GarbageCollector(c));
    const o = owner(h, 'owner');
    dependent(h, 'a', o);
    const b = dependent(h, 'b', o);
    dependent(h, 'c', b);
    h.run();
    h.api.delete('ConfigMap', 'default', 'owner', { propagationPolicy: 'Background' });
    expect(names(h)).toEqual(['a', 'b', 'c']);
    h.run();
    expect(names(h)).toEqual([]);
  });

  it('keeps the owner with foregroundDeletion until blocking dependents are gone', () => {
    const h = newHarness();
    h.start((c) => new GarbageCollector(c));
    const o = owner(h, 'owner');
    dependent(h, 'a', o);
    const pod = h.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: o.metadata.uid!, controller: true, blockOwnerDeletion: true }] },
      spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'nginx' }] },
    });
    const deleting = h.api.delete('ConfigMap', 'default', 'owner', { propagationPolicy: 'Foreground' });
    expect(deleting.metadata.finalizers).toEqual(['foregroundDeletion']);
    h.run();
    // The pod is terminating gracefully (bound to a node): the owner waits for it.
    expect(names(h)).toEqual(['owner']);
    expect(h.api.find('Pod', 'default', 'p')?.metadata.deletionTimestamp).toBeDefined();
    // The kubelet finishes the pod.
    h.api.delete('Pod', 'default', 'p', { gracePeriodSeconds: 0, preconditions: { uid: pod.metadata.uid } });
    h.run();
    expect(names(h)).toEqual([]);
  });

  it('does not wait in the foreground for dependents that do not block', () => {
    const h = newHarness();
    h.start((c) => new GarbageCollector(c));
    const o = owner(h, 'owner');
    h.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: o.metadata.uid!, blockOwnerDeletion: false }] },
      spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'nginx' }] },
    });
    h.api.delete('ConfigMap', 'default', 'owner', { propagationPolicy: 'Foreground' });
    h.run();
    expect(names(h)).toEqual([]);
    expect(h.api.find('Pod', 'default', 'p')?.metadata.deletionTimestamp).toBeDefined();
  });

  it('orphans dependents: removes the owner reference and keeps them', () => {
    const h = newHarness();
    h.start((c) => new GarbageCollector(c));
    const o = owner(h, 'owner');
    const other = owner(h, 'other');
    const a = dependent(h, 'a', o);
    h.api.update({ ...a, metadata: { ...a.metadata, ownerReferences: [...a.metadata.ownerReferences!, { apiVersion: 'v1', kind: 'ConfigMap', name: 'other', uid: other.metadata.uid! }] } });
    dependent(h, 'b', o);
    h.api.delete('ConfigMap', 'default', 'owner', { propagationPolicy: 'Orphan' });
    h.run();
    expect(names(h)).toEqual(['a', 'b', 'other']);
    expect(h.api.get('ConfigMap', 'default', 'a').metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'ConfigMap', name: 'other', uid: other.metadata.uid }]);
    expect(h.api.get('ConfigMap', 'default', 'b').metadata.ownerReferences).toBeUndefined();
  });

  it('deletes an object created with an owner that no longer exists', () => {
    const h = newHarness();
    h.start((c) => new GarbageCollector(c));
    h.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'late', ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'gone', uid: 'no-such-uid' }] },
    });
    h.run();
    expect(names(h)).toEqual([]);
  });

  it('only drops the dangling reference when another owner is alive', () => {
    const h = newHarness();
    h.start((c) => new GarbageCollector(c));
    const o1 = owner(h, 'o1');
    const o2 = owner(h, 'o2');
    h.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'shared',
        ownerReferences: [
          { apiVersion: 'v1', kind: 'ConfigMap', name: 'o1', uid: o1.metadata.uid! },
          { apiVersion: 'v1', kind: 'ConfigMap', name: 'o2', uid: o2.metadata.uid! },
        ],
      },
    });
    h.run();
    h.api.delete('ConfigMap', 'default', 'o1');
    h.run();
    expect(names(h)).toEqual(['o2', 'shared']);
    expect(h.api.get('ConfigMap', 'default', 'shared').metadata.ownerReferences?.map((r) => r.name)).toEqual(['o2']);
  });

  it('leaves objects without owners alone', () => {
    const h = newHarness();
    h.start((c) => new GarbageCollector(c));
    owner(h, 'lonely');
    h.run(60);
    expect(names(h)).toEqual(['lonely']);
    expect(h.internalErrors).toEqual([]);
  });
});

describe('NamespaceController', () => {
  it('deletes the content of a terminating namespace, then the namespace', () => {
    const h = newHarness(['default', 'team']);
    h.start((c) => new GarbageCollector(c), (c) => new NamespaceController(c));
    h.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'team' } });
    const pod = h.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'team' }, spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'nginx' }] } });
    h.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'keep' } });
    h.api.delete('Namespace', undefined, 'team');
    h.run();
    const ns = h.api.get('Namespace', undefined, 'team');
    expect(ns.status.phase).toBe('Terminating');
    expect(h.api.list('ConfigMap', { namespace: 'team' }).items).toEqual([]);
    const conds = (ns.status.conditions as { type: string; status: string; reason: string; message: string }[]).map((c) => `${c.type} ${c.status} ${c.reason} ${c.message}`);
    expect(conds).toEqual([
      'NamespaceDeletionDiscoveryFailure False ResourcesDiscovered All resources successfully discovered',
      'NamespaceDeletionGroupVersionParsingFailure False ParsedGroupVersions All legacy kube types successfully parsed',
      'NamespaceDeletionContentFailure False ContentDeleted All content successfully deleted, may be waiting on finalization',
      'NamespaceContentRemaining True SomeResourcesRemain Some resources are remaining: pods. has 1 resource instances',
      'NamespaceFinalizersRemaining False ContentHasNoFinalizers All content-preserving finalizers finished',
    ]);
    // The kubelet finishes the graceful deletion.
    h.api.delete('Pod', 'team', 'p', { gracePeriodSeconds: 0, preconditions: { uid: pod.metadata.uid } });
    h.run();
    expect(h.api.find('Namespace', undefined, 'team')).toBeUndefined();
    expect(h.api.list('ConfigMap').items.map((c) => c.metadata.name)).toEqual(['keep']);
  });

  it('ignores namespaces that are not terminating', () => {
    const h = newHarness(['default', 'team']);
    const [nc] = h.start((c) => new NamespaceController(c));
    h.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'team' } });
    expect(nc.reconcile('team')).toEqual({ kind: 'done' });
    expect(nc.reconcile('missing')).toEqual({ kind: 'done' });
    expect(h.api.list('ConfigMap', { namespace: 'team' }).items).toHaveLength(1);
  });
});
