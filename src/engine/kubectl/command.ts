/**
 * The shape of a kubectl command (a cobra.Command with kubectl's Complete/Validate/Run
 * pattern) and the context it runs with. Each command lives in `commands/<name>.ts` and is
 * registered in `commands/index.ts`; `kubectl.ts` finds it, parses its flags and runs it.
 */
import type { ApiServer } from '../api/server';
import type { Cluster } from '../cluster';
import type { ProcessContext, ProcessResult, Writer } from '../shell/process';
import { CmdError, usageError } from './errors';
import type { FlagSpec, Flags } from './flags';
import type { KubeConfig } from './kubeconfig';

/** What a command runs with: parsed flags and arguments, the cluster, the session. */
export interface Kctx {
  readonly proc: ProcessContext;
  readonly cluster: Cluster;
  readonly api: ApiServer;
  readonly out: Writer;
  readonly err: Writer;
  /** Positional arguments (including those after `--`). */
  readonly args: string[];
  /** Arguments before `--`, or -1 without `--` (cobra's ArgsLenAtDash). */
  readonly argsLenAtDash: number;
  readonly flags: Flags;
  /** `kubectl create deployment`: used in usage messages. */
  readonly commandPath: string;
  /** The request namespace: `-n`, else the current context's namespace, else `default`. */
  readonly namespace: string;
  /** Whether `-n/--namespace` was given (kubectl's enforceNamespace). */
  readonly namespaceExplicit: boolean;
  /** The session's kubeconfig (contexts, current namespace). */
  readonly kubeconfig: KubeConfig;
  /** cmdutil.UsageErrorf for this command. */
  usageError(msg: string): CmdError;
  /** Prints `Warning: <msg>` on stderr as kubectl's warning handler does. */
  warn(msg: string): void;
}

/**
 * A kubectl command. `complete` turns flags and args into options, `validate` rejects bad
 * combinations (throwing errors from ./errors.ts), `run` does the work and prints. Returning a
 * LongRunning keeps the command alive (watch, follow, wait); returning nothing means exit 0.
 */
export interface Command<O = unknown> {
  /** The word that invokes it (`get`, `deployment` under `create`). */
  name: string;
  aliases?: string[];
  /** The exact `--help` text (from help/). */
  help: string;
  /** The command's own flags (global flags are added by the dispatcher). */
  flags: readonly FlagSpec[];
  /** Sub-commands (`create deployment`, `config view`, `rollout status`). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  subcommands?: readonly Command<any>[];
  /** Hidden commands are runnable but not suggested. */
  hidden?: boolean;
  complete?(k: Kctx): O;
  validate?(o: O, k: Kctx): void;
  /** Absent for pure groups (`config`, `rollout`): they print their help. */
  run?(o: O, k: Kctx): ProcessResult | void;
}

/** Helper to declare a command with typed options. */
export function defineCommand<O>(c: Command<O>): Command<O> {
  return c;
}

export { usageError };
