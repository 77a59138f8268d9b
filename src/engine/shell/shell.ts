/**
 * The one shell of the playground: the browser terminal and `npm run play` both run their input
 * through `Shell.run`. It interprets the tree of ./lexer.ts the way bash does (bash(1) "SHELL
 * GRAMMAR", "REDIRECTION", "COMMAND EXECUTION"): `;`, `&&`, `||`, pipelines, redirections,
 * heredocs, subshells, `if`/`for`/`while`, variables and aliases; it runs builtins, the
 * coreutils of ./coreutils.ts, and programs such as kubectl (./process.ts).
 *
 * Time: commands that block in a real cluster return a LongRunning. In `script` mode the shell
 * drives the simulated clock itself in 1 s steps, polling after each step, until the command
 * finishes or its deadline passes. A command with no deadline (`kubectl get pods -w`,
 * `kubectl logs -f`) is stopped, silently and as if interrupted, once it has printed nothing
 * for QUIET_LIMIT_SECONDS of simulated time or has run for UNBOUNDED_LIMIT_SECONDS. In
 * `interactive` mode `run` hands the LongRunning back to the host, which moves the clock in real
 * time, polls it, and turns Ctrl-C into `cancel()`.
 *
 * Simplification: the stages of a pipeline run one after the other (a stage's whole output
 * is the next one's input), and `&` runs a command in the foreground.
 */
import type { Cluster } from '../cluster';
import type { AndOr, Command, List, Pipeline, Redirect, SimpleCommand, Word } from './ast';
import { ExpansionError, expandString, expandWord, type ExpandEnv } from './expand';
import { HOME, MemoryFS } from './fs';
import { Incomplete, parse, ShellSyntaxError, needsMore as lexNeedsMore } from './lexer';
import {
  isLongRunning,
  type LongRunning,
  type Program,
  type ProcessContext,
  type ProcessHost,
  type ProcessResult,
  type Writer,
} from './process';
import { COREUTILS } from './coreutils';
import { registeredPrograms } from './programs';

/** Seconds of simulated time per step when the shell drives a blocking command. */
export const STEP_SECONDS = 1;
/** A blocking command without a deadline stops after printing nothing for this long. */
export const QUIET_LIMIT_SECONDS = 60;
/** ... and in any case after this long. */
export const UNBOUNDED_LIMIT_SECONDS = 600;
/** Loop iterations one script command may run before it is stopped (an endless `while`). */
export const SCRIPT_LOOP_LIMIT = 100_000;
/** Loop iterations after which an interactive command lets the host breathe (and Ctrl-C). */
const INTERACTIVE_YIELD_EVERY = 1_000;

/** What shell builtins and coreutils run with. */
export interface ShellContext extends ProcessContext {
  fs: MemoryFS;
  /** Whether stdout is the session's terminal (not a pipe or a file), e.g. `ls` lays out columns. */
  terminal: boolean;
  shell: Shell;
}

export type Builtin = (args: string[], ctx: ShellContext) => ProcessResult;

export interface ShellOptions {
  cluster: Cluster;
  mode: 'script' | 'interactive';
  /** Output renders colour (the browser terminal). Default false. */
  tty?: boolean;
  columns?: number;
  /** Programs by name (e.g. `kubectl`), over the registered ones (./programs.ts). */
  programs?: Record<string, Program>;
  fs?: MemoryFS;
  /** Extra environment variables. */
  env?: Record<string, string>;
  host?: ProcessHost;
}

export interface RunOptions {
  /** The input is the end of a script: unfinished heredocs end here (with bash's warning). */
  eof?: boolean;
  /** Line number of the input's first line in its script, for warnings. */
  firstLine?: number;
  /** Record the input in the history (default true). */
  history?: boolean;
}

/** A blocking command the shell is waiting on, with when it last printed. */
interface Job {
  lr: LongRunning;
  activity: { lastMs: number };
  /** Only hands control back to the host (a long loop in interactive mode). */
  breather?: boolean;
}

type Exec = Generator<Job, number, number>;

interface IO {
  stdin?: string;
  out: Writer;
  err: Writer;
  /** fd 1 is the terminal. */
  terminal: boolean;
}

class ExitSignal {
  constructor(readonly code: number) {}
}
class LoopSignal {
  constructor(
    readonly kind: 'break' | 'continue',
    public levels: number,
  ) {}
}
class Interrupt {
  constructor(readonly code: number) {}
}

/** Collects output (pipes and command substitution). */
export class BufferWriter implements Writer {
  text = '';
  write(text: string): void {
    this.text += text;
  }
}

