/**
 * Topology layout as pure functions: where every node box, pod dot, service box and
 * service -> pod link goes, in an abstract coordinate space the panel zooms and pans.
 *
 * - Services sit in a row on top; the control plane sits apart on the left; worker nodes form
 *   a grid to its right; pods not bound to a node wait in a "not scheduled" tray below.
 * - Every node box has the same size (room for the busiest node's pods), so nodes line up and a
 *   rolling update does not reflow the grid.
 * - Inside a node, pods are grouped by owner and ordered by age, so a workload's replicas sit
 *   together and a new pod does not push the others around.
 * - Links follow Endpoints (the endpoints controller's answer); without an Endpoints object a
 *   service's selector is matched against pod labels instead.
 */
import type { EndpointsView, NodeView, PodView, ServiceView } from '../../engine-client/protocol';
import { categoryOf, type Category } from './status';

export const CELL = 20;
export const POD_R = 7;
export const NODE_PAD = 10;
export const NODE_HEADER = 38;
export const GAP = 24;
export const SERVICE_W = 150;
export const SERVICE_H = 40;
/** Extra room between the control plane column and the workers. */
export const CONTROL_PLANE_GAP = 3 * GAP;

export interface PodDot {
  key: string;
  name: string;
  namespace: string;
  x: number;
  y: number;
  category: Category;
  status: string;
  /** `Kind/name` of the controller owner, if any. */
  owner?: string;
  deleting: boolean;
  /** spec.nodeName ('' when not scheduled). */
  nodeName: string;
}

export interface NodeBox {
  key: string;
  name: string;
  x: number;
  y: number;
  w: number;
  h: number;
  controlPlane: boolean;
  status: string;
  ready: boolean;
  pods: PodDot[];
}

