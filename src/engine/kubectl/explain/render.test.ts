/**
 * `kubectl explain` against real kubectl v1.32: testdata/explain-golden.json holds what the
 * real kubectl printed when served an OpenAPI v3 document built from the same bundled schema,
 * so these tests check the plaintext template's layout (FIELD/DESCRIPTION/FIELDS, type names,
 * -required-, wrapping, --recursive, errors) byte for byte.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster';
import golden from '../testdata/explain-golden.json';
import { runKubectl } from '../testing';
import { typeGuess, wrap, type Schema } from './render';

const cluster = createCluster({ bare: true });

describe('kubectl explain against real kubectl v1.32 output', () => {
  it.each(golden)('$cmd prints what kubectl v1.32 prints', ({ cmd, out, err, code }) => {
    const r = runKubectl(cluster, cmd);
    expect(r.out).toBe(out);
    expect(r.err).toBe(err);
    expect(r.code ?? 0).toBe(code);
  });
});

describe('explain helpers', () => {
  it.each([
    ['short words fit', 'a b c', 10, 'a b c'],
    ['breaks before the word that overflows', 'aaaa bbbb cccc', 9, 'aaaa bbbb\ncccc'],
    ['keeps existing newlines', 'one\ntwo three', 5, 'one\ntwo\nthree'],
  ])('wraps: %s', (_, text, lim, want) => {
    expect(wrap(text, lim)).toBe(want);
  });

  it.each<[Schema, string]>([
    [{ type: 'array', items: { allOf: [{ ref: 'core.v1.Container' }] } }, '[]Container'],
    [{ type: 'object', additionalProperties: { type: 'string' } }, 'map[string]string'],
    [{ allOf: [{ ref: 'Time' }] }, 'string'],
    [{ allOf: [{ ref: 'Quantity' }] }, 'Quantity'],
    [{ type: 'object' }, 'Object'],
  ])('guesses the type of %j as %s', (s, want) => {
    expect(typeGuess(s)).toBe(want);
  });
});
