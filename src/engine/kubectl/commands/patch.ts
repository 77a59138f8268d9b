/**
 * `kubectl patch (-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE] [--type strategic|merge|json]`
 * (k8s.io/kubectl/pkg/cmd/patch/patch.go): the patch (JSON or YAML) is sent to the apiserver
 * (or applied locally with `--local`); `patched`, or `patched (no change)` when the object
 * did not change.
 */
import { badRequest } from '../../api/errors';
import { applyPatch, type PatchType } from '../../api/patch';
import type { KObject } from '../../api/types/meta';
import type { Command } from '../command';
import { AggregateError, CmdError } from '../errors';
import { boolFlag, FILENAME_FLAGS, goQuote, stringFlag } from '../flags';
import { YamlError, yamlToJson } from '../goyaml';
import { jsonUnmarshalError } from '../manifest';
import { fetchTargets, resolveTargets } from '../refs';
import { checkOutput, dryRunStrategy, MUTATION_PRINT_FLAGS, printObject } from './util/output';
import { resourceForKind } from '../../api/resources';
import { checkPatch, prunePatch } from './util/validate';

const PATCH_TYPES: PatchType[] = ['json', 'merge', 'strategic'];

/** yaml.ToJSON of the patch text (JSON is YAML). */
/**
 * yaml.ToJSON: a patch starting with `{` is sent as it is (the apiserver, or the local
 * strategic merge, rejects bad JSON); anything else is converted from YAML.
 */
function parsePatch(text: string, local: boolean): unknown {
  if (/^\s*\{/.test(text)) {
    const err = jsonUnmarshalError(text);
    if (err === undefined) return JSON.parse(text) as unknown;
    if (local) throw new CmdError('invalid JSON document');
    throw badRequest(err);
  }
  try {
    return yamlToJson(text);
  } catch (e) {
    if (e instanceof YamlError) throw new CmdError(`unable to parse ${goQuote(text)}: ${e.message}`);
    throw e;
  }
}

export const patch: Command<void> = {
  name: 'patch',
  help: '',
  flags: [
    ...FILENAME_FLAGS,
    ...MUTATION_PRINT_FLAGS,
    stringFlag('field-manager', { default: 'kubectl-patch' }),
    boolFlag('local'),
    stringFlag('patch', { short: 'p' }),
    stringFlag('patch-file'),
    stringFlag('subresource'),
    stringFlag('type', { default: 'strategic' }),
  ],
  run: (_o, k) => {
    const dryRun = dryRunStrategy(k);
    checkOutput(k);
    const local = k.flags.bool('local');
    const text = k.flags.string('patch');
    const file = k.flags.string('patch-file');
    const type = k.flags.string('type') as PatchType;
    if (text && file) throw new CmdError('cannot specify --patch and --patch-file together');
    if (!text && !file) throw new CmdError('must specify --patch or --patch-file containing the contents of the patch');
    if (local && k.args.length > 0) throw new CmdError('cannot specify --local and server resources');
    if (local && dryRun === 'server') throw new CmdError('cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
    if (!PATCH_TYPES.includes(type)) throw new CmdError(`--type must be one of [${PATCH_TYPES.join(' ')}], not ${JSON.stringify(type)}`);
    let body = text;
    if (file) {
      const c = k.proc.fs.read(k.proc.fs.resolve(file));
      if (c === undefined) throw new CmdError(`unable to read patch file: open ${file}: no such file or directory`);
      body = c;
    }
    const patchBody = parsePatch(body, local);
    const targets = resolveTargets(k, { args: k.args, filenames: k.flags.strings('filename'), recursive: k.flags.bool('recursive') });
    const errors: unknown[] = [];
    let count = 0;
    const visit = (kind: string, obj: KObject) => {
      count++;
      if (!local && dryRun !== 'client') {
        const before = JSON.stringify(obj);
        // kubectl patch sends no fieldValidation: the apiserver's default is Warn.
        const info = resourceForKind(kind);
        if (info && type !== 'json') checkPatch(k, info, patchBody, 'Warn');
        const body = info && type !== 'json' ? prunePatch(info, patchBody) : patchBody;
        const after = k.api.patch(kind, obj.metadata.namespace, obj.metadata.name!, type, structuredClone(body), {
          dryRun: dryRun === 'server',
        });
        printObject(k, { ...after, kind }, JSON.stringify(after) === before ? 'patched (no change)' : 'patched', dryRun);
        return;
      }
      const patched = applyPatch(type, structuredClone(obj), structuredClone(patchBody), kind) as KObject;
      printObject(k, { ...patched, kind }, JSON.stringify(patched) === JSON.stringify(obj) ? 'patched (no change)' : 'patched', dryRun);
    };
    if (local) {
      for (const t of targets) if (t.type === 'object') visit(t.info.kind, t.object);
    } else {
      const { groups, errors: errs } = fetchTargets(k.api, targets);
      errors.push(...errs);
      for (const g of groups) {
        for (const obj of g.objects) {
          try {
            visit(g.info.kind, obj);
          } catch (e) {
            errors.push(e);
          }
        }
      }
    }
    if (errors.length) throw new AggregateError(errors);
    if (count === 0) throw new CmdError('no objects passed to patch');
  },
};
