/**
 * The small userland of the session (GNU coreutils, grep and bash builtins as Debian 12 ships
 * them, in the C.UTF-8 locale): what Kubernetes tutorials pipe kubectl output through
 * (`grep`, `head`, `wc -l`, `sort`, `base64 -d`, ...) and what they use to write manifests
 * (`cat`, `echo`, `ls`, `rm`, `mkdir`). Messages and output formats follow the real tools.
 *
 * Simplification: only the options listed per command are supported; others get the tool's
 * `invalid option` message.
 */
import { decodeEscape } from './lexer';
import { globToRegExp } from './expand';
import { utf8Length, type MemoryFS } from './fs';
import type { ProcessResult } from './process';
import type { Builtin, ShellContext } from './shell';
import { parseDuration } from './shell';
import { base64Decode, base64Encode, utf8Decode, utf8Encode } from '../core/base64';

export { base64Decode, base64Encode, utf8Decode, utf8Encode } from '../core/base64';

// ---- option parsing ----------------------------------------------------------------------

interface Parsed {
  flags: Set<string>;
  /** The last value of each option. */
  values: Map<string, string>;
  /** Every value of each option, in order (`grep -e a -e b`). */
  all: Map<string, string[]>;
  operands: string[];
}

/**
 * GNU getopt_long in miniature: `-la` clusters, `-n5` / `-n 5`, `--long`, `--long=v`, `--`.
 * `short` lists flag letters; `withArg` those taking a value; `long` maps long names to a letter
 * (a trailing `=` means it takes a value). Returns an error text (with the Try line) on failure.
 */
function getopt(
  prog: string,
  args: string[],
  short: string,
  withArg = '',
  long: Record<string, string> = {},
): Parsed | string {
  const flags = new Set<string>();
  const values = new Map<string, string>();
  const all = new Map<string, string[]>();
  const setValue = (k: string, v: string): void => {
    values.set(k, v);
    all.set(k, [...(all.get(k) ?? []), v]);
  };
  const operands: string[] = [];
  const tryLine = `Try '${prog} --help' for more information.\n`;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const [name, val] = a.slice(2).split(/=(.*)/s, 2);
      const key = Object.keys(long).find((k) => k.replace(/=$/, '') === name);
      if (!key) return `${prog}: unrecognized option '${a}'\n${tryLine}`;
      const letter = long[key];
      if (key.endsWith('=')) {
        const v = val ?? args[++i];
        if (v === undefined) return `${prog}: option '--${name}' requires an argument\n${tryLine}`;
        setValue(letter, v);
      } else flags.add(letter);
      continue;
    }
    if (a.startsWith('-') && a !== '-' && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        if (withArg.includes(c)) {
          const v = j + 1 < a.length ? a.slice(j + 1) : args[++i];
          if (v === undefined) return `${prog}: option requires an argument -- '${c}'\n${tryLine}`;
          setValue(c, v);
          break;
        }
        if (!short.includes(c)) return `${prog}: invalid option -- '${c}'\n${tryLine}`;
        flags.add(c);
      }
      continue;
    }
    operands.push(a);
  }
  return { flags, values, all, operands };
}

function fail(ctx: ShellContext, text: string, code: number): number {
  ctx.err.write(text);
  return code;
}

/** Reads a file operand (or `-` for stdin) the way most tools do; undefined after an error. */
function readInput(ctx: ShellContext, prog: string, path: string, style: 'plain' | 'open' = 'plain'): string | undefined {
  if (path === '-') return ctx.stdin ?? '';
  const fs = ctx.fs;
  const p = fs.resolve(path);
  if (fs.isDir(p)) {
    ctx.err.write(`${prog}: ${path}: Is a directory\n`);
    return undefined;
  }
  const content = fs.read(p);
  if (content === undefined) {
    ctx.err.write(
      style === 'open'
        ? `${prog}: cannot open '${path}' for reading: No such file or directory\n`
        : `${prog}: ${path}: No such file or directory\n`,
    );
  }
  return content;
}

/** Splits text into lines; a missing final newline still ends a line. */
function lines(text: string): string[] {
  if (text === '') return [];
  const ls = text.split('\n');
  if (ls[ls.length - 1] === '') ls.pop();
  return ls;
}

const byBytes = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

// ---- echo / printf -----------------------------------------------------------------------

const echo: Builtin = (args, ctx) => {
  let newline = true;
  let escapes = false;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (!/^-[neE]+$/.test(a)) break;
    for (const c of a.slice(1)) {
      if (c === 'n') newline = false;
      else if (c === 'e') escapes = true;
      else escapes = false;
    }
  }
  let text = args.slice(i).join(' ');
  if (escapes) {
    let out = '';
    for (let j = 0; j < text.length; j++) {
      if (text[j] === '\\' && j + 1 < text.length) {
        const d = decodeEscape(text, j + 1, false);
        if (d.stop) {
          ctx.out.write(out);
          return 0;
        }
        out += d.text;
        j = d.next - 1;
      } else out += text[j];
    }
    text = out;
  }
  ctx.out.write(newline ? text + '\n' : text);
  return 0;
};

