/**
 * `kubectl edit (RESOURCE/NAME | -f FILENAME)` (k8s.io/kubectl/pkg/cmd/edit,
 * cmd/util/editor/editoptions.go): opens the object's YAML in the editor (the browser's
 * Monaco editor through ctx.host.edit), then sends a two-way strategic merge patch of the
 * changes (`edited`). Without an editor it fails as kubectl does when it cannot start one.
 */
import { parse as parseYaml } from 'yaml';
import type { JsonObject } from '../../api/patch/go';
import { PatchSchema } from '../../api/patch/schema';
import { createTwoWayMergePatch } from '../../api/patch/strategic';
import type { KObject } from '../../api/types/meta';
import type { LongRunning } from '../../shell/process';
import type { Command } from '../command';
import { CmdError, formatError } from '../errors';
import { boolFlag, FILENAME_FLAGS, printFlags, stringFlag } from '../flags';
import { toYaml } from '../printers/yaml';
import { fetchTargets, resolveTargets } from '../refs';
import { printObject } from './util/output';

export const EDIT_HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

/** The editor kubectl would start: KUBE_EDITOR, EDITOR, else vi. */
function editorName(env: Record<string, string>): string {
  return env.KUBE_EDITOR || env.EDITOR || 'vi';
}

export const edit: Command<void> = {
  name: 'edit',
  help: '',
  flags: [
    ...FILENAME_FLAGS,
    ...printFlags(),
    stringFlag('field-manager', { default: 'kubectl-edit' }),
    boolFlag('output-patch'),
    boolFlag('save-config'),
    stringFlag('subresource'),
    stringFlag('validate', { default: 'strict', noOptDefault: 'strict' }),
    boolFlag('windows-line-endings'),
  ],
  run: (_o, k) => {
    const targets = resolveTargets(k, { args: k.args, filenames: k.flags.strings('filename'), recursive: k.flags.bool('recursive') });
    const { groups, errors } = fetchTargets(k.api, targets);
    if (errors.length) throw errors[0];
    const items = groups.flatMap((g) => g.objects.map((o) => ({ info: g.info, obj: o as KObject })));
    if (items.length === 0) return;
    // Simplification: several objects are edited one at a time (kubectl opens them as a List).
    const { info, obj } = items[0];
    const host = k.proc.host;
    if (!host?.edit) throw new CmdError(`unable to launch the editor ${JSON.stringify(editorName(k.proc.env))}`);
    const path = `/tmp/kubectl-edit-${obj.metadata.name}.yaml`;
    const original = { ...obj, kind: info.kind } as KObject;
    let result: string | undefined | null = null;
    let failed: unknown;
    host.edit(path, EDIT_HEADER + toYaml(original)).then(
      (text) => {
        result = text;
      },
      (e) => {
        failed = e;
        result = undefined;
      },
    );
    const finish = (): number | undefined => {
      if (result === null) return undefined;
      if (failed !== undefined || result === undefined) {
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
      const before = JSON.parse(JSON.stringify(original)) as JsonObject;
      if (JSON.stringify(edited) === JSON.stringify(before)) {
        k.err.write('Edit cancelled, no changes made.\n');
        return 0;
      }
      const e = edited as { apiVersion?: string; kind?: string; metadata?: { name?: string } };
      if (e.apiVersion !== before.apiVersion || e.kind !== before.kind || e.metadata?.name !== original.metadata.name) {
        k.err.write('error: At least one of apiVersion, kind and name was changed\n');
        return 1;
      }
      const patch = createTwoWayMergePatch(before, edited, PatchSchema.forKind(info.kind));
      try {
        const out = k.api.patch(info.kind, original.metadata.namespace, original.metadata.name!, 'strategic', patch);
        printObject(k, { ...out, kind: info.kind }, 'edited');
        return 0;
      } catch (err) {
        const { text, code } = formatError(err);
        k.err.write(text);
        return code;
      }
    };
    const lr: LongRunning = { poll: finish, cancel: () => 130 };
    return lr;
  },
};
