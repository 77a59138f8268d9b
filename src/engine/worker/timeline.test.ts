import { describe, expect, it } from 'vitest';
import { EngineHost } from './host';

/** A session: namespace a, 5 s later namespace b, 5 s later the end. */
function session() {
  const h = new EngineHost({ nodes: 1, seed: 6 });
  h.openTerminal('t', 120);
  const wait = (s: number) => {
    for (let i = 0; i < s; i++) h.tick(1000);
  };
  wait(2);
  h.input('t', 'kubectl create namespace a\r');
  const tA = h.status().nowMs;
  wait(5);
  h.input('t', 'kubectl create namespace b\r');
  const tB = h.status().nowMs;
  wait(5);
  return { h, wait, tA, tB, end: h.status().nowMs };
}

const ns = (h: EngineHost, name: string) => h.current.api.find('Namespace', undefined, name);

describe('time travel', () => {
  it('rewinds the cluster to an earlier moment and pauses there', () => {
    const { h, tA, tB, end } = session();
    const s = h.travel(tA + 2000);
    expect(s).toMatchObject({ nowMs: tA + 2000, paused: true, ahead: 1, endMs: end });
    expect(ns(h, 'a')).toBeDefined();
    expect(ns(h, 'b')).toBeUndefined();
    expect(h.timeline().marks.map((m) => [m.t, m.label])).toEqual([
      [tA, 'kubectl create namespace a'],
      [tB, 'kubectl create namespace b'],
    ]);
  });

  it('replays the later actions at their moments when time runs again, to the same cluster', () => {
    const { h, wait, tA } = session();
    const original = ns(h, 'b')!.metadata;
    const journal = h.journal();
    h.travel(tA);
    h.setPaused(false);
    wait(10);
    expect(ns(h, 'b')!.metadata).toEqual(original);
    expect(h.status().ahead).toBe(0);
    expect(h.journal().entries).toEqual(journal.entries);
    const shown = (h.flush()?.terminal ?? []).map((o) => o.data).join('');
    expect(shown).toContain('kubectl create namespace b\r\nnamespace/b created');
  });

  it('branches when the learner does something new after a rewind', () => {
    const { h, tA } = session();
    h.travel(tA + 1000);
    h.input('t', 'kubectl create namespace c\r');
    expect(h.status().ahead).toBe(0);
    expect(h.journal().entries.map((e) => (e.op === 'input' ? e.input : e.op))).toEqual(['kubectl create namespace a', 'kubectl create namespace c']);
  });

  it('steps to the next recorded action', () => {
    const { h, tA, tB } = session();
    h.travel(tA + 1000);
    for (let i = 0; i < 50 && ns(h, 'b') === undefined; i++) h.step();
    expect(ns(h, 'b')).toBeDefined();
    expect(h.status().nowMs).toBeGreaterThanOrEqual(tB);
  });

  it('refuses a moment outside the session', () => {
    const { h, end } = session();
    expect(() => h.travel(end + 1)).toThrow('that moment is outside this session');
    expect(() => h.travel(0)).toThrow('that moment is outside this session');
  });
});
