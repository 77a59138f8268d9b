/**
 * `kubectl create -f FILENAME` and the generator sub-commands
 * (k8s.io/kubectl/pkg/cmd/create/create.go: RunCreate). Each object of the files is created
 * in turn (errors are collected, as the builder's ContinueOnError does); `--save-config` stores
 * the last-applied annotation; `--dry-run=client` only prints; `--edit` opens the object in the
 * editor first.
 */
import { withApplyAnnotation } from '../../../api/patch/last-applied';
import type { KObject } from '../../../api/types/meta';
import { parse as parseYaml } from 'yaml';
import type { LongRunning, ProcessResult } from '../../../shell/process';
import type { Command, Kctx } from '../../command';
import { AggregateError, CmdError, formatError } from '../../errors';
import { printJson } from '../../printers/json';
import { toYaml } from '../../printers/yaml';
import { EDIT_HEADER } from '../edit';
import { boolFlag, FILENAME_FLAGS, SELECTOR_FLAG, stringFlag } from '../../flags';
import { fileTargetsInOrder } from '../../refs';
import { matches, parseSelector } from '../../../api/selectors';
import { addSourceToErr, checkOutput, dryRunStrategy, MUTATION_PRINT_FLAGS, printObject, requestBody } from '../util/output';
import { decodeRequest, validationDirective } from '../util/validate';
import { createConfigMap } from './configmap';
import { createCronJob } from './cronjob';
import { createDeployment } from './deployment';
import { createJob } from './job';
import { createNamespace } from './namespace';
import { createIngress, createPdb, createPriorityClass, createQuota } from './policy';
import { createClusterRole, createClusterRoleBinding, createRole, createRoleBinding } from './rbac';
import { createSecret } from './secret';
import { createService } from './service';
import { createServiceAccount } from './serviceaccount';

/**
 * The documents of `-f` in order: each an object with the namespace the builder gives it, or
 * the error the builder reports for it (ContinueOnError). `validate` is schema validation
 * (`--validate=strict`).
 */
export function manifestObjects(k: Parameters<NonNullable<Command['run']>>[1], filenames: string[], recursive: boolean, validate = false) {
  return fileTargetsInOrder(k, filenames, recursive, validate).map((item) => {
    if ('error' in item) return { error: item.error };
    const t = item.target;
    const obj = structuredClone(t.object);
    if (t.info.namespaced) obj.metadata = { ...obj.metadata, namespace: t.namespace };
    return { target: t, object: obj };
  });
}

/**
 * RunEditOnCreate (editor.EditBeforeCreateMode): the object of the file opens in the editor and
 * what is saved is created (`created`); an unchanged or emptied file creates nothing.
 * Simplification: only the first object of the files is edited (kubectl edits each in turn), in
 * the browser's editor; without one it fails as kubectl does when it cannot start the editor.
 */
function editOnCreate(k: Kctx, filenames: string[]): ProcessResult {
  const format = k.flags.string('output') || 'yaml';
  if (format !== 'yaml' && format !== 'json') {
    throw new CmdError(`unable to match a printer suitable for the output format ${JSON.stringify(format)}, allowed formats are: json,yaml`);
  }
  const items = manifestObjects(k, filenames, k.flags.bool('recursive'));
  const first = items[0];
  if (!first) return 0;
  if ('error' in first) throw first.error;
  const host = k.proc.host;
  if (!host?.edit) throw new CmdError(`unable to launch the editor ${JSON.stringify(k.proc.env.KUBE_EDITOR || k.proc.env.EDITOR || 'vi')}`);
  const { target, object } = first;
  const original = format === 'json' ? printJson(object) : toYaml(object);
  let result: string | undefined | null = null;
  host.edit(`/tmp/kubectl-edit-${object.metadata.name ?? 'create'}.${format}`, EDIT_HEADER + original).then(
    (t) => (result = t),
    () => (result = undefined),
  );
  const finish = (): number | undefined => {
    if (result === null) return undefined;
    const stripped = (result ?? '')
      .split('\n')
      .filter((l) => !l.startsWith('#'))
      .join('\n');
    if (result === undefined || stripped.trim() === original.trim()) {
      k.err.write('Edit cancelled, no changes made.\n');
      return 0;
    }
    if (stripped.trim() === '') {
      k.err.write('Edit cancelled, saved file was empty.\n');
      return 0;
    }
    let edited: KObject;
    try {
      edited = parseYaml(stripped) as KObject;
    } catch (e) {
      k.err.write(`error: The edited file had a syntax error: ${(e as Error).message.split('\n')[0]}\n`);
      return 1;
    }
    try {
      const body = k.flags.bool('save-config') ? withApplyAnnotation(edited) : edited;
      const created = k.api.create(decodeRequest(k, target.info, requestBody(body), validationDirective(k)), { namespace: target.namespace });
      printObject(k, { ...created, kind: target.info.kind }, 'created');
      return 0;
    } catch (e) {
      const { text, code } = formatError(e);
      k.err.write(text);
      return code;
    }
  };
  const code = finish();
  if (code !== undefined) return code;
  const lr: LongRunning = { poll: finish, cancel: () => 130 };
  return lr;
}

