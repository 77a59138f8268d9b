/**
 * kubectl's JSONPath dialect (k8s.io/client-go/util/jsonpath: parser.go, jsonpath.go):
 * templates of text and `{actions}` with `.field`, `..field`, `['key']`, `[0]`, `[-1:]`,
 * `[a:b:c]`, `[*]`, `[0,2]`, `[?(@.x=="y")]` filters, `$`/`@`, quoted text (`{"\n"}`),
 * and `{range ...}...{end}`. Results print as client-go's PrintResults does: scalars as text,
 * maps and lists as compact JSON, several results of one action separated by spaces.
 */
import { CmdError } from '../errors';
import { goJson } from './json';

type Node =
  | { t: 'text'; text: string }
  | { t: 'list'; nodes: Node[] }
  | { t: 'field'; name: string }
  | { t: 'array'; params: [number | undefined, number | undefined, number | undefined]; index: boolean }
  | { t: 'wildcard' }
  | { t: 'recursive' }
  | { t: 'union'; lists: Node[][] }
  | { t: 'filter'; left: Node[]; op: string; right: Node[] }
  | { t: 'root' }
  | { t: 'current' }
  | { t: 'ident'; name: 'range' | 'end' }
  | { t: 'literal'; value: unknown };

export class JsonPathError extends Error {}

/** reflect.Type.String() of a decoded JSON value, as Go's jsonpath names it in errors. */
function goTypeName(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  if (Array.isArray(v)) return '[]interface {}';
  return 'map[string]interface {}';
}

/** Parses a template into top-level nodes (text and action lists). */
export function parseJsonPath(template: string): Node[] {
  const nodes: Node[] = [];
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    if (open < 0) {
      nodes.push({ t: 'text', text: template.slice(i) });
      break;
    }
    if (open > i) nodes.push({ t: 'text', text: template.slice(i, open) });
    const close = findClose(template, open + 1);
    if (close < 0) {
      // Go's parser reads the action up to the end of the input: an open `[` or quote inside it
      // is reported first (`unterminated array`), else the action itself is unclosed.
      parseAction(template.slice(open + 1), template);
      throw new JsonPathError(`error parsing jsonpath ${template}, unclosed action`);
    }
    nodes.push({ t: 'list', nodes: parseAction(template.slice(open + 1, close), template) });
    i = close + 1;
  }
  return nodes;
}

/** The `}` closing an action, skipping quoted strings and brackets. */
function findClose(s: string, from: number): number {
  let quote = '';
  let depth = 0;
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || (c === "'" && depth > 0)) quote = c;
    else if (c === '[') depth++;
    else if (c === ']') depth--;
    else if (c === '}' && depth <= 0) return i;
  }
  return -1;
}

function unquote(s: string): string {
  return s.replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\' })[c] ?? c);
}

