/**
 * A small POSIX-sh interpreter for what containers run in tutorials: busybox `sh -c '...'`
 * scripts with `;`, `&&`, `||`, pipes, `while/until/for/if`, `$VAR`, `$(...)`, `$((...))`,
 * redirections to files, and the usual applets (echo, printf, sleep, date, cat, touch, rm, test,
 * seq, wc, head, tail, grep, env, hostname, exit ...). It runs as a generator that yields
 * output and sleeps, so the kubelet drives it on the SimClock: `while true; do date; sleep 5;
 * done` prints a line every 5 simulated seconds.
 *
 * Simplification: no job control, no functions, no globbing; unknown commands answer as busybox
 * does (`sh: foo: not found`, status 127).
 */

import { runPerl, type PerlInfo } from './perl';

export type Effect = { t: 'out'; s: string } | { t: 'err'; s: string } | { t: 'sleep'; sec: number };

/** What a script can see of its container. */
export interface ShellHost {
  env: Map<string, string>;
  /** Simulated time in ms. */
  now(): number;
  hostname: string;
  readFile(path: string): string | undefined;
  writeFile(path: string, content: string, append: boolean): boolean;
  removeFile(path: string): boolean;
  isDir(path: string): boolean;
  mkdir(path: string): void;
  listDir(path: string): string[] | undefined;
  /** Commands the image has besides the shell builtins (e.g. `nginx`, `wget`); undefined = all. */
  hasCommand?(name: string): boolean;
  /** External commands (wget, curl, nslookup, nginx -v ...) provided by the runtime. */
  external?(argv: string[], stdin: string): { out: string; err: string; code: number } | undefined;
  /** `trap '...' TERM` registrations. */
  traps?: Map<string, string>;
  /** Kernel release for uname. */
  kernel?: string;
  /** The image's perl, when it has one (./perl.ts). */
  perl?: PerlInfo;
}

// ---- lexer -----------------------------------------------------------------------------------

interface Word {
  /** Raw text including quotes, expanded at run time. */
  raw: string;
}

type Tok = { k: 'word'; w: Word } | { k: 'op'; v: string };

const OPS = ['&&', '||', ';;', '>>', '2>&1', '1>&2', '>&2', '2>', '&>', '>', '<', '|', ';', '&', '(', ')', '\n'];

/** Redirection operators: to a file, or between stdout and stderr. */
const REDIR_OPS = ['>', '>>', '<', '2>', '&>', '2>&1', '1>&2', '>&2'];

function lex(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '\\' && src[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (op && !(op === '2>' && /\S/.test(src[i - 1] ?? ' ') && src[i - 1] !== ' ')) {
      out.push({ k: 'op', v: op });
      i += op.length;
      continue;
    }
    let raw = '';
    while (i < src.length) {
      const d = src[i];
      if (' \t\r\n;&|<>()'.includes(d)) break;
      if (d === '\\') {
        raw += d + (src[i + 1] ?? '');
        i += 2;
        continue;
      }
      if (d === "'") {
        const j = src.indexOf("'", i + 1);
        const end = j < 0 ? src.length : j;
        raw += src.slice(i, end + 1);
        i = end + 1;
        continue;
      }
      if (d === '"') {
        let j = i + 1;
        while (j < src.length && src[j] !== '"') j += src[j] === '\\' ? 2 : 1;
        raw += src.slice(i, j + 1);
        i = j + 1;
        continue;
      }
      if (d === '$' && src[i + 1] === '(') {
        let depth = 0;
        let j = i + 1;
        for (; j < src.length; j++) {
          if (src[j] === '(') depth++;
          else if (src[j] === ')' && --depth === 0) break;
        }
        raw += src.slice(i, j + 1);
        i = j + 1;
        continue;
      }
      if (d === '`') {
        const j = src.indexOf('`', i + 1);
        const end = j < 0 ? src.length : j;
        raw += src.slice(i, end + 1);
        i = end + 1;
        continue;
      }
      raw += d;
      i++;
    }
    out.push({ k: 'word', w: { raw } });
  }
  return out;
}

// ---- parser ----------------------------------------------------------------------------------

interface Redir {
  op: string;
  target?: Word;
}
type Node =
  | { k: 'simple'; words: Word[]; redirs: Redir[] }
  | { k: 'pipe'; cmds: Node[]; bang: boolean }
  | { k: 'andor'; first: Node; rest: { op: string; n: Node }[] }
  | { k: 'list'; items: Node[] }
  | { k: 'while'; until: boolean; cond: Node; body: Node; redirs: Redir[] }
  | { k: 'for'; name: string; words: Word[]; body: Node; redirs: Redir[] }
  | { k: 'if'; branches: { cond: Node; body: Node }[]; else?: Node; redirs: Redir[] }
  | { k: 'group'; body: Node; redirs: Redir[] };

class ParseError extends Error {}

class Parser {
  private i = 0;
  constructor(private toks: Tok[]) {}

