/**
 * Command-line flags as kubectl parses them: spf13/pflag semantics (as used through cobra),
 * with pflag's exact error texts.
 *
 * - long flags `--name=value`, `--name value`; bool flags take no separate value
 *   (`--watch=false` sets false; `--watch false` leaves `false` as an argument);
 * - short flags `-n ns`, `-nns`, `-n=ns`, and bool groups `-it`;
 * - `--` ends flag parsing: later words are arguments (their index is `argsLenAtDash`);
 * - flags may appear anywhere among the arguments (cobra's interspersed parsing);
 * - values are converted and checked as pflag's Value.Set does (strconv.ParseInt, ParseBool,
 *   time.ParseDuration), giving `invalid argument "x" for "--replicas" flag: ...`.
 *
 * Flag sets shared by many commands (global flags, print flags, filename flags) are defined
 * here so every command declares them the same way.
 */

export type FlagType = 'bool' | 'string' | 'int' | 'stringArray' | 'stringSlice' | 'duration' | 'float';

export interface FlagSpec {
  /** Long name without dashes (`replicas`). */
  name: string;
  /** One-letter shorthand (`n` for `-n`). */
  short?: string;
  type: FlagType;
  /** Default value: boolean, string, number, string[] or duration in ms. */
  default?: unknown;
  /**
   * The value a flag given without `=value` takes (pflag's NoOptDefVal). Bool flags have
   * `true`; `--dry-run` has `unchanged`, `--cascade` has `background`.
   */
  noOptDefault?: string;
  usage?: string;
  /** Hidden and deprecated flags are accepted but not listed. */
  hidden?: boolean;
  /** Deprecation notice, printed as pflag does: `Flag --x has been deprecated, <text>`. */
  deprecated?: string;
}

/** A pflag/cobra parse failure; kubectl prints it with `See '<cmd> --help' for usage.`. */
export class FlagError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FlagError';
  }
}

/** Parsed flags: typed getters and whether the user set a flag. */
export class Flags {
  constructor(
    private readonly specs: Map<string, FlagSpec>,
    private readonly values: Map<string, unknown>,
    private readonly set: Set<string>,
  ) {}

  /** Whether the user gave the flag (cobra's Flags().Changed). */
  changed(name: string): boolean {
    return this.set.has(name);
  }

  /** Whether the command declares the flag. */
  has(name: string): boolean {
    return this.specs.has(name);
  }

  private value(name: string): unknown {
    if (this.values.has(name)) return this.values.get(name);
    const spec = this.specs.get(name);
    if (!spec) throw new Error(`flag accessed but not defined: ${name}`);
    return spec.default ?? zero(spec.type);
  }

  bool(name: string): boolean {
    return this.value(name) as boolean;
  }

  string(name: string): string {
    return this.value(name) as string;
  }

  int(name: string): number {
    return this.value(name) as number;
  }

  float(name: string): number {
    return this.value(name) as number;
  }

  /** stringArray and stringSlice flags. */
  strings(name: string): string[] {
    return [...(this.value(name) as string[])];
  }

  /** Duration flags, in milliseconds. */
  duration(name: string): number {
    return this.value(name) as number;
  }

  /** Every flag the user set, as name -> value (for debugging and tests). */
  entries(): [string, unknown][] {
    return [...this.set].map((n) => [n, this.values.get(n)]);
  }
}

function zero(type: FlagType): unknown {
  switch (type) {
    case 'bool':
      return false;
    case 'string':
      return '';
    case 'int':
    case 'float':
    case 'duration':
      return 0;
    case 'stringArray':
    case 'stringSlice':
      return [];
  }
}

export interface ParseResult {
  flags: Flags;
  /** Positional arguments, in order, including those after `--`. */
  args: string[];
  /** How many arguments came before `--`, or -1 when there was none (cobra's ArgsLenAtDash). */
  argsLenAtDash: number;
  /** Whether `-h`/`--help` was given. */
  help: boolean;
  /** Deprecation warnings to print on stderr. */
  warnings: string[];
}

