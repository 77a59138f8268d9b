/**
 * `kubectl rollout restart RESOURCE` (k8s.io/kubectl/pkg/cmd/rollout/rollout_restart.go,
 * polymorphichelpers/objectrestarter.go): sets the pod template annotation
 * `kubectl.kubernetes.io/restartedAt` to now (RFC 3339, whole seconds), which rolls out new
 * pods. A paused deployment and kinds without a template are errors; a second restart within
 * the same second makes an empty patch, which kubectl refuses. It has no --dry-run flag.
 */
import type { Command } from '../../command';
import { AggregateError, CmdError } from '../../errors';
import { printFlags, stringFlag } from '../../flags';
import { printObject, checkOutput } from '../util/output';
import { noResourcesFound, resourceString, rolloutTargets, ROLLOUT_TARGET_FLAGS } from './common';

export const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';

export const rolloutRestart: Command<void> = {
  name: 'restart',
  help: '',
  flags: [...ROLLOUT_TARGET_FLAGS, ...printFlags(), stringFlag('field-manager', { default: 'kubectl-rollout' }), stringFlag('kustomize', { short: 'k' })],
  run: (_o, k) => {
    checkOutput(k);
    const { items, errors } = rolloutTargets(k);
    if (items.length === 0 && errors.length === 0) {
      noResourcesFound(k);
      return;
    }
    const errs: unknown[] = [...errors];
    for (const { info, obj } of items) {
      const fail = (what: string) => errs.push(new CmdError(`error: ${resourceString(info)} ${JSON.stringify(obj.metadata.name)} ${what}`));
      if (info.group !== 'apps' || !['Deployment', 'DaemonSet', 'StatefulSet'].includes(info.kind)) {
        fail('restarting is not supported');
        continue;
      }
      if (info.kind === 'Deployment' && obj.spec?.paused) {
        fail("can't restart paused deployment (run rollout resume first)");
        continue;
      }
      const now = k.cluster.clock.rfc3339();
      if (obj.spec?.template?.metadata?.annotations?.[RESTARTED_AT] === now) {
        errs.push(new CmdError(`failed to create patch for ${obj.metadata.name}: if restart has already been triggered within the past second, please wait before attempting to trigger another`));
        continue;
      }
      let patched;
      try {
        patched = k.api.patch(info.kind, obj.metadata.namespace, obj.metadata.name!, 'strategic', { spec: { template: { metadata: { annotations: { [RESTARTED_AT]: now } } } } });
      } catch (e) {
        errs.push(new CmdError(`failed to patch: ${(e as Error).message}`));
        continue;
      }
      printObject(k, { ...patched, kind: info.kind }, 'restarted');
    }
    if (errs.length) throw new AggregateError(errs);
  },
};
