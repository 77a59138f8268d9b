/** PodTemplates (printers.go printPodTemplate): CONTAINERS IMAGES POD LABELS. */
import type { KindTable } from './types';
import { NAME, col, containerCells, formatLabelsOrNone } from './util';

export const podTemplateTable: KindTable = {
  columns: [NAME, col('Containers'), col('Images'), col('Pod Labels')],
  row(o) {
    const t = (o.template ?? {}) as { metadata?: { labels?: Record<string, string> }; spec?: { containers?: [] } };
    const [names, images] = containerCells(t.spec?.containers);
    return [o.metadata.name!, names, images, formatLabelsOrNone(t.metadata?.labels)];
  },
};
