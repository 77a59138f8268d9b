/**
 * Word expansion as bash performs it (bash(1) "EXPANSION"): tilde, parameter (`$x`, `${x:-y}`,
 * `${#x}`, `${x%pat}`), command substitution, arithmetic, then field splitting of unquoted
 * results on blanks, pathname expansion (`*.yaml`) against the session's file system, and
 * quote removal.
 *
 * Simplification: brace expansion (`{a,b}`), `$@`/positional parameters and `IFS` other than
 * blanks are not supported.
 */
import type { List, Word, WordPart } from './ast';
import type { MemoryFS } from './fs';

export interface ExpandEnv {
  getVar(name: string): string | undefined;
  setVar(name: string, value: string): void;
  home(): string;
  /** Runs a command substitution and returns its standard output. */
  substitute(list: List): string;
  fs: MemoryFS;
}

/** An expansion failure; `message` is bash's text without the `bash: ` prefix. */
export class ExpansionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExpansionError';
  }
}

interface Field {
  text: string;
  /** The text as a glob pattern: quoted characters escaped with a backslash. */
  pattern: string;
  glob: boolean;
}

/** Expands a word to fields (split and globbed), as for command arguments. */
export function expandWord(w: Word, env: ExpandEnv): string[] {
  const fields: Field[] = [];
  let cur: Field | undefined;
  const open = (): Field => (cur ??= { text: '', pattern: '', glob: false });
  const addQuoted = (s: string): void => {
    const f = open();
    f.text += s;
    f.pattern += escapeGlob(s);
  };
  const addUnquoted = (s: string, literal: boolean): void => {
    const f = open();
    f.text += s;
    f.pattern += literal ? s : s;
    if (/[*?[]/.test(s)) f.glob = true;
  };
  const addSplit = (s: string): void => {
    // Field splitting on blanks (default IFS): leading/trailing blanks end the current field.
    const pieces = s.split(/[ \t\n]+/);
    pieces.forEach((piece, i) => {
      if (i > 0 && cur) {
        fields.push(cur);
        cur = undefined;
      }
      if (piece !== '') addUnquoted(piece, false);
    });
  };
  for (const p of w.parts) {
    switch (p.kind) {
      case 'lit':
        if (p.quoted) addQuoted(p.value);
        else addUnquoted(p.value, true);
        break;
      case 'tilde':
        addQuoted(tilde(p.user, env));
        break;
      default: {
        const value = expandPart(p, env);
        if (p.quoted) addQuoted(value);
        else addSplit(value);
      }
    }
  }
  if (cur) fields.push(cur);
  const out: string[] = [];
  for (const f of fields) {
    if (f.glob) {
      const matches = glob(f.pattern, env.fs);
      if (matches.length > 0) {
        out.push(...matches);
        continue;
      }
    }
    out.push(f.text);
  }
  return out;
}

/** Expands a word to one string without splitting or globbing (assignments, heredocs, `case`). */
export function expandString(w: Word, env: ExpandEnv): string {
  let s = '';
  for (const p of w.parts) {
    if (p.kind === 'lit') s += p.value;
    else if (p.kind === 'tilde') s += tilde(p.user, env);
    else s += expandPart(p, env);
  }
  return s;
}

function tilde(user: string, env: ExpandEnv): string {
  if (user === '') return env.getVar('HOME') ?? env.home();
  if (user === 'learner') return env.home();
  if (user === 'root') return '/root';
  return `~${user}`;
}

function expandPart(p: Exclude<WordPart, { kind: 'lit' } | { kind: 'tilde' }>, env: ExpandEnv): string {
  switch (p.kind) {
    case 'cmd':
      return env.substitute(p.list).replace(/\n+$/, '');
    case 'arith':
      return String(evalArith(expandString(p.expr, env), env));
    case 'param':
      return expandParam(p, env);
  }
}

function expandParam(p: Extract<WordPart, { kind: 'param' }>, env: ExpandEnv): string {
  const value = env.getVar(p.name);
  if (p.length) return String([...(value ?? '')].length);
  if (!p.op) return value ?? '';
  const arg = (): string => (p.arg ? expandString(p.arg, env) : '');
  const colon = p.op.startsWith(':');
  const unset = value === undefined || (colon && value === '');
  switch (p.op) {
    case '-':
    case ':-':
      return unset ? arg() : value!;
    case '=':
    case ':=':
      if (unset) {
        const v = arg();
        env.setVar(p.name, v);
        return v;
      }
      return value!;
    case '+':
    case ':+':
      return unset ? '' : arg();
    case '?':
    case ':?':
      if (unset) {
        const msg = arg();
        throw new ExpansionError(`${p.name}: ${msg || 'parameter null or not set'}`);
      }
      return value!;
    case '#':
    case '##':
    case '%':
    case '%%': {
      const v = value ?? '';
      const re = globToRegExp(p.arg ? patternOf(p.arg, env) : '', false);
      const longest = p.op.length === 2;
      if (p.op[0] === '#') {
        const ends = longest ? range(v.length, -1) : range(0, v.length + 1);
        for (const i of ends) if (re.test(v.slice(0, i))) return v.slice(i);
      } else {
        const starts = longest ? range(0, v.length + 1) : range(v.length, -1);
        for (const i of starts) if (re.test(v.slice(i))) return v.slice(0, i);
      }
      return v;
    }
    default:
      throw new ExpansionError(`\${${p.name}${p.op}}: bad substitution`);
  }
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  if (from <= to) for (let i = from; i < to; i++) out.push(i);
  else for (let i = from; i > to; i--) out.push(i);
  return out;
}

/** A word as a glob pattern: quoted characters escaped. */
function patternOf(w: Word, env: ExpandEnv): string {
  let s = '';
  for (const p of w.parts) {
    if (p.kind === 'lit') s += p.quoted ? escapeGlob(p.value) : p.value;
    else if (p.kind === 'tilde') s += escapeGlob(tilde(p.user, env));
    else s += p.quoted ? escapeGlob(expandPart(p, env)) : expandPart(p, env);
  }
  return s;
}

function escapeGlob(s: string): string {
  return s.replace(/[*?[\\]/g, '\\$&');
}

/** Converts a glob pattern (`*`, `?`, `[...]`, `\x`) to an anchored RegExp. */
export function globToRegExp(pattern: string, pathname: boolean): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) {
      re += escapeRe(pattern[++i]);
    } else if (c === '*') {
      re += pathname ? '[^/]*' : '[\\s\\S]*';
    } else if (c === '?') {
      re += pathname ? '[^/]' : '[\\s\\S]';
    } else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) {
        re += '\\[';
        continue;
      }
      let body = pattern.slice(i + 1, end);
      if (body.startsWith('!') || body.startsWith('^')) body = '^' + body.slice(1);
      re += `[${body.replace(/\\/g, '\\\\')}]`;
      i = end;
    } else re += escapeRe(c);
  }
  return new RegExp(`^${re}$`);
}

