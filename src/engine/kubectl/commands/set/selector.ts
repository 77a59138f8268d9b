/**
 * `kubectl set selector (-f FILENAME | TYPE NAME) EXPRESSIONS [--resource-version=version]`
 * (k8s.io/kubectl/pkg/cmd/set/set_selector.go): only Services (`selector updated`).
 */
import type { Command } from '../../command';
import { CmdError } from '../../errors';
import { boolFlag, stringFlag } from '../../flags';
import { checkOutput, dryRunStrategy } from '../util/output';
import { applySetChanges, SET_FLAGS, setTargets } from './common';

export const setSelectorCmd: Command<void> = {
  name: 'selector',
  help: '',
  flags: [...SET_FLAGS('kubectl-set').filter((f) => f.name !== 'selector'), stringFlag('resource-version'), boolFlag('all')],
  run: (_o, k) => {
    dryRunStrategy(k);
    checkOutput(k);
    const files = k.flags.strings('filename');
    const args = [...k.args];
    const selectorArg = files.length ? args[0] : args.pop();
    if (!selectorArg) throw new CmdError('one selector is required');
    const selector: Record<string, string> = {};
    for (const part of selectorArg.split(',')) {
      const [key, v, ...rest] = part.split('=');
      if (v === undefined || rest.length) throw new CmdError(`invalid selector: ${selectorArg}`);
      selector[key] = v;
    }
    const { items, errors } = setTargets(k, files.length ? [] : args);
    applySetChanges(
      k,
      items,
      errors,
      'selector updated',
      (obj) => {
        if (obj.kind !== 'Service') throw new CmdError('setting a selector is only supported for Services');
        obj.spec = { ...(obj.spec ?? {}), selector };
      },
      'failed to patch selector update: ',
    );
  },
};