const printf: Builtin = (args, ctx) => {
  if (args.length === 0) {
    return fail(ctx, 'printf: usage: printf [-v var] format [arguments]\n', 2);
  }
  const format = args[0];
  const rest = args.slice(1);
  let out = '';
  let status = 0;
  let consumed = 0;
  do {
    let usedArg = false;
    for (let i = 0; i < format.length; i++) {
      const c = format[i];
      if (c === '\\' && i + 1 < format.length) {
        const d = decodeEscape(format, i + 1, false);
        if (d.stop) {
          ctx.out.write(out);
          return status;
        }
        out += d.text;
        i = d.next - 1;
        continue;
      }
      if (c !== '%') {
        out += c;
        continue;
      }
      const m = /^%([-+ 0#]*)(\d+|\*)?(?:\.(\d+|\*))?([sdiufxXoceqb%])/.exec(format.slice(i));
      if (!m) {
        out += c;
        continue;
      }
      i += m[0].length - 1;
      const conv = m[4];
      if (conv === '%') {
        out += '%';
        continue;
      }
      usedArg = true;
      const arg = rest[consumed++] ?? '';
      const width = m[2] === '*' ? Number(rest[consumed - 1] ?? 0) : m[2] ? Number(m[2]) : 0;
      const precision = m[3] !== undefined ? Number(m[3]) : undefined;
      let s: string;
      switch (conv) {
        case 's':
        case 'b':
          s = precision !== undefined ? arg.slice(0, precision) : arg;
          break;
        case 'q':
          s = /^[A-Za-z0-9_./=:,@%+-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
          break;
        case 'c':
          s = arg.slice(0, 1);
          break;
        default: {
          let n = arg === '' ? 0 : Number(arg.startsWith("'") || arg.startsWith('"') ? arg.codePointAt(1) : arg);
          if (!Number.isFinite(n)) {
            ctx.err.write(`bash: printf: ${arg}: invalid number\n`);
            status = 1;
            n = 0;
          }
          if (conv === 'f' || conv === 'e') s = n.toFixed(precision ?? 6);
          else if (conv === 'x') s = Math.trunc(n).toString(16);
          else if (conv === 'X') s = Math.trunc(n).toString(16).toUpperCase();
          else if (conv === 'o') s = Math.trunc(n).toString(8);
          else s = String(Math.trunc(n));
          if (m[1].includes('+') && n >= 0) s = '+' + s;
        }
      }
      if (s.length < width) {
        if (m[1].includes('-')) s = s.padEnd(width);
        else if (m[1].includes('0') && conv !== 's') s = s.startsWith('-') ? '-' + s.slice(1).padStart(width - 1, '0') : s.padStart(width, '0');
        else s = s.padStart(width);
      }
      out += s;
    }
    if (!usedArg) break;
  } while (consumed < rest.length);
  ctx.out.write(out);
  return status;
};

// ---- files -------------------------------------------------------------------------------

const cat: Builtin = (args, ctx) => {
  const o = getopt('cat', args, 'nAEsu', '', { number: 'n' });
  if (typeof o === 'string') return fail(ctx, o, 1);
  const files = o.operands.length ? o.operands : ['-'];
  let status = 0;
  let n = 0;
  for (const f of files) {
    const content = readInput(ctx, 'cat', f);
    if (content === undefined) {
      status = 1;
      continue;
    }
    if (o.flags.has('n')) {
      const ls = content.split('\n');
      const endsNl = content.endsWith('\n');
      if (endsNl) ls.pop();
      ctx.out.write(ls.map((l) => `${String(++n).padStart(6)}\t${l}`).join('\n') + (endsNl ? '\n' : ''));
    } else ctx.out.write(content);
  }
  return status;
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const DIR_COLOR = '\x1b[01;34m';
const RESET = '\x1b[0m';

/** `ls -l` time: `Nov 26 09:05` within six months of now, else `Nov 26  2025`. */
function lsTime(ms: number, nowMs: number): string {
  const d = new Date(ms);
  const mon = MONTHS[d.getUTCMonth()];
  const day = String(d.getUTCDate()).padStart(2);
  const recent = nowMs - ms < 182.5 * 86400_000 && ms - nowMs < 3600_000;
  const tail = recent
    ? `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`
    : ` ${d.getUTCFullYear()}`;
  return `${mon} ${day} ${tail}`;
}

function humanSize(n: number): string {
  if (n < 1024) return String(n);
  const units = ['K', 'M', 'G', 'T'];
  let v = n;
  let u = -1;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return (v < 10 ? (Math.ceil(v * 10) / 10).toFixed(1) : String(Math.ceil(v))) + units[u];
}

/** GNU ls's vertical column layout for a terminal of `width` columns. */
export function columnize(names: string[], width: number, display: (s: string) => string = (s) => s): string {
  if (names.length === 0) return '';
  const lens = names.map((n) => [...n].length);
  for (let cols = Math.min(names.length, Math.max(1, Math.floor(width / 3))); cols >= 1; cols--) {
    const rows = Math.ceil(names.length / cols);
    const realCols = Math.ceil(names.length / rows);
    const colWidths: number[] = [];
    for (let c = 0; c < realCols; c++) {
      let w = 0;
      for (let r = 0; r < rows; r++) {
        const i = c * rows + r;
        if (i < names.length) w = Math.max(w, lens[i]);
      }
      colWidths.push(w);
    }
    const total = colWidths.reduce((a, b) => a + b, 0) + 2 * (realCols - 1);
    if (total >= width && cols > 1) continue;
    let out = '';
    for (let r = 0; r < rows; r++) {
      let line = '';
      for (let c = 0; c < realCols; c++) {
        const i = c * rows + r;
        if (i >= names.length) continue;
        const last = c === realCols - 1 || (c + 1) * rows + r >= names.length;
        line += display(names[i]) + (last ? '' : ' '.repeat(colWidths[c] - lens[i] + 2));
      }
      out += line + '\n';
    }
    return out;
  }
  return names.map((n) => display(n)).join('\n') + '\n';
}

const ls: Builtin = (args, ctx) => {
  const o = getopt('ls', args, 'laA1hdFrt', '', { all: 'a', 'almost-all': 'A', 'human-readable': 'h', directory: 'd', 'color=': 'C' });
  if (typeof o === 'string') return fail(ctx, o, 2);
  const fs = ctx.fs;
  const long = o.flags.has('l');
  const color = ctx.tty && ctx.terminal;
  const showAll = o.flags.has('a');
  const almostAll = o.flags.has('A');
  const now = ctx.cluster.clock.now();
  const operands = o.operands.length ? o.operands : ['.'];
  let status = 0;
  const files: { label: string; path: string }[] = [];
  const dirs: { label: string; path: string }[] = [];
  for (const op of operands) {
    const p = fs.resolve(op);
    if (!fs.exists(p)) {
      ctx.err.write(`ls: cannot access '${op}': No such file or directory\n`);
      status = 2;
      continue;
    }
    if (fs.isDir(p) && !o.flags.has('d')) dirs.push({ label: op, path: p });
    else files.push({ label: op, path: p });
  }
  const name = (label: string, dir: boolean): string =>
    (color && dir ? `${DIR_COLOR}${label}${RESET}` : label) + (o.flags.has('F') && dir ? '/' : '');
  const sortEntries = <T extends { label: string; mtimeMs: number }>(xs: T[]): T[] => {
    const sorted = o.flags.has('t') ? [...xs].sort((a, b) => b.mtimeMs - a.mtimeMs || byBytes(a.label, b.label)) : [...xs].sort((a, b) => byBytes(a.label, b.label));
    return o.flags.has('r') ? sorted.reverse() : sorted;
  };
  const render = (entries: { label: string; path: string; dir: boolean; size: number; mtimeMs: number; links: number }[], withTotal: boolean): string => {
    if (!long) {
      const names = entries.map((e) => e.label + (o.flags.has('F') && e.dir ? '/' : ''));
      if (ctx.terminal) {
        return columnize(names, ctx.columns, (s) => {
          const e = entries.find((x) => x.label + (o.flags.has('F') && x.dir ? '/' : '') === s);
          return e && e.dir && color ? `${DIR_COLOR}${e.label}${RESET}${o.flags.has('F') ? '/' : ''}` : s;
        });
      }
      return names.map((n) => n + '\n').join('');
    }
    const sizes = entries.map((e) => (o.flags.has('h') ? humanSize(e.size) : String(e.size)));
    const sw = Math.max(0, ...sizes.map((s) => s.length));
    const lw = Math.max(0, ...entries.map((e) => String(e.links).length));
    let out = '';
    if (withTotal) {
      const blocks = entries.reduce((t, e) => t + (e.dir ? 4 : Math.ceil(e.size / 4096) * 4), 0);
      out += `total ${o.flags.has('h') && blocks >= 1024 ? humanSize(blocks * 1024) : blocks}\n`;
    }
    entries.forEach((e, i) => {
      const mode = e.dir ? 'drwxr-xr-x' : '-rw-r--r--';
      out += `${mode} ${String(e.links).padStart(lw)} learner learner ${sizes[i].padStart(sw)} ${lsTime(e.mtimeMs, now)} ${name(e.label, e.dir)}\n`;
    });
    return out;
  };
  const entryOf = (label: string, path: string) => {
    const st = fs.stat(path)!;
    const links = st.dir ? 2 + fs.entries(path).filter((e) => e.dir).length : 1;
    return { label, path, dir: st.dir, size: st.size, mtimeMs: st.mtimeMs, links };
  };
  let out = '';
  if (files.length) out += render(sortEntries(files.map((f) => entryOf(f.label, f.path))), false);
  const sortedDirs = [...dirs].sort((a, b) => byBytes(a.label, b.label));
  sortedDirs.forEach((d, i) => {
    if (out !== '' || i > 0) out += '\n';
    if (operands.length > 1) out += `${d.label}:\n`;
    let entries = fs.entries(d.path).map((e) => entryOf(e.name, e.path));
    if (!showAll && !almostAll) entries = entries.filter((e) => !e.label.startsWith('.'));
    entries = sortEntries(entries);
    if (showAll) {
      const parent = d.path === '/' ? '/' : d.path.slice(0, d.path.lastIndexOf('/')) || '/';
      entries = [entryOf('.', d.path), entryOf('..', parent), ...entries];
    }
    out += render(entries, true);
  });
  ctx.out.write(out);
  return status;
};

const rm: Builtin = (args, ctx) => {
  const o = getopt('rm', args, 'rRfvid', '', { recursive: 'r', force: 'f', verbose: 'v' });
  if (typeof o === 'string') return fail(ctx, o, 1);
  const force = o.flags.has('f');
  const recursive = o.flags.has('r') || o.flags.has('R');
  if (o.operands.length === 0) {
    if (force) return 0;
    return fail(ctx, "rm: missing operand\nTry 'rm --help' for more information.\n", 1);
  }
  let status = 0;
  for (const f of o.operands) {
    const p = ctx.fs.resolve(f);
    if (ctx.fs.isDir(p)) {
      if (!recursive) {
        ctx.err.write(`rm: cannot remove '${f}': Is a directory\n`);
        status = 1;
      } else {
        ctx.fs.removeTree(p);
        if (o.flags.has('v')) ctx.out.write(`removed directory '${f}'\n`);
      }
    } else if (ctx.fs.remove(p)) {
      if (o.flags.has('v')) ctx.out.write(`removed '${f}'\n`);
    } else if (!force) {
      ctx.err.write(`rm: cannot remove '${f}': No such file or directory\n`);
      status = 1;
    }
  }
  return status;
};

const rmdir: Builtin = (args, ctx) => {
  const o = getopt('rmdir', args, 'p');
  if (typeof o === 'string') return fail(ctx, o, 1);
  if (o.operands.length === 0) return fail(ctx, "rmdir: missing operand\nTry 'rmdir --help' for more information.\n", 1);
  let status = 0;
  for (const d of o.operands) {
    const p = ctx.fs.resolve(d);
    if (!ctx.fs.exists(p)) {
      ctx.err.write(`rmdir: failed to remove '${d}': No such file or directory\n`);
      status = 1;
    } else if (!ctx.fs.isDir(p)) {
      ctx.err.write(`rmdir: failed to remove '${d}': Not a directory\n`);
      status = 1;
    } else if (ctx.fs.entries(p).length > 0) {
      ctx.err.write(`rmdir: failed to remove '${d}': Directory not empty\n`);
      status = 1;
    } else ctx.fs.removeTree(p);
  }
  return status;
};

const mkdir: Builtin = (args, ctx) => {
  const o = getopt('mkdir', args, 'pv', '', { parents: 'p', verbose: 'v' });
  if (typeof o === 'string') return fail(ctx, o, 1);
  if (o.operands.length === 0) return fail(ctx, "mkdir: missing operand\nTry 'mkdir --help' for more information.\n", 1);
  let status = 0;
  for (const d of o.operands) {
    if (o.flags.has('p')) {
      if (!ctx.fs.mkdirs(d)) {
        ctx.err.write(`mkdir: cannot create directory ‘${d}’: Not a directory\n`);
        status = 1;
      }
      continue;
    }
    const r = ctx.fs.mkdir(d);
    if (r === 'exists') {
      ctx.err.write(`mkdir: cannot create directory ‘${d}’: File exists\n`);
      status = 1;
    } else if (r === 'noparent') {
      ctx.err.write(`mkdir: cannot create directory ‘${d}’: No such file or directory\n`);
      status = 1;
    } else if (o.flags.has('v')) ctx.out.write(`mkdir: created directory '${d}'\n`);
  }
  return status;
};

const touch: Builtin = (args, ctx) => {
  const o = getopt('touch', args, 'ac');
  if (typeof o === 'string') return fail(ctx, o, 1);
  if (o.operands.length === 0) return fail(ctx, "touch: missing file operand\nTry 'touch --help' for more information.\n", 1);
  let status = 0;
  for (const f of o.operands) {
    const p = ctx.fs.resolve(f);
    const parent = p.slice(0, p.lastIndexOf('/')) || '/';
    if (!ctx.fs.isDir(parent)) {
      ctx.err.write(`touch: cannot touch '${f}': No such file or directory\n`);
      status = 1;
    } else if (!o.flags.has('c') || ctx.fs.exists(p)) ctx.fs.touch(p);
  }
  return status;
};

/** `cp SRC DST` / `mv SRC DST` and `cp SRC... DIR`. */
function copyOrMove(prog: 'cp' | 'mv'): Builtin {
  return (args, ctx) => {
    const o = getopt(prog, args, 'rRfvin');
    if (typeof o === 'string') return fail(ctx, o, 1);
    const fs = ctx.fs;
    if (o.operands.length === 0) return fail(ctx, `${prog}: missing file operand\nTry '${prog} --help' for more information.\n`, 1);
    if (o.operands.length === 1) {
      return fail(ctx, `${prog}: missing destination file operand after '${o.operands[0]}'\nTry '${prog} --help' for more information.\n`, 1);
    }
    const dest = o.operands[o.operands.length - 1];
    const srcs = o.operands.slice(0, -1);
    const destIsDir = fs.isDir(dest);
    if (srcs.length > 1 && !destIsDir) return fail(ctx, `${prog}: target '${dest}': Not a directory\n`, 1);
    let status = 0;
    for (const s of srcs) {
      const sp = fs.resolve(s);
      if (!fs.exists(sp)) {
        ctx.err.write(`${prog}: cannot stat '${s}': No such file or directory\n`);
        status = 1;
        continue;
      }
      const target = destIsDir ? `${fs.resolve(dest)}/${sp.slice(sp.lastIndexOf('/') + 1)}` : fs.resolve(dest);
      if (fs.isDir(sp)) {
        if (prog === 'cp' && !o.flags.has('r') && !o.flags.has('R')) {
          ctx.err.write(`cp: -r not specified; omitting directory '${s}'\n`);
          status = 1;
          continue;
        }
        copyTree(fs, sp, target);
        if (prog === 'mv') fs.removeTree(sp);
        continue;
      }
      fs.write(target, fs.read(sp) ?? '');
      if (prog === 'mv' && target !== sp) fs.remove(sp);
    }
    return status;
  };
}

function copyTree(fs: MemoryFS, from: string, to: string): void {
  fs.mkdirs(to);
  for (const e of fs.entries(from)) {
    if (e.dir) copyTree(fs, e.path, `${to}/${e.name}`);
    else fs.write(`${to}/${e.name}`, fs.read(e.path) ?? '');
  }
}

const tee: Builtin = (args, ctx) => {
  const o = getopt('tee', args, 'a', '', { append: 'a' });
  if (typeof o === 'string') return fail(ctx, o, 1);
  const input = ctx.stdin ?? '';
  for (const f of o.operands) {
    if (o.flags.has('a')) ctx.fs.append(f, input);
    else ctx.fs.write(f, input);
  }
  ctx.out.write(input);
  return 0;
};

// ---- text filters --------------------------------------------------------------------------

/** A BRE (grep's default) or ERE turned into a JavaScript RegExp source. */
function regexSource(pattern: string, extended: boolean, fixed: boolean): string {
  if (fixed) return pattern.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) {
      const n = pattern[++i];
      if (!extended && '+?|(){}'.includes(n)) out += n;
      else if (n === '<' || n === '>') out += '\\b';
      else out += '\\' + n;
      continue;
    }
    if (!extended && '+?|(){}'.includes(c)) {
      out += '\\' + c;
      continue;
    }
    if (c === '[') {
      const end = pattern.indexOf(']', i + (pattern[i + 1] === ']' ? 2 : pattern[i + 1] === '^' && pattern[i + 2] === ']' ? 3 : 1));
      if (end > i) {
        let body = pattern.slice(i + 1, end);
        body = body
          .replace(/\[:alpha:\]/g, 'A-Za-z')
          .replace(/\[:digit:\]/g, '0-9')
          .replace(/\[:alnum:\]/g, 'A-Za-z0-9')
          .replace(/\[:space:\]/g, '\\s')
          .replace(/\[:upper:\]/g, 'A-Z')
          .replace(/\[:lower:\]/g, 'a-z');
        out += `[${body}]`;
        i = end;
        continue;
      }
    }
    out += c;
  }
  return out;
}

const GREP_COLOR = '\x1b[01;31m\x1b[K';
const GREP_END = '\x1b[m\x1b[K';

const grep: Builtin = (args, ctx) => {
  const o = getopt('grep', args, 'ivcnEFwoqlhHrsx', 'emABC', {
    'ignore-case': 'i',
    'invert-match': 'v',
    count: 'c',
    'line-number': 'n',
    'extended-regexp': 'E',
    'fixed-strings': 'F',
    'word-regexp': 'w',
    'only-matching': 'o',
    quiet: 'q',
    silent: 'q',
    'files-with-matches': 'l',
    'color=': 'C',
    'colour=': 'C',
    'regexp=': 'e',
    'max-count=': 'm',
    'after-context=': 'A',
    'before-context=': 'B',
    'context=': 'C',
  });
  if (typeof o === 'string') return fail(ctx, o, 2);
  const operands = [...o.operands];
  const patterns: string[] = [];
  if (o.all.has('e')) patterns.push(...o.all.get('e')!);
  else if (operands.length > 0) patterns.push(operands.shift()!);
  else return fail(ctx, "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n", 2);
  let src = patterns.flatMap((p) => p.split('\n')).map((p) => regexSource(p, o.flags.has('E'), o.flags.has('F'))).join('|');
  if (o.flags.has('w')) src = `(?<![A-Za-z0-9_])(?:${src})(?![A-Za-z0-9_])`;
  if (o.flags.has('x')) src = `^(?:${src})$`;
  let re: RegExp;
  try {
    re = new RegExp(src, o.flags.has('i') ? 'gi' : 'g');
  } catch {
    return fail(ctx, 'grep: Unmatched ( or \\(\n', 2);
  }
  const colorMode = o.values.get('C') ?? 'auto';
  const color = colorMode === 'always' || (colorMode === 'auto' && ctx.tty && ctx.terminal);
  const files = operands.length ? operands : ['-'];
  const multi = files.length > 1 ? !o.flags.has('h') : o.flags.has('H');
  const max = o.values.has('m') ? Number(o.values.get('m')) : Infinity;
  const num = (k: string): number | string => {
    const v = o.values.get(k) ?? o.values.get('C');
    if (v === undefined) return 0;
    return /^\d+$/.test(v) ? Number(v) : `grep: ${v}: invalid context length argument\n`;
  };
  const after = num('A');
  const before = num('B');
  if (typeof after === 'string') return fail(ctx, after, 2);
  if (typeof before === 'string') return fail(ctx, before, 2);
  const listOnly = o.flags.has('c') || o.flags.has('l') || o.flags.has('q');
  let matched = false;
  let error = false;
  let out = '';
  /** Last line printed across files, for `--` between groups of context. */
  let printedAny = false;
  for (const f of files) {
    const text = readInput(ctx, 'grep', f);
    if (text === undefined) {
      error = true;
      continue;
    }
    const label = f === '-' ? '(standard input)' : f;
    let count = 0;
    let lastPrinted = -1;
    let afterLeft = 0;
    const ls = lines(text);
    const emit = (n: number, sep: ':' | '-', body: string): void => {
      if (printedAny && lastPrinted >= 0 && n > lastPrinted + 1 && (after > 0 || before > 0)) out += '--\n';
      else if (printedAny && lastPrinted < 0 && (after > 0 || before > 0)) out += '--\n';
      out += (multi ? `${label}${sep}` : '') + (o.flags.has('n') ? `${n + 1}${sep}` : '') + body + '\n';
      lastPrinted = n;
      printedAny = true;
    };
    for (let n = 0; n < ls.length; n++) {
      const line = ls[n];
      re.lastIndex = 0;
      const hit = re.test(line) !== o.flags.has('v') && count < max;
      if (!hit) {
        if (afterLeft > 0 && !listOnly) {
          emit(n, '-', line);
          afterLeft--;
        }
        continue;
      }
      count++;
      matched = true;
      if (o.flags.has('q')) return 0;
      if (listOnly) continue;
      for (let b = Math.max(lastPrinted + 1, n - (before as number)); b < n; b++) emit(b, '-', ls[b]);
      afterLeft = after as number;
      if (o.flags.has('o') && !o.flags.has('v')) {
        re.lastIndex = 0;
        for (const m of line.matchAll(re)) {
          if (m[0] === '') continue;
          emit(n, ':', color ? GREP_COLOR + m[0] + GREP_END : m[0]);
        }
        continue;
      }
      let shown = line;
      if (color && !o.flags.has('v')) {
        re.lastIndex = 0;
        shown = line.replace(re, (m) => (m === '' ? m : GREP_COLOR + m + GREP_END));
      }
      emit(n, ':', shown);
    }
    if (o.flags.has('c')) out += (multi ? `${label}:` : '') + `${count}\n`;
    if (o.flags.has('l') && count > 0) out += label + '\n';
  }
  ctx.out.write(out);
  if (error && !(o.flags.has('q') && matched)) return 2;
  return matched ? 0 : 1;
};

/**
 * A count as GNU head/tail read it (xdectoumax with the suffixes "bkKmMGTPEZYRQ0"): decimal
 * digits, then b (512), k/K/m/M/G/T/P/E/Z/Y/R/Q (powers of 1024) optionally followed by B
 * (powers of 1000) or iB. A leading sign is the caller's. undefined when invalid; 'big' when
 * above 2^64-1.
 */
function parseCount(spec: string): bigint | 'big' | undefined {
  const m = /^\s*(\d+)(?:(b)|([kKmMGTPEZYRQ])(B|iB)?)?$/.exec(spec);
  if (!m) return undefined;
  let n = BigInt(m[1]);
  if (m[2]) n *= 512n;
  if (m[3]) {
    const power = BigInt('kmgtpezyrq'.indexOf(m[3].toLowerCase()) + 1);
    n *= (m[4] === 'B' ? 1000n : 1024n) ** power;
  }
  return n > 0xffffffffffffffffn ? 'big' : n;
}

/** Whether -c/--bytes or -n/--lines came last (GNU head/tail: the last one wins). */
function countMode(args: readonly string[]): 'n' | 'c' {
  let mode: 'n' | 'c' = 'n';
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') break;
    if (a.startsWith('--')) {
      if (/^--lines(=|$)/.test(a)) mode = 'n';
      else if (/^--bytes(=|$)/.test(a)) mode = 'c';
      if (!a.includes('=') && /^--(lines|bytes)$/.test(a)) i++;
      continue;
    }
    if (!a.startsWith('-') || a === '-') continue;
    for (let j = 1; j < a.length; j++) {
      if (a[j] === 'n' || a[j] === 'c') {
        mode = a[j] as 'n' | 'c';
        if (j === a.length - 1) i++;
        break;
      }
    }
  }
  return mode;
}

/**
 * UTF-8 bytes back to text, each byte of a character cut in two shown as U+FFFD (as a terminal
 * shows it). Simplification: the shell's streams are text, so those bytes are not kept.
 */
function decodeCut(bytes: number[]): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const n = b < 0x80 ? 1 : b >> 5 === 6 ? 2 : b >> 4 === 14 ? 3 : b >> 3 === 30 ? 4 : 0;
    const whole = n > 0 && i + n <= bytes.length && bytes.slice(i + 1, i + n).every((c) => c >> 6 === 2);
    if (!whole) {
      out += '\ufffd';
      i++;
      continue;
    }
    out += utf8Decode(bytes.slice(i, i + n));
    i += n;
  }
  return out;
}

