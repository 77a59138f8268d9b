/**
 * What cordon, uncordon and drain share (k8s.io/kubectl/pkg/cmd/drain/drain.go Complete and
 * RunCordonOrUncordon, k8s.io/kubectl/pkg/drain/cordon.go): the nodes named or selected, and
 * setting spec.unschedulable with `cordoned` / `already cordoned` / `uncordoned`.
 */
import type { KObject } from '../../../api/types/meta';
import type { Kctx } from '../../command';
import { CmdError } from '../../errors';
import { DRY_RUN_FLAG, SELECTOR_FLAG, type FlagSpec } from '../../flags';
import { fetchTargets, resolveTargets } from '../../refs';
import { dryRunStrategy, printObject } from './output';

export const NODE_FLAGS: readonly FlagSpec[] = [SELECTOR_FLAG, DRY_RUN_FLAG];

/** The nodes of the command line (USAGE error without any). */
export function nodesOf(k: Kctx, use: string): KObject[] {
  const selector = k.flags.string('selector');
  if (k.args.length === 0 && !k.flags.changed('selector')) throw k.usageError(`USAGE: ${use} [flags]`);
  if (k.args.length > 0 && selector) throw k.usageError('error: cannot specify both a node name and a --selector option');
  dryRunStrategy(k);
  const args = k.args.length ? k.args.map((a) => (a.includes('/') ? a : `nodes/${a}`)) : ['nodes'];
  const targets = resolveTargets(k, { args, labelSelector: selector || undefined, allowEmptySelector: true });
  const { groups, errors } = fetchTargets(k.api, targets);
  if (errors.length) throw errors[0];
  const out: KObject[] = [];
  for (const g of groups) {
    if (g.info.kind !== 'Node') throw new CmdError(`error: expected resource of type node, got "${g.info.group}/${g.info.version}, Resource=${g.info.plural}"`);
    out.push(...g.objects.map((o) => ({ ...o, kind: 'Node' }) as KObject));
  }
  return out;
}

/** RunCordonOrUncordon for one node. */
export function cordonNode(k: Kctx, node: KObject, desired: boolean): void {
  const dryRun = dryRunStrategy(k);
  const word = desired ? 'cordon' : 'uncordon';
  if (Boolean(node.spec?.unschedulable) === desired) {
    printObject(k, node, desired ? 'already cordoned' : 'already uncordoned', dryRun);
    return;
  }
  if (dryRun !== 'client') {
    try {
      k.api.patch('Node', undefined, node.metadata.name!, 'strategic', { spec: { unschedulable: desired ? true : null } }, { dryRun: dryRun === 'server' });
    } catch (e) {
      k.err.write(`error: unable to ${word} node ${JSON.stringify(node.metadata.name)}: ${(e as Error).message}\n`);
      return;
    }
  }
  printObject(k, node, desired ? 'cordoned' : 'uncordoned', dryRun);
}
