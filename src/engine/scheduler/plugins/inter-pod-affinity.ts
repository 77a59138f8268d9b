/**
 * InterPodAffinity (pkg/scheduler/framework/plugins/interpodaffinity): required pod affinity
 * and anti-affinity of the incoming pod, the required anti-affinity of pods already running
 * (symmetry), and scoring of preferred terms both ways (plus existing pods' required affinity
 * at hardPodAffinityWeight 1). Weight 2.
 */
import {
  MAX_NODE_SCORE,
  SKIP,
  termMatches,
  unresolvable,
  unschedulable,
  type AffinityTerm,
  type FilterPlugin,
  type Handle,
  type NodeInfo,
  type PodInfo,
  type PreFilterPlugin,
  type PreScorePlugin,
  type ScorePlugin,
  type WeightedAffinityTerm,
} from '../types';

export const INTER_POD_AFFINITY = 'InterPodAffinity';
export const ErrReasonExistingAntiAffinityRulesNotMatch = "node(s) didn't satisfy existing pods anti-affinity rules";
export const ErrReasonAffinityRulesNotMatch = "node(s) didn't match pod affinity rules";
export const ErrReasonAntiAffinityRulesNotMatch = "node(s) didn't match pod anti-affinity rules";

/** args.HardPodAffinityWeight default. */
const HARD_POD_AFFINITY_WEIGHT = 1;

const pairKey = (k: string, v: string): string => `${k}\0${v}`;

interface FilterState {
  pod: PodInfo;
  existingAnti: Map<string, number>;
  affinity: Map<string, number>;
  anti: Map<string, number>;
}

const FILTER_KEY = 'InterPodAffinity/filter';
const SCORE_KEY = 'InterPodAffinity/score';

function label(node: NodeInfo, key: string): string | undefined {
  return node.labels && Object.prototype.hasOwnProperty.call(node.labels, key) ? node.labels[key] : undefined;
}

function hasAnyLabel(node: NodeInfo): boolean {
  for (const k in node.labels) if (k !== undefined) return true;
  return false;
}

function matchesAll(terms: AffinityTerm[], pod: PodInfo, h: Handle): boolean {
  if (terms.length === 0) return false;
  for (const t of terms) if (!termMatches(t, pod, h.namespaceLabels)) return false;
  return true;
}

