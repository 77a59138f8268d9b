/**
 * A terminal session as the worker hosts it: the line editor turns keys into complete inputs,
 * the engine shell runs them against the cluster in `interactive` mode, and a command that
 * blocks in a real cluster (`kubectl get -w`, `rollout status`, `logs -f`, `sleep`) stays in the
 * foreground as a `LongRunning`, polled after every clock movement until it ends or Ctrl-C
 * cancels it.
 *
 * Output written by programs is cluster text and is sanitized (sanitize.ts); the prompt and the
 * editor's own ANSI pass through.
 */
import type { Cluster } from '../cluster';
import type { FileSystem, LongRunning, Writer } from '../shell/process';
import { isLongRunning } from '../shell/process';
import { terminalText } from './sanitize';
import { createLineEditor, createShell, type EditorPort, type ShellPort } from './shell-port';

/** Ctrl-C as xterm sends it. */
const CTRL_C = '\x03';

/** What a session reports to the host's journal. */
export interface SessionEvents {
  /** A complete input was run. */
  ran(input: string): void;
  /** The foreground command was interrupted. */
  interrupted(): void;
  /** A poll of the foreground command printed or finished (it may have run more commands). */
  polled(): void;
}

const NO_EVENTS: SessionEvents = { ran: () => {}, interrupted: () => {}, polled: () => {} };

export class TerminalSession {
  private out = '';
  private fg?: LongRunning;
  private shell: ShellPort;
  private editor: EditorPort;
  private writer: Writer = { write: (t) => (this.out += terminalText(t)) };

  constructor(
    cluster: Cluster,
    private fs: FileSystem,
    private columnsNow: number,
    private events: SessionEvents = NO_EVENTS,
  ) {
    this.shell = createShell(cluster, fs, columnsNow);
    this.editor = createLineEditor(this.shell);
  }

  get columns(): number {
    return this.columnsNow;
  }

  set columns(n: number) {
    this.columnsNow = n;
    this.shell.columns = n;
  }

  /** Text to show when the terminal opens or reconnects: the prompt (or nothing while busy). */
  open(): string {
    if (!this.fg) this.out += this.shell.prompt();
    return this.take();
  }

  /** Feeds raw input; returns everything printed since the last take. */
  input(data: string): string {
    if (this.fg) {
      // While a command runs in the foreground only Ctrl-C matters; other keys are dropped
      // (Simplification: a real terminal would keep them as type-ahead).
      if (data.includes(CTRL_C)) this.interrupt();
      return this.take();
    }
    const r = this.editor.feed(data);
    this.out += r.output;
    for (const input of r.inputs) {
      this.runInput(input);
      if (this.fg) break;
    }
    return this.take();
  }

  /** Runs one complete input as if typed (and echoed) at the prompt. */
  runInput(input: string): void {
    this.events.ran(input);
    const res = this.guard(() => this.shell.run(input, this.writer, this.writer));
    if (res !== undefined && isLongRunning(res)) {
      this.fg = res;
      this.poll();
      return;
    }
    this.out += this.shell.prompt();
  }

  /** Ctrl-C: cancels the foreground command. */
  interrupt(): void {
    const fg = this.fg;
    if (!fg) return;
    this.fg = undefined;
    this.events.interrupted();
    this.guard(() => fg.cancel());
    this.out += '^C\r\n' + this.shell.prompt();
  }

  /** Polls the foreground command after time moved. */
  poll(): void {
    const fg = this.fg;
    if (!fg) return;
    const before = this.out.length;
    const code = this.guard(() => fg.poll());
    const finished = code !== undefined || this.fg !== fg;
    if (finished && this.fg === fg) {
      this.fg = undefined;
      this.out += this.shell.prompt();
    }
    if (finished || this.out.length !== before) this.events.polled();
  }

  /** Whether a command runs in the foreground. */
  get busy(): boolean {
    return this.fg !== undefined;
  }

  /** The cluster was replaced: the foreground command ends and the shell starts afresh. */
  rebind(cluster: Cluster): void {
    const fg = this.fg;
    this.fg = undefined;
    if (fg) {
      this.guard(() => fg.cancel());
      this.out += '\r\n';
    }
    this.editor.clear();
    this.shell = createShell(cluster, this.fs, this.columnsNow, this.shell.history);
    this.editor = createLineEditor(this.shell);
    this.out += this.shell.prompt();
  }

  /** Output not yet handed out. */
  take(): string {
    const s = this.out;
    this.out = '';
    return s;
  }

  /**
   * Runs one input outside the terminal with its own writers (the inspector, the editor's
   * Apply). A command that would block is polled once and then cancelled: callers want an
   * answer now.
   */
  runCaptured(input: string, out: Writer, err: Writer): number {
    const res = this.guard(() => this.shell.run(input, out, err));
    if (res === undefined) {
      err.write(this.take());
      return 1;
    }
    if (isLongRunning(res)) {
      const code = this.guard(() => res.poll());
      if (code !== undefined) return code;
      return this.guard(() => res.cancel()) ?? 1;
    }
    return res;
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
