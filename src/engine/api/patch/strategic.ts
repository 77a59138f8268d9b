/**
 * Strategic merge patch, as k8s.io/apimachinery/pkg/util/strategicpatch (v0.32) implements it:
 * applying a patch (StrategicMergeMapPatch: what the apiserver does for
 * `application/strategic-merge-patch+json`), computing one (CreateTwoWayMergePatch) and the
 * three-way patch of client-side apply (CreateThreeWayMergePatch).
 *
 * Lists with the `merge` strategy merge element by element on their merge key (containers by
 * name, ports by containerPort ...; see ./schema.ts), lists of scalars with `merge` are unions
 * (finalizers), other lists are replaced. Directives: `$patch: replace|delete` (in maps and list
 * elements), `$retainKeys`, `$deleteFromPrimitiveList/<field>`, `$setElementOrder/<field>`.
 * `null` deletes a field. The algorithms (including Go's sorting quirks, which decide list
 * order) follow the upstream functions of the same names.
 */
import {
  compareBytes,
  deepEqual,
  goSliceStable,
  goSortLessEq,
  goType,
  goTypeName,
  goV,
  isObject,
  type Json,
  type JsonObject,
} from './go';
import type { PatchSchema } from './schema';

const DIRECTIVE = '$patch';
const DELETE = 'delete';
const REPLACE = 'replace';
const MERGE = 'merge';
const RETAIN_KEYS = 'retainKeys';
const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList';
const RETAIN_KEYS_DIRECTIVE = '$retainKeys';
const SET_ELEMENT_ORDER = '$setElementOrder';

/** Which apiserver answer an error turns into (interpretStrategicMergePatchError). */
export type PatchErrorClass = 'BadRequest' | 'Invalid' | 'Internal';

/** An error of the patch code, with its Go text. */
export class PatchError extends Error {
  constructor(
    message: string,
    readonly errorClass: PatchErrorClass = 'Internal',
  ) {
    super(message);
    this.name = 'PatchError';
  }
}

// mergepatch's sentinel errors.
export const ErrBadJSONDoc = () => new PatchError('invalid JSON document', 'BadRequest');
const ErrNoListOfLists = () => new PatchError('lists of lists are not supported', 'Invalid');
const ErrBadPatchFormatForPrimitiveList = () => new PatchError('invalid patch format of primitive list', 'BadRequest');
const ErrBadPatchFormatForRetainKeys = () => new PatchError('invalid patch format of retainKeys', 'BadRequest');
const ErrBadPatchFormatForSetElementOrderList = () =>
  new PatchError('invalid patch format of setElementOrder list', 'BadRequest');
const ErrNoMergeKey = (m: unknown, k: string) =>
  new PatchError(`map: ${goV(m)} does not contain declared merge key: ${k}`);
const ErrBadArgType = (expected: string, actual: unknown) =>
  new PatchError(`expected a ${expected}, but received a ${goTypeName(actual)}`);
const ErrBadPatchType = (t: unknown, m: unknown) => new PatchError(`unknown patch type: ${goV(t)} in map: ${goV(m)}`);

export interface DiffOptions {
  setElementOrder?: boolean;
  ignoreChangesAndAdditions?: boolean;
  ignoreDeletions?: boolean;
  buildRetainKeysDirective?: boolean;
}

export interface MergeOptions {
  mergeParallelList: boolean;
  ignoreUnmatchedNulls: boolean;
}

type Kind = 'map' | 'scalar';

// ---- applying a patch ---------------------------------------------------------------------

/**
 * StrategicMergeMapPatch: applies `patch` to `original` (neither is changed; the result is a
 * new value).
 */
export function strategicMergePatch(original: JsonObject, patch: JsonObject, schema: PatchSchema): JsonObject {
  return mergeMap(structuredClone(original), structuredClone(patch), schema, {
    mergeParallelList: true,
    ignoreUnmatchedNulls: true,
  });
}