  private peekWord(): string | undefined {
    const t = this.toks[this.i];
    return t?.k === 'word' ? t.w.raw : undefined;
  }
  private isOp(v: string): boolean {
    const t = this.toks[this.i];
    return t?.k === 'op' && t.v === v;
  }
  private skipNewlines(): void {
    while (this.isOp('\n') || this.isOp(';')) this.i++;
  }
  private expectWord(w: string): void {
    this.skipNewlines();
    if (this.peekWord() !== w) throw new ParseError(`syntax error: unexpected ${this.peekWord() ?? 'end of file'} (expecting "${w}")`);
    this.i++;
  }

  parseScript(): Node {
    const n = this.parseList([]);
    if (this.i < this.toks.length) {
      const t = this.toks[this.i];
      throw new ParseError(`syntax error: unexpected "${t.k === 'op' ? t.v : t.w.raw}"`);
    }
    return n;
  }

  parseList(stop: string[]): Node {
    const items: Node[] = [];
    for (;;) {
      this.skipNewlines();
      if (this.i >= this.toks.length) break;
      const w = this.peekWord();
      if (w !== undefined && stop.includes(w)) break;
      if (this.isOp(')')) break;
      items.push(this.parseAndOr());
      if (this.isOp('&')) this.i++;
    }
    return { k: 'list', items };
  }

  private parseAndOr(): Node {
    const first = this.parsePipe();
    const rest: { op: string; n: Node }[] = [];
    while (this.isOp('&&') || this.isOp('||')) {
      const op = (this.toks[this.i++] as { v: string }).v;
      while (this.isOp('\n')) this.i++;
      rest.push({ op, n: this.parsePipe() });
    }
    return rest.length ? { k: 'andor', first, rest } : first;
  }

  private parsePipe(): Node {
    let bang = false;
    if (this.peekWord() === '!') {
      bang = true;
      this.i++;
    }
    const cmds = [this.parseCommand()];
    while (this.isOp('|')) {
      this.i++;
      while (this.isOp('\n')) this.i++;
      cmds.push(this.parseCommand());
    }
    return cmds.length === 1 && !bang ? cmds[0] : { k: 'pipe', cmds, bang };
  }

  private parseRedirs(): Redir[] {
    const redirs: Redir[] = [];
    for (;;) {
      const t = this.toks[this.i];
      if (t?.k !== 'op' || !REDIR_OPS.includes(t.v)) break;
      this.i++;
      if (t.v === '2>&1' || t.v === '1>&2' || t.v === '>&2') {
        redirs.push({ op: t.v });
        continue;
      }
      const target = this.toks[this.i];
      if (target?.k !== 'word') throw new ParseError('syntax error: unexpected newline');
      this.i++;
      redirs.push({ op: t.v, target: target.w });
    }
    return redirs;
  }

  private parseCommand(): Node {
    const w = this.peekWord();
    if (w === 'while' || w === 'until') {
      this.i++;
      const cond = this.parseList(['do']);
      this.expectWord('do');
      const body = this.parseList(['done']);
      this.expectWord('done');
      return { k: 'while', until: w === 'until', cond, body, redirs: this.parseRedirs() };
    }
    if (w === 'for') {
      this.i++;
      const name = this.peekWord() ?? '';
      this.i++;
      const words: Word[] = [];
      if (this.peekWord() === 'in') {
        this.i++;
        while (this.toks[this.i]?.k === 'word') words.push((this.toks[this.i++] as { w: Word }).w);
      }
      this.expectWord('do');
      const body = this.parseList(['done']);
      this.expectWord('done');
      return { k: 'for', name, words, body, redirs: this.parseRedirs() };
    }
    if (w === 'if') {
      this.i++;
      const branches: { cond: Node; body: Node }[] = [];
      let elseBody: Node | undefined;
      for (;;) {
        const cond = this.parseList(['then']);
        this.expectWord('then');
        const body = this.parseList(['elif', 'else', 'fi']);
        branches.push({ cond, body });
        this.skipNewlines();
        const kw = this.peekWord();
        this.i++;
        if (kw === 'elif') continue;
        if (kw === 'else') {
          elseBody = this.parseList(['fi']);
          this.expectWord('fi');
        } else if (kw !== 'fi') throw new ParseError('syntax error: unexpected end of file (expecting "fi")');
        break;
      }
      return { k: 'if', branches, else: elseBody, redirs: this.parseRedirs() };
    }
    if (w === '{') {
      this.i++;
      const body = this.parseList(['}']);
      this.expectWord('}');
      return { k: 'group', body, redirs: this.parseRedirs() };
    }
    if (this.isOp('(')) {
      this.i++;
      const body = this.parseList([]);
      if (!this.isOp(')')) throw new ParseError('syntax error: unexpected end of file (expecting ")")');
      this.i++;
      return { k: 'group', body, redirs: this.parseRedirs() };
    }
    const words: Word[] = [];
    const redirs: Redir[] = [];
    for (;;) {
      const t = this.toks[this.i];
      if (!t) break;
      if (t.k === 'word') {
        if (words.length === 0 && ['do', 'done', 'then', 'fi', 'else', 'elif', '}'].includes(t.w.raw)) {
          throw new ParseError(`syntax error: unexpected "${t.w.raw}"`);
        }
        words.push(t.w);
        this.i++;
        continue;
      }
      if (REDIR_OPS.includes(t.v)) {
        redirs.push(...this.parseRedirs());
        continue;
      }
      break;
    }
    if (words.length === 0 && redirs.length === 0) {
      const t = this.toks[this.i];
      throw new ParseError(`syntax error: unexpected "${t ? (t.k === 'op' ? (t.v === '\n' ? 'newline' : t.v) : t.w.raw) : 'end of file'}"`);
    }
    return { k: 'simple', words, redirs };
  }
}