function parseAction(src: string, template: string): Node[] {
  const nodes: Node[] = [];
  let i = 0;
  const s = src.trim();
  if (s === 'end') return [{ t: 'ident', name: 'end' }];
  if (s.startsWith('range ') || s === 'range') {
    return [{ t: 'ident', name: 'range' }, ...parseAction(s.slice(5), template)];
  }
  while (i < s.length) {
    const c = s[i];
    if (c === ' ') {
      i++;
    } else if (c === '"') {
      let j = i + 1;
      while (j < s.length && s[j] !== '"') j += s[j] === '\\' ? 2 : 1;
      if (j >= s.length) throw new JsonPathError(`error parsing jsonpath ${template}, unterminated quoted string`);
      nodes.push({ t: 'text', text: unquote(s.slice(i + 1, j)) });
      i = j + 1;
    } else if (c === '$') {
      nodes.push({ t: 'root' });
      i++;
    } else if (c === '@') {
      nodes.push({ t: 'current' });
      i++;
    } else if (c === '.') {
      if (s[i + 1] === '.') {
        nodes.push({ t: 'recursive' });
        i += 2;
        continue;
      }
      let j = i + 1;
      let name = '';
      while (j < s.length && !'.[] {}()'.includes(s[j])) {
        if (s[j] === '\\' && j + 1 < s.length) {
          name += s[j + 1];
          j += 2;
        } else name += s[j++];
      }
      if (name === '*') nodes.push({ t: 'wildcard' });
      else if (name !== '') nodes.push({ t: 'field', name });
      i = j;
    } else if (c === '[' && s.startsWith('[?(', i)) {
      // parseFilter: up to the `)` outside a quoted operand, then `]`.
      let j = i + 3;
      let begin = false;
      let end = false;
      let pair = '';
      for (; ; j++) {
        if (j >= s.length || s[j] === '\n') throw new JsonPathError(`error parsing jsonpath ${template}, unterminated filter`);
        const d = s[j];
        if (d === '"' || d === "'") {
          if (!begin) {
            begin = true;
            pair = d;
          } else if (s[j - 1] !== '\\' && d === pair) end = true;
        } else if (d === ')' && begin === end) break;
      }
      if (s[j + 1] !== ']') throw new JsonPathError(`error parsing jsonpath ${template}, unclosed array expect ]`);
      nodes.push(parseBracket(s.slice(i + 1, j + 1), template));
      i = j + 2;
    } else if (c === '[') {
      let depth = 0;
      let j = i;
      let quote = '';
      for (; j < s.length; j++) {
        const d = s[j];
        if (quote) {
          if (d === quote) quote = '';
        } else if (d === "'" || d === '"') quote = d;
        else if (d === '[') depth++;
        else if (d === ']' && --depth === 0) break;
      }
      if (j >= s.length) throw new JsonPathError(`error parsing jsonpath ${template}, unterminated array`);
      nodes.push(parseBracket(s.slice(i + 1, j), template));
      i = j + 1;
    } else if (/[0-9-]/.test(c)) {
      const m = /^-?\d+(\.\d+)?/.exec(s.slice(i))!;
      nodes.push({ t: 'literal', value: Number(m[0]) });
      i += m[0].length;
    } else if (s.startsWith('true', i) || s.startsWith('false', i)) {
      const v = s.startsWith('true', i);
      nodes.push({ t: 'literal', value: v });
      i += v ? 4 : 5;
    } else {
      let j = i;
      while (j < s.length && !'.[] {}'.includes(s[j])) j++;
      const name = s.slice(i, j);
      if (name === '') throw new JsonPathError(`error parsing jsonpath ${template}, unrecognized character in action: U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} '${c}'`);
      nodes.push({ t: 'field', name });
      i = j;
    }
  }
  return nodes;
}

function parseBracket(inner: string, template: string): Node {
  const text = inner.trim();
  if (text.startsWith('?(') && text.endsWith(')')) {
    const expr = text.slice(2, -1);
    const m = /^(.*?)\s*(==|!=|>=|<=|>|<|=~)\s*(.*)$/.exec(expr);
    if (!m) return { t: 'filter', left: parseAction(expr, template), op: 'exists', right: [] };
    return { t: 'filter', left: parseOperand(m[1], template), op: m[2], right: parseOperand(m[3], template) };
  }
  if (text === '*') return { t: 'wildcard' };
  if (text.startsWith("'")) {
    const names = text.split(',').map((p) => p.trim());
    const fields = names.map((n) => {
      if (!/^'.*'$/.test(n)) throw new JsonPathError(`error parsing jsonpath ${template}, invalid array index ${n}`);
      return [{ t: 'field', name: n.slice(1, -1) } as Node];
    });
    return fields.length === 1 ? fields[0][0] : { t: 'union', lists: fields };
  }
  if (text.includes(',')) {
    return { t: 'union', lists: text.split(',').map((p) => [parseBracket(p, template)]) };
  }
  const parts = text.split(':');
  if (parts.length > 3) throw new JsonPathError(`error parsing jsonpath ${template}, invalid array index ${text}`);
  const params: [number | undefined, number | undefined, number | undefined] = [undefined, undefined, undefined];
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k].trim();
    if (p === '') continue;
    // sliceOperatorRex did not match: the whole index text is shown.
    if (!/^-?\d+$/.test(p)) throw new JsonPathError(`error parsing jsonpath ${template}, invalid array index ${text}`);
    params[k] = Number(p);
  }
  return { t: 'array', params, index: parts.length === 1 };
}

