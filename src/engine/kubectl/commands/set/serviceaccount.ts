/**
 * `kubectl set serviceaccount (-f FILENAME | TYPE NAME) SERVICE_ACCOUNT`
 * (k8s.io/kubectl/pkg/cmd/set/set_serviceaccount.go): `serviceaccount updated`.
 */
import type { Command } from '../../command';
import { CmdError } from '../../errors';
import { checkOutput, dryRunStrategy } from '../util/output';
import { applySetChanges, goTypeOf, podSpecOf, SET_FLAGS, setTargets } from './common';

export const setServiceAccountCmd: Command<void> = {
  name: 'serviceaccount',
  aliases: ['sa'],
  help: '',
  flags: SET_FLAGS('kubectl-set'),
  run: (_o, k) => {
    const dryRun = dryRunStrategy(k);
    checkOutput(k);
    const files = k.flags.strings('filename');
    if (k.args.length === 0 || (files.length === 0 && k.args.length < 2 && !k.args[0].includes('/'))) {
      throw k.usageError('serviceaccount is required');
    }
    if (k.flags.bool('local') && dryRun === 'server') throw new CmdError('cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
    const sa = k.args[k.args.length - 1];
    const { items, errors } = setTargets(k, k.args.slice(0, -1));
    applySetChanges(
      k,
      items,
      errors,
      'serviceaccount updated',
      (obj, info) => {
        const spec = podSpecOf(obj);
        if (!spec) throw new CmdError(`the object is not a pod or does not have a pod template: ${goTypeOf(info)}`);
        spec.serviceAccountName = sa;
      },
      'failed to patch ServiceAccountName ',
    );
  },
};
