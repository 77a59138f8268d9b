/**
 * Generates src/engine/node/apiserver/proto-schema.ts: the field table of the Kubernetes
 * protobuf messages (k8s.io/api and k8s.io/apimachinery at v0.32.5, the libraries of kubectl
 * v1.32.5) that the HTTP apiserver decodes when kubectl's typed clients send
 * `application/vnd.kubernetes.protobuf` bodies.
 *
 * Two sources, both from the release tag:
 * - `generated.proto` (written by go-to-protobuf): message names, field numbers, scalar/message
 *   types, `repeated` and `map<string, V>`;
 * - the Go structs (`*.go` of each package): the JSON name of each field, `omitempty`, whether the
 *   field is a pointer, inline embedding (`json:",inline"`), and the declaration order that
 *   encoding/json follows. They let the decoder emit what the Go JSON encoder would emit for the
 *   decoded struct (zero values of non-omitempty fields, `{}` for value structs, `null` times).
 *
 * Run (the trees are the kubernetes/api and kubernetes/apimachinery repositories at v0.32.5):
 *   git -C <api> archive v0.32.5 | tar -x -C /tmp/k8sproto
 *   mkdir /tmp/k8sproto/apimachinery && git -C <apimachinery> archive v0.32.5 pkg | tar -x -C /tmp/k8sproto/apimachinery
 *   npx tsx scripts/gen-proto-schema.ts /tmp/k8sproto
 *
 * Output: MESSAGES: { '<pkg>.<Message>': [[number, jsonName, type, flags], ...] } in Go
 * declaration order, where type is a scalar (string, int32, int64, uint32, uint64, bool, bytes,
 * double, float) or a message name, and flags are the F_* bits below; ARRAY_MESSAGES: messages
 * that stand for a named Go slice (`type Verbs []string`), JSON arrays of their `items` field.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = process.argv[2] ?? '/tmp/k8sproto';
const OUT = join(process.cwd(), 'src/engine/node/apiserver/proto-schema.ts');

/** proto package -> [directory under ROOT, short prefix used in the table]. */
const PACKAGES: Record<string, [string, string]> = {
  'k8s.io.api.core.v1': ['core/v1', 'core.v1'],
  'k8s.io.api.apps.v1': ['apps/v1', 'apps.v1'],
  'k8s.io.api.autoscaling.v1': ['autoscaling/v1', 'autoscaling.v1'],
  'k8s.io.api.autoscaling.v2': ['autoscaling/v2', 'autoscaling.v2'],
  'k8s.io.api.batch.v1': ['batch/v1', 'batch.v1'],
  'k8s.io.api.coordination.v1': ['coordination/v1', 'coordination.v1'],
  'k8s.io.api.discovery.v1': ['discovery/v1', 'discovery.v1'],
  'k8s.io.api.networking.v1': ['networking/v1', 'networking.v1'],
  'k8s.io.api.policy.v1': ['policy/v1', 'policy.v1'],
  'k8s.io.api.rbac.v1': ['rbac/v1', 'rbac.v1'],
  'k8s.io.api.scheduling.v1': ['scheduling/v1', 'scheduling.v1'],
  'k8s.io.api.storage.v1': ['storage/v1', 'storage.v1'],
  'k8s.io.api.authorization.v1': ['authorization/v1', 'authorization.v1'],
  'k8s.io.api.authentication.v1': ['authentication/v1', 'authentication.v1'],
  'k8s.io.api.certificates.v1': ['certificates/v1', 'certificates.v1'],
  'k8s.io.api.events.v1': ['events/v1', 'events.v1'],
  'k8s.io.apimachinery.pkg.apis.meta.v1': ['apimachinery/pkg/apis/meta/v1', 'meta.v1'],
  'k8s.io.apimachinery.pkg.runtime': ['apimachinery/pkg/runtime', 'runtime'],
  'k8s.io.apimachinery.pkg.runtime.schema': ['apimachinery/pkg/runtime/schema', 'schema'],
  'k8s.io.apimachinery.pkg.api.resource': ['apimachinery/pkg/api/resource', 'resource'],
  'k8s.io.apimachinery.pkg.util.intstr': ['apimachinery/pkg/util/intstr', 'intstr'],
};

/** Messages the decoder handles by hand (their JSON form is not their fields). */
const SPECIAL = new Set(['meta.v1.Time', 'meta.v1.MicroTime', 'meta.v1.Duration', 'meta.v1.FieldsV1', 'runtime.RawExtension', 'resource.Quantity', 'intstr.IntOrString']);

