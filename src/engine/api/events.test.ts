import { describe, expect, it } from 'vitest';
import { nanosHex } from './events';

describe('nanosHex', () => {
  it.each([
    [0, 0],
    [1, 999_999],
    [4_294_967_295, 1],
    [4_294_967_296, 0],
    [Date.UTC(2026, 10, 26, 9, 0, 0), 0],
    [Date.UTC(2026, 10, 26, 9, 5, 0, 123), 123_456],
    [8.64e15 - 1, 999_999],
  ])('prints ms %d plus %d ns in hexadecimal nanoseconds as BigInt does', (ms, extra) => {
    expect(nanosHex(ms, extra)).toBe((BigInt(ms) * 1_000_000n + BigInt(extra)).toString(16));
  });
});
