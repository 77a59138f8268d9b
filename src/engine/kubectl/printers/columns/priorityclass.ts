/** PriorityClasses (printers.go printPriorityClass). */
import type { KindTable } from './types';
import { AGE, NAME, col, since } from './util';

export const priorityClassTable: KindTable = {
  columns: [NAME, col('Value', 'integer'), col('Global-Default', 'boolean'), AGE, col('PreemptionPolicy')],
  row: (o, now) => [
    o.metadata.name!,
    (o.value as number) ?? 0,
    (o.globalDefault as boolean) ?? false,
    since(o.metadata.creationTimestamp, now),
    (o.preemptionPolicy as string) ?? '',
  ],
};
