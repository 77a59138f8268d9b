/**
 * Tab completion for the terminal, as bash with bash-completion and `kubectl completion bash`
 * offer it: command names in command position, file names elsewhere, directories after `cd`,
 * `$VARIABLES`, and for kubectl what cobra's `__complete` returns (kubectl/pkg/cmd/util/
 * completion.go): sub-commands, flags, resource types as `kubectl api-resources -o name` prints
 * them, names of objects in the cluster (`kubectl get pods <Tab>`, `deploy/<Tab>`), namespaces
 * after `-n`, output formats after `-o`.
 */
import { RESOURCES, resolveResource, type ResourceInfo } from '../api/resources';
import type { Command } from '../kubectl/command';
import { COMMANDS, KUBECTL_COMMAND_NAMES } from '../kubectl/commands';
import { GLOBAL_FLAGS, type FlagSpec } from '../kubectl/flags';
import type { CompletionResult } from './line-editor';
import type { Shell } from './shell';
import { HOME } from './fs';

interface WordAt {
  text: string;
  start: number;
}

/** Splits the command being typed (after the last `|`, `;`, `&&`, `(`) into words. */
function currentCommand(line: string): WordAt[] {
  const words: WordAt[] = [];
  let cur: WordAt | undefined;
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = '';
      else if (cur) cur.text += c;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      cur ??= { text: '', start: i };
      continue;
    }
    if (c === '\\' && i + 1 < line.length) {
      cur ??= { text: '', start: i };
      cur.text += line[++i];
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n') {
      if (cur) words.push(cur);
      cur = undefined;
      continue;
    }
    if (c === '|' || c === ';' || c === '&' || c === '(' || c === ')' || (c === '$' && line[i + 1] === '(')) {
      if (cur) words.push(cur);
      cur = undefined;
      words.length = 0;
      if (c === '$') i++;
      continue;
    }
    cur ??= { text: '', start: i };
    cur.text += c;
  }
  if (cur) words.push(cur);
  return words;
}

/** Creates the completer for a shell session. */
export function createCompleter(shell: Shell): (line: string, cursor: number) => CompletionResult {
  return (line, cursor) => {
    const before = line.slice(0, cursor);
    const words = currentCommand(before);
    const endsInSpace = /[ \t]$/.test(before) || words.length === 0;
    const current: WordAt = endsInSpace ? { text: '', start: cursor } : words[words.length - 1];
    const previous = endsInSpace ? words : words.slice(0, -1);
    // Leading assignments (`FOO=1 cmd`) are not the command.
    while (previous.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(previous[0].text)) previous.shift();
    const start = current.start;
    const word = current.text;

    if (word.startsWith('$') && !word.includes('/')) {
      const names = [...shell.vars.keys()].sort().map((n) => `$${n}`);
      return { start, candidates: names };
    }
    const prev = previous[previous.length - 1]?.text;
    if (prev !== undefined && /^[0-9]*(>|>>|<|&>)$/.test(prev)) return fileCompletion(shell, start, word, false);
    if (previous.length === 0) {
      if (word.includes('/')) return fileCompletion(shell, start, word, false);
      return { start, candidates: shell.commandNames() };
    }
    let command = previous[0].text;
    let args = previous.slice(1).map((w) => w.text);
    const alias = shell.aliases.get(command);
    if (alias !== undefined) {
      const parts = alias.trim().split(/\s+/);
      command = parts[0];
      args = [...parts.slice(1), ...args];
    }
    if (command === 'sudo' || command === 'timeout' || command === 'xargs' || command === 'env') {
      return { start, candidates: args.length === 0 || command !== 'timeout' ? shell.commandNames() : [] };
    }
    switch (command) {
      case 'kubectl':
        return { start, ...kubectlCompletion(shell, args, word, start) };
      case 'kubeplay':
        return { start, candidates: kubeplayCompletion(shell, args) };
      case 'cd':
      case 'mkdir':
      case 'rmdir':
        return fileCompletion(shell, start, word, true);
      case 'alias':
      case 'unalias':
        return { start, candidates: [...shell.aliases.keys()] };
      case 'export':
      case 'unset':
        return { start, candidates: [...shell.vars.keys()] };
      default:
        return fileCompletion(shell, start, word, false);
    }
  };
}

