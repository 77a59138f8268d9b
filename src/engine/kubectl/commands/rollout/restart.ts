/**
 * `kubectl rollout restart RESOURCE` (k8s.io/kubectl/pkg/cmd/rollout/rollout_restart.go,
 * polymorphichelpers/objectrestarter.go): sets the pod template annotation
 * `kubectl.kubernetes.io/restartedAt` to now, which rolls out new pods.
 */
import type { Command } from '../../command';
import { AggregateError, CmdError } from '../../errors';
import { stringFlag } from '../../flags';
import { dryRunStrategy, MUTATION_PRINT_FLAGS, printObject, checkOutput } from '../util/output';
import { resourceString, rolloutTargets, ROLLOUT_TARGET_FLAGS } from './common';

export const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';

export const rolloutRestart: Command<void> = {
  name: 'restart',
  help: '',
  flags: [...ROLLOUT_TARGET_FLAGS, ...MUTATION_PRINT_FLAGS, stringFlag('field-manager', { default: 'kubectl-rollout' }), stringFlag('kustomize', { short: 'k' })],
  run: (_o, k) => {
    const dryRun = dryRunStrategy(k);
    checkOutput(k);
    const { items, errors } = rolloutTargets(k);
    const errs: unknown[] = [...errors];
    for (const { info, obj } of items) {
      if (!['Deployment', 'DaemonSet', 'StatefulSet'].includes(info.kind)) {
        errs.push(new CmdError(`error: ${resourceString(info)} ${JSON.stringify(obj.metadata.name)} restarting is not supported`));
        continue;
      }
      if (info.kind === 'Deployment' && obj.spec?.paused) {
        errs.push(new CmdError(`error: ${resourceString(info)} ${JSON.stringify(obj.metadata.name)} can't restart paused deployment (run rollout resume first)`));
        continue;
      }
      const now = k.cluster.clock.rfc3339();
      if (dryRun !== 'client') {
        try {
          k.api.patch(info.kind, obj.metadata.namespace, obj.metadata.name!, 'strategic', { spec: { template: { metadata: { annotations: { [RESTARTED_AT]: now } } } } }, { dryRun: dryRun === 'server' });
        } catch (e) {
          errs.push(new CmdError(`failed to patch: ${(e as Error).message}`));
          continue;
        }
      }
      printObject(k, obj, 'restarted', dryRun);
    }
    if (errs.length) throw new AggregateError(errs);
  },
};
