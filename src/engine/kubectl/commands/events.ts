/**
 * `kubectl events` (k8s.io/kubectl/pkg/cmd/events): events sorted by time, as LAST SEEN TYPE
 * REASON OBJECT MESSAGE with `(xN over M)` for repeated events, `--for TYPE/NAME`, `--types`,
 * `-A`, `-o` (json/yaml/...) and `-w`.
 */
import type { KObject, WatchEvent } from '../../api/types/meta';
import { defineCommand } from '../command';
import { CmdError } from '../errors';
import { ALL_NAMESPACES_FLAG, boolFlag, intFlag, printFlags, stringFlag, stringSliceFlag } from '../flags';
import { since } from '../printers/duration';
import { asList, GENERIC_FORMATS, outputSpec, printObjects, type OutputSpec } from '../printers/index';
import { TabWriter } from '../printers/table';
import { goSort } from '../gosort';
import { mappingFor } from '../refs';

interface Options {
  allNamespaces: boolean;
  noHeaders: boolean;
  spec: OutputSpec;
  forKind?: string;
  forName?: string;
  types: string[];
  watch: boolean;
}

function eventTime(e: KObject): number {
  const series = e.series as { lastObservedTime?: string } | undefined;
  if (series?.lastObservedTime) return Date.parse(series.lastObservedTime);
  if (e.lastTimestamp) return Date.parse(e.lastTimestamp as string);
  return e.eventTime ? Date.parse(e.eventTime as string) : 0;
}

/** getInterval: `5m`, or `30s (x3 over 5m)` for a repeated event. */
function interval(e: KObject, now: number): string {
  let first = since(e.eventTime as string, now);
  if (!e.eventTime) first = since(e.firstTimestamp as string, now);
  const series = e.series as { lastObservedTime?: string; count?: number } | undefined;
  if (series) return `${since(series.lastObservedTime, now)} (x${series.count} over ${first})`;
  if (((e.count as number) ?? 0) > 1) return `${since(e.lastTimestamp as string, now)} (x${e.count} over ${first})`;
  return first;
}

function row(e: KObject, now: number, allNs: boolean): string[] {
  const inv = (e.involvedObject ?? {}) as { kind?: string; name?: string };
  const cells = [interval(e, now), (e.type as string) ?? '', (e.reason as string) ?? '', `${inv.kind ?? ''}/${inv.name ?? ''}`, ((e.message as string) ?? '').trim()];
  return allNs ? [e.metadata.namespace ?? '', ...cells] : cells;
}

export const events = defineCommand<Options>({
  name: 'events',
  help: '',
  flags: [
    ALL_NAMESPACES_FLAG,
    intFlag('chunk-size', { default: 500 }),
    stringFlag('for'),
    boolFlag('no-headers'),
    ...printFlags(),
    stringSliceFlag('types'),
    boolFlag('watch', { short: 'w' }),
  ],
  complete(k) {
    const f = k.flags;
    let forKind: string | undefined;
    let forName: string | undefined;
    const target = f.string('for');
    if (target) {
      const [type, name] = target.includes('/') ? target.split('/', 2) : ['', target];
      if (!type || !name) throw new CmdError(`--for must be in resource/name form`);
      forKind = mappingFor(type).kind;
      forName = name;
    }
    const types = f.strings('types');
    for (const t of types) {
      if (t !== 'Normal' && t !== 'Warning') throw new CmdError(`valid --types are Normal or Warning`);
    }
    return {
      allNamespaces: f.bool('all-namespaces'),
      noHeaders: f.bool('no-headers'),
      spec: outputSpec(f.string('output'), f.string('template'), ['', ...GENERIC_FORMATS], k.proc.fs),
      forKind,
      forName,
      types,
      watch: f.bool('watch'),
    };
  },
  run(o, k) {
    const ns = o.allNamespaces ? undefined : k.namespace;
    const keep = (e: KObject): boolean => {
      const inv = (e.involvedObject ?? {}) as { kind?: string; name?: string };
      if (o.forKind && (inv.kind !== o.forKind || inv.name !== o.forName)) return false;
      if (o.types.length && !o.types.includes(e.type as string)) return false;
      return true;
    };
    const items = k.api.list('Event', { namespace: ns }).items.filter(keep);
    // sort.Sort (not stable): equal times keep Go's pdqsort order.
    const sorted = goSort([...items], (a, b) => eventTime(a) < eventTime(b));
    if (o.spec.type !== 'table') {
      k.out.write(printObjects(o.spec, asList(sorted)));
      return 0;
    }
    const now = k.cluster.clock.now();
    const w = new TabWriter();
    let headers = false;
    const header = (): void => {
      if (o.noHeaders || headers) return;
      headers = true;
      w.add([...(o.allNamespaces ? ['NAMESPACE'] : []), 'LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
    };
    if (sorted.length === 0 && !o.watch) {
      k.err.write(o.allNamespaces ? 'No events found.\n' : `No events found in ${k.namespace} namespace.\n`);
      return 0;
    }
    if (sorted.length > 0) header();
    for (const e of sorted) w.add(row(e, now, o.allNamespaces));
    k.out.write(w.flush());
    if (!o.watch) return 0;
    let pending = '';
    const stop = k.api.watch(
      'Event',
      (ev: WatchEvent) => {
        if (ev.type === 'DELETED' || !keep(ev.object)) return;
        header();
        w.add(row(ev.object, k.cluster.clock.now(), o.allNamespaces));
        pending += w.flush();
      },
      { namespace: ns },
    );
    return {
      poll() {
        if (pending) k.out.write(pending);
        pending = '';
        return undefined;
      },
      cancel() {
        if (pending) k.out.write(pending);
        stop();
        return 130;
      },
    };
  },
});
