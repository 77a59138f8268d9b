/**
 * `-o go-template=...` basics: Go's text/template over the object decoded from JSON (numbers
 * are float64, so `{{.spec.replicas}}` prints `3`, a million prints `1e+06`), as kubectl's
 * GoTemplatePrinter runs it (k8s.io/cli-runtime/pkg/printers/template.go, with its `exists`
 * and `base64decode` functions). Supported: `{{.a.b}}`, `{{$}}`, variables, `{{range}}` (with
 * `$i, $v :=`), `{{if}}`/`{{else if}}`/`{{else}}`, `{{with}}`, `{{- -}}` trimming, pipelines
 * `|`, and the functions index, len, printf, print, println, eq, ne, lt, le, gt, ge, and, or,
 * not, exists, base64decode. Missing keys print `<no value>`.
 */
import { CmdError } from '../errors';
import { goV } from './gofmt';

// Simplification: no template definitions (define/template/block), no comments' edge cases,
// and printf supports %s %d %v %q %f %% only.

type Tok = { kind: 'text'; text: string } | { kind: 'action'; src: string };

function tokenize(t: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < t.length) {
    const open = t.indexOf('{{', i);
    if (open < 0) {
      out.push({ kind: 'text', text: t.slice(i) });
      break;
    }
    let text = t.slice(i, open);
    let src = '';
    const close = t.indexOf('}}', open + 2);
    if (close < 0) throw new CmdError(`error parsing template ${t}, template: output:1: unclosed action`);
    src = t.slice(open + 2, close);
    if (src.startsWith('-') && /^-\s/.test(src)) {
      text = text.replace(/\s+$/, '');
      src = src.slice(1);
    }
    let next = close + 2;
    if (/\s-$/.test(src)) {
      src = src.slice(0, -1);
      const m = /^\s*/.exec(t.slice(next))!;
      next += m[0].length;
    }
    if (text) out.push({ kind: 'text', text });
    src = src.trim();
    if (!src.startsWith('/*')) out.push({ kind: 'action', src });
    i = next;
  }
  return out;
}

type TNode =
  | { t: 'text'; text: string }
  | { t: 'pipe'; src: string }
  | { t: 'range'; vars: string[]; src: string; body: TNode[]; alt: TNode[] }
  | { t: 'if'; src: string; body: TNode[]; alt: TNode[]; with: boolean };

function parseNodes(toks: Tok[], pos: { i: number }, stopAt: string[]): { nodes: TNode[]; stop: string } {
  const nodes: TNode[] = [];
  while (pos.i < toks.length) {
    const tok = toks[pos.i++];
    if (tok.kind === 'text') {
      nodes.push({ t: 'text', text: tok.text });
      continue;
    }
    const src = tok.src;
    const word = src.split(/\s+/)[0];
    if (stopAt.includes(word) || (word === 'else' && stopAt.includes('else'))) return { nodes, stop: src };
    if (word === 'range') {
      let expr = src.slice(5).trim();
      let vars: string[] = [];
      const m = /^(\$\w*)\s*(?:,\s*(\$\w*))?\s*:=\s*(.*)$/.exec(expr);
      if (m) {
        vars = m[2] ? [m[1], m[2]] : [m[1]];
        expr = m[3];
      }
      const body = parseNodes(toks, pos, ['end', 'else']);
      let alt: TNode[] = [];
      if (body.stop.startsWith('else')) alt = parseNodes(toks, pos, ['end']).nodes;
      nodes.push({ t: 'range', vars, src: expr, body: body.nodes, alt });
    } else if (word === 'if' || word === 'with') {
      nodes.push(parseIf(toks, pos, src.slice(word.length).trim(), word === 'with'));
    } else {
      nodes.push({ t: 'pipe', src });
    }
  }
  return { nodes, stop: '' };
}

function parseIf(toks: Tok[], pos: { i: number }, cond: string, isWith: boolean): TNode {
  const body = parseNodes(toks, pos, ['end', 'else']);
  let alt: TNode[] = [];
  if (body.stop.startsWith('else')) {
    const rest = body.stop.slice(4).trim();
    if (rest.startsWith('if ')) alt = [parseIf(toks, pos, rest.slice(3).trim(), false)];
    else alt = parseNodes(toks, pos, ['end']).nodes;
  }
  return { t: 'if', src: cond, body: body.nodes, alt, with: isWith };
}

const MISSING = Symbol('missing');

interface Scope {
  dot: unknown;
  vars: Map<string, unknown>;
}

function splitArgs(src: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote = '';
  let depth = 0;
  for (const c of src) {
    if (quote) {
      cur += c;
      if (c === quote && !cur.endsWith('\\' + quote)) quote = '';
    } else if (c === '"' || c === '`') {
      quote = c;
      cur += c;
    } else if (c === '(') {
      depth++;
      cur += c;
    } else if (c === ')') {
      depth--;
      cur += c;
    } else if (/\s/.test(c) && depth === 0) {
      if (cur) out.push(cur);
      cur = '';
    } else cur += c;
  }
  if (cur) out.push(cur);
  return out;
}