const NULL_WRITER: Writer = { write: () => {} };

export class Shell {
  readonly cluster: Cluster;
  readonly fs: MemoryFS;
  readonly mode: 'script' | 'interactive';
  tty: boolean;
  columns: number;
  readonly host?: ProcessHost;
  readonly vars = new Map<string, string>();
  readonly exported = new Set<string>();
  readonly aliases = new Map<string, string>();
  readonly history: string[] = [];
  /** Exit status of the last command (`$?`). */
  status = 0;
  /** Set by `exit`: the session is over. */
  exited: number | undefined;
  private programs = new Map<string, Program>();
  private builtins: Record<string, Builtin>;
  private loopCount = 0;
  private readonly pid = 4242;

  constructor(opts: ShellOptions) {
    this.cluster = opts.cluster;
    this.mode = opts.mode;
    this.tty = opts.tty ?? false;
    this.columns = opts.columns ?? 80;
    this.host = opts.host;
    this.fs = opts.fs ?? new MemoryFS(() => this.cluster.clock.now());
    for (const [k, v] of registeredPrograms()) this.programs.set(k, v);
    for (const [k, v] of Object.entries(opts.programs ?? {})) this.programs.set(k, v);
    const env: Record<string, string> = {
      HOME,
      USER: 'learner',
      LOGNAME: 'learner',
      SHELL: '/bin/bash',
      PATH: '/usr/local/bin:/usr/bin:/bin',
      PWD: this.fs.cwd,
      LANG: 'C.UTF-8',
      TERM: 'xterm-256color',
      HOSTNAME: 'control-plane',
      KUBECONFIG: `${HOME}/.kube/config`,
      ...opts.env,
    };
    for (const [k, v] of Object.entries(env)) {
      this.vars.set(k, v);
      this.exported.add(k);
    }
    this.builtins = this.makeBuiltins();
  }

  /** Whether the input needs more lines before it can run (show the `> ` prompt). */
  needsMore(input: string): boolean {
    return lexNeedsMore(input, (n) => this.aliases.get(n));
  }

  /**
   * The primary prompt, as Debian's default bash shows it (`\u@\h:\w\$ `); with `color`, as
   * its .bashrc colours it on an xterm-256color terminal.
   */
  prompt(opts: { color?: boolean } = {}): string {
    const cwd = this.fs.cwd;
    const shown = cwd === HOME ? '~' : cwd.startsWith(HOME + '/') ? '~' + cwd.slice(HOME.length) : cwd;
    if (opts.color) return `\x1b[01;32mlearner@control-plane\x1b[00m:\x1b[01;34m${shown}\x1b[00m$ `;
    return `learner@control-plane:${shown}$ `;
  }

  /** Names of every command the shell knows (completion, `help`). */
  commandNames(): string[] {
    return [...new Set([...Object.keys(this.builtins), ...Object.keys(COREUTILS), ...this.programs.keys(), ...this.aliases.keys()])].sort();
  }

  /** Registers (or replaces) a program. */
  setProgram(name: string, program: Program): void {
    this.programs.set(name, program);
  }

  /**
   * Runs one complete input (one or more lines). Script mode: returns the exit status when
   * everything has run. Interactive mode: returns a LongRunning if a command blocks.
   */
  run(input: string, out: Writer, err: Writer, opts: RunOptions = {}): number | LongRunning {
    const trimmed = input.replace(/\n+$/, '');
    if (opts.history !== false && trimmed.trim() !== '') this.history.push(trimmed);
    let list: List;
    try {
      const parsed = parse(input, { eof: opts.eof ?? true, firstLine: opts.firstLine, alias: (n) => this.aliases.get(n) });
      for (const w of parsed.warnings) err.write(`bash: ${w}\n`);
      list = parsed.list;
    } catch (e) {
      if (e instanceof Incomplete || e instanceof ShellSyntaxError) {
        err.write(`bash: ${e.message}\n`);
        this.status = 2;
        return 2;
      }
      throw e;
    }
    this.loopCount = 0;
    const gen = this.execTop(list, { out, err, terminal: true });
    if (this.mode === 'script') return this.drive(gen);
    return this.startInteractive(gen);
  }

  // ---- drivers -------------------------------------------------------------------------

  private *execTop(list: List, io: IO): Exec {
    try {
      const code = yield* this.execList(list, io);
      this.status = code;
      return code;
    } catch (e) {
      if (e instanceof ExitSignal) {
        this.exited = e.code;
        this.status = e.code;
        return e.code;
      }
      if (e instanceof Interrupt) {
        this.status = e.code;
        return e.code;
      }
      if (e instanceof LoopSignal) return this.status;
      throw e;
    }
  }

