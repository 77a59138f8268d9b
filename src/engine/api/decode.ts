/**
 * The apiserver's decoding of a request body into the typed object, before defaulting and
 * validation: what `json.Unmarshal` into the Go struct (sigs.k8s.io/json, a fork of
 * encoding/json) rejects, and the unknown fields that field validation reports
 * (k8s.io/apiserver/pkg/endpoints/handlers/create.go and rest.go: transformDecodeError,
 * k8s.io/apimachinery/pkg/runtime/serializer/json: strict decoding).
 *
 * - A value of the wrong JSON type, or a number that does not fit the integer field, fails the
 *   decode: `Deployment in version "v1" cannot be handled as a Deployment: json: cannot
 *   unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32`
 *   (the first such error, as encoding/json's saveError keeps).
 * - resource.Quantity, intstr.IntOrString and []byte fields decode themselves and fail with
 *   their own texts (`quantities must match ...`, `illegal base64 data at input byte 4`).
 * - Unknown fields are dropped; with `fieldValidation=Strict` (kubectl's default `--validate`)
 *   they fail as `strict decoding error: unknown field "spec.replica", ...` (paths with
 *   `[i]` for list items), with `Warn` they come back as warnings.
 *
 * The field table is the one generated from k8s.io/api v0.32.5 for the protobuf decoder
 * (Go JSON names, scalar types, lists, maps, inline structs).
 */
import { MESSAGES, F_INLINE, F_MAP, F_REPEATED, type ProtoRow } from '../node/apiserver/proto-schema';
import { badRequest, invalid, invalidValue, type StatusError } from './errors';
import type { ResourceInfo } from './resources';
import type { KObject } from './types/meta';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

