/**
 * How kubectl reads the documents of one `-f` source (k8s.io/cli-runtime/pkg/resource
 * visitor.go StreamVisitor, k8s.io/apimachinery/pkg/util/yaml YAMLOrJSONDecoder/YAMLReader,
 * k8s.io/kubectl/pkg/validation getObjectKind):
 *
 * - a stream whose first non-space character is `{` is a stream of JSON values (Go's
 *   encoding/json errors: `json: offset 30: invalid character 'x' looking for beginning of
 *   value`, `unexpected EOF`); anything else is YAML split on `---` lines (a separator followed by
 *   anything but a comment is `invalid Yaml document separator: ...`), each document converted
 *   with sigs.k8s.io/yaml (./goyaml.ts): `error converting YAML to JSON: yaml: line 3: ...`;
 * - empty and `null` documents are skipped;
 * - with schema validation (`--validate=strict` on apply/create/replace) a document without
 *   apiVersion or kind, or that is not an object, stops the stream: `error validating "x.yaml":
 *   error validating data: [apiVersion not set, kind not set]; if you choose to ignore these
 *   errors, turn validation off with --validate=false`;
 * - a parse or validation error ends the source (documents before it are kept); a document that
 *   cannot be decoded or mapped is an error of its own and the stream goes on.
 */
import type { KObject } from '../api/types/meta';
import { CmdError } from './errors';
import { yamlToJson, YamlError } from './goyaml';

/** One document of a source: its object, or the error that stops the source. */
export interface StreamResult {
  objects: unknown[];
  /** The JSON text of each document as the decoder hands it on (error messages quote it). */
  raws: string[];
  /** The error that ended the stream early (parse or validation), already worded. */
  stop?: CmdError;
}

/** YAMLReader: documents split on lines starting with `---` (CRLF read as LF). */
function yamlDocuments(text: string): { docs: string[]; error?: string } {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const docs: string[] = [];
  let buf = '';
  for (const raw of lines) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.startsWith('---')) {
      const trimmed = line.slice(3).trim();
      if (trimmed.length > 0 && trimmed[0] !== '#') {
        // The document read so far is dropped with the error.
        return { docs, error: `invalid Yaml document separator: ${trimmed}` };
      }
      if (buf.length) docs.push(buf);
      buf = '';
      continue;
    }
    buf += line + '\n';
  }
  if (buf.length) docs.push(buf);
  return { docs };
}

/** Go's quoteChar for scanner errors. */
function quoteChar(c: string): string {
  if (c === "'") return `'\\''`;
  if (c === '"') return `'"'`;
  const q = JSON.stringify(c);
  return `'${q.slice(1, -1)}'`;
}

class JsonSyntax extends Error {
  constructor(
    msg: string,
    readonly offset: number,
  ) {
    super(msg);
  }
}
class JsonEof extends Error {}

/** Reads one JSON value at `pos` (whitespace first) as encoding/json's scanner; returns its end. */
function scanJsonValue(s: string, pos: number): number {
  const ws = (i: number) => {
    while (i < s.length && (s[i] === ' ' || s[i] === '\t' || s[i] === '\n' || s[i] === '\r')) i++;
    return i;
  };
  const bad = (i: number, context: string): never => {
    throw new JsonSyntax(`invalid character ${quoteChar(s[i])} ${context}`, i + 1);
  };
  const need = (i: number) => {
    if (i >= s.length) throw new JsonEof();
  };
  const value = (i: number): number => {
    i = ws(i);
    need(i);
    const c = s[i];
    if (c === '{') {
      i = ws(i + 1);
      need(i);
      if (s[i] === '}') return i + 1;
      for (;;) {
        need(i);
        if (s[i] !== '"') bad(i, 'looking for beginning of object key string');
        i = string(i);
        i = ws(i);
        need(i);
        if (s[i] !== ':') bad(i, 'after object key');
        i = value(i + 1);
        i = ws(i);
        need(i);
        if (s[i] === '}') return i + 1;
        if (s[i] !== ',') bad(i, 'after object key:value pair');
        i = ws(i + 1);
      }
    }
    if (c === '[') {
      i = ws(i + 1);
      need(i);
      if (s[i] === ']') return i + 1;
      for (;;) {
        i = value(i);
        i = ws(i);
        need(i);
        if (s[i] === ']') return i + 1;
        if (s[i] !== ',') bad(i, 'after array element');
        i++;
      }
    }
    if (c === '"') return string(i);
    if (c === '-' || (c >= '0' && c <= '9')) return number(i);
    for (const lit of ['true', 'false', 'null']) {
      if (c === lit[0]) {
        for (let k = 1; k < lit.length; k++) {
          need(i + k);
          if (s[i + k] !== lit[k]) bad(i + k, `in literal ${lit} (expecting '${lit[k]}')`);
        }
        return i + lit.length;
      }
    }
    return bad(i, 'looking for beginning of value');
  };
  const string = (i: number): number => {
    i++;
    for (;;) {
      need(i);
      const c = s[i];
      if (c === '"') return i + 1;
      if (c === '\\') {
        need(i + 1);
        const e = s[i + 1];
        if (e === 'u') {
          for (let k = 2; k < 6; k++) {
            need(i + k);
            if (!/[0-9a-fA-F]/.test(s[i + k])) bad(i + k, 'in \\u hexadecimal character escape');
          }
          i += 6;
          continue;
        }
        if (!'"\\/bfnrt'.includes(e)) bad(i + 1, 'in string escape code');
        i += 2;
        continue;
      }
      if (c < ' ') bad(i, 'in string literal');
      i++;
    }
  };
  const digits = (i: number) => {
    while (i < s.length && s[i] >= '0' && s[i] <= '9') i++;
    return i;
  };
  const number = (i: number): number => {
    if (s[i] === '-') {
      i++;
      need(i);
      if (!(s[i] >= '0' && s[i] <= '9')) bad(i, 'in numeric literal');
    }
    i = s[i] === '0' ? i + 1 : digits(i);
    if (s[i] === '.') {
      i++;
      need(i);
      if (!(s[i] >= '0' && s[i] <= '9')) bad(i, 'after decimal point in numeric literal');
      i = digits(i);
    }
    if (s[i] === 'e' || s[i] === 'E') {
      i++;
      if (s[i] === '+' || s[i] === '-') i++;
      need(i);
      if (!(s[i] >= '0' && s[i] <= '9')) bad(i, 'in exponent of numeric literal');
      i = digits(i);
    }
    return i;
  };
  return value(pos);
}

