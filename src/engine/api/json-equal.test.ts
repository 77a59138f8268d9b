import { describe, expect, it } from 'vitest';
import { jsonEqual, semanticEqual } from './json-equal';

const cases: [string, unknown, unknown][] = [
  ['same scalars', 1, 1],
  ['different scalars', 1, 2],
  ['string and number', '1', 1],
  ['null and undefined', null, undefined],
  ['undefined and undefined', undefined, undefined],
  ['NaN and null', NaN, null],
  ['Infinity and null inside an array', [Infinity], [null]],
  ['undefined and null inside an array', [undefined], [null]],
  ['-0 and 0', -0, 0],
  ['same keys in the same order', { a: 1, b: { c: [1, 2] } }, { a: 1, b: { c: [1, 2] } }],
  ['same keys in another order', { a: 1, b: 2 }, { b: 2, a: 1 }],
  ['an undefined property and a missing one', { a: 1, b: undefined }, { a: 1 }],
  ['a missing property and an undefined one', { a: 1 }, { b: undefined, a: 1 }],
  ['a function property and a missing one', { a: 1, f: () => 1 }, { a: 1 }],
  ['an extra key', { a: 1 }, { a: 1, b: 2 }],
  ['an object and an array', {}, []],
  ['arrays of different length', [1], [1, 1]],
  ['a Date and its string', { t: new Date(0) }, { t: '1970-01-01T00:00:00.000Z' }],
  ['a nested difference', { a: { b: { c: 'x' } } }, { a: { b: { c: 'y' } } }],
  ['a null and an object', { a: null }, { a: {} }],
  ['empty objects', {}, {}],
];

describe('jsonEqual', () => {
  it.each(cases)('answers as the JSON texts compare: %s', (_name, a, b) => {
    expect(jsonEqual(a, b)).toBe(JSON.stringify(a) === JSON.stringify(b));
  });

  it('compares shared frozen parts by reference', () => {
    const spec = Object.freeze({ containers: Object.freeze([Object.freeze({ name: 'a' })]) });
    expect(jsonEqual({ spec, status: { phase: 'Running' } }, { spec, status: { phase: 'Running' } })).toBe(true);
    expect(jsonEqual({ spec, status: { phase: 'Running' } }, { spec, status: { phase: 'Pending' } })).toBe(false);
  });
});

describe('semanticEqual', () => {
  it.each([
    [{ a: 1, b: 2 }, { b: 2, a: 1 }, true],
    [{ metadata: { creationTimestamp: null, labels: { app: 'web' } } }, { metadata: { labels: { app: 'web' } } }, true],
    [{ a: [1, 2] }, { a: [2, 1] }, false],
    [{ a: 1 }, { a: 1, b: 0 }, false],
    [{ a: { x: undefined } }, { a: {} }, true],
  ])('compares %j and %j as Go decodes them: %s', (a, b, want) => {
    expect(semanticEqual(a, b)).toBe(want);
  });
});
