/**
 * A terminal session as the worker hosts it: the line editor turns keys into lines, the engine
 * shell runs them against the cluster in `interactive` mode, and a command that blocks in a real
 * cluster (`kubectl get -w`, `rollout status`, `logs -f`) stays in the foreground as a
 * `LongRunning`, polled after every clock movement until it ends or Ctrl-C cancels it.
 *
 * Output written by programs is cluster text and is sanitized (sanitize.ts); the editor's own
 * ANSI passes through.
 */
import type { Cluster } from '../cluster';
import type { FileSystem, LongRunning, ProcessContext, Writer } from '../shell/process';
import { isLongRunning } from '../shell/process';
import { terminalText } from './sanitize';
import { createLineEditor, createShell, type EditorPort, type ShellPort } from './shell-port';

/** Ctrl-C as xterm sends it. */
const CTRL_C = '\x03';

export class TerminalSession {
  private out = '';
  private fg?: LongRunning;
  private editor: EditorPort;
  private shell: ShellPort;
  columns: number;

  constructor(
    private cluster: () => Cluster,
    fs: FileSystem,
    columns: number,
    /** Called with every line the user ran (persistence logs it). */
    private onLine: (line: string) => void = () => {},
  ) {
    this.columns = columns;
    this.shell = createShell(fs);
    this.editor = createLineEditor(this.shell);
  }

  /** Text to show when the terminal opens: the prompt. */
  open(): string {
    this.out += this.editor.prompt();
    return this.take();
  }

  /** Feeds raw input; returns everything printed since the last take. */
  input(data: string): string {
    if (this.fg) {
      // While a command runs in the foreground, only Ctrl-C matters (as in a real terminal,
      // other keys would be type-ahead; the simulation drops them).
      if (data.includes(CTRL_C)) {
        const fg = this.fg;
        this.fg = undefined;
        this.guard(() => fg.cancel());
        this.out += '^C\r\n' + this.editor.prompt();
      }
      return this.take();
    }
    const r = this.editor.feed(data, this.columns);
    this.out += r.output;
    for (const line of r.lines) {
      this.run(line);
      if (this.fg) break;
    }
    return this.take();
  }

  /** Polls the foreground command after time moved; returns output produced. */
  poll(): string {
    if (!this.fg) return this.take();
    const fg = this.fg;
    const code = this.guard(() => fg.poll());
    if (code !== undefined) {
      this.fg = undefined;
      this.out += this.editor.prompt();
    }
    return this.take();
  }

  /** Whether a command runs in the foreground. */
  get busy(): boolean {
    return this.fg !== undefined;
  }

  /** The cluster was replaced: a foreground command watching the old one ends. */
  detach(): void {
    if (this.fg) {
      const fg = this.fg;
      this.fg = undefined;
      this.guard(() => fg.cancel());
      this.out += '\r\n' + this.editor.prompt();
    }
  }

  /** Output not yet handed out. */
  take(): string {
    const s = this.out;
    this.out = '';
    return s;
  }

  /**
   * Runs one line outside the terminal with its own writers (the inspector, the editor's Apply).
   * A command that would block is cancelled at once: callers want an answer now.
   */
  runCaptured(line: string, stdin: string | undefined, out: (t: string) => void, err: (t: string) => void): number {
    const res = this.guard(() => this.shell.run(line, this.context({ write: out }, { write: err }, stdin)));
    if (res === undefined) {
      err(this.take());
      return 1;
    }
    if (isLongRunning(res)) {
      const code = this.guard(() => res.poll()) ?? this.guard(() => res.cancel());
      return code ?? 1;
    }
    return res;
  }

  private run(line: string): void {
    if (line.trim()) this.onLine(line);
    const w: Writer = { write: (t) => (this.out += terminalText(t)) };
    const res = this.guard(() => this.shell.run(line, this.context(w, w)));
    if (res !== undefined && isLongRunning(res)) {
      this.fg = res;
      this.poll();
      return;
    }
    this.out += this.editor.prompt();
  }

  private context(out: Writer, err: Writer, stdin?: string): ProcessContext {
    return {
      cluster: this.cluster(),
      out,
      err,
      stdin,
      fs: this.shell.fs,
      env: {},
      mode: 'interactive',
      tty: true,
      columns: this.columns,
    };
  }

  /** Runs engine code; anything it throws is printed as `internal error` and swallowed. */
  private guard<T>(fn: () => T): T | undefined {
    try {
      return fn();
    } catch (e) {
      this.out += terminalText(`internal error: ${e instanceof Error ? e.message : String(e)}\n`);
      console.error(e);
      return undefined;
    }
  }
}
