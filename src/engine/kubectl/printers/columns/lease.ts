/** Leases (printers.go printLease): HOLDER AGE. */
import type { KindTable } from './types';
import { AGE, NAME, col, since } from './util';

export const leaseTable: KindTable = {
  columns: [NAME, col('Holder'), AGE],
  row: (o, now) => [o.metadata.name!, o.spec?.holderIdentity ?? '', since(o.metadata.creationTimestamp, now)],
};
