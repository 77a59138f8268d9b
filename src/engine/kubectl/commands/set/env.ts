/**
 * `kubectl set env RESOURCE/NAME KEY_1=VAL_1 ... KEY_N=VAL_N`
 * (k8s.io/kubectl/pkg/cmd/set/set_env.go, set/env/env_parse.go, env_resolve.go, helper.go
 * updateEnv/selectContainers): add, change (`--overwrite`, the default) and remove (`KEY-`)
 * variables in the containers (and init containers) selected by `-c` (wildcards); `-e/--env`
 * pairs; `-` reads `KEY=VALUE` lines from stdin; `--from=configmap/NAME|secret/NAME` adds a
 * `configMapKeyRef`/`secretKeyRef` variable per key (`--keys` to pick, names upper-cased with
 * other characters turned into `_` and a warning); `--prefix` is put before every new name;
 * `--list` prints the environment (references as `# NAME from ...`, or their values with
 * `--resolve`).
 * Simplification: the keys of `--from` come in sorted order; kubectl walks a Go map, whose
 * order changes from run to run.
 */
import { base64Decode } from '../../../core/base64';
import { parseQuantity, toNumber } from '../../../kubelet/quantity';
import type { JsonObject } from '../../../api/patch/go';
import { PatchSchema } from '../../../api/patch/schema';
import { createTwoWayMergePatch } from '../../../api/patch/strategic';
import type { KObject } from '../../../api/types/meta';
import type { Command, Kctx } from '../../command';
import { AggregateError, CmdError } from '../../errors';
import { boolFlag, stringArrayFlag, stringFlag, stringSliceFlag } from '../../flags';
import { fetchTargets, resolveTargets } from '../../refs';
import { checkOutput, dryRunStrategy, printObject } from '../util/output';
import { goTypeOf, objectName, podSpecOf, SET_FLAGS, setTargets } from './common';

interface EnvSource {
  configMapKeyRef?: { name: string; key: string };
  secretKeyRef?: { name: string; key: string };
  fieldRef?: { fieldPath: string; apiVersion?: string };
  resourceFieldRef?: { resource: string; containerName?: string; divisor?: string | number };
}
type Env = { name: string; value?: string; valueFrom?: EnvSource };
type Container = { name: string; env?: Env[]; resources?: { limits?: Record<string, unknown>; requests?: Record<string, unknown> } };

const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const MSG_ENV_NAME =
  "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')";

/** envutil.SplitEnvironmentFromResources: resources first, then `KEY=VALUE` / `KEY-`. */
function splitEnvironment(args: readonly string[]): { resources: string[]; envArgs: string[] } | undefined {
  const resources: string[] = [];
  const envArgs: string[] = [];
  for (const s of args) {
    const isEnv = /^.+=/s.test(s) || s.endsWith('-');
    if (isEnv) envArgs.push(s);
    else if (envArgs.length === 0) resources.push(s);
    else return undefined;
  }
  return { resources, envArgs };
}

/** envutil.ParseEnv. */
function parseEnv(spec: readonly string[], stdin: string): { env: Env[]; remove: string[] } {
  const env: Env[] = [];
  const exists = new Set<string>();
  const remove: string[] = [];
  for (const s of spec) {
    if (s === '-') {
      // readEnv: `#` starts a comment; lines without `=` are skipped.
      for (let line of stdin.split('\n')) {
        const hash = line.indexOf('#');
        if (hash >= 0) line = line.slice(0, hash);
        const eq = line.indexOf('=');
        if (eq >= 0) env.push({ name: line.slice(0, eq), value: line.slice(eq + 1) });
      }
    } else if (s.includes('=')) {
      const eq = s.indexOf('=');
      const name = s.slice(0, eq);
      const errs: string[] = [];
      if (!ENV_NAME.test(name)) errs.push(MSG_ENV_NAME);
      if (errs.length) throw new CmdError(`${JSON.stringify(name)} is not a valid key name: ${errs.join(';')}`);
      exists.add(name);
      env.push({ name, value: s.slice(eq + 1) });
    } else if (s.endsWith('-')) {
      remove.push(s.slice(0, -1));
    } else {
      throw new CmdError(`unknown environment variable: ${s}`);
    }
  }
  if (remove.some((r) => exists.has(r))) throw new CmdError('can not both modify and remove the same environment variable in the same command');
  return { env, remove };
}

