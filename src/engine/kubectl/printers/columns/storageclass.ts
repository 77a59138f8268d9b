/** StorageClasses (printers.go printStorageClass): `(default)` after the default class. */
import type { KObject } from '../../../api/types/meta';
import type { KindTable } from './types';
import { AGE, NAME, col, since } from './util';

/** storageutil.IsDefaultAnnotation. */
export function isDefaultClass(o: KObject): boolean {
  const a = o.metadata.annotations ?? {};
  return a['storageclass.kubernetes.io/is-default-class'] === 'true' || a['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
}

export const storageClassTable: KindTable = {
  columns: [NAME, col('Provisioner'), col('ReclaimPolicy'), col('VolumeBindingMode'), col('AllowVolumeExpansion'), AGE],
  row: (o, now) => [
    o.metadata.name! + (isDefaultClass(o) ? ' (default)' : ''),
    (o.provisioner as string) ?? '',
    (o.reclaimPolicy as string) ?? 'Delete',
    (o.volumeBindingMode as string) ?? 'Immediate',
    (o.allowVolumeExpansion as boolean) ?? false,
    since(o.metadata.creationTimestamp, now),
  ],
};
