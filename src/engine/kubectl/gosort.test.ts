import { describe, expect, it } from 'vitest';
import { goSort } from './gosort';

describe('goSort', () => {
  it('sorts like any sort when keys differ', () => {
    const xs = [5, 3, 9, 1, 7, 2, 8, 6, 4, 0, 15, 12, 11, 14, 13, 10];
    expect(goSort([...xs], (a, b) => a < b)).toEqual([...xs].sort((a, b) => a - b));
  });

  it('keeps insertion-sort (stable) order for 12 elements or fewer', () => {
    const xs = [2, 1, 2, 1, 2, 1].map((k, i) => ({ k, i }));
    expect(goSort(xs, (a, b) => a.k < b.k).map((x) => x.i)).toEqual([1, 3, 5, 0, 2, 4]);
  });

  it("orders equal keys as Go's pdqsort does beyond 12 elements", () => {
    // Keys of the kube-system events of testdata/state.json (seconds after 09:00:00) in list
    // order; the expected order is what kubectl v1.32 printed for `kubectl events -n kube-system`.
    const keys = [0, 5, 5, 7, 7, 7, 0, 5, 5, 7, 7, 7, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0];
    const order = goSort(keys.map((k, i) => ({ k, i })), (a, b) => a.k < b.k).map((x) => x.i);
    expect(order).toEqual([21, 24, 15, 14, 28, 27, 6, 19, 17, 20, 23, 22, 12, 13, 29, 0, 16, 25, 18, 26, 8, 2, 1, 7, 11, 10, 9, 5, 4, 3]);
  });
});
