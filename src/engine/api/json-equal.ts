/**
 * Equality of API data as their JSON texts compare: `jsonEqual(a, b)` is
 * `JSON.stringify(a) === JSON.stringify(b)` without building either string. Key order counts
 * (as in the text), keys whose value is undefined (or a function) are skipped, undefined in an
 * array reads as null, non-finite numbers as null. Identical references are equal at once, so
 * objects that share frozen parts with an older version (store objects do) compare in time
 * proportional to what changed.
 *
 * The apiserver uses it for its no-op write check (an update that changes nothing keeps the
 * resourceVersion and emits no event); controllers use it to skip status writes.
 */

function plain(v: object): boolean {
  const p = Object.getPrototypeOf(v);
  return p === Object.prototype || p === null || p === Array.prototype;
}

/** How JSON.stringify writes a scalar inside an array or as a property value. */
function scalarText(v: unknown): unknown {
  if (typeof v === 'number') return Number.isFinite(v) ? (v === 0 ? 0 : v) : null;
  return v;
}

/** Whether a property with this value is written by JSON.stringify. */
function written(v: unknown): boolean {
  return v !== undefined && typeof v !== 'function' && typeof v !== 'symbol';
}

/** `JSON.stringify(a) === JSON.stringify(b)` for JSON-like data, without the strings. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const ta = typeof a;
  const tb = typeof b;
  if (ta !== 'object' || tb !== 'object' || a === null || b === null) {
    // Scalars (and a scalar against an object): compare as written.
    if (ta === 'object' && a !== null && !plain(a as object)) return JSON.stringify(a) === JSON.stringify(b);
    if (tb === 'object' && b !== null && !plain(b as object)) return JSON.stringify(a) === JSON.stringify(b);
    const sa = a === undefined || ta === 'function' || ta === 'symbol' ? undefined : scalarText(a);
    const sb = b === undefined || tb === 'function' || tb === 'symbol' ? undefined : scalarText(b);
    return sa === sb;
  }
  if (!plain(a as object) || !plain(b as object)) return JSON.stringify(a) === JSON.stringify(b);
  const aa = Array.isArray(a);
  if (aa !== Array.isArray(b)) return false;
  if (aa) {
    const x = a as unknown[];
    const y = b as unknown[];
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) {
      const u = x[i];
      const v = y[i];
      if (u === v) continue;
      // undefined, functions and symbols are written as null inside arrays.
      const un = !written(u) ? null : u;
      const vn = !written(v) ? null : v;
      if (!jsonEqual(un, vn)) return false;
    }
    return true;
  }
  // Objects: the written keys, in order, with equal values.
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const kx = Object.keys(x);
  const ky = Object.keys(y);
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < kx.length && !written(x[kx[i]])) i++;
    while (j < ky.length && !written(y[ky[j]])) j++;
    if (i === kx.length || j === ky.length) return i === kx.length && j === ky.length;
    if (kx[i] !== ky[j]) return false;
    const u = x[kx[i]];
    const v = y[ky[j]];
    if (u !== v && !jsonEqual(u, v)) return false;
    i++;
    j++;
  }
}

/**
 * apiequality.Semantic.DeepEqual for decoded API data: map key order does not matter, and a
 * property that is null or absent is the same (Go decodes both into the zero value, e.g. a
 * template's `creationTimestamp: null`). Arrays compare in order. Used for the generation bump,
 * which must not depend on the order in which a client sent the fields.
 */
export function semanticEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || a === undefined) return b === null || b === undefined;
  if (b === null || b === undefined) return false;
  if (typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) if (!semanticEqual(a[i], bb[i])) return false;
    return true;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  for (const k of Object.keys(ao)) if (!semanticEqual(ao[k], bo[k])) return false;
  for (const k of Object.keys(bo)) if (!(k in ao) && !semanticEqual(undefined, bo[k])) return false;
  return true;
}