function truthy(v: unknown): boolean {
  if (v === MISSING || v === null || v === undefined || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v as object).length > 0;
  return true;
}

function fieldChain(base: unknown, chain: string): unknown {
  let v = base;
  for (const f of chain.split('.').filter((x) => x !== '')) {
    if (v === MISSING || v === null || typeof v !== 'object' || Array.isArray(v)) return MISSING;
    const o = v as Record<string, unknown>;
    v = Object.prototype.hasOwnProperty.call(o, f) ? o[f] : MISSING;
  }
  return v;
}

function printf(format: string, args: unknown[]): string {
  let i = 0;
  return format.replace(/%([-+ 0#]*\d*(?:\.\d+)?)([sdvqf%])/g, (_, flags: string, verb: string) => {
    if (verb === '%') return '%';
    const a = args[i++];
    switch (verb) {
      case 'd':
        return String(Math.trunc(Number(a)));
      case 'f': {
        const p = /\.(\d+)/.exec(flags);
        return Number(a).toFixed(p ? Number(p[1]) : 6);
      }
      case 'q':
        return JSON.stringify(String(a));
      default:
        return a === MISSING ? '%!v(MISSING)' : goV(a, false);
    }
  });
}

function evalArg(arg: string, s: Scope): unknown {
  if (arg.startsWith('(') && arg.endsWith(')')) return evalPipeline(arg.slice(1, -1), s);
  if (arg.startsWith('"')) return JSON.parse(arg);
  if (arg.startsWith('`')) return arg.slice(1, -1);
  if (/^-?\d+(\.\d+)?$/.test(arg)) return Number(arg);
  if (arg === 'true' || arg === 'false') return arg === 'true';
  if (arg === 'nil') return null;
  if (arg === '.') return s.dot;
  if (arg.startsWith('.')) return fieldChain(s.dot, arg);
  if (arg.startsWith('$')) {
    const m = /^(\$\w*)(.*)$/.exec(arg)!;
    if (!s.vars.has(m[1])) throw new CmdError(`error parsing template: undefined variable "${m[1]}"`);
    return fieldChain(s.vars.get(m[1]), m[2]);
  }
  throw new CmdError(`error parsing template: function "${arg}" not defined`);
}

function call(fn: string, args: unknown[]): unknown {
  const num = (v: unknown): number => Number(v);
  switch (fn) {
    case 'len':
      return Array.isArray(args[0]) ? args[0].length : typeof args[0] === 'string' ? args[0].length : Object.keys((args[0] as object) ?? {}).length;
    case 'index': {
      let v = args[0];
      for (const k of args.slice(1)) {
        if (v === null || typeof v !== 'object') return MISSING;
        v = (v as Record<string, unknown>)[String(k)];
        if (v === undefined) return MISSING;
      }
      return v;
    }
    case 'printf':
      return printf(String(args[0]), args.slice(1));
    case 'print':
      return args.map((a) => goV(a, false)).join('');
    case 'println':
      return args.map((a) => goV(a, false)).join(' ') + '\n';
    case 'eq':
      return args.slice(1).some((a) => a === args[0]);
    case 'ne':
      return args[0] !== args[1];
    case 'lt':
      return num(args[0]) < num(args[1]) || (typeof args[0] === 'string' && String(args[0]) < String(args[1]));
    case 'le':
      return args[0] === args[1] || call('lt', args) === true;
    case 'gt':
      return call('le', args) !== true;
    case 'ge':
      return call('lt', args) !== true;
    case 'and':
      return args.find((a) => !truthy(a)) ?? args[args.length - 1];
    case 'or':
      return args.find((a) => truthy(a)) ?? args[args.length - 1];
    case 'not':
      return !truthy(args[0]);
    case 'exists':
      return call('index', args) !== MISSING;
    case 'base64decode':
      return atobUtf8(String(args[0]));
  }
  throw new CmdError(`error parsing template: function "${fn}" not defined`);
}

function atobUtf8(s: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const bytes: number[] = [];
  let buf = 0;
  let bits = 0;
  for (const c of s.replace(/=+$/, '')) {
    const v = alphabet.indexOf(c);
    if (v < 0) continue;
    buf = (buf << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buf >> bits) & 0xff);
    }
  }
  return new TextDecoderLite().decode(bytes);
}

/** UTF-8 decoding without depending on TextDecoder (absent from the engine's lib). */
class TextDecoderLite {
  decode(bytes: number[]): string {
    let out = '';
    for (let i = 0; i < bytes.length; ) {
      const b = bytes[i];
      let cp = b;
      let n = 0;
      if (b >= 0xf0) [cp, n] = [b & 0x07, 3];
      else if (b >= 0xe0) [cp, n] = [b & 0x0f, 2];
      else if (b >= 0xc0) [cp, n] = [b & 0x1f, 1];
      for (let k = 1; k <= n; k++) cp = (cp << 6) | (bytes[i + k] & 0x3f);
      out += String.fromCodePoint(cp);
      i += n + 1;
    }
    return out;
  }
}

