/**
 * The `perl` of the official Docker Hub perl images, for the one-liners tutorials run in
 * containers, above all the Job of https://kubernetes.io/docs/concepts/workloads/controllers/job/:
 * `perl -Mbignum=bpi -wle 'print bpi(2000)'`, which prints pi to 2000 significant digits
 * (Math::BigFloat->bpi rounds the last digit) after a couple of seconds of CPU.
 *
 * Command-line switches follow perlrun (-e/-E, -l, -w, -M/-m, -v, bundled as `-wle`); the
 * program runs as a generator of shell Effects (./shell.ts), so its CPU time passes on the
 * SimClock before the output appears.
 *
 * Pi digits are computed, not stored: Machin's formula pi = 16 atan(1/5) - 4 atan(1/239) in
 * BigInt fixed point with guard digits, rounded to the requested significant digits.
 *
 * Simplification: only simple programs run: statements `print`, `say`, `printf`, `exit`, `die`,
 * `warn`, `sleep` over literals, arithmetic (`+ - * / % **`, with -Mbignum/-Mbigint in
 * arbitrary precision), `.` and `x`, `length`, `uc`, `lc`, `bpi(N)` and
 * `Math::BigFloat->bpi(N)`. Anything else says so on stderr and exits 255.
 */
import type { Effect } from './shell';

/** Perl versions by image version text (`5.34.0`). */
export interface PerlInfo {
  version: string;
  threaded?: boolean;
}

const out = (s: string): Effect => ({ t: 'out', s });
const err = (s: string): Effect => ({ t: 'err', s });

// ---- pi --------------------------------------------------------------------------------------

/** atan(1/x) * 10^digits, truncated (Taylor series in fixed point). */
function atanInv(x: bigint, one: bigint): bigint {
  const x2 = x * x;
  let term = one / x;
  let sum = term;
  let k = 1n;
  let sign = -1n;
  while (term !== 0n) {
    term /= x2;
    const t = term / (2n * k + 1n);
    if (t === 0n) break;
    sum += sign * t;
    sign = -sign;
    k++;
  }
  return sum;
}

const piCache = new Map<number, string>();

/**
 * Math::BigFloat->bpi(n): pi rounded (half to even) to n significant digits, as bstr() prints
 * it (`3` for n = 1, `3.14` for n = 3).
 */
export function piDigits(n: number): string {
  const cached = piCache.get(n);
  if (cached !== undefined) return cached;
  const guard = 12;
  const one = 10n ** BigInt(n + guard);
  // pi * 10^(n + guard), with an error of a few units in the last guard digit.
  const p = 16n * atanInv(5n, one) - 4n * atanInv(239n, one);
  const div = 10n ** BigInt(guard + 1);
  let q = p / div;
  const rest = p % div;
  const half = div / 2n;
  if (rest > half || (rest === half && q % 2n === 1n)) q += 1n;
  const s = q.toString();
  const text = s.length === 1 ? s : `${s[0]}.${s.slice(1)}`;
  piCache.set(n, text);
  return text;
}

// ---- values ----------------------------------------------------------------------------------

type Val = { k: 'num'; v: number } | { k: 'big'; v: bigint } | { k: 'str'; v: string } | { k: 'dec'; v: string };

interface Mode {
  /** -Mbignum / -Mbigint / -Mbigrat: integer literals are arbitrary precision. */
  big: false | 'bignum' | 'bigint';
  /** Functions imported by -M (bpi). */
  imports: Set<string>;
  modules: Set<string>;
}

/** Perl's default number formatting (%.15g), as `print 1/3` shows it. */
export function formatNumber(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? 'Inf' : '-Inf';
  if (Number.isInteger(v) && Math.abs(v) < 2 ** 63) {
    const s = BigInt(v).toString();
    if (s.length <= 15 || Math.abs(v) <= Number.MAX_SAFE_INTEGER) return s;
  }
  let s = v.toPrecision(15);
  if (s.includes('e')) {
    let [m, e] = s.split('e');
    if (m.includes('.')) m = m.replace(/0+$/, '').replace(/\.$/, '');
    const sign = e.startsWith('-') ? '-' : '+';
    const digits = e.replace(/^[-+]/, '').padStart(2, '0');
    return `${m}e${sign}${digits}`;
  }
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s;
}

