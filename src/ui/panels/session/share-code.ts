/**
 * Share links: a scenario (manifests plus, optionally, a lesson step) compressed into the URL
 * fragment, `#share=<base64url of deflate(JSON)>`, so that it never reaches a server.
 *
 * Decoding treats the link as hostile: sizes are capped before and after decompression, the JSON
 * must have exactly the expected shape, the YAML may not use aliases, every document must be one
 * object of an allowed kind with a valid name, and the lesson must exist with the step in range.
 * What comes out is data to show the learner; the only thing ever done with it is, after they
 * confirm, `kubectl apply -f` of the re-serialized manifests in their terminal.
 */
import { parseAllDocuments, stringify } from 'yaml';

/** Kinds a link may carry (what engine/worker/share.ts exports). */
export const SHARE_KINDS = new Set([
  'Namespace', 'ConfigMap', 'Secret', 'ServiceAccount', 'PersistentVolumeClaim', 'Service', 'Deployment', 'StatefulSet', 'DaemonSet',
  'Job', 'CronJob', 'Pod', 'HorizontalPodAutoscaler', 'Ingress', 'NetworkPolicy', 'PodDisruptionBudget', 'Role', 'RoleBinding',
]);

export const SHARE_PREFIX = '#share=';
const MAX_CODE = 200_000;
const MAX_JSON = 512 * 1024;
const MAX_DOCS = 200;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const LESSON_ID = /^[a-z0-9-]{1,64}$/;

export interface Scenario {
  manifests: string;
  lesson?: { id: string; step: number };
}

export interface CheckedScenario extends Scenario {
  /** The objects, as the confirmation lists them. */
  objects: { kind: string; name: string; namespace?: string }[];
}

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('the link is damaged (not base64url)');
  const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream, max: number): Promise<Uint8Array> {
  const reader = new Blob([bytes as BlobPart]).stream().pipeThrough(stream).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > max) {
      await reader.cancel();
      throw new Error('the scenario is too large');
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** The URL fragment for a scenario. */
export async function encodeScenario(s: Scenario): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(s.lesson ? { v: 1, manifests: s.manifests, lesson: s.lesson } : { v: 1, manifests: s.manifests }));
  return SHARE_PREFIX + toBase64Url(await pipe(json, new CompressionStream('deflate'), Infinity));
}

/**
 * The scenario in a fragment, checked; throws an Error saying what is wrong. `lessonSteps`
 * answers how many steps a lesson has (undefined: no such lesson).
 */
export async function decodeScenario(fragment: string, lessonSteps: (id: string) => number | undefined): Promise<CheckedScenario> {
  if (!fragment.startsWith(SHARE_PREFIX)) throw new Error('not a share link');
  const code = fragment.slice(SHARE_PREFIX.length);
  if (code.length > MAX_CODE) throw new Error('the scenario is too large');
  let data: unknown;
  try {
    const bytes = await pipe(fromBase64Url(code), new DecompressionStream('deflate'), MAX_JSON);
    data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (e) {
    throw new Error(e instanceof Error && /too large|damaged/.test(e.message) ? e.message : 'the link is damaged');
  }
  const d = data as Record<string, unknown>;
  if (typeof d !== 'object' || d === null || Array.isArray(d)) throw new Error('the link holds no scenario');
  if (Object.keys(d).some((k) => !['v', 'manifests', 'lesson'].includes(k)) || d.v !== 1 || typeof d.manifests !== 'string') throw new Error('the link holds no scenario');
  let lesson: Scenario['lesson'];
  if (d.lesson !== undefined) {
    const l = d.lesson as Record<string, unknown>;
    if (typeof l !== 'object' || l === null || Object.keys(l).some((k) => k !== 'id' && k !== 'step')) throw new Error('bad lesson in the link');
    if (typeof l.id !== 'string' || !LESSON_ID.test(l.id)) throw new Error('bad lesson in the link');
    const steps = lessonSteps(l.id);
    if (steps === undefined) throw new Error(`there is no lesson "${l.id}"`);
    if (typeof l.step !== 'number' || !Number.isInteger(l.step) || l.step < 0 || l.step >= steps) throw new Error('bad lesson step in the link');
    lesson = { id: l.id, step: l.step };
  }
  const docs = parseAllDocuments(d.manifests, { uniqueKeys: true });
  const list = Array.isArray(docs) ? docs : [docs];
  if (list.length > MAX_DOCS) throw new Error('the scenario has too many objects');
  const objects: CheckedScenario['objects'] = [];
  const texts: string[] = [];
  list.forEach((doc, i) => {
    if (doc.errors.length) throw new Error(`manifest ${i + 1}: ${doc.errors[0].message.split('\n')[0]}`);
    let o: Record<string, unknown> | null;
    try {
      o = doc.toJS({ maxAliasCount: 0 }) as Record<string, unknown> | null;
    } catch {
      throw new Error(`manifest ${i + 1}: YAML aliases are not allowed`);
    }
    if (o === null) return;
    if (typeof o !== 'object' || Array.isArray(o)) throw new Error(`manifest ${i + 1}: not an object`);
    const meta = o.metadata as Record<string, unknown> | undefined;
    if (typeof o.apiVersion !== 'string' || typeof o.kind !== 'string' || !SHARE_KINDS.has(o.kind)) throw new Error(`manifest ${i + 1}: kind ${String(o.kind)} is not allowed`);
    if (typeof meta !== 'object' || meta === null || typeof meta.name !== 'string' || !DNS_SUBDOMAIN.test(meta.name)) throw new Error(`manifest ${i + 1}: bad name`);
    if (meta.namespace !== undefined && (typeof meta.namespace !== 'string' || !DNS_LABEL.test(meta.namespace))) throw new Error(`manifest ${i + 1}: bad namespace`);
    objects.push({ kind: o.kind, name: meta.name, ...(meta.namespace ? { namespace: meta.namespace as string } : {}) });
    texts.push(stringify(o));
  });
  if (objects.length === 0 && !lesson) throw new Error('the scenario is empty');
  return { manifests: texts.join('---\n'), objects, ...(lesson ? { lesson } : {}) };
}