function escapeRe(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Pathname expansion against the in-memory file system; sorted matches, or none. */
function glob(pattern: string, fs: MemoryFS): string[] {
  const absolute = pattern.startsWith('/');
  const segments = pattern.split('/').filter((s, i) => s !== '' || i === 0);
  let bases: string[] = [absolute ? '/' : ''];
  for (let i = absolute ? 1 : 0; i < segments.length; i++) {
    const seg = segments[i];
    const last = i === segments.length - 1;
    const next: string[] = [];
    if (!/[*?[]/.test(seg.replace(/\\./g, ''))) {
      const name = seg.replace(/\\(.)/g, '$1');
      for (const b of bases) {
        const path = join(b, name);
        if (last ? fs.exists(fs.resolve(path)) : fs.isDir(fs.resolve(path))) next.push(path);
      }
    } else {
      const re = globToRegExp(seg, true);
      for (const b of bases) {
        const dir = fs.resolve(b === '' ? '.' : b);
        if (!fs.isDir(dir)) continue;
        for (const e of fs.entries(dir)) {
          if (e.name.startsWith('.') && !seg.startsWith('.')) continue;
          if (!re.test(e.name)) continue;
          if (!last && !e.dir) continue;
          next.push(join(b, e.name));
        }
      }
    }
    bases = next;
    if (bases.length === 0) return [];
  }
  return bases.sort();
}

function join(base: string, name: string): string {
  if (base === '') return name;
  if (base.endsWith('/')) return base + name;
  return `${base}/${name}`;
}

// ---- arithmetic ------------------------------------------------------------------------

/**
 * `$(( ... ))`: integer arithmetic with C precedence (bash(1) "ARITHMETIC EVALUATION"),
 * without assignment operators. Variables are read by name; unset or empty ones are 0.
 */
export function evalArith(text: string, env: Pick<ExpandEnv, 'getVar'>): number {
  const toks = text.match(/\s*(\d+|[A-Za-z_][A-Za-z0-9_]*|\*\*|<=|>=|==|!=|&&|\|\||<<|>>|[-+*/%()<>!~?:&|^])/g) ?? [];
  const joined = toks.join('').replace(/\s+/g, '');
  if (joined !== text.replace(/\s+/g, '')) {
    throw new ExpansionError(`${text.trim()}: syntax error: invalid arithmetic operator (error token is "${text.trim()}")`);
  }
  const t = toks.map((s) => s.trim());
  let i = 0;
  const peek = (): string | undefined => t[i];
  const fail = (): never => {
    const rest = t.slice(i).join(' ');
    throw new ExpansionError(`${text.trim()}: syntax error: operand expected (error token is "${rest}")`);
  };
  const primary = (): number => {
    const tok = t[i++];
    if (tok === undefined) return fail();
    if (tok === '(') {
      const v = ternary();
      if (t[i++] !== ')') fail();
      return v;
    }
    if (tok === '-') return -primary();
    if (tok === '+') return primary();
    if (tok === '!') return primary() ? 0 : 1;
    if (tok === '~') return ~primary();
    if (/^\d+$/.test(tok)) return Number(tok);
    if (/^[A-Za-z_]/.test(tok)) {
      const v = env.getVar(tok);
      if (!v) return 0;
      const n = Number(v.trim());
      return Number.isFinite(n) ? Math.trunc(n) : evalArith(v, env);
    }
    i--;
    return fail();
  };
  const levels: string[][] = [
    ['||'],
    ['&&'],
    ['|'],
    ['^'],
    ['&'],
    ['==', '!='],
    ['<', '>', '<=', '>='],
    ['<<', '>>'],
    ['+', '-'],
    ['*', '/', '%'],
  ];
  const power = (): number => {
    const base = primary();
    if (peek() === '**') {
      i++;
      return base ** power();
    }
    return base;
  };
  const binary = (level: number): number => {
    if (level >= levels.length) return power();
    let v = binary(level + 1);
    while (peek() !== undefined && levels[level].includes(peek()!)) {
      const op = t[i++];
      const r = binary(level + 1);
      v = applyOp(op, v, r, text);
    }
    return v;
  };
  const ternary = (): number => {
    const c = binary(0);
    if (peek() === '?') {
      i++;
      const a = ternary();
      if (t[i++] !== ':') fail();
      const b = ternary();
      return c ? a : b;
    }
    return c;
  };
  if (t.length === 0) return 0;
  const v = ternary();
  if (i < t.length) fail();
  return v;
}

function applyOp(op: string, a: number, b: number, text: string): number {
  switch (op) {
    case '||':
      return a || b ? 1 : 0;
    case '&&':
      return a && b ? 1 : 0;
    case '|':
      return a | b;
    case '^':
      return a ^ b;
    case '&':
      return a & b;
    case '==':
      return a === b ? 1 : 0;
    case '!=':
      return a !== b ? 1 : 0;
    case '<':
      return a < b ? 1 : 0;
    case '>':
      return a > b ? 1 : 0;
    case '<=':
      return a <= b ? 1 : 0;
    case '>=':
      return a >= b ? 1 : 0;
    case '<<':
      return a << b;
    case '>>':
      return a >> b;
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
    case '%':
      if (b === 0) throw new ExpansionError(`${text.trim()}: division by 0 (error token is "${String(b)}")`);
      return op === '/' ? Math.trunc(a / b) : a % b;
    default:
      return 0;
  }
}
