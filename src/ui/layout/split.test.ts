import { describe, expect, it } from 'vitest';
import { clampFraction, fractionAt, fractionForKey } from './split';

describe('split arithmetic', () => {
  it.each([
    [0.5, 0.5],
    [0.05, 0.15],
    [0.99, 0.85],
    [Number.NaN, 0.5],
  ])('clamps %s to %s', (f, want) => {
    expect(clampFraction(f)).toBeCloseTo(want);
  });

  it('turns a pointer position into a fraction of the container', () => {
    expect(fractionAt(300, 100, 800)).toBeCloseTo(0.25);
    expect(fractionAt(0, 100, 800)).toBeCloseTo(0.15);
    expect(fractionAt(50, 0, 0)).toBe(0.5);
  });

  it.each([
    ['ArrowRight', false, 0.52],
    ['ArrowLeft', false, 0.48],
    ['ArrowDown', true, 0.52],
    ['ArrowUp', true, 0.48],
    ['PageDown', false, 0.6],
    ['Home', false, 0.15],
    ['End', true, 0.85],
  ])('moves with %s (vertical %s) to %s', (key, vertical, want) => {
    expect(fractionForKey(key, 0.5, vertical)).toBeCloseTo(want);
  });

  it('ignores keys that do not move the separator', () => {
    expect(fractionForKey('ArrowDown', 0.5, false)).toBeUndefined();
    expect(fractionForKey('a', 0.5, true)).toBeUndefined();
  });
});
