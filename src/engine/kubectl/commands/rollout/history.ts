/**
 * `kubectl rollout history (TYPE NAME | TYPE/NAME) [--revision=N]`
 * (k8s.io/kubectl/pkg/cmd/rollout/rollout_history.go, polymorphichelpers/history.go):
 * the REVISION / CHANGE-CAUSE table of a Deployment's ReplicaSets or of a DaemonSet's or
 * StatefulSet's ControllerRevisions, or one revision's pod template as `kubectl describe`
 * prints it. With `-o`, the history objects themselves (GetHistory): the ReplicaSets, or the
 * DaemonSet/StatefulSet as of each revision.
 * Simplification: `--revision` of a missing revision with `-o` makes kubectl v1.32 panic (a nil
 * object reaches the printer); the playground prints the panic's first line and exits 2.
 * With a `{range}` JSONPath only the first object prints: client-go's JSONPath is left inside the
 * range after one execution and fails on the next object, an error history ignores.
 * Simplification: `-o json` lists fields in sorted order, not in the Go struct order of kubectl's
 * typed objects.
 */
import type { ResourceInfo } from '../../../api/resources';
import type { KObject } from '../../../api/types/meta';
import type { Command, Kctx } from '../../command';
import { AggregateError, CmdError, RawError } from '../../errors';
import { intFlag, printFlags, stringFlag } from '../../flags';
import { GENERIC_FORMATS, outputSpec, printObjects } from '../../printers';
import { checkOutput, nameOf } from '../util/output';
import {
  applyRevision,
  CHANGE_CAUSE_ANNOTATION,
  controlledRevisions,
  deploymentReplicaSets,
  groupKind,
  printTemplate,
  rolloutTargets,
  ROLLOUT_TARGET_FLAGS,
  typed,
} from './common';

/** text/tabwriter (padding 2) of REVISION and CHANGE-CAUSE. */
function historyTable(rows: [number, string][]): string {
  const width = Math.max('REVISION'.length, ...rows.map(([r]) => String(r).length)) + 2;
  let out = 'REVISION'.padEnd(width) + 'CHANGE-CAUSE\n';
  for (const [r, cause] of rows) out += String(r).padEnd(width) + cause + '\n';
  return out;
}

/** One revision: the object GetHistory returns, its pod template and its change cause. */
interface Revision {
  object: KObject;
  template: () => unknown;
  cause: string;
}

/** HistoryViewerFor + the revision map of ViewHistory/GetHistory, by revision number. */
export function historyOf(k: Kctx, info: ResourceInfo, obj: KObject): Map<number, Revision> {
  const out = new Map<number, Revision>();
  if (info.kind === 'Deployment' && info.group === 'apps') {
    for (const { rs, revision } of deploymentReplicaSets(k, obj)) {
      out.set(revision, {
        object: typed({ ...info, kind: 'ReplicaSet' }, rs),
        template: () => {
          const template = structuredClone(rs.spec?.template ?? {}) as { metadata?: { annotations?: Record<string, string> } };
          const cause = rs.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION];
          if (cause) template.metadata = { ...(template.metadata ?? {}), annotations: { ...(template.metadata?.annotations ?? {}), [CHANGE_CAUSE_ANNOTATION]: cause } };
          return template;
        },
        cause: rs.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION] ?? '',
      });
    }
    return out;
  }
  if ((info.kind === 'DaemonSet' || info.kind === 'StatefulSet') && info.group === 'apps') {
    const owner = typed(info, obj);
    for (const cr of controlledRevisions(k, owner)) {
      const applied = applyRevision(owner, cr);
      out.set(Number(cr.revision ?? 0), {
        object: applied,
        template: () => applied.spec?.template,
        cause: cr.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION] ?? '',
      });
    }
    return out;
  }
  throw new CmdError(`no history viewer has been implemented for "${groupKind(info)}"`);
}

export const rolloutHistory: Command<void> = {
  name: 'history',
  help: '',
  flags: [...ROLLOUT_TARGET_FLAGS, ...printFlags(), intFlag('revision'), stringFlag('kustomize', { short: 'k' })],
  run: (_o, k) => {
    const revision = k.flags.int('revision');
    if (revision < 0) throw new CmdError(`revision must be a positive integer: ${revision}`);
    const output = checkOutput(k);
    const { items, errors } = rolloutTargets(k);
    const errs: unknown[] = [...errors];
    const spec = output ? outputSpec(k.flags.string('output'), k.flags.has('template') ? k.flags.string('template') : '', GENERIC_FORMATS, k.proc.fs) : undefined;
    let printed = 0;
    for (const { info, obj } of items) {
      try {
        const history = historyOf(k, info, obj);
        if (spec) {
          const revisions = revision > 0 ? [revision] : [...history.keys()].sort((a, b) => a - b);
          for (const r of revisions) {
            const entry = history.get(r);
            if (!entry) throw new RawError('panic: reflect: call of reflect.Value.Type on zero Value\n', 2);
            // The YAML printer separates the objects it prints with `---`.
            if (spec.type === 'yaml' && printed > 0) k.out.write('---\n');
            // client-go's JSONPath leaves its parser inside a `{range}` after one execution, so
            // the next object fails with `not in range, nothing to end`, an error history ignores.
            if (spec.type === 'jsonpath' && printed > 0 && spec.template.includes('{range')) continue;
            k.out.write(printObjects(spec, entry.object));
            printed++;
          }
          continue;
        }
        let text: string;
        if (history.size === 0) text = 'No rollout history found.';
        else if (revision > 0) {
          const entry = history.get(revision);
          if (!entry) throw new CmdError('unable to find the specified revision');
          text = printTemplate(entry.template());
        } else {
          const rows = [...history.keys()].sort((a, b) => a - b).map((r) => [r, history.get(r)!.cause || '<none>'] as [number, string]);
          text = historyTable(rows);
        }
        const withRevision = revision > 0 ? `with revision #${revision}` : '';
        k.out.write(`${nameOf(obj, info.kind)} ${withRevision}\n${text}\n`);
      } catch (e) {
        if (e instanceof RawError) throw e;
        errs.push(e);
      }
    }
    if (errs.length) throw new AggregateError(errs);
  },
};