/** Parses a script; throws a ParseError with sh's message. */
export function parseScript(src: string): Node {
  return new Parser(lex(src)).parseScript();
}

// ---- interpreter -----------------------------------------------------------------------------

class ExitSignal {
  constructor(readonly code: number) {}
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** busybox `date` output: `Thu Nov 26 09:05:01 UTC 2026`, or a `+FORMAT`. */
export function formatDate(ms: number, fmt?: string): string {
  const d = new Date(ms);
  if (!fmt) {
    return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
  }
  return fmt.replace(/%([a-zA-Z%])/g, (_, c: string) => {
    switch (c) {
      case 'Y': return String(d.getUTCFullYear());
      case 'm': return pad(d.getUTCMonth() + 1);
      case 'd': return pad(d.getUTCDate());
      case 'H': return pad(d.getUTCHours());
      case 'M': return pad(d.getUTCMinutes());
      case 'S': return pad(d.getUTCSeconds());
      case 's': return String(Math.floor(ms / 1000));
      case 'T': return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
      case 'F': return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
      case 'a': return DAYS[d.getUTCDay()];
      case 'b': return MONTHS[d.getUTCMonth()];
      case 'Z': return 'UTC';
      case 'N': return '000000000';
      case '%': return '%';
      default: return `%${c}`;
    }
  });
}

/** Seconds of a `sleep` argument (`5`, `0.5`, `2m`, `1h`, `infinity`); NaN if invalid. */
export function sleepSeconds(arg: string): number {
  if (arg === 'infinity' || arg === 'inf') return Infinity;
  const m = /^(\d+(?:\.\d+)?|\.\d+)([smhd]?)$/.exec(arg);
  if (!m) return NaN;
  const mult = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2]]!;
  return Number(m[1]) * mult;
}

/** Builtins every image with a shell has. */
export const CORE_COMMANDS = new Set([
  'echo', 'printf', 'sleep', 'exit', 'true', 'false', ':', 'date', 'cat', 'hostname', 'env', 'printenv', 'test', '[',
  'touch', 'rm', 'mkdir', 'ls', 'pwd', 'cd', 'export', 'seq', 'expr', 'wc', 'head', 'tail', 'grep', 'tee', 'sh', 'id',
  'whoami', 'uname', 'trap', 'unset', 'set', 'basename', 'dirname', 'yes', 'tr', 'cut', 'sort', 'uniq', 'kill', 'wait',
]);

export class Shell {
  /** Effects of the current run (the generator yields them). */
  private pending: Effect[] = [];
  private vars = new Map<string, string>();
  private lastStatus = 0;
  private cwd = '/';
  private steps = 0;

  constructor(
    private host: ShellHost,
    private args: string[] = [],
  ) {}

  /** Runs a script (with `stdin` as its standard input); yields output and sleeps; returns the exit status. */
  *run(src: string, stdin = ''): Generator<Effect, number> {
    let tree: Node;
    try {
      tree = parseScript(src);
    } catch (e) {
      if (e instanceof ParseError) {
        yield { t: 'err', s: `sh: ${e.message}\n` };
        return 2;
      }
      throw e;
    }
    try {
      return yield* this.exec(tree, stdin);
    } catch (e) {
      if (e instanceof ExitSignal) return e.code;
      throw e;
    }
  }

  /** Runs one command line given as argv (no shell parsing), as the container's PID 1 or an exec. */
  *runArgv(argv: string[], stdin = ''): Generator<Effect, number> {
    try {
      return yield* this.simple(argv, stdin, []);
    } catch (e) {
      if (e instanceof ExitSignal) return e.code;
      throw e;
    }
  }

