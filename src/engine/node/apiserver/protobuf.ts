/**
 * Decodes Kubernetes protobuf bodies (`Content-Type: application/vnd.kubernetes.protobuf`), as
 * the typed clients of kubectl v1.32 send them (`kubectl create deployment`, `create namespace`,
 * the eviction of `drain`, `auth can-i`...), into the JSON object the Go JSON encoder would write
 * for the same struct. Follows k8s.io/apimachinery/pkg/runtime/serializer/protobuf: the 4-byte
 * magic `k8s\0`, then a runtime.Unknown envelope (typeMeta = 1, raw = 2, contentEncoding = 3,
 * contentType = 4) whose raw bytes are the object's generated.proto message.
 *
 * The wire format (varints, fixed 32/64, length-delimited strings, bytes, nested messages,
 * packed or unpacked repeated scalars, maps as repeated key/value entries) is decoded here by
 * hand against the generated table of ./proto-schema.ts. The message types with their own JSON
 * form are special-cased as their Go MarshalJSON methods write them: metav1.Time (RFC 3339, to
 * the second; the zero time is null), MicroTime (microseconds), Duration (Go's duration text),
 * resource.Quantity (its string), intstr.IntOrString (number or string), RawExtension and
 * FieldsV1 (embedded JSON), []byte (base64).
 *
 * Go JSON semantics are reproduced so that an object decoded from protobuf equals the JSON body
 * an older kubectl would have sent: fields come out in struct order; non-omitempty zero values
 * are written (`"creationTimestamp": null`, `"resources": {}`, `"strategy": {}`); omitempty drops
 * false, 0, "", nil pointers and empty slices and maps, but never value structs.
 */
import { ARRAY_MESSAGES, F_INLINE, F_MAP, F_OMITEMPTY, F_POINTER, F_REPEATED, MESSAGES, type ProtoRow } from './proto-schema';

export const PROTOBUF_MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

/** A protobuf body that cannot be decoded; the server answers 400 (or 415 for unknown kinds). */
export class ProtobufError extends Error {
  constructor(
    message: string,
    readonly unsupportedKind = false,
  ) {
    super(message);
  }
}

/** API group (as in apiVersion) -> the package prefix of ./proto-schema.ts. */
const GROUP_PACKAGES: Record<string, string> = {
  '': 'core',
  apps: 'apps',
  autoscaling: 'autoscaling',
  batch: 'batch',
  policy: 'policy',
  'coordination.k8s.io': 'coordination',
  'discovery.k8s.io': 'discovery',
  'networking.k8s.io': 'networking',
  'rbac.authorization.k8s.io': 'rbac',
  'scheduling.k8s.io': 'scheduling',
  'storage.k8s.io': 'storage',
  'authorization.k8s.io': 'authorization',
  'authentication.k8s.io': 'authentication',
  'certificates.k8s.io': 'certificates',
  'events.k8s.io': 'events',
  'meta.k8s.io': 'meta',
};

/** Kinds every group version carries (metav1.AddToGroupVersion registers them everywhere). */
const META_KINDS = new Set(['DeleteOptions', 'Status', 'List', 'CreateOptions', 'PatchOptions', 'UpdateOptions', 'GetOptions', 'ListOptions']);

/** The message name of an apiVersion/kind, or undefined. */
export function messageFor(apiVersion: string, kind: string): string | undefined {
  const i = apiVersion.lastIndexOf('/');
  const group = i < 0 ? '' : apiVersion.slice(0, i);
  const version = i < 0 ? apiVersion : apiVersion.slice(i + 1);
  if (META_KINDS.has(kind) && MESSAGES[`meta.v1.${kind}`]) return `meta.v1.${kind}`;
  const pkg = GROUP_PACKAGES[group];
  const name = pkg && `${pkg}.${version}.${kind}`;
  return name && MESSAGES[name] ? name : undefined;
}

/** Whether a body starts with the Kubernetes protobuf magic. */
export function isK8sProtobuf(body: Uint8Array): boolean {
  return body.length >= 4 && body[0] === 0x6b && body[1] === 0x38 && body[2] === 0x73 && body[3] === 0x00;
}

