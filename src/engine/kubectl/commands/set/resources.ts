/**
 * `kubectl set resources (-f FILENAME | TYPE NAME) ([--limits=LIMITS & --requests=REQUESTS]`
 * (k8s.io/kubectl/pkg/cmd/set/set_resources.go): `resource requirements updated`.
 */
import { canonicalQuantity } from '../../../kubelet/quantity';
import type { Command } from '../../command';
import { CmdError } from '../../errors';
import { stringFlag } from '../../flags';
import { checkOutput, dryRunStrategy } from '../util/output';
import { applySetChanges, goTypeOf, podSpecOf, SET_FLAGS, setTargets } from './common';

type Container = { name: string; resources?: { limits?: Record<string, string>; requests?: Record<string, string> } };

function resourceList(spec: string): Record<string, string> | undefined {
  if (!spec) return undefined;
  const out: Record<string, string> = {};
  for (const stmt of spec.split(',')) {
    const parts = stmt.split('=');
    if (parts.length !== 2) throw new CmdError(`Invalid argument syntax ${stmt}, expected <resource>=<value>`);
    const q = canonicalQuantity(parts[1]);
    if (q === undefined) throw new CmdError("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
    out[parts[0]] = q;
  }
  return out;
}

export const setResourcesCmd: Command<void> = {
  name: 'resources',
  help: '',
  flags: [...SET_FLAGS('kubectl-set'), stringFlag('containers', { short: 'c', default: '*' }), stringFlag('limits'), stringFlag('requests')],
  run: (_o, k) => {
    const dryRun = dryRunStrategy(k);
    checkOutput(k);
    if (k.flags.bool('local') && dryRun === 'server') throw new CmdError('cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
    if (k.flags.bool('all') && k.flags.string('selector')) throw new CmdError('cannot set --all and --selector at the same time');
    const limitsSpec = k.flags.string('limits');
    const requestsSpec = k.flags.string('requests');
    if (!limitsSpec && !requestsSpec) throw new CmdError('you must specify an update to requests or limits (in the form of --requests/--limits)');
    const limits = resourceList(limitsSpec);
    const requests = resourceList(requestsSpec);
    const sel = k.flags.string('containers');
    const { items, errors } = setTargets(k, k.args);
    applySetChanges(
      k,
      items,
      errors,
      'resource requirements updated',
      (obj, info, errs) => {
        const spec = podSpecOf(obj);
        if (!spec) throw new CmdError(`the object is not a pod or does not have a pod template: ${goTypeOf(info)}`);
        let found = false;
        for (const key of ['initContainers', 'containers']) {
          for (const c of (spec[key] as Container[] | undefined) ?? []) {
            if (sel !== '*' && c.name !== sel) continue;
            found = true;
            const r = (c.resources ??= {});
            if (limits) r.limits = { ...(r.limits ?? {}), ...limits };
            if (requests) r.requests = { ...(r.requests ?? {}), ...requests };
          }
        }
        if (!found) errs.push(new CmdError(`error: unable to find container named ${sel}`));
      },
      'failed to patch resources update to pod template ',
    );
  },
};
