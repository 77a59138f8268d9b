/**
 * Slim view models of cluster objects for the UI (protocol.ts `*View`): only what the panels
 * draw, so that a batch of a thousand pod changes clones in well under a frame.
 *
 * Status texts follow kubectl's printers (k8s.io/kubernetes/pkg/printers/internalversion/
 * printers.go: printPod, printNode, printService) so the topology says what `kubectl get` says.
 */
import type { KObject } from '../api/types/meta';
import { keyOf } from '../api/types/meta';
import type {
  AnyView,
  EndpointsView,
  EventView,
  NamespaceView,
  NodeView,
  ObjectView,
  PersistentVolumeClaimView,
  PodView,
  ServiceView,
  ViewKind,
  WorkloadKind,
  WorkloadView,
} from './protocol';


/** The STATUS and READY columns of `kubectl get pods`, and the restart count (printPod). */
export function podStatus(pod: KObject): { status: string; ready: string; restarts: number } {
  const spec = pod.spec ?? {};
  const st = pod.status ?? {};
  const containers: any[] = spec.containers ?? [];
  const initSpecs: any[] = spec.initContainers ?? [];
  let total = containers.length;
  let ready = 0;
  let restarts = 0;
  let sidecarRestarts = 0;
  let reason: string = st.reason || st.phase || '';
  for (const c of st.conditions ?? []) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }
  const restartable = new Set<string>();
  for (const c of initSpecs) {
    if (c.restartPolicy === 'Always') {
      restartable.add(c.name);
      total++;
    }
  }
  let initializing = false;
  const initStatuses: any[] = st.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i];
    restarts += c.restartCount ?? 0;
    if (restartable.has(c.name)) sidecarRestarts += c.restartCount ?? 0;
    const term = c.state?.terminated;
    const wait = c.state?.waiting;
    if (term && term.exitCode === 0) continue;
    if (restartable.has(c.name) && c.started) {
      if (c.ready) ready++;
      continue;
    }
    if (term) {
      reason = term.reason
        ? `Init:${term.reason}`
        : term.signal
          ? `Init:Signal:${term.signal}`
          : `Init:ExitCode:${term.exitCode}`;
    } else if (wait?.reason && wait.reason !== 'PodInitializing') {
      reason = `Init:${wait.reason}`;
    } else {
      reason = `Init:${i}/${initSpecs.length}`;
    }
    initializing = true;
    break;
  }
  const initialized = (st.conditions ?? []).some((c: any) => c.type === 'Initialized' && c.status === 'True');
  if (!initializing || initialized) {
    restarts = sidecarRestarts;
    let hasRunning = false;
    const statuses: any[] = st.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i];
      restarts += c.restartCount ?? 0;
      const term = c.state?.terminated;
      const wait = c.state?.waiting;
      if (wait?.reason) reason = wait.reason;
      else if (term?.reason) reason = term.reason;
      else if (term) reason = term.signal ? `Signal:${term.signal}` : `ExitCode:${term.exitCode}`;
      else if (c.ready && c.state?.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      const podReady = (st.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True');
      reason = podReady ? 'Running' : 'NotReady';
    }
  }
  if (pod.metadata.deletionTimestamp && st.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp) reason = 'Terminating';
  return { status: reason, ready: `${ready}/${total}`, restarts };
}

/** The STATUS column of `kubectl get nodes` (printNode). */
export function nodeStatus(node: KObject): { status: string; ready: boolean } {
  const conds: any[] = node.status?.conditions ?? [];
  const parts: string[] = [];
  let ready = false;
  // printNode looks only at the Ready condition: True -> Ready, anything else -> NotReady,
  // no condition at all -> Unknown.
  const readyCond = conds.find((c) => c.type === 'Ready');
  if (!readyCond) parts.push('Unknown');
  else if (readyCond.status === 'True') {
    parts.push('Ready');
    ready = true;
  } else parts.push('NotReady');
  if (node.spec?.unschedulable) parts.push('SchedulingDisabled');
  return { status: parts.join(','), ready };
}

const ROLE_PREFIX = 'node-role.kubernetes.io/';

/** The ROLES column (findNodeRoles): `<none>` when the node has no role label. */
export function nodeRoles(labels: Record<string, string> | undefined): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(labels ?? {})) {
    if (k.startsWith(ROLE_PREFIX)) roles.add(k.slice(ROLE_PREFIX.length));
    else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  return roles.size ? [...roles].sort().join(',') : '<none>';
}

