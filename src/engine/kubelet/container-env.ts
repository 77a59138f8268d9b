/**
 * What a container sees when it starts: its environment (pkg/kubelet/kubelet_pods.go
 * makeEnvironmentVariables: service links, envFrom, env with $(VAR) expansion, downward API,
 * ConfigMap and Secret keys with the kubelet's error texts) and its file system (the image's
 * files, /etc/hosts and /etc/resolv.conf as the kubelet writes them, and the pod's volumes:
 * emptyDir, configMap, secret, projected service-account token, downwardAPI, hostPath, PVC).
 */
import type { ApiServer } from '../api/server';
import type { KObject } from '../api/types/meta';
import type { ImageInfo } from './images';
import { base64Decode, base64Encode } from '../core/base64';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Obj = Record<string, any>;

/** A CreateContainerConfigError. */
export class ConfigError extends Error {}

/** Standard base64 of a string's UTF-8 bytes. */
export function b64encode(s: string): string {
  return base64Encode(s);
}

/** Decodes base64 (Secret data) to text; invalid input comes back unchanged. */
function b64decode(s: string): string {
  return base64Decode(s) ?? s;
}

function envName(svc: string): string {
  return svc.toUpperCase().replace(/-/g, '_');
}

/** Docker-links style variables of the Services visible to a pod (pkg/kubelet/envvars). */
export function serviceEnv(api: ApiServer, namespace: string, enableServiceLinks: boolean): [string, string][] {
  const out: [string, string][] = [];
  const services: KObject[] = [];
  if (enableServiceLinks) services.push(...api.list('Service', { namespace }).items);
  if (namespace !== 'default' || !enableServiceLinks) {
    const k = api.find('Service', 'default', 'kubernetes');
    if (k) services.push(k);
  }
  for (const svc of services) {
    let vars = serviceVars.get(svc);
    if (!vars) serviceVars.set(svc, (vars = varsOfService(svc)));
    for (const v of vars) out.push(v);
  }
  return out;
}

/**
 * The variables of each Service version, built once: every container of the cluster gets the
 * `kubernetes` Service's seven, and 10,000 containers would otherwise each keep their own copies
 * of the same strings.
 */
const serviceVars = new WeakMap<KObject, readonly [string, string][]>();

function varsOfService(svc: KObject): [string, string][] {
  const out: [string, string][] = [];
  const ip = svc.spec?.clusterIP as string | undefined;
  if (!ip || ip === 'None') return out;
  const name = envName(svc.metadata.name!);
  const ports: Obj[] = svc.spec?.ports ?? [];
  if (ports.length === 0) return out;
  out.push([`${name}_SERVICE_HOST`, ip], [`${name}_SERVICE_PORT`, String(ports[0].port)]);
  for (const p of ports) if (p.name) out.push([`${name}_SERVICE_PORT_${envName(p.name)}`, String(p.port)]);
  const proto0 = String(ports[0].protocol ?? 'TCP').toLowerCase();
  out.push([`${name}_PORT`, `${proto0}://${ip}:${ports[0].port}`]);
  for (const p of ports) {
    const proto = String(p.protocol ?? 'TCP').toLowerCase();
    const prefix = `${name}_PORT_${p.port}_${proto.toUpperCase()}`;
    out.push([prefix, `${proto}://${ip}:${p.port}`], [`${prefix}_PROTO`, proto], [`${prefix}_PORT`, String(p.port)], [`${prefix}_ADDR`, ip]);
  }
  // Flat strings (reading a character flattens a concatenation): they are kept for good.
  for (const [k, v] of out) {
    k.charCodeAt(0);
    v.charCodeAt(0);
  }
  return out;
}

