/**
 * PodTopologySpread (pkg/scheduler/framework/plugins/podtopologyspread): hard constraints
 * (whenUnsatisfiable: DoNotSchedule) filter nodes whose domain would exceed maxSkew; soft
 * constraints, and the system default constraints when a pod has none (hostname maxSkew 3,
 * zone maxSkew 5, selecting the pod's Service/ReplicaSet/StatefulSet siblings), score nodes so
 * that a workload's replicas spread out. Weight 2.
 */
import { fromLabelSelector, matches, type LabelSelector, type Selector } from '../../api/selectors';
import {
  MAX_NODE_SCORE,
  SKIP,
  tolerationsTolerateTaint,
  unresolvable,
  unschedulable,
  type CycleState,
  type FilterPlugin,
  type Handle,
  type NodeInfo,
  type PodInfo,
  type PreFilterPlugin,
  type PreScorePlugin,
  type ScorePlugin,
  type Toleration,
} from '../types';
import { RequiredNodeAffinity } from './node-affinity';

export const POD_TOPOLOGY_SPREAD = 'PodTopologySpread';
export const ErrReasonConstraintsNotMatch = "node(s) didn't match pod topology spread constraints";
export const ErrReasonNodeLabelNotMatch = `${ErrReasonConstraintsNotMatch} (missing required label)`;

const LABEL_HOSTNAME = 'kubernetes.io/hostname';
const LABEL_ZONE = 'topology.kubernetes.io/zone';

interface Constraint {
  maxSkew: number;
  topologyKey: string;
  /** null matches no pod. */
  selector: Selector | null;
  minDomains: number;
  nodeAffinityPolicy: string;
  nodeTaintsPolicy: string;
}

interface RawConstraint {
  maxSkew: number;
  topologyKey: string;
  whenUnsatisfiable: string;
  labelSelector?: LabelSelector | null;
  minDomains?: number;
  nodeAffinityPolicy?: string;
  nodeTaintsPolicy?: string;
  matchLabelKeys?: string[];
}

/** The system default constraints (podtopologyspread/plugin.go systemDefaultConstraints). */
export const SYSTEM_DEFAULT_CONSTRAINTS: readonly RawConstraint[] = [
  { topologyKey: LABEL_HOSTNAME, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 3 },
  { topologyKey: LABEL_ZONE, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 5 },
];

/** filterTopologySpreadConstraints: the constraints of one action, with matchLabelKeys merged. */
function constraintsOf(raw: readonly RawConstraint[], pod: PodInfo, action: string): Constraint[] {
  const out: Constraint[] = [];
  for (const c of raw) {
    if (c.whenUnsatisfiable !== action) continue;
    let selector: Selector | null = c.labelSelector ? fromLabelSelector(c.labelSelector) : null;
    if (selector && c.matchLabelKeys) {
      for (const k of c.matchLabelKeys) {
        const v = pod.labels?.[k];
        if (v !== undefined) selector = [...selector, { key: k, op: 'in', values: [v] }];
      }
    }
    out.push({
      maxSkew: c.maxSkew,
      topologyKey: c.topologyKey,
      selector,
      minDomains: c.minDomains ?? 1,
      nodeAffinityPolicy: c.nodeAffinityPolicy ?? 'Honor',
      nodeTaintsPolicy: c.nodeTaintsPolicy ?? 'Ignore',
    });
  }
  return out;
}

function defaultConstraints(pod: PodInfo, h: Handle, action: string): Constraint[] {
  const cs = constraintsOf(SYSTEM_DEFAULT_CONSTRAINTS, pod, action);
  if (cs.length === 0) return cs;
  const selector = h.defaultSelector(pod);
  if (selector.length === 0) return [];
  for (const c of cs) c.selector = selector;
  return cs;
}