/** Byte offsets (Go counts bytes) of a position in a JS string. */
function byteOffset(s: string, i: number): number {
  let n = 0;
  for (let k = 0; k < i && k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00) {
      n += 4;
      k++;
    } else n += 3;
  }
  return n;
}

/** The documents of one source, decoded (to JSON-like values) until the first parse error. */
export function decodeStream(text: string, source: string): StreamResult {
  const objects: unknown[] = [];
  const raws: string[] = [];
  const parseError = (msg: string) => new CmdError(`error parsing ${source}: ${msg}`);
  if (/^\s*\{/.test(text.slice(0, 4096))) {
    let i = 0;
    for (;;) {
      while (i < text.length && /\s/.test(text[i])) i++;
      if (i >= text.length) return { objects, raws };
      try {
        const end = scanJsonValue(text, i);
        objects.push(JSON.parse(text.slice(i, end)));
        raws.push(text.slice(i, end));
        i = end;
      } catch (e) {
        if (e instanceof JsonEof) return { objects, raws, stop: parseError('unexpected EOF') };
        if (e instanceof JsonSyntax) return { objects, raws, stop: parseError(`json: offset ${byteOffset(text, e.offset - 1) + 1}: ${e.message}`) };
        throw e;
      }
    }
  }
  const { docs, error } = yamlDocuments(text);
  for (const doc of docs) {
    try {
      const v = yamlToJson(doc);
      objects.push(v);
      raws.push(goJsonMarshal(v));
    } catch (e) {
      if (e instanceof YamlError) return { objects, raws, stop: parseError(`error converting YAML to JSON: ${e.message}`) };
      throw e;
    }
  }
  if (error) return { objects, raws, stop: parseError(error) };
  return { objects, raws };
}

/** getObjectKind: the schema validation errors of a decoded document. */
export function objectKindErrors(value: unknown): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return ['invalid object to validate'];
  const o = value as Record<string, unknown>;
  const errs: string[] = [];
  if (o.apiVersion === undefined || o.apiVersion === null) errs.push('apiVersion not set');
  else if (typeof o.apiVersion !== 'string') errs.push("apiVersion isn't string type");
  else if (o.apiVersion.split('/').length > 2) errs.push(`unexpected GroupVersion string: ${o.apiVersion}`);
  if (o.kind === undefined || o.kind === null) errs.push('kind not set');
  else if (typeof o.kind !== 'string') errs.push("kind isn't string type");
  return errs;
}

/** The `error validating` text around getObjectKind's errors (an Aggregate prints in brackets). */
export function validationError(source: string, errs: string[]): CmdError {
  const agg = errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`;
  return new CmdError(
    `error validating ${JSON.stringify(source)}: error validating data: ${agg}; if you choose to ignore these errors, turn validation off with --validate=false`,
  );
}

/** Go's json.Marshal of a decoded document (map keys sorted), as error texts quote it. */
export function goJsonMarshal(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return `[${v.map(goJsonMarshal).join(',')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${goJsonString(k)}:${goJsonMarshal(o[k])}`)
      .join(',')}}`;
  }
  if (typeof v === 'string') return goJsonString(v);
  return JSON.stringify(v);
}

/** encoding/json string escaping (HTML characters as \u003c, \u003e, \u0026). */
function goJsonString(s: string): string {
  return JSON.stringify(s)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export type { KObject };

/**
 * json.Unmarshal's error for text that is not one JSON value (`invalid character 'b' looking
 * for beginning of object key string`, `unexpected end of JSON input`), or undefined if it is.
 */
export function jsonUnmarshalError(text: string): string | undefined {
  try {
    const end = scanJsonValue(text, 0);
    let i = end;
    while (i < text.length && /[ \t\n\r]/.test(text[i])) i++;
    if (i < text.length) return `invalid character ${quoteChar(text[i])} after top-level value`;
    return undefined;
  } catch (e) {
    if (e instanceof JsonEof) return 'unexpected end of JSON input';
    if (e instanceof JsonSyntax) return e.message;
    throw e;
  }
}