/** $(VAR) expansion of env values and command arguments (third_party/forked/golang/expansion). */
export function expandVars(s: string, lookup: (name: string) => string | undefined): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '$' && s[i + 1] === '$') {
      out += '$';
      i++;
      continue;
    }
    if (s[i] === '$' && s[i + 1] === '(') {
      const end = s.indexOf(')', i + 2);
      if (end > 0) {
        const name = s.slice(i + 2, end);
        const v = lookup(name);
        out += v ?? `$(${name})`;
        i = end;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}

function fieldValue(pod: KObject, path: string, hostIP: string, podIP: string | undefined): string {
  const m = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(path);
  if (m) return (pod.metadata[m[1] as 'labels' | 'annotations'] ?? {})[m[2]] ?? '';
  switch (path) {
    case 'metadata.name': return pod.metadata.name ?? '';
    case 'metadata.namespace': return pod.metadata.namespace ?? '';
    case 'metadata.uid': return pod.metadata.uid ?? '';
    case 'metadata.labels': return Object.entries(pod.metadata.labels ?? {}).map(([k, v]) => `${k}="${v}"`).join('\n');
    case 'metadata.annotations': return Object.entries(pod.metadata.annotations ?? {}).map(([k, v]) => `${k}="${v}"`).join('\n');
    case 'spec.nodeName': return pod.spec?.nodeName ?? '';
    case 'spec.serviceAccountName': return pod.spec?.serviceAccountName ?? '';
    case 'status.hostIP':
    case 'status.hostIPs': return hostIP;
    case 'status.podIP':
    case 'status.podIPs': return podIP ?? '';
    default: return '';
  }
}

function resourceValue(c: Obj, ref: Obj, nodeAlloc: { cpu: number; memory: number }): string {
  const [part, res] = String(ref.resource).split('.');
  const q = c.resources?.[part]?.[res];
  const parse = (v: string): number => {
    const m = /^([\d.]+)(m|Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(String(v));
    if (!m) return 0;
    const mult: Record<string, number> = { m: 0.001, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, k: 1e3, M: 1e6, G: 1e9, T: 1e12 };
    return Number(m[1]) * (m[2] ? mult[m[2]] : 1);
  };
  const divisor = ref.divisor ? parse(ref.divisor) : 1;
  let v: number;
  if (q !== undefined) v = parse(q);
  else if (res === 'cpu') v = part === 'limits' ? nodeAlloc.cpu : 0;
  else if (res === 'memory') v = part === 'limits' ? nodeAlloc.memory : 0;
  else v = 0;
  return String(Math.ceil(v / (divisor || 1)));
}

export interface EnvContext {
  api: ApiServer;
  pod: KObject;
  container: Obj;
  image: ImageInfo;
  hostIP: string;
  podIP?: string;
  hostname: string;
  nodeAlloc: { cpu: number; memory: number };
}

/** The container's environment in the order `env` prints it; throws ConfigError. */
export function containerEnv(ctx: EnvContext): Map<string, string> {
  const { api, pod, container: c } = ctx;
  const ns = pod.metadata.namespace!;
  const tmp = new Map<string, string>();
  const services = serviceEnv(api, ns, pod.spec?.enableServiceLinks !== false);
  for (const ef of (c.envFrom ?? []) as Obj[]) {
    const prefix = ef.prefix ?? '';
    if (ef.configMapRef) {
      const cm = api.find('ConfigMap', ns, ef.configMapRef.name);
      if (!cm) {
        if (ef.configMapRef.optional) continue;
        throw new ConfigError(`configmap "${ef.configMapRef.name}" not found`);
      }
      for (const [k, v] of Object.entries((cm.data ?? {}) as Obj)) tmp.set(prefix + k, String(v));
    }
    if (ef.secretRef) {
      const s = api.find('Secret', ns, ef.secretRef.name);
      if (!s) {
        if (ef.secretRef.optional) continue;
        throw new ConfigError(`secret "${ef.secretRef.name}" not found`);
      }
      for (const [k, v] of Object.entries((s.data ?? {}) as Obj)) tmp.set(prefix + k, b64decode(String(v)));
      for (const [k, v] of Object.entries((s.stringData ?? {}) as Obj)) tmp.set(prefix + k, String(v));
    }
  }
  const svcMap = new Map(services);
  const lookup = (name: string) => tmp.get(name) ?? svcMap.get(name);
  for (const e of (c.env ?? []) as Obj[]) {
    if (e.valueFrom) {
      const vf = e.valueFrom;
      if (vf.fieldRef) tmp.set(e.name, fieldValue(pod, vf.fieldRef.fieldPath, ctx.hostIP, ctx.podIP));
      else if (vf.resourceFieldRef) tmp.set(e.name, resourceValue(c, vf.resourceFieldRef, ctx.nodeAlloc));
      else if (vf.configMapKeyRef) {
        const ref = vf.configMapKeyRef;
        const cm = api.find('ConfigMap', ns, ref.name);
        if (!cm) {
          if (ref.optional) continue;
          throw new ConfigError(`configmap "${ref.name}" not found`);
        }
        const v = (cm.data as Obj | undefined)?.[ref.key];
        if (v === undefined) {
          if (ref.optional) continue;
          throw new ConfigError(`couldn't find key ${ref.key} in ConfigMap ${ns}/${ref.name}`);
        }
        tmp.set(e.name, String(v));
      } else if (vf.secretKeyRef) {
        const ref = vf.secretKeyRef;
        const s = api.find('Secret', ns, ref.name);
        if (!s) {
          if (ref.optional) continue;
          throw new ConfigError(`secret "${ref.name}" not found`);
        }
        const v = (s.data as Obj | undefined)?.[ref.key];
        if (v === undefined) {
          if (ref.optional) continue;
          throw new ConfigError(`couldn't find key ${ref.key} in Secret ${ns}/${ref.name}`);
        }
        tmp.set(e.name, b64decode(String(v)));
      }
    } else {
      tmp.set(e.name, expandVars(String(e.value ?? ''), lookup));
    }
  }
  const env = new Map<string, string>();
  for (const [k, v] of Object.entries(ctx.image.env)) if (k === 'PATH') env.set(k, v);
  env.set('HOSTNAME', ctx.hostname);
  for (const [k, v] of tmp) env.set(k, v);
  for (const [k, v] of services) if (!env.has(k)) env.set(k, v);
  for (const [k, v] of Object.entries(ctx.image.env)) if (!env.has(k)) env.set(k, v);
  if (!env.has('HOME')) env.set('HOME', '/root');
  return env;
}

/** Container command and arguments with $(VAR) expanded (kubecontainer.ExpandContainerCommandAndArgs). */
export function containerArgv(c: Obj, image: ImageInfo, env: Map<string, string>): string[] {
  const lookup = (n: string) => env.get(n);
  const command: string[] | undefined = c.command?.length ? c.command : undefined;
  const args: string[] | undefined = c.args?.length ? c.args : undefined;
  const base = command ?? image.entrypoint ?? [];
  const rest = args ?? (command ? [] : (image.cmd ?? []));
  return [...base, ...rest].map((a) => expandVars(String(a), lookup));
}

// ---- files -----------------------------------------------------------------------------------

/** A mounted directory tree. */
export interface MountFS {
  read(rel: string): string | undefined;
  list(rel: string): string[] | undefined;
  write?(rel: string, content: string, append: boolean): boolean;
  remove?(rel: string): boolean;
}

/** A writable in-memory directory (emptyDir, PV data, hostPath, the container's own layer). */
export class MemDir implements MountFS {
  constructor(readonly files: Map<string, string> = new Map()) {}
  read(rel: string): string | undefined {
    return this.files.get(rel);
  }
  list(rel: string): string[] | undefined {
    const prefix = rel ? rel + '/' : '';
    const names = new Set<string>();
    for (const k of this.files.keys()) {
      if (k === rel + '/.dir' || !k.startsWith(prefix)) continue;
      const rest = k.slice(prefix.length);
      if (!rest) continue;
      const name = rest.split('/')[0];
      if (name !== '.dir') names.add(name);
    }
    if (names.size === 0 && rel !== '' && !this.files.has(rel + '/.dir')) return undefined;
    return [...names].sort();
  }
  write(rel: string, content: string, append: boolean): boolean {
    this.files.set(rel, append ? (this.files.get(rel) ?? '') + content : content);
    return true;
  }
  remove(rel: string): boolean {
    let hit = this.files.delete(rel);
    for (const k of [...this.files.keys()]) if (k.startsWith(rel + '/')) hit = this.files.delete(k) || hit;
    return hit;
  }
}

/** A read-only key/value projection (configMap, secret, token volume). */
export class KeyDir implements MountFS {
  constructor(private keys: () => Map<string, string>) {}
  read(rel: string): string | undefined {
    return this.keys().get(rel);
  }
  list(rel: string): string[] | undefined {
    if (rel !== '') return undefined;
    return [...this.keys().keys()].sort();
  }
}

/** The file system of one container: its layer over the image, plus mounts. */
export class ContainerFS {
  private mounts: { path: string; fs: MountFS; readOnly: boolean }[] = [];

  constructor(
    private layer: MemDir,
    private image: Record<string, string>,
  ) {}

  mount(path: string, fs: MountFS, readOnly: boolean): void {
    this.mounts.push({ path: path.replace(/\/+$/, '') || '/', fs, readOnly });
    this.mounts.sort((a, b) => b.path.length - a.path.length);
  }

  private resolve(path: string): { fs: MountFS; rel: string; readOnly: boolean } | undefined {
    const p = normalize(path);
    for (const m of this.mounts) {
      if (p === m.path) return { fs: m.fs, rel: '', readOnly: m.readOnly };
      if (p.startsWith(m.path + '/')) return { fs: m.fs, rel: p.slice(m.path.length + 1), readOnly: m.readOnly };
    }
    return undefined;
  }

  read(path: string): string | undefined {
    const r = this.resolve(path);
    if (r) return r.fs.read(r.rel);
    const p = normalize(path);
    if (this.layer.files.has('\0deleted' + p)) return undefined;
    return this.layer.read(p) ?? this.image[p];
  }

  write(path: string, content: string, append: boolean): boolean {
    const r = this.resolve(path);
    if (r) return !r.readOnly && !!r.fs.write?.(r.rel, content, append);
    const p = normalize(path);
    this.layer.files.delete('\0deleted' + p);
    if (append && this.layer.read(p) === undefined && this.image[p] !== undefined) this.layer.write(p, this.image[p], false);
    return this.layer.write(p, content, append);
  }

  remove(path: string): boolean {
    const r = this.resolve(path);
    if (r) return !r.readOnly && !!r.fs.remove?.(r.rel);
    const p = normalize(path);
    const had = this.read(p) !== undefined;
    this.layer.remove(p);
    if (this.image[p] !== undefined) this.layer.files.set('\0deleted' + p, '');
    return had;
  }

  mkdir(path: string): void {
    const r = this.resolve(path);
    if (r) {
      r.fs.write?.(r.rel ? `${r.rel}/.dir` : '.dir', '', false);
      return;
    }
    this.layer.write(normalize(path) + '/.dir', '', false);
  }

  list(path: string): string[] | undefined {
    const p = normalize(path);
    const r = this.resolve(p);
    const names = new Set<string>(r ? (r.fs.list(r.rel) ?? []) : []);
    if (!r) {
      const prefix = p === '/' ? '/' : p + '/';
      for (const k of [...Object.keys(this.image), ...this.layer.files.keys()]) {
        if (!k.startsWith(prefix) || this.layer.files.has('\0deleted' + k)) continue;
        const name = k.slice(prefix.length).split('/')[0];
        if (name && name !== '.dir') names.add(name);
      }
      if (this.layer.files.has(p + '/.dir')) names.add('');
    }
    for (const m of this.mounts) {
      const parent = m.path.slice(0, m.path.lastIndexOf('/')) || '/';
      if (parent === p) names.add(m.path.slice(m.path.lastIndexOf('/') + 1));
    }
    names.delete('');
    if (names.size === 0 && !this.isDir(p)) return undefined;
    return [...names].sort();
  }

  isDir(path: string): boolean {
    const p = normalize(path);
    if (p === '/') return true;
    const r = this.resolve(p);
    if (r) return r.rel === '' || r.fs.list(r.rel) !== undefined;
    if (this.layer.files.has(p + '/.dir')) return true;
    const prefix = p + '/';
    return [...Object.keys(this.image), ...this.layer.files.keys()].some((k) => k.startsWith(prefix)) || this.mounts.some((m) => m.path.startsWith(prefix));
  }
}

function normalize(path: string): string {
  const parts: string[] = [];
  for (const seg of path.split('/')) {
    if (!seg || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return '/' + parts.join('/');
}

/** A fake but well-formed service-account JWT (header.payload.signature, base64url). */
export function fakeToken(ns: string, sa: string, podName: string, podUid: string, iatSec: number): string {
  const enc = (o: unknown) => b64encode(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  const header = enc({ alg: 'RS256', kid: 'KpA4Zb6fB4XxcmC2n0mJx5Lr2QvF8dYhT3sEoW1uNgI' });
  const payload = enc({
    aud: ['https://kubernetes.default.svc.cluster.local'],
    exp: iatSec + 3607,
    iat: iatSec,
    iss: 'https://kubernetes.default.svc.cluster.local',
    jti: podUid.replace(/-/g, '').slice(0, 32),
    'kubernetes.io': { namespace: ns, pod: { name: podName, uid: podUid }, serviceaccount: { name: sa, uid: podUid.split('').reverse().join('') } },
    nbf: iatSec,
    sub: `system:serviceaccount:${ns}:${sa}`,
  });
  return `${header}.${payload}.${'x'.repeat(342)}`;
}

export const CLUSTER_CA = `-----BEGIN CERTIFICATE-----
MIIDBTCCAe2gAwIBAgIIKc7oU8p8XhYwDQYJKoZIhvcNAQELBQAwFTETMBEGA1UE
AxMKa3ViZXJuZXRlczAeFw0yNjExMjYwODU1MDBaFw0zNjExMjQwOTAwMDBaMBUx
EzARBgNVBAMTCmt1YmVybmV0ZXMwggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEK
AoIBAQC7kubePlaYSimulatedClusterCertificateAuthorityDataDoNotUse0
-----END CERTIFICATE-----
`;

export { b64decode };
