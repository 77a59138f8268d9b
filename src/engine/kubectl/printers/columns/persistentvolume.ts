/** PersistentVolumes (printers.go printPersistentVolume). */
import type { KObject } from '../../../api/types/meta';
import type { KindTable } from './types';
import { AGE, NAME, accessModes, col, since } from './util';

/** GetPersistentVolumeClass: the beta annotation first, then spec.storageClassName. */
export function pvClass(pv: KObject): string {
  return pv.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? pv.spec?.storageClassName ?? '';
}

export const persistentVolumeTable: KindTable = {
  columns: [
    NAME,
    col('Capacity'),
    col('Access Modes'),
    col('Reclaim Policy'),
    col('Status'),
    col('Claim'),
    col('StorageClass'),
    col('VolumeAttributesClass'),
    col('Reason'),
    AGE,
    col('VolumeMode', 'string', 1),
  ],
  row(o, now) {
    const claim = o.spec?.claimRef ? `${o.spec.claimRef.namespace ?? ''}/${o.spec.claimRef.name ?? ''}` : '';
    const phase = o.metadata.deletionTimestamp ? 'Terminating' : (o.status?.phase ?? '');
    return [
      o.metadata.name!,
      o.spec?.capacity?.storage ?? '0',
      accessModes(o.spec?.accessModes),
      o.spec?.persistentVolumeReclaimPolicy ?? '',
      phase,
      claim,
      pvClass(o),
      o.spec?.volumeAttributesClassName ?? '<unset>',
      o.status?.reason ?? '',
      since(o.metadata.creationTimestamp, now),
      o.spec?.volumeMode ?? '<unset>',
    ];
  },
};
