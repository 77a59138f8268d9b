/**
 * Kinds without a printer (Role, ClusterRole, LimitRange, ...): the apiserver's
 * DefaultTableConvertor columns, NAME and CREATED AT (RFC 3339, UTC).
 */
import type { KindTable } from './types';
import { NAME } from './util';

export const defaultTable: KindTable = {
  columns: [NAME, { name: 'Created At', type: 'date' }],
  row: (o) => [o.metadata.name!, o.metadata.creationTimestamp ?? ''],
};
