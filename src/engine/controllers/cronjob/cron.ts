/**
 * Cron schedules as the CronJob controller reads them: github.com/robfig/cron/v3
 * `ParseStandard` (5 fields: minute hour day-of-month month day-of-week; `*`, `?`, ranges
 * `a-b`, steps `/n`, lists `a,b`, month and weekday names; descriptors @yearly @annually
 * @monthly @weekly @daily @midnight @hourly @every <duration>; a `TZ=` or `CRON_TZ=` prefix)
 * with its exact error texts, and `SpecSchedule.Next` (the first matching second after a time,
 * in the schedule's time zone, giving up after five years).
 *
 * Time zones come from the host's Intl data (the IANA database, as Go's time.LoadLocation).
 */

/** A parsed schedule. */
export interface Schedule {
  /** The first activation strictly after `ms` (UTC ms), or undefined if none within 5 years. */
  next(ms: number): number | undefined;
}

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const STAR_BIT = 2n ** 63n;
const MINUTES: Bounds = { min: 0, max: 59 };
const HOURS: Bounds = { min: 0, max: 23 };
const DOM: Bounds = { min: 1, max: 31 };
const MONTHS: Bounds = { min: 1, max: 12, names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 } };
const DOW: Bounds = { min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } };

/** The error robfig/cron returns; its message is what the API and events quote. */
export class CronError extends Error {}

/** strconv.Atoi with Go's error text. */
function atoi(expr: string): number {
  if (!/^[+-]?\d+$/.test(expr)) throw new CronError(`failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: invalid syntax`);
  const n = Number(expr);
  if (Math.abs(n) > 2 ** 63) throw new CronError(`failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: value out of range`);
  return n;
}

function mustParseInt(expr: string): number {
  const n = atoi(expr);
  if (n < 0) throw new CronError(`negative number (${n}) not allowed: ${expr}`);
  return n;
}

function parseIntOrName(expr: string, names?: Record<string, number>): number {
  if (names) {
    const v = names[expr.toLowerCase()];
    if (v !== undefined) return v;
  }
  return mustParseInt(expr);
}

function bits(min: number, max: number, step: number): bigint {
  let b = 0n;
  if (step === 1) {
    for (let i = min; i <= max; i++) b |= 1n << BigInt(i);
    return b;
  }
  for (let i = min; i <= max; i += step) b |= 1n << BigInt(i);
  return b;
}

/** getRange: one `a-b/n` term. */
function getRange(expr: string, r: Bounds): bigint {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0].split('-');
  const singleDigit = lowAndHigh.length === 1;
  let start: number;
  let end: number;
  let extra = 0n;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = r.min;
    end = r.max;
    extra = STAR_BIT;
  } else {
    start = parseIntOrName(lowAndHigh[0], r.names);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = parseIntOrName(lowAndHigh[1], r.names);
    else throw new CronError(`too many hyphens: ${expr}`);
  }
  let step: number;
  if (rangeAndStep.length === 1) step = 1;
  else if (rangeAndStep.length === 2) {
    step = mustParseInt(rangeAndStep[1]);
    if (singleDigit) end = r.max;
    if (step > 1) extra = 0n;
  } else throw new CronError(`too many slashes: ${expr}`);
  if (start < r.min) throw new CronError(`beginning of range (${start}) below minimum (${r.min}): ${expr}`);
  if (end > r.max) throw new CronError(`end of range (${end}) above maximum (${r.max}): ${expr}`);
  if (start > end) throw new CronError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new CronError(`step of range should be a positive number: ${expr}`);
  return bits(start, end, step) | extra;
}

function getField(field: string, r: Bounds): bigint {
  let b = 0n;
  for (const expr of field.split(',')) b |= getRange(expr, r);
  return b;
}

/** Go's time.ParseDuration for @every. */
function parseGoDuration(s: string): number {
  const orig = s;
  const bad = () => new CronError(`failed to parse duration @every ${orig}: time: invalid duration ${JSON.stringify(orig)}`);
  if (s === '0') return 0;
  if (s === '') throw bad();
  const units: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let total = 0;
  let rest = s.replace(/^[+-]/, '');
  if (rest === '') throw bad();
  while (rest) {
    const m = /^(\d*\.?\d*)(ns|us|µs|ms|s|m|h)/.exec(rest);
    if (!m || m[1] === '' || m[1] === '.') {
      if (/^\d*\.?\d*$/.test(rest)) throw new CronError(`failed to parse duration @every ${orig}: time: missing unit in duration ${JSON.stringify(orig)}`);
      throw bad();
    }
    total += Number(m[1]) * units[m[2]];
    rest = rest.slice(m[0].length);
  }
  return s.startsWith('-') ? -total : total;
}

interface Spec {
  minute: bigint;
  hour: bigint;
  dom: bigint;
  month: bigint;
  dow: bigint;
}

const has = (set: bigint, v: number): boolean => ((set >> BigInt(v)) & 1n) === 1n;

