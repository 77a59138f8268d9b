/** DaemonSets (printers.go printDaemonSet). */
import type { KindTable } from './types';
import { AGE, NAME, WIDE_CONTAINERS, WIDE_SELECTOR, col, containerCells, formatLabelsOrNone, formatSelectorOrNone, since, templateContainers } from './util';

export const daemonSetTable: KindTable = {
  columns: [
    NAME,
    col('Desired', 'integer'),
    col('Current', 'integer'),
    col('Ready', 'integer'),
    col('Up-to-date', 'integer'),
    col('Available', 'integer'),
    col('Node Selector'),
    AGE,
    ...WIDE_CONTAINERS,
    WIDE_SELECTOR,
  ],
  row(o, now) {
    const s = o.status ?? {};
    const [names, images] = containerCells(templateContainers(o));
    return [
      o.metadata.name!,
      s.desiredNumberScheduled ?? 0,
      s.currentNumberScheduled ?? 0,
      s.numberReady ?? 0,
      s.updatedNumberScheduled ?? 0,
      s.numberAvailable ?? 0,
      formatLabelsOrNone(o.spec?.template?.spec?.nodeSelector),
      since(o.metadata.creationTimestamp, now),
      names,
      images,
      formatSelectorOrNone(o.spec?.selector),
    ];
  },
};
