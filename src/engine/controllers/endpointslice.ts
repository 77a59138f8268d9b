/**
 * The EndpointSlice controller (pkg/controller/endpointslice and the reconciler of
 * k8s.io/endpointslice/reconciler.go): for every Service with a selector, EndpointSlices named
 * `<service>-<5 random chars>` (generateName), owned by the Service, labelled
 * `kubernetes.io/service-name` and `endpointslice.kubernetes.io/managed-by`, holding at most
 * 100 endpoints each (--max-endpoints-per-slice), one group of slices per distinct port
 * mapping (a named targetPort can resolve to different numbers in different pods).
 *
 * Each endpoint carries the pod IP, conditions (serving = Ready, terminating = being deleted,
 * ready = serving and not terminating, or always true with publishNotReadyAddresses),
 * nodeName, targetRef and hostname. Unlike Endpoints, terminating pods stay listed (kube-proxy
 * falls back to them). Pods whose node is unknown are left out, as upstream does.
 *
 * Like upstream, existing slices are updated in place to limit churn: endpoints that went
 * away are removed, changed ones replaced, new ones fill slices that are already being
 * updated before any new slice is created; a service with no endpoints keeps one empty
 * placeholder slice.
 * Simplification: upstream also packs endpoints from nearly empty slices together when it
 * creates new ones; here only the steps above are done.
 */
import type { ClusterParts } from '../cluster';
import type { ApiServer } from '../api/server';
import { isStatusError } from '../api/errors';
import { clone, splitKey, type KObject } from '../api/types/meta';
import type { SimClock } from '../core/clock';
import { done, on, retry, selfKey, type Controller, type Result, type Trigger } from './manager';
import {
  controllerRefTo,
  findPort,
  LABEL_HEADLESS,
  LAST_CHANGE_TRIGGER_TIME,
  podChangeMatters,
  podIP,
  podIsReady,
  podsForService,
  serviceSelector,
  servicesForPodEvent,
  shouldPodBeInEndpoints,
  shouldSetHostname,
} from './endpoints-util';

export const LABEL_SERVICE_NAME = 'kubernetes.io/service-name';
export const LABEL_MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
export const CONTROLLER_NAME = 'endpointslice-controller.k8s.io';
export const MAX_ENDPOINTS_PER_SLICE = 100;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

export interface SliceEndpoint {
  addresses: string[];
  conditions: { ready: boolean; serving: boolean; terminating: boolean };
  hostname?: string;
  nodeName?: string;
  targetRef: { kind: 'Pod'; namespace: string; name: string; uid: string };
  zone?: string;
}

export interface SlicePort {
  name: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}

interface Group {
  ports: SlicePort[];
  endpoints: Map<string, SliceEndpoint>;
}

const epKey = (ep: SliceEndpoint): string => ep.targetRef.uid;

export class EndpointSliceController implements Controller {
  readonly name = 'endpoint-slice-controller';

  constructor(
    private api: ApiServer,
    private clock: SimClock,
    private maxPerSlice = MAX_ENDPOINTS_PER_SLICE,
  ) {}

  triggers(): Trigger[] {
    return [
      on('Service', selfKey),
      on('Pod', (ev) => (podChangeMatters(ev) ? servicesForPodEvent(this.api, ev) : [])),
      on('EndpointSlice', (ev) => {
        // Our slices changed or deleted by someone else: reconcile their service.
        const o = ev.object;
        if (o.metadata.labels?.[LABEL_MANAGED_BY] !== CONTROLLER_NAME) return [];
        const svc = o.metadata.labels?.[LABEL_SERVICE_NAME];
        return svc ? [`${o.metadata.namespace}/${svc}`] : [];
      }),
      on('Node', (ev) => (ev.type === 'MODIFIED' ? [] : this.servicesWithPodsOn(ev.object.metadata.name!))),
    ];
  }

  initialKeys(): string[] {
    return this.api.store.list('Service').map((s) => `${s.metadata.namespace}/${s.metadata.name}`);
  }

  private servicesWithPodsOn(node: string): string[] {
    const keys = new Set<string>();
    for (const pod of this.api.podsOnNode(node)) {
      for (const k of servicesForPodEvent(this.api, { type: 'ADDED', object: pod })) keys.add(k);
    }
    return [...keys];
  }