function extractRetainKeysPatchStrategy(strategies: string[]): [boolean, string] {
  switch (strategies.length) {
    case 0:
      return [false, ''];
    case 1:
      return strategies[0] === RETAIN_KEYS ? [true, ''] : [false, strategies[0]];
    case 2:
      if (strategies[0] === RETAIN_KEYS) return [true, strategies[1]];
      if (strategies[1] === RETAIN_KEYS) return [true, strategies[0]];
      break;
  }
  throw new PatchError(`unexpected patch strategy: [${strategies.join(' ')}]`);
}

function handleDirectiveInMergeMap(directive: Json, patch: JsonObject): JsonObject {
  if (directive === REPLACE) {
    delete patch[DIRECTIVE];
    return patch;
  }
  if (directive === DELETE) return {};
  throw ErrBadPatchType(directive, patch);
}

function mergeMap(original: JsonObject | null, patch: JsonObject, schema: PatchSchema, opts: MergeOptions): JsonObject {
  if (DIRECTIVE in patch) return handleDirectiveInMergeMap(patch[DIRECTIVE], patch);
  const orig: JsonObject = original ?? {};
  applyRetainKeysDirective(orig, patch, opts);
  mergePatchIntoOriginal(orig, patch, schema, opts);

  for (const k0 of Object.keys(patch)) {
    const patchV = patch[k0];
    let k = k0;
    let isDeleteList = false;
    if (k0.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
      if (!opts.mergeParallelList) {
        orig[k0] = patchV;
        continue;
      }
      k = extractKey(k0, DELETE_FROM_PRIMITIVE_LIST);
      isDeleteList = true;
    }
    if (patchV === null) {
      delete orig[k];
      if (opts.ignoreUnmatchedNulls) continue;
    }
    if (!(k in orig) || goType(orig[k]) !== goType(patchV)) {
      if (!isDeleteList) {
        if (opts.ignoreUnmatchedNulls) discardNullValuesFromPatch(patchV);
        const [v, keep] = removeDirectives(patchV);
        if (keep) orig[k] = v;
        else delete orig[k];
      }
      continue;
    }
    const t = goType(orig[k]);
    if (t === 'map') {
      const [sub, meta] = schema.lookupStruct(k);
      const [, strategy] = extractRetainKeysPatchStrategy(meta.strategies);
      orig[k] = strategy !== REPLACE ? mergeMap(orig[k] as JsonObject, patchV as JsonObject, sub, opts) : patchV;
    } else if (t === 'slice') {
      const [sub, meta] = schema.lookupSlice(k);
      const [, strategy] = extractRetainKeysPatchStrategy(meta.strategies);
      orig[k] = mergeSliceHandler(orig[k] as Json[], patchV as Json[], sub, strategy, meta.mergeKey, isDeleteList, opts);
    } else {
      const [v, keep] = removeDirectives(patchV);
      if (keep) orig[k] = v;
      else delete orig[k];
    }
  }
  return orig;
}

function extractKey(s: string, prefix: string): string {
  const i = s.indexOf('/');
  if (i < 0 || s.slice(0, i) !== prefix) {
    if (prefix === DELETE_FROM_PRIMITIVE_LIST) throw ErrBadPatchFormatForPrimitiveList();
    throw ErrBadPatchFormatForSetElementOrderList();
  }
  return s.slice(i + 1);
}

function discardNullValuesFromPatch(v: Json): void {
  if (isObject(v)) {
    for (const k of Object.keys(v)) {
      if (v[k] === null) delete v[k];
      else discardNullValuesFromPatch(v[k]);
    }
  } else if (Array.isArray(v)) {
    for (const e of v) discardNullValuesFromPatch(e);
  }
}

/** Removes `$patch` directives; [value, keep]. */
function removeDirectives(obj: Json): [Json, boolean] {
  if (isObject(obj)) {
    if (DIRECTIVE in obj) return [null, false];
    for (const k of Object.keys(obj)) {
      const [v, keep] = removeDirectives(obj[k]);
      if (keep) obj[k] = v;
      else delete obj[k];
    }
    return [obj, true];
  }
  if (Array.isArray(obj)) {
    const res: Json[] = [];
    for (const e of obj) {
      const [v, keep] = removeDirectives(e);
      if (keep) res.push(v);
    }
    return [res, true];
  }
  return [obj, true];
}

