/**
 * NodeAffinity (pkg/scheduler/framework/plugins/nodeaffinity) with the node matching of
 * k8s.io/component-helpers/scheduling/corev1/nodeaffinity: spec.nodeSelector AND the required
 * node affinity terms (terms ORed, requirements within a term ANDed; an empty term matches
 * nothing). PreFilter narrows the nodes to a `metadata.name` matchFields set, as DaemonSet pods
 * carry. Score sums the weights of matching preferred terms, normalized to 0..100. Weight 2.
 */
import type { KObject } from '../../api/types/meta';
import type { Labels } from '../../api/selectors';
import {
  defaultNormalizeScore,
  MAX_NODE_SCORE,
  SKIP,
  unresolvable,
  type FilterPlugin,
  type NodeInfo,
  type PodInfo,
  type PreFilterPlugin,
  type PreScorePlugin,
  type ScorePlugin,
} from '../types';

export const NODE_AFFINITY = 'NodeAffinity';
/** nodeaffinity.ErrReasonPod */
export const ErrReasonPod = "node(s) didn't match Pod's node affinity/selector";
/** nodeaffinity.errReasonConflict */
export const ErrReasonConflict = 'pod affinity terms conflict';

interface NodeSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

export interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[];
  matchFields?: NodeSelectorRequirement[];
}

function requirementMatches(r: NodeSelectorRequirement, has: boolean, v: string | undefined): boolean {
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
      return has && values.includes(v!);
    case 'NotIn':
      return !has || !values.includes(v!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      if (!has || values.length !== 1) return false;
      const a = Number.parseInt(v!, 10);
      const b = Number.parseInt(values[0], 10);
      if (!/^-?\d+$/.test(v!) || !/^-?\d+$/.test(values[0])) return false;
      return r.operator === 'Gt' ? a > b : a < b;
    }
    default:
      return false;
  }
}

/** nodeSelectorTerm.match: every expression on labels and every field (metadata.name) holds. */
export function termMatchesNode(t: NodeSelectorTerm, name: string, labels: Labels): boolean {
  const exprs = t.matchExpressions ?? [];
  const fields = t.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  for (const r of exprs) {
    const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key);
    if (!requirementMatches(r, has, has ? labels![r.key] : undefined)) return false;
  }
  for (const r of fields) {
    if (r.key !== 'metadata.name') return false;
    if (r.operator !== 'In' && r.operator !== 'NotIn') return false;
    if (!requirementMatches(r, true, name)) return false;
  }
  return true;
}

/** nodeaffinity.RequiredNodeAffinity: nodeSelector plus required terms. */
export class RequiredNodeAffinity {
  private selector: [string, string][];
  private terms: NodeSelectorTerm[] | null;
  constructor(pod: KObject) {
    const spec = pod.spec ?? {};
    this.selector = Object.entries((spec.nodeSelector ?? {}) as Record<string, string>);
    const req = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    this.terms = req ? ((req.nodeSelectorTerms ?? []) as NodeSelectorTerm[]) : null;
  }
  get empty(): boolean {
    return this.selector.length === 0 && this.terms === null;
  }
  match(node: NodeInfo): boolean {
    const labels = node.labels;
    for (const [k, v] of this.selector) if (!labels || labels[k] !== v) return false;
    if (this.terms === null) return true;
    for (const t of this.terms) if (termMatchesNode(t, node.name, labels)) return true;
    return false;
  }
}

const STATE_KEY = 'NodeAffinity/required';
const PREF_KEY = 'NodeAffinity/preferred';

interface PreferredTerm {
  weight: number;
  preference: NodeSelectorTerm;
}

export const nodeAffinity: PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin = {
  name: NODE_AFFINITY,
  preFilter(state, pod) {
    const spec = pod.pod.spec ?? {};
    const required = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    if (!required && !spec.nodeSelector) return SKIP;
    state.write(STATE_KEY, new RequiredNodeAffinity(pod.pod));
    const terms = (required?.nodeSelectorTerms ?? []) as NodeSelectorTerm[];
    if (terms.length === 0) return null;
    // Affinity to specific node names (metadata.name In [...]) narrows the nodes to evaluate.
    let names: Set<string> | undefined;
    for (const t of terms) {
      let termNames: Set<string> | undefined;
      for (const r of t.matchFields ?? []) {
        if (r.key === 'metadata.name' && r.operator === 'In') {
          const s = new Set(r.values ?? []);
          termNames = termNames ? new Set([...termNames].filter((n) => s.has(n))) : s;
        }
      }
      if (!termNames) return null;
      names = names ? new Set([...names, ...termNames]) : termNames;
    }
    if (names && names.size === 0) return unresolvable(ErrReasonConflict);
    return names ? { nodeNames: names } : null;
  },
  filter(state, pod, node) {
    const req = state.read<RequiredNodeAffinity>(STATE_KEY) ?? new RequiredNodeAffinity(pod.pod);
    return req.match(node) ? null : unresolvable(ErrReasonPod);
  },
  preScore(state, pod) {
    const pref = (pod.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []) as PreferredTerm[];
    const terms = pref.filter((t) => t.weight !== 0);
    if (terms.length === 0) return SKIP;
    state.write(PREF_KEY, terms);
    return null;
  },
  score(state, _pod, node) {
    let sum = 0;
    for (const t of state.read<PreferredTerm[]>(PREF_KEY) ?? []) {
      if (termMatchesNode(t.preference, node.name, node.labels)) sum += t.weight;
    }
    return sum;
  },
  normalize(_state, _pod, _nodes, scores) {
    defaultNormalizeScore(MAX_NODE_SCORE, false, scores);
  },
};

export type { PodInfo };