  /** Script mode: runs to the end, driving the clock for blocking commands. */
  private drive(gen: Exec): number {
    let r = gen.next(0);
    while (!r.done) r = gen.next(this.runJob(r.value));
    return r.value;
  }

  /** Drives one blocking command on simulated time until it finishes (script mode). */
  private runJob(job: Job): number {
    const clock = this.cluster.clock;
    const start = clock.now();
    job.activity.lastMs = start;
    const lr = job.lr;
    let code = lr.poll();
    while (code === undefined) {
      const now = clock.now();
      const deadline = lr.deadlineMs;
      if (deadline === undefined) {
        if (now - job.activity.lastMs >= QUIET_LIMIT_SECONDS * 1000 || now - start >= UNBOUNDED_LIMIT_SECONDS * 1000) {
          return lr.cancel();
        }
      } else if (now >= deadline) {
        return lr.cancel();
      }
      const target = Math.min(now + STEP_SECONDS * 1000, deadline ?? Infinity);
      clock.advanceTo(target);
      code = lr.poll();
    }
    return code;
  }

  /** Interactive mode: runs until the first blocking command and hands it to the host. */
  private startInteractive(gen: Exec): number | LongRunning {
    let r = gen.next(0);
    if (r.done) return r.value;
    let job = r.value;
    let finished: number | undefined;
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this;
    const advance = (code: number): number | undefined => {
      for (;;) {
        r = gen.next(code);
        if (r.done) return r.value;
        job = r.value;
        if (job.breather) return undefined;
        const c = job.lr.poll();
        if (c === undefined) return undefined;
        code = c;
      }
    };
    const first = job.breather ? undefined : job.lr.poll();
    if (first !== undefined) {
      const done = advance(first);
      if (done !== undefined) return done;
    }
    return {
      poll(): number | undefined {
        if (finished !== undefined) return finished;
        const c = job.lr.poll();
        if (c === undefined) return undefined;
        finished = advance(c);
        return finished;
      },
      cancel(): number {
        if (finished !== undefined) return finished;
        const c = job.lr.cancel();
        gen.return(c);
        self.status = c;
        finished = c;
        return c;
      },
      get deadlineMs(): number | undefined {
        return job.lr.deadlineMs;
      },
    };
  }

  /** Runs a command substitution to its end (always on simulated time, as a script). */
  private substitute(list: List): string {
    const buf = new BufferWriter();
    const gen = this.execList(list, { out: buf, err: this.currentErr, terminal: false });
    let r = gen.next(0);
    while (!r.done) r = gen.next(this.runJob(r.value));
    this.status = r.value;
    return buf.text;
  }

  private currentErr: Writer = NULL_WRITER;

  // ---- execution -----------------------------------------------------------------------

  private *execList(list: List, io: IO): Exec {
    let status = this.status;
    for (const item of list) status = yield* this.execAndOr(item, io);
    return status;
  }

  private *execAndOr(a: AndOr, io: IO): Exec {
    let status = yield* this.execPipeline(a.first, io);
    this.status = status;
    for (const { op, pipeline } of a.rest) {
      if ((op === '&&') !== (status === 0)) continue;
      status = yield* this.execPipeline(pipeline, io);
      this.status = status;
    }
    return status;
  }

  private *execPipeline(p: Pipeline, io: IO): Exec {
    let stdin = io.stdin;
    let status = 0;
    const n = p.commands.length;
    for (let i = 0; i < n; i++) {
      const last = i === n - 1;
      const buf = last ? undefined : new BufferWriter();
      const stage: IO = {
        stdin,
        out: buf ?? io.out,
        err: buf && p.pipeStderr[i] ? buf : io.err,
        terminal: last ? io.terminal : false,
      };
      status = yield* this.execCommand(p.commands[i], stage);
      stdin = buf?.text;
    }
    if (p.negate) status = status === 0 ? 1 : 0;
    return status;
  }

