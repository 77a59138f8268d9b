import { describe, expect, it } from 'vitest';
import { PersistentVolumeController } from './pv-controller';
import { LocalPathProvisioner } from './local-path';
import { newHarness, type Harness } from '../test-harness';
import type { KObject } from '../../api/types/meta';
import { StatusError } from '../../api/errors';

const STANDARD: KObject = {
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
  provisioner: 'rancher.io/local-path',
  reclaimPolicy: 'Delete',
  volumeBindingMode: 'WaitForFirstConsumer',
};

function setup(withClass = true): Harness {
  const h = newHarness();
  if (withClass) h.api.create(STANDARD);
  h.start((c) => new PersistentVolumeController(c), (c) => new LocalPathProvisioner(c));
  return h;
}

function claim(name: string, extra: Record<string, unknown> = {}, storage = '1Gi'): KObject {
  return { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage } }, ...extra } };
}

function pod(name: string, claimName: string): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: { containers: [{ name: 'c', image: 'busybox' }], volumes: [{ name: 'data', persistentVolumeClaim: { claimName } }] },
  };
}

function staticPv(name: string, storage: string, extra: Record<string, unknown> = {}): KObject {
  return { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name }, spec: { capacity: { storage }, accessModes: ['ReadWriteOnce'], hostPath: { path: `/mnt/${name}` }, ...extra } };
}

/** What the scheduler's VolumeBinding PreBind writes for a claim's first consumer. */
function selectNode(h: Harness, claimName: string, node: string): void {
  const pvc = h.api.get('PersistentVolumeClaim', 'default', claimName);
  h.api.update({ ...pvc, metadata: { ...pvc.metadata, annotations: { ...(pvc.metadata.annotations ?? {}), 'volume.kubernetes.io/selected-node': node } } });
}

function invalidMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatusError) return e.message;
    throw e;
  }
  return '';
}

