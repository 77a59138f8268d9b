/**
 * The ClusterView lesson checks see in the browser (src/lessons/types.ts): the UI's mirror of
 * watched objects (state/mirror.ts), each slim view turned back into the object fields the
 * checks read (metadata, spec, status as the apiserver serves them). Tests run the same checks
 * on a real cluster; cluster-view.test.ts proves both answer alike at every step of every lesson.
 *
 * Simplification: only what the views carry exists here (see protocol.ts `*View`); a check that
 * asks for a kind the worker does not mirror throws (the panel then lets the learner go on by
 * hand) instead of silently never passing.
 */
import type { KObject } from '../../../engine/api/types/meta';
import type { ClusterView } from '../../../lessons/types';
import type {
  EndpointsView,
  NamespaceView,
  NodeView,
  ObjectView,
  PersistentVolumeClaimView,
  PodView,
  ServiceView,
  ViewKind,
  WorkloadView,
} from '../../engine-client/protocol';
import { VIEW_KINDS } from '../../engine-client/protocol';
import type { Mirror } from '../../state/mirror';

/** RFC 3339 at whole seconds, as the apiserver writes creationTimestamp. */
export function timestamp(ms: number): string | undefined {
  return ms ? new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z') : undefined;
}

function meta(name: string, namespace: string | undefined, labels: Record<string, string> | undefined, createdMs?: number) {
  return {
    name,
    ...(namespace ? { namespace } : {}),
    ...(labels && Object.keys(labels).length ? { labels } : {}),
    ...(createdMs ? { creationTimestamp: timestamp(createdMs) } : {}),
  };
}

function condition(type: string, status: string): { type: string; status: string }[] {
  return status ? [{ type, status }] : [];
}

/** `key=value:Effect` or `key:Effect` back to a taint. */
export function parseTaint(text: string): { key: string; value?: string; effect: string } {
  const colon = text.lastIndexOf(':');
  const kv = text.slice(0, colon);
  const eq = kv.indexOf('=');
  return eq < 0 ? { key: kv, effect: text.slice(colon + 1) } : { key: kv.slice(0, eq), value: kv.slice(eq + 1), effect: text.slice(colon + 1) };
}

function pod(v: PodView): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...meta(v.name, v.namespace, v.labels, v.createdMs),
      uid: v.uid,
      ...(v.deleting ? { deletionTimestamp: 'deleting' } : {}),
      ...(v.owner ? { ownerReferences: [{ apiVersion: '', kind: v.owner.kind, name: v.owner.name, uid: '', controller: true }] } : {}),
    },
    spec: { ...(v.nodeName ? { nodeName: v.nodeName } : {}), containers: v.images.map((image) => ({ image })) },
    status: {
      phase: v.phase || undefined,
      ...(v.podIP ? { podIP: v.podIP } : {}),
      conditions: condition('Ready', v.podReady === undefined ? '' : v.podReady ? 'True' : 'False'),
    },
  };
}

function node(v: NodeView): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: meta(v.name, undefined, v.labels),
    spec: {
      ...(v.taints.length ? { taints: v.taints.map(parseTaint) } : {}),
      ...(v.status.includes('SchedulingDisabled') ? { unschedulable: true } : {}),
    },
    status: {
      conditions: condition('Ready', v.readyStatus ?? (v.ready ? 'True' : 'False')),
      addresses: v.internalIP ? [{ type: 'InternalIP', address: v.internalIP }] : [],
    },
  };
}

function workload(v: WorkloadView): KObject {
  const containers = v.containers ?? v.images.map((image) => ({ name: '', image }));
  const podSpec = {
    containers: containers.map((c) => ({ name: c.name, image: c.image, ...('requests' in c && c.requests ? { resources: { requests: c.requests } } : {}) })),
  };
  const template = { metadata: {}, spec: podSpec };
  const spec: Record<string, unknown> =
    v.kind === 'CronJob'
      ? { jobTemplate: { spec: { template } } }
      : {
          ...(v.kind === 'Job' ? { completions: v.desired } : v.kind === 'DaemonSet' ? {} : { replicas: v.desired }),
          selector: { matchLabels: v.selector },
          template,
        };
  return {
    apiVersion: v.kind === 'Job' || v.kind === 'CronJob' ? 'batch/v1' : 'apps/v1',
    kind: v.kind,
    metadata: {
      ...meta(v.name, v.namespace, v.labels, v.createdMs),
      ...(v.generation !== undefined ? { generation: v.generation } : {}),
      ...(v.revision !== undefined ? { annotations: { 'deployment.kubernetes.io/revision': v.revision } } : {}),
      ...(v.owner ? { ownerReferences: [{ apiVersion: '', kind: v.owner.kind, name: v.owner.name, uid: '', controller: true }] } : {}),
    },
    spec,
    status: {
      ...(v.observedGeneration !== undefined ? { observedGeneration: v.observedGeneration } : {}),
      ...(v.replicas !== undefined ? { replicas: v.replicas } : {}),
      ...(v.updatedReplicas !== undefined ? { updatedReplicas: v.updatedReplicas } : {}),
      ...(v.availableReplicas !== undefined ? { availableReplicas: v.availableReplicas } : {}),
      ...(v.kind === 'Job' ? { succeeded: v.ready } : v.kind === 'DaemonSet' ? { numberReady: v.ready } : v.kind === 'CronJob' ? {} : { readyReplicas: v.ready }),
      ...(v.conditions?.length ? { conditions: v.conditions } : {}),
    },
  };
}