  private *exec(n: Node, stdin: string): Generator<Effect, number> {
    switch (n.k) {
      case 'list': {
        let st = 0;
        for (const item of n.items) st = yield* this.exec(item, stdin);
        return st;
      }
      case 'andor': {
        let st = yield* this.exec(n.first, stdin);
        for (const r of n.rest) {
          if ((r.op === '&&' && st === 0) || (r.op === '||' && st !== 0)) st = yield* this.exec(r.n, stdin);
        }
        return st;
      }
      case 'pipe': {
        let input = stdin;
        let st = 0;
        for (let i = 0; i < n.cmds.length; i++) {
          if (i === n.cmds.length - 1) {
            st = yield* this.exec(n.cmds[i], input);
          } else {
            const cap = yield* this.capture(n.cmds[i], input);
            input = cap.out;
          }
        }
        if (n.bang) st = st === 0 ? 1 : 0;
        this.lastStatus = st;
        return st;
      }
      case 'while': {
        let st = 0;
        for (;;) {
          const c = yield* this.exec(n.cond, stdin);
          if ((c === 0) === n.until) break;
          st = yield* this.withRedirs(n.redirs, () => this.exec(n.body, stdin));
          if (++this.steps % 5000 === 0) yield { t: 'sleep', sec: 1 };
        }
        return st;
      }
      case 'for': {
        let st = 0;
        const items: string[] = [];
        for (const w of n.words) items.push(...(yield* this.expandWord(w, true)));
        for (const it of items) {
          this.vars.set(n.name, it);
          st = yield* this.withRedirs(n.redirs, () => this.exec(n.body, stdin));
        }
        return st;
      }
      case 'if': {
        for (const b of n.branches) {
          if ((yield* this.exec(b.cond, stdin)) === 0) return yield* this.withRedirs(n.redirs, () => this.exec(b.body, stdin));
        }
        return n.else ? yield* this.withRedirs(n.redirs, () => this.exec(n.else!, stdin)) : 0;
      }
      case 'group':
        return yield* this.withRedirs(n.redirs, () => this.exec(n.body, stdin));
      case 'simple': {
        const argv: string[] = [];
        const assigns: [string, string][] = [];
        for (const w of n.words) {
          const m = argv.length === 0 ? /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(w.raw) : null;
          if (m) {
            assigns.push([m[1], (yield* this.expandWord({ raw: m[2] }, false))[0] ?? '']);
            continue;
          }
          argv.push(...(yield* this.expandWord(w, true)));
        }
        if (argv.length === 0) {
          for (const [k, v] of assigns) this.vars.set(k, v);
          this.lastStatus = 0;
          return 0;
        }
        let input = stdin;
        const inRedir = n.redirs.find((r) => r.op === '<');
        if (inRedir?.target) {
          const path = this.abs((yield* this.expandWord(inRedir.target, false))[0] ?? '');
          const content = this.host.readFile(path);
          if (content === undefined) {
            yield { t: 'err', s: `sh: can't open '${path}': No such file or directory\n` };
            return (this.lastStatus = 1);
          }
          input = content;
        }
        const st = yield* this.withRedirs(n.redirs, () => this.simple(argv, input, assigns));
        this.lastStatus = st;
        return st;
      }
    }
  }

  /** Runs `n` collecting its stdout (sleeps still pass through). */
  private *capture(n: Node | (() => Generator<Effect, number>), stdin: string): Generator<Effect, { out: string; st: number }> {
    const gen = typeof n === 'function' ? n() : this.exec(n, stdin);
    let out = '';
    for (;;) {
      const r = gen.next();
      if (r.done) return { out, st: r.value };
      if (r.value.t === 'out') out += r.value.s;
      else yield r.value;
    }
  }

  private *withRedirs(redirs: Redir[], body: () => Generator<Effect, number>): Generator<Effect, number> {
    const outR = [...redirs].reverse().find((r) => r.op === '>' || r.op === '>>' || r.op === '&>');
    const errR = [...redirs].reverse().find((r) => r.op === '2>');
    const merge = redirs.some((r) => r.op === '2>&1') || outR?.op === '&>';
    const toErr = redirs.some((r) => r.op === '1>&2' || r.op === '>&2');
    if (!outR && !errR && !merge && !toErr) return yield* body();
    const gen = body();
    const outPath = outR?.target ? this.abs((yield* this.expandWord(outR.target, false))[0] ?? '') : undefined;
    const errPath = errR?.target ? this.abs((yield* this.expandWord(errR.target, false))[0] ?? '') : undefined;
    let first = true;
    let firstErr = true;
    const write = (path: string, s: string, isFirst: boolean, append: boolean): void => {
      if (path === '/dev/null') return;
      if (path === '/dev/stdout' || path === '/proc/1/fd/1') {
        this.pending.push({ t: 'out', s });
        return;
      }
      if (path === '/dev/stderr' || path === '/proc/1/fd/2') {
        this.pending.push({ t: 'err', s });
        return;
      }
      this.host.writeFile(path, s, append || !isFirst);
    };
    if (outPath && outR!.op !== '>>') write(outPath, '', true, false);
    if (errPath) write(errPath, '', true, false);
    first = false;
    firstErr = false;
    for (;;) {
      const r = gen.next();
      if (r.done) return r.value;
      const e = r.value;
      if (e.t === 'out' && toErr) {
        if (errPath) write(errPath, e.s, firstErr, true);
        else yield { t: 'err', s: e.s };
      } else if (e.t === 'out' && outPath) write(outPath, e.s, first, true);
      else if (e.t === 'err' && merge && outPath) write(outPath, e.s, first, true);
      else if (e.t === 'err' && merge) yield { t: 'out', s: e.s };
      else if (e.t === 'err' && errPath) write(errPath, e.s, firstErr, true);
      else yield e;
      while (this.pending.length) yield this.pending.shift()!;
    }
  }

  private abs(p: string): string {
    if (p.startsWith('/')) return p;
    return (this.cwd.endsWith('/') ? this.cwd : this.cwd + '/') + p;
  }

  private lookup(name: string): string {
    if (name === '?') return String(this.lastStatus);
    if (name === '$') return '1';
    if (name === '#') return String(this.args.length);
    if (name === '@' || name === '*') return this.args.join(' ');
    if (/^\d$/.test(name)) return name === '0' ? 'sh' : (this.args[Number(name) - 1] ?? '');
    if (name === 'RANDOM') return String((this.host.now() / 7) % 32768 | 0);
    if (name === 'PWD') return this.cwd;
    return this.vars.get(name) ?? this.host.env.get(name) ?? '';
  }

