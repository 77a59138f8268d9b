/**
 * resource.Quantity as the apiserver parses and re-prints it (k8s.io/apimachinery
 * pkg/api/resource/quantity.go): exact decimal arithmetic on BigInt, the three formats
 * (BinarySI `Ki`..., DecimalSI `m`, `k`, `M`..., DecimalExponent `e3`) and the canonical form the
 * apiserver stores (`0.5` -> `500m`, `1024Mi` -> `1Gi`, `1.5Gi` -> `1536Mi`).
 */

/** The regular expression text of the apiserver's parse error. */
export const MSG_QUANTITY_SYNTAX = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

type Format = 'BinarySI' | 'DecimalSI' | 'DecimalExponent';

/** An exact quantity: value = num * 10^scale (scale may be negative). */
export interface Quantity {
  num: bigint;
  scale: number;
  format: Format;
}

const BIN: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DEC: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const RE = /^([+-]?)([0-9]*)(?:\.([0-9]*))?(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$/;

/** Parses a quantity; undefined when the text does not match Kubernetes' syntax. */
export function parseQuantity(input: unknown): Quantity | undefined {
  if (typeof input === 'number') input = String(input);
  if (typeof input !== 'string') return undefined;
  const s = input.trim();
  const m = RE.exec(s);
  if (!m) return undefined;
  const [, sign, whole, frac = '', suffix = ''] = m;
  if (whole === '' && frac === '') return undefined;
  let num = BigInt((whole || '0') + frac) * (sign === '-' ? -1n : 1n);
  let scale = -frac.length;
  let format: Format = 'DecimalSI';
  if (suffix in BIN) {
    format = 'BinarySI';
    num *= 1n << BigInt(BIN[suffix]);
  } else if (suffix in DEC) {
    scale += DEC[suffix];
  } else if (suffix) {
    format = 'DecimalExponent';
    scale += Number(suffix.slice(1));
  }
  return normalize({ num, scale, format });
}

function normalize(q: Quantity): Quantity {
  let { num, scale } = q;
  if (num === 0n) return { num: 0n, scale: 0, format: q.format };
  while (num % 10n === 0n) {
    num /= 10n;
    scale++;
  }
  // The apiserver keeps nano precision at most, rounding up (Quantity.RoundUp(-9)).
  if (scale < -9) {
    const div = 10n ** BigInt(-9 - scale);
    const rounded = num / div + (num % div !== 0n && num > 0n ? 1n : 0n);
    return normalize({ num: rounded, scale: -9, format: q.format });
  }
  return { num, scale, format: q.format };
}

/** The value as a JS number (approximate for huge values). */
export function toNumber(q: Quantity): number {
  return Number(q.num) * 10 ** q.scale;
}

/** Quantity.MilliValue(), rounded up. */
export function milliValue(q: Quantity): number {
  return Math.ceil(toNumber(q) * 1000 - 1e-9);
}

/** -1, 0, 1 as Quantity.Cmp. */
export function compare(a: Quantity, b: Quantity): number {
  const s = Math.min(a.scale, b.scale);
  const x = a.num * 10n ** BigInt(a.scale - s);
  const y = b.num * 10n ** BigInt(b.scale - s);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function isNegative(q: Quantity): boolean {
  return q.num < 0n;
}

/** Sum of two quantities, keeping the first one's format. */
export function add(a: Quantity, b: Quantity): Quantity {
  const s = Math.min(a.scale, b.scale);
  return normalize({ num: a.num * 10n ** BigInt(a.scale - s) + b.num * 10n ** BigInt(b.scale - s), scale: s, format: a.format });
}

/** Quantity.String(): the canonical text. */
export function formatQuantity(q: Quantity): string {
  if (q.num === 0n) return '0';
  if (q.format === 'BinarySI' && q.scale >= 0) {
    const v = q.num * 10n ** BigInt(q.scale);
    const abs = v < 0n ? -v : v;
    if (abs >= 1024n) {
      let exp = 0;
      let mant = v;
      while (exp < 60 && mant % 1024n === 0n && (mant < 0n ? -mant : mant) >= 1024n) {
        mant /= 1024n;
        exp += 10;
      }
      if (exp > 0) {
        const suffix = Object.keys(BIN).find((k) => BIN[k] === exp)!;
        return `${mant}${suffix}`;
      }
    } else {
      return String(v);
    }
    // Not a multiple of 1024: printed as DecimalSI.
  }
  // DecimalSI / DecimalExponent: the largest exponent (a multiple of 3) keeping an integer mantissa.
  let exp = Math.floor(q.scale / 3) * 3;
  if (exp > 18) exp = 18;
  if (exp < -9) exp = -9;
  const mant = q.num * 10n ** BigInt(q.scale - exp);
  if (q.format === 'DecimalExponent') return exp === 0 ? String(mant) : `${mant}e${exp}`;
  const suffix = Object.keys(DEC).find((k) => DEC[k] === exp)!;
  return `${mant}${suffix}`;
}

/** Canonical text of a quantity string, or undefined if it does not parse. */
export function canonicalQuantity(input: unknown): string | undefined {
  const q = parseQuantity(input);
  return q && formatQuantity(q);
}