  private *execCommand(c: Command, io: IO): Exec {
    if (c.type === 'simple') return yield* this.execSimple(c, io);
    const rio = this.applyRedirects(c.redirects, io);
    if (typeof rio === 'number') return rio;
    switch (c.type) {
      case 'group':
        return yield* this.execList(c.body, rio);
      case 'subshell': {
        const saved = this.saveState();
        try {
          return yield* this.execList(c.body, rio);
        } catch (e) {
          if (e instanceof ExitSignal) return e.code;
          throw e;
        } finally {
          this.restoreState(saved);
        }
      }
      case 'if': {
        for (const clause of c.clauses) {
          const cond = yield* this.execList(clause.cond, rio);
          if (cond === 0) return yield* this.execList(clause.body, rio);
        }
        if (c.otherwise) return yield* this.execList(c.otherwise, rio);
        return 0;
      }
      case 'for': {
        const items = c.items ? this.expandArgs(c.items, rio) : [];
        if (items === undefined) return 1;
        let status = 0;
        for (const item of items) {
          this.setVar(c.name, item);
          const r = yield* this.loopBody(c.body, rio);
          status = r.status;
          if (r.stop) break;
        }
        return status;
      }
      case 'while': {
        let status = 0;
        for (;;) {
          const cond = yield* this.execList(c.cond, rio);
          if ((cond === 0) === c.until) break;
          const r = yield* this.loopBody(c.body, rio);
          status = r.status;
          if (r.stop) break;
        }
        return status;
      }
    }
  }

  /** One loop iteration, with break/continue and the endless-loop guard. */
  private *loopBody(body: List, io: IO): Generator<Job, { status: number; stop: boolean }, number> {
    this.loopCount++;
    if (this.mode === 'script' && this.loopCount > SCRIPT_LOOP_LIMIT) throw new Interrupt(130);
    if (this.mode === 'interactive' && this.loopCount % INTERACTIVE_YIELD_EVERY === 0) {
      // Hand control back to the host so that the page stays responsive and Ctrl-C works.
      yield { lr: { poll: () => 0, cancel: () => 130 }, activity: { lastMs: 0 }, breather: true };
    }
    try {
      return { status: yield* this.execList(body, io), stop: false };
    } catch (e) {
      if (e instanceof LoopSignal) {
        if (e.levels > 1) {
          e.levels--;
          throw e;
        }
        return { status: 0, stop: e.kind === 'break' };
      }
      throw e;
    }
  }

  private *execSimple(c: SimpleCommand, io: IO): Exec {
    this.currentErr = io.err;
    let argv: string[];
    const assigns: [string, string][] = [];
    try {
      argv = [];
      for (const w of c.words) argv.push(...expandWord(w, this.expandEnv()));
      for (const a of c.assigns) {
        const v = expandString(a.value, this.expandEnv());
        assigns.push([a.name, a.append ? (this.getVar(a.name) ?? '') + v : v]);
      }
    } catch (e) {
      if (e instanceof ExpansionError) {
        io.err.write(`bash: ${e.message}\n`);
        return 1;
      }
      throw e;
    }
    if (argv.length === 0) {
      for (const [k, v] of assigns) this.setVar(k, v);
      const rio = this.applyRedirects(c.redirects, io);
      if (typeof rio === 'number') return rio;
      return c.words.length > 0 || c.assigns.length === 0 ? 0 : this.status;
    }
    const rio = this.applyRedirects(c.redirects, io);
    if (typeof rio === 'number') return rio;
    const env = this.environment();
    for (const [k, v] of assigns) env[k] = v;
    const result = this.invoke(argv, rio, env);
    // What a command set in motion (a pod to schedule, a ReplicaSet to fill) is acted on by the
    // controllers right away, in zero simulated time, as a real cluster does in milliseconds.
    if (!isLongRunning(result.result)) {
      this.cluster.clock.settle();
      return result.result;
    }
    const code = yield { lr: result.result, activity: result.activity };
    this.cluster.clock.settle();
    return code;
  }

  /**
   * Runs a command by name: a builtin, a coreutil, a program, or `command not found`. Returns
   * its result and the record of when it last printed.
   */
  invoke(argv: string[], io: IO, env: Record<string, string>): { result: ProcessResult; activity: { lastMs: number } } {
    const activity = { lastMs: this.cluster.clock.now() };
    const track = (w: Writer): Writer => ({
      write: (text: string) => {
        activity.lastMs = this.cluster.clock.now();
        w.write(text);
      },
    });
    const name = argv[0];
    const ctx: ShellContext = {
      cluster: this.cluster,
      out: track(io.out),
      err: track(io.err),
      stdin: io.stdin,
      fs: this.fs,
      env,
      mode: this.mode,
      tty: this.tty && io.terminal,
      columns: this.columns,
      host: this.host,
      terminal: io.terminal,
      shell: this,
    };
    const impl: Builtin | Program | undefined = this.builtins[name] ?? COREUTILS[name] ?? this.programs.get(name);
    if (!impl) {
      io.err.write(`bash: ${name}: command not found\n`);
      return { result: 127, activity };
    }
    try {
      return { result: impl(argv.slice(1), ctx), activity };
    } catch (e) {
      if (e instanceof ExitSignal || e instanceof LoopSignal || e instanceof Interrupt) throw e;
      const msg = e instanceof Error ? e.message : String(e);
      io.err.write(`${name}: internal error: ${msg}\n`);
      if (this.cluster.internalErrors.length < 100) {
        this.cluster.internalErrors.push(`shell ${argv.join(' ')}: ${e instanceof Error ? (e.stack ?? msg) : msg}`);
      }
      return { result: 1, activity };
    }
  }

