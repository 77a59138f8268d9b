/**
 * A terminal session as the worker hosts it: the terminal input (line editor with bash's
 * prompts, src/engine/shell/terminal-input.ts) turns keys into complete inputs, the engine shell
 * runs them against the cluster in `interactive` mode, and a command that blocks in a real
 * cluster (`kubectl get -w`, `rollout status`, `logs -f`, `sleep`) stays in the foreground as a
 * `LongRunning`, polled after every clock movement until it ends or Ctrl-C cancels it. Keys
 * typed while it runs wait for the next prompt, as in bash.
 *
 * Output written by programs is cluster text and is sanitized (sanitize.ts); the prompt and the
 * editor's own ANSI pass through.
 */
import type { Cluster } from '../cluster';
import type { FileSystem, LongRunning, ProcessHost, Program, Writer } from '../shell/process';
import { isLongRunning } from '../shell/process';
import { stripControls, terminalText } from './sanitize';
import { createInput, createShell, type InputPort, type ShellPort } from './shell-port';

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
  /** A command ended (done, failed or interrupted) having printed `output` (plain text). */
  finished?(input: string, output: string): void;
}

const NO_EVENTS: SessionEvents = { ran: () => {}, interrupted: () => {}, polled: () => {} };

export class TerminalSession {
  private out = '';
  private fg?: LongRunning;
  private shell: ShellPort;
  private term: InputPort;
  /** The command running now and what it printed so far (for `finished`). */
  private cmd?: { input: string; output: string };
  private writer: Writer = {
    write: (t) => {
      if (this.cmd && this.cmd.output.length < 100_000) this.cmd.output += t;
      this.out += terminalText(t);
    },
  };

  constructor(
    cluster: Cluster,
    private fs: FileSystem,
    private columnsNow: number,
    private events: SessionEvents = NO_EVENTS,
    /** Interactive hooks for programs (`kubectl edit` opening the editor). */
    private host?: ProcessHost,
    /** Programs over the registered ones (the worker traces kubectl for the flow view). */
    private programs?: Record<string, Program>,
  ) {
    this.shell = createShell(cluster, fs, columnsNow, [], host, programs);
    this.term = createInput(this.shell, columnsNow);
  }

  get columns(): number {
    return this.columnsNow;
  }

  set columns(n: number) {
    if (n === this.columnsNow) return;
    this.columnsNow = n;
    this.shell.columns = n;
    this.out += this.term.resize(n);
  }

  /**
   * Text to show when a terminal attaches (the page loaded, perhaps after a restore): the prompt
   * and the line being edited, drawn for the terminal's width, or nothing while a command runs.
   */
  open(columns: number): string {
    this.columnsNow = columns;
    this.shell.columns = columns;
    if (this.fg) return this.take();
    if (this.term.editing) this.out += this.term.resize(columns);
    else this.prompt();
    return this.take();
  }

  /** Feeds raw input; returns everything printed since the last take. */
  input(data: string): string {
    if (this.fg) {
      if (data.includes(CTRL_C)) this.interrupt();
      else this.out += this.term.feed(data).output;
      return this.take();
    }
    const r = this.term.feed(data);
    this.out += r.output;
    if (r.input !== undefined) this.runInput(r.input);
    return this.take();
  }

  /** Runs one complete input (typed, or replayed from the journal). */
  runInput(input: string): void {
    let next: string | undefined = input;
    // Inputs typed ahead while a command ran come back from `start`; run them in turn.
    while (next !== undefined) {
      this.events.ran(next);
      const cmd = next;
      this.cmd = { input: cmd, output: '' };
      const res = this.guard(() => this.shell.run(cmd, this.writer, this.writer));
      if (res !== undefined && isLongRunning(res)) {
        this.fg = res;
        this.poll();
        return;
      }
      this.finish();
      next = this.prompt();
    }
  }

  /** Ctrl-C: cancels the foreground command. */
  interrupt(): void {
    const fg = this.fg;
    if (!fg) return;
    this.fg = undefined;
    this.events.interrupted();
    this.guard(() => fg.cancel());
    this.finish();
    this.out += '^C\r\n';
    const next = this.prompt();
    if (next !== undefined) this.runInput(next);
  }

  /** Polls the foreground command after time moved. */
  poll(): void {
    const fg = this.fg;
    if (!fg) return;
    const before = this.out.length;
    const code = this.guard(() => fg.poll());
    if (code !== undefined && this.fg === fg) {
      this.fg = undefined;
      this.finish();
      this.events.polled();
      const next = this.prompt();
      if (next !== undefined) this.runInput(next);
      return;
    }
    if (this.out.length !== before) this.events.polled();
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
    } else if (this.term.editing) {
      this.out += '\r\n';
    }
    this.shell = createShell(cluster, this.fs, this.columnsNow, this.shell.history, this.host, this.programs);
    this.term = createInput(this.shell, this.columnsNow);
    this.prompt();
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

  private finish(): void {
    const c = this.cmd;
    this.cmd = undefined;
    if (c) this.events.finished?.(c.input, stripControls(c.output));
  }

  /** Shows the prompt; returns an input typed ahead, if any. */
  private prompt(): string | undefined {
    const r = this.term.start();
    this.out += r.output;
    return r.input;
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
