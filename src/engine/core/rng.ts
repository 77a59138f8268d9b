/**
 * Seeded randomness for the simulated cluster. Every random choice in the engine (pod name
 * suffixes, IP picks, backend choice in kube-proxy) goes through one Rng so that a session
 * replays identically for a given seed.
 *
 * The generator is sfc32 (small fast counter), seeded through splitmix32 so that small seeds
 * (1, 2, 3 ...) still give well-spread streams.
 */

/** kube's utilrand alphabet: no vowels (no words), no 0/1/3 (look like letters). */
export const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** Two lower-case hex digits of each byte value. */
const HEX_BYTE: readonly string[] = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const next = (): number => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** A uniformly distributed unsigned 32-bit integer. */
  uint32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** A float in [0, 1). */
  float(): number {
    return this.uint32() / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** `n` characters of kube's name alphabet, as in `utilrand.String(5)` for generateName. */
  suffix(n = 5): string {
    let out = '';
    for (let i = 0; i < n; i++) out += NAME_ALPHABET[this.int(NAME_ALPHABET.length)];
    return out;
  }

  /** Lower-case hex of `bytes` random bytes (uids, container ids). */
  hex(bytes: number): string {
    // Joined once: appending two characters at a time leaves a rope of small strings that
    // stays in memory as long as the id does (a container id would take 1.5 KB instead of 80 B).
    const parts = new Array<string>(bytes);
    for (let i = 0; i < bytes; i++) parts[i] = HEX_BYTE[this.int(256)];
    return parts.join('');
  }

  /** An RFC 4122 version-4 UUID, as the apiserver assigns to metadata.uid. */
  uuid(): string {
    const h = this.hex(16);
    const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
    return [h.slice(0, 8), '-', h.slice(8, 12), '-4', h.slice(13, 16), '-', variant, h.slice(17, 20), '-', h.slice(20, 32)].join('');
  }
}