function str(x: Val): string {
  switch (x.k) {
    case 'str':
    case 'dec':
      return x.v;
    case 'big':
      return x.v.toString();
    case 'num':
      return formatNumber(x.v);
  }
}

function num(x: Val): number {
  if (x.k === 'num') return x.v;
  if (x.k === 'big') return Number(x.v);
  const m = /^\s*[-+]?(\d+\.?\d*(e[-+]?\d+)?|\.\d+(e[-+]?\d+)?)/i.exec(x.v);
  return m ? Number(m[0]) : 0;
}

/** bignum's division: exact when it divides, else 40 significant digits (div_scale). */
function bigDivide(a: bigint, b: bigint): Val {
  if (a % b === 0n) return { k: 'big', v: a / b };
  const neg = a < 0n !== b < 0n;
  let x = a < 0n ? -a : a;
  const y = b < 0n ? -b : b;
  const intPart = x / y;
  const intDigits = intPart === 0n ? 0 : intPart.toString().length;
  // Scale so the quotient has 41 digits, then round to 40.
  let scale = 41 - intDigits;
  if (intPart === 0n) {
    // Leading zeros after the point do not count as significant digits.
    let t = x * 10n;
    while (t < y) {
      t *= 10n;
      scale++;
    }
  }
  x *= 10n ** BigInt(scale);
  let q = x / y;
  q = (q + 5n) / 10n;
  scale -= 1;
  let s = q.toString().padStart(scale + 1, '0');
  s = `${s.slice(0, s.length - scale) || '0'}.${s.slice(s.length - scale)}`.replace(/0+$/, '').replace(/\.$/, '');
  return { k: 'dec', v: (neg ? '-' : '') + s };
}

// ---- lexer and parser ------------------------------------------------------------------------

type Tok = { t: 'num'; v: string } | { t: 'str'; v: string } | { t: 'id'; v: string } | { t: 'op'; v: string };

class Unsupported extends Error {}
class PerlDie extends Error {
  constructor(readonly text: string) {
    super(text);
  }
}
class PerlExit extends Error {
  constructor(readonly code: number) {
    super(String(code));
  }
}

