/**
 * The scheduling framework and algorithm of kube-scheduler v1.32: the default profile's plugins
 * with their extension points and weights (pkg/scheduler/apis/config/v1/default_plugins.go),
 * the framework runtime that runs them (pkg/scheduler/framework/runtime/framework.go), and
 * schedulePod from pkg/scheduler/schedule_one.go: PreFilter, Filter over a sample of nodes
 * (numFeasibleNodesToFind, starting where the previous cycle stopped), PreScore, Score,
 * NormalizeScore, weights, and selectHost among the best. FitError builds the
 * `0/N nodes are available: ...` text exactly as framework/types.go does.
 */
import {
  Code,
  CycleState,
  isPreFilterResult,
  Status,
  type FilterPlugin,
  type Handle,
  type MaybeStatus,
  type NodeInfo,
  type PodInfo,
  type PreBindPlugin,
  type PreFilterPlugin,
  type PreScorePlugin,
  type ScorePlugin,
} from './types';
import { nodeUnschedulable } from './plugins/node-unschedulable';
import { nodeName } from './plugins/node-name';
import { taintToleration } from './plugins/taint-toleration';
import { nodeAffinity } from './plugins/node-affinity';
import { nodePorts } from './plugins/node-ports';
import { nodeResourcesFit } from './plugins/node-resources-fit';
import { podTopologySpread } from './plugins/pod-topology-spread';
import { interPodAffinity } from './plugins/inter-pod-affinity';
import { balancedAllocation } from './plugins/balanced-allocation';
import { imageLocality } from './plugins/image-locality';
import { volumeBinding } from './plugins/volume-binding';

/** One plugin of a profile with the extension points it implements and its score weight. */
export interface RegisteredPlugin {
  name: string;
  preFilter?: PreFilterPlugin;
  filter?: FilterPlugin;
  preScore?: PreScorePlugin;
  score?: ScorePlugin;
  preBind?: PreBindPlugin;
  weight: number;
}

function reg(p: Partial<PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin & PreBindPlugin> & { name: string }, weight = 0): RegisteredPlugin {
  return {
    name: p.name,
    preFilter: p.preFilter ? (p as PreFilterPlugin) : undefined,
    filter: p.filter ? (p as FilterPlugin) : undefined,
    preScore: p.preScore ? (p as PreScorePlugin) : undefined,
    score: p.score ? (p as ScorePlugin) : undefined,
    preBind: p.preBind ? (p as PreBindPlugin) : undefined,
    weight,
  };
}

/**
 * The default profile, in upstream's MultiPoint order (which is the order filters run in).
 * Simplification: VolumeRestrictions, NodeVolumeLimits, VolumeZone, SchedulingGates and
 * DynamicResources are not simulated.
 */
export const DEFAULT_PLUGINS: readonly RegisteredPlugin[] = [
  reg(nodeUnschedulable),
  reg(nodeName),
  reg(taintToleration, 3),
  reg(nodeAffinity, 2),
  reg(nodePorts),
  reg(nodeResourcesFit, 1),
  reg(volumeBinding),
  reg(podTopologySpread, 2),
  reg(interPodAffinity, 2),
  reg(balancedAllocation, 1),
  reg(imageLocality, 1),
];

/** minFeasibleNodesToFind */
export const MIN_FEASIBLE_NODES_TO_FIND = 100;
/** minFeasibleNodesPercentageToFind */
export const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

/**
 * numFeasibleNodesToFind with the adaptive percentageOfNodesToScore (0 = default):
 * 50 - nodes/125 percent, at least 5 %, at least 100 nodes. Worked example: 1000 nodes ->
 * 50 - 8 = 42 % -> 420 nodes; 5000 nodes -> 10 % -> 500.
 */
export function numFeasibleNodesToFind(numAllNodes: number, percentageOfNodesToScore = 0): { count: number; percentage: number } {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return { count: numAllNodes, percentage: 100 };
  let percentage = percentageOfNodesToScore;
  if (percentage === 0) {
    percentage = 50 - Math.trunc(numAllNodes / 125);
    if (percentage < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) percentage = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
  }
  const n = Math.trunc((numAllNodes * percentage) / 100);
  return { count: n < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : n, percentage };
}

