/**
 * `kubectl get` (k8s.io/kubectl/pkg/cmd/get/get.go): tables from the per-kind column
 * definitions (server-side printing), decorated and laid out as the client does; several kinds
 * in one call separated by a blank line with `kind/name` names; `-o yaml|json|name|jsonpath|
 * go-template|custom-columns` over the object or a `List`; `--sort-by`; `-w`/`--watch-only` as
 * a LongRunning that prints a row per watch event; NotFound errors printed after the output.
 */
import { isStatusError } from '../../api/errors';
import { matches, matchesFields, parseFieldSelector, parseSelector } from '../../api/selectors';
import type { KObject, WatchEvent } from '../../api/types/meta';
import type { LongRunning } from '../../shell/process';
import { defineCommand, type Kctx } from '../command';
import { AggregateError, CmdError } from '../errors';
import {
  ALL_NAMESPACES_FLAG,
  FIELD_SELECTOR_FLAG,
  FILENAME_FLAGS,
  SELECTOR_FLAG,
  boolFlag,
  intFlag,
  parseGoDuration,
  printFlags,
  stringFlag,
  stringSliceFlag,
} from '../flags';
import { buildTable } from '../printers/columns';
import { asList, GET_FORMATS, outputSpec, printObjects, type OutputSpec } from '../printers/index';
import { kindGroup } from '../printers/name';
import { executeJsonPath, parseJsonPath, relaxedJsonPath } from '../printers/jsonpath';
import { TabWriter, tableLines, type PrintOptions } from '../printers/table';
import { toYaml } from '../printers/yaml';
import { goStrconvQuote } from '../printers/gofmt';
import { printJson } from '../printers/json';
import { fetchTargets, resolveTargets, type Fetched, type Target } from '../refs';
import { rawGet } from './raw';

export interface GetOptions {
  /** --raw PATH: print the response body of a GET. */
  raw?: string;
  targets: Target[];
  spec: OutputSpec;
  allNamespaces: boolean;
  noHeaders: boolean;
  showLabels: boolean;
  showKind: boolean;
  labelColumns: string[];
  sortBy: string;
  watch: boolean;
  watchOnly: boolean;
  ignoreNotFound: boolean;
  outputWatchEvents: boolean;
  allowMissingKeys: boolean;
  /** --request-timeout in ms (0: none). */
  timeoutMs: number;
}

// ---- sorting (get/sorter.go) ------------------------------------------------------------------

/** sortorder.NaturalLess: digit runs compare as numbers. */
export function naturalLess(a: string, b: string): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a[i];
    const cb = b[j];
    const da = ca >= '0' && ca <= '9';
    const db = cb >= '0' && cb <= '9';
    if (da && db) {
      let ei = i;
      let ej = j;
      while (ei < a.length && a[ei] === '0') ei++;
      while (ej < b.length && b[ej] === '0') ej++;
      let ni = ei;
      let nj = ej;
      while (ni < a.length && a[ni] >= '0' && a[ni] <= '9') ni++;
      while (nj < b.length && b[nj] >= '0' && b[nj] <= '9') nj++;
      const na = a.slice(ei, ni);
      const nb = b.slice(ej, nj);
      if (na.length !== nb.length) return na.length < nb.length;
      if (na !== nb) return na < nb;
      if (ni - i !== nj - j) return ni - i < nj - j;
      i = ni;
      j = nj;
      continue;
    }
    if (ca !== cb) return ca < cb;
    i++;
    j++;
  }
  return a.length - i < b.length - j;
}

