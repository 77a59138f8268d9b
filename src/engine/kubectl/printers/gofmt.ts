/**
 * Go's fmt `%v` of decoded JSON values, as custom-columns and go-template print them:
 * `map[a:b c:d]` (sorted keys), `[x y]`, `<nil>`, and floats in strconv's shortest `%g` form
 * (`1e+06`).
 */

/** strconv.FormatFloat(f, 'g', -1, 64): exponent form below 1e-4 and from 1e6 (`1e+06`). */
export function goFloat(n: number): string {
  if (n === 0 || !Number.isFinite(n)) return n === 0 ? '0' : n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN';
  const exp = Math.floor(Math.log10(Math.abs(n)));
  if (exp < -4 || exp >= 6) {
    const [mant, e] = n.toExponential().split('e');
    const sign = e.startsWith('-') ? '-' : '+';
    return `${mant}e${sign}${e.replace(/^[+-]/, '').padStart(2, '0')}`;
  }
  return String(n);
}

/** `%v` of a value; `ints` prints integral numbers as integers (unstructured int64). */
export function goV(v: unknown, ints = true): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'number') return ints && Number.isInteger(v) ? String(v) : goFloat(v);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map((x) => goV(x, ints)).join(' ')}]`;
  const o = v as Record<string, unknown>;
  return `map[${Object.keys(o)
    .sort()
    .map((k) => `${k}:${goV(o[k], ints)}`)
    .join(' ')}]`;
}
