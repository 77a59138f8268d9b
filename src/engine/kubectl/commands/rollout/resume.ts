/**
 * `kubectl rollout resume RESOURCE` (k8s.io/kubectl/pkg/cmd/rollout/rollout_resume.go,
 * polymorphichelpers/objectresumer.go): `resumed`; a deployment that is not paused and any other
 * kind are errors (`is not paused`, `resuming is not supported`). Pause shares the body
 * (rollout_pause.go, objectpauser.go: `is already paused`, `pausing is not supported`).
 * These commands have no --dry-run flag.
 */
import type { Command, Kctx } from '../../command';
import { AggregateError, CmdError } from '../../errors';
import { printFlags, stringFlag, type FlagSpec } from '../../flags';
import { printObject, checkOutput } from '../util/output';
import { noResourcesFound, resourceString, rolloutTargets, ROLLOUT_TARGET_FLAGS } from './common';

export const pauseOrResume = {
  flags: (fm: string): FlagSpec[] => [...ROLLOUT_TARGET_FLAGS, ...printFlags(), stringFlag('field-manager', { default: fm }), stringFlag('kustomize', { short: 'k' })],
  run(k: Kctx, pause: boolean): void {
    checkOutput(k);
    const { items, errors } = rolloutTargets(k);
    if (items.length === 0 && errors.length === 0) {
      noResourcesFound(k);
      return;
    }
    const errs: unknown[] = [...errors];
    for (const { info, obj } of items) {
      const fail = (what: string) => errs.push(new CmdError(`error: ${resourceString(info)} ${JSON.stringify(obj.metadata.name)} ${what}`));
      if (info.kind !== 'Deployment' || info.group !== 'apps') {
        fail(pause ? 'pausing is not supported' : 'resuming is not supported');
        continue;
      }
      if (Boolean(obj.spec?.paused) === pause) {
        fail(pause ? 'is already paused' : 'is not paused');
        continue;
      }
      let patched;
      try {
        patched = k.api.patch('Deployment', obj.metadata.namespace, obj.metadata.name!, 'strategic', { spec: { paused: pause ? true : null } });
      } catch (e) {
        errs.push(new CmdError(`failed to patch: ${(e as Error).message}`));
        continue;
      }
      printObject(k, { ...patched, kind: info.kind }, pause ? 'paused' : 'resumed');
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