/**
 * Decodes a whole `k8s\0` + runtime.Unknown body into a JSON object with apiVersion and kind
 * (first, as TypeMeta is first in every Go object).
 */
export function decodeK8sProtobuf(body: Uint8Array): Record<string, unknown> {
  if (!isK8sProtobuf(body)) throw new ProtobufError('provided object is not a Kubernetes protobuf message (missing the k8s\\x00 prefix)');
  const r = new Reader(body, 4, body.length);
  let apiVersion = '';
  let kind = '';
  let raw: Uint8Array | undefined;
  let contentEncoding = '';
  while (r.more()) {
    const [num, wt] = r.tag();
    if (num === 1 && wt === 2) {
      const sub = r.sub();
      while (sub.more()) {
        const [n, w] = sub.tag();
        if (n === 1 && w === 2) apiVersion = sub.string();
        else if (n === 2 && w === 2) kind = sub.string();
        else sub.skip(w);
      }
    } else if (num === 2 && wt === 2) raw = r.bytes();
    else if (num === 3 && wt === 2) contentEncoding = r.string();
    else r.skip(wt);
  }
  if (contentEncoding) throw new ProtobufError(`unsupported content encoding ${JSON.stringify(contentEncoding)}`);
  if (!kind) throw new ProtobufError('the protobuf envelope has no kind');
  const message = messageFor(apiVersion, kind);
  if (!message) throw new ProtobufError(`no kind "${kind}" is registered for version "${apiVersion}"`, true);
  const bytes = raw ?? new Uint8Array(0);
  const obj = decodeMessage(bytes, message);
  return { kind, apiVersion, ...obj };
}

/** Decodes one message (its bytes, without envelope) to its JSON object. */
export function decodeMessage(bytes: Uint8Array, message: string): Record<string, unknown> {
  return decodeStruct(new Reader(bytes, 0, bytes.length), message);
}

// ---- the wire ------------------------------------------------------------------------------

const utf8 = new TextDecoder('utf-8', { fatal: false });

class Reader {
  constructor(
    readonly buf: Uint8Array,
    public pos: number,
    readonly end: number,
  ) {}

  more(): boolean {
    return this.pos < this.end;
  }

  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new ProtobufError('unexpected EOF');
      const b = this.buf[this.pos++];
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result & 0xffffffffffffffffn;
      shift += 7n;
    }
    throw new ProtobufError('integer overflow');
  }

  /** A varint that must fit a small non-negative number (tags, lengths). */
  small(): number {
    const v = this.varint();
    if (v > 0x7fffffffn) throw new ProtobufError('negative or too large length');
    return Number(v);
  }

  tag(): [number, number] {
    const t = this.small();
    const num = t >>> 3;
    if (num === 0) throw new ProtobufError('illegal tag 0');
    return [num, t & 7];
  }

  bytes(): Uint8Array {
    const n = this.small();
    if (this.pos + n > this.end) throw new ProtobufError('unexpected EOF');
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  sub(): Reader {
    const n = this.small();
    if (this.pos + n > this.end) throw new ProtobufError('unexpected EOF');
    const r = new Reader(this.buf, this.pos, this.pos + n);
    this.pos += n;
    return r;
  }

  string(): string {
    return utf8.decode(this.bytes());
  }

  fixed(n: 4 | 8): DataView {
    if (this.pos + n > this.end) throw new ProtobufError('unexpected EOF');
    const v = new DataView(this.buf.buffer, this.buf.byteOffset + this.pos, n);
    this.pos += n;
    return v;
  }

  skip(wt: number): void {
    switch (wt) {
      case 0:
        this.varint();
        return;
      case 1:
        this.fixed(8);
        return;
      case 2:
        this.bytes();
        return;
      case 5:
        this.fixed(4);
        return;
      default:
        throw new ProtobufError(`illegal wire type ${wt}`);
    }
  }
}

