/**
 * JSON patch (RFC 6902) as the apiserver applies `application/json-patch+json` bodies: with
 * gopkg.in/evanphx/json-patch.v4 (add/remove/replace/move/copy/test). Its quirks are kept:
 * negative array indices count from the end, `replace` of a missing object key adds it, a
 * `test` of a missing key passes only against null.
 *
 * The apiserver hides the library's message behind a 422 (see ../patch.ts); the messages are
 * kept for the status details and for tests.
 */
import { deepEqual, goV, isObject, type Json, type JsonObject } from './go';

/** A JSON patch operation failed; `message` is json-patch's own text. */
export class JsonPatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonPatchError';
  }
}

const MISSING = 'missing value';
const INVALID_INDEX = 'invalid index referenced';
const TEST_FAILED = 'test failed';

/** An operation as decoded: map[string]*json.RawMessage. */
type Operation = Record<string, Json | undefined>;

interface Container {
  get(key: string): Json | undefined;
  set(key: string, v: Json | undefined): void;
  add(key: string, v: Json | undefined): void;
  remove(key: string): void;
}

/** strconv.Atoi: optional sign, decimal digits. */
function atoi(key: string): number {
  if (!/^[+-]?\d+$/.test(key)) throw new JsonPatchError(`strconv.Atoi: parsing ${JSON.stringify(key)}: invalid syntax`);
  return Number(key);
}

function objectContainer(doc: JsonObject): Container {
  return {
    get: (k) => (Object.prototype.hasOwnProperty.call(doc, k) ? doc[k] : undefined),
    set: (k, v) => {
      doc[k] = v ?? null;
    },
    add: (k, v) => {
      doc[k] = v ?? null;
    },
    remove: (k) => {
      if (!Object.prototype.hasOwnProperty.call(doc, k)) {
        throw new JsonPatchError(`Unable to remove nonexistent key: ${k}: ${MISSING}`);
      }
      delete doc[k];
    },
  };
}

function arrayContainer(ary: Json[]): Container {
  const norm = (idx: number, len: number) => {
    if (idx < 0) {
      if (idx < -len) throw new JsonPatchError(`Unable to access invalid index: ${idx}: ${INVALID_INDEX}`);
      idx += len;
    }
    return idx;
  };
  return {
    get: (k) => {
      let idx = atoi(k);
      idx = norm(idx, ary.length);
      if (idx >= ary.length) throw new JsonPatchError(`Unable to access invalid index: ${idx}: ${INVALID_INDEX}`);
      return ary[idx];
    },
    set: (k, v) => {
      const idx = norm(atoi(k), ary.length);
      ary[idx] = v ?? null;
    },
    add: (k, v) => {
      if (k === '-') {
        ary.push(v ?? null);
        return;
      }
      let idx: number;
      try {
        idx = atoi(k);
      } catch (e) {
        throw new JsonPatchError(`value was not a proper array index: '${k}': ${(e as Error).message}`);
      }
      const size = ary.length + 1;
      if (idx >= size) throw new JsonPatchError(`Unable to access invalid index: ${idx}: ${INVALID_INDEX}`);
      idx = norm(idx, size);
      ary.splice(idx, 0, v ?? null);
    },
    remove: (k) => {
      let idx = atoi(k);
      if (idx >= ary.length) throw new JsonPatchError(`Unable to access invalid index: ${idx}: ${INVALID_INDEX}`);
      idx = norm(idx, ary.length);
      ary.splice(idx, 1);
    },
  };
}

function containerOf(v: Json | undefined): Container | undefined {
  if (Array.isArray(v)) return arrayContainer(v);
  if (isObject(v)) return objectContainer(v);
  return undefined;
}

const decodeKey = (k: string) => k.replace(/~1/g, '/').replace(/~0/g, '~');

/** findObject: the container holding the last path segment, and that segment. */
function findObject(doc: Json, path: string): [Container, string] | undefined {
  const split = path.split('/');
  if (split.length < 2) return undefined;
  let cur = containerOf(doc);
  for (const part of split.slice(1, -1)) {
    if (!cur) return undefined;
    let next: Json | undefined;
    try {
      next = cur.get(decodeKey(part));
    } catch {
      return undefined;
    }
    if (next === undefined || next === null) return undefined;
    cur = containerOf(next);
    if (!cur) return undefined;
  }
  if (!cur) return undefined;
  return [cur, decodeKey(split[split.length - 1])];
}

function str(op: Operation, field: string, what: string): string {
  const v = op[field];
  if (v === undefined || v === null) throw new JsonPatchError(`${what}: ${MISSING}`);
  if (typeof v !== 'string') throw new JsonPatchError(`json: cannot unmarshal ${jsonKind(v)} into Go value of type string`);
  return v;
}

function jsonKind(v: Json): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  return typeof v;
}

const copyOf = (v: Json | undefined): Json | undefined => (v === undefined ? undefined : structuredClone(v));

/**
 * DecodePatch: the body must be a JSON array of objects (the apiserver answers 400 with this
 * text otherwise).
 */
