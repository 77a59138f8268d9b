/** ReplicaSets (printers.go printReplicaSet): DESIRED CURRENT READY AGE. */
import type { KindTable } from './types';
import { AGE, NAME, WIDE_CONTAINERS, WIDE_SELECTOR, col, containerCells, formatSelectorOrNone, since, templateContainers } from './util';

export const replicaSetTable: KindTable = {
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
      formatSelectorOrNone(o.spec?.selector),
    ];
  },
};
