/**
 * The sub-commands of `kubectl apply` that work on the last-applied-configuration annotation
 * (k8s.io/kubectl/pkg/cmd/apply/apply_view_last_applied.go, apply_set_last_applied.go,
 * apply_edit_last_applied.go, cmd/util/editor/editoptions.go ApplyEditMode, GetApplyPatch):
 * - `view-last-applied` prints the annotation as YAML (sorted keys) or as indented JSON
 *   (json.Indent of the stored text: its escapes and key order kept); objects without it print
 *   nothing;
 * - `set-last-applied -f FILE` sets the annotation of the live objects to the file's objects
 *   (`configured`, or `set-last-applied NAME: no changes required.`), `--create-annotation` for
 *   objects that have none;
 * - `edit-last-applied` opens the annotation in the editor and sets what is saved (`edited`).
 */
import { parse as parseYaml } from 'yaml';
import { isStatusError } from '../../api/errors';
import { goJson, type JsonObject } from '../../api/patch/go';
import { LAST_APPLIED_ANNOTATION, originalConfiguration } from '../../api/patch/last-applied';
import type { KObject } from '../../api/types/meta';
import type { LongRunning } from '../../shell/process';
import type { Command, Kctx } from '../command';
import { AggregateError, CmdError, formatError } from '../errors';
import { boolFlag, DRY_RUN_FLAG, FILENAME_FLAGS, printFlags, SELECTOR_FLAG, stringFlag } from '../flags';
import { toYaml } from '../printers/yaml';
import { fetchTargets, MSG_MISSING_RESOURCE, resolveTargets } from '../refs';
import { dryRunStrategy, printObject } from './util/output';