  reconcile(key: string): Result {
    const { namespace, name } = splitKey(key);
    try {
      const svc = this.api.find('Service', namespace, name);
      const existing = this.api.store
        .list('EndpointSlice', namespace)
        .filter((s) => s.metadata.labels?.[LABEL_SERVICE_NAME] === name && s.metadata.labels?.[LABEL_MANAGED_BY] === CONTROLLER_NAME);
      if (!svc || !serviceSelector(svc) || svc.spec?.type === 'ExternalName') {
        // Simplification: upstream leaves slices of a deleted service to the garbage
        // collector (they are owned by it); deleting them here gives the same end state.
        if (!svc) for (const s of existing) this.deleteSlice(s);
        return done();
      }
      this.reconcileService(svc, existing);
      return done();
    } catch (e) {
      if (isStatusError(e)) return retry();
      throw e;
    }
  }

  private deleteSlice(s: KObject): void {
    try {
      this.api.delete('EndpointSlice', s.metadata.namespace, s.metadata.name!);
    } catch (e) {
      // Already gone (the garbage collector got there first): nothing to do.
      if (!isStatusError(e) || e.code !== 404) throw e;
    }
  }

  /** The desired endpoints, grouped by port mapping. */
  desired(svc: KObject): Map<string, Group> {
    const groups = new Map<string, Group>();
    const publishNotReady = !!svc.spec?.publishNotReadyAddresses;
    const svcPorts: Any[] = svc.spec?.ports ?? [];
    for (const pod of podsForService(this.api, svc)) {
      if (!shouldPodBeInEndpoints(pod, true)) continue;
      if (pod.spec?.nodeName && !this.api.find('Node', undefined, pod.spec.nodeName)) continue;
      const ports: SlicePort[] = [];
      for (const sp of svcPorts) {
        const num = findPort(pod, sp);
        if (num === undefined) continue;
        const p: SlicePort = { name: sp.name ?? '', port: num, protocol: sp.protocol ?? 'TCP' };
        if (sp.appProtocol) p.appProtocol = sp.appProtocol;
        ports.push(p);
      }
      const serving = publishNotReady || podIsReady(pod);
      const terminating = !!pod.metadata.deletionTimestamp;
      const ep: SliceEndpoint = {
        addresses: [podIP(pod)!],
        conditions: { ready: publishNotReady || (serving && !terminating), serving, terminating },
        targetRef: { kind: 'Pod', namespace: pod.metadata.namespace!, name: pod.metadata.name!, uid: pod.metadata.uid! },
      };
      if (shouldSetHostname(pod, svc)) ep.hostname = pod.spec.hostname;
      if (pod.spec?.nodeName) ep.nodeName = pod.spec.nodeName;
      const zone = pod.spec?.nodeName ? this.api.find('Node', undefined, pod.spec.nodeName)?.metadata.labels?.['topology.kubernetes.io/zone'] : undefined;
      if (zone) ep.zone = zone;
      const k = JSON.stringify(ports);
      let g = groups.get(k);
      if (!g) groups.set(k, (g = { ports, endpoints: new Map() }));
      g.endpoints.set(epKey(ep), ep);
    }
    return groups;
  }