/** The name pflag uses in `invalid argument` errors: `-w, --watch` or `--tail`. */
function flagLabel(spec: FlagSpec): string {
  return spec.short ? `-${spec.short}, --${spec.name}` : `--${spec.name}`;
}

/** Go's strconv.ParseInt(s, 0, 64) as pflag's int flags call it; undefined if invalid. */
function parseGoInt(s: string): number | 'range' | undefined {
  let t = s.replace(/_/g, (m, i: number) => (i > 0 && i < s.length - 1 ? '' : m));
  let sign = 1;
  if (t.startsWith('+') || t.startsWith('-')) {
    if (t[0] === '-') sign = -1;
    t = t.slice(1);
  }
  let base = 10;
  if (/^0[xX]/.test(t)) {
    base = 16;
    t = t.slice(2);
  } else if (/^0[bB]/.test(t)) {
    base = 2;
    t = t.slice(2);
  } else if (/^0[oO]/.test(t)) {
    base = 8;
    t = t.slice(2);
  } else if (/^0\d/.test(t)) {
    base = 8;
    t = t.slice(1);
  }
  const digits = base === 16 ? /^[0-9a-fA-F]+$/ : base === 2 ? /^[01]+$/ : base === 8 ? /^[0-7]+$/ : /^\d+$/;
  if (!digits.test(t)) return undefined;
  const v = BigInt(base === 10 ? t : (base === 16 ? '0x' : base === 2 ? '0b' : '0o') + t) * BigInt(sign);
  if (v > 9223372036854775807n || v < -9223372036854775808n) return 'range';
  return Number(v);
}

/** Go's strconv.ParseBool. */
function parseGoBool(s: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  return undefined;
}

const DURATION_UNITS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  'µs': 1e-3,
  'μs': 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Go's time.ParseDuration, in milliseconds; undefined if invalid. */