/** json.Indent with an empty prefix: the text re-indented, escapes and order untouched. */
export function goJsonIndent(src: string, indent: string): string {
  const body = src.replace(/^[ \t\r\n]+/, '');
  const trimmed = body.replace(/[ \t\r\n]+$/, '');
  const trailing = body.slice(trimmed.length);
  let out = '';
  let depth = 0;
  let needIndent = false;
  const newline = () => '\n' + indent.repeat(depth);
  for (let i = 0; i < trimmed.length; i++) {
    const c = trimmed[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') continue;
    if (needIndent && c !== ']' && c !== '}') {
      needIndent = false;
      depth++;
      out += newline();
    }
    if (c === '"') {
      let j = i + 1;
      while (j < trimmed.length && trimmed[j] !== '"') j += trimmed[j] === '\\' ? 2 : 1;
      out += trimmed.slice(i, j + 1);
      i = j;
      continue;
    }
    switch (c) {
      case '{':
      case '[':
        needIndent = true;
        out += c;
        break;
      case ',':
        out += c + newline();
        break;
      case ':':
        out += ': ';
        break;
      case '}':
      case ']':
        if (needIndent) needIndent = false;
        else {
          depth--;
          out += newline();
        }
        out += c;
        break;
      default:
        out += c;
    }
  }
  return out + trailing;
}

export const viewLastApplied: Command<void> = {
  name: 'view-last-applied',
  help: '',
  flags: [stringFlag('output', { short: 'o', default: 'yaml' }), boolFlag('all'), ...FILENAME_FLAGS, SELECTOR_FLAG],
  run: (_o, k) => {
    const targets = resolveTargets(k, {
      args: k.args,
      filenames: k.flags.strings('filename'),
      recursive: k.flags.bool('recursive'),
      labelSelector: k.flags.string('selector') || (k.flags.bool('all') ? '' : undefined),
      all: k.flags.bool('all'),
    });
    if (targets.length === 0 && k.args.length === 0 && k.flags.strings('filename').length === 0) throw new CmdError(MSG_MISSING_RESOURCE);
    const { groups, errors } = fetchTargets(k.api, targets);
    if (errors.length) throw errors[0];
    const configs: string[] = [];
    for (const g of groups) {
      for (const o of g.objects) {
        // An object without the annotation adds nothing (kubectl wraps a nil error: no error).
        const c = originalConfiguration(o);
        if (c !== undefined) configs.push(c);
      }
    }
    const format = k.flags.string('output');
    for (const c of configs) {
      if (format === 'json') k.out.write(goJsonIndent(c, '  '));
      else if (format === 'yaml') k.out.write(toYaml(JSON.parse(c)));
      else throw k.usageError(`Unexpected -o output mode: ${format}, the flag 'output' must be one of yaml|json`);
    }
  },
};

/** GetApplyPatch's encoding of an object: compact JSON, keys sorted, a final newline. */
function encodeToJson(obj: unknown): string {
  return goJson(obj) + '\n';
}

/** StripComments: the text read as YAML and written as compact JSON. */
function normalized(text: string): string {
  try {
    return goJson(parseYaml(text));
  } catch {
    return text;
  }
}

/** The annotation patch of GetApplyPatch (a merge patch). */
function annotationPatch(config: string): JsonObject {
  return { metadata: { annotations: { [LAST_APPLIED_ANNOTATION]: config } } };
}

export const setLastApplied: Command<void> = {
  name: 'set-last-applied',
  help: '',
  flags: [...printFlags(), DRY_RUN_FLAG, boolFlag('create-annotation'), ...FILENAME_FLAGS.filter((f) => f.name === 'filename')],
  run: (_o, k) => {
    const dryRun = dryRunStrategy(k);
    const filenames = k.flags.strings('filename');
    if (filenames.length === 0) throw new CmdError(MSG_MISSING_RESOURCE);
    // Validate: every object is read, compared and checked before anything is patched.
    const pending: { obj: KObject; config: string }[] = [];
    for (const t of resolveTargets(k, { args: [], filenames })) {
      if (t.type !== 'object') continue;
      const fileObj = structuredClone(t.object) as KObject;
      // The builder's DefaultNamespace sets the namespace of namespaced objects from files.
      if (t.info.namespaced) fileObj.metadata = { ...fileObj.metadata, namespace: t.namespace };
      const config = encodeToJson(fileObj);
      const live = k.api.get(t.info.kind, t.namespace, t.name);
      const original = originalConfiguration(live);
      if (original === undefined && !k.flags.bool('create-annotation')) {
        throw new CmdError(`no last-applied-configuration annotation found on resource: ${t.name}, to create the annotation, run the command with --create-annotation`);
      }
      if (original !== undefined && normalized(original) === normalized(config)) {
        k.out.write(`set-last-applied ${t.name}: no changes required.\n`);
        continue;
      }
      pending.push({ obj: { ...live, kind: t.info.kind }, config });
    }
    for (const { obj, config } of pending) {
      let final = obj;
      if (dryRun !== 'client') {
        final = { ...k.api.patch(obj.kind!, obj.metadata.namespace, obj.metadata.name!, 'merge', annotationPatch(config), { dryRun: dryRun === 'server' }), kind: obj.kind };
      }
      printObject(k, final, 'configured', dryRun);
    }
  },
};

const APPLY_EDIT_HEADER = `# Please edit the 'last-applied-configuration' annotations below.
# Lines beginning with a '#' will be ignored, and an empty file will abort the edit.
#
`;

/**
 * Simplification: one object is edited (kubectl opens several as a List), in the browser's
 * editor; without one it fails as kubectl does when it cannot start the editor.
 */
export const editLastApplied: Command<void> = {
  name: 'edit-last-applied',
  help: '',
  flags: [
    ...FILENAME_FLAGS,
    stringFlag('output', { short: 'o' }),
    stringFlag('field-manager', { default: 'kubectl-client-side-apply' }),
    boolFlag('windows-line-endings'),
    stringFlag('template'),
    boolFlag('allow-missing-template-keys', { default: true }),
    boolFlag('show-managed-fields'),
    stringFlag('validate', { default: 'strict', noOptDefault: 'strict' }),
  ],
  run: (_o, k: Kctx) => {
    const format = k.flags.string('output') || 'yaml';
    if (format !== 'yaml' && format !== 'json') {
      throw new CmdError(`unable to match a printer suitable for the output format ${JSON.stringify(format)}, allowed formats are: json,yaml`);
    }
    const targets = resolveTargets(k, { args: k.args, filenames: k.flags.strings('filename'), recursive: k.flags.bool('recursive') });
    const { groups, errors } = fetchTargets(k.api, targets);
    if (errors.length) throw errors.length === 1 ? errors[0] : new AggregateError(errors);
    const configs: { kind: string; config: string }[] = [];
    for (const g of groups) for (const o of g.objects) {
      const c = originalConfiguration(o);
      if (c !== undefined) configs.push({ kind: g.info.kind, config: c });
    }
    if (configs.length === 0) {
      throw new CmdError('no last-applied-configuration annotation found on resources, to create the annotation, use command `kubectl apply set-last-applied --create-annotation`');
    }
    const host = k.proc.host;
    if (!host?.edit) throw new CmdError(`unable to launch the editor ${JSON.stringify(k.proc.env.KUBE_EDITOR || k.proc.env.EDITOR || 'vi')}`);
    const { kind, config } = configs[0];
    const original = JSON.parse(config) as JsonObject;
    const text = APPLY_EDIT_HEADER + (format === 'json' ? goJsonIndent(config, '    ') : toYaml(original));
    let result: string | undefined | null = null;
    host.edit(`/tmp/kubectl-edit-last-applied.${format === 'json' ? 'json' : 'yaml'}`, text).then(
      (t) => (result = t),
      () => (result = undefined),
    );
    const finish = (): number | undefined => {
      if (result === null) return undefined;
      if (result === undefined) {
        k.err.write('Edit cancelled, no changes made.\n');
        return 0;
      }
      const stripped = result
        .split('\n')
        .filter((l) => !l.startsWith('#'))
        .join('\n');
      if (stripped.trim() === '') {
        k.err.write('Edit cancelled, saved file was empty.\n');
        return 0;
      }
      let edited: JsonObject;
      try {
        edited = parseYaml(stripped) as JsonObject;
      } catch (e) {
        k.err.write(`error: The edited file had a syntax error: ${(e as Error).message.split('\n')[0]}\n`);
        return 1;
      }
      if (goJson(edited) === goJson(original)) {
        k.err.write('Edit cancelled, no changes made.\n');
        return 0;
      }
      const meta = (edited.metadata ?? {}) as { name?: string; namespace?: string };
      try {
        const patched = k.api.patch(kind, meta.namespace ?? k.namespace, meta.name ?? '', 'merge', annotationPatch(encodeToJson(edited)));
        printObject(k, { ...patched, kind }, 'edited');
        return 0;
      } catch (err) {
        if (!isStatusError(err) && !(err instanceof Error)) throw err;
        const { text: msg, code } = formatError(err);
        k.err.write(msg);
        return code;
      }
    };
    const first = finish();
    if (first !== undefined) return first;
    const lr: LongRunning = { poll: finish, cancel: () => 130 };
    return lr;
  },
};