  private reconcileService(svc: KObject, existing: KObject[]): void {
    const groups = this.desired(svc);
    const labels = sliceLabels(svc);
    const now = this.clock.rfc3339();
    const toDelete: KObject[] = [];
    const toUpdate = new Map<string, KObject>();
    const toCreate: KObject[] = [];
    const unchanged: KObject[] = [];
    const ownerUid = svc.metadata.uid;

    for (const slice of existing) {
      const owned = slice.metadata.ownerReferences?.some((r) => r.uid === ownerUid);
      const k = JSON.stringify(slice.ports ?? []);
      const g = groups.get(k);
      if (!owned || slice.addressType !== 'IPv4' || !g) {
        toDelete.push(slice);
        continue;
      }
      const eps: SliceEndpoint[] = [];
      let changed = false;
      for (const ep of (slice.endpoints as SliceEndpoint[] | null) ?? []) {
        const want = g.endpoints.get(epKey(ep));
        if (!want) {
          changed = true;
          continue;
        }
        if (JSON.stringify(want) !== JSON.stringify(ep)) changed = true;
        eps.push(want);
        g.endpoints.delete(epKey(ep));
      }
      if (eps.length === 0) {
        toDelete.push(slice);
        continue;
      }
      const next = clone(slice);
      next.endpoints = eps;
      if (changed || !sameMap(slice.metadata.labels, labels)) {
        next.metadata.labels = labels;
        toUpdate.set(slice.metadata.name!, next);
      } else unchanged.push(next);
    }

    // Endpoints not placed yet: first into slices already being updated, then into unchanged
    // slices with room, then into new slices.
    for (const [k, g] of groups) {
      let left = [...g.endpoints.values()];
      if (left.length === 0) continue;
      const candidates = [...toUpdate.values(), ...unchanged].filter((s) => JSON.stringify(s.ports ?? []) === k);
      candidates.sort((a, b) => (toUpdate.has(b.metadata.name!) ? 1 : 0) - (toUpdate.has(a.metadata.name!) ? 1 : 0));
      for (const s of candidates) {
        const room = this.maxPerSlice - (s.endpoints as Any[]).length;
        if (room <= 0) continue;
        (s.endpoints as SliceEndpoint[]).push(...left.slice(0, room));
        left = left.slice(room);
        s.metadata.labels = labels;
        toUpdate.set(s.metadata.name!, s);
        if (left.length === 0) break;
      }
      while (left.length > 0) {
        toCreate.push(this.newSlice(svc, labels, g.ports, left.slice(0, this.maxPerSlice)));
        left = left.slice(this.maxPerSlice);
      }
    }

    // Placeholder: a service always has at least one slice.
    const remaining = existing.length - toDelete.length;
    if (remaining === 0 && toCreate.length === 0) {
      const placeholder = toDelete.find((s) => isPlaceholder(s) && s.metadata.ownerReferences?.some((r) => r.uid === ownerUid));
      if (placeholder) {
        toDelete.splice(toDelete.indexOf(placeholder), 1);
        if (!sameMap(placeholder.metadata.labels, labels)) {
          const next = clone(placeholder);
          next.metadata.labels = labels;
          toUpdate.set(next.metadata.name!, next);
        }
      } else {
        toCreate.push(this.newSlice(svc, labels, null, null));
      }
    }

    // Creates and deletes together become updates of the slices to delete (upstream avoids
    // the churn this way; it keeps a service's slice name when it goes from 0 to N pods).
    for (let i = 0; i < toDelete.length && toCreate.length > 0; ) {
      const old = toDelete[i];
      if (old.addressType === 'IPv4' && old.metadata.ownerReferences?.some((r) => r.uid === ownerUid)) {
        const fresh = toCreate.pop()!;
        const next = clone(old);
        next.metadata.labels = fresh.metadata.labels;
        next.endpoints = fresh.endpoints;
        next.ports = fresh.ports;
        toUpdate.set(next.metadata.name!, next);
        toDelete.splice(i, 1);
      } else i++;
    }

    for (const s of toCreate) {
      s.metadata.annotations = { [LAST_CHANGE_TRIGGER_TIME]: now };
      this.api.create(s);
    }
    for (const s of toUpdate.values()) {
      s.metadata.annotations = { ...(s.metadata.annotations ?? {}), [LAST_CHANGE_TRIGGER_TIME]: now };
      this.api.update(s);
    }
    for (const s of toDelete) this.deleteSlice(s);
  }

  private newSlice(svc: KObject, labels: Record<string, string>, ports: SlicePort[] | null, endpoints: SliceEndpoint[] | null): KObject {
    return {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        generateName: `${svc.metadata.name}-`,
        namespace: svc.metadata.namespace,
        labels,
        ownerReferences: [controllerRefTo(svc)],
      },
      addressType: 'IPv4',
      endpoints,
      ports,
    };
  }
}

function isPlaceholder(s: KObject): boolean {
  return ((s.endpoints as Any[] | null) ?? []).length === 0 && ((s.ports as Any[] | null) ?? []).length === 0;
}

function sameMap(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  const x = a ?? {};
  const y = b ?? {};
  const kx = Object.keys(x);
  return kx.length === Object.keys(y).length && kx.every((k) => x[k] === y[k]);
}

/** setEndpointSliceLabels: the service's labels, the headless label, then the reserved ones. */
export function sliceLabels(svc: KObject): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(svc.metadata.labels ?? {})) {
    if (k === LABEL_SERVICE_NAME || k === LABEL_MANAGED_BY) continue;
    labels[k] = v;
  }
  if (svc.spec?.clusterIP === 'None') labels[LABEL_HEADLESS] = '';
  labels[LABEL_SERVICE_NAME] = svc.metadata.name!;
  labels[LABEL_MANAGED_BY] = CONTROLLER_NAME;
  return labels;
}

export function startEndpointSliceController(c: ClusterParts): EndpointSliceController {
  return new EndpointSliceController(c.api, c.clock);
}