/** Local calendar fields of an instant in a time zone. */
interface Parts {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  wd: number;
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
const formatters = new Map<string, Intl.DateTimeFormat>();

function partsIn(ms: number, tz: string): Parts {
  if (tz === 'UTC') {
    const d = new Date(ms);
    return { y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), mi: d.getUTCMinutes(), s: d.getUTCSeconds(), wd: d.getUTCDay() };
  }
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', weekday: 'short' });
    formatters.set(tz, f);
  }
  const p: Record<string, string> = {};
  for (const x of f.formatToParts(new Date(ms))) p[x.type] = x.value;
  return { y: Number(p.year), mo: Number(p.month), d: Number(p.day), h: Number(p.hour) % 24, mi: Number(p.minute), s: Number(p.second), wd: WEEKDAYS[p.weekday] };
}

/** Whether Go's time.LoadLocation would know `tz`. */
export function isKnownTimeZone(tz: string): boolean {
  if (tz === 'UTC' || tz === 'Local') return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function daysInMonth(y: number, mo: number): number {
  return new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

class SpecSchedule implements Schedule {
  constructor(
    private spec: Spec,
    private tz: string,
  ) {}

  private dayMatches(p: Parts): boolean {
    const domMatch = has(this.spec.dom, p.d);
    const dowMatch = has(this.spec.dow, p.wd);
    if ((this.spec.dom & STAR_BIT) !== 0n || (this.spec.dow & STAR_BIT) !== 0n) return domMatch && dowMatch;
    return domMatch || dowMatch;
  }

  next(ms: number): number | undefined {
    // The upcoming whole second, then jump field by field in local wall time.
    let t = Math.floor(ms / 1000) * 1000 + 1000;
    const yearLimit = partsIn(t, this.tz).y + 5;
    for (let guard = 0; guard < 100_000; guard++) {
      const p = partsIn(t, this.tz);
      if (p.y > yearLimit) return undefined;
      const intoDay = ((p.h * 60 + p.mi) * 60 + p.s) * 1000;
      if (!has(this.spec.month, p.mo)) {
        t += (daysInMonth(p.y, p.mo) - p.d + 1) * 86_400_000 - intoDay;
        continue;
      }
      if (!this.dayMatches(p)) {
        t += 86_400_000 - intoDay;
        continue;
      }
      if (!has(this.spec.hour, p.h)) {
        t += 3_600_000 - (p.mi * 60 + p.s) * 1000;
        continue;
      }
      if (!has(this.spec.minute, p.mi)) {
        t += 60_000 - p.s * 1000;
        continue;
      }
      if (p.s !== 0) {
        t += 60_000 - p.s * 1000;
        continue;
      }
      return t;
    }
    return undefined;
  }
}

/** ConstantDelaySchedule (@every): activations every `delay`, rounded to whole seconds. */
class EverySchedule implements Schedule {
  constructor(private delayMs: number) {}
  next(ms: number): number {
    return Math.floor((ms + this.delayMs) / 1000) * 1000;
  }
}

const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

/** Go's `%s` of a []string: `[a b c]`. */
function goSlice(fields: string[]): string {
  return `[${fields.join(' ')}]`;
}

/**
 * cron.ParseStandard. `defaultTz` is the zone of schedules without a TZ= prefix (the
 * controller manager's local zone: UTC in a kind or kubeadm cluster). Throws CronError.
 */
export function parseStandard(spec: string, defaultTz = 'UTC'): Schedule {
  if (spec.length === 0) throw new CronError('empty spec string');
  let tz = defaultTz;
  if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
    const i = spec.indexOf(' ');
    const eq = spec.indexOf('=');
    const name = i < 0 ? spec.slice(eq + 1) : spec.slice(eq + 1, i);
    if (!isKnownTimeZone(name)) throw new CronError(`provided bad location ${name}: unknown time zone ${name}`);
    tz = name === 'Local' ? defaultTz : name;
    spec = i < 0 ? '' : spec.slice(i).trim();
  }
  if (spec.startsWith('@')) {
    if (spec.startsWith('@every ')) {
      const d = parseGoDuration(spec.slice('@every '.length));
      return new EverySchedule(Math.max(1000, Math.floor(d / 1000) * 1000));
    }
    const std = DESCRIPTORS[spec];
    if (!std) throw new CronError(`unrecognized descriptor: ${spec}`);
    spec = std;
  }
  const fields = spec.split(/\s+/).filter(Boolean);
  if (fields.length !== 5) throw new CronError(`expected exactly 5 fields, found ${fields.length}: ${goSlice(fields)}`);
  const s: Spec = {
    minute: getField(fields[0], MINUTES),
    hour: getField(fields[1], HOURS),
    dom: getField(fields[2], DOM),
    month: getField(fields[3], MONTHS),
    dow: getField(fields[4], DOW),
  };
  return new SpecSchedule(s, tz);
}

/** The time in `tz` as RFC 3339 with its offset (`2025-01-01T10:00:00+01:00`), as Go formats it. */
export function rfc3339In(ms: number, tz: string): string {
  const p = partsIn(ms, tz);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const local = Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s);
  const offMin = Math.round((local - Math.floor(ms / 1000) * 1000) / 60_000);
  const base = `${pad(p.y, 4)}-${pad(p.mo)}-${pad(p.d)}T${pad(p.h)}:${pad(p.mi)}:${pad(p.s)}`;
  if (offMin === 0) return `${base}Z`;
  const sign = offMin < 0 ? '-' : '+';
  const a = Math.abs(offMin);
  return `${base}${sign}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}