const F_REPEATED = 1;
const F_MAP = 2;
const F_OMITEMPTY = 4;
const F_POINTER = 8;
const F_INLINE = 16;

interface ProtoField {
  num: number;
  name: string;
  type: string;
  repeated: boolean;
  map: boolean;
}
interface GoField {
  protoName?: string;
  protoNum?: number;
  json: string;
  omitempty: boolean;
  pointer: boolean;
  inline: boolean;
}

const SCALARS = new Set(['string', 'int32', 'int64', 'uint32', 'uint64', 'bool', 'bytes', 'double', 'float', 'sint32', 'sint64', 'fixed32', 'fixed64']);

function shortType(type: string, pkg: string): string {
  if (SCALARS.has(type)) return type;
  if (type.startsWith('.')) {
    const full = type.slice(1);
    const i = full.lastIndexOf('.');
    const p = PACKAGES[full.slice(0, i)];
    if (!p) throw new Error(`unknown package of ${type}`);
    return `${p[1]}.${full.slice(i + 1)}`;
  }
  return `${PACKAGES[pkg][1]}.${type}`;
}

/** Parses a generated.proto: messages and their fields (no nested messages in these files). */
function parseProto(text: string): { pkg: string; messages: Map<string, ProtoField[]> } {
  const clean = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  const pkg = /package\s+([\w.]+);/.exec(clean)![1];
  const messages = new Map<string, ProtoField[]>();
  const re = /message\s+(\w+)\s*\{([^}]*)\}/g;
  for (let m = re.exec(clean); m; m = re.exec(clean)) {
    const fields: ProtoField[] = [];
    for (const line of m[2].split(';')) {
      const t = line.trim();
      if (!t) continue;
      const mm = /^map<\s*(\S+)\s*,\s*(\S+)\s*>\s+(\w+)\s*=\s*(\d+)$/.exec(t);
      if (mm) {
        if (mm[1] !== 'string') throw new Error(`map key ${mm[1]} in ${m[1]}`);
        fields.push({ num: Number(mm[4]), name: mm[3], type: shortType(mm[2], pkg), repeated: false, map: true });
        continue;
      }
      const f = /^(optional|repeated|required)\s+(\S+)\s+(\w+)\s*=\s*(\d+)$/.exec(t);
      if (!f) throw new Error(`cannot parse field "${t}" of ${m[1]}`);
      fields.push({ num: Number(f[4]), name: f[3], type: shortType(f[2], pkg), repeated: f[1] === 'repeated', map: false });
    }
    messages.set(`${PACKAGES[pkg][1]}.${m[1]}`, fields);
  }
  return { pkg, messages };
}

/** Parses the Go structs of a package directory: fields with their json and protobuf tags. */
function parseGo(dir: string, prefix: string, structs: Map<string, GoField[]>, sliceTypes: Set<string>): void {
  for (const file of readdirSync(dir)) {
    if (!file.endsWith('.go') || file.endsWith('_test.go') || file.startsWith('zz_generated') || file === 'generated.pb.go') continue;
    const lines = readFileSync(join(dir, file), 'utf8').split('\n');
    let current: GoField[] | undefined;
    let depth = 0;
    for (const line of lines) {
      const named = /^type\s+(\w+)\s+\[\]/.exec(line);
      if (named) sliceTypes.add(`${prefix}.${named[1]}`);
      const start = /^type\s+(\w+)\s+struct\s*\{\s*$/.exec(line);
      if (start) {
        current = [];
        depth = 1;
        structs.set(`${prefix}.${start[1]}`, current);
        continue;
      }
      if (!current) continue;
      if (/^\}/.test(line)) {
        current = undefined;
        continue;
      }
      const code = line.replace(/\/\/.*$/, '');
      if (/struct\s*\{/.test(code)) depth++;
      if (/^\s*\}/.test(code) && depth > 1) depth--;
      if (depth > 1) continue;
      const f = /^\s+(?:(\w+)\s+)?([^\s`]+)\s+`([^`]*)`/.exec(code);
      if (!f) continue;
      const tag = f[3];
      const json = /json:"([^"]*)"/.exec(tag)?.[1];
      const proto = /protobuf:"([^"]*)"/.exec(tag)?.[1];
      if (json === undefined || json === '-') continue;
      const [jsonName, ...opts] = json.split(',');
      const protoParts = proto?.split(',') ?? [];
      const goType = f[2];
      current.push({
        protoName: protoParts.find((p) => p.startsWith('name='))?.slice(5),
        protoNum: protoParts[1] !== undefined ? Number(protoParts[1]) : undefined,
        json: jsonName,
        omitempty: opts.includes('omitempty'),
        pointer: goType.startsWith('*'),
        inline: opts.includes('inline') || (f[1] === undefined && jsonName === ''),
      });
    }
  }
}