const NUMERIC = new Set(['int32', 'int64', 'uint32', 'uint64', 'bool', 'double', 'float', 'sint32', 'sint64', 'fixed32', 'fixed64']);

function toNumber(v: bigint, type: string): number | boolean {
  switch (type) {
    case 'int32':
      return Number(BigInt.asIntN(32, v));
    case 'int64':
      return Number(BigInt.asIntN(64, v));
    case 'uint32':
      return Number(BigInt.asUintN(32, v));
    case 'uint64':
      return Number(v);
    case 'sint32':
    case 'sint64': {
      const u = BigInt.asUintN(64, v);
      return Number((u >> 1n) ^ -(u & 1n));
    }
    case 'bool':
      return v !== 0n;
    default:
      throw new ProtobufError(`varint for a ${type} field`);
  }
}

/** One scalar of `type` at the reader, given its wire type. */
function readScalar(r: Reader, type: string, wt: number): unknown {
  if (type === 'string') {
    if (wt !== 2) throw new ProtobufError(`wrong wire type ${wt} for a string`);
    return r.string();
  }
  if (type === 'bytes') {
    if (wt !== 2) throw new ProtobufError(`wrong wire type ${wt} for bytes`);
    return Buffer.from(r.bytes()).toString('base64');
  }
  if (wt === 0) return toNumber(r.varint(), type);
  if (wt === 1) {
    const d = r.fixed(8);
    if (type === 'double') return d.getFloat64(0, true);
    if (type === 'fixed64') return Number(d.getBigUint64(0, true));
    return Number(d.getBigInt64(0, true));
  }
  if (wt === 5) {
    const d = r.fixed(4);
    if (type === 'float') return d.getFloat32(0, true);
    if (type === 'fixed32') return d.getUint32(0, true);
    return d.getInt32(0, true);
  }
  throw new ProtobufError(`wrong wire type ${wt} for a ${type}`);
}

// ---- messages ------------------------------------------------------------------------------

interface Compiled {
  rows: readonly ProtoRow[];
  byNumber: Map<number, ProtoRow>;
}

const compiled = new Map<string, Compiled>();

function compile(message: string): Compiled {
  let c = compiled.get(message);
  if (!c) {
    const rows = MESSAGES[message];
    if (!rows) throw new ProtobufError(`no protobuf schema for ${message}`, true);
    c = { rows, byNumber: new Map(rows.map((row) => [row[0], row])) };
    compiled.set(message, c);
  }
  return c;
}

/** The JSON value of a message field's bytes (special types by their MarshalJSON). */
function readMessageValue(r: Reader, type: string): unknown {
  switch (type) {
    case 'meta.v1.Time':
    case 'meta.v1.MicroTime': {
      // Time.Unmarshal: no bytes is the zero time (JSON null).
      if (!r.more()) return null;
      let seconds = 0;
      let nanos = 0;
      while (r.more()) {
        const [n, w] = r.tag();
        if (n === 1 && w === 0) seconds = Number(BigInt.asIntN(64, r.varint()));
        else if (n === 2 && w === 0) nanos = Number(BigInt.asIntN(32, r.varint()));
        else r.skip(w);
      }
      return formatTime(seconds, nanos, type === 'meta.v1.MicroTime');
    }
    case 'meta.v1.Duration': {
      let ns = 0n;
      while (r.more()) {
        const [n, w] = r.tag();
        if (n === 1 && w === 0) ns = BigInt.asIntN(64, r.varint());
        else r.skip(w);
      }
      return formatDuration(ns);
    }
    case 'resource.Quantity': {
      let s = '';
      while (r.more()) {
        const [n, w] = r.tag();
        if (n === 1 && w === 2) s = r.string();
        else r.skip(w);
      }
      return s === '' ? '0' : s;
    }
    case 'intstr.IntOrString': {
      let kind = 0;
      let intVal = 0;
      let strVal = '';
      while (r.more()) {
        const [n, w] = r.tag();
        if (n === 1 && w === 0) kind = Number(BigInt.asIntN(64, r.varint()));
        else if (n === 2 && w === 0) intVal = Number(BigInt.asIntN(32, r.varint()));
        else if (n === 3 && w === 2) strVal = r.string();
        else r.skip(w);
      }
      return kind === 1 ? strVal : intVal;
    }
    case 'runtime.RawExtension':
    case 'meta.v1.FieldsV1': {
      let raw: Uint8Array | undefined;
      while (r.more()) {
        const [n, w] = r.tag();
        if (n === 1 && w === 2) raw = r.bytes();
        else r.skip(w);
      }
      if (!raw || raw.length === 0) return null;
      if (isK8sProtobuf(raw)) return decodeK8sProtobuf(raw);
      try {
        return JSON.parse(utf8.decode(raw));
      } catch {
        throw new ProtobufError(`${type === 'meta.v1.FieldsV1' ? 'fieldsV1' : 'raw extension'} is not JSON`);
      }
    }
  }
  if (ARRAY_MESSAGES.has(type)) {
    const [row] = compile(type).rows;
    const items: unknown[] = [];
    while (r.more()) {
      const [n, w] = r.tag();
      if (n === row[0]) readRepeated(r, row[2], w, items);
      else r.skip(w);
    }
    return items;
  }
  return decodeStruct(r, type);
}

