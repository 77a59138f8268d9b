/** NetworkPolicies (printers.go printNetworkPolicy): POD-SELECTOR AGE. */
import type { KindTable } from './types';
import { AGE, NAME, col, formatSelectorOrNone, since } from './util';

export const networkPolicyTable: KindTable = {
  columns: [NAME, col('Pod-Selector'), AGE],
  row: (o, now) => [o.metadata.name!, formatSelectorOrNone(o.spec?.podSelector ?? {}), since(o.metadata.creationTimestamp, now)],
};