/** File names (directories with a trailing `/`), shown by their last path component. */
function fileCompletion(shell: Shell, start: number, word: string, dirsOnly: boolean): CompletionResult {
  const slash = word.lastIndexOf('/');
  const dirPart = slash >= 0 ? word.slice(0, slash + 1) : '';
  const prefix = slash >= 0 ? word.slice(slash + 1) : word;
  const dirPath = dirPart === '' ? '.' : dirPart.startsWith('~/') ? HOME + dirPart.slice(1) : dirPart === '~' ? HOME : dirPart;
  const fs = shell.fs;
  if (!fs.isDir(dirPath)) return { start, candidates: [] };
  const candidates: string[] = [];
  const display: string[] = [];
  for (const e of fs.entries(dirPath)) {
    if (!e.name.startsWith(prefix)) continue;
    if (e.name.startsWith('.') && !prefix.startsWith('.')) continue;
    if (dirsOnly && !e.dir) continue;
    candidates.push(dirPart + e.name + (e.dir ? '/' : ''));
    display.push(e.name + (e.dir ? '/' : ''));
  }
  return { start, candidates, display };
}

// ---- kubectl ------------------------------------------------------------------------------

/** `kubectl api-resources -o name`: `pods`, `deployments.apps`. */
function resourceTypeNames(filter?: (r: ResourceInfo) => boolean): string[] {
  return RESOURCES.filter((r) => r.verbs.includes('list') && (!filter || filter(r)))
    .map((r) => (r.group ? `${r.plural}.${r.group}` : r.plural))
    .sort();
}

const OUTPUT_FORMATS = [
  'custom-columns',
  'custom-columns-file',
  'go-template',
  'go-template-file',
  'json',
  'jsonpath',
  'jsonpath-as-json',
  'jsonpath-file',
  'name',
  'template',
  'templatefile',
  'wide',
  'yaml',
];

/** What a command's positional arguments are, for completion. */
type ArgKind = 'resources' | 'pods' | 'nodes' | 'rollout-resources' | 'none';

const ARG_KINDS: Record<string, ArgKind> = {
  get: 'resources',
  describe: 'resources',
  delete: 'resources',
  edit: 'resources',
  label: 'resources',
  annotate: 'resources',
  patch: 'resources',
  scale: 'resources',
  wait: 'resources',
  expose: 'resources',
  autoscale: 'resources',
  explain: 'resources',
  logs: 'pods',
  exec: 'pods',
  attach: 'pods',
  'port-forward': 'pods',
  cordon: 'nodes',
  uncordon: 'nodes',
  drain: 'nodes',
  taint: 'nodes',
  history: 'rollout-resources',
  pause: 'rollout-resources',
  restart: 'rollout-resources',
  resume: 'rollout-resources',
  status: 'rollout-resources',
  undo: 'rollout-resources',
};

const ROLLOUT_KINDS = new Set(['Deployment', 'DaemonSet', 'StatefulSet']);

function findCommand(list: readonly Command[] | undefined, name: string): Command | undefined {
  return list?.find((c) => c.name === name || c.aliases?.includes(name));
}

function flagNames(specs: readonly FlagSpec[], word: string): string[] {
  const out: string[] = [];
  for (const f of specs) {
    if (f.hidden || f.deprecated) continue;
    out.push(`--${f.name}`);
    if (f.short && !word.startsWith('--')) out.push(`-${f.short}`);
  }
  return out.sort();
}

function takesValue(f: FlagSpec | undefined): boolean {
  return f !== undefined && f.type !== 'bool' && f.noOptDefault === undefined;
}