/** Quantity `1500m`, `2`, `8Gi` -> millicores or bytes. */
export function parseQuantity(q: unknown, milli = false): number {
  if (typeof q === 'number') return milli ? q * 1000 : q;
  if (typeof q !== 'string') return 0;
  const m = /^([0-9.]+)([a-zA-Z]*)$/.exec(q.trim());
  if (!m) return 0;
  const n = Number(m[1]);
  const mult: Record<string, number> = {
    '': 1, m: 0.001, k: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4,
  };
  const f = mult[m[2]];
  if (f === undefined) return 0;
  return Math.round(n * f * (milli ? 1000 : 1));
}

/** The PORT(S) column of `kubectl get svc` (makePortString). */
export function servicePorts(ports: any[] | undefined): string {
  if (!ports || ports.length === 0) return '<none>';
  return ports
    .map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`))
    .join(',');
}

function ownerOf(obj: KObject): { kind: string; name: string } | undefined {
  const ref = obj.metadata.ownerReferences?.find((r) => r.controller) ?? obj.metadata.ownerReferences?.[0];
  return ref ? { kind: ref.kind, name: ref.name } : undefined;
}

function ms(ts: unknown): number {
  return typeof ts === 'string' ? Date.parse(ts) || 0 : 0;
}

function imagesOf(podSpec: any): string[] {
  return ((podSpec?.containers ?? []) as any[]).map((c) => String(c.image ?? ''));
}

export function podView(pod: KObject): PodView {
  const s = podStatus(pod);
  return {
    key: keyOf(pod),
    namespace: pod.metadata.namespace ?? '',
    name: pod.metadata.name ?? '',
    uid: pod.metadata.uid ?? '',
    nodeName: pod.spec?.nodeName ?? '',
    phase: pod.status?.phase ?? '',
    status: s.status,
    ready: s.ready,
    restarts: s.restarts,
    podIP: pod.status?.podIP ?? '',
    deleting: !!pod.metadata.deletionTimestamp,
    owner: ownerOf(pod),
    labels: { ...(pod.metadata.labels ?? {}) },
    images: imagesOf(pod.spec),
    createdMs: ms(pod.metadata.creationTimestamp),
    podReady: conditionStatus(pod, 'Ready') === 'True',
  };
}

/** The status of a condition of the object's status.conditions, '' when it has none. */
function conditionStatus(obj: KObject, type: string): string {
  return ((obj.status?.conditions ?? []) as any[]).find((c) => c.type === type)?.status ?? '';
}

export function nodeView(node: KObject): NodeView {
  const labels = { ...(node.metadata.labels ?? {}) };
  const s = nodeStatus(node);
  const alloc = node.status?.allocatable ?? node.status?.capacity ?? {};
  const addrs: any[] = node.status?.addresses ?? [];
  return {
    key: keyOf(node),
    name: node.metadata.name ?? '',
    status: s.status,
    ready: s.ready,
    controlPlane: `${ROLE_PREFIX}control-plane` in labels,
    roles: nodeRoles(labels),
    internalIP: addrs.find((a) => a.type === 'InternalIP')?.address ?? '',
    cpuMilli: parseQuantity(alloc.cpu, true),
    memoryBytes: parseQuantity(alloc.memory),
    podsCapacity: parseQuantity(alloc.pods),
    taints: ((node.spec?.taints ?? []) as any[]).map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`),
    labels,
    readyStatus: conditionStatus(node, 'Ready'),
  };
}

export function serviceView(svc: KObject): ServiceView {
  return {
    key: keyOf(svc),
    namespace: svc.metadata.namespace ?? '',
    name: svc.metadata.name ?? '',
    type: svc.spec?.type ?? 'ClusterIP',
    clusterIP: svc.spec?.clusterIPs?.[0] ?? svc.spec?.clusterIP ?? '<none>',
    ports: servicePorts(svc.spec?.ports),
    selector: { ...(svc.spec?.selector ?? {}) },
  };
}

export function endpointsView(ep: KObject): EndpointsView {
  const addresses: EndpointsView['addresses'] = [];
  for (const subset of (ep.subsets as any[] | undefined) ?? []) {
    for (const [list, ready] of [[subset.addresses, true], [subset.notReadyAddresses, false]] as const) {
      for (const a of (list as any[] | undefined) ?? []) {
        const ref = a.targetRef;
        addresses.push({
          ip: a.ip,
          podKey: ref?.kind === 'Pod' ? `${ref.namespace ?? ep.metadata.namespace}/${ref.name}` : undefined,
          ready,
        });
      }
    }
  }
  return { key: keyOf(ep), namespace: ep.metadata.namespace ?? '', name: ep.metadata.name ?? '', addresses };
}

