/** ReplicationControllers (printers.go printReplicationController). */
import type { KindTable } from './types';
import { AGE, NAME, WIDE_CONTAINERS, WIDE_SELECTOR, col, containerCells, formatLabelsOrNone, since, templateContainers } from './util';

export const replicationControllerTable: KindTable = {
  columns: [NAME, col('Desired', 'integer'), col('Current', 'integer'), col('Ready', 'integer'), AGE, ...WIDE_CONTAINERS, WIDE_SELECTOR],
  row(o, now) {
    const [names, images] = containerCells(templateContainers(o));
    return [
      o.metadata.name!,
      o.spec?.replicas ?? 0,
      o.status?.replicas ?? 0,
      o.status?.readyReplicas ?? 0,
      since(o.metadata.creationTimestamp, now),
      names,
      images,
      formatLabelsOrNone(o.spec?.selector),
    ];
  },
};
