/**
 * `kubectl rollout resume RESOURCE` (k8s.io/kubectl/pkg/cmd/rollout/rollout_resume.go):
 * `resumed`, or `already resumed`; only deployments can be resumed. Pause shares the body.
 */
import type { Command, Kctx } from '../../command';
import { AggregateError, CmdError } from '../../errors';
import { stringFlag, type FlagSpec } from '../../flags';
import { dryRunStrategy, MUTATION_PRINT_FLAGS, printObject, checkOutput } from '../util/output';
import { resourceString, rolloutTargets, ROLLOUT_TARGET_FLAGS } from './common';

export const pauseOrResume = {
  flags: (fm: string): FlagSpec[] => [...ROLLOUT_TARGET_FLAGS, ...MUTATION_PRINT_FLAGS, stringFlag('field-manager', { default: fm }), stringFlag('kustomize', { short: 'k' })],
  run(k: Kctx, pause: boolean): void {
    const dryRun = dryRunStrategy(k);
    checkOutput(k);
    const { items, errors } = rolloutTargets(k);
    const errs: unknown[] = [...errors];
    for (const { info, obj } of items) {
      if (info.kind !== 'Deployment') {
        errs.push(new CmdError(`error: ${resourceString(info)} ${JSON.stringify(obj.metadata.name)} ${pause ? 'pausing' : 'resuming'} is not supported`));
        continue;
      }
      if (Boolean(obj.spec?.paused) === pause) {
        printObject(k, obj, pause ? 'already paused' : 'already resumed', dryRun);
        continue;
      }
      if (dryRun !== 'client') {
        try {
          k.api.patch('Deployment', obj.metadata.namespace, obj.metadata.name!, 'strategic', { spec: { paused: pause ? true : null } }, { dryRun: dryRun === 'server' });
        } catch (e) {
          errs.push(new CmdError(`failed to patch: ${(e as Error).message}`));
          continue;
        }
      }
      printObject(k, obj, pause ? 'paused' : 'resumed', dryRun);
    }
    if (errs.length) throw new AggregateError(errs);
  },
};

export const rolloutResume: Command<void> = {
  name: 'resume',
  help: '',
  flags: pauseOrResume.flags('kubectl-rollout'),
  run: (_o, k) => pauseOrResume.run(k, false),
};