const QUANTITY_SYNTAX = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const QUANTITY_RE = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;
const QUANTITY_SUFFIX = /^(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$/;

/**
 * Named Go types the table records as their underlying scalar (`type Protocol string`): they
 * appear in `of type v1.Protocol`. Keyed by `<message>.<json name>`.
 */
const NAMED: Record<string, string> = {
  'core.v1.ContainerPort.protocol': 'v1.Protocol',
  'core.v1.ServicePort.protocol': 'v1.Protocol',
  'core.v1.EndpointPort.protocol': 'v1.Protocol',
  'core.v1.Container.imagePullPolicy': 'v1.PullPolicy',
  'core.v1.Container.terminationMessagePolicy': 'v1.TerminationMessagePolicy',
  'core.v1.Container.restartPolicy': 'v1.ContainerRestartPolicy',
  'core.v1.PodSpec.restartPolicy': 'v1.RestartPolicy',
  'core.v1.PodSpec.dnsPolicy': 'v1.DNSPolicy',
  'core.v1.PodSpec.preemptionPolicy': 'v1.PreemptionPolicy',
  'core.v1.ServiceSpec.type': 'v1.ServiceType',
  'core.v1.ServiceSpec.sessionAffinity': 'v1.ServiceAffinity',
  'core.v1.ServiceSpec.externalTrafficPolicy': 'v1.ServiceExternalTrafficPolicy',
  'core.v1.ServiceSpec.internalTrafficPolicy': 'v1.ServiceInternalTrafficPolicy',
  'core.v1.ServiceSpec.ipFamilyPolicy': 'v1.IPFamilyPolicy',
  'core.v1.ServiceSpec.ipFamilies': 'v1.IPFamily',
  'core.v1.Toleration.operator': 'v1.TolerationOperator',
  'core.v1.Toleration.effect': 'v1.TaintEffect',
  'core.v1.Taint.effect': 'v1.TaintEffect',
  'core.v1.Secret.type': 'v1.SecretType',
  'core.v1.PersistentVolumeClaimSpec.accessModes': 'v1.PersistentVolumeAccessMode',
  'core.v1.PersistentVolumeSpec.accessModes': 'v1.PersistentVolumeAccessMode',
  'core.v1.PersistentVolumeSpec.persistentVolumeReclaimPolicy': 'v1.PersistentVolumeReclaimPolicy',
  'core.v1.NodeSelectorRequirement.operator': 'v1.NodeSelectorOperator',
  'core.v1.HTTPGetAction.scheme': 'v1.URIScheme',
  'apps.v1.DeploymentStrategy.type': 'v1.DeploymentStrategyType',
  'apps.v1.StatefulSetSpec.podManagementPolicy': 'v1.PodManagementPolicyType',
  'apps.v1.StatefulSetUpdateStrategy.type': 'v1.StatefulSetUpdateStrategyType',
  'apps.v1.DaemonSetUpdateStrategy.type': 'v1.DaemonSetUpdateStrategyType',
  'batch.v1.CronJobSpec.concurrencyPolicy': 'v1.ConcurrencyPolicy',
  'batch.v1.JobSpec.completionMode': 'v1.CompletionMode',
  'meta.v1.LabelSelectorRequirement.operator': 'v1.LabelSelectorOperator',
  'networking.v1.HTTPIngressPath.pathType': 'v1.PathType',
  'networking.v1.NetworkPolicySpec.policyTypes': 'v1.PolicyType',
};

const NAMED_SCALARS = new Set(Object.values(NAMED));

/** Map value types with a Go name of their own (`v1.ResourceList`). */
const NAMED_MAPS: Record<string, string> = {
  'core.v1.ResourceRequirements.limits': 'v1.ResourceList',
  'core.v1.ResourceRequirements.requests': 'v1.ResourceList',
  'core.v1.ResourceQuotaSpec.hard': 'v1.ResourceList',
  'core.v1.LimitRangeItem.max': 'v1.ResourceList',
  'core.v1.LimitRangeItem.min': 'v1.ResourceList',
  'core.v1.LimitRangeItem.default': 'v1.ResourceList',
  'core.v1.LimitRangeItem.defaultRequest': 'v1.ResourceList',
  'core.v1.LimitRangeItem.maxLimitRequestRatio': 'v1.ResourceList',
  'core.v1.PersistentVolumeSpec.capacity': 'v1.ResourceList',
  'core.v1.VolumeResourceRequirements.limits': 'v1.ResourceList',
  'core.v1.VolumeResourceRequirements.requests': 'v1.ResourceList',
};

/** The protobuf message of a kind: `apps.v1.Deployment`, `core.v1.Pod`. */
export function messageOf(info: ResourceInfo): string {
  return `${info.group ? info.group.split('.')[0] : 'core'}.${info.version}.${info.kind}`;
}

/** `v1.DeploymentSpec` for `apps.v1.DeploymentSpec`, `resource.Quantity` for itself. */
function goStructName(message: string): string {
  const parts = message.split('.');
  return parts.length >= 3 ? `${parts[parts.length - 2]}.${parts[parts.length - 1]}` : message;
}

const SCALAR_GO: Record<string, string> = {
  string: 'string',
  int32: 'int32',
  int64: 'int64',
  uint32: 'uint32',
  uint64: 'uint64',
  bool: 'bool',
  double: 'float64',
  float: 'float32',
  bytes: '[]uint8',
};

/** The JSON kind encoding/json names in `cannot unmarshal <kind>`. */
function jsonKind(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return 'array';
  return 'object';
}

/** A decode failure that ends decoding (custom unmarshalers), as opposed to a saved type error. */
class Abort extends Error {}

interface Field {
  /** Scalar name or message. */
  type: string;
  repeated: boolean;
  map: boolean;
  /** Go type name of the element, for messages. */
  goType: string;
}

interface State {
  /**
   * `json`: encoding/json's texts (create, update). `converter`: the unstructured converter's
   * (runtime.DefaultUnstructuredConverter.FromUnstructured, used on patched objects).
   */
  mode: 'json' | 'converter';
  /** The first saved UnmarshalTypeError text. */
  saved?: string;
  strict: string[];
  seen: Set<string>;
}

/** Fields of a message by JSON name, with inline structs promoted. */
const FIELDS = new Map<string, Map<string, Field>>();
function fieldsOf(message: string): Map<string, Field> | undefined {
  const cached = FIELDS.get(message);
  if (cached) return cached;
  const rows = MESSAGES[message] as readonly ProtoRow[] | undefined;
  if (!rows) return undefined;
  const out = new Map<string, Field>();
  for (const [, name, type, flags] of rows) {
    if (flags & F_INLINE || name === '') {
      for (const [n, f] of fieldsOf(type) ?? []) out.set(n, f);
      continue;
    }
    const key = `${message}.${name}`;
    const base = NAMED[key] ?? (SCALAR_GO[type] ?? goStructName(type));
    out.set(name, {
      type,
      repeated: (flags & F_REPEATED) !== 0,
      map: (flags & F_MAP) !== 0,
      goType: (flags & F_MAP) !== 0 ? (NAMED_MAPS[key] ?? `map[string]${base}`) : (flags & F_REPEATED) !== 0 ? `[]${base}` : base,
    });
    // The element's own Go name (for `of type v1.Protocol` on list items).
    if ((flags & (F_REPEATED | F_MAP)) !== 0) out.get(name)!.goType += `\u0000${base}`;
  }
  FIELDS.set(message, out);
  return out;
}

function splitGoType(goType: string): [string, string] {
  const i = goType.indexOf('\u0000');
  return i < 0 ? [goType, goType] : [goType.slice(0, i), goType.slice(i + 1)];
}

function isInt(type: string): boolean {
  return type === 'int32' || type === 'int64' || type === 'uint32' || type === 'uint64';
}

function fitsInt(n: number, type: string): boolean {
  if (!Number.isInteger(n)) return false;
  switch (type) {
    case 'int32':
      return n >= -2147483648 && n <= 2147483647;
    case 'uint32':
      return n >= 0 && n <= 4294967295;
    case 'uint64':
      return n >= 0 && n <= 18446744073709551615;
    default:
      return n >= -9223372036854775808 && n <= 9223372036854775807;
  }
}

/** UTF-8 bytes of a string (offsets in Go errors count bytes). */
function utf8(text: string): number[] {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

/** The byte offset base64.StdEncoding.Decode reports (CorruptInputError), or -1 when valid. */
export function base64ErrorOffset(text: string): number {
  const src = utf8(text);
  const valid = (b: number) => (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || (b >= 48 && b <= 57) || b === 43 || b === 47;
  const nl = (b: number) => b === 10 || b === 13;
  const PAD = 61;
  let si = 0;
  // decodeQuantum, one 4-character quantum at a time (newlines skipped).
  while (si < src.length) {
    for (let j = 0; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return -1;
        return si - j;
      }
      const b = src[si++];
      if (valid(b)) continue;
      if (nl(b)) {
        j--;
        continue;
      }
      if (b !== PAD) return si - 1;
      if (j < 2) return si - 1;
      if (j === 2) {
        while (si < src.length && nl(src[si])) si++;
        if (si === src.length) return src.length;
        if (src[si] !== PAD) return si - 1;
        si++;
      }
      while (si < src.length && nl(src[si])) si++;
      return si < src.length ? si : -1;
    }
  }
  return -1;
}

/** The Go type of an unstructured value (reflect's String / Kind). */
function unstructuredType(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  if (Array.isArray(v)) return 'slice';
  return 'map';
}

function typeError(st: State, value: string, goType: string, struct: string, stack: string[], v?: unknown): void {
  if (st.saved !== undefined) return;
  if (st.mode === 'converter') {
    const src = unstructuredType(v);
    if (goType.startsWith('[]')) st.saved = `cannot restore slice from ${src}`;
    else if (goType.startsWith('map[') || goType === 'v1.ResourceList') st.saved = `cannot restore map from ${src}`;
    else if (/^[a-z0-9]+\.[A-Z]/.test(goType) && !NAMED_SCALARS.has(goType)) st.saved = `cannot restore struct from: ${src}`;
    else st.saved = `cannot convert ${src === 'slice' ? '[]interface {}' : src === 'map' ? 'map[string]interface {}' : src} to ${goType}`;
    return;
  }
  st.saved = stack.length
    ? `json: cannot unmarshal ${value} into Go struct field ${struct}.${stack.join('.')} of type ${goType}`
    : `json: cannot unmarshal ${value} into Go value of type ${goType}`;
}

function strictError(st: State, path: string, key: string): void {
  const p = path ? `${path}.${key}` : key;
  const msg = `unknown field ${JSON.stringify(p)}`;
  if (st.seen.has(msg) || st.strict.length >= 100) return;
  st.seen.add(msg);
  st.strict.push(msg);
}

/** Decodes `v` as a value of the field's element type; returns the pruned value. */
function decodeScalarOrMessage(
  st: State,
  v: unknown,
  type: string,
  goType: string,
  struct: string,
  stack: string[],
  path: string,
): unknown {
  if (v === null || v === undefined) return v;
  switch (type) {
    case 'string':
      if (typeof v !== 'string') typeError(st, jsonKind(v), goType, struct, stack, v);
      return v;
    case 'bool':
      if (typeof v !== 'boolean') typeError(st, jsonKind(v), goType, struct, stack, v);
      return v;
    case 'int32':
    case 'int64':
    case 'uint32':
    case 'uint64':
      if (typeof v !== 'number') typeError(st, jsonKind(v), goType, struct, stack, v);
      else if (!fitsInt(v, type)) {
        // The converter converts int64 to int32 without an overflow check; floats fail.
        if (st.mode === 'json') typeError(st, `number ${JSON.stringify(v)}`, goType, struct, stack, v);
        else if (!Number.isInteger(v)) typeError(st, '', goType, struct, stack, v);
      }
      return v;
    case 'double':
    case 'float':
      if (typeof v !== 'number') typeError(st, jsonKind(v), goType, struct, stack, v);
      return v;
    case 'bytes': {
      if (typeof v !== 'string') {
        typeError(st, jsonKind(v), goType, struct, stack, v);
        return v;
      }
      const at = base64ErrorOffset(v);
      if (at >= 0 && st.saved === undefined) st.saved = `${st.mode === 'converter' ? 'error decoding from json: ' : ''}illegal base64 data at input byte ${at}`;
      return v;
    }
    case 'resource.Quantity': {
      // Quantity.UnmarshalJSON: the string's content or the raw JSON text, parsed.
      const text = typeof v === 'string' ? v.trim() : JSON.stringify(v);
      if (text === '0') return v;
      const m = QUANTITY_RE.exec(text);
      if (!m || !/[0-9]/.test(m[1]) || (m[1].match(/\./g)?.length ?? 0) > 1) throw new Abort(QUANTITY_SYNTAX);
      if (!QUANTITY_SUFFIX.test(m[2])) throw new Abort("unable to parse quantity's suffix");
      return v;
    }
    case 'intstr.IntOrString':
      // IntOrString.UnmarshalJSON: a string, else json.Unmarshal into an int32 (no context).
      if (typeof v === 'string') return v;
      if (typeof v !== 'number') throw new Abort(`json: cannot unmarshal ${jsonKind(v)} into Go value of type int32`);
      if (!fitsInt(v, 'int32')) throw new Abort(`json: cannot unmarshal number ${JSON.stringify(v)} into Go value of type int32`);
      return v;
    case 'meta.v1.Time':
    case 'meta.v1.MicroTime':
      if (typeof v !== 'string') throw new Abort(`json: cannot unmarshal ${jsonKind(v)} into Go value of type string`);
      return v;
    case 'runtime.RawExtension':
    case 'meta.v1.FieldsV1':
    case 'meta.v1.Duration':
      return v;
  }
  const fields = fieldsOf(type);
  if (!fields) return v;
  if (typeof v !== 'object' || Array.isArray(v)) {
    typeError(st, jsonKind(v), goType, struct, stack, v);
    return v;
  }
  const out: Record<string, unknown> = {};
  const obj = v as Record<string, unknown>;
  // The client sends Go-marshalled JSON: keys in sorted order.
  for (const key of Object.keys(obj).sort()) {
    const f = fields.get(key);
    if (!f) {
      strictError(st, path, key);
      continue;
    }
    out[key] = decodeField(st, obj[key], f, type, [...stack, key], path ? `${path}.${key}` : key);
  }
  return out;
}

function decodeField(st: State, v: unknown, f: Field, parent: string, stack: string[], path: string): unknown {
  const struct = goStructName(parent).split('.').pop()!;
  const [whole, elem] = splitGoType(f.goType);
  if (v === null || v === undefined) return v;
  if (f.repeated && f.type !== 'bytes') {
    if (!Array.isArray(v)) {
      typeError(st, jsonKind(v), whole, struct, stack, v);
      return v;
    }
    return v.map((x, i) => decodeScalarOrMessage(st, x, f.type, elem, struct, stack, `${path}[${i}]`));
  }
  if (f.map) {
    if (typeof v !== 'object' || Array.isArray(v)) {
      typeError(st, jsonKind(v), whole, struct, stack, v);
      return v;
    }
    const out: Record<string, unknown> = {};
    const obj = v as Record<string, unknown>;
    for (const k of Object.keys(obj).sort()) {
      out[k] = decodeScalarOrMessage(st, obj[k], f.type, elem, struct, stack, `${path}.${k}`);
    }
    return out;
  }
  return decodeScalarOrMessage(st, v, f.type, whole, struct, stack, path);
}

export interface Decoded {
  /** The body as the typed object keeps it (unknown fields dropped). */
  object: KObject;
  /** `unknown field "x"` warnings (fieldValidation=Warn). */
  warnings: string[];
}

/**
 * Decodes a create/update body of `info`'s kind. Throws the apiserver's BadRequest when the
 * JSON does not fit the Go types, or on unknown fields with `Strict`.
 */
export function decodeBody(info: ResourceInfo, body: KObject, directive: FieldValidation): Decoded {
  const { object, errors } = decodeLoose(info, body);
  const kind = info.kind;
  const prefix = `${(body.kind as string) || kind} in version "${info.version}" cannot be handled as a ${kind}: `;
  if (errors.fatal !== undefined) throw badRequest(prefix + errors.fatal);
  if (errors.strict.length > 0 && directive === 'Strict') {
    throw badRequest(`${prefix}strict decoding error: ${errors.strict.join(', ')}`);
  }
  return { object, warnings: directive === 'Warn' ? errors.strict : [] };
}

/** The decode without deciding: the pruned object, the fatal error text and the strict errors. */
export function decodeLoose(
  info: ResourceInfo,
  body: KObject,
  mode: 'json' | 'converter' = 'json',
): { object: KObject; errors: { fatal?: string; strict: string[] } } {
  const message = messageOf(info);
  const st: State = { mode, strict: [], seen: new Set() };
  const top = fieldsOf(message);
  if (!top) return { object: body, errors: { strict: [] } };
  const out: Record<string, unknown> = {};
  const obj = body as unknown as Record<string, unknown>;
  let fatal: string | undefined;
  try {
    for (const key of Object.keys(obj).sort()) {
      if (key === 'apiVersion' || key === 'kind') {
        if (typeof obj[key] !== 'string' && obj[key] != null) typeError(st, jsonKind(obj[key]), 'string', info.kind, [key], obj[key]);
        out[key] = obj[key];
        continue;
      }
      const f = top.get(key);
      if (!f) {
        strictError(st, '', key);
        continue;
      }
      out[key] = decodeField(st, obj[key], f, message, [key], key);
    }
  } catch (e) {
    if (!(e instanceof Abort)) throw e;
    fatal = e.message;
  }
  fatal ??= st.saved;
  return { object: out as unknown as KObject, errors: { fatal, strict: st.strict } };
}

/**
 * A patch whose result does not decode (patch.go applyPatchToObject): the apiserver answers
 * Invalid on the `patch` field, showing the patch map as Go's `%+v` prints it.
 */
export function patchDecodeError(patchText: string, message: string): StatusError {
  return invalid('', '', '', [invalidValue('patch', patchText, message)]);
}

/**
 * The client's metadata check of an unstructured document (cli-runtime's decoding into
 * metadataOnlyObject{TypeMeta, ObjectMeta}): the first value of the wrong type in `metadata`.
 */
export function metadataOnlyError(doc: Record<string, unknown>): string | undefined {
  const meta = doc.metadata;
  if (meta === undefined || meta === null) return undefined;
  const st: State = { mode: 'json', strict: [], seen: new Set() };
  if (typeof meta !== 'object' || Array.isArray(meta)) {
    return `json: cannot unmarshal ${jsonKind(meta)} into Go struct field metadataOnlyObject.metadata of type v1.ObjectMeta`;
  }
  try {
    decodeScalarOrMessage(st, meta, 'meta.v1.ObjectMeta', 'v1.ObjectMeta', 'metadataOnlyObject', ['metadata'], 'metadata');
  } catch (e) {
    if (!(e instanceof Abort)) throw e;
    return e.message;
  }
  return st.saved;
}
