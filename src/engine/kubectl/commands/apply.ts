/**
 * `kubectl apply -f FILE|DIR|-` (k8s.io/kubectl/pkg/cmd/apply/apply.go applyOneObject,
 * patcher.go): client-side apply. A missing object is created with the last-applied
 * annotation (`created`); an existing one gets the three-way strategic merge patch of
 * last-applied, the manifest and the live object (`configured`, or `unchanged` for `{}`).
 * `--server-side` applies the manifest as the field manager `kubectl` (`serverside-applied`).
 */
import { isStatusError } from '../../api/errors';
import { clientSideApplyPatch } from '../../api/patch/apply';
import type { JsonObject } from '../../api/patch/go';
import { LAST_APPLIED_ANNOTATION, withApplyAnnotation } from '../../api/patch/last-applied';
import { mergePatch } from '../../api/patch';
import { matches, parseSelector } from '../../api/selectors';
import type { KObject } from '../../api/types/meta';
import type { Command } from '../command';
import { AggregateError, CmdError } from '../errors';
import { boolFlag, durationFlag, FILENAME_FLAGS, intFlag, SELECTOR_FLAG, stringFlag, stringArrayFlag } from '../flags';
import { manifestObjects } from './create';
import { editLastApplied, setLastApplied, viewLastApplied } from './apply-last-applied';
import { checkPatch, decodeRequest, validationDirective } from './util/validate';
import { addSourceToErr, checkOutput, dryRunStrategy, MUTATION_PRINT_FLAGS, printObject, requestBody } from './util/output';

export const MSG_NO_LAST_APPLIED = (name: string) =>
  `Warning: resource ${name} is missing the ${LAST_APPLIED_ANNOTATION} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`;

/** `deployments/web`: info.ObjectName() (plural resource, no group). */
function objectName(plural: string, name: string): string {
  return `${plural}/${name}`;
}

export const apply: Command<void> = {
  name: 'apply',
  help: '',
  subcommands: [editLastApplied, setLastApplied, viewLastApplied] as Command<never>[],
  flags: [
    ...FILENAME_FLAGS,
    ...MUTATION_PRINT_FLAGS,
    SELECTOR_FLAG,
    boolFlag('all'),
    stringFlag('cascade', { default: 'background', noOptDefault: 'background' }),
    stringFlag('field-manager', { default: 'kubectl-client-side-apply' }),
    boolFlag('force'),
    boolFlag('force-conflicts'),
    intFlag('grace-period', { default: -1 }),
    boolFlag('openapi-patch', { default: true }),
    boolFlag('overwrite', { default: true }),
    boolFlag('prune'),
    stringArrayFlag('prune-allowlist'),
    boolFlag('server-side'),
    stringFlag('subresource'),
    durationFlag('timeout'),
    stringFlag('validate', { default: 'strict', noOptDefault: 'strict' }),
    boolFlag('wait'),
  ],
  run: (_o, k) => {
    const filenames = k.flags.strings('filename');
    if (k.flags.string('kustomize')) throw new CmdError('kustomize (-k) is not supported in this playground');
    if (filenames.length === 0) throw new CmdError('must specify one of -f and -k');
    if (k.args.length > 0) throw k.usageError(`Unexpected args: [${k.args.join(' ')}]`);
    // Simplification: --prune is not simulated.
    if (k.flags.bool('prune')) throw new CmdError('--prune is not supported in this playground');
    const serverSide = k.flags.bool('server-side');
    if (k.flags.bool('force-conflicts') && !serverSide) throw new CmdError('--force-conflicts only works with --server-side');
    const directive = validationDirective(k);
    const dryRun = dryRunStrategy(k);
    const output = checkOutput(k);
    const sel = k.flags.string('selector') ? parseSelector(k.flags.string('selector')) : undefined;
    const errors: unknown[] = [];
    const printed: KObject[] = [];
    let count = 0;
    // GetObjects: every document is read (and its errors kept) before anything is applied.
    const items = manifestObjects(k, filenames, k.flags.bool('recursive'), directive === 'Strict');
    for (const item of items) if ('error' in item) errors.push(item.error);
    for (const item of items) {
      if ('error' in item) continue;
      const { target, object } = item;
      if (sel && !matches(sel, object.metadata.labels)) continue;
      count++;
      const { info, source } = target;
      if (!object.metadata.name) {
        if (object.metadata.generateName) {
          errors.push(new CmdError(`from ${object.metadata.generateName}: cannot use generate name with apply`));
        } else errors.push(new CmdError(`error when retrieving current configuration of:\nResource: "${info.group}/${info.version}, Resource=${info.plural}", GroupVersionKind: "${info.group}/${info.version}, Kind=${info.kind}"\nName: "", Namespace: "${target.namespace ?? ''}"\nfrom server for: "${source}": resource name may not be empty`));
        continue;
      }
      const live = k.api.find(info.kind, target.namespace, object.metadata.name);
      try {
        if (serverSide) {
          // Simplification: server-side apply merges the manifest into the live object as a JSON
          // merge patch (no managed fields, no conflict detection).
          let result: KObject;
          if (!live) result = k.api.create(decodeRequest(k, info, requestBody(object), directive), { namespace: target.namespace, dryRun: dryRun !== 'none' });
          else {
            const merged = mergePatch(structuredClone(live), requestBody(object)) as KObject;
            result = dryRun === 'client' ? merged : k.api.update({ ...merged, metadata: { ...merged.metadata, resourceVersion: undefined } }, { dryRun: dryRun === 'server' });
          }
          if (output) printed.push(result);
          else printObject(k, result, 'serverside-applied', dryRun);
          continue;
        }
        if (!live) {
          let obj = withApplyAnnotation(requestBody(object));
          if (dryRun !== 'client') obj = k.api.create(decodeRequest(k, info, obj, directive), { namespace: target.namespace, dryRun: dryRun === 'server' });
          if (output) printed.push(obj);
          else printObject(k, obj, 'created', dryRun);
          continue;
        }
        if (dryRun === 'client') {
          if (output) printed.push(object);
          else printObject(k, object, 'configured', dryRun);
          continue;
        }
        if (live.metadata.annotations?.[LAST_APPLIED_ANNOTATION] === undefined) {
          k.err.write(MSG_NO_LAST_APPLIED(objectName(info.plural, object.metadata.name)));
        }
        const { patch } = clientSideApplyPatch(object as unknown as JsonObject, live as unknown as JsonObject, info.kind);
        let result: KObject = live;
        const unchanged = Object.keys(patch).length === 0;
        if (!unchanged) {
          checkPatch(k, info, patch, directive);
          result = k.api.patch(info.kind, target.namespace, object.metadata.name, 'strategic', patch, { dryRun: dryRun === 'server' });
        }
        if (result.metadata.deletionTimestamp) k.err.write(`Warning: Detected changes to resource ${object.metadata.name} which is currently being deleted.\n`);
        if (output) printed.push(result);
        else printObject(k, result, unchanged ? 'unchanged' : 'configured', dryRun);
      } catch (e) {
        if (!isStatusError(e) && !(e instanceof CmdError)) throw e;
        errors.push(addSourceToErr(live ? 'applying patch' : 'creating', source, e));
      }
    }
    for (const obj of printed) printObject(k, obj, '', dryRun);
    if (errors.length) throw new AggregateError(errors);
    if (count === 0) throw new CmdError('no objects passed to apply');
  },
};