const messages = new Map<string, ProtoField[]>();
const structs = new Map<string, GoField[]>();
const sliceTypes = new Set<string>();
for (const [, [dir, prefix]] of Object.entries(PACKAGES)) {
  const proto = join(ROOT, dir, 'generated.proto');
  if (!existsSync(proto)) throw new Error(`missing ${proto}`);
  for (const [k, v] of parseProto(readFileSync(proto, 'utf8')).messages) messages.set(k, v);
  parseGo(join(ROOT, dir), prefix, structs, sliceTypes);
}

type Row = [number, string, string, number];
const table: Record<string, Row[]> = {};
const arrays: string[] = [];

/** Roots: the API kinds (messages with ObjectMeta metadata) and the options kubectl sends. */
const roots = [...messages.keys()].filter(
  (name) =>
    !name.startsWith('meta.') &&
    (messages.get(name)!.some((f) => f.num === 1 && f.name === 'metadata' && f.type === 'meta.v1.ObjectMeta') ||
      ['authorization.v1.SelfSubjectAccessReview', 'authentication.v1.TokenRequest'].includes(name)),
);
roots.push('meta.v1.DeleteOptions', 'meta.v1.Status', 'meta.v1.List', 'runtime.Unknown');

const seen = new Set<string>();
const queue = [...roots];
while (queue.length) {
  const name = queue.shift()!;
  if (seen.has(name)) continue;
  seen.add(name);
  if (SPECIAL.has(name)) continue;
  const fields = messages.get(name);
  if (!fields) throw new Error(`no message ${name}`);
  if (sliceTypes.has(name) && fields.length === 1 && fields[0].name === 'items') {
    arrays.push(name);
    table[name] = [[fields[0].num, 'items', fields[0].type, F_REPEATED]];
    if (!SCALARS.has(fields[0].type)) queue.push(fields[0].type);
    continue;
  }
  const go = structs.get(name);
  const rows: Row[] = [];
  const used = new Set<number>();
  if (go) {
    for (const g of go) {
      const p = fields.find((f) => (g.protoName !== undefined ? f.name === g.protoName : f.num === g.protoNum));
      if (!p) continue;
      used.add(p.num);
      let flags = 0;
      if (p.repeated) flags |= F_REPEATED;
      if (p.map) flags |= F_MAP;
      if (g.omitempty) flags |= F_OMITEMPTY;
      if (g.pointer) flags |= F_POINTER;
      if (g.inline) flags |= F_INLINE;
      rows.push([p.num, g.inline ? '' : g.json, p.type, flags]);
    }
  }
  // Fields without a Go struct field (or messages without a struct): proto name, omitempty.
  for (const p of fields) {
    if (used.has(p.num)) continue;
    rows.push([p.num, p.name, p.type, (p.repeated ? F_REPEATED : 0) | (p.map ? F_MAP : 0) | F_OMITEMPTY | (SCALARS.has(p.type) || p.repeated || p.map ? 0 : F_POINTER)]);
  }
  table[name] = rows;
  for (const r of rows) if (!SCALARS.has(r[2])) queue.push(r[2]);
}

const names = Object.keys(table).sort();
let out = `/**
 * GENERATED by scripts/gen-proto-schema.ts from k8s.io/api and k8s.io/apimachinery v0.32.5
 * (generated.proto field numbers and types; the Go structs' JSON names, omitempty, pointers,
 * inline embedding and declaration order). Do not edit by hand.
 *
 * Each row: [field number, JSON name ('' when inlined), type (scalar or message), flags].
 */
/* eslint-disable */
export const F_REPEATED = ${F_REPEATED};
export const F_MAP = ${F_MAP};
export const F_OMITEMPTY = ${F_OMITEMPTY};
export const F_POINTER = ${F_POINTER};
export const F_INLINE = ${F_INLINE};

export type ProtoRow = readonly [number, string, string, number];

/** Messages standing for named Go slices: their JSON form is the array of \`items\`. */
export const ARRAY_MESSAGES: ReadonlySet<string> = new Set(${JSON.stringify(arrays.sort())});

export const MESSAGES: Readonly<Record<string, readonly ProtoRow[]>> = {\n`;
for (const n of names) out += `  ${JSON.stringify(n)}: ${JSON.stringify(table[n])},\n`;
out += '};\n';
writeFileSync(OUT, out);
process.stdout.write(`${names.length} messages, ${out.length} bytes -> ${OUT}\n`);
