/**
 * The worker's view of the engine shell (src/engine/shell) and of its line editor: the two
 * ports a TerminalSession needs, so the session and the server do not depend on the shell's
 * internals.
 *
 * Interim: until src/engine/shell's line editor lands, an append-only editor (no cursor keys,
 * history or completion) stands in; continuation lines (`> `) follow the shell's needsMore.
 */
import type { Cluster } from '../cluster';
import type { FileSystem, LongRunning, Writer } from '../shell/process';
import { Shell } from '../shell/shell';
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

export interface EditorPort {
  /** Feeds raw terminal input; returns what to echo and the complete inputs Enter produced. */
  feed(data: string): { output: string; inputs: string[] };
  /** Forgets a half-typed line (the terminal was reset). */
  clear(): void;
}

/** The home directory, where the editor's files live. */
export const HOME_DIR = HOME;

/** The session's file system, shared by the terminals, the editor and `exec`. */
export function createFileSystem(now: () => number): MemoryFS {
  return new MemoryFS(now);
}

export function createShell(cluster: Cluster, fs: FileSystem, columns: number, history: readonly string[] = []): ShellPort {
  const shell = new Shell({ cluster, mode: 'interactive', tty: true, columns, fs: fs as MemoryFS });
  shell.history.push(...history);
  return shell;
}

export function createLineEditor(shell: ShellPort): EditorPort {
  let buf = '';
  let pending = '';
  return {
    clear() {
      buf = '';
      pending = '';
    },
    feed(data) {
      let output = '';
      const inputs: string[] = [];
      for (const ch of data) {
        if (ch === '\r' || ch === '\n') {
          output += '\r\n';
          const input = pending + buf;
          buf = '';
          if (shell.needsMore(input)) {
            pending = input + '\n';
            output += '> ';
          } else {
            pending = '';
            inputs.push(input);
          }
        } else if (ch === '\x7f' || ch === '\b') {
          if (buf) {
            buf = buf.slice(0, -1);
            output += '\b \b';
          }
        } else if (ch === '\x03') {
          buf = '';
          pending = '';
          output += '^C\r\n' + shell.prompt();
        } else if (ch >= ' ') {
          buf += ch;
          output += ch;
        }
      }
      return { output, inputs };
    },
  };
}
