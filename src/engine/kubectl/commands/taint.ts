/**
 * `kubectl taint NODE NAME KEY_1=VAL_1:TAINT_EFFECT_1 ... KEY_N=VAL_N:TAINT_EFFECT_N`
 * (k8s.io/kubectl/pkg/cmd/taint/taint.go, utils.go): `tainted`, `untainted`, `modified`.
 */
import type { KObject } from '../../api/types/meta';
import { validateQualifiedName } from '../../api/validation';
import type { Command } from '../command';
import { AggregateError, CmdError } from '../errors';
import { boolFlag, SELECTOR_FLAG, stringFlag } from '../flags';
import { fetchTargets, resolveTargets } from '../refs';
import { checkOutput, dryRunStrategy, MUTATION_PRINT_FLAGS, printObject } from './util/output';

interface Taint {
  key: string;
  value?: string;
  effect?: string;
}

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Taint.ToString: `key=value:effect`. */
function taintString(t: Taint): string {
  let s = t.key;
  if (t.value) s += `=${t.value}`;
  if (t.effect) s += `:${t.effect}`;
  return s;
}

function parseTaint(st: string): Taint {
  const parts = st.split(':');
  let key: string;
  let value = '';
  let effect = '';
  if (parts.length === 1) key = parts[0];
  else if (parts.length === 2) {
    effect = parts[1];
    if (!EFFECTS.includes(effect)) throw new CmdError(`invalid taint effect: ${effect}, unsupported taint effect`);
    const kv = parts[0].split('=');
    if (kv.length > 2) throw new CmdError(`invalid taint spec: ${st}`);
    key = kv[0];
    if (kv.length === 2) {
      value = kv[1];
      if (value.length > 63 || !LABEL_VALUE.test(value)) {
        throw new CmdError(`invalid taint spec: ${st}, a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`);
      }
    }
  } else throw new CmdError(`invalid taint spec: ${st}`);
  // validation.IsQualifiedName, its messages joined with "; ".
  const keyErrs = validateQualifiedName(key, '');
  if (keyErrs.length > 0) throw new CmdError(`invalid taint spec: ${st}, ${keyErrs.map((e) => e.detail).join('; ')}`);
  const t: Taint = { key };
  if (value) t.value = value;
  if (effect) t.effect = effect;
  return t;
}

const matchTaint = (a: Taint, b: Taint) => a.key === b.key && (a.effect ?? '') === (b.effect ?? '');

export const taint: Command<void> = {
  name: 'taint',
  help: '',
  flags: [...MUTATION_PRINT_FLAGS, SELECTOR_FLAG, boolFlag('all'), boolFlag('overwrite'), stringFlag('field-manager', { default: 'kubectl-taint' }), stringFlag('validate', { default: 'strict', noOptDefault: 'strict' })],
  run: (_o, k) => {
    const dryRun = dryRunStrategy(k);
    checkOutput(k);
    const resources: string[] = [];
    const specs: string[] = [];
    let found = false;
    for (const s of k.args) {
      const isTaint = s.includes('=') || s.includes(':') || s.endsWith('-');
      if (isTaint) {
        found = true;
        specs.push(s);
      } else if (found) throw new CmdError(`all resources must be specified before taint changes: ${s}`);
      else resources.push(s);
    }
    if (resources.length < 1) throw new CmdError('one or more resources must be specified as <resource> <name>');
    if (specs.length < 1) throw new CmdError('at least one taint update is required');
    const add: Taint[] = [];
    const remove: Taint[] = [];
    try {
      for (const s of specs) {
        if (s.endsWith('-')) {
          const t = parseTaint(s.slice(0, -1));
          remove.push({ key: t.key, ...(t.effect ? { effect: t.effect } : {}) });
        } else {
          const t = parseTaint(s);
          if (!t.effect) throw new CmdError(`invalid taint spec: ${s}`);
          if (add.some((a) => matchTaint(a, t))) throw new CmdError(`duplicated taints with the same key and effect: ${JSON.stringify(t)}`);
          add.push(t);
        }
      }
    } catch (e) {
      throw k.usageError((e as Error).message);
    }
    const conflicts = remove.filter((r) => add.some((a) => matchTaint(a, r))).map(taintString);
    if (conflicts.length) throw new CmdError(`can not both modify and remove the following taint(s) in the same command: ${conflicts.join(', ')}`);
    const all = k.flags.bool('all');
    const selector = k.flags.string('selector');
    if (all && selector) throw new CmdError("setting 'all' parameter with a non empty selector is prohibited");
    const type = resources[0].split('/')[0];
    if (!['node', 'nodes', 'no'].includes(type.toLowerCase())) throw new CmdError(`invalid resource type ${type}, only node types are supported`);
    const args = resources[0].includes('/') ? resources : resources.length > 1 ? resources : all || selector ? resources : undefined;
    if (!args) throw new CmdError("at least one resource name must be specified since 'all' parameter is not set");
    const targets = resolveTargets(k, { args, labelSelector: selector || (all ? '' : undefined), all, allowEmptySelector: true });
    const { groups, errors } = fetchTargets(k.api, targets);
    const errs: unknown[] = [...errors];
    const overwrite = k.flags.bool('overwrite');
    for (const g of groups) {
      for (const node of g.objects as KObject[]) {
        try {
          const old: Taint[] = node.spec?.taints ?? [];
          if (!overwrite) {
            const exists = add.filter((t) => old.some((o) => o.key === t.key && o.effect === t.effect)).map((t) => t.key);
            if (exists.length) throw new CmdError(`node ${node.metadata.name} already has ${exists.join(',')} taint(s) with same effect(s) and --overwrite is false`);
          }
          let next: Taint[] = [...add];
          for (const o of old) if (!next.some((t) => matchTaint(t, o))) next.push(o);
          const added = old.length !== next.length;
          const notFound: string[] = [];
          let removed = false;
          for (const r of remove) {
            const before = next.length;
            next = next.filter((t) => !(r.effect ? matchTaint(r, t) : t.key === r.key));
            removed = next.length !== before;
            if (!removed) notFound.push(`taint ${JSON.stringify(taintString(r))} not found`);
          }
          if (notFound.length) throw new CmdError(notFound.length === 1 ? notFound[0] : `[${notFound.join(', ')}]`);
          const op = (added && removed) || overwrite ? 'modified' : added ? 'tainted' : 'untainted';
          let out: KObject = { ...node, kind: 'Node' };
          if (dryRun !== 'client') {
            out = k.api.patch('Node', undefined, node.metadata.name!, 'merge', { spec: { taints: next.length ? next : null } }, { dryRun: dryRun === 'server' });
          }
          printObject(k, { ...out, kind: 'Node' }, op, dryRun);
        } catch (e) {
          errs.push(e);
        }
      }
    }
    if (errs.length) throw new AggregateError(errs);
  },
};
