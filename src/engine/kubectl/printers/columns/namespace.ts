/** Namespaces (printers.go printNamespace). */
import type { KindTable } from './types';
import { AGE, NAME, col, since } from './util';

export const namespaceTable: KindTable = {
  columns: [NAME, col('Status'), AGE],
  row: (o, now) => [o.metadata.name!, o.status?.phase ?? '', since(o.metadata.creationTimestamp, now)],
};