const QUANTITY = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[0-9]*)$/;
const SUFFIX: Record<string, number> = {
  '': 1, n: 1e-9, u: 1e-6, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

function quantity(s: string): number | undefined {
  const m = QUANTITY.exec(s);
  if (!m || !(m[2] in SUFFIX)) return undefined;
  return parseFloat(m[1]) * SUFFIX[m[2]];
}

function sortValue(obj: KObject, template: ReturnType<typeof parseJsonPath>): unknown {
  const text = executeJsonPath(template, JSON.parse(JSON.stringify(obj)), { allowMissingKeys: true, outputJson: true });
  const values = JSON.parse(text) as unknown[];
  return values[0];
}

function lessValue(a: unknown, b: unknown): boolean {
  if (a === undefined || a === null) return b !== undefined && b !== null;
  if (b === undefined || b === null) return false;
  if (typeof a === 'number' && typeof b === 'number') return a < b;
  if (typeof a === 'string' && typeof b === 'string') {
    const qa = quantity(a);
    const qb = quantity(b);
    if (qa !== undefined && qb !== undefined) return qa < qb;
    return naturalLess(a, b);
  }
  if (typeof a === 'boolean' && typeof b === 'boolean') return !a && b;
  return JSON.stringify(a) < JSON.stringify(b);
}

/** Sorts objects by a --sort-by JSONPath (stable). */
export function sortObjects(objects: readonly KObject[], sortBy: string): KObject[] {
  // NewRuntimeSorter: a field RelaxedJSONPathExpression rejects is used as written; the table
  // sorter reports what the jsonpath parser and evaluation say.
  let field: string;
  try {
    field = relaxedJsonPath(sortBy);
  } catch {
    field = sortBy;
  }
  let template: ReturnType<typeof parseJsonPath>;
  try {
    template = parseJsonPath(field);
  } catch (e) {
    const prefix = `error parsing jsonpath ${field}, `;
    if (e instanceof Error) throw new CmdError(`sorting error: ${e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message}`);
    throw e;
  }
  const keyed = objects.map((o) => {
    try {
      return { o, v: sortValue(o, template) };
    } catch (e) {
      if (!(e instanceof Error)) throw e;
      throw new CmdError(`Failed to get values for [][]reflect.Value(nil) using ${field} (&errors.errorString{s:${goStrconvQuote(e.message)}})`);
    }
  });
  if (objects.length > 0 && keyed.every((k) => k.v === undefined)) {
    throw new CmdError(`couldn't find any field with path ${goStrconvQuote(field)} in the list of objects`);
  }
  return keyed.sort((x, y) => (lessValue(x.v, y.v) ? -1 : lessValue(y.v, x.v) ? 1 : 0)).map((k) => k.o);
}

// ---- the command -------------------------------------------------------------------------------

function printOptionsFor(o: GetOptions, kind: string, namespaced: boolean, withKind: boolean): PrintOptions {
  return {
    wide: o.spec.type === 'table' && o.spec.wide,
    noHeaders: o.noHeaders,
    withNamespace: o.allNamespaces && namespaced,
    kindPrefix: withKind ? kindGroup(kind) : undefined,
    showLabels: o.showLabels,
    columnLabels: o.labelColumns,
  };
}

/** Human-readable output of fetched groups (get.go Run with a table printer). */
function printTables(o: GetOptions, k: Kctx, groups: Fetched[]): { text: string; written: boolean } {
  const kinds = new Set(groups.map((g) => g.info.kind));
  const withKind = o.showKind || kinds.size > 1;
  const w = new TabWriter();
  let text = '';
  let separator = false;
  let lastKind: string | undefined;
  let headerPrinted = false;
  const emit = (chunk: string): void => {
    if (chunk.length === 0) return;
    if (separator) {
      text += '\n';
      separator = false;
    }
    text += chunk;
  };
  const now = k.cluster.clock.now();
  for (const g of groups) {
    if (g.info.kind !== lastKind) {
      emit(w.flush());
      w.resetWidths();
      if (lastKind !== undefined && !o.noHeaders && text.length > 0) separator = true;
      lastKind = g.info.kind;
      headerPrinted = false;
    }
    const objects = o.sortBy ? sortObjects(g.objects, o.sortBy) : g.objects;
    const table = buildTable(g.info.kind, objects, now);
    const opts = printOptionsFor(o, g.info.kind, g.info.namespaced, withKind);
    const lines = tableLines(table, { ...opts, noHeaders: opts.noHeaders || headerPrinted });
    if (table.rows.length > 0) headerPrinted = true;
    for (const line of lines) w.add(line);
  }
  emit(w.flush());
  return { text, written: text.length > 0 };
}

/** get.go printGeneric: one object when a single item was named, else a List. */
function printGeneric(o: GetOptions, groups: Fetched[]): string {
  const objects = groups.flatMap((g) => (o.sortBy ? sortObjects(g.objects, o.sortBy) : g.objects));
  const singleItem = o.targets.length === 1 && o.targets[0].type !== 'list' && objects.length === 1;
  const data = singleItem ? objects[0] : asList(objects);
  return printObjects(o.spec, data, { allowMissingKeys: o.allowMissingKeys, noHeaders: o.noHeaders });
}

export const get = defineCommand<GetOptions>({
  name: 'get',
  help: '',
  flags: [
    ALL_NAMESPACES_FLAG,
    intFlag('chunk-size', { default: 500 }),
    FIELD_SELECTOR_FLAG,
    ...FILENAME_FLAGS,
    boolFlag('ignore-not-found'),
    stringSliceFlag('label-columns', { short: 'L' }),
    boolFlag('no-headers'),
    ...printFlags(),
    boolFlag('output-watch-events'),
    stringFlag('raw'),
    SELECTOR_FLAG,
    boolFlag('server-print', { default: true }),
    boolFlag('show-kind'),
    boolFlag('show-labels'),
    stringFlag('sort-by'),
    stringFlag('subresource'),
    boolFlag('watch', { short: 'w' }),
    boolFlag('watch-only'),
  ],
  complete(k) {
    const f = k.flags;
    if (f.string('raw')) {
      if (k.args.length > 0) throw new CmdError('arguments may not be passed when --raw is specified');
      return { raw: f.string('raw') } as GetOptions;
    }
    const watch = f.bool('watch');
    const watchOnly = f.bool('watch-only');
    const filenames = f.strings('filename');
    // Simplification: kustomize directories and the scale subresource are not simulated.
    if (f.string('kustomize')) throw new CmdError('"kubectl get -k" (kustomize) is not available in this playground');
    const sub = f.string('subresource');
    if (sub && sub !== 'status') throw new CmdError(`"kubectl get --subresource=${sub}" is not available in this playground`);
    if (k.args.length === 0 && filenames.length === 0 && !watch && !watchOnly) {
      k.err.write(
        'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n',
      );
      throw k.usageError(
        'Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).',
      );
    }
    const spec = outputSpec(f.string('output'), f.string('template'), GET_FORMATS, k.proc.fs);
    const sortBy = f.string('sort-by');
    if (sortBy && (watch || watchOnly)) {
      k.err.write(`warning: --${watch ? 'watch' : 'watch-only'} requested, --sort-by will be ignored${watch ? ' for watch events received' : ''}\n`);
    }
    const allNamespaces = f.bool('all-namespaces');
    const targets = resolveTargets(k, {
      args: k.args,
      filenames,
      recursive: f.bool('recursive'),
      labelSelector: f.changed('selector') ? f.string('selector') : undefined,
      fieldSelector: f.changed('field-selector') ? f.string('field-selector') : undefined,
      allNamespaces,
      allowEmptySelector: true,
      expandCategories: true,
      singleResourceType: watch || watchOnly,
    });
    const timeout = f.string('request-timeout');
    const timeoutMs = /^\d+$/.test(timeout) ? Number(timeout) * 1000 : (parseGoDuration(timeout) ?? 0);
    return {
      targets,
      spec,
      allNamespaces,
      noHeaders: f.bool('no-headers'),
      showLabels: f.bool('show-labels'),
      showKind: f.bool('show-kind'),
      labelColumns: f.strings('label-columns'),
      sortBy: watch || watchOnly ? '' : sortBy,
      watch,
      watchOnly,
      ignoreNotFound: f.bool('ignore-not-found'),
      outputWatchEvents: f.bool('output-watch-events'),
      allowMissingKeys: f.bool('allow-missing-template-keys'),
      timeoutMs,
    };
  },
  validate(o, k) {
    if (o.raw !== undefined) {
      if (k.flags.bool('watch') || k.flags.bool('watch-only') || k.flags.string('selector')) {
        throw new CmdError('--raw may not be specified with other flags that filter the server request or alter the output');
      }
      return;
    }
    if (o.showLabels && o.spec.type !== 'table') {
      throw new CmdError(`--show-labels option cannot be used with ${o.spec.type} printer`);
    }
  },
  run(o, k) {
    if (o.raw !== undefined) {
      k.out.write(rawGet(k, o.raw));
      return 0;
    }
    if (o.watch || o.watchOnly) return watch(o, k);
    // Objects from files are read back from the server (the builder's Latest()).
    const targets = o.targets.map((t): Target => (t.type === 'object' ? { type: 'name', info: t.info, namespace: t.namespace, name: t.name } : t));
    const { groups, errors } = fetchTargets(k.api, targets);
    const errs = o.ignoreNotFound ? errors.filter((e) => !(isStatusError(e) && e.reason === 'NotFound')) : errors;
    if (o.spec.type !== 'table') {
      if (groups.length > 0 || errs.length === 0) k.out.write(printGeneric({ ...o, targets }, groups));
      if (errs.length) throw new AggregateError(errs);
      return 0;
    }
    const { text, written } = printTables(o, k, groups);
    k.out.write(text);
    if (!written && !o.ignoreNotFound && errs.length === 0) {
      const allNamespaced = !o.allNamespaces && groups.every((g) => g.info.namespaced);
      k.err.write(allNamespaced ? `No resources found in ${k.namespace} namespace.\n` : 'No resources found\n');
    }
    if (errs.length) throw new AggregateError(errs);
    return 0;
  },
});

/** `get -w` / `--watch-only`: the current objects, then a row per watch event. */
function watch(o: GetOptions, k: Kctx): LongRunning | number {
  const infos = new Set(o.targets.map((t) => t.info.kind));
  if (infos.size > 1) {
    throw new CmdError('watch is only supported on individual resources and resource collections - more than 1 resource was found');
  }
  const target = o.targets[0];
  const info = target.info;
  const { groups, errors } = fetchTargets(k.api, [target.type === 'object' ? { type: 'name', info, namespace: target.namespace, name: target.name } : target]);
  if (errors.length) throw errors[0];
  const initial = groups[0]?.objects ?? [];
  const clock = k.cluster.clock;
  const w = new TabWriter();
  const opts = printOptionsFor(o, info.kind, info.namespaced, false);
  let headerPrinted = false;
  let yamlCount = 0;
  let pending = '';
  const render = (objs: readonly KObject[], eventType?: string): string => {
    if (o.spec.type === 'table') {
      const table = buildTable(info.kind, objs, clock.now());
      const lines = tableLines(table, { ...opts, noHeaders: opts.noHeaders || headerPrinted });
      if (table.rows.length > 0) {
        if (eventType !== undefined) {
          const start = lines.length - table.rows.length;
          if (start > 0) lines[0].unshift('EVENT');
          for (let i = start; i < lines.length; i++) lines[i].unshift(eventType);
        }
        headerPrinted = true;
      }
      for (const l of lines) w.add(l);
      return w.flush();
    }
    let text = '';
    for (const obj of objs) {
      const item = eventType !== undefined ? ({ type: eventType, object: obj } as unknown as KObject) : obj;
      if (o.spec.type === 'yaml') text += (yamlCount++ > 0 ? '---\n' : '') + toYaml(item);
      else if (o.spec.type === 'json') text += printJson(item);
      else text += printObjects(o.spec, item, { allowMissingKeys: o.allowMissingKeys, noHeaders: true });
    }
    return text;
  };
  if (!o.watchOnly) k.out.write(render(initial, o.outputWatchEvents ? 'ADDED' : undefined));

  const ns = info.namespaced && !o.allNamespaces ? (target.namespace ?? k.namespace) : undefined;
  const name = target.type === 'name' || target.type === 'object' ? target.name : undefined;
  const labelSel = target.type === 'list' && target.labelSelector ? parseSelector(target.labelSelector) : [];
  const fieldSel = target.type === 'list' && target.fieldSelector ? parseFieldSelector(target.fieldSelector) : [];
  const handler = (ev: WatchEvent): void => {
    const obj = ev.object;
    if (name !== undefined && obj.metadata.name !== name) return;
    if (labelSel.length && !matches(labelSel, obj.metadata.labels)) return;
    if (fieldSel.length && !matchesFields(obj, fieldSel)) return;
    pending += render([obj], o.outputWatchEvents ? ev.type : undefined);
  };
  const stop = k.api.watch(info.kind, handler, { namespace: ns });
  const deadlineMs = o.timeoutMs > 0 ? clock.now() + o.timeoutMs : undefined;
  const flush = (): void => {
    if (pending) k.out.write(pending);
    pending = '';
  };
  return {
    deadlineMs,
    poll() {
      flush();
      if (deadlineMs !== undefined && clock.now() >= deadlineMs) {
        stop();
        return 0;
      }
      return undefined;
    },
    cancel() {
      flush();
      stop();
      return 130;
    },
  };
}