function applyRetainKeysDirective(original: JsonObject, patch: JsonObject, opts: MergeOptions): void {
  if (!(RETAIN_KEYS_DIRECTIVE in patch)) return;
  const retain = patch[RETAIN_KEYS_DIRECTIVE];
  delete patch[RETAIN_KEYS_DIRECTIVE];
  if (!opts.mergeParallelList) {
    if (RETAIN_KEYS_DIRECTIVE in original) {
      if (!deepEqual(original[RETAIN_KEYS_DIRECTIVE], retain)) {
        throw new PatchError(
          `${goV(original[RETAIN_KEYS_DIRECTIVE])} and ${goV(retain)} are not deep equal: this may happen when calculating the 3-way diff patch`,
        );
      }
    } else {
      original[RETAIN_KEYS_DIRECTIVE] = retain;
    }
    return;
  }
  if (!Array.isArray(retain)) throw ErrBadPatchFormatForRetainKeys();
  const keep = new Set(retain);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(DELETE_FROM_PRIMITIVE_LIST) || k.startsWith(SET_ELEMENT_ORDER)) continue;
    if (!keep.has(k)) throw ErrBadPatchFormatForRetainKeys();
  }
  for (const k of Object.keys(original)) if (!keep.has(k)) delete original[k];
}

/** Processes `$setElementOrder/<field>` lists together with the lists they order. */
function mergePatchIntoOriginal(original: JsonObject, patch: JsonObject, schema: PatchSchema, opts: MergeOptions): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER)) continue;
    const setOrder = patch[key];
    if (!opts.mergeParallelList) {
      if (key in original) {
        if (!deepEqual(original[key], setOrder)) throw ErrBadPatchFormatForSetElementOrderList();
      } else {
        original[key] = setOrder;
      }
    }
    delete patch[key];
    if (!Array.isArray(setOrder)) throw ErrBadArgType('[]interface {}', setOrder);
    const originalKey = extractKey(key, SET_ELEMENT_ORDER);
    const foundOriginal = originalKey in original;
    const foundPatch = originalKey in patch;
    let originalList: Json[] = [];
    let patchList: Json[] = [];
    if (foundOriginal) {
      if (!Array.isArray(original[originalKey])) throw ErrBadArgType('[]interface {}', original[originalKey]);
      originalList = original[originalKey] as Json[];
    }
    if (foundPatch) {
      if (!Array.isArray(patch[originalKey])) throw ErrBadArgType('[]interface {}', patch[originalKey]);
      patchList = patch[originalKey] as Json[];
    }
    const [sub, meta] = schema.lookupSlice(originalKey);
    const [, strategy] = extractRetainKeysPatchStrategy(meta.strategies);
    validatePatchWithSetOrderList(patchList, setOrder, meta.mergeKey);

    let merged: Json[];
    if (foundOriginal && !foundPatch) merged = originalList;
    else if (!foundOriginal && foundPatch) merged = removeDirectives(patchList)[0] as Json[];
    else if (foundOriginal && foundPatch) {
      merged = mergeSliceHandler(originalList, patchList, sub, strategy, meta.mergeKey, false, opts);
    } else continue;

    let patchItems: Json[];
    let serverOnly: Json[];
    if (!meta.mergeKey) [patchItems, serverOnly] = partitionPrimitives(merged, setOrder);
    else [patchItems, serverOnly] = partitionMaps(merged, setOrder, meta.mergeKey);
    const kind = sliceElementKind(originalList, patchList);
    original[originalKey] = normalizeElementOrder(patchItems, serverOnly, setOrder, originalList, meta.mergeKey, kind);
    delete patch[originalKey];
  }
}