function kubectlCompletion(
  shell: Shell,
  args: string[],
  word: string,
  start: number,
): { candidates: string[]; noSpace?: boolean; display?: string[] } {
  // Walk the words: flags (and their values) aside, the first words pick the (sub)command.
  let cmd: Command | undefined;
  let unknown = false;
  let subChosen = false;
  const positionals: string[] = [];
  let namespace: string | undefined;
  let allNamespaces = false;
  const specsOf = (): readonly FlagSpec[] => [...(cmd?.flags ?? []), ...GLOBAL_FLAGS];
  const lookup = (a: string): FlagSpec | undefined => {
    const specs = specsOf();
    if (a.startsWith('--')) return specs.find((f) => f.name === a.slice(2).split('=')[0]);
    return specs.find((f) => f.short === a.slice(1, 2));
  };
  let pendingFlag: FlagSpec | undefined;
  for (const a of args) {
    if (pendingFlag) {
      if (pendingFlag.name === 'namespace') namespace = a;
      pendingFlag = undefined;
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      const f = lookup(a);
      if (f?.name === 'all-namespaces') allNamespaces = true;
      if (a.includes('=')) {
        if (f?.name === 'namespace') namespace = a.slice(a.indexOf('=') + 1);
      } else if (!a.startsWith('--') && a.length > 2 && takesValue(f)) {
        if (f?.name === 'namespace') namespace = a.slice(2);
      } else if (takesValue(f)) pendingFlag = f;
      continue;
    }
    if (unknown) continue;
    if (!cmd) {
      // A kubectl command the playground lacks still completes its arguments.
      cmd = findCommand(COMMANDS, a) ?? (KUBECTL_COMMAND_NAMES.includes(a) ? { name: a, help: '', flags: [] } : undefined);
      if (!cmd) unknown = true;
      continue;
    }
    if (cmd.subcommands?.length && positionals.length === 0 && !subChosen) {
      const sub = findCommand(cmd.subcommands, a);
      if (sub) {
        cmd = sub;
        subChosen = true;
        continue;
      }
    }
    positionals.push(a);
  }

  // The value of a flag: after `-n`, `-o`, `-f`, or in `--flag=`.
  const eq = word.startsWith('--') ? word.indexOf('=') : -1;
  const valueFlag = eq > 0 ? lookup(word.slice(0, eq)) : pendingFlag;
  if (valueFlag) {
    const prefix = eq > 0 ? word.slice(0, eq + 1) : '';
    const values = flagValues(shell, valueFlag, eq > 0 ? word.slice(eq + 1) : word);
    if (values === 'files') {
      const r = fileCompletion(shell, 0, eq > 0 ? word.slice(eq + 1) : word, false);
      return { candidates: r.candidates.map((c) => prefix + c), display: r.display };
    }
    return { candidates: values.map((v) => prefix + v) };
  }
  if (word.startsWith('-')) {
    return { candidates: flagNames(specsOf(), word) };
  }
  if (unknown) return { candidates: [] };
  if (!cmd) return { candidates: [...KUBECTL_COMMAND_NAMES] };
  if (cmd.subcommands?.length && positionals.length === 0 && !subChosen) {
    return { candidates: cmd.subcommands.filter((c) => !c.hidden).map((c) => c.name) };
  }
  const kind = ARG_KINDS[cmd.name] ?? 'none';
  const ns = allNamespaces ? undefined : (namespace ?? 'default');
  void start;
  switch (kind) {
    case 'pods':
      if (positionals.length > 0) return { candidates: [] };
      return { candidates: objectNames(shell, 'Pod', ns) };
    case 'nodes':
      if (positionals.length > 0) return { candidates: [] };
      return { candidates: objectNames(shell, 'Node', undefined) };
    case 'rollout-resources':
    case 'resources': {
      const filter = kind === 'rollout-resources' ? (r: ResourceInfo) => ROLLOUT_KINDS.has(r.kind) : undefined;
      // `type/name`: names of that type.
      const slash = word.indexOf('/');
      if (slash > 0) {
        const info = resolveResource(word.slice(0, slash));
        if (!info) return { candidates: [] };
        return { candidates: objectNames(shell, info.kind, ns).map((n) => `${word.slice(0, slash)}/${n}`) };
      }
      if (positionals.length === 0) return { candidates: resourceTypeNames(filter) };
      const typed = positionals[0];
      if (typed.includes('/')) return { candidates: [] };
      const info = resolveResource(typed.split(',')[0]);
      if (!info || cmd.name === 'explain') return { candidates: [] };
      return { candidates: objectNames(shell, info.kind, ns) };
    }
    default:
      return { candidates: [] };
  }
}

function flagValues(shell: Shell, f: FlagSpec, typed: string): string[] | 'files' {
  switch (f.name) {
    case 'namespace':
      return objectNames(shell, 'Namespace', undefined);
    case 'output':
      return OUTPUT_FORMATS;
    case 'filename':
    case 'kustomize':
      return 'files';
    case 'context':
      return ['kubernetes-admin@kubernetes'];
    case 'cluster':
      return ['kubernetes'];
    case 'user':
      return ['kubernetes-admin'];
    default:
      void typed;
      return [];
  }
}

function objectNames(shell: Shell, kind: string, namespace: string | undefined): string[] {
  try {
    const items = shell.cluster.api.list(kind, { namespace }).items;
    return [...new Set(items.map((o) => o.metadata.name!))].sort();
  } catch {
    // A kind the apiserver does not serve has nothing to complete.
    return [];
  }
}

// ---- kubeplay ----------------------------------------------------------------------------

function kubeplayCompletion(shell: Shell, args: string[]): string[] {
  const positional = args.filter((a) => !a.startsWith('-'));
  if (positional.length === 0) return ['node', 'pod'];
  const group = positional[0];
  if (group === 'node' || group === 'nodes') {
    if (positional.length === 1) return ['add', 'fail', 'recover', 'remove'];
    if (positional.length === 2 && positional[1] !== 'add') return objectNames(shell, 'Node', undefined);
    return [];
  }
  if (group === 'pod' || group === 'pods') {
    if (positional.length === 1) return ['kill'];
    if (positional.length === 2) return objectNames(shell, 'Pod', 'default');
  }
  return [];
}
