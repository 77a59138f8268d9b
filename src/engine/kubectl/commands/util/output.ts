/**
 * What the mutating kubectl commands share: the `--dry-run` strategy
 * (cmdutil.GetDryRunStrategy), the printers they finish with (genericclioptions.PrintFlags
 * with the operation: `deployment.apps/web created (dry run)`, `-o name|yaml|json`), and the
 * request body a typed client sends (null fields dropped).
 */
import { StatusError, isStatusError } from '../../../api/errors';
import { resourceForKind } from '../../../api/resources';
import type { KObject } from '../../../api/types/meta';
import type { Kctx } from '../../command';
import { CmdError } from '../../errors';
import { DRY_RUN_FLAG, printFlags, type FlagSpec } from '../../flags';
import { GENERIC_FORMATS, outputSpec, printObjects } from '../../printers';

export type DryRun = 'none' | 'client' | 'server';

/** cmdutil.GetDryRunStrategy. */
export function dryRunStrategy(k: Kctx): DryRun {
  const v = k.flags.string('dry-run');
  // Simplification: the klog deprecation warnings of `--dry-run` and `--dry-run=true` (which
  // carry a wall-clock timestamp) are not printed.
  switch (v) {
    case 'unchanged':
    case 'client':
    case 'true':
    case '1':
    case 't':
    case 'T':
    case 'TRUE':
    case 'True':
      return 'client';
    case 'server':
      return 'server';
    case 'none':
    case 'false':
    case '0':
    case 'f':
    case 'F':
    case 'FALSE':
    case 'False':
      return 'none';
    default:
      throw new CmdError(`Invalid dry-run value (${v}). Must be "none", "server", or "client".`);
  }
}

/** The printing flags of a mutating command: -o and the template flags, plus --dry-run. */
export const MUTATION_PRINT_FLAGS: readonly FlagSpec[] = [...printFlags(), DRY_RUN_FLAG];

/** `deployment.apps/web`: the name printer's form of an object (kind.group lower-cased). */
export function nameOf(obj: { kind?: string; metadata: { name?: string } }, kind = obj.kind ?? ''): string {
  const info = resourceForKind(kind);
  const group = info?.group ? `.${info.group}` : '';
  return `${kind.toLowerCase()}${group}/${obj.metadata.name ?? ''}`;
}

/** The operation with the dry-run suffix (PrintFlagsWithDryRunStrategy). */
export function withDryRun(operation: string, dryRun: DryRun): string {
  if (dryRun === 'client') return `${operation} (dry run)`;
  if (dryRun === 'server') return `${operation} (server dry run)`;
  return operation;
}

/** Checks `-o` as PrintFlags.ToPrinter does (before anything is sent); '' for the default. */
export function checkOutput(k: Kctx): string {
  const o = k.flags.has('output') ? k.flags.string('output') : '';
  const template = k.flags.has('template') ? k.flags.string('template') : '';
  if (o === '' && template === '') return '';
  outputSpec(o, template, GENERIC_FORMATS, k.proc.fs);
  return o || 'go-template';
}

/**
 * Prints an object the way the command's printer does: `<kind.group>/<name> <operation>` by
 * default, else through the `-o` printer. `typed` objects (generated, not read from the
 * server) keep their field order in JSON.
 */
export function printObject(k: Kctx, obj: KObject, operation: string, dryRun: DryRun = 'none', typed = false): void {
  const o = checkOutput(k);
  if (o === '') {
    k.out.write(`${nameOf(obj)} ${withDryRun(operation, dryRun)}\n`);
    return;
  }
  const spec = outputSpec(k.flags.string('output'), k.flags.has('template') ? k.flags.string('template') : '', GENERIC_FORMATS, k.proc.fs);
  if (spec.type === 'name') {
    k.out.write(`${nameOf(obj)}\n`);
    return;
  }
  k.out.write(printObjects(spec, obj, { sortKeys: !typed }));
}

/** Drops null fields, as decoding a request into a typed object does (`creationTimestamp: null`). */
export function requestBody<T>(v: T): T {
  if (Array.isArray(v)) return v.map(requestBody) as T;
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, x] of Object.entries(v)) if (x !== null && x !== undefined) out[key] = requestBody(x);
    return out as T;
  }
  return v;
}

/** fmt.Errorf("<prefix>: %v", err) around an API error: a plain `error: ...` line. */
export function wrapError(prefix: string, e: unknown): unknown {
  if (isStatusError(e) || e instanceof Error) return new CmdError(`${prefix}${(e as Error).message}`);
  return e;
}

/** cmdutil.AddSourceToErr: `error when creating "app.yaml": <message>`, keeping the status. */
export function addSourceToErr(verb: string, source: string, e: unknown): unknown {
  if (!source) return e;
  if (e instanceof StatusError) {
    return new StatusError(e.code, e.reason, `error when ${verb} "${source}": ${e.message}`, e.details);
  }
  if (e instanceof Error) return new CmdError(`error when ${verb} "${source}": ${e.message}`);
  return e;
}

/** The `required flag(s) "x" not set` error cobra gives for MarkFlagRequired flags. */
export function requireFlags(k: Kctx, ...names: string[]): void {
  const missing = names.filter((n) => !k.flags.changed(n));
  if (missing.length) throw new CmdError(`required flag(s) ${missing.map((n) => `"${n}"`).join(', ')} not set`);
}
