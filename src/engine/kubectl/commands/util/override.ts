/**
 * `--overrides` and `--override-type` of `kubectl run` and `kubectl expose`
 * (k8s.io/kubectl/pkg/cmd/util/override_options.go, helpers.go Merge/StrategicMerge/JSONPatch):
 * the generated object, encoded as JSON, is patched with the inline JSON (an RFC 7386 merge
 * patch by default, an RFC 6902 JSON patch, or a strategic merge patch), then decoded again into
 * the typed object of the kind it names: unknown fields are dropped, values of the wrong type are
 * errors, and the result prints as Go encodes the struct (field order, omitempty).
 */
import { resourceForKind, apiVersionOf, type ResourceInfo } from '../../../api/resources';
import { decodeLoose, messageOf } from '../../../api/decode';
import { goQuote, isObject, type Json, type JsonObject } from '../../../api/patch/go';
import { applyJsonPatch, decodeJsonPatch, JsonPatchError } from '../../../api/patch/json-patch';
import { PatchSchema } from '../../../api/patch/schema';
import { PatchError, strategicMergePatch } from '../../../api/patch/strategic';
import type { KObject } from '../../../api/types/meta';
import type { Kctx } from '../../command';
import { CmdError } from '../../errors';
import { stringFlag, type FlagSpec } from '../../flags';
import { F_MAP, F_OMITEMPTY, F_POINTER, F_REPEATED, F_INLINE, MESSAGES } from '../../../node/apiserver/proto-schema';

/** OverrideOptions.AddOverrideFlags. */
export const OVERRIDE_FLAGS: readonly FlagSpec[] = [stringFlag('overrides'), stringFlag('override-type', { default: 'merge' })];

class GoSyntax extends Error {}

/**
 * encoding/json's Unmarshal of `text`: the value, or Go's syntax error text
 * (`invalid character 'b' looking for beginning of object key string`, `unexpected end of JSON
 * input`, `invalid character 'x' after top-level value`).
 */
export function goUnmarshal(text: string): Json {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const quote = (c: string) => (c === "'" ? "'\\''" : c === '"' ? `'"'` : `'${JSON.stringify(c).slice(1, -1)}'`);
  const bad = (context: string): never => {
    throw new GoSyntax(`invalid character ${quote(text[i])} ${context}`);
  };
  const need = () => {
    if (i >= text.length) throw new GoSyntax('unexpected end of JSON input');
  };
  const value = (): void => {
    ws();
    need();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      need();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        need();
        if (text[i] !== '"') bad('looking for beginning of object key string');
        str();
        ws();
        need();
        if (text[i] !== ':') bad('after object key');
        i++;
        value();
        ws();
        need();
        if (text[i] === '}') {
          i++;
          return;
        }
        if (text[i] !== ',') bad('after object key:value pair');
        i++;
      }
    }
    if (c === '[') {
      i++;
      ws();
      need();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        need();
        if (text[i] === ']') {
          i++;
          return;
        }
        if (text[i] !== ',') bad('after array element');
        i++;
      }
    }
    if (c === '"') return str();
    if (c === '-' || (c >= '0' && c <= '9')) {
      const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
      if (!m) {
        i++;
        need();
        bad('in numeric literal');
      }
      i += m![0].length;
      return;
    }
    for (const lit of ['true', 'false', 'null']) {
      if (c !== lit[0]) continue;
      for (let k = 1; k < lit.length; k++) {
        i++;
        need();
        if (text[i] !== lit[k]) bad(`in literal ${lit} (expecting '${lit[k]}')`);
      }
      i++;
      return;
    }
    bad('looking for beginning of value');
  };
  const str = () => {
    i++;
    for (;;) {
      need();
      if (text[i] === '"') {
        i++;
        return;
      }
      if (text[i] === '\\') i++;
      else if (text[i] < ' ') bad('in string literal');
      i++;
    }
  };
  value();
  ws();
  if (i < text.length) bad('after top-level value');
  return JSON.parse(text) as Json;
}

