/**
 * Sessions leaving the playground: the manifests of what the learner made (for a share link)
 * and the validation of a saved session before it is replayed (an imported file).
 *
 * The manifests are what `kubectl get -o yaml` shows, cleaned the way one cleans them to apply
 * them elsewhere: no status, no server-set metadata (uid, resourceVersion, timestamps,
 * managedFields, generation, the last-applied annotation), no allocated fields (a Service's
 * ClusterIP, a pod's node, a bound claim's volume), and only objects no controller owns (a
 * Deployment, not its ReplicaSets and pods).
 */
import type { Cluster } from '../cluster';
import type { KObject } from '../api/types/meta';
import { toYaml } from '../kubectl/printers/yaml';
import type { Journal, JournalEntry } from './protocol';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

/** Kinds a shared scenario may carry, in the order they are applied (namespaces first). */
export const SHARE_KINDS = [
  'Namespace',
  'ConfigMap',
  'Secret',
  'ServiceAccount',
  'PersistentVolumeClaim',
  'Service',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'Pod',
  'HorizontalPodAutoscaler',
  'Ingress',
  'NetworkPolicy',
  'PodDisruptionBudget',
  'Role',
  'RoleBinding',
] as const;

/** Namespaces the cluster makes itself; their objects are not the learner's. */
const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease', 'kube-flannel', 'ingress-nginx', 'local-path-storage']);

function isLearners(kind: string, o: KObject): boolean {
  const ns = o.metadata.namespace;
  if (kind === 'Namespace') return !SYSTEM_NAMESPACES.has(o.metadata.name!) && o.metadata.name !== 'default';
  if (ns && SYSTEM_NAMESPACES.has(ns)) return false;
  if ((o.metadata.ownerReferences as Any[] | undefined)?.some((r) => r.controller)) return false;
  const name = o.metadata.name;
  if (kind === 'Service' && ns === 'default' && name === 'kubernetes') return false;
  if (kind === 'ConfigMap' && name === 'kube-root-ca.crt') return false;
  if (kind === 'ServiceAccount' && name === 'default') return false;
  if (kind === 'Secret' && (o as Any).type === 'kubernetes.io/service-account-token') return false;
  return true;
}

const DROP_ANNOTATIONS = /^(kubectl\.kubernetes\.io\/last-applied-configuration|deployment\.kubernetes\.io\/|pv\.kubernetes\.io\/|volume\.kubernetes\.io\/|volume\.beta\.kubernetes\.io\/)/;

/** An object as a manifest to apply elsewhere. */
export function manifestOf(kind: string, o: KObject): Record<string, unknown> {
  const src = JSON.parse(JSON.stringify(o)) as Any;
  const meta: Any = { name: src.metadata.name };
  if (src.metadata.namespace) meta.namespace = src.metadata.namespace;
  if (src.metadata.labels && Object.keys(src.metadata.labels).length) meta.labels = src.metadata.labels;
  const ann = Object.fromEntries(Object.entries((src.metadata.annotations ?? {}) as Record<string, string>).filter(([k]) => !DROP_ANNOTATIONS.test(k)));
  if (Object.keys(ann).length) meta.annotations = ann;
  const out: Any = { apiVersion: src.apiVersion, kind, metadata: meta };
  for (const [k, v] of Object.entries(src)) {
    if (k !== 'apiVersion' && k !== 'kind' && k !== 'metadata' && k !== 'status') out[k] = v;
  }
  const spec = out.spec;
  if (spec) {
    if (kind === 'Service') {
      delete spec.clusterIP;
      delete spec.clusterIPs;
    }
    if (kind === 'Pod') delete spec.nodeName;
    if (kind === 'PersistentVolumeClaim') delete spec.volumeName;
    if (kind === 'Job') {
      // The job controller's generated selector and labels come back on create.
      delete spec.selector;
      for (const l of ['controller-uid', 'batch.kubernetes.io/controller-uid', 'job-name', 'batch.kubernetes.io/job-name']) delete spec.template?.metadata?.labels?.[l];
    }
  }
  return out;
}

