/**
 * The shared body of `kubectl label` and `kubectl annotate`
 * (k8s.io/kubectl/pkg/cmd/label/label.go, annotate/annotate.go): KEY=VALUE and KEY- pairs
 * after the resources, `--overwrite`, `--list`, `--local`, `--resource-version`, and a JSON
 * merge patch of the changed map sent to the apiserver.
 */
import type { KObject } from '../../../api/types/meta';
import type { Kctx } from '../../command';
import { AggregateError, CmdError } from '../../errors';
import {
  ALL_NAMESPACES_FLAG,
  boolFlag,
  FIELD_SELECTOR_FLAG,
  FILENAME_FLAGS,
  SELECTOR_FLAG,
  stringFlag,
  type FlagSpec,
} from '../../flags';
import { fetchTargets, resolveTargets, type Target } from '../../refs';
import { checkOutput, dryRunStrategy, MUTATION_PRINT_FLAGS, printObject } from './output';

export const META_MAP_FLAGS = (fieldManager: string): FlagSpec[] => [
  ...FILENAME_FLAGS,
  ...MUTATION_PRINT_FLAGS,
  SELECTOR_FLAG,
  FIELD_SELECTOR_FLAG,
  ALL_NAMESPACES_FLAG,
  boolFlag('all'),
  boolFlag('list'),
  boolFlag('local'),
  boolFlag('overwrite'),
  stringFlag('resource-version'),
  stringFlag('field-manager', { default: fieldManager }),
];

/** cmdutil.GetResourcesAndPairs. */
export function resourcesAndPairs(args: string[], pairType: string): [string[], string[]] {
  const resources: string[] = [];
  const pairs: string[] = [];
  let found = false;
  for (const s of args) {
    const nonResource = (s.includes('=') && s[0] !== '=') || (s.endsWith('-') && s !== '-');
    if (nonResource) {
      found = true;
      pairs.push(s);
    } else if (!found) resources.push(s);
    else throw new CmdError(`all resources must be specified before ${pairType} changes: ${s}`);
  }
  return [resources, pairs];
}

export interface MetaMapSpec {
  /** `labels` or `annotations`. */
  field: 'labels' | 'annotations';
  /** Parses the pairs: [new, remove]. */
  parse(pairs: string[]): [Record<string, string>, string[]];
  /** Throws when --overwrite is false and a key would change. */
  checkOverwrite(current: Record<string, string>, updates: Record<string, string>): void;
  /** The message printed after the object (labeled / annotated ...). */
  message(oldJson: string, newJson: string, overwrite: boolean): string;
  /** `label "x" not found.` for removals of absent keys (label only). */
  notFoundNotice?: (key: string) => string;
  /** `at least one label update is required`. */
  updateRequired: string;
  /** `Listing labels for`. */
  listing: string;
  resourcesRequired: string;
  filesRequired: string;
  localNeedsFiles: string;
}

export function runMetaMap(k: Kctx, spec: MetaMapSpec): void {
  const [resources, pairs] = resourcesAndPairs(k.args, spec.field === 'labels' ? 'label' : 'annotation');
  const [updates, removals] = spec.parse(pairs);
  const list = k.flags.bool('list');
  const local = k.flags.bool('local');
  const overwrite = k.flags.bool('overwrite');
  const all = k.flags.bool('all');
  const selector = k.flags.string('selector');
  const fieldSelector = k.flags.string('field-selector');
  const output = checkOutput(k);
  const dryRun = dryRunStrategy(k);
  const filenames = k.flags.strings('filename');
  if (list && output) throw new CmdError('--list and --output may not be specified together');
  if (all && selector) throw new CmdError('cannot set --all and --selector at the same time');
  if (all && fieldSelector) throw new CmdError('cannot set --all and --field-selector at the same time');
  if (local) {
    if (dryRun === 'server') throw new CmdError('cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
    if (resources.length > 0) throw new CmdError(spec.localNeedsFiles);
    if (filenames.length === 0) throw new CmdError(spec.filesRequired);
  } else if (resources.length < 1 && filenames.length === 0) {
    throw new CmdError(spec.resourcesRequired);
  }
  if (Object.keys(updates).length < 1 && removals.length < 1 && !list) throw new CmdError(spec.updateRequired);

  const targets: Target[] = resolveTargets(k, {
    args: resources,
    filenames,
    recursive: k.flags.bool('recursive'),
    labelSelector: selector || (all ? '' : undefined),
    fieldSelector: fieldSelector || undefined,
    all,
    allNamespaces: k.flags.bool('all-namespaces'),
  });
  const resourceVersion = k.flags.string('resource-version');
  let objects: { obj: KObject; kind: string; group: string }[];
  const errors: unknown[] = [];
  if (local) {
    objects = targets.flatMap((t) => (t.type === 'object' ? [{ obj: structuredClone(t.object), kind: t.info.kind, group: t.info.group }] : []));
  } else {
    const fetched = fetchTargets(k.api, targets);
    errors.push(...fetched.errors);
    objects = fetched.groups.flatMap((g) => g.objects.map((o) => ({ obj: { ...structuredClone(o), kind: g.info.kind, apiVersion: o.apiVersion }, kind: g.info.kind, group: g.info.group })));
  }
  const one = objects.length === 1;
  if (!one && resourceVersion) throw new CmdError('--resource-version may only be used with a single resource');
  for (const { obj, kind, group } of objects) {
    try {
      const before = JSON.stringify(obj);
      const current = { ...((obj.metadata[spec.field] as Record<string, string> | undefined) ?? {}) };
      if (!local && !list && dryRun !== 'client' && spec.notFoundNotice) {
        for (const key of removals) if (!(key in current)) k.out.write(spec.notFoundNotice(key));
      }
      if (!overwrite) spec.checkOverwrite(current, updates);
      const next = { ...current, ...updates };
      for (const key of removals) delete next[key];
      obj.metadata = { ...obj.metadata, [spec.field]: next };
      const after = JSON.stringify(obj);
      const msg = spec.message(before, after, overwrite);
      let out: KObject = obj;
      if (!local && !list && dryRun !== 'client') {
        const changes: Record<string, string | null> = {};
        for (const [key, v] of Object.entries(updates)) if (current[key] !== v) changes[key] = v;
        for (const key of removals) if (key in current) changes[key] = null;
        const metaPatch: Record<string, unknown> = {};
        if (Object.keys(changes).length) metaPatch[spec.field] = changes;
        if (resourceVersion) metaPatch.resourceVersion = resourceVersion;
        const patch = Object.keys(metaPatch).length ? { metadata: metaPatch } : {};
        out = k.api.patch(kind, obj.metadata.namespace, obj.metadata.name!, 'merge', patch, { dryRun: dryRun === 'server' });
      }
      if (list) {
        const indent = one ? '' : ' ';
        if (!one) k.out.write(`${spec.listing} ${kind}.${group}/${obj.metadata.name}:\n`);
        for (const [key, v] of Object.entries((out.metadata[spec.field] as Record<string, string>) ?? {})) k.out.write(`${indent}${key}=${v}\n`);
        continue;
      }
      printObject(k, { ...out, kind }, msg, dryRun);
    } catch (e) {
      errors.push(e);
    }
  }
  if (errors.length) throw new AggregateError(errors);
}