describe('PersistentVolumeController and the local-path provisioner', () => {
  it('gives a claim the default class and the protection finalizer, and waits for a consumer', () => {
    const h = setup();
    h.create(claim('data'));
    h.run(1);
    const pvc = h.api.get('PersistentVolumeClaim', 'default', 'data');
    expect(pvc.spec.storageClassName).toBe('standard');
    expect(pvc.metadata.finalizers).toEqual(['kubernetes.io/pvc-protection']);
    expect(pvc.status).toEqual({ phase: 'Pending' });
    expect(h.events('data')).toEqual(['Normal WaitForFirstConsumer waiting for first consumer to be created before binding']);
  });

  it('leaves choosing the node of a WaitForFirstConsumer claim to the scheduler', () => {
    const h = setup();
    h.create(claim('data'));
    h.create(pod('writer', 'data'));
    h.api.bind('default', 'writer', 'node-2');
    h.run(30);
    const pvc = h.api.get('PersistentVolumeClaim', 'default', 'data');
    expect(pvc.spec.volumeName).toBeUndefined();
    expect(pvc.metadata.annotations?.['volume.kubernetes.io/selected-node']).toBeUndefined();
    expect(h.api.list('PersistentVolume').items).toEqual([]);
  });

  it('provisions pvc-<uid> on the node the scheduler selected, after the helper pod, and binds both sides', () => {
    const h = setup();
    const pvc0 = h.create(claim('data'));
    h.run(3);
    selectNode(h, 'data', 'node-2');
    h.run(1);
    expect(h.api.get('PersistentVolumeClaim', 'default', 'data').spec.volumeName).toBeUndefined();
    h.run(2);
    const pvc = h.api.get('PersistentVolumeClaim', 'default', 'data');
    const pvName = `pvc-${pvc0.metadata.uid}`;
    expect(pvc.spec.volumeName).toBe(pvName);
    expect(pvc.metadata.annotations).toEqual({
      'pv.kubernetes.io/bind-completed': 'yes',
      'pv.kubernetes.io/bound-by-controller': 'yes',
      'volume.beta.kubernetes.io/storage-provisioner': 'rancher.io/local-path',
      'volume.kubernetes.io/selected-node': 'node-2',
      'volume.kubernetes.io/storage-provisioner': 'rancher.io/local-path',
    });
    expect(pvc.status).toEqual({ phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } });
    const pv = h.api.get('PersistentVolume', undefined, pvName);
    expect(pv.spec.hostPath).toEqual({ path: `/var/local-path-provisioner/${pvName}_default_data`, type: 'DirectoryOrCreate' });
    expect(pv.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values).toEqual(['node-2']);
    expect(pv.spec.persistentVolumeReclaimPolicy).toBe('Delete');
    expect(pv.spec.claimRef).toMatchObject({ kind: 'PersistentVolumeClaim', namespace: 'default', name: 'data', uid: pvc0.metadata.uid });
    expect(pv.status.phase).toBe('Bound');
    expect(pv.metadata.finalizers).toEqual(['kubernetes.io/pv-protection']);
    expect(h.events('data').map((e) => e.split(' ').slice(0, 2).join(' '))).toEqual([
      'Normal WaitForFirstConsumer',
      'Normal ExternalProvisioning',
      'Normal Provisioning',
      'Normal ProvisioningSucceeded',
    ]);
    expect(h.events('data')[2]).toBe('Normal Provisioning External provisioner is provisioning volume for claim "default/data"');
    expect(h.events('data')[3]).toBe(`Normal ProvisioningSucceeded Successfully provisioned volume ${pvName}`);
  });

  it('keeps a used claim Terminating, then deletes the volume with the Delete policy', () => {
    const h = setup();
    h.create(claim('data'));
    h.create(pod('writer', 'data'));
    selectNode(h, 'data', 'node-1');
    h.api.bind('default', 'writer', 'node-1');
    h.run(3);
    const pvName = h.api.get('PersistentVolumeClaim', 'default', 'data').spec.volumeName;
    expect(pvName).toBeDefined();
    h.api.delete('PersistentVolumeClaim', 'default', 'data');
    h.run(5);
    expect(h.api.get('PersistentVolumeClaim', 'default', 'data').metadata.deletionTimestamp).toBeDefined();
    h.api.delete('Pod', 'default', 'writer', { gracePeriodSeconds: 0 });
    h.run();
    expect(h.api.find('PersistentVolumeClaim', 'default', 'data')).toBeUndefined();
    expect(h.api.find('PersistentVolume', undefined, pvName)).toBeUndefined();
  });

  it('binds a claim without a class to the smallest static volume that fits; Retain leaves it Released', () => {
    const h = setup(false);
    h.api.create(staticPv('big', '10Gi'));
    h.api.create(staticPv('small', '2Gi'));
    h.api.create(staticPv('tiny', '500Mi'));
    h.run();
    expect(h.api.get('PersistentVolume', undefined, 'small').status.phase).toBe('Available');
    h.create(claim('data'));
    h.run();
    const pvc = h.api.get('PersistentVolumeClaim', 'default', 'data');
    expect(pvc.spec.volumeName).toBe('small');
    expect(pvc.status.capacity).toEqual({ storage: '2Gi' });
    const pv = h.api.get('PersistentVolume', undefined, 'small');
    expect([pv.status.phase, pv.metadata.annotations]).toEqual(['Bound', { 'pv.kubernetes.io/bound-by-controller': 'yes' }]);
    h.api.delete('PersistentVolumeClaim', 'default', 'data');
    h.run();
    expect(h.api.get('PersistentVolume', undefined, 'small').status.phase).toBe('Released');
    h.create(claim('huge', {}, '100Gi'));
    h.run();
    expect(h.events('huge')).toEqual(['Normal FailedBinding no persistent volumes available for this claim and no storage class is set']);
  });

  it('reports a missing class and does nothing for a deleted claim', () => {
    const h = setup();
    expect(new PersistentVolumeController(h).reconcile('pvc:default/nothing')).toEqual({ kind: 'done' });
    h.create(claim('data', { storageClassName: 'fast' }));
    h.run();
    expect(h.events('data')).toEqual(['Warning ProvisioningFailed storageclass.storage.k8s.io "fast" not found']);
  });

  it('validates claims, volumes and classes as the apiserver does', () => {
    const h = setup();
    expect(invalidMessage(() => h.create({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'x' }, spec: {} }))).toBe(
      'PersistentVolumeClaim "x" is invalid: [spec.accessModes: Required value: at least 1 access mode is required, spec.resources[storage]: Required value]',
    );
    h.create(claim('data'));
    expect(invalidMessage(() => h.api.patch('PersistentVolumeClaim', 'default', 'data', 'merge', { spec: { accessModes: ['ReadWriteMany'] } }))).toBe(
      'PersistentVolumeClaim "data" is invalid: spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims',
    );
    expect(invalidMessage(() => h.api.create({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'p' }, spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'] } }))).toBe(
      'PersistentVolume "p" is invalid: spec: Required value: must specify a volume type',
    );
    expect(invalidMessage(() => h.api.patch('StorageClass', undefined, 'standard', 'merge', { reclaimPolicy: 'Retain' }))).toBe(
      'StorageClass.storage.k8s.io "standard" is invalid: reclaimPolicy: Forbidden: updates to reclaimPolicy are forbidden.',
    );
  });
});