/** The zero value of a non-pointer field of `type`, as Go marshals it. */
function zeroOf(type: string): unknown {
  switch (type) {
    case 'string':
    case 'bytes':
      return '';
    case 'bool':
      return false;
    case 'meta.v1.Time':
    case 'meta.v1.MicroTime':
    case 'runtime.RawExtension':
    case 'meta.v1.FieldsV1':
      return null;
    case 'meta.v1.Duration':
      return '0s';
    case 'resource.Quantity':
      return '0';
    case 'intstr.IntOrString':
      return 0;
  }
  if (NUMERIC.has(type)) return 0;
  if (ARRAY_MESSAGES.has(type)) return null;
  return zeroStruct(type);
}

const zeroCache = new Map<string, string>();

function zeroStruct(type: string): Record<string, unknown> {
  let text = zeroCache.get(type);
  if (text === undefined) {
    text = JSON.stringify(emit(compile(type).rows, new Map()));
    zeroCache.set(type, text);
  }
  return JSON.parse(text) as Record<string, unknown>;
}

function readRepeated(r: Reader, type: string, wt: number, into: unknown[]): void {
  if (wt === 2 && NUMERIC.has(type)) {
    // Packed repeated scalars.
    const sub = r.sub();
    const w = type === 'double' || type === 'fixed64' ? 1 : type === 'float' || type === 'fixed32' ? 5 : 0;
    while (sub.more()) into.push(readScalar(sub, type, w));
    return;
  }
  into.push(readField(r, type, wt));
}

function readField(r: Reader, type: string, wt: number): unknown {
  if (MESSAGES[type] === undefined && !isSpecial(type)) return readScalar(r, type, wt);
  if (wt !== 2) throw new ProtobufError(`wrong wire type ${wt} for a ${type} message`);
  return readMessageValue(r.sub(), type);
}

function isSpecial(type: string): boolean {
  return type.startsWith('meta.v1.') || type.startsWith('runtime.') || type === 'resource.Quantity' || type === 'intstr.IntOrString';
}

function readMapEntry(r: Reader, type: string, wt: number, into: Record<string, unknown>): void {
  if (wt !== 2) throw new ProtobufError(`wrong wire type ${wt} for a map entry`);
  const e = r.sub();
  let key = '';
  let value: unknown;
  let hasValue = false;
  while (e.more()) {
    const [n, w] = e.tag();
    if (n === 1) key = readScalar(e, 'string', w) as string;
    else if (n === 2) {
      value = readField(e, type, w);
      hasValue = true;
    } else e.skip(w);
  }
  into[key] = hasValue ? value : zeroOf(type);
}