function headTail(prog: 'head' | 'tail'): Builtin {
  return (args, ctx) => {
    // `head -5` is `head -n 5`.
    const norm = args.map((a, i) => (/^-\d+$/.test(a) && !/^-[nc]$/.test(args[i - 1] ?? '') ? `-n${a.slice(1)}` : a));
    const o = getopt(prog, norm, 'qvf', 'nc', { 'lines=': 'n', 'bytes=': 'c', quiet: 'q', verbose: 'v', follow: 'f' });
    if (typeof o === 'string') return fail(ctx, o, 1);
    const mode = o.values.has('c') || o.values.has('n') ? countMode(norm) : 'n';
    const unit = mode === 'c' ? 'bytes' : 'lines';
    const spec = o.values.get(mode) ?? '10';
    const m = /^\s*([+-]?)(.*)$/s.exec(spec)!;
    const count = parseCount(m[2]);
    if (count === undefined) return fail(ctx, `${prog}: invalid number of ${unit}: ‘${spec}’\n`, 1);
    if (count === 'big') return fail(ctx, `${prog}: invalid number of ${unit}: ‘${spec}’: Value too large for defined data type\n`, 1);
    const n = count > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(count);
    const files = o.operands.length ? o.operands : ['-'];
    let status = 0;
    files.forEach((f, i) => {
      const text = readInput(ctx, prog, f, 'open');
      if (text === undefined) {
        status = 1;
        return;
      }
      if ((files.length > 1 && !o.flags.has('q')) || o.flags.has('v')) {
        ctx.out.write(`${i > 0 ? '\n' : ''}==> ${f === '-' ? 'standard input' : f} <==\n`);
      }
      if (mode === 'c') {
        const bytes = utf8Encode(text);
        let pick: number[];
        if (prog === 'head') pick = m[1] === '-' ? bytes.slice(0, Math.max(0, bytes.length - n)) : bytes.slice(0, n);
        else pick = m[1] === '+' ? bytes.slice(Math.max(0, n - 1)) : n === 0 ? [] : bytes.slice(Math.max(0, bytes.length - n));
        if (pick.length > 0) ctx.out.write(decodeCut(pick));
        return;
      }
      const endsNl = text.endsWith('\n');
      const ls = lines(text);
      let pick: string[];
      if (prog === 'head') pick = m[1] === '-' ? ls.slice(0, Math.max(0, ls.length - n)) : ls.slice(0, n);
      else pick = m[1] === '+' ? ls.slice(Math.max(0, n - 1)) : n === 0 ? [] : ls.slice(-n);
      if (pick.length === 0) return;
      const lastIncluded = prog === 'tail' || pick.length === ls.length;
      ctx.out.write(pick.join('\n') + (lastIncluded && !endsNl ? '' : '\n'));
    });
    return status;
  };
}

