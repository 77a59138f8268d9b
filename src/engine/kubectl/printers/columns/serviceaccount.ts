/** ServiceAccounts (printers.go printServiceAccount): SECRETS AGE. */
import type { KindTable } from './types';
import { AGE, NAME, col, since } from './util';

export const serviceAccountTable: KindTable = {
  columns: [NAME, col('Secrets'), AGE],
  row: (o, now) => [o.metadata.name!, ((o.secrets as unknown[]) ?? []).length, since(o.metadata.creationTimestamp, now)],
};
