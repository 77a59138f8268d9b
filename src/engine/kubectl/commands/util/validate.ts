/**
 * kubectl's `--validate` (cmdutil.GetValidationDirective) and what the apiserver does with the
 * directive it sends as `fieldValidation`: the request body is decoded into the typed object
 * (../../../api/decode.ts) before the apiserver's defaulting and validation, so a wrong type or
 * an unknown field is a BadRequest, and `--validate=warn` prints the unknown fields as warnings.
 */
import { decodeBody, decodeLoose, patchDecodeError, type FieldValidation } from '../../../api/decode';
import type { ResourceInfo } from '../../../api/resources';
import type { KObject } from '../../../api/types/meta';
import type { Kctx } from '../../command';
import { CmdError } from '../../errors';
import { goV } from '../../printers/gofmt';

/** GetValidationDirective: strict (or true), warn, ignore (or false). */
export function validationDirective(k: Kctx): FieldValidation {
  if (!k.flags.has('validate')) return 'Strict';
  const v = k.flags.string('validate');
  switch (v) {
    case 'strict':
    case 'true':
    case 'True':
    case 'TRUE':
    case 't':
    case 'T':
    case '1':
      return 'Strict';
    case 'warn':
      return 'Warn';
    case 'ignore':
    case 'false':
    case 'False':
    case 'FALSE':
    case 'f':
    case 'F':
    case '0':
      return 'Ignore';
  }
  throw new CmdError(`invalid - validate option ${JSON.stringify(v)}; must be one of: strict (or true), warn, ignore (or false)`);
}

/**
 * The body of a create or update as the apiserver decodes it (unknown fields dropped); throws
 * its BadRequest. Warnings are printed as kubectl's warning handler prints them.
 */
export function decodeRequest(k: Kctx, info: ResourceInfo, body: KObject, directive: FieldValidation): KObject {
  const { object, warnings } = decodeBody(info, body, directive);
  for (const w of warnings) k.warn(w);
  return object;
}

/** SMP directives (`$patch`, `$setElementOrder/...`, `$retainKeys`, `$deleteFromPrimitiveList/...`) are not fields. */
function withoutDirectives(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutDirectives);
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [key, x] of Object.entries(v as Record<string, unknown>)) if (!key.startsWith('$')) out[key] = withoutDirectives(x);
  return out;
}

/**
 * A patch whose result would not decode: the apiserver's Invalid error on `patch`
 * (handlers/patch.go applyPatchToObject), with the patch map as Go's `%+v` prints it; with
 * `Warn`, unknown fields are warnings.
 *
 * Simplification: the fields are checked in the patch rather than in the patched object, and
 * type errors use the decoder's text where the unstructured converter words them differently.
 */
export function checkPatch(k: Kctx, info: ResourceInfo, patch: unknown, directive: FieldValidation): void {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return;
  const { errors } = decodeLoose(info, withoutDirectives(patch) as KObject, 'converter');
  if (errors.fatal !== undefined) throw patchDecodeError(goV(patch), errors.fatal);
  if (errors.strict.length === 0) return;
  if (directive === 'Strict') throw patchDecodeError(goV(patch), `strict decoding error: ${errors.strict.join(', ')}`);
  if (directive === 'Warn') for (const w of errors.strict) k.warn(w);
}

/**
 * The patch without the fields the typed object does not have (the apiserver drops them when it
 * decodes the patched object), keeping SMP directives.
 */
export function prunePatch(info: ResourceInfo, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const { object } = decodeLoose(info, withoutDirectives(patch) as KObject, 'converter');
  return pruneLike(patch, object);
}

function pruneLike(orig: unknown, kept: unknown): unknown {
  if (Array.isArray(orig) && Array.isArray(kept)) return orig.map((x, i) => pruneLike(x, kept[i]));
  if (orig === null || typeof orig !== 'object' || kept === null || typeof kept !== 'object' || Array.isArray(orig)) return orig;
  const out: Record<string, unknown> = {};
  const k = kept as Record<string, unknown>;
  for (const [key, v] of Object.entries(orig as Record<string, unknown>)) {
    if (key.startsWith('$')) out[key] = v;
    else if (key in k) out[key] = pruneLike(v, k[key]);
  }
  return out;
}
