/**
 * `kubectl rollout history (TYPE NAME | TYPE/NAME) [--revision=N]`
 * (k8s.io/kubectl/pkg/cmd/rollout/rollout_history.go, polymorphichelpers/history.go):
 * the REVISION / CHANGE-CAUSE table of a Deployment's ReplicaSets, or one revision's pod
 * template as `kubectl describe` prints it.
 * Simplification: DaemonSet and StatefulSet histories (ControllerRevisions) are not shown.
 */
import type { Command } from '../../command';
import { AggregateError, CmdError } from '../../errors';
import { intFlag, stringFlag } from '../../flags';
import { describePodTemplate } from '../../describe/common';
import { DescribeWriter } from '../../describe/writer';
import { checkOutput, nameOf, MUTATION_PRINT_FLAGS } from '../util/output';
import { CHANGE_CAUSE_ANNOTATION, deploymentReplicaSets, rolloutTargets, ROLLOUT_TARGET_FLAGS } from './common';

/** text/tabwriter (padding 2) of REVISION and CHANGE-CAUSE. */
function historyTable(rows: [number, string][]): string {
  const width = Math.max('REVISION'.length, ...rows.map(([r]) => String(r).length)) + 2;
  let out = 'REVISION'.padEnd(width) + 'CHANGE-CAUSE\n';
  for (const [r, cause] of rows) out += String(r).padEnd(width) + cause + '\n';
  return out;
}

export const rolloutHistory: Command<void> = {
  name: 'history',
  help: '',
  flags: [...ROLLOUT_TARGET_FLAGS, ...MUTATION_PRINT_FLAGS.filter((f) => f.name !== 'dry-run'), intFlag('revision'), stringFlag('kustomize', { short: 'k' })],
  run: (_o, k) => {
    const revision = k.flags.int('revision');
    const { items, errors } = rolloutTargets(k);
    if (revision < 0) throw new CmdError(`revision must be a positive integer: ${revision}`);
    checkOutput(k);
    for (const { info, obj } of items) {
      if (info.kind !== 'Deployment') throw new CmdError(`no history viewer has been implemented for ${info.kind}`);
      const byRevision = new Map<number, { template: Record<string, unknown>; cause: string }>();
      for (const { rs, revision: r } of deploymentReplicaSets(k, obj)) {
        const template = structuredClone(rs.spec?.template ?? {});
        byRevision.set(r, { template, cause: rs.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION] ?? '' });
      }
      let info2: string;
      if (byRevision.size === 0) info2 = 'No rollout history found.';
      else if (revision > 0) {
        const entry = byRevision.get(revision);
        if (!entry) throw new CmdError('unable to find the specified revision');
        const tmpl = entry.template as { metadata?: { annotations?: Record<string, string> } };
        if (entry.cause) tmpl.metadata = { ...(tmpl.metadata ?? {}), annotations: { ...(tmpl.metadata?.annotations ?? {}), [CHANGE_CAUSE_ANNOTATION]: entry.cause } };
        const w = new DescribeWriter();
        describePodTemplate(w, tmpl);
        // printTemplate writes through a plain PrefixWriter: the tabs are not aligned.
        info2 = (w as unknown as { segments: string[] }).segments.join('');
      } else {
        const rows = [...byRevision.keys()].sort((a, b) => a - b).map((r) => [r, byRevision.get(r)!.cause || '<none>'] as [number, string]);
        info2 = historyTable(rows);
      }
      const withRevision = revision > 0 ? `with revision #${revision}` : '';
      k.out.write(`${nameOf(obj)} ${withRevision}\n${info2}\n`);
    }
    if (errors.length) throw new AggregateError(errors);
  },
};