export const create: Command<void> = {
  name: 'create',
  help: '',
  flags: [
    ...FILENAME_FLAGS,
    ...MUTATION_PRINT_FLAGS,
    SELECTOR_FLAG,
    boolFlag('edit'),
    boolFlag('windows-line-endings'),
    boolFlag('save-config'),
    stringFlag('raw'),
    stringFlag('validate', { default: 'strict', noOptDefault: 'strict' }),
    stringFlag('field-manager', { default: 'kubectl-create' }),
  ],
  subcommands: [
    createClusterRole,
    createClusterRoleBinding,
    createConfigMap,
    createCronJob,
    createDeployment,
    createIngress,
    createJob,
    createNamespace,
    createPdb,
    createPriorityClass,
    createQuota,
    createRole,
    createRoleBinding,
    createSecret,
    createService,
    createServiceAccount,
  ] as Command<never>[],
  run: (_o, k) => {
    const filenames = k.flags.strings('filename');
    if (k.args.length > 0 && filenames.length === 0) throw k.usageError(`Unexpected args: [${k.args.join(' ')}]`);
    if (filenames.length === 0 && !k.flags.string('kustomize')) {
      throw new CmdError('must specify one of -f and -k');
    }
    // Simplification: -k (kustomize) and --raw are not simulated.
    if (k.flags.string('kustomize')) throw new CmdError('kustomize (-k) is not supported in this playground');
    if (k.flags.string('raw')) throw new CmdError('--raw is not supported in this playground');
    if (k.args.length > 0) throw k.usageError(`Unexpected args: [${k.args.join(' ')}]`);
    if (k.flags.bool('edit')) return editOnCreate(k, filenames);
    const directive = validationDirective(k);
    const dryRun = dryRunStrategy(k);
    checkOutput(k);
    const selector = k.flags.string('selector');
    const sel = selector ? parseSelector(selector) : undefined;
    const errors: unknown[] = [];
    let count = 0;
    for (const item of manifestObjects(k, filenames, k.flags.bool('recursive'), directive === 'Strict')) {
      if ('error' in item) {
        errors.push(item.error);
        continue;
      }
      const { target, object } = item;
      if (sel && !matches(sel, object.metadata.labels)) continue;
      let obj: KObject = k.flags.bool('save-config') ? withApplyAnnotation(object) : object;
      if (dryRun !== 'client') {
        try {
          const body = decodeRequest(k, target.info, requestBody(obj), directive);
          obj = k.api.create(body, { namespace: target.namespace, dryRun: dryRun === 'server' });
        } catch (e) {
          errors.push(addSourceToErr('creating', target.source, e));
          continue;
        }
      }
      count++;
      printObject(k, obj, 'created', dryRun);
    }
    if (errors.length) throw new AggregateError(errors);
    if (count === 0) throw new CmdError('no objects passed to create');
  },
};