const wc: Builtin = (args, ctx) => {
  const o = getopt('wc', args, 'lwcmL', '', { lines: 'l', words: 'w', bytes: 'c', chars: 'm' });
  if (typeof o === 'string') return fail(ctx, o, 1);
  let which = ['l', 'w', 'm', 'c'].filter((f) => o.flags.has(f));
  if (which.length === 0) which = ['l', 'w', 'c'];
  const files = o.operands.length ? o.operands : ['-'];
  const rows: { counts: number[]; label: string }[] = [];
  const totals = which.map(() => 0);
  let status = 0;
  let fromStdin = false;
  let totalBytes = 0;
  for (const f of files) {
    const text = readInput(ctx, 'wc', f);
    if (text === undefined) {
      status = 1;
      continue;
    }
    if (f === '-') fromStdin = true;
    totalBytes += utf8Length(text);
    const counts = which.map((k) => {
      switch (k) {
        case 'l':
          return (text.match(/\n/g) ?? []).length;
        case 'w':
          return text.split(/\s+/).filter(Boolean).length;
        case 'm':
          return [...text].length;
        default:
          return utf8Length(text);
      }
    });
    counts.forEach((c, i) => (totals[i] += c));
    rows.push({ counts, label: f === '-' ? '' : f });
  }
  if (files.length > 1) rows.push({ counts: totals, label: 'total' });
  // GNU wc: one number for one input needs no padding; stdin gets width 7; files the width of
  // the total byte count.
  const width = which.length === 1 && files.length === 1 ? 1 : fromStdin ? 7 : Math.max(1, String(totalBytes).length);
  for (const r of rows) {
    ctx.out.write(r.counts.map((c) => String(c).padStart(width)).join(' ') + (r.label ? ` ${r.label}` : '') + '\n');
  }
  return status;
};

