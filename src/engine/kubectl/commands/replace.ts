/**
 * `kubectl replace -f FILENAME` (k8s.io/kubectl/pkg/cmd/replace/replace.go): a PUT of each
 * object (`replaced`); `--force` deletes first, waits until the object is gone and creates it
 * again (`<kind> "<name>" deleted` then `replaced`).
 */
import { isStatusError } from '../../api/errors';
import { withApplyAnnotation, LAST_APPLIED_ANNOTATION } from '../../api/patch/last-applied';
import type { KObject } from '../../api/types/meta';
import type { LongRunning } from '../../shell/process';
import type { Command } from '../command';
import { AggregateError, CmdError, formatError } from '../errors';
import { boolFlag, durationFlag, FILENAME_FLAGS, intFlag, stringFlag } from '../flags';
import { manifestObjects } from './create';
import { decodeRequest, validationDirective } from './util/validate';
import { cascadingStrategy, kindString } from './delete';
import { addSourceToErr, checkOutput, dryRunStrategy, MUTATION_PRINT_FLAGS, printObject, requestBody } from './util/output';

export const replace: Command<void> = {
  name: 'replace',
  help: '',
  flags: [
    ...FILENAME_FLAGS,
    ...MUTATION_PRINT_FLAGS,
    stringFlag('cascade', { default: 'background', noOptDefault: 'background' }),
    stringFlag('field-manager', { default: 'kubectl-replace' }),
    boolFlag('force'),
    intFlag('grace-period', { default: -1 }),
    stringFlag('raw'),
    boolFlag('save-config'),
    stringFlag('subresource'),
    durationFlag('timeout'),
    stringFlag('validate', { default: 'strict', noOptDefault: 'strict' }),
    boolFlag('wait'),
  ],
  run: (_o, k) => {
    const directive = validationDirective(k);
    const dryRun = dryRunStrategy(k);
    checkOutput(k);
    const filenames = k.flags.strings('filename');
    if (filenames.length === 0 && !k.flags.string('kustomize')) throw new CmdError('must specify one of -f and -k');
    if (k.flags.string('kustomize')) throw new CmdError('kustomize (-k) is not supported in this playground');
    const force = k.flags.bool('force');
    if (force && dryRun !== 'none') throw new CmdError('--dry-run can not be used when --force is set');
    const grace = k.flags.int('grace-period');
    if (!force && grace >= 0) throw new CmdError('--grace-period must have --force specified');
    if (!force && k.flags.duration('timeout') !== 0) throw new CmdError('--timeout must have --force specified');
    const policy = cascadingStrategy(k.flags.string('cascade'));
    const all = manifestObjects(k, filenames, k.flags.bool('recursive'), directive === 'Strict');
    const items = all.flatMap((x) => ('error' in x ? [] : [x]));
    const annotate = (o: KObject): KObject =>
      k.flags.bool('save-config') || o.metadata.annotations?.[LAST_APPLIED_ANNOTATION] !== undefined ? withApplyAnnotation(o) : o;
    const errs: unknown[] = [];
    if (!force) {
      for (const item of all) {
        if ('error' in item) {
          errs.push(item.error);
          continue;
        }
        const { target, object } = item;
        try {
          const obj = annotate(requestBody(object));
          const out = dryRun === 'client' ? obj : k.api.update(decodeRequest(k, target.info, obj, directive), { dryRun: dryRun === 'server' });
          printObject(k, out, 'replaced', dryRun);
        } catch (e) {
          if (!isStatusError(e)) throw e;
          errs.push(addSourceToErr('replacing', target.source, e));
        }
      }
      if (errs.length) throw new AggregateError(errs);
      return;
    }
    // --force: delete everything, wait for it to be gone, then create.
    const waiting: { object: KObject; source: string; kind: string; namespace?: string; uid?: string }[] = [];
    for (const item of all) if ('error' in item) errs.push(item.error);
    for (const { target, object } of items) {
      try {
        const live = k.api.get(target.info.kind, target.namespace, object.metadata.name!);
        k.api.delete(target.info.kind, target.namespace, object.metadata.name!, {
          gracePeriodSeconds: grace >= 0 ? grace : undefined,
          propagationPolicy: policy,
        });
        k.out.write(`${kindString(target.info)} "${object.metadata.name}" deleted\n`);
        waiting.push({ object, source: target.source, kind: target.info.kind, namespace: target.namespace, uid: live.metadata.uid });
      } catch (e) {
        if (!isStatusError(e)) throw e;
        if (e.reason === 'NotFound') waiting.push({ object, source: target.source, kind: target.info.kind, namespace: target.namespace });
        else errs.push(addSourceToErr('deleting', target.source, e));
      }
    }
    const clock = k.cluster.clock;
    const timeout = k.flags.duration('timeout');
    const deadline = clock.now() + (timeout > 0 ? timeout : 168 * 3600 * 1000);
    const step = (): number | undefined => {
      while (waiting.length) {
        const w = waiting[0];
        const live = k.api.find(w.kind, w.namespace, w.object.metadata.name!);
        if (live && (w.uid === undefined || live.metadata.uid === w.uid)) {
          if (clock.now() >= deadline) {
            errs.push(new CmdError(`timed out waiting for the condition on ${w.object.metadata.name}`));
            waiting.shift();
            continue;
          }
          return undefined;
        }
        waiting.shift();
        try {
          const created = k.api.create(annotate(requestBody({ ...w.object, metadata: { ...w.object.metadata, resourceVersion: undefined } })), { namespace: w.namespace });
          printObject(k, created, 'replaced');
        } catch (e) {
          if (!isStatusError(e)) throw e;
          errs.push(addSourceToErr('creating', w.source, e));
        }
      }
      if (errs.length) {
        const { text, code } = formatError(new AggregateError(errs));
        k.err.write(text);
        return code;
      }
      return 0;
    };
    const first = step();
    if (first !== undefined) return first;
    const lr: LongRunning = { deadlineMs: deadline, poll: step, cancel: () => 130 };
    return lr;
  },
};