/** selectString: `*` wildcards as kubectl matches them (a port of its loop, quirks included). */
export function selectString(s: string, spec: string): boolean {
  if (spec === '*') return true;
  if (!spec.includes('*')) return s === spec;
  let pos = 0;
  const parts = spec.split('*');
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (part.length === 0) continue;
    const next = s.slice(pos).indexOf(part);
    if (next < pos || (i === 0 && pos !== 0) || (i === parts.length - 1 && s.length !== part.length + next)) return false;
    pos = next;
  }
  return true;
}

/** updateEnv: replaced in place, removed, new ones appended. */
function updateEnv(existing: Env[], env: Env[], remove: string[]): Env[] {
  const out: Env[] = [];
  const covered = new Set(remove);
  for (const e of existing) {
    if (covered.has(e.name)) continue;
    const newer = env.find((n) => n.name === e.name);
    if (newer) {
      covered.add(e.name);
      out.push(newer);
      continue;
    }
    out.push(e);
  }
  for (const e of env) {
    if (covered.has(e.name)) continue;
    covered.add(e.name);
    out.push(e);
  }
  return out;
}

/** GetEnvVarRefString. */
function refString(from: EnvSource): string {
  if (from.configMapKeyRef) return `configmap ${from.configMapKeyRef.name}, key ${from.configMapKeyRef.key}`;
  if (from.secretKeyRef) return `secret ${from.secretKeyRef.name}, key ${from.secretKeyRef.key}`;
  if (from.fieldRef) return `field path ${from.fieldRef.fieldPath}`;
  if (from.resourceFieldRef) {
    const prefix = from.resourceFieldRef.containerName ? `${from.resourceFieldRef.containerName}/` : '';
    return `resource field ${prefix}${from.resourceFieldRef.resource}`;
  }
  return 'invalid valueFrom';
}

/** formatMap: `key="value"` lines in key order. */
function formatMap(m: Record<string, string> | undefined): string {
  return Object.keys(m ?? {})
    .sort()
    .map((key) => `${key}=${JSON.stringify(m![key])}`)
    .join('\n');
}

/** GetEnvVarRefValue: the value a reference resolves to, or an error text. */
function refValue(k: Kctx, namespace: string, from: EnvSource, obj: KObject, c: Container): string {
  const keyRef = (kind: 'ConfigMap' | 'Secret', ref: { name: string; key: string }, what: string) => {
    const o = k.api.get(kind, namespace, ref.name);
    const data = (o.data ?? {}) as Record<string, string>;
    if (!(ref.key in data)) throw new CmdError(`key ${ref.key} not found in ${what} ${ref.name}`);
    return kind === 'Secret' ? (base64Decode(data[ref.key]) ?? '') : data[ref.key];
  };
  if (from.secretKeyRef) return keyRef('Secret', from.secretKeyRef, 'secret');
  if (from.configMapKeyRef) return keyRef('ConfigMap', from.configMapKeyRef, 'config map');
  if (from.fieldRef) {
    const path = from.fieldRef.fieldPath;
    const sub = /^(.+)\['(.*)'\]$/s.exec(path);
    if (sub) {
      if (sub[1] === 'metadata.annotations') return obj.metadata.annotations?.[sub[2]] ?? '';
      if (sub[1] === 'metadata.labels') return obj.metadata.labels?.[sub[2]] ?? '';
      throw new CmdError(`fieldPath ${JSON.stringify(path)} does not support subscript`);
    }
    switch (path) {
      case 'metadata.annotations':
        return formatMap(obj.metadata.annotations);
      case 'metadata.labels':
        return formatMap(obj.metadata.labels);
      case 'metadata.name':
        return obj.metadata.name ?? '';
      case 'metadata.namespace':
        return obj.metadata.namespace ?? '';
      case 'metadata.uid':
        return obj.metadata.uid ?? '';
    }
    throw new CmdError(`unsupported fieldPath: ${path}`);
  }
  if (from.resourceFieldRef) {
    const fs = from.resourceFieldRef;
    const divisor = parseQuantity(fs.divisor ?? '1');
    const d = divisor && toNumber(divisor) !== 0 ? toNumber(divisor) : 1;
    const [group, name] = fs.resource.split(/\.(.*)/s);
    const q = parseQuantity((group === 'limits' ? c.resources?.limits : c.resources?.requests)?.[name] ?? '0');
    const v = q ? toNumber(q) : 0;
    if (name === 'cpu' && (group === 'limits' || group === 'requests')) return String(Math.ceil(Math.ceil(v * 1000 - 1e-9) / Math.ceil(d * 1000 - 1e-9)));
    if ((name === 'memory' || name === 'ephemeral-storage' || name.startsWith('hugepages-')) && (group === 'limits' || group === 'requests')) {
      return String(Math.ceil(Math.ceil(v) / Math.ceil(d)));
    }
    throw new CmdError(`Unsupported container resource : ${fs.resource}`);
  }
  throw new CmdError('invalid valueFrom');
}