/** framework.Diagnosis: per-node statuses (with a status for nodes not listed) and messages. */
export class Diagnosis {
  readonly nodeToStatus = new Map<string, Status>();
  /** NodeToStatus.AbsentNodesStatus: the status of nodes not in the map (default: Unschedulable). */
  absentStatus: Status = new Status(Code.UnschedulableAndUnresolvable);
  absentSet = false;
  readonly unschedulablePlugins = new Set<string>();
  preFilterMsg = '';
  postFilterMsg = '';

  /** NodeToStatus.Get */
  get(node: string): Status {
    return this.nodeToStatus.get(node) ?? this.absentStatus;
  }

  addPluginStatus(s: Status): void {
    if (s.plugin && s.isRejected()) this.unschedulablePlugins.add(s.plugin);
  }
}

/** NoNodeAvailableMsg */
export const NO_NODE_AVAILABLE_MSG = (n: number): string => `0/${n} nodes are available`;

/**
 * FitError.Error(). Reasons are counted over nodes, formatted `<count> <reason>` and sorted as
 * strings (so `1 node(s) ...` sorts before `3 Insufficient cpu`); nodes absent from the map
 * (outside a PreFilter node subset) count with the absent status' reasons. A PreFilter
 * rejection replaces the per-node reasons. The PostFilter (preemption) message follows.
 */
export function fitErrorMessage(numAllNodes: number, d: Diagnosis): string {
  let msg = `${NO_NODE_AVAILABLE_MSG(numAllNodes)}:`;
  if (d.preFilterMsg !== '') msg += ` ${d.preFilterMsg}.`;
  else {
    const reasons = new Map<string, number>();
    for (const s of d.nodeToStatus.values()) for (const r of s.reasons) reasons.set(r, (reasons.get(r) ?? 0) + 1);
    if (d.nodeToStatus.size < numAllNodes && d.absentSet) {
      for (const r of d.absentStatus.reasons) reasons.set(r, (reasons.get(r) ?? 0) + numAllNodes - d.nodeToStatus.size);
    }
    const parts = [...reasons].map(([r, n]) => `${n} ${r}`).sort(goStringLess);
    if (parts.length > 0) msg += ` ${parts.join(', ')}.`;
  }
  if (d.postFilterMsg !== '') msg += ` ${d.postFilterMsg}`;
  return msg;
}