function validatePatchWithSetOrderList(patchList: Json[], setOrder: Json[], mergeKey: string): void {
  if (setOrder.length === 0 || patchList.length === 0) return;
  const nonDelete = mergeKey ? extractToDeleteItems(patchList)[0] : patchList;
  let p = 0;
  let s = 0;
  while (p < nonDelete.length && s < setOrder.length) {
    if (isObject(nonDelete[p]) && DIRECTIVE in (nonDelete[p] as JsonObject)) {
      p++;
      continue;
    }
    if (mergeKeyValueEqual(nonDelete[p], setOrder[s], mergeKey)) p++;
    s++;
  }
  if (p < nonDelete.length && s >= setOrder.length) {
    throw new PatchError(
      `The order in patch list:\n${goV(patchList)}\n doesn't match ${SET_ELEMENT_ORDER} list:\n${goV(setOrder)}\n`,
    );
  }
}

function mergeKeyValueEqual(left: Json, right: Json, mergeKey: string): boolean {
  if (!mergeKey) return left === right;
  if (!isObject(left)) throw ErrBadArgType('map[string]interface {}', left);
  if (!isObject(right)) throw ErrBadArgType('map[string]interface {}', right);
  if (!(mergeKey in left)) throw ErrNoMergeKey(left, mergeKey);
  if (!(mergeKey in right)) throw ErrNoMergeKey(right, mergeKey);
  return left[mergeKey] === right[mergeKey];
}

function mergeSliceHandler(
  original: Json[],
  patch: Json[],
  schema: PatchSchema,
  strategy: string,
  mergeKey: string,
  isDeleteList: boolean,
  opts: MergeOptions,
): Json[] {
  if (strategy === MERGE || isDeleteList) return mergeSlice(original, patch, schema, mergeKey, opts, isDeleteList);
  return patch;
}

function mergeSlice(
  original: Json[],
  patch: Json[],
  schema: PatchSchema,
  mergeKey: string,
  opts: MergeOptions,
  isDeleteList: boolean,
): Json[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = sliceElementKind(original, patch);
  let merged: Json[];
  if (kind !== 'map') {
    if (opts.mergeParallelList && isDeleteList) return deleteFromSlice(original, patch);
    merged = deduplicateScalars([...original, ...patch]);
  } else {
    if (!mergeKey) throw new PatchError(`cannot merge lists without merge key for ${schema.name}`);
    [original, patch] = mergeSliceWithSpecialElements(original, patch, mergeKey);
    merged = mergeSliceWithoutSpecialElements(original, patch, mergeKey, schema, opts);
  }
  let patchItems: Json[];
  let serverOnly: Json[];
  if (!mergeKey) [patchItems, serverOnly] = partitionPrimitives(merged, patch);
  else [patchItems, serverOnly] = partitionMaps(merged, patch, mergeKey);
  return normalizeElementOrder(patchItems, serverOnly, patch, original, mergeKey, kind);
}

function mergeSliceWithSpecialElements(original: Json[], patch: Json[], mergeKey: string): [Json[], Json[]] {
  const rest: Json[] = [];
  let replace = false;
  for (const v of patch) {
    const m = v as JsonObject;
    if (!(DIRECTIVE in m)) {
      rest.push(v);
      continue;
    }
    const directive = m[DIRECTIVE];
    if (directive === DELETE) {
      if (!(mergeKey in m)) throw ErrNoMergeKey(m, mergeKey);
      original = original.filter((o) => !(isObject(o) && mergeKey in o && o[mergeKey] === m[mergeKey]));
    } else if (directive === REPLACE) {
      replace = true;
    } else if (directive === MERGE) {
      throw new PatchError('merging lists cannot yet be specified in the patch');
    } else {
      throw ErrBadPatchType(directive, m);
    }
  }
  return replace ? [rest, []] : [original, rest];
}

