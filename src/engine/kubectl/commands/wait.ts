/**
 * `kubectl wait ([-f FILENAME] | resource.group/resource.name | resource.group [(-l label |
 * --all)]) [--for=create|--for=delete|--for condition=available|--for=jsonpath='{}'[=value]]`
 * (k8s.io/kubectl/pkg/cmd/wait): checks each object in turn until its condition holds
 * (`<kind.group>/<name> condition met`) or `--timeout` (default 30s) passes
 * (`error: timed out waiting for the condition on deployments/web`).
 */
import { isStatusError } from '../../api/errors';
import type { KObject } from '../../api/types/meta';
import type { ResourceInfo } from '../../api/resources';
import type { LongRunning } from '../../shell/process';
import type { Command, Kctx } from '../command';
import { CmdError, formatError } from '../errors';
import { ALL_NAMESPACES_FLAG, boolFlag, durationFlag, FIELD_SELECTOR_FLAG, FILENAME_FLAGS, printFlags, SELECTOR_FLAG, stringFlag } from '../flags';
import { jsonPath, relaxedJsonPath } from '../printers/jsonpath';
import { fetchTargets, resolveTargets } from '../refs';
import { printObject } from './util/output';

type Check = (obj: KObject | undefined) => boolean;

/** Go's strings.EqualFold for the ASCII values conditions hold. */
const equalFold = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function conditionCheck(name: string, value: string): Check {
  return (obj) => {
    if (!obj) return false;
    for (const c of (obj.status?.conditions ?? []) as { type: string; status: string; observedGeneration?: number }[]) {
      if (!equalFold(c.type, name)) continue;
      if (c.observedGeneration !== undefined && obj.metadata.generation !== undefined && c.observedGeneration !== obj.metadata.generation) continue;
      if (equalFold(c.status, value)) return true;
    }
    return false;
  };
}

function jsonPathCheck(expr: string, value: string | undefined): Check {
  return (obj) => {
    if (!obj) return false;
    let out: string;
    try {
      out = jsonPath(expr, JSON.parse(JSON.stringify(obj)), { allowMissingKeys: true });
    } catch {
      return false;
    }
    if (value === undefined) return out !== '';
    return out === value;
  };
}

/** splitJSONPathInput: the expression and an optional `=value` outside braces. */
function splitJsonPath(input: string): [string, string | undefined] {
  let depth = 0;
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === '=' && depth === 0) return [input.slice(0, i), input.slice(i + 1)];
  }
  return [input, undefined];
}

export const wait: Command<void> = {
  name: 'wait',
  help: '',
  flags: [
    ...FILENAME_FLAGS.map((f) => (f.name === 'recursive' ? { ...f, default: true } : f)),
    ...printFlags(),
    SELECTOR_FLAG,
    FIELD_SELECTOR_FLAG,
    ALL_NAMESPACES_FLAG,
    boolFlag('all'),
    stringFlag('for'),
    boolFlag('local'),
    durationFlag('timeout', { default: 30000 }),
  ],
  run: (_o, k: Kctx) => {
    const forCond = k.flags.string('for');
    const lower = forCond.toLowerCase();
    let check: Check;
    let isDelete = false;
    if (lower === 'delete') {
      isDelete = true;
      check = (obj) => obj === undefined;
    } else if (lower === 'create') check = (obj) => obj !== undefined;
    else if (forCond.startsWith('condition=')) {
      let name = forCond.slice('condition='.length);
      let value = 'true';
      const eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.slice(eq + 1);
        name = name.slice(0, eq);
      }
      check = conditionCheck(name, value);
    } else if (forCond.startsWith('jsonpath=')) {
      const [expr, value] = splitJsonPath(forCond.slice('jsonpath='.length));
      if (expr === '') throw new CmdError('jsonpath expression cannot be empty');
      check = jsonPathCheck(relaxedJsonPath(expr), value);
    } else throw new CmdError(`unrecognized condition: ${JSON.stringify(forCond)}`);
    let timeout = k.flags.duration('timeout');
    if (timeout < 0) timeout = 168 * 3600 * 1000;
    const all = k.flags.bool('all');
    const selector = k.flags.string('selector');
    const targets = resolveTargets(k, {
      args: k.args,
      filenames: k.flags.strings('filename'),
      recursive: k.flags.bool('recursive'),
      labelSelector: selector || (all ? '' : undefined),
      fieldSelector: k.flags.string('field-selector') || undefined,
      all,
      allNamespaces: k.flags.bool('all-namespaces'),
    });
    const { groups, errors } = fetchTargets(k.api, targets);
    const notFound = errors.filter((e) => isStatusError(e) && e.reason === 'NotFound');
    if (errors.length && !(isDelete && notFound.length === errors.length) && lower !== 'create') throw errors[0];
    const items: { info: ResourceInfo; obj: KObject }[] = groups.flatMap((g) => g.objects.map((o) => ({ info: g.info, obj: o })));
    if (lower === 'create') {
      for (const t of targets) if (t.type === 'name' && !items.some((i) => i.obj.metadata.name === t.name)) items.push({ info: t.info, obj: { kind: t.info.kind, metadata: { name: t.name, namespace: t.namespace } } });
    }
    if (items.length === 0) {
      if (isDelete) return;
      throw new CmdError('no matching resources found');
    }
    const clock = k.cluster.clock;
    const deadline = clock.now() + timeout;
    let i = 0;
    const step = (): number | undefined => {
      while (i < items.length) {
        const { info, obj } = items[i];
        const live = k.api.find(info.kind, obj.metadata.namespace, obj.metadata.name!);
        const current = live && (!isDelete || !obj.metadata.uid || live.metadata.uid === obj.metadata.uid) ? live : undefined;
        if (check(current)) {
          printObject(k, { ...(current ?? obj), kind: info.kind }, 'condition met');
          i++;
          continue;
        }
        if (timeout === 0) {
          k.err.write(formatError(new CmdError(`condition not met for ${info.group ? `${info.plural}.${info.group}` : info.plural}/${obj.metadata.name}`)).text);
          return 1;
        }
        if (clock.now() >= deadline) {
          k.err.write(`error: timed out waiting for the condition on ${info.plural}/${obj.metadata.name}\n`);
          return 1;
        }
        return undefined;
      }
      return 0;
    };
    const first = step();
    if (first !== undefined) return first;
    const lr: LongRunning = { deadlineMs: deadline, poll: step, cancel: () => 130 };
    return lr;
  },
};
