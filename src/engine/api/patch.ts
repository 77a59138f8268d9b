/**
 * Patch bodies as the apiserver applies them (k8s.io/apiserver/pkg/endpoints/handlers/patch.go):
 * JSON merge patch (RFC 7386), strategic merge patch and JSON patch (RFC 6902), with the
 * apiserver's error answers for each. The algorithms live in ./patch/.
 */
import { badRequest, StatusError, type StatusReason } from './errors';
import { isObject, type Json, type JsonObject } from './patch/go';
import { applyJsonPatch, decodeJsonPatch, JsonPatchError } from './patch/json-patch';
import { jsonMergePatch, MergePatchError } from './patch/merge';
import { PatchSchema } from './patch/schema';
import { PatchError, strategicMergePatch } from './patch/strategic';

export type PatchType = 'merge' | 'strategic' | 'json';

/** errors.NewGenericServerResponse(422, ...): the text kubectl shows for a failed JSON patch. */
export const MSG_GENERIC_422 = 'the server rejected our request due to an error in our request';

/** RFC 7386 merge of plain values (kept for callers that merge objects themselves). */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return structuredClone(patch);
  return jsonMergePatch((isObject(target) ? target : {}) as Json, patch as Json);
}

/** The apiserver drops json-patch's own message (NewGenericServerResponse has no causes). */
function generic422(_detail: string): StatusError {
  return new StatusError(422, 'Invalid', MSG_GENERIC_422);
}

/** A Go error the apiserver did not convert: 500 with reason "" (StatusReasonUnknown). */
function unknownError(msg: string): StatusError {
  return new StatusError(500, '' as StatusReason, msg);
}

function jsonTypeName(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  return typeof v === 'object' ? 'object' : typeof v;
}

/**
 * What decoding into a typed object does to the generic result: `null` fields and unknown
 * `$` directive keys disappear.
 * Simplification: the apiserver drops them by decoding into Go structs; strict field validation
 * of unknown fields is not simulated.
 */
function typedRoundTrip(v: Json): Json {
  if (Array.isArray(v)) return v.map(typedRoundTrip);
  if (isObject(v)) {
    const out: JsonObject = {};
    for (const [k, x] of Object.entries(v)) {
      if (x === null || k.startsWith('$')) continue;
      out[k] = typedRoundTrip(x);
    }
    return out;
  }
  return v;
}

/** Applies a decoded patch body of the given type to a plain copy of an object of `kind`. */
export function applyPatch(type: PatchType, target: unknown, patch: unknown, kind: string): unknown {
  const doc = target as Json;
  switch (type) {
    case 'merge':
      try {
        return typedRoundTrip(jsonMergePatch(doc, patch as Json));
      } catch (e) {
        if (e instanceof MergePatchError) throw badRequest(e.message);
        throw e;
      }
    case 'json': {
      let ops;
      try {
        ops = decodeJsonPatch(patch);
      } catch (e) {
        if (e instanceof JsonPatchError) throw badRequest(e.message);
        throw e;
      }
      try {
        return typedRoundTrip(applyJsonPatch(doc, ops));
      } catch (e) {
        if (e instanceof JsonPatchError) throw generic422(e.message);
        throw e;
      }
    }
    case 'strategic': {
      if (!isObject(patch)) {
        throw badRequest(`json: cannot unmarshal ${jsonTypeName(patch)} into Go value of type map[string]interface {}`);
      }
      try {
        return typedRoundTrip(strategicMergePatch(doc as JsonObject, patch, PatchSchema.forKind(kind)));
      } catch (e) {
        if (!(e instanceof PatchError)) throw e;
        if (e.errorClass === 'BadRequest') throw badRequest(e.message);
        if (e.errorClass === 'Invalid') throw generic422(e.message);
        throw unknownError(e.message);
      }
    }
    default:
      throw badRequest(`the patch type ${String(type)} is not supported`);
  }
}
