/** PersistentVolumeClaims (printers.go printPersistentVolumeClaim). */
import type { KObject } from '../../../api/types/meta';
import type { KindTable } from './types';
import { AGE, NAME, accessModes, col, since } from './util';

/** GetPersistentVolumeClaimClass: the beta annotation first, then spec.storageClassName. */
export function pvcClass(pvc: KObject): string {
  return pvc.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? pvc.spec?.storageClassName ?? '';
}

export const persistentVolumeClaimTable: KindTable = {
  columns: [
    NAME,
    col('Status'),
    col('Volume'),
    col('Capacity'),
    col('Access Modes'),
    col('StorageClass'),
    col('VolumeAttributesClass'),
    AGE,
    col('VolumeMode', 'string', 1),
  ],
  row(o, now) {
    const phase = o.metadata.deletionTimestamp ? 'Terminating' : (o.status?.phase ?? '');
    const bound = !!o.spec?.volumeName;
    return [
      o.metadata.name!,
      phase,
      o.spec?.volumeName ?? '',
      bound ? (o.status?.capacity?.storage ?? '0') : '',
      bound ? accessModes(o.status?.accessModes) : '',
      pvcClass(o),
      o.spec?.volumeAttributesClassName ?? '<unset>',
      since(o.metadata.creationTimestamp, now),
      o.spec?.volumeMode ?? '<unset>',
    ];
  },
};