function evalCommand(cmd: string, s: Scope, piped: unknown[]): unknown {
  const parts = splitArgs(cmd);
  const head = parts[0];
  if (/^[a-z]\w*$/.test(head) && !['true', 'false', 'nil'].includes(head)) {
    return call(head, [...parts.slice(1).map((a) => evalArg(a, s)), ...piped]);
  }
  return evalArg(head, s);
}

function evalPipeline(src: string, s: Scope): unknown {
  const decl = /^(\$\w*)\s*:?=\s*(.*)$/.exec(src);
  if (decl) {
    const v = evalPipeline(decl[2], s);
    s.vars.set(decl[1], v);
    return undefined;
  }
  const cmds = src.split('|').map((c) => c.trim());
  let v: unknown = undefined;
  cmds.forEach((c, i) => {
    v = evalCommand(c, s, i === 0 ? [] : [v]);
  });
  return v;
}

function run(nodes: TNode[], s: Scope): string {
  let out = '';
  for (const n of nodes) {
    switch (n.t) {
      case 'text':
        out += n.text;
        break;
      case 'pipe': {
        const v = evalPipeline(n.src, s);
        if (v === undefined && /^\$\w*\s*:?=/.test(n.src)) break;
        out += v === MISSING || v === null || v === undefined ? '<no value>' : goV(v, false);
        break;
      }
      case 'if': {
        const v = evalPipeline(n.src, s);
        if (truthy(v)) out += run(n.body, n.with ? { dot: v, vars: s.vars } : s);
        else out += run(n.alt, s);
        break;
      }
      case 'range': {
        const v = evalPipeline(n.src, s);
        const entries: [unknown, unknown][] = Array.isArray(v)
          ? v.map((x, i) => [i, x])
          : v && typeof v === 'object'
            ? Object.keys(v as object)
                .sort()
                .map((k) => [k, (v as Record<string, unknown>)[k]])
            : [];
        if (entries.length === 0) {
          out += run(n.alt, s);
          break;
        }
        for (const [k, x] of entries) {
          const vars = new Map(s.vars);
          if (n.vars.length === 1) vars.set(n.vars[0], x);
          if (n.vars.length === 2) {
            vars.set(n.vars[0], k);
            vars.set(n.vars[1], x);
          }
          out += run(n.body, { dot: x, vars });
        }
        break;
      }
    }
  }
  return out;
}

// text/template's builtins and the two functions kubectl's template printer adds.
const FUNCS = new Set(['and', 'call', 'html', 'index', 'slice', 'js', 'len', 'not', 'or', 'print', 'printf', 'println', 'urlquery', 'eq', 'ge', 'gt', 'le', 'lt', 'ne', 'exists', 'base64decode']);
const KEYWORDS = new Set(['range', 'if', 'with', 'else', 'end', 'nil', 'true', 'false', 'define', 'template', 'block', 'break', 'continue']);

/**
 * The parse errors text/template reports before running anything (kubectl prints them as
 * `error parsing template <t>, template: output:<line>: <msg>`): unmatched `{{end}}`/`{{else}}`,
 * a block left open at the end, functions that are not defined.
 */
function checkTemplate(t: string): void {
  const fail = (at: number, msg: string): never => {
    const line = t.slice(0, at).split('\n').length;
    throw new CmdError(`error parsing template ${t}, template: output:${line}: ${msg}`);
  };
  const open: string[] = [];
  let i = 0;
  for (;;) {
    const start = t.indexOf('{{', i);
    if (start < 0) break;
    const close = t.indexOf('}}', start + 2);
    if (close < 0) {
      // The lexer stops at the first character that cannot appear in an action (a lone `}`).
      if (t.indexOf('}', start + 2) >= 0) fail(start, "bad character U+007D '}'");
      fail(start, 'unclosed action');
    }
    let src = t.slice(start + 2, close).replace(/^-\s/, '').replace(/\s-$/, '').trim();
    i = close + 2;
    if (src.startsWith('/*')) continue;
    // Quoted strings cannot contain keywords or function names.
    src = src.replace(/"(?:[^"\\]|\\.)*"|`[^`]*`|'(?:[^'\\]|\\.)*'/g, '""');
    const word = src.split(/[\s(|]/)[0];
    if (word === 'range' || word === 'if' || word === 'with') open.push(word);
    else if (word === 'end') {
      if (open.pop() === undefined) fail(start, 'unexpected {{end}}');
      continue;
    } else if (word === 'else') {
      if (open.length === 0) fail(start, 'unexpected {{else}}');
    }
    for (const m of src.matchAll(/(^|[\s(|])([A-Za-z_][A-Za-z0-9_]*)(?=$|[\s()|])/g)) {
      const name = m[2];
      if (!KEYWORDS.has(name) && !FUNCS.has(name)) fail(start, `function "${name}" not defined`);
    }
  }
  if (open.length > 0) fail(t.length, 'unexpected EOF');
}

/** Executes a Go template against a JSON value. */
export function goTemplate(template: string, data: unknown): string {
  checkTemplate(template);
  const nodes = parseNodes(tokenize(template), { i: 0 }, []).nodes;
  return run(nodes, { dot: data, vars: new Map([['$', data]]) });
}
