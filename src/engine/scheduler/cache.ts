/**
 * The scheduler cache (pkg/scheduler/backend/cache) and its snapshot: one NodeInfo per node,
 * holding the node and the aggregate of the pods bound to it (requests, host ports, pods with
 * affinity), the image states of every node, and the node-tree order (nodes interleaved across
 * zones, internal/cache/node_tree.go). It is fed by the scheduler's watch handlers, so a
 * scheduling decision reads only this cache and never rescans the store.
 *
 * Terminal pods (Succeeded/Failed) are not in the cache: the scheduler's informer for assigned
 * pods excludes them (`status.phase!=Succeeded,status.phase!=Failed`).
 *
 * Beyond upstream: count trackers per (namespace, selector), kept incrementally, answer
 * "how many matching pods are on node N" in O(1) for PodTopologySpread's default spreading,
 * which upstream recomputes by iterating each node's pods.
 */
import type { KObject } from '../api/types/meta';
import { matches, type Selector } from '../api/selectors';
import { NodeInfo, type PodInfo } from './types';

const ZONE_LABEL = 'topology.kubernetes.io/zone';
const REGION_LABEL = 'topology.kubernetes.io/region';

/** Live per-node counts of pods matching one selector in one namespace. */
interface CountTracker {
  namespace: string;
  selector: Selector;
  counts: Map<string, number>;
  lastUsed: number;
}

/** How many selector trackers are kept (least recently used ones are dropped). */
const MAX_TRACKERS = 64;

/** The node's zone key as node_tree.go's GetZoneKey builds it. */
function zoneKey(node: KObject): string {
  const l = node.metadata.labels ?? {};
  const region = l[REGION_LABEL] ?? '';
  const zone = l[ZONE_LABEL] ?? '';
  return region === '' && zone === '' ? '' : `${region}:\x00:${zone}`;
}

export class SchedulerCache {
  private nodes = new Map<string, NodeInfo>();
  /** Node name <-> small integer (NodeInfo.id), never reused for another name. */
  private nameIds = new Map<string, number>();
  readonly names: string[] = [];
  /** Assigned pods: key -> [info, node name]. */
  private pods = new Map<string, { info: PodInfo; node: string }>();
  /** Image name -> nodes that have it. */
  private imageNodes = new Map<string, Set<string>>();
  private trackers = new Map<string, CountTracker>();
  private useTick = 0;
  /** zone -> node names in arrival order (the node tree). */
  private zones = new Map<string, string[]>();
  private list: NodeInfo[] | null = null;
  private withAffinity: NodeInfo[] | null = null;
  private withAntiAffinity: NodeInfo[] | null = null;

  // ---- nodes -------------------------------------------------------------------------------

  /** The stable id of a node name. */
  id(name: string): number {
    let i = this.nameIds.get(name);
    if (i === undefined) {
      i = this.names.length;
      this.names.push(name);
      this.nameIds.set(name, i);
    }
    return i;
  }

  private newNodeInfo(name: string): NodeInfo {
    const n = new NodeInfo(name);
    n.id = this.id(name);
    this.nodes.set(name, n);
    return n;
  }

  /** Every node, in node-tree order (zones interleaved round-robin, arrival order within). */
  nodeList(): readonly NodeInfo[] {
    if (this.list) return this.list;
    const zones = [...this.zones.values()];
    const out: NodeInfo[] = [];
    for (let i = 0; ; i++) {
      let any = false;
      for (const z of zones) {
        if (i < z.length) {
          out.push(this.nodes.get(z[i])!);
          any = true;
        }
      }
      if (!any) break;
    }
    this.list = out;
    return out;
  }

  nodeInfo(name: string): NodeInfo | undefined {
    const n = this.nodes.get(name);
    return n && n.node ? n : undefined;
  }

  get nodeCount(): number {
    return this.nodeList().length;
  }

  addOrUpdateNode(node: KObject): void {
    const name = node.metadata.name!;
    let info = this.nodes.get(name);
    if (!info) info = this.newNodeInfo(name);
    const old = info.node;
    if (old && zoneKey(old) !== zoneKey(node)) this.removeFromTree(name, zoneKey(old));
    if (!old || zoneKey(old) !== zoneKey(node)) {
      const z = zoneKey(node);
      let names = this.zones.get(z);
      if (!names) this.zones.set(z, (names = []));
      names.push(name);
      this.invalidate();
    }
    info.setNode(node);
    this.setImages(info, node);
  }

  removeNode(name: string): void {
    const info = this.nodes.get(name);
    if (!info || !info.node) return;
    this.removeFromTree(name, zoneKey(info.node));
    info.node = null;
    this.setImages(info, undefined);
    if (info.pods.size === 0) this.nodes.delete(name);
    this.invalidate();
  }

