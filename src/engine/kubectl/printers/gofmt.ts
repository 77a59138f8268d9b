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

/**
 * Go's `%#v` of a decoded JSON value (unstructured: int64 for integers, float64 otherwise), as
 * kubectl's jsonpath printer shows the object in its debugging output:
 * `map[string]interface {}{"a":"b", "n":1}`, `[]interface {}{...}`, `interface {}(nil)`.
 */
export function goSharpV(v: unknown): string {
  if (v === null || v === undefined) return 'interface {}(nil)';
  if (typeof v === 'string') return goStrconvQuote(v);
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : goFloat(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[]interface {}{${v.map(goSharpV).join(', ')}}`;
  const o = v as Record<string, unknown>;
  return `map[string]interface {}{${Object.keys(o)
    .sort()
    .map((k) => `${goStrconvQuote(k)}:${goSharpV(o[k])}`)
    .join(', ')}}`;
}

/** strconv.Quote: printable runes kept, others escaped (\n, \t, \x1b, \u00ad ...). */
export function goStrconvQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (c === 7) out += '\\a';
    else if (c === 8) out += '\\b';
    else if (c === 12) out += '\\f';
    else if (c === 10) out += '\\n';
    else if (c === 13) out += '\\r';
    else if (c === 9) out += '\\t';
    else if (c === 11) out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c >= 0x80 && c < 0xa0) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out + '"';
}