/** sort.Strings order: byte-wise comparison of UTF-8 strings. */
export function goStringLess(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** What one PreFilter plugin returned, for explanations. */
export interface PreFilterRecord {
  plugin: string;
  /** 'Success', 'Skip', or the rejecting code name. */
  result: string;
  message?: string;
  /** A node-name subset the plugin narrowed to. */
  nodeNames?: string[];
}

export interface FilterOutcome {
  feasible: NodeInfo[];
  diagnosis: Diagnosis;
  preFilter: PreFilterRecord[];
  /** Sampling: nodes to find, percentage, start index, nodes processed. */
  numAllNodes: number;
  numToFind: number;
  percentage: number;
  startIndex: number;
  processed: number;
  /** The node subset size PreFilter narrowed to, if any. */
  subset?: number;
  /** The nominated node that passed and short-cut the search. */
  nominated?: string;
  /** A framework error (not a rejection). */
  error?: string;
}

export interface ScoreOutcome {
  /** Plugins that scored (not skipped in PreScore), in profile order. */
  plugins: { name: string; weight: number }[];
  /** nodes.length x plugins.length normalized (0..100) scores, row-major by node. */
  normalized: Uint8Array;
  totals: Float64Array;
}

/** The framework runtime for one profile. */
export class Framework {
  readonly preFilters: RegisteredPlugin[];
  readonly filters: RegisteredPlugin[];
  readonly preScores: RegisteredPlugin[];
  readonly scores: RegisteredPlugin[];
  readonly preBinds: RegisteredPlugin[];

  constructor(readonly plugins: readonly RegisteredPlugin[] = DEFAULT_PLUGINS) {
    this.preFilters = plugins.filter((p) => p.preFilter);
    this.filters = plugins.filter((p) => p.filter);
    this.preScores = plugins.filter((p) => p.preScore);
    this.scores = plugins.filter((p) => p.score && p.weight > 0);
    this.preBinds = plugins.filter((p) => p.preBind);
  }

  /**
   * RunFilterPlugins on one node with the given filters: the first non-success status, tagged
   * with its plugin, or null.
   */
  runFilters(state: CycleState, pod: PodInfo, node: NodeInfo, filters: readonly FilterPlugin[], h: Handle): MaybeStatus {
    for (let i = 0; i < filters.length; i++) {
      const s = filters[i].filter(state, pod, node, h);
      if (s !== null && s.code !== Code.Success) {
        s.plugin = filters[i].name;
        return s;
      }
    }
    return null;
  }

  /** The filters not skipped by PreFilter in this cycle. */
  activeFilters(state: CycleState, pod?: PodInfo): FilterPlugin[] {
    const out: FilterPlugin[] = [];
    for (const p of this.filters) {
      if (state.skipFilter.has(p.name)) continue;
      if (pod && p.filter!.passesAll?.(pod)) continue;
      out.push(p.filter!);
    }
    return out;
  }

  /**
   * findNodesThatFitPod: PreFilter, then (the nominated node first, if any) Filter over the
   * nodes from `startIndex` until `numToFind` feasible nodes are found.
   */
  findNodesThatFit(
    state: CycleState,
    pod: PodInfo,
    h: Handle,
    startIndex: number,
    opts: { percentageOfNodesToScore?: number; nominatedNode?: string; filterNode?: (node: NodeInfo, filters: FilterPlugin[]) => MaybeStatus } = {},
  ): FilterOutcome {
    const all = h.nodeInfos();
    const d = new Diagnosis();
    const out: FilterOutcome = {
      feasible: [],
      diagnosis: d,
      preFilter: [],
      numAllNodes: all.length,
      numToFind: 0,
      percentage: 100,
      startIndex,
      processed: 0,
    };
    // RunPreFilterPlugins
    let nodeNames: Set<string> | undefined;
    const withNodes: string[] = [];
    let rejected: Status | undefined;
    for (const p of this.preFilters) {
      const r = p.preFilter!.preFilter(state, pod, h);
      if (r !== null && !isPreFilterResult(r) && r.code === Code.Skip) {
        state.skipFilter.add(p.name);
        out.preFilter.push({ plugin: p.name, result: 'Skip' });
        continue;
      }
      if (r !== null && !isPreFilterResult(r) && r.code !== Code.Success) {
        r.plugin = p.name;
        out.preFilter.push({ plugin: p.name, result: Code[r.code], message: r.message() });
        if (r.code === Code.UnschedulableAndUnresolvable) {
          rejected = r;
          break;
        }
        if (r.code === Code.Unschedulable) {
          rejected = r;
          continue;
        }
        out.error = `running PreFilter plugin "${p.name}": ${r.message()}`;
        return out;
      }
      if (r !== null && isPreFilterResult(r) && r.nodeNames) {
        withNodes.push(p.name);
        nodeNames = nodeNames ? new Set([...nodeNames].filter((n) => r.nodeNames!.has(n))) : new Set(r.nodeNames);
        out.preFilter.push({ plugin: p.name, result: 'Success', nodeNames: [...r.nodeNames].sort() });
        if (nodeNames.size === 0) {
          const names = [...withNodes].sort();
          const msg = names.length === 1 ? `node(s) didn't satisfy plugin ${names[0]}` : `node(s) didn't satisfy plugin(s) [${names.join(' ')}] simultaneously`;
          rejected = new Status(Code.UnschedulableAndUnresolvable, [msg]);
          break;
        }
        continue;
      }
      out.preFilter.push({ plugin: p.name, result: 'Success' });
    }
    if (rejected) {
      // Every node gets the PreFilter status, for preemption.
      d.absentStatus = rejected;
      d.absentSet = true;
      d.preFilterMsg = rejected.message();
      d.addPluginStatus(rejected);
      return out;
    }

    const filters = this.activeFilters(state, pod);
    const check = opts.filterNode ?? ((n: NodeInfo, f: FilterPlugin[]) => this.runFilters(state, pod, n, f, h));

    // The nominated node (from an earlier preemption) is tried first.
    if (opts.nominatedNode) {
      const n = h.nodeInfo(opts.nominatedNode);
      if (n && (!nodeNames || nodeNames.has(n.name)) && check(n, filters) === null) {
        out.feasible.push(n);
        out.nominated = n.name;
        return out;
      }
    }

    let nodes = all;
    if (nodeNames) {
      nodes = all.filter((n) => nodeNames!.has(n.name));
      out.subset = nodes.length;
      d.absentStatus = new Status(Code.UnschedulableAndUnresolvable, [`node(s) didn't satisfy plugin(s) [${[...withNodes].sort().join(' ')}]`]);
      d.absentSet = true;
      for (const p of withNodes) d.unschedulablePlugins.add(p);
    }
    const numAll = nodes.length;
    if (numAll === 0) return out;
    const { count, percentage } = numFeasibleNodesToFind(numAll, opts.percentageOfNodesToScore);
    out.numToFind = count;
    out.percentage = percentage;
    const start = startIndex % numAll;
    out.startIndex = start;
    let processed = 0;
    for (let i = 0; i < numAll; i++) {
      const node = nodes[(start + i) % numAll];
      processed++;
      let s: MaybeStatus = null;
      if (opts.filterNode) s = opts.filterNode(node, filters);
      else {
        for (let j = 0; j < filters.length; j++) {
          const r = filters[j].filter(state, pod, node, h);
          if (r !== null && r.code !== Code.Success) {
            r.plugin = filters[j].name;
            s = r;
            break;
          }
        }
      }
      if (s === null) {
        out.feasible.push(node);
        if (out.feasible.length >= count) break;
      } else {
        if (s.code === Code.Error) {
          out.error = s.message();
          break;
        }
        d.nodeToStatus.set(node.name, s);
        d.addPluginStatus(s);
      }
    }
    out.processed = processed;
    return out;
  }

  /** RunPreScorePlugins + RunScorePlugins with normalization and weights. */
  prioritize(state: CycleState, pod: PodInfo, nodes: NodeInfo[], h: Handle): ScoreOutcome {
    for (const p of this.preScores) {
      const s = p.preScore!.preScore(state, pod, nodes, h);
      if (s !== null && s.code === Code.Skip) state.skipScore.add(p.name);
    }
    const active = this.scores.filter((p) => !state.skipScore.has(p.name));
    const n = nodes.length;
    const k = active.length;
    // Normalized scores are integers in 0..100 (one byte each).
    const normalized = new Uint8Array(n * k);
    const totals = new Float64Array(n);
    const col = new Float64Array(n);
    for (let j = 0; j < k; j++) {
      const p = active[j];
      const sp = p.score!;
      if (sp.scoreAll) sp.scoreAll(state, pod, nodes, h, col);
      else for (let i = 0; i < n; i++) col[i] = sp.score(state, pod, nodes[i], h);
      sp.normalize?.(state, pod, nodes, col);
      const w = p.weight;
      for (let i = 0, o = j; i < n; i++, o += k) {
        const v = col[i];
        normalized[o] = v;
        totals[i] += v * w;
      }
    }
    return { plugins: active.map((p) => ({ name: p.name, weight: p.weight })), normalized, totals };
  }
}

/**
 * selectHost: the highest total, ties broken uniformly at random. Upstream samples a reservoir
 * (one random draw per tie); counting the ties and drawing once gives the same distribution.
 */
export function selectHost(totals: Float64Array, randomInt: (n: number) => number): number {
  let best = -Infinity;
  let ties = 0;
  for (let i = 0; i < totals.length; i++) {
    const t = totals[i];
    if (t > best) {
      best = t;
      ties = 1;
    } else if (t === best) ties++;
  }
  let k = ties > 1 ? randomInt(ties) : 0;
  for (let i = 0; i < totals.length; i++) {
    if (totals[i] === best && k-- === 0) return i;
  }
  return 0;
}

export { CycleState };
