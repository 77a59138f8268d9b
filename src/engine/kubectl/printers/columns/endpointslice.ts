/** EndpointSlices (printers.go printEndpointSlice). */
import type { KindTable } from './types';
import { AGE, NAME, col, since } from './util';

function listWithMore(list: string[], more: boolean, count: number, max: number): string {
  const ret = list.join(',');
  if (more) return `${ret} + ${count - max} more...`;
  return ret === '' ? '<unset>' : ret;
}

export const endpointSliceTable: KindTable = {
  columns: [NAME, col('AddressType'), col('Ports'), col('Endpoints'), AGE],
  row(o, now) {
    const max = 3;
    const ports: { port?: number; name?: string }[] = (o.ports as never) ?? [];
    let pl: string[] = [];
    let pMore = false;
    let pCount = 0;
    for (const p of ports) {
      if (pl.length < max) pl.push(p.port !== undefined && p.port !== null ? String(p.port) : (p.name ?? '*'));
      else if (pl.length === max) pMore = true;
      pCount++;
    }
    const eps: { addresses?: string[] }[] = (o.endpoints as never) ?? [];
    const el: string[] = [];
    let eMore = false;
    let eCount = 0;
    for (const e of eps) {
      for (const a of e.addresses ?? []) {
        if (el.length < max) el.push(a);
        else if (el.length === max) eMore = true;
        eCount++;
      }
    }
    pl = pl.length ? pl : [];
    return [
      o.metadata.name!,
      (o.addressType as string) ?? '',
      listWithMore(pl, pMore, pCount, max),
      listWithMore(el, eMore, eCount, max),
      since(o.metadata.creationTimestamp, now),
    ];
  },
};