  private expandArgs(words: Word[], io: IO): string[] | undefined {
    try {
      const out: string[] = [];
      for (const w of words) out.push(...expandWord(w, this.expandEnv()));
      return out;
    } catch (e) {
      if (e instanceof ExpansionError) {
        io.err.write(`bash: ${e.message}\n`);
        return undefined;
      }
      throw e;
    }
  }

  /** Applies redirections in order; a failure prints bash's message and returns status 1. */
  private applyRedirects(redirects: Redirect[], io: IO): IO | number {
    if (redirects.length === 0) return io;
    const fds: { 0: string | undefined; 1: Writer; 2: Writer } = { 0: io.stdin, 1: io.out, 2: io.err };
    let terminal1 = io.terminal;
    let terminal2 = true;
    const env = this.expandEnv();
    for (const r of redirects) {
      let target: string;
      try {
        if (r.heredoc) {
          const body = r.heredoc.expand ? expandString(r.heredoc.body, env) : r.heredoc.body.parts.map((p) => (p.kind === 'lit' ? p.value : '')).join('');
          if ((r.fd ?? 0) === 0) fds[0] = body;
          continue;
        }
        if (r.op === '<<<') {
          fds[0] = expandString(r.target, env) + '\n';
          continue;
        }
        const fields = expandWord(r.target, env);
        if (fields.length !== 1) {
          io.err.write(`bash: ${r.target.text}: ambiguous redirect\n`);
          return 1;
        }
        target = fields[0];
      } catch (e) {
        if (e instanceof ExpansionError) {
          io.err.write(`bash: ${e.message}\n`);
          return 1;
        }
        throw e;
      }
      const op = r.op;
      if (op === '>&' || op === '<&') {
        const fd = r.fd ?? (op === '>&' ? 1 : 0);
        if (/^\d+$/.test(target) || target === '-') {
          if (fd === 1 || fd === 2) {
            const src = Number(target);
            if (target === '-') fds[fd] = NULL_WRITER;
            else if (src === 1 || src === 2) {
              fds[fd] = fds[src as 1 | 2];
              if (fd === 1) terminal1 = src === 1 ? terminal1 : terminal2;
              else terminal2 = src === 1 ? terminal1 : terminal2;
            } else {
              io.err.write(`bash: ${target}: Bad file descriptor\n`);
              return 1;
            }
          }
          continue;
        }
        if (op === '<&') {
          io.err.write(`bash: ${target}: ambiguous redirect\n`);
          return 1;
        }
      }
      if (op === '<' || op === '<>') {
        const p = this.fs.resolve(target);
        if (this.fs.isDir(p)) {
          if (op === '<>') {
            io.err.write(`bash: ${target}: Is a directory\n`);
            return 1;
          }
          fds[0] = '';
          continue;
        }
        const content = this.fs.read(p);
        if (content === undefined) {
          if (op === '<>') {
            this.fs.write(p, '');
            fds[0] = '';
            continue;
          }
          io.err.write(`bash: ${target}: No such file or directory\n`);
          return 1;
        }
        if ((r.fd ?? 0) === 0) fds[0] = content;
        continue;
      }
      // Output to a file: >, >>, >|, &>, &>>, >&word.
      const append = op === '>>' || op === '&>>';
      const both = op === '&>' || op === '&>>' || (op === '>&' && r.fd === undefined);
      const writer = this.openFile(target, append, io.err);
      if (!writer) return 1;
      if (both) {
        fds[1] = writer;
        fds[2] = writer;
        terminal1 = false;
        terminal2 = false;
      } else {
        const fd = r.fd ?? 1;
        if (fd === 1) {
          fds[1] = writer;
          terminal1 = false;
        } else if (fd === 2) {
          fds[2] = writer;
          terminal2 = false;
        }
      }
    }
    return { stdin: fds[0], out: fds[1], err: fds[2], terminal: terminal1 };
  }

