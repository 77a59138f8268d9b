/**
 * The Endpoints controller (pkg/controller/endpoint/endpoints_controller.go, syncService): for
 * every Service with a selector, one Endpoints object of the same name listing the selected
 * pods' IPs as ready `addresses` or `notReadyAddresses` (by the pod's Ready condition), with
 * the service's ports resolved per pod (named targetPorts looked up in the pod's container
 * ports), packed into subsets by port set (pkg/api/v1/endpoints RepackSubsets).
 *
 * Terminating pods are left out unless publishNotReadyAddresses is set; terminal pods
 * (Succeeded/Failed) and pods without an IP always are. Services without a selector and
 * ExternalName services are not touched (their Endpoints belong to the user). When a Service
 * is deleted its Endpoints are deleted.
 */
import type { ClusterParts } from '../cluster';
import type { ApiServer } from '../api/server';
import { isStatusError } from '../api/errors';
import { clone, splitKey, type KObject } from '../api/types/meta';
import type { SimClock as Clock } from '../core/clock';
import { done, on, retry, selfKey, type Controller, type Result, type Trigger } from './manager';
import {
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
import { compareIPs } from '../network/ip';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

interface Address {
  ip: string;
  hostname?: string;
  nodeName?: string;
  targetRef: { kind: 'Pod'; namespace: string; name: string; uid: string };
}

interface EndpointPort {
  name?: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}

export interface Subset {
  addresses?: Address[];
  notReadyAddresses?: Address[];
  ports?: EndpointPort[];
}

export class EndpointsController implements Controller {
  readonly name = 'endpoint-controller';

  constructor(
    private api: ApiServer,
    private clock: Clock,
  ) {}

  triggers(): Trigger[] {
    return [
      on('Service', selfKey),
      on('Pod', (ev) => (podChangeMatters(ev) ? servicesForPodEvent(this.api, ev) : [])),
      // Someone else changed or deleted our Endpoints: put them back.
      on('Endpoints', (ev) => (ev.type === 'ADDED' ? [] : [`${ev.object.metadata.namespace}/${ev.object.metadata.name}`])),
    ];
  }

  initialKeys(): string[] {
    return this.api.store.list('Service').map((s) => `${s.metadata.namespace}/${s.metadata.name}`);
  }

  reconcile(key: string): Result {
    const { namespace, name } = splitKey(key);
    const svc = this.api.find('Service', namespace, name);
    try {
      if (!svc) {
        const ep = this.api.find('Endpoints', namespace, name);
        // Only Endpoints this controller would have made go with the Service; the apiserver's
        // `kubernetes` Endpoints and user-made ones of selectorless services have no Service
        // with a selector either way, so a missing Service means ours or an orphan.
        if (ep) this.api.delete('Endpoints', namespace, name);
        return done();
      }
      if (!serviceSelector(svc) || svc.spec?.type === 'ExternalName') return done();
      const subsets = desiredSubsets(svc, podsForService(this.api, svc));
      const labels = endpointsLabels(svc);
      const current = this.api.find('Endpoints', namespace, name);
      if (current && JSON.stringify(current.subsets ?? []) === JSON.stringify(subsets) && sameMap(current.metadata.labels, labels)) {
        return done();
      }
      const annotations = { ...(current?.metadata.annotations ?? {}), [LAST_CHANGE_TRIGGER_TIME]: this.clock.rfc3339() };
      const next: KObject = current
        ? clone(current)
        : { apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace } };
      next.metadata.labels = labels;
      next.metadata.annotations = annotations;
      if (subsets.length > 0) next.subsets = subsets;
      else delete next.subsets;
      if (current) this.api.update(next);
      else this.api.create(next);
      return done();
    } catch (e) {
      if (isStatusError(e)) return retry();
      throw e;
    }
  }
}

function sameMap(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  const x = a ?? {};
  const y = b ?? {};
  const kx = Object.keys(x);
  return kx.length === Object.keys(y).length && kx.every((k) => x[k] === y[k]);
}

/** The service's labels, plus the headless label for `clusterIP: None`. */
export function endpointsLabels(svc: KObject): Record<string, string> {
  const labels: Record<string, string> = { ...(svc.metadata.labels ?? {}) };
  if (svc.spec?.clusterIP === 'None') labels[LABEL_HEADLESS] = '';
  else delete labels[LABEL_HEADLESS];
  return labels;
}

