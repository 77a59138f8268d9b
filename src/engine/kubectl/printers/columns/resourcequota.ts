/** ResourceQuotas (printers.go printResourceQuota): AGE REQUEST LIMIT. */
import type { KindTable } from './types';
import { AGE, NAME, col, since } from './util';

export const resourceQuotaTable: KindTable = {
  columns: [NAME, AGE, col('Request'), col('Limit')],
  row(o, now) {
    const hard: Record<string, string> = o.status?.hard ?? {};
    const used: Record<string, string> = o.status?.used ?? {};
    const req: string[] = [];
    const lim: string[] = [];
    for (const r of Object.keys(hard).sort()) {
      const text = `${r}: ${used[r] ?? '0'}/${hard[r]}`;
      const pieces = r.split('.');
      if (pieces.length > 1 && pieces[0] === 'limits') lim.push(text);
      else req.push(text);
    }
    return [o.metadata.name!, since(o.metadata.creationTimestamp, now), req.join(', '), lim.join(', ')];
  },
};
