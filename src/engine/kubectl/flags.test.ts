import { describe, expect, it } from 'vitest';
import { boolFlag, formatGoDuration, intFlag, parseFlags, parseGoDuration, stringArrayFlag, stringFlag, stringSliceFlag } from './flags';

const specs = [
  stringFlag('namespace', { short: 'n' }),
  stringFlag('output', { short: 'o' }),
  boolFlag('stdin', { short: 'i' }),
  boolFlag('tty', { short: 't' }),
  intFlag('replicas'),
  stringArrayFlag('env'),
  stringSliceFlag('filename', { short: 'f' }),
  stringFlag('dry-run', { default: 'none', noOptDefault: 'unchanged' }),
];

describe('parseFlags', () => {
  it('reads long, short, attached and grouped forms', () => {
    const r = parseFlags(['run', '-it', '-nkube-system', '--replicas=3', '-oyaml', 'x', '--env', 'A=1', '--env=B=2', '-f', 'a,b', '-f=c'], specs);
    expect(r.args).toEqual(['run', 'x']);
    expect(r.flags.bool('stdin')).toBe(true);
    expect(r.flags.bool('tty')).toBe(true);
    expect(r.flags.string('namespace')).toBe('kube-system');
    expect(r.flags.int('replicas')).toBe(3);
    expect(r.flags.string('output')).toBe('yaml');
    expect(r.flags.strings('env')).toEqual(['A=1', 'B=2']);
    expect(r.flags.strings('filename')).toEqual(['a', 'b', 'c']);
    expect(r.flags.changed('replicas')).toBe(true);
    expect(r.flags.changed('dry-run')).toBe(false);
  });

  it('keeps words after -- as arguments and records where the dash was', () => {
    const r = parseFlags(['web', '--', 'sh', '-c', 'echo hi'], specs);
    expect(r.args).toEqual(['web', 'sh', '-c', 'echo hi']);
    expect(r.argsLenAtDash).toBe(1);
  });

  it('gives an optional-value flag its no-option default', () => {
    expect(parseFlags(['--dry-run'], specs).flags.string('dry-run')).toBe('unchanged');
    expect(parseFlags(['--dry-run=client'], specs).flags.string('dry-run')).toBe('client');
    expect(parseFlags([], specs).flags.string('dry-run')).toBe('none');
  });

  it('does not take the next word as a bool value', () => {
    const r = parseFlags(['-i', 'false'], specs);
    expect(r.flags.bool('stdin')).toBe(true);
    expect(r.args).toEqual(['false']);
  });

  it.each([
    [['--replica'], 'unknown flag: --replica'],
    [['-z'], "unknown shorthand flag: 'z' in -z"],
    [['--replicas'], 'flag needs an argument: --replicas'],
    [['-n'], "flag needs an argument: 'n' in -n"],
    [['-in'], "flag needs an argument: 'n' in -n"],
    [['--replicas=x'], 'invalid argument "x" for "--replicas" flag: strconv.ParseInt: parsing "x": invalid syntax'],
    [['--replicas', '99999999999999999999'], 'invalid argument "99999999999999999999" for "--replicas" flag: strconv.ParseInt: parsing "99999999999999999999": value out of range'],
    [['-i=maybe'], 'invalid argument "maybe" for "-i, --stdin" flag: strconv.ParseBool: parsing "maybe": invalid syntax'],
  ])('rejects %j with pflag\'s message', (args, msg) => {
    expect(() => parseFlags(args, specs)).toThrow(msg);
  });

  it.each([
    ['5s', 5000],
    ['1m30s', 90000],
    ['1.5h', 5400000],
    ['0', 0],
    ['300ms', 300],
  ])('parses the Go duration %s', (s, ms) => {
    expect(parseGoDuration(s)).toBe(ms);
  });

  it.each([
    [5000, '5s'],
    [90000, '1m30s'],
    [3600000, '1h0m0s'],
    [0, '0s'],
  ])('formats %d ms as Go does', (ms, s) => {
    expect(formatGoDuration(ms)).toBe(s);
  });
});
