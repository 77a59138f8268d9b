/** Events (printers.go printEvent): LAST SEEN TYPE REASON OBJECT MESSAGE (+ wide columns). */
import type { KObject } from '../../../api/types/meta';
import type { KindTable } from './types';
import { col, since } from './util';

/** formatEventSource: `component, host` (reporting fields as fallback). */
export function eventSource(ev: KObject): string {
  const src = (ev.source ?? {}) as { component?: string; host?: string };
  const component = src.component || (ev.reportingComponent as string) || '';
  const host = src.host || (ev.reportingInstance as string) || '';
  return host ? `${component}, ${host}` : component;
}

export const eventTable: KindTable = {
  columns: [
    col('Last Seen'),
    col('Type'),
    col('Reason'),
    col('Object'),
    col('Subobject', 'string', 1),
    col('Source', 'string', 1),
    col('Message'),
    col('First Seen', 'string', 1),
    col('Count', 'string', 1),
    { name: 'Name', type: 'string', format: 'name', priority: 1 },
  ],
  row(ev, now) {
    let first = since(ev.firstTimestamp as string, now);
    if (!ev.firstTimestamp) first = since(ev.eventTime as string, now);
    let last = ev.lastTimestamp ? since(ev.lastTimestamp as string, now) : first;
    let count = (ev.count as number) ?? 0;
    const series = ev.series as { lastObservedTime?: string; count?: number } | undefined;
    if (series) {
      last = since(series.lastObservedTime, now);
      count = series.count ?? 0;
    } else if (count === 0) count = 1;
    const inv = (ev.involvedObject ?? {}) as { kind?: string; name?: string; fieldPath?: string };
    const target = inv.name ? `${(inv.kind ?? '').toLowerCase()}/${inv.name}` : (inv.kind ?? '').toLowerCase();
    return [
      last,
      (ev.type as string) ?? '',
      (ev.reason as string) ?? '',
      target,
      inv.fieldPath ?? '',
      eventSource(ev),
      ((ev.message as string) ?? '').trim(),
      first,
      count,
      ev.metadata.name!,
    ];
  },
};