function endpoints(v: EndpointsView): KObject {
  const ready = v.addresses.filter((a) => a.ready);
  const notReady = v.addresses.filter((a) => !a.ready);
  const addr = (a: EndpointsView['addresses'][number]) => ({
    ip: a.ip,
    ...(a.podKey ? { targetRef: { kind: 'Pod', namespace: a.podKey.split('/')[0], name: a.podKey.split('/')[1] } } : {}),
  });
  const subset = {
    ...(ready.length ? { addresses: ready.map(addr) } : {}),
    ...(notReady.length ? { notReadyAddresses: notReady.map(addr) } : {}),
  };
  return { apiVersion: 'v1', kind: 'Endpoints', metadata: meta(v.name, v.namespace, undefined), ...(v.addresses.length ? { subsets: [subset] } : {}) };
}

function service(v: ServiceView): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(v.name, v.namespace, undefined),
    spec: { type: v.type, clusterIP: v.clusterIP, selector: v.selector },
  };
}

function namespace(v: NamespaceView): KObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: meta(v.name, undefined, undefined), status: { phase: v.phase } };
}

function plain(kind: string, v: ObjectView): KObject {
  return { apiVersion: 'v1', kind, metadata: meta(v.name, v.namespace, v.labels, v.createdMs) };
}

function pvc(v: PersistentVolumeClaimView): KObject {
  return {
    ...plain('PersistentVolumeClaim', v),
    spec: { ...(v.volumeName ? { volumeName: v.volumeName } : {}), ...(v.storageClassName ? { storageClassName: v.storageClassName } : {}) },
    status: { phase: v.phase },
  };
}

/** The object a view stands for, with the fields lesson checks read. */
export function objectOf(kind: ViewKind, v: unknown): KObject {
  switch (kind) {
    case 'Pod':
      return pod(v as PodView);
    case 'Node':
      return node(v as NodeView);
    case 'Endpoints':
      return endpoints(v as EndpointsView);
    case 'Service':
      return service(v as ServiceView);
    case 'Namespace':
      return namespace(v as NamespaceView);
    case 'PersistentVolumeClaim':
      return pvc(v as PersistentVolumeClaimView);
    case 'ConfigMap':
    case 'Secret':
    case 'HorizontalPodAutoscaler':
      return plain(kind, v as ObjectView);
    case 'Event':
      return plain('Event', v as ObjectView);
    default:
      return workload(v as WorkloadView);
  }
}

/** A kind lesson checks may not ask about in the browser. */
export class NotMirroredError extends Error {
  constructor(readonly kind: string) {
    super(`${kind} is not mirrored to the browser`);
  }
}

const MIRRORED = new Set<string>(VIEW_KINDS);

type Views = Readonly<Record<string, object & { key: string; namespace?: string }>>;

/** Views of one kind in key order, as the apiserver lists (etcd keys are sorted); per record. */
const sortedCache = new WeakMap<object, (object & { key: string; namespace?: string })[]>();
function sorted(rec: Views) {
  let out = sortedCache.get(rec);
  if (!out) {
    out = Object.values(rec).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    sortedCache.set(rec, out);
  }
  return out;
}

/**
 * A ClusterView over one mirror snapshot. Objects are built on first use and cached per view
 * object, so checks run on every push without rebuilding unchanged objects.
 */
export function mirrorView(mirror: Mirror, cache: WeakMap<object, KObject> = new WeakMap()): ClusterView {
  const kindOf = (kind: string): ViewKind => {
    if (!MIRRORED.has(kind)) throw new NotMirroredError(kind);
    return kind as ViewKind;
  };
  const conv = (kind: ViewKind, v: object): KObject => {
    let o = cache.get(v);
    if (!o) cache.set(v, (o = objectOf(kind, v)));
    return o;
  };
  return {
    get(kind, ns, name) {
      const k = kindOf(kind);
      const v = (mirror[k] as Record<string, object>)[ns ? `${ns}/${name}` : name];
      return v ? conv(k, v) : undefined;
    },
    list(kind, ns) {
      const k = kindOf(kind);
      const out: KObject[] = [];
      for (const v of sorted(mirror[k] as Views)) {
        if (ns === undefined || v.namespace === ns) out.push(conv(k, v));
      }
      return out;
    },
  };
}

/** Namespaces a fresh cluster has (engine/bootstrap.ts SYSTEM_NAMESPACES). */
const BOOT_NAMESPACES = new Set(['default', 'kube-node-lease', 'kube-public', 'kube-system', 'kube-flannel']);
const LEARNER_KINDS: readonly ViewKind[] = [
  'Pod',
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'Service',
  'ConfigMap',
  'Secret',
  'PersistentVolumeClaim',
  'HorizontalPodAutoscaler',
];

/**
 * How many objects the learner made (what a fresh cluster lacks): namespaces of their own and
 * objects in `default` or in their namespaces. Zero means a reset loses nothing.
 */
export function learnerObjects(mirror: Mirror): number {
  let n = 0;
  for (const ns of Object.values(mirror.Namespace)) if (!BOOT_NAMESPACES.has(ns.name)) n++;
  for (const kind of LEARNER_KINDS) {
    for (const v of Object.values(mirror[kind] as Views)) {
      const ns = v.namespace ?? '';
      if (ns !== 'default' && BOOT_NAMESPACES.has(ns)) continue;
      if (kind === 'Service' && v.key === 'default/kubernetes') continue;
      if (kind === 'ConfigMap' && v.key.endsWith('/kube-root-ca.crt')) continue;
      n++;
    }
  }
  return n;
}