const sort: Builtin = (args, ctx) => {
  const o = getopt('sort', args, 'rnufbhV', 'kto', { reverse: 'r', 'numeric-sort': 'n', unique: 'u', 'ignore-case': 'f', 'key=': 'k', 'field-separator=': 't' });
  if (typeof o === 'string') return fail(ctx, o, 2);
  let input = '';
  for (const f of o.operands.length ? o.operands : ['-']) {
    if (f !== '-' && ctx.fs.read(f) === undefined) return fail(ctx, `sort: cannot read: ${f}: No such file or directory\n`, 2);
    input += f === '-' ? (ctx.stdin ?? '') : ctx.fs.read(f)!;
  }
  const sep = o.values.get('t');
  const keySpec = o.values.get('k');
  const keyOf = (line: string): string => {
    if (!keySpec) return line;
    const [start, end] = keySpec.split(',').map((s) => parseInt(s, 10));
    const fields = sep !== undefined ? line.split(sep) : line.trim().split(/\s+/);
    return fields.slice(start - 1, end ? end : undefined).join(sep ?? ' ');
  };
  const numeric = o.flags.has('n') || (keySpec !== undefined && /n/.test(keySpec));
  const human = o.flags.has('h');
  const num = (s: string): number => {
    const m = /^\s*(-?\d+(?:\.\d+)?)([KMGTP]?)/i.exec(s);
    if (!m) return 0;
    const mult = human ? ({ '': 1, K: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15 } as Record<string, number>)[m[2].toUpperCase()] ?? 1 : 1;
    return Number(m[1]) * mult;
  };
  const fold = o.flags.has('f');
  const cmp = (a: string, b: string): number => {
    const ka = keyOf(a);
    const kb = keyOf(b);
    let c = numeric || human ? num(ka) - num(kb) : byBytes(fold ? ka.toUpperCase() : ka, fold ? kb.toUpperCase() : kb);
    if (c === 0 && !o.flags.has('u')) c = byBytes(a, b);
    return c;
  };
  let ls = lines(input).sort(cmp);
  if (o.flags.has('r')) ls.reverse();
  if (o.flags.has('u')) ls = ls.filter((l, i) => i === 0 || cmp(ls[i - 1], l) !== 0);
  ctx.out.write(ls.map((l) => l + '\n').join(''));
  return 0;
};

