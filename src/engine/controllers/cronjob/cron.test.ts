import { describe, expect, it } from 'vitest';
import { CronError, parseStandard, rfc3339In } from './cron';

const at = (s: string) => Date.parse(s);
const iso = (ms: number | undefined) => (ms === undefined ? 'never' : new Date(ms).toISOString().replace('.000Z', 'Z'));

function parseError(spec: string): string {
  try {
    parseStandard(spec);
  } catch (e) {
    if (e instanceof CronError) return e.message;
    throw e;
  }
  return '';
}

describe('parseStandard', () => {
  it.each([
    ['* * * * *', '2025-01-01T10:00:30Z', '2025-01-01T10:01:00Z'],
    ['*/5 * * * *', '2025-01-01T10:01:00Z', '2025-01-01T10:05:00Z'],
    ['0 * * * *', '2025-01-01T10:00:00Z', '2025-01-01T11:00:00Z'],
    ['30 6-16/4 * * 1-5', '2025-01-03T15:00:00Z', '2025-01-06T06:30:00Z'],
    ['0 0 1 jan,jul *', '2025-02-01T00:00:00Z', '2025-07-01T00:00:00Z'],
    ['0 9 * * MON', '2025-01-01T00:00:00Z', '2025-01-06T09:00:00Z'],
    ['0 0 13 * 5', '2025-01-01T00:00:00Z', '2025-01-03T00:00:00Z'],
    ['@hourly', '2025-01-01T10:20:00Z', '2025-01-01T11:00:00Z'],
    ['@daily', '2025-01-01T10:20:00Z', '2025-01-02T00:00:00Z'],
    ['@weekly', '2025-01-01T10:20:00Z', '2025-01-05T00:00:00Z'],
    ['@monthly', '2025-01-15T10:20:00Z', '2025-02-01T00:00:00Z'],
    ['@yearly', '2025-01-15T10:20:00Z', '2026-01-01T00:00:00Z'],
    ['@every 90s', '2025-01-01T10:00:00Z', '2025-01-01T10:01:30Z'],
    ['TZ=America/New_York 0 9 * * *', '2025-01-01T00:00:00Z', '2025-01-01T14:00:00Z'],
    ['CRON_TZ=Asia/Tokyo 0 9 * * *', '2025-01-01T00:00:00Z', '2025-01-02T00:00:00Z'],
    ['0 0 30 2 *', '2025-01-01T00:00:00Z', 'never'],
  ])('%s after %s is %s', (spec, from, next) => {
    expect(iso(parseStandard(spec).next(at(from)))).toBe(next);
  });

  it.each([
    ['', 'empty spec string'],
    ['bad', 'expected exactly 5 fields, found 1: [bad]'],
    ['* * * *', 'expected exactly 5 fields, found 4: [* * * *]'],
    ['60 * * * *', 'end of range (60) above maximum (59): 60'],
    ['* * 0 * *', 'beginning of range (0) below minimum (1): 0'],
    ['5-2 * * * *', 'beginning of range (5) beyond end of range (2): 5-2'],
    ['*/0 * * * *', 'step of range should be a positive number: */0'],
    ['x * * * *', 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax'],
    ['1-2-3 * * * *', 'too many hyphens: 1-2-3'],
    ['*/2/3 * * * *', 'too many slashes: */2/3'],
    ['* * * * 7', 'end of range (7) above maximum (6): 7'],
    ['@fortnightly', 'unrecognized descriptor: @fortnightly'],
    ['TZ=Mars/Base 0 * * * *', 'provided bad location Mars/Base: unknown time zone Mars/Base'],
  ])('rejects %j with robfig/cron\'s error', (spec, msg) => {
    expect(parseError(spec)).toBe(msg);
  });

  it('formats a time in a zone as Go RFC 3339', () => {
    expect(rfc3339In(at('2025-01-01T14:00:00Z'), 'America/New_York')).toBe('2025-01-01T09:00:00-05:00');
    expect(rfc3339In(at('2025-01-01T14:00:00Z'), 'UTC')).toBe('2025-01-01T14:00:00Z');
  });
});