  private invalidate(): void {
    this.list = null;
    this.withAffinity = this.withAntiAffinity = null;
  }

  private removeFromTree(name: string, zone: string): void {
    const names = this.zones.get(zone);
    if (!names) return;
    const i = names.indexOf(name);
    if (i >= 0) names.splice(i, 1);
    if (names.length === 0) this.zones.delete(zone);
    this.invalidate();
  }

  private setImages(info: NodeInfo, node: KObject | undefined): void {
    const next = new Map<string, number>();
    for (const img of (node?.status?.images ?? []) as { names?: string[]; sizeBytes?: number }[]) {
      for (const n of img.names ?? []) next.set(n, img.sizeBytes ?? 0);
    }
    for (const n of info.images.keys()) {
      if (next.has(n)) continue;
      const s = this.imageNodes.get(n);
      s?.delete(info.name);
      if (s && s.size === 0) this.imageNodes.delete(n);
    }
    for (const n of next.keys()) {
      let s = this.imageNodes.get(n);
      if (!s) this.imageNodes.set(n, (s = new Set()));
      s.add(info.name);
    }
    info.images = next;
  }

  /** ImageStateSummary.NumNodes */
  imageNumNodes(image: string): number {
    return this.imageNodes.get(image)?.size ?? 0;
  }

  // ---- pods --------------------------------------------------------------------------------

  /** The cached assigned pod, if any. */
  pod(key: string): PodInfo | undefined {
    return this.pods.get(key)?.info;
  }

  podCount(): number {
    return this.pods.size;
  }

  /** Adds or replaces an assigned pod. */
  setPod(info: PodInfo, nodeName: string): void {
    const prev = this.pods.get(info.key);
    if (prev) this.removePod(info.key);
    let node = this.nodes.get(nodeName);
    if (!node) node = this.newNodeInfo(nodeName);
    node.addPod(info);
    this.pods.set(info.key, { info, node: nodeName });
    this.track(info, nodeName, 1);
    if (info.hasAffinity) this.withAffinity = this.withAntiAffinity = null;
  }

  removePod(key: string): PodInfo | undefined {
    const prev = this.pods.get(key);
    if (!prev) return undefined;
    this.pods.delete(key);
    const node = this.nodes.get(prev.node);
    node?.removePod(key);
    if (node && !node.node && node.pods.size === 0) this.nodes.delete(prev.node);
    this.track(prev.info, prev.node, -1);
    if (prev.info.hasAffinity) this.withAffinity = this.withAntiAffinity = null;
    return prev.info;
  }

  havePodsWithAffinity(): readonly NodeInfo[] {
    return (this.withAffinity ??= this.nodeList().filter((n) => n.podsWithAffinity > 0));
  }

  havePodsWithRequiredAntiAffinity(): readonly NodeInfo[] {
    return (this.withAntiAffinity ??= this.nodeList().filter((n) => n.podsWithRequiredAntiAffinity > 0));
  }

  // ---- selector count trackers -------------------------------------------------------------

  /** Non-terminating pods of `namespace` matching `selector`, per node name. */
  podCountsOnNodes(namespace: string, selector: Selector): (node: string) => number {
    const key = `${namespace}\0${JSON.stringify(selector)}`;
    let t = this.trackers.get(key);
    if (!t) {
      if (this.trackers.size >= MAX_TRACKERS) {
        let oldest: string | undefined;
        let min = Infinity;
        for (const [k, v] of this.trackers) if (v.lastUsed < min) [oldest, min] = [k, v.lastUsed];
        if (oldest) this.trackers.delete(oldest);
      }
      t = { namespace, selector, counts: new Map(), lastUsed: 0 };
      for (const { info, node } of this.pods.values()) {
        if (info.namespace === namespace && !info.terminating && matches(selector, info.labels)) {
          t.counts.set(node, (t.counts.get(node) ?? 0) + 1);
        }
      }
      this.trackers.set(key, t);
    }
    t.lastUsed = ++this.useTick;
    const counts = t.counts;
    return (node) => counts.get(node) ?? 0;
  }

  private track(info: PodInfo, node: string, sign: 1 | -1): void {
    if (info.terminating) return;
    for (const t of this.trackers.values()) {
      if (t.namespace !== info.namespace || !matches(t.selector, info.labels)) continue;
      const n = (t.counts.get(node) ?? 0) + sign;
      if (n > 0) t.counts.set(node, n);
      else t.counts.delete(node);
    }
  }
}