export const interPodAffinity: PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin = {
  name: INTER_POD_AFFINITY,
  preFilter(state, pod, h) {
    const s: FilterState = { pod, existingAnti: new Map(), affinity: new Map(), anti: new Map() };
    for (const node of h.havePodsWithRequiredAntiAffinity()) {
      if (!node.node) continue;
      for (const existing of node.pods.values()) {
        for (const t of existing.requiredAntiAffinity) {
          const v = label(node, t.topologyKey);
          if (v !== undefined && termMatches(t, pod, h.namespaceLabels)) {
            const k = pairKey(t.topologyKey, v);
            s.existingAnti.set(k, (s.existingAnti.get(k) ?? 0) + 1);
          }
        }
      }
    }
    if (pod.requiredAffinity.length > 0 || pod.requiredAntiAffinity.length > 0) {
      for (const node of h.nodeInfos()) {
        if (!node.node) continue;
        for (const existing of node.pods.values()) {
          if (matchesAll(pod.requiredAffinity, existing, h)) {
            for (const t of pod.requiredAffinity) {
              const v = label(node, t.topologyKey);
              if (v !== undefined) s.affinity.set(pairKey(t.topologyKey, v), (s.affinity.get(pairKey(t.topologyKey, v)) ?? 0) + 1);
            }
          }
          for (const t of pod.requiredAntiAffinity) {
            const v = label(node, t.topologyKey);
            if (v !== undefined && termMatches(t, existing, h.namespaceLabels)) {
              s.anti.set(pairKey(t.topologyKey, v), (s.anti.get(pairKey(t.topologyKey, v)) ?? 0) + 1);
            }
          }
        }
      }
    }
    if (s.existingAnti.size === 0 && pod.requiredAffinity.length === 0 && pod.requiredAntiAffinity.length === 0) return SKIP;
    state.write(FILTER_KEY, s);
    return null;
  },
  filter(state, pod, node, h) {
    const s = state.read<FilterState>(FILTER_KEY);
    if (!s) return null;
    // satisfyPodAffinity
    let podsExist = true;
    for (const t of pod.requiredAffinity) {
      const v = label(node, t.topologyKey);
      if (v === undefined) return unresolvable(ErrReasonAffinityRulesNotMatch);
      if ((s.affinity.get(pairKey(t.topologyKey, v)) ?? 0) <= 0) podsExist = false;
    }
    if (!podsExist) {
      // The first pod of a series with affinity to itself may go anywhere its terms allow.
      if (!(s.affinity.size === 0 && matchesAll(pod.requiredAffinity, pod, h))) return unresolvable(ErrReasonAffinityRulesNotMatch);
    }
    // satisfyPodAntiAffinity
    for (const t of pod.requiredAntiAffinity) {
      const v = label(node, t.topologyKey);
      if (v !== undefined && (s.anti.get(pairKey(t.topologyKey, v)) ?? 0) > 0) return unschedulable(ErrReasonAntiAffinityRulesNotMatch);
    }
    // satisfyExistingPodsAntiAffinity
    if (s.existingAnti.size > 0 && node.labels) {
      for (const k in node.labels) {
        if ((s.existingAnti.get(pairKey(k, node.labels[k])) ?? 0) > 0) return unschedulable(ErrReasonExistingAntiAffinityRulesNotMatch);
      }
    }
    return null;
  },
  preScore(state, pod, _nodes, h) {
    const hasConstraints = pod.preferredAffinity.length + pod.preferredAntiAffinity.length > 0;
    const topo = new Map<string, Map<string, number>>();
    const add = (t: AffinityTerm, weight: number, node: NodeInfo): void => {
      const v = label(node, t.topologyKey);
      if (v === undefined) return;
      let m = topo.get(t.topologyKey);
      if (!m) topo.set(t.topologyKey, (m = new Map()));
      m.set(v, (m.get(v) ?? 0) + weight);
    };
    const terms = (list: WeightedAffinityTerm[], target: PodInfo, node: NodeInfo, mult: number): void => {
      for (const t of list) if (termMatches(t, target, h.namespaceLabels)) add(t, t.weight * mult, node);
    };
    // Unless the incoming pod has preferred terms, only nodes hosting pods with affinity matter.
    for (const node of hasConstraints ? h.nodeInfos() : h.havePodsWithAffinity()) {
      if (!node.node || !hasAnyLabel(node)) continue;
      for (const existing of node.pods.values()) {
        if (!hasConstraints && !existing.hasAffinity) continue;
        terms(pod.preferredAffinity, existing, node, 1);
        terms(pod.preferredAntiAffinity, existing, node, -1);
        for (const t of existing.requiredAffinity) if (termMatches(t, pod, h.namespaceLabels)) add(t, HARD_POD_AFFINITY_WEIGHT, node);
        terms(existing.preferredAffinity, pod, node, 1);
        terms(existing.preferredAntiAffinity, pod, node, -1);
      }
    }
    if (topo.size === 0) return SKIP;
    state.write(SCORE_KEY, topo);
    return null;
  },
  score(state, _pod, node) {
    const topo = state.read<Map<string, Map<string, number>>>(SCORE_KEY);
    if (!topo || !node.labels) return 0;
    let score = 0;
    for (const [k, values] of topo) {
      const v = label(node, k);
      if (v !== undefined) score += values.get(v) ?? 0;
    }
    return score;
  },
  normalize(state, _pod, _nodes, scores) {
    const topo = state.read<Map<string, Map<string, number>>>(SCORE_KEY);
    if (!topo || topo.size === 0) return;
    let min = Infinity;
    let max = -Infinity;
    for (const s of scores) {
      if (s > max) max = s;
      if (s < min) min = s;
    }
    const diff = max - min;
    for (let i = 0; i < scores.length; i++) {
      scores[i] = diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((scores[i] - min) / diff)) : 0;
    }
  },
};