const uniq: Builtin = (args, ctx) => {
  const o = getopt('uniq', args, 'cdui', '', { count: 'c', repeated: 'd', unique: 'u', 'ignore-case': 'i' });
  if (typeof o === 'string') return fail(ctx, o, 1);
  const text = o.operands.length ? readInput(ctx, 'uniq', o.operands[0]) : (ctx.stdin ?? '');
  if (text === undefined) return 1;
  const eq = (a: string, b: string): boolean => (o.flags.has('i') ? a.toLowerCase() === b.toLowerCase() : a === b);
  const groups: { line: string; n: number }[] = [];
  for (const l of lines(text)) {
    const g = groups[groups.length - 1];
    if (g && eq(g.line, l)) g.n++;
    else groups.push({ line: l, n: 1 });
  }
  let out = '';
  for (const g of groups) {
    if (o.flags.has('d') && g.n < 2) continue;
    if (o.flags.has('u') && g.n > 1) continue;
    out += (o.flags.has('c') ? `${String(g.n).padStart(7)} ` : '') + g.line + '\n';
  }
  ctx.out.write(out);
  return 0;
};

/** `1,3`, `2-`, `-2`, `1-3` -> a predicate on 1-based positions. */
function rangeList(spec: string): ((i: number) => boolean) | undefined {
  const parts = spec.split(',');
  const preds: ((i: number) => boolean)[] = [];
  for (const p of parts) {
    const m = /^(\d*)(-?)(\d*)$/.exec(p);
    if (!m || (m[1] === '' && m[3] === '')) return undefined;
    const a = m[1] ? Number(m[1]) : 1;
    const b = m[2] ? (m[3] ? Number(m[3]) : Infinity) : a;
    preds.push((i) => i >= a && i <= b);
  }
  return (i) => preds.some((f) => f(i));
}

const cut: Builtin = (args, ctx) => {
  const o = getopt('cut', args, 's', 'dfc', { 'delimiter=': 'd', 'fields=': 'f', 'characters=': 'c' });
  if (typeof o === 'string') return fail(ctx, o, 1);
  const fieldSpec = o.values.get('f');
  const charSpec = o.values.get('c');
  if (!fieldSpec && !charSpec) return fail(ctx, "cut: you must specify a list of bytes, characters, or fields\nTry 'cut --help' for more information.\n", 1);
  const pick = rangeList((fieldSpec ?? charSpec)!);
  if (!pick) return fail(ctx, `cut: invalid field value ‘${fieldSpec ?? charSpec}’\nTry 'cut --help' for more information.\n`, 1);
  const delim = o.values.get('d') ?? '\t';
  let status = 0;
  let out = '';
  for (const f of o.operands.length ? o.operands : ['-']) {
    const text = readInput(ctx, 'cut', f);
    if (text === undefined) {
      status = 1;
      continue;
    }
    for (const line of lines(text)) {
      if (charSpec) {
        out += [...line].filter((_, i) => pick(i + 1)).join('') + '\n';
        continue;
      }
      if (!line.includes(delim)) {
        if (!o.flags.has('s')) out += line + '\n';
        continue;
      }
      out += line.split(delim).filter((_, i) => pick(i + 1)).join(delim) + '\n';
    }
  }
  ctx.out.write(out);
  return status;
};

/** Expands a tr SET: ranges, classes and escapes. */
function trSet(s: string): string[] {
  const classes: Record<string, string> = {
    '[:upper:]': 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
    '[:lower:]': 'abcdefghijklmnopqrstuvwxyz',
    '[:digit:]': '0123456789',
    '[:space:]': ' \t\n\r\f\v',
    '[:blank:]': ' \t',
    '[:punct:]': '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
  };
  classes['[:alpha:]'] = classes['[:upper:]'] + classes['[:lower:]'];
  classes['[:alnum:]'] = classes['[:alpha:]'] + classes['[:digit:]'];
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) {
    const cls = Object.keys(classes).find((k) => s.startsWith(k, i));
    if (cls) {
      out.push(...classes[cls]);
      i += cls.length - 1;
      continue;
    }
    let c = s[i];
    if (c === '\\' && i + 1 < s.length) {
      const d = decodeEscape(s, i + 1, true);
      c = d.text;
      i = d.next - 1;
    }
    if (s[i + 1] === '-' && i + 2 < s.length) {
      const end = s[i + 2];
      for (let k = c.charCodeAt(0); k <= end.charCodeAt(0); k++) out.push(String.fromCharCode(k));
      i += 2;
      continue;
    }
    out.push(c);
  }
  return out;
}

const tr: Builtin = (args, ctx) => {
  const o = getopt('tr', args, 'dsc');
  if (typeof o === 'string') return fail(ctx, o, 1);
  if (o.operands.length === 0) return fail(ctx, "tr: missing operand\nTry 'tr --help' for more information.\n", 1);
  const input = ctx.stdin ?? '';
  const set1 = trSet(o.operands[0]);
  const inSet1 = (c: string): boolean => set1.includes(c) !== o.flags.has('c');
  let out = '';
  if (o.flags.has('d')) {
    for (const c of input) if (!inSet1(c)) out += c;
  } else if (o.operands.length >= 2) {
    const set2 = trSet(o.operands[1]);
    for (const c of input) {
      const i = set1.indexOf(c);
      out += i >= 0 ? (set2[Math.min(i, set2.length - 1)] ?? c) : c;
    }
  } else if (!o.flags.has('s')) {
    return fail(ctx, `tr: missing operand after ‘${o.operands[0]}’\nTwo strings must be given when translating.\nTry 'tr --help' for more information.\n`, 1);
  } else out = input;
  if (o.flags.has('s')) {
    const squeeze = o.operands.length >= 2 && !o.flags.has('d') ? trSet(o.operands[1]) : set1;
    let s = '';
    for (const c of out) if (!(s.endsWith(c) && squeeze.includes(c))) s += c;
    out = s;
  }
  ctx.out.write(out);
  return 0;
};

// ---- base64 ------------------------------------------------------------------------------

const base64: Builtin = (args, ctx) => {
  const o = getopt('base64', args, 'di', 'w', { decode: 'd', 'wrap=': 'w', 'ignore-garbage': 'i' });
  if (typeof o === 'string') return fail(ctx, o, 1);
  const input = o.operands.length ? readInput(ctx, 'base64', o.operands[0]) : (ctx.stdin ?? '');
  if (input === undefined) return 1;
  if (o.flags.has('d')) {
    const d = base64Decode(input);
    if (d === undefined) {
      // GNU base64 prints what it decoded before the bad input; the valid prefix is decoded here.
      const prefix = /^[A-Za-z0-9+/\s]*/.exec(input)![0].replace(/\s+/g, '');
      ctx.out.write(base64Decode(prefix.slice(0, prefix.length - (prefix.length % 4))) ?? '');
      return fail(ctx, 'base64: invalid input\n', 1);
    }
    ctx.out.write(d);
    return 0;
  }
  const wrap = o.values.has('w') ? Number(o.values.get('w')) : 76;
  const enc = base64Encode(input);
  if (enc === '') return 0;
  const chunks = wrap > 0 ? enc.match(new RegExp(`.{1,${wrap}}`, 'g'))! : [enc];
  ctx.out.write(chunks.join('\n') + '\n');
  return 0;
};

// ---- misc ----------------------------------------------------------------------------------

const sleep: Builtin = (args, ctx): ProcessResult => {
  if (args.length === 0) return fail(ctx, "sleep: missing operand\nTry 'sleep --help' for more information.\n", 1);
  let seconds = 0;
  for (const a of args) {
    const s = a === 'infinity' ? Infinity : parseDuration(a);
    if (s === undefined) return fail(ctx, `sleep: invalid time interval ‘${a}’\nTry 'sleep --help' for more information.\n`, 1);
    seconds += s;
  }
  const clock = ctx.cluster.clock;
  const end = seconds === Infinity ? undefined : clock.now() + Math.round(seconds * 1000);
  if (end === clock.now()) return 0;
  return {
    poll: () => (end !== undefined && clock.now() >= end ? 0 : undefined),
    cancel: () => 130,
    deadlineMs: end,
  };
};