function mergeSliceWithoutSpecialElements(
  original: Json[],
  patch: Json[],
  mergeKey: string,
  schema: PatchSchema,
  opts: MergeOptions,
): Json[] {
  // Go's append leaves the caller's slice (used later as the server order) at its length.
  original = [...original];
  for (const v of patch) {
    const m = v as JsonObject;
    if (!(mergeKey in m)) throw ErrNoMergeKey(m, mergeKey);
    const i = findMapInSlice(original, mergeKey, m[mergeKey]);
    if (i >= 0) original[i] = mergeMap(original[i] as JsonObject, m, schema, opts);
    else original.push(v);
  }
  return original;
}

function findMapInSlice(list: Json[], key: string, value: Json): number {
  for (let i = 0; i < list.length; i++) {
    const e = list[i];
    if (!isObject(e)) throw new PatchError(`value for key ${i} is not a map`);
    if (key in e && e[key] === value) return i;
  }
  return -1;
}

function deleteFromSlice(current: Json[], toDelete: Json[]): Json[] {
  const del = new Set(toDelete);
  return current.filter((v) => !del.has(v));
}

/** strategicpatch's in-place deduplication (it moves the last element into each hole). */
function deduplicateScalars(s: Json[]): Json[] {
  let length = s.length - 1;
  for (let i = 0; i < length; i++) {
    for (let j = i + 1; j <= length; j++) {
      if (s[i] === s[j]) {
        s[j] = s[length];
        s.length = length;
        length--;
        j--;
      }
    }
  }
  return s;
}

function partitionPrimitives(list: Json[], by: Json[]): [Json[], Json[]] {
  const inPatch = new Set(by);
  const patch: Json[] = [];
  const serverOnly: Json[] = [];
  for (const v of list) (inPatch.has(v) ? patch : serverOnly).push(v);
  return [patch, serverOnly];
}

function partitionMaps(list: Json[], by: Json[], mergeKey: string): [Json[], Json[]] {
  const patch: Json[] = [];
  const serverOnly: Json[] = [];
  for (const v of list) {
    if (!isObject(v)) throw ErrBadArgType('map[string]interface {}', v);
    if (!(mergeKey in v)) throw ErrNoMergeKey(v, mergeKey);
    (findMapInSlice(by, mergeKey, v[mergeKey]) >= 0 ? patch : serverOnly).push(v);
  }
  return [patch, serverOnly];
}

function sliceElementKind(...slices: Json[][]): Kind {
  let prev: string | undefined;
  for (const s of slices) {
    for (const v of s) {
      const t = goType(v) === 'number' ? goTypeName(v) : goType(v);
      if (prev === undefined) {
        prev = t;
        if (t === 'slice') throw ErrNoListOfLists();
      } else if (prev !== t) {
        throw new PatchError(`list element types are not identical: ${goV(slices)}`);
      }
    }
  }
  if (prev === undefined) throw new PatchError('no elements in any of the given slices');
  return prev === 'map' ? 'map' : 'scalar';
}

function indexIn(list: Json[], val: Json, mergeKey: string, kind: Kind): number {
  const get = (item: Json): Json | undefined => (kind === 'map' ? (isObject(item) ? item[mergeKey] : undefined) : item);
  const want = get(val);
  for (let i = 0; i < list.length; i++) if (get(list[i]) === want) return i;
  return -1;
}

function extractToDeleteItems(list: Json[]): [Json[], Json[]] {
  const keep: Json[] = [];
  const del: Json[] = [];
  for (const v of list) {
    if (!isObject(v)) throw ErrBadArgType('map[string]interface {}', v);
    (v[DIRECTIVE] === DELETE ? del : keep).push(v);
  }
  return [keep, del];
}

function validateMergeKeyInLists(mergeKey: string, ...lists: Json[][]): void {
  for (const list of lists) {
    for (const item of list) {
      if (!isObject(item)) throw ErrBadArgType('map[string]interface {}', item);
      if (!(mergeKey in item)) throw ErrNoMergeKey(item, mergeKey);
    }
  }
}

