/**
 * `kubectl scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT
 * (-f FILENAME | TYPE NAME)` (k8s.io/kubectl/pkg/cmd/scale/scale.go, k8s.io/kubectl/pkg/scale):
 * through the scale subresource of deployments, replica sets, stateful sets and replication
 * controllers; `--current-replicas` and `--resource-version` are preconditions; `--timeout`
 * waits for the replicas.
 */
import { StatusError } from '../../api/errors';
import type { KObject } from '../../api/types/meta';
import type { Command } from '../command';
import { AggregateError, CmdError } from '../errors';
import { boolFlag, durationFlag, FILENAME_FLAGS, intFlag, SELECTOR_FLAG, stringFlag } from '../flags';
import { fetchTargets, resolveTargets } from '../refs';
import { checkOutput, dryRunStrategy, MUTATION_PRINT_FLAGS, printObject, requireFlags } from './util/output';

const SCALABLE = ['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController'];

export const scale: Command<void> = {
  name: 'scale',
  help: '',
  flags: [
    ...FILENAME_FLAGS,
    ...MUTATION_PRINT_FLAGS,
    SELECTOR_FLAG,
    boolFlag('all'),
    intFlag('current-replicas', { default: -1 }),
    intFlag('replicas', { default: -1 }),
    stringFlag('resource-version'),
    durationFlag('timeout'),
  ],
  run: (_o, k) => {
    // cmd.MarkFlagRequired("replicas"): cobra checks it before the command runs.
    requireFlags(k, 'replicas');
    const dryRun = dryRunStrategy(k);
    checkOutput(k);
    const replicas = k.flags.int('replicas');
    const current = k.flags.int('current-replicas');
    if (replicas < 0) throw new CmdError('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
    if (current < -1) throw new CmdError('The --current-replicas must specify an integer of -1 or greater');
    const all = k.flags.bool('all');
    const selector = k.flags.string('selector');
    const targets = resolveTargets(k, {
      args: k.args,
      filenames: k.flags.strings('filename'),
      recursive: k.flags.bool('recursive'),
      labelSelector: selector || (all ? '' : undefined),
      all,
    });
    const { groups, errors } = fetchTargets(k.api, targets);
    const infos = groups.flatMap((g) => g.objects.map((o) => ({ info: g.info, obj: o as KObject })));
    const rv = k.flags.string('resource-version');
    if (rv && infos.length > 1) throw new CmdError('cannot use --resource-version with multiple resources');
    if (infos.length === 0) {
      if (errors.length) throw new CmdError(`no objects passed to scale ${errors.map((e) => (e as Error).message).join(', ')}`);
      throw new CmdError('no objects passed to scale');
    }
    for (const { info, obj } of infos) {
      const out = { ...obj, kind: info.kind };
      if (dryRun === 'client') {
        printObject(k, out, 'scaled', dryRun);
        continue;
      }
      if (!SCALABLE.includes(info.kind)) throw new StatusError(404, 'NotFound', 'the server could not find the requested resource');
      const live = k.api.get(info.kind, obj.metadata.namespace, obj.metadata.name!);
      if (current !== -1 && (live.spec?.replicas ?? 1) !== current) {
        throw new CmdError(`Expected replicas to be ${current}, was ${live.spec?.replicas ?? 1}`);
      }
      if (rv && live.metadata.resourceVersion !== rv) {
        throw new CmdError(`Expected resource version to be ${rv}, was ${live.metadata.resourceVersion}`);
      }
      k.api.patch(info.kind, obj.metadata.namespace, obj.metadata.name!, 'merge', { spec: { replicas } }, { dryRun: dryRun === 'server' });
      printObject(k, out, 'scaled', dryRun);
    }
    if (errors.length) throw new AggregateError(errors);
  },
};