function parseOperand(src: string, template: string): Node[] {
  const s = src.trim();
  if (/^'.*'$/.test(s) || /^".*"$/.test(s)) return [{ t: 'literal', value: s.slice(1, -1) }];
  if (/^-?\d+(\.\d+)?$/.test(s)) return [{ t: 'literal', value: Number(s) }];
  if (s === 'true' || s === 'false') return [{ t: 'literal', value: s === 'true' }];
  return parseAction(s, template);
}

// ---- evaluation ------------------------------------------------------------------------------

interface EvalContext {
  root: unknown;
  allowMissingKeys: boolean;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function walk(values: unknown[], node: Node, ctx: EvalContext): unknown[] {
  switch (node.t) {
    case 'text':
      return [node.text];
    case 'literal':
      return [node.value];
    case 'root':
      return [ctx.root];
    case 'current':
      return values;
    case 'list': {
      let cur = values;
      for (const n of node.nodes) cur = walk(cur, n, ctx);
      return cur;
    }
    case 'field': {
      const out: unknown[] = [];
      for (const v of values) {
        if (isObject(v)) {
          if (Object.prototype.hasOwnProperty.call(v, node.name)) out.push(v[node.name]);
          else if (!ctx.allowMissingKeys) throw new JsonPathError(`${node.name} is not found`);
        }
      }
      return out;
    }
    case 'wildcard': {
      const out: unknown[] = [];
      for (const v of values) {
        if (Array.isArray(v)) out.push(...v);
        else if (isObject(v)) for (const k of Object.keys(v).sort()) out.push(v[k]);
      }
      return out;
    }
    case 'recursive': {
      const out: unknown[] = [];
      const visit = (v: unknown): void => {
        out.push(v);
        if (Array.isArray(v)) v.forEach(visit);
        else if (isObject(v)) for (const k of Object.keys(v).sort()) visit(v[k]);
      };
      values.forEach(visit);
      return out;
    }
    case 'array': {
      const out: unknown[] = [];
      for (const v of values) {
        if (!Array.isArray(v)) {
          if (v === undefined || v === null) continue;
          throw new JsonPathError(`${goTypeName(v)} is not array or slice`);
        }
        // evalArray: indexes out of the array are errors (missing keys or not); a single index
        // [i] is the slice [i:i+1].
        const len = v.length;
        let [start, end] = node.params;
        const step = node.params[2] ?? 1;
        start = start ?? 0;
        if (start < 0) start += len;
        if (node.index) end = start + 1;
        else {
          end = end ?? len;
          if (end < 0) end += len;
        }
        if (end === start) continue;
        if (start >= len || start < 0) throw new JsonPathError(`array index out of bounds: index ${start}, length ${len}`);
        if (end > len || end < 0) throw new JsonPathError(`array index out of bounds: index ${end - 1}, length ${len}`);
        if (start > end) throw new JsonPathError(`starting index ${start} is greater than ending index ${end}`);
        for (let i = start; i < end; i += step) out.push(v[i]);
      }
      return out;
    }
    case 'union': {
      const out: unknown[] = [];
      for (const l of node.lists) out.push(...walk(values, { t: 'list', nodes: l }, ctx));
      return out;
    }
    case 'filter': {
      const out: unknown[] = [];
      for (const v of values) {
        const items = Array.isArray(v) ? v : [v];
        for (const item of items) {
          const sub: EvalContext = { ...ctx, allowMissingKeys: true };
          const left = walk([item], { t: 'list', nodes: node.left }, sub);
          if (node.op === 'exists') {
            if (left.length > 0) out.push(item);
            continue;
          }
          const right = walk([item], { t: 'list', nodes: node.right }, sub);
          if (left.length === 0 || right.length === 0) continue;
          if (compare(left[0], node.op, right[0])) out.push(item);
        }
      }
      return out;
    }
    case 'ident':
      return values;
  }
}

function compare(a: unknown, op: string, b: unknown): boolean {
  if (op === '==') return a === b || (typeof a === 'number' && typeof b === 'number' && a === b);
  if (op === '!=') return a !== b;
  if (op === '=~') return typeof a === 'string' && new RegExp(String(b)).test(a);
  if (typeof a !== typeof b) return false;
  const x = a as number | string;
  const y = b as number | string;
  switch (op) {
    case '<':
      return x < y;
    case '>':
      return x > y;
    case '<=':
      return x <= y;
    case '>=':
      return x >= y;
  }
  return false;
}

/** fmt.Fprint of a scalar as client-go prints it; maps and lists as compact JSON. */
function textOf(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'object') return goJson(v, 0);
  return String(v);
}

