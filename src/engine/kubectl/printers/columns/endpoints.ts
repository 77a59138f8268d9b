/** Endpoints (printers.go printEndpoints / formatEndpoints). */
import type { KObject } from '../../../api/types/meta';
import type { KindTable } from './types';
import { AGE, NAME, col, since } from './util';

/** formatEndpoints: up to 3 `ip:port`, then `+ N more...`; `<none>` without subsets. */
export function formatEndpoints(ep: KObject, ports?: Set<string>): string {
  const subsets: { addresses?: { ip: string }[]; ports?: { name?: string; port: number }[] }[] = (ep.subsets as never) ?? [];
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addrs = ss.addresses ?? [];
    if ((ss.ports ?? []).length === 0) {
      count += addrs.length;
      for (const a of addrs) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a.ip);
      }
      continue;
    }
    for (const p of ss.ports ?? []) {
      if (ports && !ports.has(p.name ?? '')) continue;
      count += addrs.length;
      for (const a of addrs) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a.ip.includes(':') ? `[${a.ip}]:${p.port}` : `${a.ip}:${p.port}`);
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

export const endpointsTable: KindTable = {
  columns: [NAME, col('Endpoints'), AGE],
  row: (o, now) => [o.metadata.name!, formatEndpoints(o), since(o.metadata.creationTimestamp, now)],
};