export interface ServiceBox {
  key: string;
  name: string;
  namespace: string;
  type: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Link {
  key: string;
  service: string;
  pod: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  ready: boolean;
}

export interface Tray {
  x: number;
  y: number;
  w: number;
  h: number;
  pods: PodDot[];
}

export interface TopologyLayout {
  width: number;
  height: number;
  nodes: NodeBox[];
  services: ServiceBox[];
  links: Link[];
  /** Pods without a node (Pending, or bound to a node that is gone). */
  unscheduled?: Tray;
}

export interface LayoutInput {
  nodes: NodeView[];
  pods: PodView[];
  services: ServiceView[];
  endpoints: EndpointsView[];
}

const collator = new Intl.Collator('en', { numeric: true });

/** `node-2` before `node-10` (one shared collator: localeCompare per call is slow). */
export function naturalCompare(a: string, b: string): number {
  return collator.compare(a, b);
}

function ownerKey(p: PodView): string {
  return p.owner ? `${p.owner.kind}/${p.owner.name}` : '';
}

/**
 * Orders a node's pods so that a workload's replicas sit together and existing pods keep their
 * places as new ones arrive: owner groups in order of their oldest pod, pods by age within a
 * group (new pods append to their group), names break ties; pods without an owner come last.
 */
function sortPods(pods: PodView[]): PodView[] {
  const firstSeen = new Map<string, number>();
  for (const p of pods) {
    const o = ownerKey(p);
    const t = firstSeen.get(o);
    if (t === undefined || p.createdMs < t) firstSeen.set(o, p.createdMs);
  }
  return pods.sort((a, b) => {
    const oa = ownerKey(a);
    const ob = ownerKey(b);
    if (oa !== ob) {
      if (oa === '' || ob === '') return oa === '' ? 1 : -1;
      return firstSeen.get(oa)! - firstSeen.get(ob)! || (oa < ob ? -1 : 1);
    }
    return a.createdMs - b.createdMs || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  });
}

/** Columns of pods inside a node: a roughly square block for the busiest node. */
export function podColumns(maxPods: number): number {
  return Math.min(20, Math.max(6, Math.ceil(Math.sqrt(Math.max(1, maxPods) * 2))));
}

/** Columns of the worker grid: wide rather than tall (3 workers sit in one row). */
export function workerColumns(n: number): number {
  if (n <= 1) return Math.max(n, 1);
  return Math.min(n, Math.ceil(Math.sqrt(n * 2.5)));
}

function dots(pods: PodView[], x0: number, y0: number, cols: number): PodDot[] {
  return pods.map((p, i) => ({
    key: p.key,
    name: p.name,
    namespace: p.namespace,
    x: x0 + (i % cols) * CELL + CELL / 2,
    y: y0 + Math.floor(i / cols) * CELL + CELL / 2,
    category: categoryOf(p.status, p.phase),
    status: p.status,
    owner: p.owner ? ownerKey(p) : undefined,
    deleting: p.deleting,
    nodeName: p.nodeName,
  }));
}

function selects(selector: Record<string, string>, labels: Record<string, string>): boolean {
  const keys = Object.keys(selector);
  if (keys.length === 0) return false;
  return keys.every((k) => labels[k] === selector[k]);
}

export function layoutTopology(input: LayoutInput): TopologyLayout {
  const nodes = [...input.nodes].sort((a, b) =>
    a.controlPlane !== b.controlPlane ? (a.controlPlane ? -1 : 1) : naturalCompare(a.name, b.name),
  );
  const nodeNames = new Set(nodes.map((n) => n.name));
  const byNode = new Map<string, PodView[]>();
  const loose: PodView[] = [];
  for (const p of input.pods) {
    if (p.nodeName && nodeNames.has(p.nodeName)) {
      let list = byNode.get(p.nodeName);
      if (!list) byNode.set(p.nodeName, (list = []));
      list.push(p);
    } else loose.push(p);
  }
  let maxPods = 1;
  for (const list of byNode.values()) maxPods = Math.max(maxPods, list.length);
  // Columns change only when the busiest node crosses a power of two, so pods keep their
  // places while a deployment scales.
  const cols = podColumns(2 ** Math.ceil(Math.log2(Math.max(8, maxPods))));
  const rows = Math.max(1, Math.ceil(maxPods / cols));
  const nodeW = Math.max(170, cols * CELL + 2 * NODE_PAD);
  const nodeH = NODE_HEADER + rows * CELL + NODE_PAD;

  const controlPlanes = nodes.filter((n) => n.controlPlane);
  const workers = nodes.filter((n) => !n.controlPlane);
  const wcols = workerColumns(workers.length);
  const cpWidth = controlPlanes.length ? nodeW + CONTROL_PLANE_GAP : 0;
  const width = Math.max(cpWidth + Math.max(1, wcols) * (nodeW + GAP) - GAP, SERVICE_W);

  // Services: a row (wrapping) on top.
  const services: ServiceBox[] = [];
  const svcPerRow = Math.max(1, Math.floor((width + GAP) / (SERVICE_W + GAP)));
  const sortedSvcs = [...input.services].sort((a, b) => naturalCompare(a.key, b.key));
  sortedSvcs.forEach((s, i) => {
    services.push({
      key: s.key,
      name: s.name,
      namespace: s.namespace,
      type: s.type,
      x: (i % svcPerRow) * (SERVICE_W + GAP),
      y: Math.floor(i / svcPerRow) * (SERVICE_H + GAP),
      w: SERVICE_W,
      h: SERVICE_H,
    });
  });
  const svcRows = Math.ceil(sortedSvcs.length / svcPerRow);
  const top = svcRows ? svcRows * (SERVICE_H + GAP) + GAP : 0;

  const boxes: NodeBox[] = [];
  const place = (n: NodeView, x: number, y: number): void => {
    const pods = sortPods(byNode.get(n.name) ?? []);
    boxes.push({
      key: n.key,
      name: n.name,
      x,
      y,
      w: nodeW,
      h: nodeH,
      controlPlane: n.controlPlane,
      status: n.status,
      ready: n.ready,
      pods: dots(pods, x + NODE_PAD, y + NODE_HEADER, cols),
    });
  };
  controlPlanes.forEach((n, i) => place(n, 0, top + i * (nodeH + GAP)));
  workers.forEach((n, i) => place(n, cpWidth + (i % wcols) * (nodeW + GAP), top + Math.floor(i / wcols) * (nodeH + GAP)));
  const nodeRows = Math.max(controlPlanes.length, Math.ceil(workers.length / Math.max(1, wcols)));
  let height = top + nodeRows * (nodeH + GAP) - (nodeRows ? GAP : 0);

  let unscheduled: Tray | undefined;
  if (loose.length) {
    const trayCols = Math.max(1, Math.floor((width - 2 * NODE_PAD) / CELL));
    const trayRows = Math.ceil(loose.length / trayCols);
    const y = height + GAP;
    unscheduled = {
      x: 0,
      y,
      w: width,
      h: NODE_HEADER + trayRows * CELL + NODE_PAD,
      pods: dots(sortPods([...loose]), NODE_PAD, y + NODE_HEADER, trayCols),
    };
    height = y + unscheduled.h;
  }

  // Links from each service to the pods behind it.
  const podAt = new Map<string, PodDot>();
  for (const b of boxes) for (const d of b.pods) podAt.set(d.key, d);
  const endpointsByKey = new Map(input.endpoints.map((e) => [e.key, e]));
  const svcByKey = new Map(input.services.map((x) => [x.key, x]));
  const links: Link[] = [];
  for (const s of services) {
    const svc = svcByKey.get(s.key)!;
    const ep = endpointsByKey.get(s.key);
    const targets: { pod: string; ready: boolean }[] = [];
    if (ep) {
      for (const a of ep.addresses) if (a.podKey) targets.push({ pod: a.podKey, ready: a.ready });
    } else {
      for (const p of input.pods) {
        if (p.namespace === svc.namespace && selects(svc.selector, p.labels)) targets.push({ pod: p.key, ready: p.status === 'Running' });
      }
    }
    for (const t of targets) {
      const d = podAt.get(t.pod);
      if (!d) continue;
      links.push({ key: `${s.key}>${t.pod}`, service: s.key, pod: t.pod, x1: s.x + s.w / 2, y1: s.y + s.h, x2: d.x, y2: d.y, ready: t.ready });
    }
  }

  return { width, height: Math.max(height, 1), nodes: boxes, services, links, unscheduled };
}
