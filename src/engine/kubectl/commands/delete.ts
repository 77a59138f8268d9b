/**
 * `kubectl delete` (k8s.io/kubectl/pkg/cmd/delete/delete.go): by names, `TYPE/NAME`, `-f`,
 * `-l`, `--all`; `--grace-period`, `--now`, `--force` (with its warning), `--cascade`, and
 * `--interactive` (the list, `Do you want to continue? (y/n): ` and one word from stdin), and
 * `--wait` (the default): the command prints `<kind> "<name>" deleted` for each object as the
 * request returns, then keeps running until every deleted object is gone (finalizers, pod
 * termination), as kubectl's wait for IsDeleted does.
 */
import { isStatusError } from '../../api/errors';
import type { PropagationPolicy } from '../../api/server';
import type { KObject } from '../../api/types/meta';
import type { ResourceInfo } from '../../api/resources';
import type { LongRunning } from '../../shell/process';
import type { Command } from '../command';
import { AggregateError, CmdError } from '../errors';
import {
  ALL_NAMESPACES_FLAG,
  boolFlag,
  durationFlag,
  FIELD_SELECTOR_FLAG,
  FILENAME_FLAGS,
  intFlag,
  SELECTOR_FLAG,
  stringFlag,
  DRY_RUN_FLAG,
} from '../flags';
import { fetchTargets, resolveTargets } from '../refs';
import { addSourceToErr, dryRunStrategy } from './util/output';

export const MSG_FORCE_WARNING =
  'Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.';

/** getCascadingStrategy. */
export function cascadingStrategy(v: string): PropagationPolicy {
  switch (v) {
    case 'background':
    case 'true':
      return 'Background';
    case 'foreground':
      return 'Foreground';
    case 'orphan':
    case 'false':
      return 'Orphan';
    default:
      throw new CmdError(`invalid cascade value (${v}). Must be "background", "foreground", or "orphan".`);
  }
}

/** `deployment.apps` / `pod`: the kind string delete prints. */
export function kindString(info: ResourceInfo): string {
  return info.group ? `${info.kind.toLowerCase()}.${info.group}` : info.kind.toLowerCase();
}

interface Deleted {
  info: ResourceInfo;
  namespace?: string;
  name: string;
  uid?: string;
}

/**
 * A LongRunning that finishes when every object is gone (or replaced by a new uid), as
 * `kubectl wait --for=delete` does; on timeout it fails with wait's message.
 */
export function waitForDeletion(
  k: Parameters<NonNullable<Command['run']>>[1],
  items: Deleted[],
  timeoutMs: number,
): LongRunning {
  const clock = k.cluster.clock;
  const deadline = clock.now() + timeoutMs;
  const gone = (d: Deleted) => {
    const o = k.api.find(d.info.kind, d.namespace, d.name);
    return !o || (d.uid !== undefined && o.metadata.uid !== d.uid);
  };
  return {
    deadlineMs: deadline,
    poll() {
      const left = items.filter((d) => !gone(d));
      if (left.length === 0) return 0;
      if (clock.now() >= deadline) {
        for (const d of left) k.err.write(`error: timed out waiting for the condition on ${d.info.plural}/${d.name}\n`);
        return 1;
      }
      return undefined;
    },
    cancel: () => 130,
  };
}

function locationKey(info: ResourceInfo, namespace: string | undefined, name: string): string {
  return `${info.plural}.${info.group}/${namespace ?? ''}/${name}`;
}

/**
 * DeleteOptions.confirmation: the objects, the question, and one word read from stdin (fmt.Fscan):
 * `y` or `Y` goes on; anything else, or no input, cancels.
 * Simplification: the terminal cannot answer the question (programs get no interactive input),
 * so in the browser it reads the empty input and cancels; `echo y | kubectl delete ... -i` works.
 */
function confirmation(k: Parameters<NonNullable<Command['run']>>[1], items: { info: ResourceInfo; name: string }[]): boolean {
  k.out.write(`You are about to delete the following ${items.length} resource(s):\n`);
  for (const { info, name } of items) k.out.write(`${kindString(info)}/${name}\n`);
  k.out.write('Do you want to continue? (y/n): ');
  const word = (k.proc.stdin ?? '').trim().split(/\s+/)[0] ?? '';
  return word.toLowerCase() === 'y';
}

