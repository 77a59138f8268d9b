/**
 * The default StorageClass a kind v0.26 cluster ships (kind's installstorage manifest):
 * `standard`, default class, provisioner `rancher.io/local-path` (./local-path.ts), reclaim
 * policy Delete and volumeBindingMode WaitForFirstConsumer.
 *
 * Simplification: kind applies its manifest with kubectl, which also leaves a
 * last-applied-configuration annotation; the class here is created directly.
 */
import type { ApiServer } from '../../api/server';
import type { KObject } from '../../api/types/meta';
import { DEFAULT_CLASS_ANNOTATION } from '../../api/registry/pvc';
import { LOCAL_PATH_PROVISIONER } from './local-path';

export function defaultStorageClassObject(): KObject {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: 'standard', annotations: { [DEFAULT_CLASS_ANNOTATION]: 'true' } },
    provisioner: LOCAL_PATH_PROVISIONER,
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'WaitForFirstConsumer',
  };
}

export function createDefaultStorageClass(api: ApiServer): void {
  api.create(defaultStorageClassObject());
}
