/**
 * TaintToleration (pkg/scheduler/framework/plugins/tainttoleration): Filter rejects a node with
 * a NoSchedule or NoExecute taint the pod does not tolerate (the first one, in the node's
 * order); Score counts untolerated PreferNoSchedule taints, normalized in reverse (fewer is
 * better). Weight 3 in the default profile.
 */
import {
  defaultNormalizeScore,
  MAX_NODE_SCORE,
  toleratesTaint,
  unresolvable,
  type FilterPlugin,
  type PreScorePlugin,
  type ScorePlugin,
  type Taint,
  type Toleration,
} from '../types';

export const TAINT_TOLERATION = 'TaintToleration';

/** The filter's reason, e.g. `node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }`. */
export const ErrReasonUntolerated = (t: Taint): string => `node(s) had untolerated taint {${t.key}: ${t.value ?? ''}}`;

/** v1helper.FindMatchingUntoleratedTaint with DoNotScheduleTaintsFilterFunc. */
export function firstUntoleratedTaint(taints: readonly Taint[], tolerations: readonly Toleration[] | undefined): Taint | undefined {
  for (const t of taints) {
    if (t.effect !== 'NoSchedule' && t.effect !== 'NoExecute') continue;
    let ok = false;
    if (tolerations) for (const tol of tolerations) if (toleratesTaint(tol, t)) { ok = true; break; }
    if (!ok) return t;
  }
  return undefined;
}

const PREFER_KEY = 'TaintToleration/prefer';

export const taintToleration: FilterPlugin & PreScorePlugin & ScorePlugin = {
  name: TAINT_TOLERATION,
  filter(_state, pod, node) {
    if (node.taints.length === 0) return null;
    const t = firstUntoleratedTaint(node.taints, pod.pod.spec?.tolerations);
    return t ? unresolvable(ErrReasonUntolerated(t)) : null;
  },
  preScore(state, pod) {
    // getAllTolerationPreferNoSchedule: tolerations with effect PreferNoSchedule or empty.
    const tols = ((pod.pod.spec?.tolerations ?? []) as Toleration[]).filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
    state.write(PREFER_KEY, tols);
    return null;
  },
  scoreAll(state, pod, nodes, h, out) {
    for (let i = 0; i < nodes.length; i++) out[i] = nodes[i].taints.length === 0 ? 0 : this.score(state, pod, nodes[i], h);
  },
  score(state, _pod, node) {
    if (node.taints.length === 0) return 0;
    const tols = state.read<Toleration[]>(PREFER_KEY) ?? [];
    let n = 0;
    for (const t of node.taints) {
      if (t.effect !== 'PreferNoSchedule') continue;
      if (!tols.some((tol) => toleratesTaint(tol, t))) n++;
    }
    return n;
  },
  normalize(_state, _pod, _nodes, scores) {
    defaultNormalizeScore(MAX_NODE_SCORE, true, scores);
  },
};
