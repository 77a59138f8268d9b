/**
 * `kubectl explain` output: the plaintext template of k8s.io/kubectl/pkg/explain/v2
 * (templates/plaintext.tmpl) evaluated over an OpenAPI-v3-shaped view of the bundled field
 * index (./schema.json, generated from kubernetes-types by scripts/gen-explain-schema.ts).
 * Descriptions are word-wrapped as github.com/mitchellh/go-wordwrap does.
 */
import schemaData from './schema.json';

// Simplification: kubernetes-types (1.30) carries no enum lists, so ENUM/enum lines are never
// printed, and descriptions are those of 1.30 where 1.32 changed them.

interface TypeEntry {
  d: string;
  r: string[];
  p: Record<string, Field>;
  t?: string;
}
interface Field {
  t?: string;
  ref?: string;
  items?: Field;
  map?: Field;
  d?: string;
}

const TYPES = (schemaData as { types: Record<string, TypeEntry> }).types;

/** An OpenAPI v3 schema, as much of it as the template reads. */
export interface Schema {
  description?: string;
  ref?: string;
  allOf?: Schema[];
  items?: Schema;
  additionalProperties?: Schema;
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
}

const cache = new Map<string, Schema>();

/** The component schema of a type (`apps.v1.Deployment`), or undefined. */
export function typeSchema(key: string): Schema | undefined {
  const hit = cache.get(key);
  if (hit) return hit;
  const t = TYPES[key];
  if (!t) return undefined;
  const s: Schema = { description: t.d || undefined };
  const opaque = Object.keys(t.p).length === 0 && !key.includes('.');
  if (opaque) {
    if (t.t) s.type = t.t;
  } else {
    s.type = 'object';
    s.properties = {};
    for (const [name, f] of Object.entries(t.p)) s.properties[name] = propSchema(f, true);
    if (t.r.length) s.required = t.r;
  }
  cache.set(key, s);
  return s;
}

/** A property (with its description) or an inner item/value schema (without). */
function propSchema(f: Field, withDescription: boolean): Schema {
  const d = withDescription && f.d ? { description: f.d } : {};
  if (f.ref) return { allOf: [{ ref: f.ref }], ...d };
  if (f.items) return { type: 'array', items: propSchema(f.items, false), ...d };
  if (f.map) return { type: 'object', additionalProperties: propSchema(f.map, false), ...d };
  return { type: f.t, ...d };
}

const resolveRef = (s: Schema): Schema | undefined => (s.ref ? typeSchema(s.ref) : undefined);

/** go-wordwrap WrapString. */
export function wrap(s: string, lim: number): string {
  let out = '';
  let current = 0;
  let word = '';
  let space = '';
  for (const ch of s) {
    if (ch === '\n') {
      if (word.length === 0) {
        if (current + space.length > lim) current = 0;
        else out += space;
        space = '';
      } else {
        out += space + word;
        space = '';
        word = '';
      }
      out += ch;
      current = 0;
    } else if (/\s/u.test(ch) && ch !== '\u00a0') {
      if (space.length === 0 || word.length > 0) {
        current += [...space].length + [...word].length;
        out += space + word;
        space = '';
        word = '';
      }
      space += ch;
    } else {
      word += ch;
      const wl = [...word].length;
      if (current + [...space].length + wl > lim && wl < lim) {
        out += '\n';
        current = 0;
        space = '';
      }
    }
  }
  if (word.length === 0) {
    if (current + [...space].length <= lim) out += space;
  } else {
    out += space + word;
  }
  return out;
}

/** sprig-style indent: pad the first line and every line after a newline. */
const indent = (n: number, s: string): string => ' '.repeat(n) + s.split('\n').join('\n' + ' '.repeat(n));