  /** Arithmetic of `$((...))`: + - * / % and comparisons over integers and variables. */
  private arith(expr: string): number {
    const src = expr.replace(/\$?([A-Za-z_][A-Za-z0-9_]*)/g, (_, v: string) => String(Number(this.lookup(v)) || 0));
    if (!/^[\d\s+\-*/%()<>=!&|]*$/.test(src)) return 0;
    const toks = src.match(/\d+|==|!=|<=|>=|&&|\|\||[-+*/%()<>!]/g) ?? [];
    let i = 0;
    const prim = (): number => {
      const t = toks[i++];
      if (t === '(') {
        const v = or();
        i++;
        return v;
      }
      if (t === '-') return -prim();
      if (t === '!') return prim() ? 0 : 1;
      return Number(t) || 0;
    };
    const mul = (): number => {
      let v = prim();
      while (['*', '/', '%'].includes(toks[i])) {
        const op = toks[i++];
        const r = prim();
        v = op === '*' ? v * r : op === '/' ? (r ? Math.trunc(v / r) : 0) : r ? v % r : 0;
      }
      return v;
    };
    const sum = (): number => {
      let v = mul();
      while (toks[i] === '+' || toks[i] === '-') v = toks[i++] === '+' ? v + mul() : v - mul();
      return v;
    };
    const cmp = (): number => {
      let v = sum();
      while (['<', '>', '<=', '>=', '==', '!='].includes(toks[i])) {
        const op = toks[i++];
        const r = sum();
        v = Number(op === '<' ? v < r : op === '>' ? v > r : op === '<=' ? v <= r : op === '>=' ? v >= r : op === '==' ? v === r : v !== r);
      }
      return v;
    };
    const and = (): number => {
      let v = cmp();
      while (toks[i] === '&&') {
        i++;
        const r = cmp();
        v = Number(!!v && !!r);
      }
      return v;
    };
    const or = (): number => {
      let v = and();
      while (toks[i] === '||') {
        i++;
        const r = and();
        v = Number(!!v || !!r);
      }
      return v;
    };
    return or();
  }

