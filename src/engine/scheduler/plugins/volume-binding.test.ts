import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../../cluster';
import type { KObject } from '../../api/types/meta';

function claim(name: string, extra: Record<string, unknown> = {}): KObject {
  return { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace: 'default' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...extra } };
}

function pod(name: string, claimName: string): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'] }], volumes: [{ name: 'data', persistentVolumeClaim: { claimName } }] },
  };
}

function events(c: Cluster, name: string): string[] {
  return c.api.store
    .list('Event', 'default')
    .filter((e) => (e.involvedObject as { name: string }).name === name)
    .map((e) => `${e.reason} ${e.message}`);
}

const get = (c: Cluster, kind: string, name: string) => c.api.get(kind, 'default', name);

describe('VolumeBinding', () => {
  it('selects the node of a WaitForFirstConsumer claim and keeps the pod Pending, unbound, until the volume is provisioned', () => {
    const c = createCluster({ nodes: 3, seed: 3 });
    c.api.create(claim('data'));
    c.api.create(pod('app', 'data'));
    c.clock.settle();
    const pvc = get(c, 'PersistentVolumeClaim', 'data');
    const selected = pvc.metadata.annotations?.['volume.kubernetes.io/selected-node'];
    expect(['node-1', 'node-2', 'node-3']).toContain(selected);
    expect(get(c, 'Pod', 'app').spec.nodeName).toBeUndefined();
    expect(get(c, 'Pod', 'app').status.phase).toBe('Pending');
    c.advance(1.5);
    expect(get(c, 'Pod', 'app').spec.nodeName).toBeUndefined();
    c.advance(2);
    const bound = get(c, 'PersistentVolumeClaim', 'data');
    expect(bound.status.phase).toBe('Bound');
    expect(get(c, 'Pod', 'app').spec.nodeName).toBe(selected);
    const pv = c.api.get('PersistentVolume', undefined, bound.spec.volumeName);
    expect(pv.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values).toEqual([selected]);
    // The claim was provisioned before the pod was scheduled.
    expect(events(c, 'data').map((e) => e.split(' ')[0]).sort()).toEqual(['ExternalProvisioning', 'Provisioning', 'ProvisioningSucceeded', 'WaitForFirstConsumer']);
    expect(events(c, 'app')).toEqual([`Scheduled Successfully assigned default/app to ${selected}`]);
    const at = (name: string, reason: string) => c.api.store.list('Event', 'default').find((e) => e.reason === reason && (e.involvedObject as { name: string }).name === name)!;
    const time = (e: KObject) => Date.parse((e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp) as string);
    expect(time(at('app', 'Scheduled'))).toBeGreaterThan(time(at('data', 'ProvisioningSucceeded')));
    c.advance(10);
    expect(get(c, 'Pod', 'app').status.phase).toBe('Running');
  });

  it('keeps a pod whose local volume is pinned to a lost node Pending with the volume node affinity conflict', () => {
    const c = createCluster({ nodes: 3, seed: 3 });
    c.api.create(claim('data'));
    c.api.create(pod('app', 'data'));
    c.advance(15);
    const node = get(c, 'Pod', 'app').spec.nodeName as string;
    c.api.delete('Pod', 'default', 'app', { gracePeriodSeconds: 0 });
    c.clock.settle();
    c.nodes.fail(node);
    c.advance(60);
    c.api.create(pod('again', 'data'));
    c.advance(5);
    const again = get(c, 'Pod', 'again');
    expect(again.spec.nodeName).toBeUndefined();
    const cond = again.status.conditions.find((x: { type: string }) => x.type === 'PodScheduled');
    expect(cond.reason).toBe('Unschedulable');
    expect(cond.message).toBe(
      `0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }, 2 node(s) had volume node affinity conflict. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.`,
    );
    // Back on its node, the pod runs there.
    c.nodes.recover(node);
    c.advance(60);
    expect(get(c, 'Pod', 'again').spec.nodeName).toBe(node);
  });

  it('rejects a pod whose immediate claim is unbound, and a pod whose claim does not exist', () => {
    const c = createCluster({ nodes: 2, seed: 3 });
    c.api.create({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'manual' }, provisioner: 'kubernetes.io/no-provisioner', volumeBindingMode: 'Immediate' });
    c.api.create(claim('manual-data', { storageClassName: 'manual' }));
    c.api.create(pod('waits', 'manual-data'));
    c.api.create(pod('lost', 'nope'));
    c.advance(2);
    const msg = (n: string) => get(c, 'Pod', n).status.conditions.find((x: { type: string }) => x.type === 'PodScheduled').message;
    expect(msg('waits')).toBe('0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.');
    expect(msg('lost')).toBe('0/3 nodes are available: persistentvolumeclaim "nope" not found. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.');
    // A matching volume appears: the PV controller binds the claim and the pod is scheduled.
    c.api.create({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv1' }, spec: { storageClassName: 'manual', capacity: { storage: '5Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/mnt/pv1' } } });
    c.advance(20);
    expect(get(c, 'PersistentVolumeClaim', 'manual-data').spec.volumeName).toBe('pv1');
    expect(get(c, 'Pod', 'waits').spec.nodeName).toBeDefined();
  });

  it('binds a WaitForFirstConsumer claim to a static volume on a node its affinity admits', () => {
    const c = createCluster({ nodes: 3, seed: 3 });
    c.api.create({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'local' }, provisioner: 'kubernetes.io/no-provisioner', volumeBindingMode: 'WaitForFirstConsumer' });
    c.api.create({
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'local-2' },
      spec: {
        storageClassName: 'local',
        capacity: { storage: '5Gi' },
        accessModes: ['ReadWriteOnce'],
        local: { path: '/mnt/disks/ssd1' },
        nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['node-2'] }] }] } },
      },
    });
    c.api.create(claim('fast', { storageClassName: 'local' }));
    c.api.create(claim('more', { storageClassName: 'local' }));
    c.api.create(pod('db', 'fast'));
    c.advance(3);
    expect(get(c, 'Pod', 'db').spec.nodeName).toBe('node-2');
    const pv = c.api.get('PersistentVolume', undefined, 'local-2');
    expect(pv.spec.claimRef.name).toBe('fast');
    expect(pv.metadata.annotations?.['pv.kubernetes.io/bound-by-controller']).toBe('yes');
    expect(get(c, 'PersistentVolumeClaim', 'fast').status.phase).toBe('Bound');
    // No volume left and no provisioner: nowhere to run.
    c.api.create(pod('db2', 'more'));
    c.advance(3);
    const cond = get(c, 'Pod', 'db2').status.conditions.find((x: { type: string }) => x.type === 'PodScheduled');
    expect(cond.message).toBe(
      "0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 node(s) didn't find available persistent volumes to bind. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.",
    );
  });
});
