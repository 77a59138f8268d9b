/**
 * The contract between the shell and the programs it runs (kubectl, builtins): where they
 * write, what they may read, and how a command that blocks in a real cluster
 * (`kubectl rollout status`, `kubectl get -w`, `kubectl logs -f`, `kubectl wait`) runs on
 * simulated time.
 */
import type { Cluster } from '../cluster';

/** A sink for a program's output. Text may contain newlines; nothing is added. */
export interface Writer {
  write(text: string): void;
}

/** The in-memory file system of the shell session (`cat > app.yaml`, `kubectl apply -f`). */
export interface FileSystem {
  /** Absolute or cwd-relative path -> content, or undefined if absent. */
  read(path: string): string | undefined;
  write(path: string, content: string): void;
  remove(path: string): boolean;
  /** Whether the path is a directory (a prefix of stored files). */
  isDir(path: string): boolean;
  /** File paths (absolute) directly in a directory, sorted. */
  list(dir: string): string[];
  /** Resolves a path against the working directory. */
  resolve(path: string): string;
}

/** What a program runs with. */
export interface ProcessContext {
  cluster: Cluster;
  out: Writer;
  err: Writer;
  /** Standard input (a heredoc or a pipe), if any. */
  stdin?: string;
  fs: FileSystem;
  /** Environment variables (KUBE_EDITOR, ...). */
  env: Record<string, string>;
  /**
   * `script`: `npm run play` and tests: a blocking command drives the clock itself until it is
   * done. `interactive`: the browser terminal: the host moves the clock in real time and polls.
   */
  mode: 'script' | 'interactive';
  /** Whether output goes to a terminal that renders colour (never in `play`). */
  tty: boolean;
  /** Terminal width in columns, for commands that wrap. */
  columns: number;
  /** Interactive hooks the browser provides (e.g. `kubectl edit` opening the editor). */
  host?: ProcessHost;
}

export interface ProcessHost {
  /** Opens content in the editor; resolves with the saved text, or undefined if cancelled. */
  edit?(path: string, content: string): Promise<string | undefined>;
}

/**
 * A command that keeps running after it returns: it is polled after every clock movement and
 * finishes when `poll` returns an exit code. `cancel` is Ctrl-C.
 */
export interface LongRunning {
  /** Checks progress (printing as it goes); an exit code when finished. */
  poll(): number | undefined;
  /** Stops early (Ctrl-C); returns the exit code (130 for an interrupt). */
  cancel(): number;
  /**
   * Simulated ms at which it gives up on its own (a --timeout), if any. In script mode the shell
   * advances the clock at most to this time.
   */
  deadlineMs?: number;
}

/** A program's result: an exit code now, or a long-running process. */
export type ProcessResult = number | LongRunning;

export type Program = (args: string[], ctx: ProcessContext) => ProcessResult;

export function isLongRunning(r: ProcessResult): r is LongRunning {
  return typeof r === 'object';
}