/** json.Marshal of a generic value keeping its key order (the patched document's text). */
function compactJson(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(compactJson).join(',')}]`;
  return `{${Object.entries(v as Record<string, unknown>)
    .filter(([, x]) => x !== undefined)
    .map(([key, x]) => `${goQuote(key)}:${compactJson(x)}`)
    .join(',')}}`;
}

/** Go struct types that encode themselves (omitempty never leaves a struct out). */
const SELF_ENCODING_STRUCTS = new Set(['meta.v1.Time', 'meta.v1.MicroTime', 'meta.v1.Duration', 'intstr.IntOrString', 'resource.Quantity', 'runtime.RawExtension']);

/** Go's zero value of a field that is absent from the JSON, as the struct encodes it. */
function zeroOf(type: string): unknown {
  switch (type) {
    case 'string':
      return '';
    case 'bool':
      return false;
    case 'meta.v1.Time':
    case 'meta.v1.MicroTime':
    case 'runtime.RawExtension':
      return null;
    case 'meta.v1.Duration':
      return '0s';
    case 'intstr.IntOrString':
      return 0;
    case 'resource.Quantity':
      return '0';
    case 'bytes':
      return null;
  }
  if (MESSAGES[type]) return encodeStruct(type, {});
  return 0;
}

function isEmpty(v: unknown): boolean {
  if (v === null || v === undefined || v === '' || v === 0 || v === false) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.keys(v).length === 0;
  return false;
}

/** json.Marshal of a decoded struct: declaration order, omitempty, zero values of absent fields. */
function encodeStruct(message: string, v: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [, name, type, flags] of MESSAGES[message] ?? []) {
    if (flags & F_INLINE || name === '') {
      Object.assign(out, encodeStruct(type, v));
      continue;
    }
    const present = name in v && v[name] !== undefined;
    const x = present ? v[name] : undefined;
    const list = (flags & (F_REPEATED | F_MAP)) !== 0;
    const pointer = (flags & F_POINTER) !== 0;
    const struct = (MESSAGES[type] !== undefined || SELF_ENCODING_STRUCTS.has(type)) && !list;
    if (flags & F_OMITEMPTY) {
      // omitempty leaves out nil pointers, empty lists and maps and zero scalars; never structs.
      if (pointer || list || !struct) {
        if (pointer ? x === undefined || x === null : isEmpty(x)) continue;
      }
    }
    if (!present || x === null) {
      out[name] = pointer || list ? null : zeroOf(type);
      continue;
    }
    out[name] = encodeValue(type, flags, x);
  }
  return out;
}

function encodeValue(type: string, flags: number, x: unknown): unknown {
  if (flags & F_MAP) {
    if (!isObject(x as Json) || !MESSAGES[type]) return x;
    return Object.fromEntries(Object.entries(x as Record<string, unknown>).map(([key, e]) => [key, encodeStruct(type, e as Record<string, unknown>)]));
  }
  if (flags & F_REPEATED) {
    if (!Array.isArray(x) || !MESSAGES[type]) return x;
    return x.map((e) => (e === null ? null : encodeStruct(type, e as Record<string, unknown>)));
  }
  if (MESSAGES[type] && isObject(x as Json)) return encodeStruct(type, x as Record<string, unknown>);
  return x;
}

/**
 * runtime.Decode with kubectl's scheme and encode again: the kind the document names (errors for
 * a missing or unknown kind), unknown fields dropped, the typed object in Go's field order.
 */
function decodeTyped(doc: Json): { info: ResourceInfo; object: KObject } {
  if (!isObject(doc)) {
    if (doc === null) throw new CmdError(`Object 'Kind' is missing in 'null'`);
    const kind = Array.isArray(doc) ? 'array' : typeof doc === 'string' ? 'string' : typeof doc === 'number' ? 'number' : 'bool';
    throw new CmdError(
      `couldn't get version/kind; json parse error: json: cannot unmarshal ${kind} into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }`,
    );
  }
  const kind = typeof doc.kind === 'string' ? doc.kind : '';
  const apiVersion = typeof doc.apiVersion === 'string' ? doc.apiVersion : '';
  if (!kind) throw new CmdError(`Object 'Kind' is missing in '${compactJson(doc)}'`);
  if (!apiVersion) throw new CmdError(`Object 'apiVersion' is missing in '${compactJson(doc)}'`);
  const info = resourceForKind(kind);
  if (!info || apiVersionOf(info) !== apiVersion) {
    throw new CmdError(`no kind "${kind}" is registered for version "${apiVersion}" in scheme "pkg/scheme/scheme.go:28"`);
  }
  const { object, errors } = decodeLoose(info, doc as unknown as KObject);
  if (errors.fatal !== undefined) throw new CmdError(errors.fatal);
  const encoded = encodeStruct(messageOf(info), object as unknown as Record<string, unknown>);
  return { info, object: { kind, apiVersion, ...encoded } as KObject };
}

/**
 * Overrider.Apply: `obj` (a generated object in Go field order) with `--overrides` applied, or
 * `obj` itself when there are none.
 */
export function applyOverrides(k: Kctx, obj: KObject): KObject {
  const fragment = k.flags.string('overrides');
  if (fragment.length === 0) return obj;
  const type = k.flags.string('override-type') || 'merge';
  const target = JSON.parse(JSON.stringify(obj)) as JsonObject;
  let patched: Json;
  switch (type) {
    case 'merge': {
      // jsonpatch.MergePatch: only an object merges; an array replaces the document.
      let patch: Json;
      try {
        patch = goUnmarshal(fragment);
      } catch (e) {
        if (e instanceof GoSyntax) throw new CmdError('Invalid JSON Patch');
        throw e;
      }
      if (Array.isArray(patch)) patched = patch;
      else if (!isObject(patch)) throw new CmdError('Invalid JSON Patch');
      else patched = mergeInOrder(target, patch);
      break;
    }
    case 'json': {
      let body: Json;
      try {
        body = goUnmarshal(fragment);
      } catch (e) {
        if (e instanceof GoSyntax) throw new CmdError(e.message);
        throw e;
      }
      try {
        patched = applyJsonPatch(target, decodeJsonPatch(body));
      } catch (e) {
        if (e instanceof JsonPatchError) throw new CmdError(e.message);
        throw e;
      }
      break;
    }
    case 'strategic': {
      let patch: Json;
      try {
        patch = goUnmarshal(fragment);
      } catch (e) {
        if (e instanceof GoSyntax) throw new CmdError('invalid JSON document');
        throw e;
      }
      if (patch !== null && !isObject(patch)) throw new CmdError('invalid JSON document');
      try {
        patched = strategicMergePatch(target, (patch ?? {}) as JsonObject, PatchSchema.forKind(obj.kind!));
      } catch (e) {
        if (e instanceof PatchError) throw new CmdError(e.message);
        throw e;
      }
      break;
    }
    default:
      throw new CmdError(`invalid override type: ${type}`);
  }
  return decodeTyped(patched).object;
}

/** RFC 7386 merge that keeps the target's key order (new keys at the end), as kubectl's does. */
function mergeInOrder(target: Json, patch: Json): Json {
  if (!isObject(patch)) return patch;
  const out: JsonObject = isObject(target) ? { ...target } : {};
  for (const [key, v] of Object.entries(patch)) {
    if (v === null) delete out[key];
    else out[key] = mergeInOrder(out[key] ?? null, v);
  }
  return out;
}