/** syncService's loop over pods, then RepackSubsets. */
export function desiredSubsets(svc: KObject, pods: KObject[]): Subset[] {
  const publishNotReady = !!svc.spec?.publishNotReadyAddresses;
  const ports: Any[] = svc.spec?.ports ?? [];
  const raw: { addr: Address; ready: boolean; ports: EndpointPort[] | null }[] = [];
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, publishNotReady)) continue;
    const addr: Address = {
      ip: podIP(pod)!,
      nodeName: pod.spec?.nodeName || undefined,
      targetRef: { kind: 'Pod', namespace: pod.metadata.namespace!, name: pod.metadata.name!, uid: pod.metadata.uid! },
    };
    if (shouldSetHostname(pod, svc)) addr.hostname = pod.spec.hostname;
    if (!addr.nodeName) delete addr.nodeName;
    const ready = publishNotReady || podIsReady(pod);
    if (ports.length === 0) {
      // Headless services may have no ports.
      if (svc.spec?.clusterIP === 'None') raw.push({ addr, ready, ports: null });
      continue;
    }
    for (const sp of ports) {
      const num = findPort(pod, sp);
      if (num === undefined) continue;
      const ep: EndpointPort = { name: sp.name || undefined, port: num, protocol: sp.protocol ?? 'TCP' };
      if (!ep.name) delete ep.name;
      if (sp.appProtocol) ep.appProtocol = sp.appProtocol;
      raw.push({ addr, ready, ports: [ep] });
    }
  }
  return repackSubsets(raw, ports);
}

/**
 * RepackSubsets: addresses grouped by the set of ports they serve. Addresses are sorted by IP
 * then UID as upstream's SortSubsets does.
 * Simplification: upstream orders subsets and ports by a hash of their content; here ports keep
 * the service's order and subsets are ordered by their first address.
 */
function repackSubsets(raw: { addr: Address; ready: boolean; ports: EndpointPort[] | null }[], svcPorts: Any[]): Subset[] {
  const portKey = (p: EndpointPort | null): string => (p ? `${p.name ?? ''}/${p.port}/${p.protocol}/${p.appProtocol ?? ''}` : '');
  // address uid -> (address, ready, port keys)
  const byAddr = new Map<string, { addr: Address; ready: boolean; ports: Map<string, EndpointPort | null> }>();
  for (const r of raw) {
    const k = `${r.addr.ip}/${r.addr.targetRef.uid}`;
    let e = byAddr.get(k);
    if (!e) byAddr.set(k, (e = { addr: r.addr, ready: r.ready, ports: new Map() }));
    for (const p of r.ports ?? [null]) e.ports.set(portKey(p), p);
  }
  const groups = new Map<string, { ports: (EndpointPort | null)[]; ready: Address[]; notReady: Address[] }>();
  const order = (p: EndpointPort | null): number => (p ? svcPorts.findIndex((s) => (s.name || undefined) === p.name) : -1);
  for (const e of byAddr.values()) {
    const ports = [...e.ports.values()].sort((a, b) => order(a) - order(b) || (a?.port ?? 0) - (b?.port ?? 0));
    const gk = ports.map(portKey).join('|');
    let g = groups.get(gk);
    if (!g) groups.set(gk, (g = { ports, ready: [], notReady: [] }));
    (e.ready ? g.ready : g.notReady).push(e.addr);
  }
  const byIP = (a: Address, b: Address): number => compareIPs(a.ip, b.ip) || (a.targetRef.uid < b.targetRef.uid ? -1 : 1);
  const out: Subset[] = [];
  for (const g of groups.values()) {
    g.ready.sort(byIP);
    g.notReady.sort(byIP);
    const s: Subset = {};
    if (g.ready.length) s.addresses = g.ready;
    if (g.notReady.length) s.notReadyAddresses = g.notReady;
    const ports = g.ports.filter((p): p is EndpointPort => p !== null);
    if (ports.length) s.ports = ports;
    out.push(s);
  }
  const first = (s: Subset): Address => (s.addresses ?? s.notReadyAddresses)![0];
  return out.sort((a, b) => byIP(first(a), first(b)));
}

export function startEndpointsController(c: ClusterParts): EndpointsController {
  return new EndpointsController(c.api, c.clock);
}
