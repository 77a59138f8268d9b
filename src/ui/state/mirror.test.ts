import { describe, expect, it } from 'vitest';
import type { NamespaceView, Push, ViewDelta } from '../engine-client/protocol';
import { applyDeltas, emptyMirror } from './mirror';

const ns = (name: string, phase = 'Active'): NamespaceView => ({ key: name, name, phase });
const delta = (upsert: NamespaceView[], remove: string[] = []): ViewDelta => ({ kind: 'Namespace', upsert, remove });
const push = (deltas: ViewDelta[], resync = false): Pick<Push, 'resync' | 'deltas'> => ({ resync, deltas });

describe('applyDeltas', () => {
  it('adds upserted views by key', () => {
    const m = applyDeltas(emptyMirror(), push([delta([ns('default'), ns('kube-system')])]));
    expect(Object.keys(m.Namespace)).toEqual(['default', 'kube-system']);
  });

  it('replaces a view with its newer state and removes deleted keys', () => {
    let m = applyDeltas(emptyMirror(), push([delta([ns('a'), ns('b')])]));
    m = applyDeltas(m, push([delta([ns('a', 'Terminating')], ['b'])]));
    expect(m.Namespace).toEqual({ a: ns('a', 'Terminating') });
  });

  it('drops everything first on a resync', () => {
    let m = applyDeltas(emptyMirror(), push([delta([ns('old')])]));
    m = applyDeltas(m, push([delta([ns('new')])], true));
    expect(Object.keys(m.Namespace)).toEqual(['new']);
  });

  it('keeps the identity of kinds that did not change', () => {
    const m1 = applyDeltas(emptyMirror(), push([delta([ns('a')])]));
    const m2 = applyDeltas(m1, push([{ kind: 'Pod', upsert: [], remove: ['x/y'] }]));
    expect(m2.Namespace).toBe(m1.Namespace);
    expect(m2.Pod).not.toBe(m1.Pod);
  });

  it('returns the same mirror when a push carries no deltas', () => {
    const m1 = applyDeltas(emptyMirror(), push([delta([ns('a')])]));
    expect(applyDeltas(m1, push([]))).toBe(m1);
  });
});