  /** Opens a file for output as bash does: truncates (or appends), checks the directory. */
  private openFile(target: string, append: boolean, err: Writer): Writer | undefined {
    if (target === '/dev/null') return NULL_WRITER;
    if (target === '/dev/stdout' || target === '/dev/stderr') return undefined;
    const p = this.fs.resolve(target);
    if (this.fs.isDir(p)) {
      err.write(`bash: ${target}: Is a directory\n`);
      return undefined;
    }
    const parent = p.slice(0, p.lastIndexOf('/')) || '/';
    if (!this.fs.isDir(parent)) {
      err.write(`bash: ${target}: ${this.fs.isFile(parent) ? 'Not a directory' : 'No such file or directory'}\n`);
      return undefined;
    }
    if (!append || !this.fs.isFile(p)) this.fs.write(p, '');
    return { write: (text: string) => this.fs.append(p, text) };
  }

  // ---- variables -----------------------------------------------------------------------

  getVar(name: string): string | undefined {
    switch (name) {
      case '?':
        return String(this.status);
      case '$':
        return String(this.pid);
      case '#':
        return '0';
      case '0':
        return 'bash';
      case '-':
        return this.mode === 'interactive' ? 'himBHs' : 'hB';
      case '@':
      case '*':
        return '';
      case 'RANDOM':
        return String(this.cluster.clock.now() % 32768);
      case 'SECONDS':
        return String(Math.floor(this.cluster.clock.now() / 1000) % 100000);
      case 'PWD':
        return this.fs.cwd;
    }
    return this.vars.get(name);
  }

  setVar(name: string, value: string): void {
    this.vars.set(name, value);
  }

  unsetVar(name: string): void {
    this.vars.delete(name);
    this.exported.delete(name);
  }

  /** The environment programs see: the exported variables. */
  environment(): Record<string, string> {
    const env: Record<string, string> = {};
    for (const k of this.exported) {
      const v = k === 'PWD' ? this.fs.cwd : this.vars.get(k);
      if (v !== undefined) env[k] = v;
    }
    return env;
  }

  private expandEnv(): ExpandEnv {
    return {
      getVar: (n) => this.getVar(n),
      setVar: (n, v) => this.setVar(n, v),
      home: () => HOME,
      substitute: (list) => this.substitute(list),
      fs: this.fs,
    };
  }

  private saveState(): { vars: Map<string, string>; exported: Set<string>; aliases: Map<string, string>; cwd: string } {
    return { vars: new Map(this.vars), exported: new Set(this.exported), aliases: new Map(this.aliases), cwd: this.fs.cwd };
  }

  private restoreState(s: ReturnType<Shell['saveState']>): void {
    this.vars.clear();
    for (const [k, v] of s.vars) this.vars.set(k, v);
    this.exported.clear();
    for (const k of s.exported) this.exported.add(k);
    this.aliases.clear();
    for (const [k, v] of s.aliases) this.aliases.set(k, v);
    this.fs.cwd = s.cwd;
  }

  // ---- builtins that need the shell ----------------------------------------------------

