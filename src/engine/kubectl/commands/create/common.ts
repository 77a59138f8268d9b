/**
 * What every `kubectl create <generator>` shares (k8s.io/kubectl/pkg/cmd/create/create.go:
 * NameFromCommandArgs, CreateSubcommandOptions.Run): one NAME, the apply annotation with
 * `--save-config`, `--dry-run=client` printing the generated object, otherwise a create request
 * whose answer is printed as `<kind.group>/<name> created`.
 *
 * Generated objects are built in Go struct field order (TypeMeta's kind first), so `-o json`
 * prints them as kubectl does; `-o yaml` sorts keys anyway.
 */
import type { KObject } from '../../../api/types/meta';
import type { Command, Kctx } from '../../command';
import { boolFlag, stringFlag, type FlagSpec } from '../../flags';
import { withApplyAnnotation } from '../../../api/patch/last-applied';
import { dryRunStrategy, checkOutput, printObject, requestBody, requireFlags, wrapError, MUTATION_PRINT_FLAGS } from '../util/output';

/** Flags of every create sub-command besides its own. */
export const CREATE_SUB_FLAGS: readonly FlagSpec[] = [
  ...MUTATION_PRINT_FLAGS,
  boolFlag('save-config'),
  stringFlag('validate', { default: 'strict', noOptDefault: 'strict' }),
  stringFlag('field-manager', { default: 'kubectl-create' }),
];

/** NameFromCommandArgs: exactly one NAME before `--`. */
export function nameFromArgs(k: Kctx): string {
  const n = k.argsLenAtDash === -1 ? k.args.length : k.argsLenAtDash;
  if (n !== 1) throw k.usageError(`exactly one NAME is required, got ${n}`);
  return k.args[0];
}

/** ObjectMeta in struct order: name, namespace, creationTimestamp, labels, annotations. */
export function objectMeta(
  name: string | undefined,
  o: { namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> } = {},
): KObject['metadata'] {
  const m: Record<string, unknown> = {};
  if (name !== undefined) m.name = name;
  if (o.namespace) m.namespace = o.namespace;
  m.creationTimestamp = null;
  if (o.labels && Object.keys(o.labels).length) m.labels = o.labels;
  if (o.annotations && Object.keys(o.annotations).length) m.annotations = o.annotations;
  return m as KObject['metadata'];
}

/** Sets metadata.namespace keeping ObjectMeta's field order. */
export function withNamespace(obj: KObject, namespace: string): KObject {
  const { name, ...rest } = obj.metadata;
  delete rest.namespace;
  obj.metadata = { ...(name !== undefined ? { name } : {}), namespace, ...rest };
  return obj;
}

export interface GeneratedObject {
  object: KObject;
  /** `failed to create deployment: ` (most generators wrap the API error; some do not). */
  errorPrefix?: string;
  /** The generator already placed `-n` in metadata (create deployment, job, cronjob ...). */
  namespaceSet?: boolean;
}

/**
 * CreateSubcommandOptions.Run: annotate, create (unless --dry-run=client), print.
 */
export function runGenerated(k: Kctx, gen: GeneratedObject): void {
  const dryRun = dryRunStrategy(k);
  checkOutput(k);
  let obj = gen.object;
  if (k.flags.bool('save-config')) obj = withApplyAnnotation(obj);
  if (dryRun === 'client') {
    if (k.namespaceExplicit && !gen.namespaceSet && isNamespaced(obj)) obj = withNamespace(obj, k.namespace);
    printObject(k, obj, 'created', dryRun, true);
    return;
  }
  let created: KObject;
  try {
    created = k.api.create(requestBody(obj), { namespace: k.namespace, dryRun: dryRun === 'server' });
  } catch (e) {
    throw gen.errorPrefix ? wrapError(gen.errorPrefix, e) : e;
  }
  printObject(k, created, 'created', dryRun);
}

function isNamespaced(obj: KObject): boolean {
  return !['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'PriorityClass'].includes(obj.kind ?? '');
}

/** Declares a create sub-command whose Run builds one object. */
export function generatorCommand(c: {
  name: string;
  aliases?: string[];
  flags: readonly FlagSpec[];
  /** MarkFlagRequired flags: checked by cobra before anything else. */
  required?: string[];
  generate(k: Kctx, name: string): GeneratedObject;
}): Command<void> {
  return {
    name: c.name,
    aliases: c.aliases,
    help: '',
    flags: [...c.flags, ...CREATE_SUB_FLAGS],
    run: (_o, k) => {
      if (c.required) requireFlags(k, ...c.required);
      const name = nameFromArgs(k);
      runGenerated(k, c.generate(k, name));
    },
  };
}

/** ParsePairs-style `key=value` split on the first `=`. */
export function splitPair(s: string): [string, string] | undefined {
  const i = s.indexOf('=');
  return i < 0 ? undefined : [s.slice(0, i), s.slice(i + 1)];
}
