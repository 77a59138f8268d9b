/**
 * `-o json` as kubectl prints it: encoding/json's MarshalIndent with 4 spaces. Objects read
 * from the server are unstructured maps, which Go marshals with sorted keys and with `<`, `>`,
 * `&`, U+2028 and U+2029 escaped (\u003c ...). Typed objects (dry-run output of generators,
 * `kubectl config view -o json`) keep their struct field order: pass `sortKeys: false`.
 */

function sortDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) out[k] = sortDeep(x);
    }
    return out;
  }
  return v;
}

/** Go's JSON escaping of HTML-significant and line-separator characters. */
function goEscape(s: string): string {
  return s.replace(/[<>&\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

/** JSON text as Go's encoding/json writes it: `indent` spaces (0: compact). */
export function goJson(value: unknown, indent: number, sortKeys = true): string {
  const v = sortKeys ? sortDeep(value) : value;
  return goEscape(JSON.stringify(v, null, indent || undefined) ?? 'null');
}

/** The JSONPrinter's output for one object (or a List). */
export function printJson(obj: unknown, o: { sortKeys?: boolean } = {}): string {
  return goJson(obj, 4, o.sortKeys ?? true) + '\n';
}