export const del: Command<void> = {
  name: 'delete',
  help: '',
  flags: [
    ...FILENAME_FLAGS,
    SELECTOR_FLAG,
    FIELD_SELECTOR_FLAG,
    ALL_NAMESPACES_FLAG,
    DRY_RUN_FLAG,
    boolFlag('all'),
    stringFlag('cascade', { default: 'background', noOptDefault: 'background' }),
    boolFlag('force'),
    intFlag('grace-period', { default: -1 }),
    boolFlag('ignore-not-found'),
    boolFlag('interactive', { short: 'i' }),
    boolFlag('now'),
    stringFlag('output', { short: 'o' }),
    stringFlag('raw'),
    durationFlag('timeout'),
    boolFlag('wait', { default: true }),
  ],
  run: (_o, k) => {
    const output = k.flags.string('output');
    let grace = k.flags.int('grace-period');
    const force = k.flags.bool('force');
    if (k.flags.bool('now')) {
      if (grace !== -1) throw new CmdError('--now and --grace-period cannot be specified together');
      grace = 1;
    }
    if (grace === 0 && !force) grace = 1;
    if (force && grace < 0) grace = 0;
    const policy = cascadingStrategy(k.flags.string('cascade'));
    const dryRun = dryRunStrategy(k);
    const all = k.flags.bool('all');
    const selector = k.flags.string('selector');
    const fieldSelector = k.flags.string('field-selector');
    // Complete builds the resource builder and returns its SelectAllParam error before Validate
    // runs (so Validate's own `cannot set --all and --selector` is never reached).
    if (all && (selector || fieldSelector)) throw new CmdError(`setting 'all' parameter but found a non empty selector. `);
    if (output !== '' && output !== 'name') throw new CmdError(`unexpected -o output mode: ${output}. We only support '-o name'`);
    if (grace === 0 && force) k.warn(MSG_FORCE_WARNING);
    else if (grace > 0 && force) throw new CmdError('--force and --grace-period greater than 0 cannot be specified together');
    const interactive = k.flags.bool('interactive');
    if (k.flags.string('raw')) {
      if (interactive) throw new CmdError('--interactive can not be used with --raw');
      // Simplification: --raw (a DELETE of a URL path) is not simulated.
      throw new CmdError('--raw is not supported in this playground');
    }

    const fileErrors: unknown[] = [];
    const targets = resolveTargets(k, {
      errors: fileErrors,
      args: k.args,
      filenames: k.flags.strings('filename'),
      recursive: k.flags.bool('recursive'),
      labelSelector: selector || (all ? '' : undefined),
      fieldSelector: fieldSelector || undefined,
      all,
      allNamespaces: k.flags.bool('all-namespaces'),
    });
    // --all, -l and --field-selector ignore NotFound unless --ignore-not-found was given.
    const ignoreNotFound = k.flags.changed('ignore-not-found')
      ? k.flags.bool('ignore-not-found')
      : all || selector !== '' || fieldSelector !== '';
    let previewed: Set<string> | undefined;
    if (interactive) {
      // The preview (RequireObject(false)): named objects and file objects are listed without
      // reading them; selectors and --all list what matches.
      const listed = fetchTargets(k.api, targets.filter((t) => t.type === 'list'));
      const previewErrors = [...fileErrors, ...listed.errors].filter((e) => !(ignoreNotFound && isStatusError(e) && e.reason === 'NotFound'));
      if (previewErrors.length) throw new AggregateError(previewErrors);
      const preview: { info: ResourceInfo; namespace?: string; name: string }[] = [];
      for (const t of targets) {
        if (t.type === 'list') continue;
        preview.push({ info: t.info, namespace: t.namespace, name: t.name });
      }
      for (const g of listed.groups) for (const o of g.objects) preview.push({ info: g.info, namespace: o.metadata.namespace, name: o.metadata.name! });
      if (preview.length === 0) {
        k.out.write('No resources found\n');
        return;
      }
      if (!confirmation(k, preview)) {
        k.out.write('deletion is cancelled\n');
        return;
      }
      previewed = new Set(preview.map((p) => locationKey(p.info, p.namespace, p.name)));
    }
    const { groups, errors } = fetchTargets(k.api, targets);
    // Named objects are not read before the delete (RequireObject(false)): one that does not exist
    // counts as found and fails (or is ignored) as its delete request would.
    const missingNamed = errors.filter((e) => isStatusError(e) && e.reason === 'NotFound').length;
    const errs: unknown[] = [
      ...fileErrors,
      ...(ignoreNotFound ? errors.filter((e) => !(isStatusError(e) && e.reason === 'NotFound')) : errors),
    ];
    const deleted: Deleted[] = [];
    let found = missingNamed;
    let warnedScope = false;
    const op = grace === 0 ? 'force deleted' : 'deleted';
    const operation = dryRun === 'client' ? `${op} (dry run)` : dryRun === 'server' ? `${op} (server dry run)` : op;
    const print = (info: ResourceInfo, name: string) =>
      k.out.write(output === 'name' ? `${kindString(info)}/${name}\n` : `${kindString(info)} "${name}" ${operation}\n`);
    for (const g of groups) {
      for (const obj of g.objects as KObject[]) {
        if (previewed && !previewed.has(locationKey(g.info, obj.metadata.namespace, obj.metadata.name!))) continue;
        found++;
        const name = obj.metadata.name!;
        if (k.namespaceExplicit && !g.info.namespaced && !warnedScope) {
          k.warn('deleting cluster-scoped resources, not scoped to the provided namespace');
          warnedScope = true;
        }
        if (dryRun === 'client') {
          print(g.info, name);
          continue;
        }
        try {
          k.api.delete(g.info.kind, obj.metadata.namespace, name, {
            gracePeriodSeconds: grace >= 0 ? grace : undefined,
            propagationPolicy: policy,
            dryRun: dryRun === 'server',
          });
        } catch (e) {
          if (ignoreNotFound && isStatusError(e) && e.reason === 'NotFound') continue;
          errs.push(addSourceToErr('deleting', g.target.type === 'object' ? g.target.source : '', e));
          continue;
        }
        print(g.info, name);
        deleted.push({ info: g.info, namespace: obj.metadata.namespace, name, uid: obj.metadata.uid });
      }
    }
    if (errs.length) {
      // Objects deleted before the error are reported; the error ends the command.
      throw new AggregateError(errs);
    }
    if (found === 0) {
      k.out.write('No resources found\n');
      return;
    }
    if (!k.flags.bool('wait') || dryRun !== 'none' || deleted.length === 0) return;
    const timeout = k.flags.duration('timeout') || 168 * 3600 * 1000;
    const lr = waitForDeletion(k, deleted, timeout);
    const first = lr.poll();
    return first === undefined ? lr : first;
  },
};