export interface JsonPathOptions {
  allowMissingKeys?: boolean;
  /** jsonpath-as-json: print the results as one indented JSON array. */
  outputJson?: boolean;
}

/** Executes a parsed template against `data`, returning the printed text. */
export function executeJsonPath(nodes: Node[], data: unknown, o: JsonPathOptions = {}): string {
  const ctx: EvalContext = { root: data, allowMissingKeys: o.allowMissingKeys ?? true };
  let out = '';
  const collected: unknown[] = [];
  const run = (list: Node[], current: unknown): void => {
    for (let i = 0; i < list.length; i++) {
      const node = list[i];
      if (node.t === 'list' && node.nodes[0]?.t === 'ident') {
        // Bodies stop before their {end}: an {end} seen here closes nothing.
        if (node.nodes[0].name === 'end') throw new JsonPathError('not in range, nothing to end');
        // {range expr} body {end}
        const results = walk([current], { t: 'list', nodes: node.nodes.slice(1) }, ctx);
        let depth = 1;
        let j = i + 1;
        for (; j < list.length; j++) {
          const n = list[j];
          if (n.t === 'list' && n.nodes[0]?.t === 'ident') {
            depth += n.nodes[0].name === 'range' ? 1 : -1;
            if (depth === 0) break;
          }
        }
        const body = list.slice(i + 1, j);
        const items = results.length === 1 && Array.isArray(results[0]) ? results[0] : results;
        for (const r of items) run(body, r);
        i = j;
        continue;
      }
      const results = node.t === 'text' ? [node.text] : walk([current], node, ctx);
      if (o.outputJson) {
        if (node.t !== 'text') collected.push(...results);
        continue;
      }
      out += results.map(textOf).join(' ');
    }
  };
  run(nodes, data);
  if (o.outputJson) return goJson(collected, 4) + '\n';
  return out;
}

/** Parses and executes in one step. */
export function jsonPath(template: string, data: unknown, o: JsonPathOptions = {}): string {
  return executeJsonPath(parseJsonPath(template), data, o);
}

/**
 * RelaxedJSONPathExpression (kubectl get's --sort-by and custom-columns): `.a.b`, `a.b` and
 * `{.a.b}` all become `{.a.b}`.
 */
export function relaxedJsonPath(expr: string): string {
  if (expr === '') return expr;
  // kubectl's jsonRegexp: `^\{\.?([^{}]+)\}$|^\.?([^{}]+)$`.
  const m = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/.exec(expr);
  if (!m) {
    throw new CmdError("unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'");
  }
  return `{.${m[1] || m[2]}}`;
}
