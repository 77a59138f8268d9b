import { describe, expect, it } from 'vitest';
import type { EventView } from '../../engine-client/protocol';
import { filterEvents, timeAgo } from './events';

function ev(key: string, lastMs: number, extra: Partial<EventView> = {}): EventView {
  return {
    key, namespace: 'default', type: 'Normal', reason: 'Scheduled', message: 'Successfully assigned default/web to node-1',
    involved: { kind: 'Pod', namespace: 'default', name: 'web' }, source: 'default-scheduler', count: 1, lastMs, ...extra,
  };
}

describe('filterEvents', () => {
  const all = [
    ev('default/a', 1000),
    ev('default/b', 3000, { type: 'Warning', reason: 'FailedScheduling', message: '0/4 nodes are available' }),
    ev('default/c', 2000, { reason: 'Pulled', involved: { kind: 'Pod', namespace: 'default', name: 'db' } }),
  ];

  it('lists newest first', () => {
    expect(filterEvents(all, '', false).map((e) => e.key)).toEqual(['default/b', 'default/c', 'default/a']);
  });

  it('keeps only warnings when asked', () => {
    expect(filterEvents(all, '', true).map((e) => e.key)).toEqual(['default/b']);
  });

  it('matches text in reason, message or object, ignoring case', () => {
    expect(filterEvents(all, 'pulled', false).map((e) => e.key)).toEqual(['default/c']);
    expect(filterEvents(all, 'pod/db', false).map((e) => e.key)).toEqual(['default/c']);
    expect(filterEvents(all, 'NODES ARE', false).map((e) => e.key)).toEqual(['default/b']);
  });
});

describe('timeAgo (HumanDuration)', () => {
  it.each([
    [0, '0s'], [45, '45s'], [119, '119s'], [120, '2m'], [200, '3m20s'], [600, '10m'], [179 * 60, '179m'],
    [3 * 3600, '3h'], [2 * 3600 + 5 * 60 + 600 * 0, '125m'], [7 * 3600 + 30 * 60, '7h30m'], [30 * 3600, '30h'],
    [50 * 3600, '2d2h'], [10 * 86400, '10d'], [800 * 86400, '2y70d'],
  ])('%i s ago is %s', (s, want) => {
    expect(timeAgo(s * 1000, 0)).toBe(want);
  });
});
