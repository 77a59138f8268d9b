/**
 * The worker's view of the engine shell (src/engine/shell): the shell that runs inputs and the
 * terminal input (readline-style line editor with bash's prompts) in front of it, so the
 * session and the server do not depend on the shell's internals.
 */
import type { Cluster } from '../cluster';
import type { FileSystem, LongRunning, ProcessHost, Program, Writer } from '../shell/process';
import { Shell } from '../shell/shell';
import { TerminalInput } from '../shell/terminal-input';
import { HOME, MemoryFS } from '../shell/fs';

/** What the session needs of a shell (the shape of src/engine/shell's Shell). */
export interface ShellPort {
  readonly fs: FileSystem;
  columns: number;
  readonly history: readonly string[];
  /** Runs one complete input; a LongRunning when a command blocks (interactive mode). */
  run(input: string, out: Writer, err: Writer): number | LongRunning;
  /** Whether the input needs more lines (an open quote or heredoc). */
  needsMore(input: string): boolean;
  prompt(): string;
}

/** What the session needs of the terminal input (the shape of src/engine/shell's TerminalInput). */
export interface InputPort {
  /** Whether a line is being edited (false while a command runs). */
  readonly editing: boolean;
  /** Shows the prompt for a new command; may return an input typed ahead. */
  start(): { output: string; input?: string };
  /** Keys from xterm; returns the echo and a complete input when Enter finished one. */
  feed(data: string): { output: string; input?: string };
  resize(columns: number): string;
}

/** The home directory, where the editor's files live. */
export const HOME_DIR = HOME;

/** The session's file system, shared by the terminals, the editor and `exec`. */
export function createFileSystem(now: () => number): MemoryFS {
  return new MemoryFS(now);
}

export function createShell(
  cluster: Cluster,
  fs: FileSystem,
  columns: number,
  history: readonly string[] = [],
  host?: ProcessHost,
  programs?: Record<string, Program>,
): ShellPort {
  const shell = new Shell({ cluster, mode: 'interactive', tty: true, columns, fs: fs as MemoryFS, host, programs });
  shell.history.push(...history);
  return shell;
}

export function createInput(shell: ShellPort, columns: number): InputPort {
  return new TerminalInput(shell as Shell, columns);
}
