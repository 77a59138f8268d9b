/** PodDisruptionBudgets (printers.go printPodDisruptionBudget). */
import type { KindTable } from './types';
import { AGE, NAME, col, since } from './util';

export const podDisruptionBudgetTable: KindTable = {
  columns: [NAME, col('Min Available'), col('Max Unavailable'), col('Allowed Disruptions', 'integer'), AGE],
  row: (o, now) => [
    o.metadata.name!,
    o.spec?.minAvailable !== undefined ? String(o.spec.minAvailable) : 'N/A',
    o.spec?.maxUnavailable !== undefined ? String(o.spec.maxUnavailable) : 'N/A',
    o.status?.disruptionsAllowed ?? 0,
    since(o.metadata.creationTimestamp, now),
  ],
};