export function parseGoDuration(s: string): number | undefined {
  let t = s;
  let sign = 1;
  if (t.startsWith('-') || t.startsWith('+')) {
    if (t[0] === '-') sign = -1;
    t = t.slice(1);
  }
  if (t === '0') return 0;
  if (t === '') return undefined;
  let total = 0;
  const re = /^(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/;
  while (t.length > 0) {
    const m = re.exec(t);
    if (!m) return undefined;
    total += parseFloat(m[1]) * DURATION_UNITS[m[2]];
    t = t.slice(m[0].length);
  }
  return sign * total;
}

/** Go's (time.Duration).String() for a number of milliseconds: `1m30s`, `5s`, `0s`. */
export function formatGoDuration(ms: number): string {
  if (ms === 0) return '0s';
  const neg = ms < 0;
  let rest = Math.abs(ms);
  let out = '';
  if (rest < 1000) {
    out = `${+rest.toFixed(6)}ms`;
  } else {
    const h = Math.floor(rest / 3_600_000);
    rest -= h * 3_600_000;
    const m = Math.floor(rest / 60_000);
    rest -= m * 60_000;
    const s = +(rest / 1000).toFixed(9);
    if (h) out += `${h}h`;
    if (h || m) out += `${m}m`;
    out += `${s}s`;
  }
  return neg ? `-${out}` : out;
}

/** pflag's stringSlice: each value is a CSV record. */
function splitCsv(v: string): string[] {
  if (v === '') return [];
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < v.length; i++) {
    const c = v[i];
    if (quoted) {
      if (c === '"' && v[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"' && cur === '') quoted = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/**
 * Parses `args` against the flag specs (the command's own and the inherited global ones).
 * Throws FlagError with pflag's message on failure.
 */
export function parseFlags(args: readonly string[], specList: readonly FlagSpec[]): ParseResult {
  const byName = new Map<string, FlagSpec>();
  const byShort = new Map<string, FlagSpec>();
  for (const s of specList) {
    // A command's own flag shadows an inherited one of the same name (`create rolebinding --user`).
    if (!byName.has(s.name)) byName.set(s.name, s);
    if (s.short && !byShort.has(s.short)) byShort.set(s.short, s);
  }
  const values = new Map<string, unknown>();
  const changed = new Set<string>();
  const positional: string[] = [];
  const warnings: string[] = [];
  let argsLenAtDash = -1;
  let help = false;

  const setValue = (spec: FlagSpec, raw: string): void => {
    const bad = (detail: string): FlagError =>
      new FlagError(`invalid argument ${goQuote(raw)} for ${goQuote(flagLabel(spec))} flag: ${detail}`);
    let v: unknown;
    switch (spec.type) {
      case 'bool': {
        const b = parseGoBool(raw);
        if (b === undefined) throw bad(`strconv.ParseBool: parsing ${goQuote(raw)}: invalid syntax`);
        v = b;
        break;
      }
      case 'int': {
        const n = parseGoInt(raw);
        if (n === undefined) throw bad(`strconv.ParseInt: parsing ${goQuote(raw)}: invalid syntax`);
        if (n === 'range') throw bad(`strconv.ParseInt: parsing ${goQuote(raw)}: value out of range`);
        v = n;
        break;
      }
      case 'float': {
        const n = Number(raw);
        if (raw.trim() === '' || Number.isNaN(n)) throw bad(`strconv.ParseFloat: parsing ${goQuote(raw)}: invalid syntax`);
        v = n;
        break;
      }
      case 'duration': {
        const d = parseGoDuration(raw);
        if (d === undefined) throw bad(`time: invalid duration ${goQuote(raw)}`);
        v = d;
        break;
      }
      case 'string':
        v = raw;
        break;
      case 'stringArray': {
        const prev = changed.has(spec.name) ? (values.get(spec.name) as string[]) : [];
        v = [...prev, raw];
        break;
      }
      case 'stringSlice': {
        const prev = changed.has(spec.name) ? (values.get(spec.name) as string[]) : [];
        v = [...prev, ...splitCsv(raw)];
        break;
      }
    }
    values.set(spec.name, v);
    changed.add(spec.name);
    if (spec.deprecated) warnings.push(`Flag --${spec.name} has been deprecated, ${spec.deprecated}`);
    if (spec.name === 'help' && v === true) help = true;
  };

  const noOpt = (spec: FlagSpec): string | undefined => spec.noOptDefault ?? (spec.type === 'bool' ? 'true' : undefined);

  let i = 0;
  while (i < args.length) {
    const a = args[i++];
    if (a === '--') {
      argsLenAtDash = positional.length;
      positional.push(...args.slice(i));
      break;
    }
    if (a.length < 2 || a[0] !== '-') {
      positional.push(a);
      continue;
    }
    if (a.startsWith('--')) {
      const body = a.slice(2);
      const eq = body.indexOf('=');
      const name = eq >= 0 ? body.slice(0, eq) : body;
      const spec = byName.get(name);
      if (!spec) {
        if (name === 'help') {
          help = true;
          continue;
        }
        throw new FlagError(`unknown flag: --${name}`);
      }
      if (eq >= 0) setValue(spec, body.slice(eq + 1));
      else if (noOpt(spec) !== undefined) setValue(spec, noOpt(spec)!);
      else if (i < args.length) setValue(spec, args[i++]);
      else throw new FlagError(`flag needs an argument: ${a}`);
      continue;
    }
    // Shorthand group: -abc, -nvalue, -n=value.
    let shorts = a.slice(1);
    while (shorts.length > 0) {
      const c = shorts[0];
      const spec = byShort.get(c);
      if (!spec) {
        if (c === 'h') {
          help = true;
          shorts = shorts.slice(1);
          continue;
        }
        throw new FlagError(`unknown shorthand flag: '${c}' in -${shorts}`);
      }
      if (shorts.length > 2 && shorts[1] === '=') {
        setValue(spec, shorts.slice(2));
        shorts = '';
      } else if (noOpt(spec) !== undefined) {
        setValue(spec, noOpt(spec)!);
        shorts = shorts.slice(1);
      } else if (shorts.length > 1) {
        setValue(spec, shorts.slice(1));
        shorts = '';
      } else if (i < args.length) {
        setValue(spec, args[i++]);
        shorts = '';
      } else {
        throw new FlagError(`flag needs an argument: '${c}' in -${shorts}`);
      }
    }
  }
  return { flags: new Flags(byName, values, changed), args: positional, argsLenAtDash, help, warnings };
}

/** Go's %q for the plain strings flags carry. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + '"';
}

// ---- flag constructors -------------------------------------------------------------------

type Opts = Omit<FlagSpec, 'name' | 'type'>;

export const boolFlag = (name: string, o: Opts = {}): FlagSpec => ({ name, type: 'bool', default: false, ...o });
export const stringFlag = (name: string, o: Opts = {}): FlagSpec => ({ name, type: 'string', default: '', ...o });
export const intFlag = (name: string, o: Opts = {}): FlagSpec => ({ name, type: 'int', default: 0, ...o });
export const floatFlag = (name: string, o: Opts = {}): FlagSpec => ({ name, type: 'float', default: 0, ...o });
export const durationFlag = (name: string, o: Opts = {}): FlagSpec => ({ name, type: 'duration', default: 0, ...o });
/** Repeatable, no comma splitting (`--env A=1 --env B=2`). */
export const stringArrayFlag = (name: string, o: Opts = {}): FlagSpec => ({ name, type: 'stringArray', default: [], ...o });
/** Repeatable, comma separated (`-f a.yaml,b.yaml`, `-L app,tier`). */
export const stringSliceFlag = (name: string, o: Opts = {}): FlagSpec => ({ name, type: 'stringSlice', default: [], ...o });

// ---- shared flag sets ----------------------------------------------------------------------

/** kubectl's persistent flags (`kubectl options`), inherited by every command. */
export const GLOBAL_FLAGS: readonly FlagSpec[] = [
  stringFlag('as'),
  stringArrayFlag('as-group'),
  stringFlag('as-uid'),
  stringFlag('cache-dir', { default: '/root/.kube/cache' }),
  stringFlag('certificate-authority'),
  stringFlag('client-certificate'),
  stringFlag('client-key'),
  stringFlag('cluster'),
  stringFlag('context'),
  boolFlag('disable-compression'),
  boolFlag('insecure-skip-tls-verify'),
  stringFlag('kubeconfig'),
  durationFlag('log-flush-frequency', { default: 5000 }),
  boolFlag('match-server-version'),
  stringFlag('namespace', { short: 'n' }),
  stringFlag('password'),
  stringFlag('profile', { default: 'none' }),
  stringFlag('profile-output', { default: 'profile.pprof' }),
  stringFlag('request-timeout', { default: '0' }),
  stringFlag('server', { short: 's' }),
  stringFlag('tls-server-name'),
  stringFlag('token'),
  stringFlag('user'),
  stringFlag('username'),
  intFlag('v', { short: 'v' }),
  stringFlag('vmodule'),
  boolFlag('warnings-as-errors'),
  boolFlag('help', { short: 'h' }),
];

/** genericclioptions.PrintFlags (-o and the template flags). */
export function printFlags(o: { output?: string; templateDefault?: boolean } = {}): FlagSpec[] {
  return [
    stringFlag('output', { short: 'o', default: o.output ?? '' }),
    stringFlag('template'),
    boolFlag('allow-missing-template-keys', { default: true }),
    boolFlag('show-managed-fields'),
  ];
}

/** resource.FilenameOptions: `-f`, `-R`, `-k`. */
export const FILENAME_FLAGS: readonly FlagSpec[] = [
  stringSliceFlag('filename', { short: 'f' }),
  boolFlag('recursive', { short: 'R' }),
  stringFlag('kustomize', { short: 'k' }),
];

/** `-l/--selector`. */
export const SELECTOR_FLAG = stringFlag('selector', { short: 'l' });
/** `--field-selector`. */
export const FIELD_SELECTOR_FLAG = stringFlag('field-selector');
/** `-A/--all-namespaces`. */
export const ALL_NAMESPACES_FLAG = boolFlag('all-namespaces', { short: 'A' });
/** `--dry-run[=none|client|server]` (a bare `--dry-run` means `unchanged`, treated as client). */
export const DRY_RUN_FLAG = stringFlag('dry-run', { default: 'none', noOptDefault: 'unchanged' });