function decodeStruct(r: Reader, message: string): Record<string, unknown> {
  const c = compile(message);
  const values = new Map<number, unknown>();
  while (r.more()) {
    const [num, wt] = r.tag();
    const row = c.byNumber.get(num);
    if (!row) {
      // Fields of newer versions are skipped, as gogo-protobuf's Unmarshal does.
      r.skip(wt);
      continue;
    }
    const [, , type, flags] = row;
    if (flags & F_MAP) {
      let m = values.get(num) as Record<string, unknown> | undefined;
      if (!m) values.set(num, (m = {}));
      readMapEntry(r, type, wt, m);
    } else if (flags & F_REPEATED) {
      let a = values.get(num) as unknown[] | undefined;
      if (!a) values.set(num, (a = []));
      readRepeated(r, type, wt, a);
    } else {
      values.set(num, readField(r, type, wt));
    }
  }
  return emit(c.rows, values);
}

/** Writes the fields in struct order with encoding/json's omitempty rules. */
function emit(rows: readonly ProtoRow[], values: Map<number, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [num, json, type, flags] of rows) {
    const has = values.has(num);
    let v = values.get(num);
    if (flags & F_INLINE) {
      Object.assign(out, has ? v : zeroOf(type));
      continue;
    }
    const collection = (flags & (F_MAP | F_REPEATED)) !== 0;
    if (!has) {
      if (collection || flags & F_POINTER) {
        if (flags & F_OMITEMPTY) continue;
        v = null;
      } else v = zeroOf(type);
    }
    if (flags & F_OMITEMPTY && !(flags & F_POINTER) && isEmpty(v, type, collection)) continue;
    out[json] = v;
  }
  return out;
}

/** encoding/json's isEmptyValue for what the field holds (structs are never empty). */
function isEmpty(v: unknown, type: string, collection: boolean): boolean {
  if (collection) return v === null || (Array.isArray(v) ? v.length === 0 : Object.keys(v as object).length === 0);
  if (ARRAY_MESSAGES.has(type)) return v === null || (v as unknown[]).length === 0;
  if (MESSAGES[type] !== undefined || isSpecial(type)) return false;
  return v === '' || v === 0 || v === false;
}

// ---- special types -------------------------------------------------------------------------

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** metav1.Time (RFC 3339 in UTC, whole seconds) or MicroTime (six decimals) JSON. */
function formatTime(seconds: number, nanos: number, micro: boolean): string | null {
  // Go's zero time.Time (0001-01-01T00:00:00Z) marshals to JSON null.
  if (seconds === -62135596800 && nanos === 0) return null;
  const d = new Date(seconds * 1000);
  const base = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return micro ? `${base}.${pad(Math.floor(nanos / 1000), 6)}Z` : `${base}Z`;
}

/** Go's time.Duration.String(). */
export function formatDuration(ns: bigint): string {
  if (ns === 0n) return '0s';
  const neg = ns < 0n;
  let u = neg ? -ns : ns;
  let out: string;
  if (u < 1_000_000_000n) {
    // Sub-second: ns, µs or ms with a fraction.
    const [unit, div] = u < 1000n ? ['ns', 1n] : u < 1_000_000n ? ['µs', 1000n] : ['ms', 1_000_000n];
    out = fraction(u, div) + unit;
  } else {
    const h = u / 3_600_000_000_000n;
    u -= h * 3_600_000_000_000n;
    const m = u / 60_000_000_000n;
    u -= m * 60_000_000_000n;
    out = `${fraction(u, 1_000_000_000n)}s`;
    if (h > 0n || m > 0n) out = `${m}m${out}`;
    if (h > 0n) out = `${h}h${out}`;
  }
  return neg ? `-${out}` : out;
}

function fraction(v: bigint, div: bigint): string {
  const whole = v / div;
  let rest = v % div;
  if (rest === 0n) return String(whole);
  let digits = '';
  let d = div;
  while (rest > 0n && d > 1n) {
    d /= 10n;
    digits += String(rest / d);
    rest %= d;
  }
  return `${whole}.${digits.replace(/0+$/, '')}`;
}
