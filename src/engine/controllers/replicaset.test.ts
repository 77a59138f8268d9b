import { describe, expect, it } from 'vitest';
import { ReplicaSetController } from './replicaset';
import { GarbageCollector } from './garbage-collector';
import { newHarness, type Harness } from './test-harness';
import type { KObject } from '../api/types/meta';
import { StatusError } from '../api/errors';

function rsObj(name: string, replicas: number, extra: Record<string, unknown> = {}): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } },
      ...extra,
    },
  };
}

function setup(): Harness {
  const h = newHarness();
  h.start((c) => new ReplicaSetController(c), (c) => new GarbageCollector(c));
  return h;
}

const podNames = (h: Harness, active = true) =>
  h.api
    .list('Pod')
    .items.filter((p) => !active || !p.metadata.deletionTimestamp)
    .map((p) => p.metadata.name!);

function invalidMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatusError) return e.message;
    throw e;
  }
  return '';
}

describe('ReplicaSetController', () => {
  it('creates the missing pods named <rs>-<5 chars> with an event each', () => {
    const h = setup();
    h.create(rsObj('web', 3));
    h.run();
    const names = podNames(h);
    expect(names).toHaveLength(3);
    for (const n of names) expect(n).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    const pod = h.api.get('Pod', 'default', names[0]);
    expect(pod.metadata.labels).toEqual({ app: 'web' });
    expect(pod.metadata.ownerReferences).toEqual([
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: h.api.get('ReplicaSet', 'default', 'web').metadata.uid, controller: true, blockOwnerDeletion: true },
    ]);
    expect(h.events('web').sort()).toEqual(names.map((n) => `Normal SuccessfulCreate Created pod: ${n}`).sort());
    expect(h.api.get('ReplicaSet', 'default', 'web').status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, observedGeneration: 1 });
  });

  it('does nothing more when the pods are there', () => {
    const h = setup();
    h.create(rsObj('web', 2));
    h.run();
    const rv = h.api.get('ReplicaSet', 'default', 'web').metadata.resourceVersion;
    h.run(60);
    expect(podNames(h)).toHaveLength(2);
    expect(h.api.get('ReplicaSet', 'default', 'web').metadata.resourceVersion).toBe(rv);
  });

  it('counts ready and available replicas, honouring minReadySeconds', () => {
    const h = setup();
    h.create(rsObj('web', 2, { minReadySeconds: 10 }));
    h.run();
    for (const n of podNames(h)) h.setPod('default', n, { node: 'node-1', phase: 'Running', ready: true });
    h.run();
    expect(h.api.get('ReplicaSet', 'default', 'web').status).toEqual({ replicas: 2, fullyLabeledReplicas: 2, readyReplicas: 2, observedGeneration: 1 });
    h.run(12);
    expect(h.api.get('ReplicaSet', 'default', 'web').status).toEqual({
      replicas: 2,
      fullyLabeledReplicas: 2,
      readyReplicas: 2,
      availableReplicas: 2,
      observedGeneration: 1,
    });
  });

  it('replaces a deleted pod', () => {
    const h = setup();
    h.create(rsObj('web', 2));
    h.run();
    const [first] = podNames(h);
    h.api.delete('Pod', 'default', first);
    h.run();
    const names = podNames(h);
    expect(names).toHaveLength(2);
    expect(names).not.toContain(first);
  });

  it('adopts a matching orphan instead of creating a pod', () => {
    const h = setup();
    h.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'stray', labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    h.create(rsObj('web', 1));
    h.run();
    expect(podNames(h)).toEqual(['stray']);
    expect(h.api.get('Pod', 'default', 'stray').metadata.ownerReferences?.[0].name).toBe('web');
  });

  it('releases a pod whose labels stop matching and creates a replacement', () => {
    const h = setup();
    h.create(rsObj('web', 1));
    h.run();
    const [name] = podNames(h);
    const pod = h.api.get('Pod', 'default', name);
    h.api.update({ ...pod, metadata: { ...pod.metadata, labels: { app: 'debug' } } });
    h.run();
    expect(h.api.get('Pod', 'default', name).metadata.ownerReferences).toBeUndefined();
    expect(podNames(h)).toHaveLength(2);
  });

  it('leaves pods controlled by someone else alone', () => {
    const h = setup();
    const other = h.create(rsObj('other', 1, { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } }));
    h.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'theirs', labels: { app: 'web' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'other', uid: other.metadata.uid!, controller: true }] },
      spec: { containers: [{ name: 'c', image: 'nginx' }] },
    });
    h.create(rsObj('web', 1));
    h.run();
    expect(h.api.get('Pod', 'default', 'theirs').metadata.ownerReferences?.[0].name).toBe('other');
    expect(podNames(h)).toHaveLength(2);
    expect(h.api.get('ReplicaSet', 'default', 'web').status.replicas).toBe(1);
  });

  it('deletes surplus pods: unscheduled, then pending, then not ready, then newest', () => {
    const h = setup();
    h.create(rsObj('web', 5));
    h.run();
    const names = podNames(h);
    h.setPod('default', names[0], { node: 'node-1', phase: 'Running', ready: true });
    h.setPod('default', names[1], { node: 'node-2', phase: 'Running', ready: false });
    h.setPod('default', names[2], { node: 'node-3', phase: 'Pending' });
    h.setPod('default', names[3], { node: 'node-4', phase: 'Running', ready: true });
    // names[4] stays unscheduled
    const rs = h.api.get('ReplicaSet', 'default', 'web');
    h.api.update({ ...rs, spec: { ...rs.spec, replicas: 2 } });
    h.run();
    const left = podNames(h);
    expect(left.sort()).toEqual([names[0], names[3]].sort());
    const deleted = h.events('web').filter((e) => e.includes('SuccessfulDelete'));
    expect(deleted).toEqual([
      `Normal SuccessfulDelete Deleted pod: ${names[4]}`,
      `Normal SuccessfulDelete Deleted pod: ${names[2]}`,
      `Normal SuccessfulDelete Deleted pod: ${names[1]}`,
    ]);
  });

  it('creates in slow-start batches and reports ReplicaFailure when creation fails', () => {
    const h = newHarness();
    const rsc = new ReplicaSetController(h);
    const create = h.api.create.bind(h.api);
    let podCreates = 0;
    // The apiserver refuses the 4th pod, as a quota would.
    h.api.create = ((obj: KObject, opts?: object) => {
      if (obj.kind === 'Pod' && ++podCreates > 3) throw new StatusError(403, 'Forbidden', 'pods "web-x" is forbidden: exceeded quota: q');
      return create(obj, opts);
    }) as typeof h.api.create;
    h.create(rsObj('web', 10));
    expect(rsc.reconcile('default/web')).toEqual({ kind: 'retry' });
    // Batches of 1 and 2 succeed; the batch of 4 has one success... then three failures, and
    // the remaining 3 are not attempted.
    expect(podCreates).toBe(7);
    expect(podNames(h)).toHaveLength(3);
    expect(h.api.get('ReplicaSet', 'default', 'web').status.replicas).toBe(0);
    rsc.reconcile('default/web');
    const rs = h.api.get('ReplicaSet', 'default', 'web');
    expect(rs.status.replicas).toBe(3);
    expect(rs.status.conditions).toEqual([
      { type: 'ReplicaFailure', status: 'True', lastTransitionTime: '2026-11-26T09:00:00Z', reason: 'FailedCreate', message: 'pods "web-x" is forbidden: exceeded quota: q' },
    ]);
    // The correlator folds the repeated warning into one event with a count.
    expect(h.events('web').filter((e) => e.startsWith('Warning'))).toEqual(['Warning FailedCreate Error creating: pods "web-x" is forbidden: exceeded quota: q']);
  });

  it('does nothing for a deleted ReplicaSet', () => {
    const h = newHarness();
    const [c] = h.start((p) => new ReplicaSetController(p));
    expect(c.reconcile('default/missing')).toEqual({ kind: 'done' });
  });

  it('validates like the apiserver', () => {
    const h = setup();
    expect(invalidMessage(() => h.create(rsObj('web', -1)))).toBe(
      'ReplicaSet.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    );
    expect(invalidMessage(() => h.create(rsObj('web', 1, { selector: { matchLabels: { app: 'other' } } })))).toBe(
      'ReplicaSet.apps "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
    );
  });
});