  private makeBuiltins(): Record<string, Builtin> {
    const shell = this;
    return {
      cd(args, ctx) {
        let dir = args.filter((a) => a !== '--')[0];
        if (args.length > 1 && args.filter((a) => a !== '--').length > 1) {
          ctx.err.write('bash: cd: too many arguments\n');
          return 1;
        }
        let print = false;
        if (dir === undefined) dir = shell.getVar('HOME') ?? HOME;
        else if (dir === '-') {
          const old = shell.getVar('OLDPWD');
          if (old === undefined) {
            ctx.err.write('bash: cd: OLDPWD not set\n');
            return 1;
          }
          dir = old;
          print = true;
        }
        const p = shell.fs.resolve(dir);
        if (!shell.fs.isDir(p)) {
          ctx.err.write(`bash: cd: ${dir}: ${shell.fs.isFile(p) ? 'Not a directory' : 'No such file or directory'}\n`);
          return 1;
        }
        shell.vars.set('OLDPWD', shell.fs.cwd);
        shell.exported.add('OLDPWD');
        shell.fs.cwd = p;
        shell.vars.set('PWD', p);
        if (print) ctx.out.write(p + '\n');
        return 0;
      },
      export(args, ctx) {
        const names = args.filter((a) => a !== '-p' && a !== '--');
        if (names.length === 0) {
          for (const k of [...shell.exported].sort()) {
            const v = shell.getVar(k);
            ctx.out.write(v === undefined ? `declare -x ${k}\n` : `declare -x ${k}="${v.replace(/(["\\$`])/g, '\\$1')}"\n`);
          }
          return 0;
        }
        let status = 0;
        for (const a of names) {
          const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(\+?)=(.*))?$/s.exec(a);
          if (!m) {
            ctx.err.write(`bash: export: \`${a}': not a valid identifier\n`);
            status = 1;
            continue;
          }
          if (m[3] !== undefined) shell.setVar(m[1], (m[2] ? (shell.getVar(m[1]) ?? '') : '') + m[3]);
          shell.exported.add(m[1]);
        }
        return status;
      },
      unset(args) {
        for (const a of args) if (!a.startsWith('-')) shell.unsetVar(a);
        return 0;
      },
      alias(args, ctx) {
        const quote = (v: string): string => `'${v.replace(/'/g, `'\\''`)}'`;
        const list = args.filter((a) => a !== '-p');
        if (list.length === 0) {
          for (const k of [...shell.aliases.keys()].sort()) ctx.out.write(`alias ${k}=${quote(shell.aliases.get(k)!)}\n`);
          return 0;
        }
        let status = 0;
        for (const a of list) {
          const eq = a.indexOf('=');
          if (eq > 0) {
            shell.aliases.set(a.slice(0, eq), a.slice(eq + 1));
            continue;
          }
          const v = shell.aliases.get(a);
          if (v === undefined) {
            ctx.err.write(`bash: alias: ${a}: not found\n`);
            status = 1;
          } else ctx.out.write(`alias ${a}=${quote(v)}\n`);
        }
        return status;
      },
      unalias(args, ctx) {
        if (args.length === 0) {
          ctx.err.write('unalias: usage: unalias [-a] name [name ...]\n');
          return 2;
        }
        if (args.includes('-a')) {
          shell.aliases.clear();
          return 0;
        }
        let status = 0;
        for (const a of args) {
          if (!shell.aliases.delete(a)) {
            ctx.err.write(`bash: unalias: ${a}: not found\n`);
            status = 1;
          }
        }
        return status;
      },
      history(args, ctx) {
        if (args[0] === '-c') {
          shell.history.length = 0;
          return 0;
        }
        let from = 0;
        if (args[0] !== undefined) {
          if (!/^\d+$/.test(args[0])) {
            ctx.err.write(`bash: history: ${args[0]}: numeric argument required\n`);
            return 1;
          }
          from = Math.max(0, shell.history.length - Number(args[0]));
        }
        for (let i = from; i < shell.history.length; i++) {
          ctx.out.write(`${String(i + 1).padStart(5)}  ${shell.history[i]}\n`);
        }
        return 0;
      },
      exit(args, ctx) {
        if (shell.mode === 'interactive') ctx.err.write('exit\n');
        const code = args[0] === undefined ? shell.status : Number(args[0]);
        if (!Number.isInteger(code)) {
          ctx.err.write(`bash: exit: ${args[0]}: numeric argument required\n`);
          throw new ExitSignal(2);
        }
        throw new ExitSignal(code & 0xff);
      },
      break(args, ctx) {
        return loopControl('break', args, ctx);
      },
      continue(args, ctx) {
        return loopControl('continue', args, ctx);
      },
      eval(args, ctx) {
        const text = args.join(' ');
        if (text.trim() === '') return 0;
        const r = shell.runNested(text, ctx);
        return r;
      },
      timeout(args, ctx) {
        return timeoutBuiltin(shell, args, ctx);
      },
      type(args, ctx) {
        let status = 0;
        for (const a of args) {
          if (shell.aliases.has(a)) ctx.out.write(`${a} is aliased to \`${shell.aliases.get(a)}'\n`);
          else if (a in shell.builtins || ['echo', 'printf', 'pwd', 'true', 'false', ':', 'test', '[', 'help', 'sleep'].includes(a) && a !== 'sleep') {
            ctx.out.write(`${a} is a shell builtin\n`);
          } else if (a in COREUTILS || shell.programs.has(a)) ctx.out.write(`${a} is ${binPath(a)}\n`);
          else {
            ctx.err.write(`bash: type: ${a}: not found\n`);
            status = 1;
          }
        }
        return status;
      },
      which(args, ctx) {
        let status = 0;
        for (const a of args) {
          if (a in COREUTILS || shell.programs.has(a) || a in shell.builtins) ctx.out.write(`${binPath(a)}\n`);
          else status = 1;
        }
        return status;
      },
      help(args, ctx) {
        ctx.out.write(helpText(shell));
        void args;
        return 0;
      },
    };

    function loopControl(kind: 'break' | 'continue', args: string[], ctx: ShellContext): number {
      const n = args[0] === undefined ? 1 : Number(args[0]);
      if (!Number.isInteger(n) || n < 1) {
        ctx.err.write(`bash: ${kind}: ${args[0]}: loop count out of range\n`);
        return 1;
      }
      if (shell.loopCount === 0) return 0;
      throw new LoopSignal(kind, n);
    }
  }

  /** Runs text as commands within the current command (for `eval`); script-style. */
  private runNested(text: string, ctx: ShellContext): number {
    let list: List;
    try {
      list = parse(text, { eof: true, alias: (n) => this.aliases.get(n) }).list;
    } catch (e) {
      if (e instanceof Incomplete || e instanceof ShellSyntaxError) {
        ctx.err.write(`bash: eval: ${e.message}\n`);
        return 2;
      }
      throw e;
    }
    const gen = this.execList(list, { stdin: ctx.stdin, out: ctx.out, err: ctx.err, terminal: ctx.terminal });
    let r = gen.next(0);
    while (!r.done) r = gen.next(this.runJob(r.value));
    return r.value;
  }
}

