/**
 * JSON merge patch (RFC 7386) as the apiserver applies `application/merge-patch+json` bodies:
 * evanphx/json-patch's MergePatch. Objects merge recursively, `null` deletes, anything else
 * replaces; nulls inside values that are added are pruned.
 */
import { isObject, type Json, type JsonObject } from './go';

/** Thrown for a `null` patch body (json-patch's ErrBadJSONPatch). */
export class MergePatchError extends Error {}

/** Applies a merge patch to a copy of `doc`. */
export function jsonMergePatch(doc: Json, patch: Json): Json {
  if (patch === null) throw new MergePatchError('Invalid JSON Patch');
  if (!isObject(patch)) {
    if (Array.isArray(patch)) return pruneNulls(structuredClone(patch));
    throw new MergePatchError('Invalid JSON Patch');
  }
  if (!isObject(doc)) return pruneNulls(structuredClone(patch));
  const out = structuredClone(doc) as JsonObject;
  mergeDocs(out, structuredClone(patch));
  return out;
}

function mergeDocs(doc: JsonObject, patch: JsonObject): void {
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) {
      delete doc[k];
      continue;
    }
    const cur = doc[k];
    if (cur === undefined || cur === null) doc[k] = pruneNulls(v);
    else doc[k] = merge(cur, v);
  }
}

function merge(cur: Json, patch: Json): Json {
  if (!isObject(cur)) return pruneNulls(patch);
  if (!isObject(patch)) return patch;
  mergeDocs(cur, patch);
  return cur;
}

function pruneNulls(v: Json): Json {
  if (isObject(v)) {
    for (const k of Object.keys(v)) {
      if (v[k] === null) delete v[k];
      else pruneNulls(v[k]);
    }
  } else if (Array.isArray(v)) {
    for (const e of v) if (e !== null) pruneNulls(e);
  }
  return v;
}
