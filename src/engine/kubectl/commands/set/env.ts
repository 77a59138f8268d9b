/**
 * `kubectl set env RESOURCE/NAME KEY_1=VAL_1 ... KEY_N=VAL_N` basics
 * (k8s.io/kubectl/pkg/cmd/set/set_env.go): add, change (`--overwrite`, the default) and remove
 * (`KEY-`) variables in every container or those named by `-c`; `--list`.
 * Simplification: --from, --keys, --prefix, --resolve and `-e`/`--env` are not supported.
 */
import type { Command } from '../../command';
import { CmdError } from '../../errors';
import { boolFlag, stringArrayFlag, stringFlag } from '../../flags';
import { resourcesAndPairs } from '../util/meta-map';
import { checkOutput, dryRunStrategy } from '../util/output';
import { applySetChanges, goTypeOf, podSpecOf, SET_FLAGS, setTargets } from './common';

type Env = { name: string; value?: string; valueFrom?: unknown };
type Container = { name: string; env?: Env[] };

export const setEnvCmd: Command<void> = {
  name: 'env',
  help: '',
  flags: [
    ...SET_FLAGS('kubectl-set'),
    stringFlag('containers', { short: 'c', default: '*' }),
    stringArrayFlag('env', { short: 'e' }),
    stringFlag('from'),
    stringArrayFlag('keys'),
    boolFlag('list'),
    boolFlag('overwrite', { default: true }),
    stringFlag('prefix'),
    boolFlag('resolve'),
  ],
  run: (_o, k) => {
    const dryRun = dryRunStrategy(k);
    const output = checkOutput(k);
    if (k.flags.string('from') || k.flags.strings('env').length || k.flags.string('prefix')) {
      throw new CmdError('--from, --env and --prefix are not supported in this playground');
    }
    const [resources, pairs] = resourcesAndPairs(k.args, 'environment');
    const list = k.flags.bool('list');
    if (k.flags.bool('all') && k.flags.string('selector')) throw new CmdError('cannot set --all and --selector at the same time');
    if (k.flags.bool('local') && dryRun === 'server') throw new CmdError('cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
    if (resources.length === 0 && k.flags.strings('filename').length === 0) {
      throw new CmdError('one or more resources must be specified as <resource> <name> or <resource>/<name>');
    }
    if (list && output) throw new CmdError('--list and --output may not be specified together');
    const add: Env[] = [];
    const remove: string[] = [];
    for (const p of pairs) {
      const i = p.indexOf('=');
      if (i > 0) {
        const name = p.slice(0, i);
        if (!/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(name)) throw new CmdError(`invalid env: ${p}`);
        add.push({ name, value: p.slice(i + 1) });
      } else if (p.endsWith('-')) remove.push(p.slice(0, -1));
      else throw new CmdError(`invalid key/value pair: ${p}`);
    }
    const containerSel = k.flags.string('containers');
    const matchName = (n: string) => containerSel === '*' || new RegExp(`^${containerSel.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`).test(n);
    const { items, errors } = setTargets(k, resources);
    if (list) {
      for (const { info, obj } of items) {
        const spec = podSpecOf(obj);
        if (!spec) continue;
        for (const c of (spec.containers as Container[]) ?? []) {
          if (!matchName(c.name)) continue;
          k.out.write(`# ${info.kind.toLowerCase()}s ${obj.metadata.name}, container ${c.name}\n`);
          for (const e of c.env ?? []) {
            if (e.valueFrom === undefined) k.out.write(`${e.name}=${e.value ?? ''}\n`);
          }
        }
      }
      return;
    }
    if (add.length === 0 && remove.length === 0) throw new CmdError('at least one environment variable must be provided');
    const overwrite = k.flags.bool('overwrite');
    applySetChanges(
      k,
      items,
      errors,
      'env updated',
      (obj, info) => {
        const spec = podSpecOf(obj);
        if (!spec) throw new CmdError(`the object is not a pod or does not have a pod template: ${goTypeOf(info)}`);
        for (const key of ['initContainers', 'containers']) {
          for (const c of (spec[key] as Container[] | undefined) ?? []) {
            if (!matchName(c.name)) continue;
            let env = [...(c.env ?? [])];
            for (const a of add) {
              const i = env.findIndex((e) => e.name === a.name);
              if (i >= 0) {
                if (!overwrite && env[i].value !== a.value) {
                  throw new CmdError(`'${a.name}' already has a value (${env[i].value ?? ''}), and --overwrite is false`);
                }
                env[i] = a;
              } else env.push(a);
            }
            env = env.filter((e) => !remove.includes(e.name));
            if (env.length) c.env = env;
            else delete c.env;
          }
        }
      },
      'failed to patch env update to pod template: ',
    );
  },
};