function matchInclusion(c: Constraint, pod: PodInfo, node: NodeInfo, aff: RequiredNodeAffinity): boolean {
  if (c.nodeAffinityPolicy === 'Honor' && !aff.match(node)) return false;
  if (c.nodeTaintsPolicy === 'Honor') {
    const tols = pod.pod.spec?.tolerations as Toleration[] | undefined;
    for (const t of node.taints) {
      if ((t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerationsTolerateTaint(tols, t)) return false;
    }
  }
  return true;
}

function hasLabel(node: NodeInfo, key: string): boolean {
  return node.labels !== undefined && Object.prototype.hasOwnProperty.call(node.labels, key);
}

function counter(h: Handle, pod: PodInfo, c: Constraint): (node: string) => number {
  if (!c.selector || c.selector.length === 0) return () => 0;
  return h.podCountsOnNodes(pod.namespace, c.selector);
}

// ---- Filter --------------------------------------------------------------------------------

interface PreFilterState {
  constraints: Constraint[];
  /** `key\0value` -> matching pods in that domain. */
  pairCounts: Map<string, number>;
  /** topology key -> number of domains. */
  domains: Map<string, number>;
  /** topology key -> minimum match count over its domains. */
  minMatch: Map<string, number>;
}

const PRE_FILTER_KEY = 'PodTopologySpread/preFilter';
const PRE_SCORE_KEY = 'PodTopologySpread/preScore';

function calPreFilterState(pod: PodInfo, h: Handle): PreFilterState {
  const raw = (pod.pod.spec?.topologySpreadConstraints ?? []) as RawConstraint[];
  const constraints = raw.length > 0 ? constraintsOf(raw, pod, 'DoNotSchedule') : defaultConstraints(pod, h, 'DoNotSchedule');
  const s: PreFilterState = { constraints, pairCounts: new Map(), domains: new Map(), minMatch: new Map() };
  if (constraints.length === 0) return s;
  const aff = new RequiredNodeAffinity(pod.pod);
  const counts = constraints.map((c) => counter(h, pod, c));
  for (const node of h.nodeInfos()) {
    if (!node.node) continue;
    if (!constraints.every((c) => hasLabel(node, c.topologyKey))) continue;
    constraints.forEach((c, i) => {
      if (!matchInclusion(c, pod, node, aff)) return;
      const pair = `${c.topologyKey}\0${node.labels![c.topologyKey]}`;
      s.pairCounts.set(pair, (s.pairCounts.get(pair) ?? 0) + counts[i](node.name));
    });
  }
  for (const [pair, n] of s.pairCounts) {
    const key = pair.slice(0, pair.indexOf('\0'));
    s.domains.set(key, (s.domains.get(key) ?? 0) + 1);
    const cur = s.minMatch.get(key);
    if (cur === undefined || n < cur) s.minMatch.set(key, n);
  }
  return s;
}

// ---- Score ---------------------------------------------------------------------------------

interface PreScoreState {
  constraints: Constraint[];
  counts: ((node: string) => number)[];
  ignored: Set<string>;
  pairCounts: Map<string, number>;
  weights: number[];
}

/** topologyNormalizingWeight: log(size + 2). */
const normalizingWeight = (size: number): number => Math.log(size + 2);

/** scoreForCount: cnt * weight + (maxSkew - 1). */
const scoreForCount = (cnt: number, maxSkew: number, w: number): number => cnt * w + (maxSkew - 1);

function preScore(state: CycleState, pod: PodInfo, filtered: readonly NodeInfo[], h: Handle): PreScoreState | undefined {
  const raw = (pod.pod.spec?.topologySpreadConstraints ?? []) as RawConstraint[];
  const requireAll = raw.length > 0; // the system defaults are not required on every node
  const constraints = raw.length > 0 ? constraintsOf(raw, pod, 'ScheduleAnyway') : defaultConstraints(pod, h, 'ScheduleAnyway');
  if (constraints.length === 0) return undefined;
  const s: PreScoreState = { constraints, counts: constraints.map((c) => counter(h, pod, c)), ignored: new Set(), pairCounts: new Map(), weights: [] };
  const topoSize = constraints.map(() => 0);
  for (const node of filtered) {
    if (requireAll && !constraints.every((c) => hasLabel(node, c.topologyKey))) {
      s.ignored.add(node.name);
      continue;
    }
    for (let i = 0; i < constraints.length; i++) {
      const c = constraints[i];
      if (c.topologyKey === LABEL_HOSTNAME) continue;
      // Only domains of nodes that carry the key are ever read back in Score.
      if (!hasLabel(node, c.topologyKey)) continue;
      const pair = `${c.topologyKey}\0${node.labels![c.topologyKey]}`;
      if (!s.pairCounts.has(pair)) {
        s.pairCounts.set(pair, 0);
        topoSize[i]++;
      }
    }
  }
  s.weights = constraints.map((c, i) =>
    normalizingWeight(c.topologyKey === LABEL_HOSTNAME ? filtered.length - s.ignored.size : topoSize[i]),
  );
  if (s.pairCounts.size > 0) {
    const aff = new RequiredNodeAffinity(pod.pod);
    for (const node of h.nodeInfos()) {
      if (!node.node) continue;
      if (requireAll && !constraints.every((c) => hasLabel(node, c.topologyKey))) continue;
      constraints.forEach((c, i) => {
        if (c.topologyKey === LABEL_HOSTNAME || !hasLabel(node, c.topologyKey)) return;
        if (!matchInclusion(c, pod, node, aff)) return;
        const pair = `${c.topologyKey}\0${node.labels![c.topologyKey]}`;
        const cur = s.pairCounts.get(pair);
        if (cur !== undefined) s.pairCounts.set(pair, cur + s.counts[i](node.name));
      });
    }
  }
  state.write(PRE_SCORE_KEY, s);
  return s;
}

function scoreNode(s: PreScoreState, node: NodeInfo): number {
  if (s.ignored.size > 0 && s.ignored.has(node.name)) return 0;
  let score = 0;
  for (let i = 0; i < s.constraints.length; i++) {
    const c = s.constraints[i];
    if (!hasLabel(node, c.topologyKey)) continue;
    const cnt = c.topologyKey === LABEL_HOSTNAME ? s.counts[i](node.name) : s.pairCounts.get(`${c.topologyKey}\0${node.labels![c.topologyKey]}`) ?? 0;
    score += scoreForCount(cnt, c.maxSkew, s.weights[i]);
  }
  return Math.round(score);
}

export const podTopologySpread: PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin = {
  name: POD_TOPOLOGY_SPREAD,
  preFilter(state, pod, h) {
    const s = calPreFilterState(pod, h);
    if (s.constraints.length === 0) return SKIP;
    state.write(PRE_FILTER_KEY, s);
    return null;
  },
  filter(state, pod, node) {
    const s = state.read<PreFilterState>(PRE_FILTER_KEY);
    if (!s || s.constraints.length === 0) return null;
    for (const c of s.constraints) {
      if (!hasLabel(node, c.topologyKey)) return unresolvable(ErrReasonNodeLabelNotMatch);
      let min = s.minMatch.get(c.topologyKey) ?? 0;
      if ((s.domains.get(c.topologyKey) ?? 0) < c.minDomains) min = 0;
      const self = c.selector && matches(c.selector, pod.labels) ? 1 : 0;
      const n = s.pairCounts.get(`${c.topologyKey}\0${node.labels![c.topologyKey]}`) ?? 0;
      if (n + self - min > c.maxSkew) return unschedulable(ErrReasonConstraintsNotMatch);
    }
    return null;
  },
  preScore(state, pod, nodes, h) {
    if (nodes.length === 0) return SKIP;
    return preScore(state, pod, nodes, h) ? null : SKIP;
  },
  scoreAll(state, _pod, nodes, _h, out) {
    const s = state.read<PreScoreState>(PRE_SCORE_KEY)!;
    for (let i = 0; i < nodes.length; i++) out[i] = scoreNode(s, nodes[i]);
  },
  score(state, _pod, node) {
    return scoreNode(state.read<PreScoreState>(PRE_SCORE_KEY)!, node);
  },

  normalize(state, _pod, nodes, scores) {
    const s = state.read<PreScoreState>(PRE_SCORE_KEY);
    if (!s) return;
    let min = Infinity;
    let max = 0;
    for (let i = 0; i < scores.length; i++) {
      if (s.ignored.has(nodes[i].name)) continue;
      if (scores[i] < min) min = scores[i];
      if (scores[i] > max) max = scores[i];
    }
    for (let i = 0; i < scores.length; i++) {
      if (s.ignored.has(nodes[i].name)) scores[i] = 0;
      else if (max === 0) scores[i] = MAX_NODE_SCORE;
      else scores[i] = Math.trunc((MAX_NODE_SCORE * (max + min - scores[i])) / max);
    }
  },
};