/** `test` / `[`: the unary and binary primaries tutorials use. */
function testExpr(args: string[], ctx: ShellContext, name = 'test'): number {
  const fs = ctx.fs;
  const evalAt = (xs: string[]): boolean | string => {
    if (xs.length === 0) return false;
    if (xs[0] === '!') {
      const r = evalAt(xs.slice(1));
      return typeof r === 'string' ? r : !r;
    }
    const orAt = xs.indexOf('-o');
    if (orAt > 0) {
      const a = evalAt(xs.slice(0, orAt));
      const b = evalAt(xs.slice(orAt + 1));
      return typeof a === 'string' ? a : typeof b === 'string' ? b : a || b;
    }
    const andAt = xs.indexOf('-a');
    if (andAt > 0 && xs.length > 3) {
      const a = evalAt(xs.slice(0, andAt));
      const b = evalAt(xs.slice(andAt + 1));
      return typeof a === 'string' ? a : typeof b === 'string' ? b : a && b;
    }
    if (xs.length === 1) return xs[0] !== '';
    if (xs.length === 2) {
      const [op, v] = xs;
      switch (op) {
        case '-z':
          return v === '';
        case '-n':
          return v !== '';
        case '-e':
          return fs.exists(v);
        case '-f':
          return fs.isFile(v);
        case '-d':
          return fs.isDir(v);
        case '-s':
          return (fs.read(v) ?? '') !== '';
        case '-r':
        case '-w':
          return fs.exists(v);
        case '-x':
          return fs.isDir(v);
        default:
          return `${op}: unary operator expected`;
      }
    }
    if (xs.length === 3) {
      const [a, op, b] = xs;
      const ints = (): [number, number] | string => {
        if (!/^\s*-?\d+\s*$/.test(a)) return `${a}: integer expression expected`;
        if (!/^\s*-?\d+\s*$/.test(b)) return `${b}: integer expression expected`;
        return [Number(a), Number(b)];
      };
      switch (op) {
        case '=':
        case '==':
          return a === b;
        case '!=':
          return a !== b;
        case '<':
          return a < b;
        case '>':
          return a > b;
        case '-eq':
        case '-ne':
        case '-lt':
        case '-le':
        case '-gt':
        case '-ge': {
          const n = ints();
          if (typeof n === 'string') return n;
          const [x, y] = n;
          return { '-eq': x === y, '-ne': x !== y, '-lt': x < y, '-le': x <= y, '-gt': x > y, '-ge': x >= y }[op];
        }
        default:
          return `${op}: binary operator expected`;
      }
    }
    return 'too many arguments';
  };
  const r = evalAt(args);
  if (typeof r === 'string') {
    ctx.err.write(`bash: ${name}: ${r}\n`);
    return 2;
  }
  return r ? 0 : 1;
}

const seq: Builtin = (args, ctx) => {
  const o = getopt('seq', args.map((a) => (/^-\d/.test(a) ? `\u0000${a}` : a)), 'w', 's', { 'separator=': 's' });
  if (typeof o === 'string') return fail(ctx, o, 1);
  const nums = o.operands.map((a) => a.replace('\u0000', ''));
  if (nums.length === 0) return fail(ctx, "seq: missing operand\nTry 'seq --help' for more information.\n", 1);
  for (const n of nums) {
    if (!Number.isFinite(Number(n)) || n.trim() === '') {
      return fail(ctx, `seq: invalid floating point argument: ‘${n}’\nTry 'seq --help' for more information.\n`, 1);
    }
  }
  const [first, step, last] = nums.length === 1 ? [1, 1, Number(nums[0])] : nums.length === 2 ? [Number(nums[0]), 1, Number(nums[1])] : nums.slice(0, 3).map(Number);
  if (step === 0) return fail(ctx, `seq: invalid Zero increment value: ‘${nums[1]}’\nTry 'seq --help' for more information.\n`, 1);
  const sep = o.values.get('s') ?? '\n';
  const out: string[] = [];
  const width = o.flags.has('w') ? String(Math.max(Math.abs(first), Math.abs(last))).length : 0;
  for (let v = first; step > 0 ? v <= last : v >= last; v += step) {
    out.push(String(v).padStart(width, '0'));
    if (out.length > 1_000_000) break;
  }
  if (out.length) ctx.out.write(out.join(sep) + '\n');
  return 0;
};

function strftime(fmt: string, d: Date): string {
  const p2 = (n: number): string => String(n).padStart(2, '0');
  return fmt.replace(/%([a-zA-Z%])/g, (_, c: string) => {
    switch (c) {
      case 'Y':
        return String(d.getUTCFullYear());
      case 'm':
        return p2(d.getUTCMonth() + 1);
      case 'd':
        return p2(d.getUTCDate());
      case 'e':
        return String(d.getUTCDate()).padStart(2);
      case 'H':
        return p2(d.getUTCHours());
      case 'M':
        return p2(d.getUTCMinutes());
      case 'S':
        return p2(d.getUTCSeconds());
      case 's':
        return String(Math.floor(d.getTime() / 1000));
      case 'a':
        return DAYS[d.getUTCDay()];
      case 'b':
      case 'h':
        return MONTHS[d.getUTCMonth()];
      case 'Z':
        return 'UTC';
      case 'z':
        return '+0000';
      case 'T':
        return `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
      case 'F':
        return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}`;
      case 'N':
        return String((d.getTime() % 1000) * 1_000_000).padStart(9, '0');
      case '%':
        return '%';
      default:
        return `%${c}`;
    }
  });
}

const date: Builtin = (args, ctx) => {
  const fmt = args.find((a) => a.startsWith('+'));
  const d = ctx.cluster.clock.date();
  ctx.out.write(strftime(fmt ? fmt.slice(1) : '%a %b %e %H:%M:%S %Z %Y', d) + '\n');
  return 0;
};

const env: Builtin = (args, ctx) => {
  let i = 0;
  const vars: Record<string, string> = { ...ctx.env };
  for (; i < args.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(args[i]); i++) {
    const eq = args[i].indexOf('=');
    vars[args[i].slice(0, eq)] = args[i].slice(eq + 1);
  }
  if (i < args.length) {
    return ctx.shell.invoke(args.slice(i), { stdin: ctx.stdin, out: ctx.out, err: ctx.err, terminal: ctx.terminal }, vars).result;
  }
  ctx.out.write(Object.entries(vars).map(([k, v]) => `${k}=${v}\n`).join(''));
  return 0;
};

const printenv: Builtin = (args, ctx) => {
  if (args.length === 0) return env([], ctx);
  let status = 0;
  for (const a of args) {
    if (a in ctx.env) ctx.out.write(ctx.env[a] + '\n');
    else status = 1;
  }
  return status;
};