function unescape(s: string): string {
  return s.replace(/\\(n|t|r|0|e|\\|"|\$|@)/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r', '0': '\0', e: '\x1b' })[c as 'n'] ?? c);
}

function lex(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    const n = /^(\d[\d_]*\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)/.exec(src.slice(i));
    if (n) {
      toks.push({ t: 'num', v: n[1].replace(/_/g, '') });
      i += n[1].length;
      continue;
    }
    if (c === "'" || c === '"') {
      let j = i + 1;
      let body = '';
      while (j < src.length && src[j] !== c) {
        if (src[j] === '\\' && j + 1 < src.length) {
          body += src.slice(j, j + 2);
          j += 2;
          continue;
        }
        body += src[j++];
      }
      if (j >= src.length) throw new Unsupported('unterminated string');
      if (c === '"' && /[$@][A-Za-z_{]/.test(body.replace(/\\[$@]/g, ''))) throw new Unsupported('interpolation');
      toks.push({ t: 'str', v: c === '"' ? unescape(body) : body.replace(/\\(['\\])/g, '$1') });
      i = j + 1;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_]*(?:::[A-Za-z_][A-Za-z0-9_]*)*/.exec(src.slice(i));
    if (id) {
      toks.push({ t: 'id', v: id[0] });
      i += id[0].length;
      continue;
    }
    const op = ['**', '->', '==', '!=', '<=', '>=', '&&', '||', '+', '-', '*', '/', '%', '.', '(', ')', ',', ';', '<', '>'].find((o) => src.startsWith(o, i));
    if (!op) throw new Unsupported(`character ${c}`);
    toks.push({ t: 'op', v: op });
    i += op.length;
  }
  return toks;
}

type Expr =
  | { e: 'lit'; v: Val }
  | { e: 'bin'; op: string; a: Expr; b: Expr }
  | { e: 'neg'; a: Expr }
  | { e: 'call'; f: string; args: Expr[] };

type Stmt = { s: 'print' | 'say' | 'printf' | 'die' | 'warn' | 'exit' | 'sleep'; args: Expr[] } | { s: 'expr'; x: Expr };

const LIST_OPS = new Set(['print', 'say', 'printf', 'die', 'warn']);
const UNARY_OPS = new Set(['exit', 'sleep', 'length', 'uc', 'lc', 'int', 'abs', 'sqrt']);

class Parser {
  private i = 0;
  constructor(
    private toks: Tok[],
    private mode: Mode,
  ) {}

  private peek(): Tok | undefined {
    return this.toks[this.i];
  }
  private isOp(v: string): boolean {
    const t = this.peek();
    return t?.t === 'op' && t.v === v;
  }
  private expectOp(v: string): void {
    if (!this.isOp(v)) throw new Unsupported(`expected ${v}`);
    this.i++;
  }

  program(): Stmt[] {
    const out: Stmt[] = [];
    while (this.i < this.toks.length) {
      if (this.isOp(';')) {
        this.i++;
        continue;
      }
      out.push(this.statement());
      if (this.i < this.toks.length) this.expectOp(';');
    }
    return out;
  }

  private statement(): Stmt {
    const t = this.peek();
    if (t?.t === 'id' && (LIST_OPS.has(t.v) || t.v === 'exit' || t.v === 'sleep')) {
      this.i++;
      if (t.v === 'say' && !this.mode.modules.has('feature:say')) throw new Unsupported('say without the say feature');
      const args = this.listArgs();
      return { s: t.v as 'print', args };
    }
    return { s: 'expr', x: this.expr() };
  }

  /** `print LIST`, `print(LIST)`. */
  private listArgs(): Expr[] {
    if (this.i >= this.toks.length || this.isOp(';')) return [];
    if (this.isOp('(')) {
      this.i++;
      const args = this.isOp(')') ? [] : this.commaList();
      this.expectOp(')');
      return args;
    }
    return this.commaList();
  }

  private commaList(): Expr[] {
    const list = [this.expr()];
    while (this.isOp(',')) {
      this.i++;
      if (this.isOp(')') || this.isOp(';') || this.i >= this.toks.length) break;
      list.push(this.expr());
    }
    return list;
  }

  /** Precedence climbing: additive/concat < multiplicative/repeat < unary minus < ** . */
  private expr(): Expr {
    let a = this.term();
    for (;;) {
      const t = this.peek();
      if (t?.t === 'op' && (t.v === '+' || t.v === '-' || t.v === '.')) {
        this.i++;
        a = { e: 'bin', op: t.v, a, b: this.term() };
        continue;
      }
      return a;
    }
  }

  private term(): Expr {
    let a = this.unary();
    for (;;) {
      const t = this.peek();
      if ((t?.t === 'op' && (t.v === '*' || t.v === '/' || t.v === '%')) || (t?.t === 'id' && t.v === 'x')) {
        this.i++;
        a = { e: 'bin', op: t.v, a, b: this.unary() };
        continue;
      }
      return a;
    }
  }

  private unary(): Expr {
    if (this.isOp('-')) {
      this.i++;
      return { e: 'neg', a: this.unary() };
    }
    if (this.isOp('+')) {
      this.i++;
      return this.unary();
    }
    return this.power();
  }

  private power(): Expr {
    const a = this.primary();
    if (this.isOp('**')) {
      this.i++;
      return { e: 'bin', op: '**', a, b: this.unary() };
    }
    return a;
  }

  private primary(): Expr {
    const t = this.peek();
    if (!t) throw new Unsupported('end of program');
    this.i++;
    if (t.t === 'num') {
      const isInt = /^\d+$/.test(t.v);
      if (isInt && this.mode.big) return { e: 'lit', v: { k: 'big', v: BigInt(t.v) } };
      return { e: 'lit', v: { k: 'num', v: Number(t.v) } };
    }
    if (t.t === 'str') return { e: 'lit', v: { k: 'str', v: t.v } };
    if (t.t === 'op' && t.v === '(') {
      const x = this.expr();
      this.expectOp(')');
      return x;
    }
    if (t.t === 'id') {
      if ((t.v === 'Math::BigFloat' || t.v === 'Math::BigInt') && this.isOp('->')) {
        this.i++;
        const m = this.peek();
        if (m?.t !== 'id') throw new Unsupported('method');
        this.i++;
        if (!this.mode.modules.has('Math::BigFloat') && !this.mode.modules.has('bignum')) throw new PerlDie(`Can't locate object method "${m.v}" via package "${t.v}" (perhaps you forgot to load "${t.v}"?) at -e line 1.\n`);
        return { e: 'call', f: `${t.v}->${m.v}`, args: this.callArgs() };
      }
      if (UNARY_OPS.has(t.v) || t.v === 'bpi') return { e: 'call', f: t.v, args: this.callArgs() };
      if (t.v === 'time') return { e: 'call', f: 'time', args: [] };
    }
    throw new Unsupported(t.t === 'id' ? `function ${t.v}` : `token ${t.v}`);
  }

  private callArgs(): Expr[] {
    if (this.isOp('(')) {
      this.i++;
      const args = this.isOp(')') ? [] : this.commaList();
      this.expectOp(')');
      return args;
    }
    if (this.i >= this.toks.length || this.isOp(';') || this.isOp(',') || this.isOp(')')) return [];
    return [this.unary()];
  }
}

// ---- evaluation ------------------------------------------------------------------------------

interface Ctx {
  mode: Mode;
  now: () => number;
  /** Simulated CPU seconds spent so far by the program (bpi). */
  cpu: number;
}

function arith(op: string, a: Val, b: Val, mode: Mode): Val {
  if (a.k === 'big' && b.k === 'big') {
    switch (op) {
      case '+': return { k: 'big', v: a.v + b.v };
      case '-': return { k: 'big', v: a.v - b.v };
      case '*': return { k: 'big', v: a.v * b.v };
      case '%': {
        if (b.v === 0n) throw new PerlDie('Illegal modulus zero at -e line 1.\n');
        const r = a.v % b.v;
        return { k: 'big', v: r !== 0n && r < 0n !== b.v < 0n ? r + b.v : r };
      }
      case '**': if (b.v >= 0n && b.v < 100000n) return { k: 'big', v: a.v ** b.v };
        break;
      case '/':
        if (b.v === 0n) throw new PerlDie('Illegal division by zero at -e line 1.\n');
        if (mode.big === 'bigint') return { k: 'big', v: a.v / b.v };
        return bigDivide(a.v, b.v);
    }
  }
  const x = num(a);
  const y = num(b);
  switch (op) {
    case '+': return { k: 'num', v: x + y };
    case '-': return { k: 'num', v: x - y };
    case '*': return { k: 'num', v: x * y };
    case '**': return { k: 'num', v: x ** y };
    case '/':
      if (y === 0) throw new PerlDie('Illegal division by zero at -e line 1.\n');
      return { k: 'num', v: x / y };
    case '%': {
      const xi = Math.trunc(x);
      const yi = Math.trunc(y);
      if (yi === 0) throw new PerlDie('Illegal modulus zero at -e line 1.\n');
      const r = xi % yi;
      return { k: 'num', v: r !== 0 && r < 0 !== yi < 0 ? r + yi : r };
    }
  }
  throw new Unsupported(op);
}

function evaluate(x: Expr, c: Ctx): Val {
  switch (x.e) {
    case 'lit':
      return x.v;
    case 'neg': {
      const v = evaluate(x.a, c);
      if (v.k === 'big') return { k: 'big', v: -v.v };
      if (v.k === 'str' && /^[A-Za-z_]/.test(v.v)) return { k: 'str', v: `-${v.v}` };
      return { k: 'num', v: -num(v) };
    }
    case 'bin': {
      const a = evaluate(x.a, c);
      const b = evaluate(x.b, c);
      if (x.op === '.') return { k: 'str', v: str(a) + str(b) };
      if (x.op === 'x') return { k: 'str', v: str(a).repeat(Math.max(0, Math.trunc(num(b)))) };
      return arith(x.op, a, b, c.mode);
    }
    case 'call': {
      const args = x.args.map((a) => evaluate(a, c));
      switch (x.f) {
        case 'bpi':
        case 'Math::BigFloat->bpi': {
          if (x.f === 'bpi' && !c.mode.imports.has('bpi')) throw new PerlDie('Undefined subroutine &main::bpi called at -e line 1.\n');
          const n = args.length ? Math.trunc(num(args[0])) : 40;
          if (n < 1 || n > 100000) throw new Unsupported('bpi precision');
          // Math::BigFloat's pure-Perl arithmetic: roughly quadratic in the digits.
          c.cpu += 0.05 + 0.6 * (n / 1000) ** 2;
          return { k: 'dec', v: piDigits(n) };
        }
        case 'length': return { k: 'num', v: str(args[0] ?? { k: 'str', v: '' }).length };
        case 'uc': return { k: 'str', v: str(args[0] ?? { k: 'str', v: '' }).toUpperCase() };
        case 'lc': return { k: 'str', v: str(args[0] ?? { k: 'str', v: '' }).toLowerCase() };
        case 'int': return args[0]?.k === 'big' ? args[0] : { k: 'num', v: Math.trunc(num(args[0] ?? { k: 'num', v: 0 })) };
        case 'abs': return args[0]?.k === 'big' ? { k: 'big', v: args[0].v < 0n ? -args[0].v : args[0].v } : { k: 'num', v: Math.abs(num(args[0] ?? { k: 'num', v: 0 })) };
        case 'sqrt': return { k: 'num', v: Math.sqrt(num(args[0] ?? { k: 'num', v: 0 })) };
        case 'time': return { k: 'num', v: Math.floor(c.now() / 1000) };
      }
      throw new Unsupported(x.f);
    }
  }
}

/** A small printf: %s %d %i %f %e %g %x %o %c %% with flags, width and precision. */
function sprintf(fmt: string, args: Val[]): string {
  let k = 0;
  return fmt.replace(/%([-+ 0#]*)(\d*)(?:\.(\d+))?([sdifeEgGxXoc%])/g, (_, flags: string, width: string, prec: string | undefined, conv: string) => {
    if (conv === '%') return '%';
    const a = args[k++] ?? { k: 'str', v: '' };
    let s: string;
    const n = num(a);
    switch (conv) {
      case 's': s = str(a); if (prec !== undefined) s = s.slice(0, Number(prec)); break;
      case 'd': case 'i': s = a.k === 'big' ? a.v.toString() : String(Math.trunc(n)); break;
      case 'f': s = n.toFixed(prec === undefined ? 6 : Number(prec)); break;
      case 'e': case 'E': s = n.toExponential(prec === undefined ? 6 : Number(prec)).replace(/e([-+])(\d)$/, 'e$10$2'); if (conv === 'E') s = s.toUpperCase(); break;
      case 'g': case 'G': s = formatNumber(Number(n.toPrecision(prec === undefined ? 6 : Math.max(1, Number(prec))))); break;
      case 'x': s = Math.trunc(n).toString(16); break;
      case 'X': s = Math.trunc(n).toString(16).toUpperCase(); break;
      case 'o': s = Math.trunc(n).toString(8); break;
      default: s = String.fromCharCode(Math.trunc(n));
    }
    if (flags.includes('+') && /^[dieEfgG]$/.test(conv) && n >= 0) s = `+${s}`;
    const w = Number(width) || 0;
    if (s.length < w) {
      if (flags.includes('-')) s = s.padEnd(w);
      else if (flags.includes('0') && /^[dieEfgGxXo]$/.test(conv)) s = s.startsWith('-') || s.startsWith('+') ? s[0] + s.slice(1).padStart(w - 1, '0') : s.padStart(w, '0');
      else s = s.padStart(w);
    }
    return s;
  });
}

// ---- command line ----------------------------------------------------------------------------

const KNOWN_MODULES = new Set([
  'bignum', 'bigint', 'bigrat', 'Math::BigFloat', 'Math::BigInt', 'strict', 'warnings', 'utf8', 'feature', 'POSIX', 'List::Util',
  'Scalar::Util', 'Data::Dumper', 'Time::HiRes', 'Getopt::Long', 'File::Basename', 'Carp', 'constant',
]);

function inc(version: string): string {
  const arch = 'x86_64-linux-gnu';
  return [
    `/usr/local/lib/perl5/site_perl/${version}/${arch}`,
    `/usr/local/lib/perl5/site_perl/${version}`,
    `/usr/local/lib/perl5/vendor_perl/${version}/${arch}`,
    `/usr/local/lib/perl5/vendor_perl/${version}`,
    `/usr/local/lib/perl5/${version}/${arch}`,
    `/usr/local/lib/perl5/${version}`,
  ].join(' ');
}

function versionText(info: PerlInfo): string {
  const [maj, min, patch] = info.version.split('.');
  const year = { '30': 2020, '32': 2020, '34': 2021, '36': 2022, '38': 2023, '40': 2024 }[min] ?? 2024;
  return `
This is perl ${maj}, version ${min}, subversion ${patch} (v${info.version}) built for x86_64-linux-gnu${info.threaded ? '-thread-multi' : ''}

Copyright 1987-${year}, Larry Wall

Perl may be copied only under the terms of either the Artistic License or the
GNU General Public License, which may be found in the Perl 5 source kit.

Complete documentation for Perl, including FAQ lists, should be found on
this system using "man perl" or "perldoc perl".  If you have access to the
Internet, point your browser at ${Number(min) >= 36 ? 'https' : 'http'}://www.perl.org/, the Perl Home Page.

`;
}

/**
 * Runs `perl ARGS` (argv without `perl`): yields output and the program's CPU time as a sleep;
 * returns the exit status.
 */
export function* runPerl(args: string[], info: PerlInfo, now: () => number): Generator<Effect, number> {
  const mode: Mode = { big: false, imports: new Set(), modules: new Set() };
  const code: string[] = [];
  let autoNewline = false;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    let j = 1;
    while (j < a.length) {
      const sw = a[j++];
      if (sw === 'e' || sw === 'E') {
        const rest = a.slice(j);
        const prog = rest !== '' ? rest : args[++i];
        if (prog === undefined) {
          yield err('No code specified for -e.\n');
          return 25;
        }
        if (sw === 'E') mode.modules.add('feature:say');
        code.push(prog);
        break;
      }
      if (sw === 'l') {
        autoNewline = true;
        const digits = /^\d*/.exec(a.slice(j))![0];
        j += digits.length;
        continue;
      }
      if (sw === 'w' || sw === 'W' || sw === 'X' || sw === 's' || sw === 'T' || sw === 't' || sw === 'd') continue;
      if (sw === 'M' || sw === 'm') {
        const spec = a.slice(j) || args[++i] || '';
        const [modRaw, list] = spec.split('=', 2);
        const mod = modRaw.replace(/^-/, '');
        if (!KNOWN_MODULES.has(mod)) {
          yield err(`Can't locate ${mod.replace(/::/g, '/')}.pm in @INC (you may need to install the ${mod} module) (@INC contains: ${inc(info.version)}).\nBEGIN failed--compilation aborted.\n`);
          return 2;
        }
        mode.modules.add(mod);
        if (mod === 'bignum' || mod === 'bigrat') mode.big = 'bignum';
        if (mod === 'bigint') mode.big = 'bigint';
        if (mod === 'bignum' || mod === 'bigint' || mod === 'bigrat') mode.modules.add('Math::BigFloat');
        for (const name of (list ?? '').split(',').filter(Boolean)) mode.imports.add(name);
        break;
      }
      if (sw === 'v') {
        yield out(versionText(info));
        return 0;
      }
      if (sw === 'h') {
        yield out(`\nUsage: perl [switches] [--] [programfile] [arguments]\n`);
        return 0;
      }
      yield err(`Unrecognized switch: -${sw}${a.slice(j)}  (-h will show valid options).\n`);
      return 29;
    }
  }
  if (code.length === 0) {
    // A program file, or a program on stdin: neither is simulated.
    if (i < args.length) {
      yield err(`Can't open perl script "${args[i]}": No such file or directory\n`);
      return 2;
    }
    return 0;
  }
  const src = code.join('\n');
  let program: Stmt[];
  try {
    program = new Parser(lex(src), mode).program();
  } catch (e) {
    if (e instanceof PerlDie) {
      yield err(e.text);
      return 255;
    }
    if (e instanceof Unsupported) {
      yield err(`perl: the playground's perl runs only simple one-liners (print, say, printf, die, exit, sleep, arithmetic, bpi); this program uses ${e.message}\n`);
      return 255;
    }
    throw e;
  }
  const ctx: Ctx = { mode, now, cpu: 0.02 + (mode.big ? 0.1 : 0) };
  const ors = autoNewline ? '\n' : '';
  // Output is buffered, as perl's STDOUT is to a pipe: it appears when the CPU time has passed.
  let buffered = '';
  const flushAfterCpu = function* (): Generator<Effect, void> {
    if (ctx.cpu > 0) {
      yield { t: 'sleep', sec: Math.round(ctx.cpu * 1000) / 1000 };
      ctx.cpu = 0;
    }
    if (buffered) {
      yield out(buffered);
      buffered = '';
    }
  };
  try {
    for (const st of program) {
      if (st.s === 'expr') {
        evaluate(st.x, ctx);
        continue;
      }
      const vals = st.args.map((a) => evaluate(a, ctx));
      switch (st.s) {
        case 'print':
          buffered += vals.map(str).join('') + ors;
          break;
        case 'say':
          buffered += vals.map(str).join('') + '\n';
          break;
        case 'printf':
          buffered += sprintf(vals[0] ? str(vals[0]) : '', vals.slice(1));
          break;
        case 'warn':
        case 'die': {
          let msg = vals.map(str).join('') || (st.s === 'die' ? 'Died' : "Warning: something's wrong");
          if (!msg.endsWith('\n')) msg += ' at -e line 1.\n';
          if (st.s === 'die') throw new PerlDie(msg);
          yield* flushAfterCpu();
          yield err(msg);
          break;
        }
        case 'sleep':
          yield* flushAfterCpu();
          yield { t: 'sleep', sec: Math.max(0, Math.trunc(num(vals[0] ?? { k: 'num', v: 0 }))) };
          break;
        case 'exit':
          throw new PerlExit(Math.trunc(num(vals[0] ?? { k: 'num', v: 0 })) & 255);
      }
    }
  } catch (e) {
    if (e instanceof PerlExit) {
      yield* flushAfterCpu();
      return e.code;
    }
    if (e instanceof PerlDie) {
      yield* flushAfterCpu();
      yield err(e.text);
      return 255;
    }
    if (e instanceof Unsupported) {
      yield* flushAfterCpu();
      yield err(`perl: the playground's perl runs only simple one-liners (print, say, printf, die, exit, sleep, arithmetic, bpi); this program uses ${e.message}\n`);
      return 255;
    }
    throw e;
  }
  yield* flushAfterCpu();
  return 0;
}
