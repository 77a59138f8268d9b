/** Secrets (printers.go printSecret): TYPE DATA AGE. */
import type { KindTable } from './types';
import { AGE, NAME, col, since } from './util';

export const secretTable: KindTable = {
  columns: [NAME, col('Type'), col('Data'), AGE],
  row: (o, now) => [o.metadata.name!, (o.type as string) ?? '', Object.keys((o.data as object) ?? {}).length, since(o.metadata.creationTimestamp, now)],
};