export function typeGuess(s: Schema): string {
  if (s.items) return `[]${typeGuess(s.items)}`;
  if (s.additionalProperties) return `map[string]${typeGuess(s.additionalProperties)}`;
  if (s.allOf && !s.properties && s.allOf.length === 1) return typeGuess(s.allOf[0]);
  if (s.ref) {
    const ref = typeSchema(s.ref);
    if (!ref || !ref.type || ref.type === 'object') return s.ref.split('.').pop() || 'Object';
    return ref.type;
  }
  return s.type === 'object' ? 'Object' : s.type || 'Object';
}

function description(s: Schema): string {
  const r = resolveRef(s) ?? s;
  let out = r.description ? `${r.description}\n` : '';
  for (const a of r.allOf ?? []) out += description(a);
  if (r.items) out += description(r.items);
  if (r.additionalProperties) out += description(r.additionalProperties);
  return out;
}

function fieldDetail(name: string, s: Schema, short: boolean, level: number): string {
  const n = level * 2;
  const f = s.properties![name];
  let out = `${' '.repeat(n)}${name}\t<${typeGuess(f)}>`;
  if (s.required?.includes(name)) out += ' -required-';
  out += '\n';
  if (!short) out += indent(n + 2, wrap(f.description || '<no description>', 78 - n)) + '\n\n';
  return out;
}

function fieldList(s: Schema, level: number, history: Set<string>, recursive: boolean): string {
  const ref = s.ref ?? '';
  if (ref && history.has(ref)) return '';
  const next = new Set(history).add(ref);
  const r = resolveRef(s) ?? s;
  let out = '';
  for (const k of Object.keys(r.properties ?? {}).sort()) {
    out += fieldDetail(k, r, recursive, level);
    if (recursive) out += fieldList(r.properties![k], level + 1, next, recursive);
  }
  for (const a of r.allOf ?? []) out += fieldList(a, level, next, recursive);
  if (r.items) out += fieldList(r.items, level, next, recursive);
  if (r.additionalProperties) out += fieldList(r.additionalProperties, level, next, recursive);
  return out;
}

function output(s: Schema, path: string[], history: Set<string>, recursive: boolean): string {
  const ref = s.ref ?? '';
  const next = new Set(history).add(ref);
  const r = resolveRef(s) ?? s;
  if (path.length === 0) {
    let out = 'DESCRIPTION:\n' + indent(4, wrap(description(r) || '<empty>', 76)) + '\n';
    const fields = fieldList(r, 1, new Set(), recursive);
    if (fields) out += 'FIELDS:\n' + fields;
    return out;
  }
  if (ref && history.has(ref)) return '';
  if (r.properties?.[path[0]]) {
    const sub = r.properties[path[0]];
    let out = '';
    if (path.length === 1) out += `FIELD: ${path[0]} <${typeGuess(sub)}>\n\n\n`;
    return out + output(sub, path.slice(1), new Set(), recursive);
  }
  if (r.items) return output(r.items, path, next, recursive);
  if (r.additionalProperties) return output(r.additionalProperties, path, next, recursive);
  for (const a of r.allOf ?? []) {
    const o = output(a, path, next, recursive);
    if (o) return o;
  }
  return '';
}

export class ExplainError extends Error {
  /** What the template printed before failing (the GROUP/KIND/VERSION header). */
  constructor(
    message: string,
    readonly partial = '',
  ) {
    super(message);
  }
}

/**
 * The explain text of a kind (`apps.v1.Deployment` key) and field path. Throws ExplainError
 * with kubectl's message when a field does not exist.
 */
export function explain(group: string, version: string, kind: string, path: string[], recursive: boolean): string {
  const key = `${group ? group.split('.')[0] : 'core'}.${version}.${kind}`;
  const root = typeSchema(key);
  if (!root) throw new ExplainError(`GVK ${group}/${version}, Kind=${kind} not found in OpenAPI schema`);
  let head = '';
  if (group) head += `GROUP:      ${group}\n`;
  head += `KIND:       ${kind}\nVERSION:    ${version}\n\n`;
  const body = output(root, path, new Set(), recursive);
  if (!body) throw new ExplainError(`field "${path[path.length - 1]}" does not exist`, head);
  return head + body + '\n';
}
