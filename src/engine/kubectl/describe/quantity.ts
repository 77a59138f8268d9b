/**
 * Sums of resource quantities printed as resource.Quantity.String() does (for describe's
 * allocated resources): the sum keeps the first operand's format, BinarySI (`640Mi`) or
 * DecimalSI (`950m`, `2`).
 */
import { quantityValue } from '../../scheduler/resources';

export class QuantitySum {
  /** In milli-units, to stay exact for CPU. */
  private milli = 0;
  private binary: boolean | undefined;

  add(q: string | undefined): void {
    if (q === undefined) return;
    const v = quantityValue(q);
    if (!Number.isFinite(v)) return;
    if (this.binary === undefined) this.binary = /i$/.test(q.trim());
    this.milli += Math.round(v * 1000);
  }

  /** Quantity.MilliValue(). */
  milliValue(): number {
    return this.milli;
  }

  /** Quantity.Value() (rounded up). */
  value(): number {
    return Math.ceil(this.milli / 1000);
  }

  toString(): string {
    return formatMilli(this.milli, this.binary ?? false);
  }
}

const BIN = ['Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const DEC = ['', 'k', 'M', 'G', 'T', 'P', 'E'];

/** Quantity.String() of a value given in milli-units. */
export function formatMilli(milli: number, binary: boolean): string {
  if (milli === 0) return '0';
  if (binary && milli % 1000 === 0) {
    const v = milli / 1000;
    if (Math.abs(v) < 1024) return String(v);
    let exp = -1;
    let mant = v;
    while (exp < BIN.length - 1 && mant % 1024 === 0 && Math.abs(mant) >= 1024) {
      mant /= 1024;
      exp++;
    }
    if (exp >= 0) return `${mant}${BIN[exp]}`;
  }
  if (milli % 1000 !== 0) return `${milli}m`;
  let v = milli / 1000;
  let i = 0;
  while (i < DEC.length - 1 && v % 1000 === 0) {
    v /= 1000;
    i++;
  }
  return `${v}${DEC[i]}`;
}
