/**
 * The kubectl program: finds the command as cobra does (k8s.io/kubectl/pkg/cmd/cmd.go and
 * spf13/cobra's Find/stripFlags), parses its flags with pflag's rules (./flags.ts), prints
 * `--help`, runs the command's Complete/Validate/Run and reports failures as
 * cmdutil.CheckErr does (./errors.ts).
 */
import type { ProcessContext, ProcessResult, Program } from '../shell/process';
import type { Command, Kctx } from './command';
import { COMMANDS, KUBECTL_COMMAND_NAMES } from './commands';
import { CmdError, flagUsageError, formatError, usageError } from './errors';
import { FlagError, GLOBAL_FLAGS, parseFlags, type FlagSpec } from './flags';
import { HELP } from './help/texts';
import { KubeConfig } from './kubeconfig';

/** cobra's case-insensitive Levenshtein distance (ld). */
function levenshtein(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const d: number[][] = [];
  for (let i = 0; i <= s.length; i++) d.push([i, ...new Array<number>(t.length).fill(0)]);
  for (let j = 0; j <= t.length; j++) d[0][j] = j;
  for (let j = 1; j <= t.length; j++) {
    for (let i = 1; i <= s.length; i++) {
      if (s[i - 1] === t[j - 1]) d[i][j] = d[i - 1][j - 1];
      else d[i][j] = Math.min(d[i - 1][j], d[i][j - 1], d[i - 1][j - 1]) + 1;
    }
  }
  return d[s.length][t.length];
}

/** cobra's SuggestionsFor with SuggestionsMinimumDistance 2. */
export function suggestionsFor(typed: string, names: readonly string[]): string[] {
  return [...names]
    .sort()
    .filter((n) => levenshtein(typed, n) <= 2 || n.toLowerCase().startsWith(typed.toLowerCase()));
}

/** Flags that take a value, so that their value is not mistaken for a command word. */
function takesValue(specs: readonly FlagSpec[], arg: string): boolean {
  if (arg.includes('=')) return false;
  const spec = arg.startsWith('--')
    ? specs.find((s) => s.name === arg.slice(2))
    : arg.length === 2
      ? specs.find((s) => s.short === arg[1])
      : undefined;
  if (!spec) return false;
  return spec.type !== 'bool' && spec.noOptDefault === undefined;
}

/** The index of the first non-flag word at or after `from` (cobra's stripFlags), or -1. */
function nextWord(args: readonly string[], from: number, specs: readonly FlagSpec[]): number {
  for (let i = from; i < args.length; i++) {
    const a = args[i];
    if (a === '--') return -1;
    if (a.startsWith('-') && a.length > 1) {
      if (takesValue(specs, a)) i++;
      continue;
    }
    return i;
  }
  return -1;
}

function findCommand(name: string, list: readonly Command<unknown>[]): Command<unknown> | undefined {
  return list.find((c) => c.name === name || c.aliases?.includes(name));
}

/** Runs kubectl with `args` (without the leading `kubectl`). */
export const kubectl: Program = (argv: string[], ctx: ProcessContext): ProcessResult => {
  try {
    return dispatch(argv, ctx);
  } catch (e) {
    return report(e, ctx);
  }
};

function report(e: unknown, ctx: ProcessContext): number {
  if (!(e instanceof Error) || e.name === 'TypeError' || e.name === 'RangeError' || e.name === 'ReferenceError') {
    // A bug in the simulation, not a kubectl error: say so instead of pretending.
    ctx.err.write(`internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  const { text, code } = formatError(e);
  if (text) ctx.err.write(text);
  return code;
}

function dispatch(argv: string[], ctx: ProcessContext): ProcessResult {
  const args = [...argv];
  const path: string[] = [];
  let cmd: Command<unknown> | undefined;
  let specs: readonly FlagSpec[] = GLOBAL_FLAGS;
  const first = nextWord(args, 0, specs);

  if (first < 0) {
    // Only flags: the root command parses them and prints its help.
    try {
      parseFlags(args, GLOBAL_FLAGS);
    } catch (e) {
      if (e instanceof FlagError) throw flagUsageError('kubectl', e);
      throw e;
    }
    ctx.out.write(HELP['']);
    return 0;
  }
  const word = args[first];
  cmd = findCommand(word, COMMANDS);
  if (!cmd) {
    if (KUBECTL_COMMAND_NAMES.includes(word) || word === 'help') {
      if (word === 'help' || word === 'options') {
        ctx.out.write(HELP[word === 'help' ? '' : 'options']);
        return 0;
      }
      // Simplification: commands kubectl has but the playground does not simulate.
      throw new CmdError(`"kubectl ${word}" is not available in this playground`);
    }
    const sugg = suggestionsFor(word, KUBECTL_COMMAND_NAMES);
    let msg = `unknown command "${word}" for "kubectl"`;
    if (sugg.length) msg += `\n\nDid you mean this?\n${sugg.map((s) => `\t${s}\n`).join('')}`;
    throw new CmdError(msg);
  }
  path.push(cmd.name);
  args.splice(first, 1);
  specs = [...cmd.flags, ...GLOBAL_FLAGS];
  // Descend into sub-commands while the next word names one.
  while (cmd.subcommands?.length) {
    const i = nextWord(args, 0, specs);
    if (i < 0) break;
    const sub = findCommand(args[i], cmd.subcommands as readonly Command<unknown>[]);
    if (!sub) break;
    cmd = sub;
    path.push(sub.name);
    args.splice(i, 1);
    specs = [...sub.flags, ...GLOBAL_FLAGS];
  }
  const commandPath = `kubectl ${path.join(' ')}`;

  let parsed;
  try {
    parsed = parseFlags(args, specs);
  } catch (e) {
    if (e instanceof FlagError) throw flagUsageError(commandPath, e);
    throw e;
  }
  for (const w of parsed.warnings) ctx.err.write(`${w}\n`);
  const help = HELP[path.join(' ')] ?? cmd.help;
  if (parsed.help) {
    ctx.out.write(help);
    return 0;
  }
  if (!cmd.run) {
    // cmdutil.DefaultSubCommandRun: help on stderr and exit 1; an extra word is an error.
    if (parsed.args.length > 0 && HELP[`${path.join(' ')} ${parsed.args[0]}`] !== undefined) {
      // Simplification: a sub-command kubectl has but the playground does not simulate.
      throw new CmdError(`"${commandPath} ${parsed.args[0]}" is not available in this playground`);
    }
    if (parsed.args.length > 0) throw usageError(commandPath, `unknown command "${parsed.args[0]}"`);
    ctx.err.write(help);
    return 1;
  }

  const kubeconfig = new KubeConfig(
    ctx.fs,
    KubeConfig.resolvePath(parsed.flags.string('kubeconfig'), ctx.env),
    parsed.flags.string('context'),
  );
  const nsFlag = parsed.flags.string('namespace');
  const k: Kctx = {
    proc: ctx,
    cluster: ctx.cluster,
    api: ctx.cluster.api,
    out: ctx.out,
    err: ctx.err,
    args: parsed.args,
    argsLenAtDash: parsed.argsLenAtDash,
    flags: parsed.flags,
    commandPath,
    namespace: nsFlag || kubeconfig.namespace(),
    namespaceExplicit: nsFlag !== '',
    kubeconfig,
    usageError: (msg) => usageError(commandPath, msg),
    warn: (msg) => ctx.err.write(`Warning: ${msg}\n`),
  };
  const o = cmd.complete ? cmd.complete(k) : undefined;
  cmd.validate?.(o, k);
  const result = cmd.run(o, k);
  return result ?? 0;
}
