/**
 * What the Endpoints and EndpointSlice controllers share, following
 * k8s.io/endpointslice/util (ShouldPodBeInEndpoints, ShouldSetHostname), pkg/api/v1/pod
 * (IsPodReady, FindPort) and the services-for-pod lookup of pkg/controller/util/endpoint.
 */
import type { ApiServer } from '../api/server';
import type { WatchEvent } from '../api/types/meta';
import type { KObject } from '../api/types/meta';

/** Annotation both controllers set to the time of the change that triggered them. */
export const LAST_CHANGE_TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time';
/** Label on Endpoints/EndpointSlices of headless services. */
export const LABEL_HEADLESS = 'service.kubernetes.io/headless';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

/** podutil.IsPodReady. */
export function podIsReady(pod: KObject): boolean {
  return (pod.status?.conditions as Any[] | undefined)?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** podutil.IsPodTerminal: Succeeded or Failed. */
export function podIsTerminal(pod: KObject): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

/** The pod's primary IPv4 address, if it has one. */
export function podIP(pod: KObject): string | undefined {
  return pod.status?.podIP || pod.status?.podIPs?.[0]?.ip || undefined;
}

/** ShouldPodBeInEndpoints. */
export function shouldPodBeInEndpoints(pod: KObject, includeTerminating: boolean): boolean {
  if (podIsTerminal(pod)) return false;
  if (!podIP(pod)) return false;
  if (!includeTerminating && pod.metadata.deletionTimestamp) return false;
  return true;
}

/** ShouldSetHostname: spec.hostname set and spec.subdomain naming this service. */
export function shouldSetHostname(pod: KObject, svc: KObject): boolean {
  return !!pod.spec?.hostname && pod.spec?.subdomain === svc.metadata.name && pod.metadata.namespace === svc.metadata.namespace;
}

/**
 * podutil.FindPort: a numeric targetPort as is; a named one looked up in the pod's container
 * ports (name and protocol must match); undefined when the pod has no such port.
 */
export function findPort(pod: KObject, svcPort: Any): number | undefined {
  const tp = svcPort.targetPort ?? svcPort.port;
  if (typeof tp === 'number') return tp;
  const protocol = svcPort.protocol ?? 'TCP';
  const containers: Any[] = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? []).filter((c: Any) => c.restartPolicy === 'Always')];
  for (const c of containers) {
    for (const p of c.ports ?? []) {
      if (p.name === tp && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
    }
  }
  // A numeric string ("8080") is a port number for intstr.
  if (typeof tp === 'string' && /^\d+$/.test(tp)) return Number(tp);
  return undefined;
}

/**
 * The selector of a service as a label map; undefined when it has none (the controllers skip
 * such services). An empty map counts as none: it is stored as nil by the apiserver.
 */
export function serviceSelector(svc: KObject): Record<string, string> | undefined {
  const sel = svc.spec?.selector;
  return sel == null || Object.keys(sel).length === 0 ? undefined : (sel as Record<string, string>);
}

export function selectorMatches(sel: Record<string, string>, labels: Record<string, string> | undefined): boolean {
  for (const [k, v] of Object.entries(sel)) if (labels?.[k] !== v) return false;
  return true;
}

/** Pods a service selects, in name order (upstream's lister order is arbitrary). */
export function podsForService(api: ApiServer, svc: KObject): KObject[] {
  const sel = serviceSelector(svc);
  if (!sel) return [];
  return api.store
    .list('Pod', svc.metadata.namespace)
    .filter((p) => selectorMatches(sel, p.metadata.labels))
    .sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : a.metadata.name! > b.metadata.name! ? 1 : 0));
}

/** Keys of the services whose selector matches the pod before or after the event. */
export function servicesForPodEvent(api: ApiServer, ev: WatchEvent): string[] {
  const ns = ev.object.metadata.namespace!;
  const keys: string[] = [];
  for (const svc of api.store.list('Service', ns)) {
    const sel = serviceSelector(svc);
    if (!sel) continue;
    if (selectorMatches(sel, ev.object.metadata.labels) || (ev.old && selectorMatches(sel, ev.old.metadata.labels))) {
      keys.push(`${ns}/${svc.metadata.name}`);
    }
  }
  return keys;
}

/**
 * Whether a pod change can matter to endpoints (podEndpointsChanged): IP, readiness, deletion,
 * labels, node, hostname/subdomain, phase or ports.
 */
export function podChangeMatters(ev: WatchEvent): boolean {
  if (ev.type !== 'MODIFIED' || !ev.old) return true;
  const a = ev.old;
  const b = ev.object;
  return (
    podIP(a) !== podIP(b) ||
    podIsReady(a) !== podIsReady(b) ||
    !!a.metadata.deletionTimestamp !== !!b.metadata.deletionTimestamp ||
    podIsTerminal(a) !== podIsTerminal(b) ||
    a.spec?.nodeName !== b.spec?.nodeName ||
    a.spec?.hostname !== b.spec?.hostname ||
    a.spec?.subdomain !== b.spec?.subdomain ||
    JSON.stringify(a.metadata.labels ?? {}) !== JSON.stringify(b.metadata.labels ?? {}) ||
    JSON.stringify(a.spec?.containers?.map((c: Any) => c.ports)) !== JSON.stringify(b.spec?.containers?.map((c: Any) => c.ports))
  );
}

/** The ownerReference a controller puts on what it creates (metav1.NewControllerRef). */
export function controllerRefTo(owner: KObject): { apiVersion: string; kind: string; name: string; uid: string; controller: boolean; blockOwnerDeletion: boolean } {
  return {
    apiVersion: owner.apiVersion ?? 'v1',
    kind: owner.kind ?? 'Service',
    name: owner.metadata.name!,
    uid: owner.metadata.uid!,
    controller: true,
    blockOwnerDeletion: true,
  };
}
