/** CronJobs (printers.go printCronJob). */
import type { KindTable } from './types';
import { AGE, NAME, WIDE_CONTAINERS, WIDE_SELECTOR, boolPtr, col, containerCells, formatSelectorOrNone, since } from './util';

export const cronJobTable: KindTable = {
  columns: [
    NAME,
    col('Schedule'),
    col('Timezone'),
    col('Suspend', 'boolean'),
    col('Active', 'integer'),
    col('Last Schedule'),
    AGE,
    ...WIDE_CONTAINERS,
    WIDE_SELECTOR,
  ],
  row(o, now) {
    const jt = o.spec?.jobTemplate?.spec ?? {};
    const [names, images] = containerCells(jt.template?.spec?.containers);
    return [
      o.metadata.name!,
      o.spec?.schedule ?? '',
      o.spec?.timeZone ?? '<none>',
      boolPtr(o.spec?.suspend),
      (o.status?.active ?? []).length,
      o.status?.lastScheduleTime ? since(o.status.lastScheduleTime, now) : '<none>',
      since(o.metadata.creationTimestamp, now),
      names,
      images,
      formatSelectorOrNone(jt.selector),
    ];
  },
};
