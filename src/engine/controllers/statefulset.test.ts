import { describe, expect, it } from 'vitest';
import { StatefulSetController } from './statefulset';
import { GarbageCollector } from './garbage-collector';
import { newHarness, type Harness } from './test-harness';
import type { KObject } from '../api/types/meta';
import { StatusError } from '../api/errors';

function sts(extra: Record<string, unknown> = {}, replicas = 3): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web' },
    spec: {
      serviceName: 'nginx',
      replicas,
      selector: { matchLabels: { app: 'nginx' } },
      template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.21' }] } },
      volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      ...extra,
    },
  };
}

function setup(): Harness {
  const h = newHarness();
  h.start((c) => new StatefulSetController(c), (c) => new GarbageCollector(c));
  return h;
}

const live = (h: Harness) => h.api.list('Pod').items.filter((p) => !p.metadata.deletionTimestamp).map((p) => p.metadata.name!);
const ready = (h: Harness, name: string) => h.setPod('default', name, { node: 'node-1', phase: 'Running', ready: true });

function invalidMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatusError) return e.message;
    throw e;
  }
  return '';
}

describe('StatefulSetController', () => {
  it('creates web-0, then web-1 only once web-0 is Running and Ready (OrderedReady)', () => {
    const h = setup();
    h.create(sts());
    h.run();
    expect(live(h)).toEqual(['web-0']);
    h.run(5);
    expect(live(h)).toEqual(['web-0']);
    ready(h, 'web-0');
    h.run();
    expect(live(h)).toEqual(['web-0', 'web-1']);
    ready(h, 'web-1');
    h.run();
    ready(h, 'web-2');
    h.run();
    expect(live(h)).toEqual(['web-0', 'web-1', 'web-2']);
    expect(h.events('web')).toEqual([
      'Normal SuccessfulCreate create Claim www-web-0 Pod web-0 in StatefulSet web success',
      'Normal SuccessfulCreate create Pod web-0 in StatefulSet web successful',
      'Normal SuccessfulCreate create Claim www-web-1 Pod web-1 in StatefulSet web success',
      'Normal SuccessfulCreate create Pod web-1 in StatefulSet web successful',
      'Normal SuccessfulCreate create Claim www-web-2 Pod web-2 in StatefulSet web success',
      'Normal SuccessfulCreate create Pod web-2 in StatefulSet web successful',
    ]);
  });

  it('gives pods their identity: labels, hostname, subdomain and the claim volume', () => {
    const h = setup();
    h.create(sts({}, 1));
    h.run();
    const pod = h.api.get('Pod', 'default', 'web-0');
    const set = h.api.get('StatefulSet', 'default', 'web');
    const rev = set.status.updateRevision as string;
    expect(rev).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{8,10}$/);
    expect(pod.metadata.labels).toEqual({ app: 'nginx', 'apps.kubernetes.io/pod-index': '0', 'controller-revision-hash': rev, 'statefulset.kubernetes.io/pod-name': 'web-0' });
    expect(pod.spec.hostname).toBe('web-0');
    expect(pod.spec.subdomain).toBe('nginx');
    expect(pod.spec.volumes[0]).toEqual({ name: 'www', persistentVolumeClaim: { claimName: 'www-web-0' } });
    const pvc = h.api.get('PersistentVolumeClaim', 'default', 'www-web-0');
    expect(pvc.metadata.labels).toEqual({ app: 'nginx' });
    expect(pvc.metadata.ownerReferences).toBeUndefined();
    expect(pvc.spec).toEqual({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' });
  });

  it('reports status as the controller does and completes the revision once all are ready', () => {
    const h = setup();
    h.create(sts({}, 2));
    h.run();
    ready(h, 'web-0');
    h.run();
    ready(h, 'web-1');
    h.run();
    const set = h.api.get('StatefulSet', 'default', 'web');
    expect(set.status).toEqual({
      observedGeneration: 1,
      replicas: 2,
      readyReplicas: 2,
      currentReplicas: 2,
      updatedReplicas: 2,
      currentRevision: set.status.updateRevision,
      updateRevision: set.status.updateRevision,
      collisionCount: 0,
      availableReplicas: 2,
    });
  });

  it('scales down from the highest ordinal, one at a time, and keeps the claims', () => {
    const h = setup();
    h.create(sts());
    for (const n of ['web-0', 'web-1', 'web-2']) {
      h.run();
      ready(h, n);
    }
    h.run();
    h.api.patch('StatefulSet', 'default', 'web', 'merge', { spec: { replicas: 1 } });
    h.run();
    // Deletion is graceful (the pod is bound): web-2 terminates first, web-1 waits.
    expect(live(h)).toEqual(['web-0', 'web-1']);
    h.api.delete('Pod', 'default', 'web-2', { gracePeriodSeconds: 0 });
    h.run();
    expect(live(h)).toEqual(['web-0']);
    expect(h.api.list('PersistentVolumeClaim').items.map((p) => p.metadata.name)).toEqual(['www-web-0', 'www-web-1', 'www-web-2']);
  });

  it('creates all pods at once with podManagementPolicy Parallel', () => {
    const h = setup();
    h.create(sts({ podManagementPolicy: 'Parallel' }));
    h.run();
    expect(live(h)).toEqual(['web-0', 'web-1', 'web-2']);
  });

  it('recreates a deleted pod with the same name and claim', () => {
    const h = setup();
    h.create(sts({}, 1));
    h.run();
    ready(h, 'web-0');
    h.run();
    const uid = h.api.get('Pod', 'default', 'web-0').metadata.uid;
    h.api.delete('Pod', 'default', 'web-0', { gracePeriodSeconds: 0 });
    h.run();
    const pod = h.api.get('Pod', 'default', 'web-0');
    expect(pod.metadata.uid).not.toBe(uid);
    expect(pod.spec.volumes[0].persistentVolumeClaim.claimName).toBe('www-web-0');
    expect(h.api.list('PersistentVolumeClaim').items).toHaveLength(1);
  });

  it('rolls out a new template from the highest ordinal down to the partition', () => {
    const h = setup();
    h.create(sts());
    for (const n of ['web-0', 'web-1', 'web-2']) {
      h.run();
      ready(h, n);
    }
    h.run();
    const oldRev = h.api.get('StatefulSet', 'default', 'web').status.currentRevision;
    h.api.patch('StatefulSet', 'default', 'web', 'merge', { spec: { updateStrategy: { rollingUpdate: { partition: 1 } }, template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } } });
    h.run();
    const set = h.api.get('StatefulSet', 'default', 'web');
    const newRev = set.status.updateRevision;
    expect(newRev).not.toBe(oldRev);
    expect(h.api.get('Pod', 'default', 'web-2').metadata.deletionTimestamp).toBeDefined();
    h.api.delete('Pod', 'default', 'web-2', { gracePeriodSeconds: 0 });
    h.run();
    expect(h.api.get('Pod', 'default', 'web-2').metadata.labels!['controller-revision-hash']).toBe(newRev);
    expect(h.api.get('Pod', 'default', 'web-2').spec.containers[0].image).toBe('nginx:1.27');
    ready(h, 'web-2');
    h.run();
    // The partition is 1: web-1 is updated too, web-0 keeps the old revision.
    h.api.delete('Pod', 'default', 'web-1', { gracePeriodSeconds: 0 });
    h.run();
    ready(h, 'web-1');
    h.run();
    expect(h.api.get('Pod', 'default', 'web-0').metadata.labels!['controller-revision-hash']).toBe(oldRev);
    expect(h.api.get('Pod', 'default', 'web-1').metadata.labels!['controller-revision-hash']).toBe(newRev);
    const st = h.api.get('StatefulSet', 'default', 'web').status;
    expect([st.currentReplicas, st.updatedReplicas, st.currentRevision]).toEqual([1, 2, oldRev]);
    expect(h.api.list('ControllerRevision').items).toHaveLength(2);
  });

  it('leaves old pods alone with OnDelete until they are deleted', () => {
    const h = setup();
    h.create(sts({ updateStrategy: { type: 'OnDelete' } }, 1));
    h.run();
    ready(h, 'web-0');
    h.run();
    h.api.patch('StatefulSet', 'default', 'web', 'merge', { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } } });
    h.run(10);
    expect(h.api.get('Pod', 'default', 'web-0').metadata.deletionTimestamp).toBeUndefined();
    h.api.delete('Pod', 'default', 'web-0', { gracePeriodSeconds: 0 });
    h.run();
    expect(h.api.get('Pod', 'default', 'web-0').spec.containers[0].image).toBe('nginx:1.27');
  });

  it('does nothing for a deleted set and leaves pods of other owners alone', () => {
    const h = setup();
    h.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-0', labels: { app: 'other' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    expect(new StatefulSetController(h).reconcile('default/web')).toEqual({ kind: 'done' });
    h.create(sts({}, 1));
    h.run();
    // The pod named web-0 does not match the selector: the create conflicts and nothing is adopted.
    expect(h.api.get('Pod', 'default', 'web-0').metadata.ownerReferences).toBeUndefined();
  });

  it('validates as the apiserver does', () => {
    const h = setup();
    expect(invalidMessage(() => h.create(sts({ selector: { matchLabels: { app: 'x' } } })))).toBe(
      'StatefulSet.apps "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"nginx"}: `selector` does not match template `labels`',
    );
    expect(invalidMessage(() => h.create(sts({ podManagementPolicy: 'Fast' })))).toBe(
      'StatefulSet.apps "web" is invalid: spec.podManagementPolicy: Invalid value: "Fast": must be \'OrderedReady\' or \'Parallel\'',
    );
    h.create(sts({}, 1));
    expect(invalidMessage(() => h.api.patch('StatefulSet', 'default', 'web', 'merge', { spec: { serviceName: 'other' } }))).toBe(
      "StatefulSet.apps \"web\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    );
    const set = h.api.get('StatefulSet', 'default', 'web');
    expect(set.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
    expect(set.spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Retain' });
    expect(set.spec.volumeClaimTemplates[0]).toEqual({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'www', creationTimestamp: null },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' },
      status: { phase: 'Pending' },
    });
  });
});