  /** Expands a word: quotes, `$VAR`, `${VAR}`, `$(...)`, backticks, `$((...))`; splits fields when unquoted. */
  private *expandWord(w: Word, split: boolean): Generator<Effect, string[]> {
    const s = w.raw;
    const fields: string[] = [];
    let cur = '';
    let quotedAny = false;
    let i = 0;
    const pushUnquoted = (text: string): void => {
      if (!split) {
        cur += text;
        return;
      }
      const parts = text.split(/[ \t\n]+/);
      parts.forEach((p, idx) => {
        if (idx > 0 && (cur !== '' || quotedAny)) {
          fields.push(cur);
          cur = '';
          quotedAny = false;
        }
        cur += p;
      });
    };
    const dollar = function* (this: Shell, inQuotes: boolean): Generator<Effect, void> {
      // s[i] === '$'
      if (s.startsWith('$((', i)) {
        const end = s.indexOf('))', i);
        const expr = s.slice(i + 3, end < 0 ? s.length : end);
        i = end < 0 ? s.length : end + 2;
        const v = String(this.arith(expr));
        if (inQuotes) cur += v;
        else pushUnquoted(v);
        return;
      }
      if (s[i + 1] === '(') {
        let depth = 0;
        let j = i + 1;
        for (; j < s.length; j++) {
          if (s[j] === '(') depth++;
          else if (s[j] === ')' && --depth === 0) break;
        }
        const inner = s.slice(i + 2, j);
        i = j + 1;
        const sub = new Shell(this.host, this.args);
        sub.vars = this.vars;
        const cap = yield* sub.capture(() => sub.run(inner), '');
        const v = cap.out.replace(/\n+$/, '');
        if (inQuotes) cur += v;
        else pushUnquoted(v);
        return;
      }
      if (s[i + 1] === '{') {
        const end = s.indexOf('}', i);
        const body = s.slice(i + 2, end);
        i = end + 1;
        const m = /^([A-Za-z_][A-Za-z0-9_]*)(:?-)?(.*)$/.exec(body);
        let v = m ? this.lookup(m[1]) : '';
        if (m?.[2] && v === '') v = m[3];
        if (inQuotes) cur += v;
        else pushUnquoted(v);
        return;
      }
      const m = /^([A-Za-z_][A-Za-z0-9_]*|[?$#@*0-9])/.exec(s.slice(i + 1));
      if (!m) {
        cur += '$';
        i++;
        return;
      }
      i += 1 + m[1].length;
      const v = this.lookup(m[1]);
      if (inQuotes) cur += v;
      else pushUnquoted(v);
    }.bind(this);
    while (i < s.length) {
      const c = s[i];
      if (c === "'") {
        const j = s.indexOf("'", i + 1);
        cur += s.slice(i + 1, j < 0 ? s.length : j);
        quotedAny = true;
        i = j < 0 ? s.length : j + 1;
      } else if (c === '"') {
        quotedAny = true;
        i++;
        while (i < s.length && s[i] !== '"') {
          if (s[i] === '\\' && '"\\$`'.includes(s[i + 1] ?? '')) {
            cur += s[i + 1];
            i += 2;
          } else if (s[i] === '$') {
            yield* dollar(true);
          } else if (s[i] === '`') {
            const j = s.indexOf('`', i + 1);
            const inner = s.slice(i + 1, j);
            i = j + 1;
            const cap = yield* this.capture(() => new Shell(this.host, this.args).run(inner), '');
            cur += cap.out.replace(/\n+$/, '');
          } else {
            cur += s[i++];
          }
        }
        i++;
      } else if (c === '\\') {
        cur += s[i + 1] ?? '';
        quotedAny = true;
        i += 2;
      } else if (c === '$') {
        yield* dollar(false);
      } else if (c === '`') {
        const j = s.indexOf('`', i + 1);
        const inner = s.slice(i + 1, j < 0 ? s.length : j);
        i = j < 0 ? s.length : j + 1;
        const cap = yield* this.capture(() => new Shell(this.host, this.args).run(inner), '');
        pushUnquoted(cap.out.replace(/\n+$/, ''));
      } else {
        cur += c;
        i++;
      }
    }
    if (cur !== '' || quotedAny || !split) fields.push(cur);
    return fields;
  }

  private *simple(argv: string[], stdin: string, assigns: [string, string][]): Generator<Effect, number> {
    const [cmd0, ...args] = argv;
    const cmd = cmd0.includes('/') && !cmd0.startsWith('./') ? cmd0.slice(cmd0.lastIndexOf('/') + 1) : cmd0;
    const out = (s: string): Effect => ({ t: 'out', s });
    const err = (s: string): Effect => ({ t: 'err', s });
    const h = this.host;
    if (h.hasCommand && !CORE_COMMANDS.has(cmd) && !h.hasCommand(cmd)) {
      yield err(`sh: ${cmd0}: not found\n`);
      return 127;
    }
    switch (cmd) {
      case 'echo': {
        let a = args;
        let newline = true;
        let escapes = false;
        while (a.length && /^-[neE]+$/.test(a[0])) {
          if (a[0].includes('n')) newline = false;
          if (a[0].includes('e')) escapes = true;
          a = a.slice(1);
        }
        let text = a.join(' ');
        if (escapes) text = text.replace(/\\n/g, '\n').replace(/\\t/g, '\t');
        yield out(text + (newline ? '\n' : ''));
        return 0;
      }
      case 'printf': {
        const fmt = args[0] ?? '';
        let k = 1;
        const text = fmt
          .replace(/%(-?\d*)([sdif%])/g, (_, w: string, c: string) => {
            if (c === '%') return '%';
            const v = args[k++] ?? (c === 's' ? '' : '0');
            const s = c === 's' ? v : String(Math.trunc(Number(v) || 0));
            const width = Number(w) || 0;
            return w.startsWith('-') ? s.padEnd(-width) : s.padStart(width);
          })
          .replace(/\\n/g, '\n')
          .replace(/\\t/g, '\t');
        yield out(text);
        return 0;
      }
      case 'sleep': {
        if (args.length === 0) {
          yield err('sleep: missing operand\n');
          return 1;
        }
        let total = 0;
        for (const a of args) {
          const sec = sleepSeconds(a);
          if (Number.isNaN(sec)) {
            yield err(`sleep: invalid number '${a}'\n`);
            return 1;
          }
          total += sec;
        }
        yield { t: 'sleep', sec: total };
        return 0;
      }
      case 'exit':
        throw new ExitSignal(args.length ? Number(args[0]) & 255 : this.lastStatus);
      case 'true':
      case ':':
        return 0;
      case 'false':
        return 1;
      case 'date': {
        const fmtArg = args.find((a) => a.startsWith('+'));
        yield out(formatDate(h.now(), fmtArg?.slice(1)) + '\n');
        return 0;
      }
      case 'hostname':
        yield out(h.hostname + '\n');
        return 0;
      case 'whoami':
        yield out('root\n');
        return 0;
      case 'id':
        yield out('uid=0(root) gid=0(root) groups=0(root),10(wheel)\n');
        return 0;
      case 'uname':
        yield out(
          args.includes('-a')
            ? `Linux ${h.hostname} ${h.kernel ?? '6.8.0-48-generic'} #48-Ubuntu SMP PREEMPT_DYNAMIC Fri Sep 27 14:04:52 UTC 2024 x86_64 GNU/Linux\n`
            : args.includes('-r')
              ? `${h.kernel ?? '6.8.0-48-generic'}\n`
              : 'Linux\n',
        );
        return 0;
      case 'pwd':
        yield out(this.cwd + '\n');
        return 0;
      case 'cd':
        this.cwd = args[0] ? this.abs(args[0]) : '/root';
        return 0;
      case 'export':
      case 'set':
        for (const a of args) {
          const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(a);
          if (m) this.vars.set(m[1], m[2]);
        }
        return 0;
      case 'unset':
        for (const a of args) this.vars.delete(a);
        return 0;
      case 'trap': {
        if (args.length >= 2) for (const sig of args.slice(1)) h.traps?.set(sig.replace(/^SIG/, ''), args[0]);
        return 0;
      }
      case 'wait':
        return 0;
      case 'kill':
        return 0;
      case 'env':
      case 'printenv': {
        const all = new Map(h.env);
        for (const [k, v] of this.vars) if (all.has(k)) all.set(k, v);
        for (const [k, v] of assigns) all.set(k, v);
        if (cmd === 'printenv' && args.length) {
          let st = 0;
          for (const a of args) {
            if (all.has(a)) yield out(all.get(a)! + '\n');
            else st = 1;
          }
          return st;
        }
        yield out([...all].map(([k, v]) => `${k}=${v}\n`).join(''));
        return 0;
      }
      case 'cat': {
        if (args.length === 0 || (args.length === 1 && args[0] === '-')) {
          yield out(stdin);
          return 0;
        }
        let st = 0;
        for (const a of args) {
          const p = this.abs(a);
          if (h.isDir(p)) {
            yield err(`cat: read error: Is a directory\n`);
            st = 1;
            continue;
          }
          const c = h.readFile(p);
          if (c === undefined) {
            yield err(`cat: can't open '${a}': No such file or directory\n`);
            st = 1;
          } else yield out(c);
        }
        return st;
      }
      case 'tee': {
        const append = args.includes('-a');
        for (const a of args.filter((x) => !x.startsWith('-'))) h.writeFile(this.abs(a), stdin, append);
        yield out(stdin);
        return 0;
      }
      case 'touch':
        for (const a of args) if (h.readFile(this.abs(a)) === undefined) h.writeFile(this.abs(a), '', false);
        return 0;
      case 'rm': {
        const force = args.some((a) => /^-[rRf]*f/.test(a));
        let st = 0;
        for (const a of args.filter((x) => !x.startsWith('-'))) {
          if (!h.removeFile(this.abs(a)) && !force) {
            yield err(`rm: can't remove '${a}': No such file or directory\n`);
            st = 1;
          }
        }
        return st;
      }
      case 'mkdir':
        for (const a of args.filter((x) => !x.startsWith('-'))) h.mkdir(this.abs(a));
        return 0;
      case 'ls': {
        const targets = args.filter((x) => !x.startsWith('-'));
        let st = 0;
        for (const a of targets.length ? targets : [this.cwd]) {
          const p = this.abs(a);
          const list = h.listDir(p);
          if (list === undefined) {
            if (h.readFile(p) !== undefined) {
              yield out(a + '\n');
              continue;
            }
            yield err(`ls: ${a}: No such file or directory\n`);
            st = 1;
            continue;
          }
          if (list.length) yield out(list.join('\n') + '\n');
        }
        return st;
      }
      case 'test':
      case '[': {
        const a = cmd === '[' ? args.slice(0, -1) : args;
        return this.test(a) ? 0 : 1;
      }
      case 'seq': {
        const nums = args.map(Number);
        const [first, last] = nums.length === 1 ? [1, nums[0]] : [nums[0], nums[nums.length - 1]];
        const step = nums.length === 3 ? nums[1] : 1;
        let text = '';
        for (let v = first; step > 0 ? v <= last : v >= last; v += step) text += `${v}\n`;
        yield out(text);
        return 0;
      }
      case 'expr': {
        const v = this.arith(args.join(' ').replace(/\\\*/g, '*'));
        yield out(`${v}\n`);
        return v === 0 ? 1 : 0;
      }
      case 'wc': {
        const lines = stdin.split('\n').length - 1;
        const words = stdin.split(/\s+/).filter(Boolean).length;
        const chars = stdin.length;
        // busybox wc prints one selected count alone: `echo a b | wc -w` prints `2`.
        const picked = [args.includes('-l') && lines, args.includes('-w') && words, args.includes('-c') && chars].filter((x) => x !== false);
        yield out(picked.length ? `${picked.join(' ')}\n` : `${lines} ${words} ${chars}\n`);
        return 0;
      }
      case 'head':
      case 'tail': {
        const nIdx = args.indexOf('-n');
        const n = nIdx >= 0 ? Number(args[nIdx + 1]) : Number(args.find((x) => /^-\d+$/.test(x))?.slice(1) ?? 10);
        const file = args.find((x, i) => !x.startsWith('-') && args[i - 1] !== '-n');
        const text = file !== undefined ? (h.readFile(this.abs(file)) ?? '') : stdin;
        const lines = text.split('\n');
        if (lines[lines.length - 1] === '') lines.pop();
        const sel = cmd === 'head' ? lines.slice(0, n) : lines.slice(Math.max(0, lines.length - n));
        yield out(sel.map((l) => l + '\n').join(''));
        return 0;
      }
      case 'grep': {
        const flags = args.filter((x) => x.startsWith('-')).join('');
        const rest = args.filter((x) => !x.startsWith('-'));
        const pat = rest[0] ?? '';
        const text = rest[1] !== undefined ? (h.readFile(this.abs(rest[1])) ?? '') : stdin;
        const ci = flags.includes('i');
        const inv = flags.includes('v');
        const lines = text.split('\n').filter((l, i, arr) => i < arr.length - 1 || l !== '');
        const hits = lines.filter((l) => (ci ? l.toLowerCase().includes(pat.toLowerCase()) : l.includes(pat)) !== inv);
        if (!flags.includes('q')) yield out(flags.includes('c') ? `${hits.length}\n` : hits.map((l) => l + '\n').join(''));
        return hits.length ? 0 : 1;
      }
      case 'tr': {
        const [from = '', to = ''] = args;
        let s2 = stdin;
        if (from === 'a-z' && to === 'A-Z') s2 = s2.toUpperCase();
        else if (from === 'A-Z' && to === 'a-z') s2 = s2.toLowerCase();
        else for (let k = 0; k < from.length; k++) s2 = s2.split(from[k]).join(to[Math.min(k, to.length - 1)] ?? '');
        yield out(s2);
        return 0;
      }
      case 'sort':
        yield out(stdin.split('\n').filter(Boolean).sort().map((l) => l + '\n').join(''));
        return 0;
      case 'uniq':
        yield out(stdin.split('\n').filter((l, i, a) => l && l !== a[i - 1]).map((l) => l + '\n').join(''));
        return 0;
      case 'cut': {
        const d = args.find((x) => x.startsWith('-d'))?.slice(2) || '\t';
        const f = Number(args.find((x) => x.startsWith('-f'))?.slice(2) || 1);
        yield out(stdin.split('\n').filter(Boolean).map((l) => (l.split(d)[f - 1] ?? '') + '\n').join(''));
        return 0;
      }
      case 'basename':
        yield out((args[0] ?? '').replace(/\/+$/, '').split('/').pop() + '\n');
        return 0;
      case 'dirname': {
        const p = (args[0] ?? '').replace(/\/+$/, '');
        const k = p.lastIndexOf('/');
        yield out((k > 0 ? p.slice(0, k) : k === 0 ? '/' : '.') + '\n');
        return 0;
      }
      case 'yes': {
        const word = args[0] ?? 'y';
        for (;;) {
          yield out(`${word}\n`.repeat(100));
          yield { t: 'sleep', sec: 1 };
        }
      }
      case 'sh':
      case 'ash':
      case 'bash': {
        const ci = args.indexOf('-c');
        if (ci >= 0) {
          const sub = new Shell(h, args.slice(ci + 2));
          return yield* sub.capturePassthrough(sub.run(args[ci + 1] ?? ''));
        }
        if (args[0]) {
          const script = h.readFile(this.abs(args[0]));
          if (script === undefined) {
            yield err(`${cmd}: can't open '${args[0]}': No such file or directory\n`);
            return 2;
          }
          const sub = new Shell(h, args.slice(1));
          return yield* sub.capturePassthrough(sub.run(script));
        }
        // An interactive shell without a terminal reads an empty stdin and exits.
        if (stdin) {
          const sub = new Shell(h, []);
          return yield* sub.capturePassthrough(sub.run(stdin));
        }
        return 0;
      }
      default: {
        if (cmd === 'perl' && h.perl) return yield* runPerl(args, h.perl, () => h.now());
        const ext = h.external?.(argv, stdin);
        if (ext) {
          if (ext.out) yield out(ext.out);
          if (ext.err) yield err(ext.err);
          return ext.code;
        }
        yield err(`sh: ${cmd0}: not found\n`);
        return 127;
      }
    }
  }

  private *capturePassthrough(gen: Generator<Effect, number>): Generator<Effect, number> {
    return yield* gen;
  }

  private test(a: string[]): boolean {
    if (a.length === 0) return false;
    if (a[0] === '!') return !this.test(a.slice(1));
    const h = this.host;
    if (a.length === 2) {
      const [op, v] = a;
      switch (op) {
        case '-z': return v === '';
        case '-n': return v !== '';
        case '-f': return h.readFile(this.abs(v)) !== undefined && !h.isDir(this.abs(v));
        case '-e': return h.readFile(this.abs(v)) !== undefined || h.isDir(this.abs(v));
        case '-d': return h.isDir(this.abs(v));
        case '-s': return (h.readFile(this.abs(v)) ?? '') !== '';
        default: return false;
      }
    }
    if (a.length === 3) {
      const [x, op, y] = a;
      switch (op) {
        case '=':
        case '==': return x === y;
        case '!=': return x !== y;
        case '-eq': return Number(x) === Number(y);
        case '-ne': return Number(x) !== Number(y);
        case '-lt': return Number(x) < Number(y);
        case '-le': return Number(x) <= Number(y);
        case '-gt': return Number(x) > Number(y);
        case '-ge': return Number(x) >= Number(y);
        default: return false;
      }
    }
    return a[0] !== '';
  }
}

/** Runs a script to completion, ignoring sleeps (for exec probes and `kubectl exec`). */
export function runToCompletion(gen: Generator<Effect, number>, maxEffects = 100_000): { out: string; err: string; code: number; timedOut: boolean } {
  let out = '';
  let err = '';
  let n = 0;
  for (;;) {
    const r = gen.next();
    if (r.done) return { out, err, code: r.value, timedOut: false };
    const e = r.value;
    if (e.t === 'out') out += e.s;
    else if (e.t === 'err') err += e.s;
    else if (e.sec === Infinity) return { out, err, code: 0, timedOut: true };
    if (++n > maxEffects) return { out, err, code: 0, timedOut: true };
  }
}
