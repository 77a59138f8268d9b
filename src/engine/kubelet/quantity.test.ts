import { describe, expect, it } from 'vitest';
import { canonicalQuantity, compare, parseQuantity } from './quantity';

describe('quantities', () => {
  it.each([
    ['0.5', '500m'],
    ['500m', '500m'],
    ['2', '2'],
    ['1000', '1k'],
    ['1500', '1500'],
    ['2000m', '2'],
    ['1024Mi', '1Gi'],
    ['1.5Gi', '1536Mi'],
    ['0.5Ki', '512'],
    ['128974848', '128974848'],
    ['129e6', '129e6'],
    ['1G', '1G'],
    ['100Mi', '100Mi'],
    ['0.1', '100m'],
    ['1e3', '1e3'],
  ])('canonicalizes %s as %s', (input, out) => {
    expect(canonicalQuantity(input)).toBe(out);
  });

  it.each(['1GB', 'abc', '', '1..2', 'Mi'])('rejects %s', (input) => {
    expect(canonicalQuantity(input)).toBeUndefined();
  });

  it('compares across formats', () => {
    expect(compare(parseQuantity('1Gi')!, parseQuantity('1024Mi')!)).toBe(0);
    expect(compare(parseQuantity('500m')!, parseQuantity('0.4')!)).toBe(1);
    expect(compare(parseQuantity('1G')!, parseQuantity('1Gi')!)).toBe(-1);
  });
});