export function workloadView(kind: WorkloadKind, obj: KObject): WorkloadView {
  const spec = obj.spec ?? {};
  const st = obj.status ?? {};
  let desired = 0;
  let ready = 0;
  let podSpec = spec.template?.spec;
  switch (kind) {
    case 'DaemonSet':
      desired = st.desiredNumberScheduled ?? 0;
      ready = st.numberReady ?? 0;
      break;
    case 'Job':
      desired = spec.completions ?? 1;
      ready = st.succeeded ?? 0;
      break;
    case 'CronJob':
      desired = 0;
      ready = (st.active ?? []).length;
      podSpec = spec.jobTemplate?.spec?.template?.spec;
      break;
    default:
      desired = spec.replicas ?? 1;
      ready = st.readyReplicas ?? 0;
  }
  return {
    key: keyOf(obj),
    kind,
    namespace: obj.metadata.namespace ?? '',
    name: obj.metadata.name ?? '',
    owner: ownerOf(obj),
    desired,
    ready,
    revision: obj.metadata.annotations?.['deployment.kubernetes.io/revision'],
    ...(obj.metadata.annotations?.['deployment.kubernetes.io/revision-history']
      ? { revisionHistory: obj.metadata.annotations['deployment.kubernetes.io/revision-history'] }
      : {}),
    ...(kind === 'Deployment' && spec.paused ? { paused: true } : {}),
    images: imagesOf(podSpec),
    selector: { ...(spec.selector?.matchLabels ?? {}) },
    labels: { ...(obj.metadata.labels ?? {}) },
    createdMs: ms(obj.metadata.creationTimestamp),
    generation: obj.metadata.generation,
    observedGeneration: st.observedGeneration,
    replicas: st.replicas,
    updatedReplicas: st.updatedReplicas,
    availableReplicas: st.availableReplicas,
    conditions: ((st.conditions ?? []) as any[]).map((c) => ({ type: String(c.type), status: String(c.status) })),
    containers: ((podSpec?.containers ?? []) as any[]).map((c) => ({
      name: String(c.name ?? ''),
      image: String(c.image ?? ''),
      ...(c.resources?.requests ? { requests: { ...c.resources.requests } } : {}),
    })),
  };
}

export function objectView(obj: KObject): ObjectView {
  return {
    key: keyOf(obj),
    namespace: obj.metadata.namespace ?? '',
    name: obj.metadata.name ?? '',
    labels: { ...(obj.metadata.labels ?? {}) },
    createdMs: ms(obj.metadata.creationTimestamp),
  };
}

export function pvcView(pvc: KObject): PersistentVolumeClaimView {
  return {
    ...objectView(pvc),
    phase: pvc.status?.phase ?? '',
    volumeName: pvc.spec?.volumeName ?? '',
    storageClassName: pvc.spec?.storageClassName ?? '',
  };
}

export function eventView(ev: KObject): EventView {
  const inv = (ev.involvedObject ?? {}) as any;
  const src = (ev.source ?? {}) as any;
  const component = src.component || (ev.reportingComponent as string) || '';
  const host = src.host || (ev.reportingInstance as string) || '';
  return {
    key: keyOf(ev),
    namespace: ev.metadata.namespace ?? '',
    type: String(ev.type ?? ''),
    reason: String(ev.reason ?? ''),
    message: String(ev.message ?? '').trim(),
    involved: { kind: inv.kind ?? '', namespace: inv.namespace, name: inv.name ?? '' },
    source: host ? `${component}, ${host}` : component,
    count: Number(ev.count ?? 1) || 1,
    lastMs: ms(ev.lastTimestamp) || ms(ev.firstTimestamp) || ms(ev.eventTime),
  };
}

export function namespaceView(ns: KObject): NamespaceView {
  return { key: keyOf(ns), name: ns.metadata.name ?? '', phase: ns.status?.phase ?? 'Active' };
}

/** The view of an object of a mirrored kind. */
export function viewOf(kind: ViewKind, obj: KObject): AnyView {
  switch (kind) {
    case 'Namespace':
      return namespaceView(obj);
    case 'Node':
      return nodeView(obj);
    case 'Pod':
      return podView(obj);
    case 'Service':
      return serviceView(obj);
    case 'Endpoints':
      return endpointsView(obj);
    case 'Event':
      return eventView(obj);
    case 'ConfigMap':
    case 'Secret':
    case 'HorizontalPodAutoscaler':
      return objectView(obj);
    case 'PersistentVolumeClaim':
      return pvcView(obj);
    default:
      return workloadView(kind, obj);
  }
}