export function decodeJsonPatch(body: unknown): Operation[] {
  if (!Array.isArray(body)) {
    throw new JsonPatchError(`json: cannot unmarshal ${jsonKind(body as Json)} into Go value of type jsonpatch.Patch`);
  }
  for (const op of body) {
    if (op !== null && !isObject(op)) {
      throw new JsonPatchError(`json: cannot unmarshal ${jsonKind(op as Json)} into Go value of type jsonpatch.Operation`);
    }
  }
  return body.map((op) => (op ?? {}) as Operation);
}

/** Applies the operations to a copy of `doc` and returns it. */
export function applyJsonPatch(doc: Json, ops: Operation[]): Json {
  let root: Json = structuredClone(doc);
  for (const op of ops) {
    const kind = typeof op.op === 'string' ? op.op : 'unknown';
    switch (kind) {
      case 'add': {
        const path = tryPath(op, 'add operation failed to decode path');
        const found = findObject(root, path);
        if (!found) throw new JsonPatchError(`add operation does not apply: doc is missing path: "${path}": ${MISSING}`);
        wrap(() => found[0].add(found[1], copyOf(op.value)), `error in add for path: '${path}'`);
        break;
      }
      case 'remove': {
        const path = tryPath(op, 'remove operation failed to decode path');
        const found = findObject(root, path);
        if (!found) throw new JsonPatchError(`remove operation does not apply: doc is missing path: "${path}": ${MISSING}`);
        wrap(() => found[0].remove(found[1]), `error in remove for path: '${path}'`);
        break;
      }
      case 'replace': {
        const path = str(op, 'path', 'replace operation failed to decode path');
        if (path === '') {
          const v = op.value;
          if (!Array.isArray(v) && !isObject(v)) throw new JsonPatchError('replace operation value must be object or array');
          root = structuredClone(v);
          break;
        }
        const found = findObject(root, path);
        if (!found) throw new JsonPatchError(`replace operation does not apply: doc is missing path: ${path}: ${MISSING}`);
        try {
          found[0].get(found[1]);
        } catch {
          throw new JsonPatchError(`replace operation does not apply: doc is missing key: ${path}: ${MISSING}`);
        }
        wrap(() => found[0].set(found[1], copyOf(op.value)), `error in remove for path: '${path}'`);
        break;
      }
      case 'move': {
        const from = str(op, 'from', 'move operation failed to decode from: operation, missing from field');
        const src = findObject(root, from);
        if (!src) throw new JsonPatchError(`move operation does not apply: doc is missing from path: ${from}: ${MISSING}`);
        const val = wrap(() => src[0].get(src[1]), `error in move for path: '${src[1]}'`);
        wrap(() => src[0].remove(src[1]), `error in move for path: '${src[1]}'`);
        const path = str(op, 'path', 'move operation failed to decode path: operation missing path field');
        const dst = findObject(root, path);
        if (!dst) throw new JsonPatchError(`move operation does not apply: doc is missing destination path: ${path}: ${MISSING}`);
        wrap(() => dst[0].add(dst[1], val), `error in move for path: '${path}'`);
        break;
      }
      case 'copy': {
        const from = str(op, 'from', 'copy operation failed to decode from: operation, missing from field');
        const src = findObject(root, from);
        if (!src) throw new JsonPatchError(`copy operation does not apply: doc is missing from path: ${from}: ${MISSING}`);
        const val = wrap(() => src[0].get(src[1]), `error in copy for from: '${from}'`);
        const path = tryPath(op, 'copy operation failed to decode path');
        const dst = findObject(root, path);
        if (!dst) throw new JsonPatchError(`copy operation does not apply: doc is missing destination path: ${path}: ${MISSING}`);
        wrap(() => dst[0].add(dst[1], copyOf(val)), 'error while adding value during copy');
        break;
      }
      case 'test': {
        const path = str(op, 'path', 'test operation failed to decode path: operation missing path field');
        if (path === '') {
          if (!deepEqual(root, op.value)) throw new JsonPatchError(`testing value ${path} failed: ${TEST_FAILED}`);
          break;
        }
        const found = findObject(root, path);
        if (!found) throw new JsonPatchError(`test operation does not apply: is missing path: ${path}: ${MISSING}`);
        const val = wrap(() => found[0].get(found[1]), `error in test for path: '${path}'`);
        if (val === undefined || val === null) {
          if ('value' in op && (op.value === null || op.value === undefined)) break;
          throw new JsonPatchError(`testing value ${path} failed: ${TEST_FAILED}`);
        }
        if (!('value' in op) || !deepEqual(val, op.value ?? null)) {
          throw new JsonPatchError(`testing value ${path} failed: ${TEST_FAILED}`);
        }
        break;
      }
      default:
        throw new JsonPatchError(`Unexpected kind: ${kind}`);
    }
  }
  return root;
}

function tryPath(op: Operation, what: string): string {
  try {
    return str(op, 'path', 'operation missing path field');
  } catch {
    throw new JsonPatchError(`${what}: ${MISSING}`);
  }
}

function wrap<T>(fn: () => T, msg: string): T {
  try {
    return fn();
  } catch (e) {
    throw new JsonPatchError(`${msg}: ${(e as Error).message}`);
  }
}

/** For tests and error details: `%v` of an operation list. */
export function describeOps(ops: Operation[]): string {
  return goV(ops as Json);
}