const xargs: Builtin = (args, ctx) => {
  let i = 0;
  let per: number | undefined;
  let repl: string | undefined;
  let noRunEmpty = false;
  while (i < args.length && args[i].startsWith('-')) {
    const a = args[i];
    if (a === '-r' || a === '--no-run-if-empty') {
      noRunEmpty = true;
      i++;
    } else if (a === '-n' || a === '-I') {
      if (args[i + 1] === undefined) return fail(ctx, `xargs: option requires an argument -- '${a[1]}'\n`, 1);
      if (a === '-n') per = Math.max(1, Number(args[i + 1]) || 1);
      else repl = args[i + 1];
      i += 2;
    } else if (/^-n\d+$/.test(a)) {
      per = Math.max(1, Number(a.slice(2)));
      i++;
    } else if (a === '-t' || a === '--') {
      i++;
      if (a === '--') break;
    } else return fail(ctx, `xargs: invalid option -- '${a.slice(1)}'\n`, 1);
  }
  const cmd = i < args.length ? args.slice(i) : ['echo'];
  const input = ctx.stdin ?? '';
  const batches: string[][] = [];
  if (repl !== undefined) {
    for (const it of input.split('\n').filter((l) => l.trim() !== '')) batches.push([it.trim()]);
  } else {
    const items = input.split(/\s+/).filter(Boolean);
    const n = per ?? Math.max(items.length, 1);
    for (let k = 0; k < items.length; k += n) batches.push(items.slice(k, k + n));
    if (items.length === 0 && !noRunEmpty) batches.push([]);
  }
  const io = { out: ctx.out, err: ctx.err, terminal: ctx.terminal };
  let status = 0;
  for (const b of batches) {
    const argv = repl !== undefined ? cmd.map((a) => a.split(repl).join(b[0])) : [...cmd, ...b];
    const r = ctx.shell.invoke(argv, io, ctx.env).result;
    if (typeof r !== 'number') {
      // Simplification: a blocking command is only supported as the single invocation.
      if (batches.length === 1) return r;
      r.cancel();
      status = 123;
      continue;
    }
    if (r === 127) return 127;
    if (r !== 0) status = 123;
  }
  return status;
};

const clear: Builtin = (_args, ctx) => {
  if (ctx.tty) ctx.out.write('\x1b[H\x1b[2J\x1b[3J');
  return 0;
};

const basename: Builtin = (args, ctx) => {
  if (args.length === 0) return fail(ctx, "basename: missing operand\nTry 'basename --help' for more information.\n", 1);
  let b = args[0].replace(/\/+$/, '');
  b = b.slice(b.lastIndexOf('/') + 1) || '/';
  if (args[1] && b.endsWith(args[1]) && b !== args[1]) b = b.slice(0, -args[1].length);
  ctx.out.write(b + '\n');
  return 0;
};

const dirname: Builtin = (args, ctx) => {
  if (args.length === 0) return fail(ctx, "dirname: missing operand\nTry 'dirname --help' for more information.\n", 1);
  const p = args[0].replace(/\/+$/, '');
  const i = p.lastIndexOf('/');
  ctx.out.write((i < 0 ? '.' : i === 0 ? '/' : p.slice(0, i)) + '\n');
  return 0;
};

/** A tiny awk: `{print $1}`, `{print $1, $3}`, `NR>1 {print}`, `/re/`, `-F:`. */
const awk: Builtin = (args, ctx) => {
  const o = getopt('awk', args, '', 'Fv');
  if (typeof o === 'string') return fail(ctx, o, 2);
  const [program, ...files] = o.operands;
  if (program === undefined) return fail(ctx, 'usage: awk [-F fs][-v var=value][prog | -f progfile][file ...]\n', 2);
  const m = /^\s*(?:(NR\s*(?:==|!=|>=|<=|>|<)\s*\d+|\/(?:[^/\\]|\\.)*\/|\$\d+\s*(?:==|!=|~)\s*(?:"[^"]*"|\/(?:[^/\\]|\\.)*\/|\d+))\s*)?(?:\{\s*(print(?:\s+[^}]*)?)\s*;?\s*\})?\s*$/.exec(program);
  if (!m || (!m[1] && !m[2])) {
    return fail(ctx, `awk: this shell's awk only supports '[pattern] {print ...}' programs\n`, 2);
  }
  const fsep = o.values.get('F');
  const split = (line: string): string[] => (fsep === undefined || fsep === ' ' ? line.trim().split(/\s+/).filter(Boolean) : line.split(fsep === '\\t' ? '\t' : fsep));
  const cond = m[1];
  const printArgs = m[2] ? m[2].replace(/^print\s*/, '').trim() : '';
  let input = '';
  for (const f of files.length ? files : ['-']) {
    const t = readInput(ctx, 'awk', f);
    if (t === undefined) return 2;
    input += t;
  }
  let out = '';
  lines(input).forEach((line, i) => {
    const fields = split(line);
    const nr = i + 1;
    const field = (n: number): string => (n === 0 ? line : (fields[n - 1] ?? ''));
    if (cond) {
      let ok: boolean;
      const nrm = /^NR\s*(==|!=|>=|<=|>|<)\s*(\d+)$/.exec(cond);
      const rem = /^\/(.*)\/$/s.exec(cond);
      const fm = /^\$(\d+)\s*(==|!=|~)\s*(?:"([^"]*)"|\/(.*)\/|(\d+))$/s.exec(cond);
      if (nrm) {
        const v = Number(nrm[2]);
        ok = { '==': nr === v, '!=': nr !== v, '>=': nr >= v, '<=': nr <= v, '>': nr > v, '<': nr < v }[nrm[1]]!;
      } else if (rem) ok = new RegExp(regexSource(rem[1], true, false)).test(line);
      else if (fm) {
        const v = field(Number(fm[1]));
        const target = fm[3] ?? fm[5];
        ok = fm[2] === '~' ? new RegExp(regexSource(fm[4] ?? fm[3] ?? '', true, false)).test(v) : (v === target) === (fm[2] === '==');
      } else ok = false;
      if (!ok) return;
    }
    if (printArgs === '') {
      out += line + '\n';
      return;
    }
    const items = printArgs.split(/\s*,\s*/).map((expr) =>
      expr
        .split(/\s+/)
        .map((tok) => {
          const f = /^\$(\d+|NF)$/.exec(tok);
          if (f) return field(f[1] === 'NF' ? fields.length : Number(f[1]));
          if (tok === 'NF') return String(fields.length);
          if (tok === 'NR') return String(nr);
          const s = /^"(.*)"$/.exec(tok);
          return s ? s[1] : tok;
        })
        .join(''),
    );
    out += items.join(' ') + '\n';
  });
  ctx.out.write(out);
  return 0;
};

/** The commands every session has, by name. */
export const COREUTILS: Record<string, Builtin> = {
  echo,
  printf,
  cat,
  ls,
  rm,
  rmdir,
  mkdir,
  touch,
  cp: copyOrMove('cp'),
  mv: copyOrMove('mv'),
  tee,
  pwd: (_args, ctx) => {
    ctx.out.write(ctx.fs.cwd + '\n');
    return 0;
  },
  grep,
  egrep: (args, ctx) => grep(['-E', ...args], ctx),
  head: headTail('head'),
  tail: headTail('tail'),
  wc,
  sort,
  uniq,
  cut,
  tr,
  base64,
  sleep,
  test: (args, ctx) => testExpr(args, ctx),
  '[': (args, ctx) => {
    if (args[args.length - 1] !== ']') return fail(ctx, "bash: [: missing `]'\n", 2);
    return testExpr(args.slice(0, -1), ctx, '[');
  },
  true: () => 0,
  false: () => 1,
  ':': () => 0,
  seq,
  date,
  env,
  printenv,
  xargs,
  clear,
  basename,
  dirname,
  awk,
  whoami: (_args, ctx) => {
    ctx.out.write('learner\n');
    return 0;
  },
  hostname: (_args, ctx) => {
    ctx.out.write('control-plane\n');
    return 0;
  },
};

/** Matches a file name against a glob (for completion). */
export function globMatch(pattern: string, name: string): boolean {
  return globToRegExp(pattern, true).test(name);
}
