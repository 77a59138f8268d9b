/**
 * Template hashes as pkg/controller/controller_utils.go ComputeHash and
 * k8s.io/apimachinery/pkg/util/rand.SafeEncodeString: FNV-32a, printed in decimal, each digit
 * mapped into the vowel-free alphabet (so `1234567890` becomes 8 to 10 characters such as
 * `7c5ddbdf54`).
 */
import { NAME_ALPHABET } from '../../core/rng';

/** FNV-1a, 32 bits, over the UTF-8 bytes of `data` followed by `extra` raw bytes. */
export function fnv32a(data: string, extra: number[] = []): number {
  let h = 0x811c9dc5;
  for (const b of utf8(data)) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  for (const b of extra) {
    h ^= b & 0xff;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** The UTF-8 bytes of a string (TextEncoder is not in every host the engine runs in). */
function* utf8(s: string): Generator<number> {
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) yield c;
    else if (c < 0x800) {
      yield 0xc0 | (c >> 6);
      yield 0x80 | (c & 0x3f);
    } else if (c < 0x10000) {
      yield 0xe0 | (c >> 12);
      yield 0x80 | ((c >> 6) & 0x3f);
      yield 0x80 | (c & 0x3f);
    } else {
      yield 0xf0 | (c >> 18);
      yield 0x80 | ((c >> 12) & 0x3f);
      yield 0x80 | ((c >> 6) & 0x3f);
      yield 0x80 | (c & 0x3f);
    }
  }
}

/** rand.SafeEncodeString: every character c becomes alphanums[c % 27]. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += NAME_ALPHABET[s.charCodeAt(i) % NAME_ALPHABET.length];
  return out;
}

/** JSON with object keys sorted at every level, so equal objects give equal text. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
    .join(',')}}`;
}

/**
 * controller.ComputeHash(template, collisionCount).
 * Simplification: upstream hashes the go-spew dump of the Go struct, which cannot be
 * reproduced here; we hash the canonical JSON of the template instead. The collision count is
 * appended as 4 little-endian bytes as upstream does, and the result is rendered the same way.
 */
export function computeHash(template: unknown, collisionCount?: number): string {
  const extra = collisionCount === undefined || collisionCount === null
    ? []
    : [collisionCount & 0xff, (collisionCount >>> 8) & 0xff, (collisionCount >>> 16) & 0xff, (collisionCount >>> 24) & 0xff];
  return safeEncodeString(String(fnv32a(canonicalJson(template), extra)));
}
