/** ComponentStatuses (printers.go printComponentStatus): STATUS MESSAGE ERROR. */
import type { KindTable } from './types';
import { NAME, col } from './util';

export const componentStatusTable: KindTable = {
  columns: [NAME, col('Status'), col('Message'), col('Error')],
  row(o) {
    let status = 'Unknown';
    let message = '';
    let error = '';
    for (const c of (o.conditions as { type: string; status: string; message?: string; error?: string }[]) ?? []) {
      if (c.type !== 'Healthy') continue;
      status = c.status === 'True' ? 'Healthy' : 'Unhealthy';
      message = c.message ?? '';
      error = c.error ?? '';
      break;
    }
    return [o.metadata.name!, status, message, error];
  },
};
