/** StatefulSets (printers.go printStatefulSet): READY AGE. */
import type { KindTable } from './types';
import { AGE, NAME, WIDE_CONTAINERS, col, containerCells, since, templateContainers } from './util';

export const statefulSetTable: KindTable = {
  columns: [NAME, col('Ready'), AGE, ...WIDE_CONTAINERS],
  row(o, now) {
    const [names, images] = containerCells(templateContainers(o));
    return [o.metadata.name!, `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 0}`, since(o.metadata.creationTimestamp, now), names, images];
  },
};