/** The variables of `--from`: one reference per key of each ConfigMap or Secret. */
function envFrom(k: Kctx, keys: string[]): Env[] {
  const local = k.flags.bool('local');
  const targets = resolveTargets(k, {
    args: local ? [] : [k.flags.string('from')],
    filenames: k.flags.strings('filename'),
    recursive: k.flags.bool('recursive'),
    labelSelector: local ? undefined : k.flags.string('selector') || (k.flags.bool('all') ? '' : undefined),
    all: !local && k.flags.bool('all'),
  });
  const objects: KObject[] = [];
  if (local) {
    for (const t of targets) if (t.type === 'object') objects.push({ ...t.object, kind: t.info.kind });
  } else {
    const { groups, errors } = fetchTargets(k.api, targets);
    if (errors.length) throw new AggregateError(errors);
    for (const g of groups) for (const o of g.objects) objects.push({ ...o, kind: g.info.kind });
  }
  const env: Env[] = [];
  for (const from of objects) {
    const kind = from.kind === 'Secret' ? 'secretKeyRef' : from.kind === 'ConfigMap' ? 'configMapKeyRef' : undefined;
    if (!kind) throw new CmdError('unsupported resource specified in --from');
    for (const key of Object.keys((from.data ?? {}) as Record<string, string>).sort()) {
      if (keys.length > 0 && !keys.includes(key)) continue;
      // keyToEnvName
      const name = key.replace(/[^a-zA-Z0-9_]/g, '_').toUpperCase();
      if (name !== key) k.warn(`key ${key} transferred to ${name}`);
      env.push({ name, valueFrom: { [kind]: { key, name: from.metadata.name! } } });
    }
  }
  return env;
}

