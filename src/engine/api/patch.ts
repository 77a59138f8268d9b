/**
 * Patch bodies as the apiserver applies them: JSON merge patch (RFC 7386). Strategic merge
 * patch and JSON patch (RFC 6902) live beside this file and are dispatched from applyPatch.
 */
import { badRequest } from './errors';

export type PatchType = 'merge' | 'strategic' | 'json';

type Json = unknown;

function isObject(v: Json): v is Record<string, Json> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** RFC 7386: objects merge recursively, null deletes, everything else replaces. */
export function mergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return structuredClone(patch);
  const out: Record<string, Json> = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/** Hooks for the other patch types, filled by their modules (kept out of this file's imports). */
export const patchers: Partial<Record<PatchType, (target: Json, patch: Json, kind: string) => Json>> = {
  merge: (t, p) => mergePatch(t, p),
};

/** Applies a decoded patch body of the given type to a plain copy of an object. */
export function applyPatch(type: PatchType, target: Json, patch: Json, kind: string): Json {
  const fn = patchers[type];
  if (!fn) throw badRequest(`the patch type ${type} is not supported`);
  return fn(target, patch, kind);
}