function normalizeSliceOrder(toSort: Json[], order: Json[], mergeKey: string, kind: Kind): Json[] {
  let del: Json[] = [];
  let list = toSort;
  if (kind === 'map') {
    validateMergeKeyInLists(mergeKey, toSort, order);
    [list, del] = extractToDeleteItems(toSort);
  } else {
    list = [...toSort];
  }
  goSliceStable(list, (a, b) => {
    const ia = indexIn(order, a, mergeKey, kind);
    if (ia >= 0) {
      const ib = indexIn(order, b, mergeKey, kind);
      if (ib >= 0) return ia < ib;
    }
    return true;
  });
  return [...list, ...del];
}

function normalizeElementOrder(
  patch: Json[],
  serverOnly: Json[],
  patchOrder: Json[],
  serverOrder: Json[],
  mergeKey: string,
  kind: Kind,
): Json[] {
  const p = normalizeSliceOrder(patch, patchOrder, mergeKey, kind);
  const s = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind);
  return mergeSortedSlice(s, p, serverOrder, mergeKey, kind);
}

function mergeSortedSlice(left: Json[], right: Json[], serverOrder: Json[], mergeKey: string, kind: Kind): Json[] {
  const out: Json[] = [];
  let i = 0;
  let j = 0;
  const size = left.length + right.length;
  for (let k = 0; k < size; k++) {
    if (i >= left.length && j < right.length) out.push(right[j++]);
    else if (j >= right.length && i < left.length) out.push(left[i++]);
    else {
      const li = indexIn(serverOrder, left[i], mergeKey, kind);
      const ri = indexIn(serverOrder, right[j], mergeKey, kind);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}

// ---- computing a patch --------------------------------------------------------------------

/** CreateTwoWayMergePatch: the patch that turns `original` into `modified`. */
export function createTwoWayMergePatch(original: JsonObject, modified: JsonObject, schema: PatchSchema): JsonObject {
  return diffMaps(structuredClone(original), structuredClone(modified), schema, { setElementOrder: true });
}

/**
 * CreateThreeWayMergePatch (overwrite = true, as `kubectl apply` calls it): changes from
 * `current` to `modified` without deletions, plus the deletions from `original` (the
 * last-applied configuration) to `modified`.
 */
export function createThreeWayMergePatch(
  original: JsonObject,
  modified: JsonObject,
  current: JsonObject,
  schema: PatchSchema,
): JsonObject {
  const delta = diffMaps(structuredClone(current), structuredClone(modified), schema, {
    ignoreDeletions: true,
    setElementOrder: true,
  });
  const deletions = diffMaps(structuredClone(original), structuredClone(modified), schema, {
    setElementOrder: true,
    ignoreChangesAndAdditions: true,
  });
  return mergeMap(deletions, delta, schema, { mergeParallelList: false, ignoreUnmatchedNulls: false });
}

function sameGoType(a: Json, b: Json): boolean {
  const ta = goType(a);
  return ta === goType(b) && (ta !== 'number' || goTypeName(a) === goTypeName(b));
}

function diffMaps(original: JsonObject, modified: JsonObject, schema: PatchSchema, o: DiffOptions): JsonObject {
  const patch: JsonObject = {};
  const retainKeys: Json[] = [];
  for (const key of Object.keys(modified)) {
    const mv = modified[key];
    if (o.buildRetainKeysDirective && mv !== null) retainKeys.push(key);
    if (!(key in original)) {
      if (!o.ignoreChangesAndAdditions) patch[key] = mv;
      continue;
    }
    const ov = original[key];
    if (key === DIRECTIVE) {
      if (typeof ov !== 'string' || typeof mv !== 'string') {
        throw new PatchError(`invalid value for special key: ${DIRECTIVE}`);
      }
      if (ov !== mv) patch[DIRECTIVE] = mv;
      continue;
    }
    if (!sameGoType(ov, mv)) {
      if (!o.ignoreChangesAndAdditions) patch[key] = mv;
      continue;
    }
    if (isObject(ov)) handleMapDiff(key, ov, mv as JsonObject, patch, schema, o);
    else if (Array.isArray(ov)) handleSliceDiff(key, ov, mv as Json[], patch, schema, o);
    else replaceIfNotEqual(key, ov, mv, patch, o);
  }
  if (!o.ignoreDeletions) {
    for (const key of Object.keys(original)) if (!(key in modified)) patch[key] = null;
  }
  if (retainKeys.length > 0 && (Object.keys(patch).length > 0 || hasAdditionalNewField(original, modified))) {
    patch[RETAIN_KEYS_DIRECTIVE] = sortScalars(retainKeys);
  }
  return patch;
}

function hasAdditionalNewField(original: JsonObject, modified: JsonObject): boolean {
  for (const [k, v] of Object.entries(original)) if (v !== null && !(k in modified)) return true;
  return false;
}

function replaceIfNotEqual(key: string, ov: Json, mv: Json, patch: JsonObject, o: DiffOptions): void {
  if (o.ignoreChangesAndAdditions || deepEqual(ov, mv)) return;
  patch[key] = mv;
}

function handleMapDiff(key: string, ov: JsonObject, mv: JsonObject, patch: JsonObject, schema: PatchSchema, o: DiffOptions): void {
  const [sub, meta] = schema.lookupStruct(key);
  const [retain, strategy] = extractRetainKeysPatchStrategy(meta.strategies);
  const opts = { ...o, buildRetainKeysDirective: retain };
  if (strategy === REPLACE) {
    if (!opts.ignoreChangesAndAdditions) patch[key] = mv;
    return;
  }
  const p = diffMaps(ov, mv, sub, opts);
  if (Object.keys(p).length > 0) patch[key] = p;
}

function handleSliceDiff(key: string, ov: Json[], mv: Json[], patch: JsonObject, schema: PatchSchema, o: DiffOptions): void {
  const [sub, meta] = schema.lookupSlice(key);
  const [retain, strategy] = extractRetainKeysPatchStrategy(meta.strategies);
  if (strategy !== MERGE) {
    replaceIfNotEqual(key, ov, mv, patch, o);
    return;
  }
  const [add, del, order] = diffLists(ov, mv, sub, meta.mergeKey, { ...o, buildRetainKeysDirective: retain });
  if (add && add.length > 0) patch[key] = add;
  if (del && del.length > 0) patch[`${DELETE_FROM_PRIMITIVE_LIST}/${key}`] = del;
  if (order && order.length > 0) patch[`${SET_ELEMENT_ORDER}/${key}`] = order;
}

type Lists = [Json[] | undefined, Json[] | undefined, Json[] | undefined];

function diffLists(original: Json[], modified: Json[], schema: PatchSchema, mergeKey: string, o: DiffOptions): Lists {
  if (original.length === 0) {
    if (modified.length === 0 || o.ignoreChangesAndAdditions) return [undefined, undefined, undefined];
    return [modified, undefined, undefined];
  }
  const kind = sliceElementKindForDiff(original, modified);
  if (kind === 'map') {
    let [patchList, deleteList] = diffListsOfMaps(original, modified, schema, mergeKey, o);
    patchList = normalizeSliceOrder(patchList, modified, mergeKey, kind);
    const orderSame = isOrderSame(original, modified, mergeKey);
    patchList = [...patchList, ...deleteList];
    let setOrder: Json[] | undefined;
    if (
      o.setElementOrder &&
      ((!o.ignoreChangesAndAdditions && (patchList.length > 0 || !orderSame)) ||
        (!o.ignoreDeletions && patchList.length > 0))
    ) {
      setOrder = modified.map((v) => ({ [mergeKey]: (v as JsonObject)[mergeKey] }));
    }
    return [patchList, undefined, setOrder];
  }
  const [add, del] = diffListsOfScalars(original, modified, o);
  const patchList = normalizeSliceOrder(add, modified, mergeKey, kind);
  let setOrder: Json[] | undefined;
  // `original` was sorted in place by diffListsOfScalars, as upstream: an unsorted list
  // compares unequal here even when unchanged.
  if (o.setElementOrder && ((!o.ignoreDeletions && del.length > 0) || (!o.ignoreChangesAndAdditions && !deepEqual(original, modified)))) {
    setOrder = modified;
  }
  return [patchList, del, setOrder];
}

function sliceElementKindForDiff(original: Json[], modified: Json[]): Kind {
  return sliceElementKind(original, modified);
}

function isOrderSame(original: Json[], modified: Json[], mergeKey: string): boolean {
  if (original.length !== modified.length) return false;
  for (let i = 0; i < modified.length; i++) if (!mergeKeyValueEqual(original[i], modified[i], mergeKey)) return false;
  return true;
}

/** sortScalars: sort.Sort by `%v`, in place. */
function sortScalars(s: Json[]): Json[] {
  return goSortLessEq(s, goV);
}

function diffListsOfScalars(original: Json[], modified: Json[], o: DiffOptions): [Json[], Json[]] {
  const orig = sortScalars(original);
  const mod = sortScalars([...modified]);
  let i = 0;
  let j = 0;
  const add: Json[] = [];
  const del: Json[] = [];
  for (;;) {
    const oin = i < orig.length;
    const min = j < mod.length;
    if (!oin && !min) break;
    const os = oin ? goV(orig[i]) : '';
    const ms = min ? goV(mod[j]) : '';
    if (oin && min && os === ms) {
      i++;
      j++;
    } else if (!oin || (oin && min && os > ms)) {
      if (!o.ignoreChangesAndAdditions) add.push(mod[j]);
      j++;
    } else {
      if (!o.ignoreDeletions) del.push(orig[i]);
      i++;
    }
  }
  return [add, deduplicateScalars(del)];
}

function diffListsOfMaps(original: Json[], modified: Json[], schema: PatchSchema, mergeKey: string, o: DiffOptions): [Json[], Json[]] {
  const patch: Json[] = [];
  const deletions: Json[] = [];
  const origSorted = sortMapsByField(original, mergeKey);
  const modSorted = sortMapsByField(modified, mergeKey);
  let i = 0;
  let j = 0;
  for (;;) {
    const oin = i < origSorted.length;
    const min = j < modSorted.length;
    if (!oin && !min) break;
    let oe: JsonObject | undefined;
    let me: JsonObject | undefined;
    let os = '';
    let ms = '';
    if (oin) {
      oe = mapWithKey(origSorted[i], mergeKey);
      os = goV(oe[mergeKey]);
    }
    if (min) {
      me = mapWithKey(modSorted[j], mergeKey);
      ms = goV(me[mergeKey]);
    }
    if (oin && min && os === ms) {
      const p = diffMaps(oe!, me!, schema, o);
      if (Object.keys(p).length > 0) {
        p[mergeKey] = me![mergeKey];
        patch.push(p);
      }
      i++;
      j++;
    } else if (!oin || (oin && min && os > ms)) {
      if (!o.ignoreChangesAndAdditions) patch.push(me!);
      j++;
    } else {
      if (!o.ignoreDeletions) deletions.push({ [mergeKey]: oe![mergeKey], [DIRECTIVE]: DELETE });
      i++;
    }
  }
  return [patch, deletions];
}

function mapWithKey(v: Json, mergeKey: string): JsonObject {
  if (!isObject(v)) throw ErrBadArgType('map[string]interface {}', v);
  if (!(mergeKey in v)) throw ErrNoMergeKey(v, mergeKey);
  return v;
}

/** sortMergeListsByNameArray without recursion: a sorted copy. */
function sortMapsByField(list: Json[], mergeKey: string): Json[] {
  if (list.length === 0) return list;
  const kind = sliceElementKind(list);
  if (kind !== 'map') return sortScalars(deduplicateScalars([...list]));
  return goSortLessEq([...list], (m) => goV((m as JsonObject)[mergeKey]));
}

/** Keys sorted as Go prints maps (used by tests and callers that print patches). */
export function sortedKeys(o: JsonObject): string[] {
  return Object.keys(o).sort(compareBytes);
}