export const setEnvCmd: Command<void> = {
  name: 'env',
  help: '',
  flags: [
    ...SET_FLAGS('kubectl-set'),
    stringFlag('containers', { short: 'c', default: '*' }),
    stringArrayFlag('env', { short: 'e' }),
    stringFlag('from'),
    stringSliceFlag('keys'),
    boolFlag('list'),
    boolFlag('overwrite', { default: true }),
    stringFlag('prefix'),
    boolFlag('resolve'),
  ],
  run: (_o, k) => {
    // Complete
    if (k.flags.bool('all') && k.flags.string('selector')) throw new CmdError('cannot set --all and --selector at the same time');
    const split = splitEnvironment(k.args);
    if (!split) throw new CmdError(`all resources must be specified before environment changes: ${k.args.join(' ')}`);
    const { resources, envArgs } = split;
    const dryRun = dryRunStrategy(k);
    const output = checkOutput(k);
    // Validate
    const local = k.flags.bool('local');
    if (local && dryRun === 'server') throw new CmdError('cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
    if (k.flags.strings('filename').length === 0 && resources.length === 0) {
      throw new CmdError('one or more resources must be specified as <resource> <name> or <resource>/<name>');
    }
    const list = k.flags.bool('list');
    if (list && output) throw new CmdError('--list and --output may not be specified together');
    const keys = k.flags.strings('keys');
    if (keys.length > 0 && !k.flags.string('from')) throw new CmdError('when specifying --keys, a configmap or secret must be provided with --from');
    // RunEnv
    const { env, remove } = parseEnv([...k.flags.strings('env'), ...envArgs], k.proc.stdin ?? '');
    if (k.flags.string('from')) env.push(...envFrom(k, keys));
    const prefix = k.flags.string('prefix');
    if (prefix) for (const e of env) e.name = `${prefix}${e.name}`;

    const { items, errors } = setTargets(k, resources);
    const errs: unknown[] = [...errors];
    const selector = k.flags.string('containers');
    const overwrite = k.flags.bool('overwrite');
    const resolve = k.flags.bool('resolve');
    const patches: { item: (typeof items)[number]; patch?: JsonObject; err?: unknown }[] = [];
    for (const item of items) {
      const { info, obj } = item;
      const before = structuredClone(obj) as unknown as JsonObject;
      try {
        const spec = podSpecOf(obj);
        if (!spec) throw new CmdError(`the object is not a pod or does not have a pod template: ${goTypeOf(info)}`);
        const containers = [
          ...((spec.containers as Container[] | undefined) ?? []).filter((c) => selectString(c.name, selector)),
          ...((spec.initContainers as Container[] | undefined) ?? []).filter((c) => selectString(c.name, selector)),
        ];
        if (containers.length === 0) {
          k.warn(`${info.kind}/${obj.metadata.name} does not have any containers matching ${JSON.stringify(selector)}`);
        }
        let unresolved = false;
        for (const c of containers) {
          if (!overwrite) {
            for (const e of env) {
              const current = (c.env ?? []).find((x) => x.name === e.name);
              if (current && (current.value ?? '') !== (e.value ?? '')) {
                throw new CmdError(`'${current.name}' already has a value (${current.value ?? ''}), and --overwrite is false`);
              }
            }
          }
          const updated = updateEnv(c.env ?? [], env, remove);
          if (updated.length) c.env = updated;
          else delete c.env;
          if (!list) continue;
          k.out.write(`# ${info.kind} ${obj.metadata.name}, container ${c.name}\n`);
          const resolveErrors = new Map<string, string[]>();
          for (const e of updated) {
            if (!e.valueFrom) {
              k.out.write(`${e.name}=${e.value ?? ''}\n`);
              continue;
            }
            if (!resolve) {
              k.out.write(`# ${e.name} from ${refString(e.valueFrom)}\n`);
              continue;
            }
            try {
              k.out.write(`${e.name}=${refValue(k, obj.metadata.namespace ?? k.namespace, e.valueFrom, obj, c)}\n`);
            } catch (err) {
              k.out.write(`# ${e.name} from ${refString(e.valueFrom)}\n`);
              const text = (err as Error).message;
              resolveErrors.set(text, [...(resolveErrors.get(text) ?? []), e.name]);
              unresolved = true;
            }
          }
          const lines = [...resolveErrors].map(([text, vars]) => `error retrieving reference for ${[...vars].sort().join(', ')}: ${text}`).sort();
          for (const l of lines) k.err.write(`${l}\n`);
        }
        if (unresolved) throw new CmdError('failed to retrieve valueFrom references');
        patches.push({ item, patch: createTwoWayMergePatch(before, obj as unknown as JsonObject, PatchSchema.forKind(info.kind)) });
      } catch (e) {
        if (!(e instanceof CmdError)) throw e;
        patches.push({ item, err: e });
      }
    }
    if (list) return;

    for (const { item, patch, err } of patches) {
      const { info, obj } = item;
      if (err) {
        errs.push(new CmdError(`error: ${objectName(info, obj.metadata.name!)} ${(err as Error).message}\n`));
        continue;
      }
      if (!patch || Object.keys(patch).length === 0) continue;
      if (local || dryRun === 'client') {
        printObject(k, obj, 'env updated', dryRun);
        continue;
      }
      let actual: KObject;
      try {
        actual = k.api.patch(info.kind, obj.metadata.namespace, obj.metadata.name!, 'strategic', patch, { dryRun: dryRun === 'server' });
      } catch (e) {
        errs.push(new CmdError(`failed to patch env update to pod template: ${(e as Error).message}`));
        continue;
      }
      // kubectl checks for variables only after a patch went through (`-e KEY-` removes, then fails).
      if (env.length === 0 && envArgs.length === 0) throw new CmdError('at least one environment variable must be provided');
      printObject(k, { ...actual, kind: info.kind }, 'env updated', dryRun);
    }
    if (errs.length) throw new AggregateError(errs);
  },
};