function binPath(name: string): string {
  return name === 'kubectl' || name === 'kubeplay' ? `/usr/local/bin/${name}` : `/usr/bin/${name}`;
}

/** `timeout DURATION COMMAND [ARG]...` (GNU coreutils): exit 124 when the time runs out. */
function timeoutBuiltin(shell: Shell, args: string[], ctx: ShellContext): ProcessResult {
  let i = 0;
  while (args[i]?.startsWith('-') && args[i] !== '--') i++;
  if (args[i] === '--') i++;
  const spec = args[i];
  const argv = args.slice(i + 1);
  if (spec === undefined || argv.length === 0) {
    ctx.err.write("timeout: missing operand\nTry 'timeout --help' for more information.\n");
    return 125;
  }
  const seconds = parseDuration(spec);
  if (seconds === undefined) {
    ctx.err.write(`timeout: invalid time interval '${spec}'\nTry 'timeout --help' for more information.\n`);
    return 125;
  }
  const { result } = shell.invoke(argv, { stdin: ctx.stdin, out: ctx.out, err: ctx.err, terminal: ctx.terminal }, ctx.env);
  if (!isLongRunning(result) || seconds === 0) return result;
  const deadline = ctx.cluster.clock.now() + seconds * 1000;
  let finished: number | undefined;
  return {
    poll() {
      if (finished !== undefined) return finished;
      const c = result.poll();
      if (c !== undefined) return (finished = c);
      if (ctx.cluster.clock.now() >= deadline) {
        result.cancel();
        return (finished = 124);
      }
      return undefined;
    },
    cancel() {
      if (finished !== undefined) return finished;
      return (finished = result.cancel());
    },
    get deadlineMs() {
      return Math.min(deadline, result.deadlineMs ?? Infinity);
    },
  };
}

/** `10`, `2.5`, `30s`, `5m`, `1h`, `1d` -> seconds. */
export function parseDuration(s: string): number | undefined {
  const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(s);
  if (!m) return undefined;
  const mult = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
  return Number(m[1]) * mult;
}

function helpText(shell: Shell): string {
  const programs = shell.commandNames().filter((n) => n !== 'kubectl' && n !== 'kubeplay');
  return [
    'KubePlay shell: a bash-like shell in front of a simulated Kubernetes v1.32 cluster.',
    '',
    '  kubectl ...          talk to the cluster (try: kubectl get nodes, kubectl run web --image=nginx)',
    '  kubeplay ...         things only a simulator can do: fail a node, add one (kubeplay --help)',
    '  sleep N              let N seconds of cluster time pass',
    '',
    'Shell features: pipes (|), &&, ||, ;, redirections (>, >>, 2>&1, <), heredocs (<<EOF),',
    '$VAR and $(command), aliases (alias k=kubectl), if/for/while, Tab completion, Ctrl-R.',
    '',
    'Other commands:',
    ...wrapWords(programs, 78).map((l) => '  ' + l),
    '',
  ].join('\n');
}

function wrapWords(words: string[], width: number): string[] {
  const lines: string[] = [];
  let cur = '';
  for (const w of words) {
    if (cur && cur.length + 1 + w.length > width - 2) {
      lines.push(cur);
      cur = w;
    } else cur = cur ? `${cur} ${w}` : w;
  }
  if (cur) lines.push(cur);
  return lines;
}