/** The learner's objects as one multi-document YAML text (empty when there are none). */
export function shareManifests(cluster: Cluster): string {
  const docs: string[] = [];
  for (const kind of SHARE_KINDS) {
    for (const o of cluster.api.store.list(kind)) {
      if (!o.metadata.deletionTimestamp && isLearners(kind, o)) docs.push(toYaml(manifestOf(kind, o)));
    }
  }
  return docs.join('---\n');
}

// ---- saved sessions -------------------------------------------------------------------------

/** A saved session's limits: what a playground session can reasonably hold. */
const MAX_ENTRIES = 200_000;
const MAX_TEXT = 1_000_000;
const MAX_NODES = 100;

const isStr = (v: unknown, max = MAX_TEXT): v is string => typeof v === 'string' && v.length <= max;
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const TERM = /^[\w-]{1,40}$/;

function entryProblem(e: Any): string | undefined {
  if (typeof e !== 'object' || e === null || Array.isArray(e)) return 'not an object';
  if (!isTime(e.t)) return 'bad time';
  const keys = (...k: string[]) => Object.keys(e).every((x) => x === 't' || x === 'op' || k.includes(x));
  switch (e.op) {
    case 'input':
      return isStr(e.term, 40) && TERM.test(e.term) && isStr(e.input) && keys('term', 'input') ? undefined : 'bad input';
    case 'interrupt':
    case 'poll':
      return isStr(e.term, 40) && TERM.test(e.term) && keys('term') ? undefined : `bad ${e.op}`;
    case 'exec':
      return isStr(e.input) && keys('input') ? undefined : 'bad exec';
    case 'write':
      return isStr(e.path, 4096) && e.path.startsWith('/') && isStr(e.content) && keys('path', 'content') ? undefined : 'bad write';
    case 'killPod':
      return isStr(e.namespace, 253) && isStr(e.name, 253) && keys('namespace', 'name') ? undefined : 'bad killPod';
    case 'edit':
      return isStr(e.term, 40) && TERM.test(e.term) && (e.text === null || isStr(e.text)) && keys('term', 'text') ? undefined : 'bad edit';
    case 'traffic':
      return isStr(e.namespace, 253) && isStr(e.service, 253) && isInt(e.rps) && isTime(e.durationSec) && keys('namespace', 'service', 'rps', 'durationSec')
        ? undefined
        : 'bad traffic';
    case 'trafficStop':
      return keys() ? undefined : 'bad trafficStop';
    case 'pullFault':
      return isStr(e.image, 512) && (e.fault === null || ['notfound', 'unauthorized', 'ratelimit', 'unavailable'].includes(e.fault)) && keys('image', 'fault')
        ? undefined
        : 'bad pullFault';
    default:
      return 'unknown action';
  }
}

/**
 * A saved session checked field by field (an imported file is untrusted input); throws an
 * Error naming the first problem. Times must not go backwards.
 */
export function validateJournal(value: unknown): Journal {
  const j = value as Any;
  if (typeof j !== 'object' || j === null) throw new Error('not a KubePlay session');
  if (j.version !== 1) throw new Error('unsupported session version');
  if (!isInt(j.nodes) || j.nodes < 0 || j.nodes > MAX_NODES) throw new Error('bad node count');
  if (!isInt(j.seed)) throw new Error('bad seed');
  if (!isTime(j.endMs)) throw new Error('bad end time');
  if (!Array.isArray(j.entries) || j.entries.length > MAX_ENTRIES) throw new Error('bad action list');
  let last = 0;
  j.entries.forEach((e: Any, i: number) => {
    const p = entryProblem(e);
    if (p) throw new Error(`action ${i + 1}: ${p}`);
    if (e.t < last) throw new Error(`action ${i + 1}: time goes backwards`);
    last = e.t;
  });
  if (j.endMs < last) throw new Error('the session ends before its last action');
  return { version: 1, nodes: j.nodes, seed: j.seed, endMs: j.endMs, entries: j.entries.map((e: JournalEntry) => ({ ...e })) };
}
