/** Deployments (printers.go printDeployment): READY UP-TO-DATE AVAILABLE AGE. */
import type { KindTable } from './types';
import { AGE, NAME, WIDE_CONTAINERS, WIDE_SELECTOR, col, containerCells, formatSelectorOrNone, since, templateContainers } from './util';

export const deploymentTable: KindTable = {
  columns: [NAME, col('Ready'), col('Up-to-date'), col('Available'), AGE, ...WIDE_CONTAINERS, WIDE_SELECTOR],
  row(o, now) {
    const s = o.status ?? {};
    const [names, images] = containerCells(templateContainers(o));
    const sel = formatSelectorOrNone(o.spec?.selector);
    return [
      o.metadata.name!,
      `${s.readyReplicas ?? 0}/${o.spec?.replicas ?? 0}`,
      s.updatedReplicas ?? 0,
      s.availableReplicas ?? 0,
      since(o.metadata.creationTimestamp, now),
      names,
      images,
      sel === '<none>' ? '' : sel,
    ];
  },
};
