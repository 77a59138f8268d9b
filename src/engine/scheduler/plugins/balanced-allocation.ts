/**
 * NodeResourcesBalancedAllocation (pkg/scheduler/framework/plugins/noderesources/
 * balanced_allocation.go): favours nodes whose cpu and memory utilisation (with the pod, on
 * actual requests) stay balanced: score = (1 - std) * 100, std of the two fractions being
 * |f1 - f2| / 2. Weight 1.
 */
import { MAX_NODE_SCORE, type ScorePlugin } from '../types';

export const BALANCED_ALLOCATION = 'NodeResourcesBalancedAllocation';

/**
 * balancedResourceScorer. Worked example: cpu 50 %, memory 10 % -> std 0.2 -> score 80.
 */
export function balancedScore(requested: readonly number[], allocatable: readonly number[]): number {
  const fractions: number[] = [];
  let total = 0;
  for (let i = 0; i < requested.length; i++) {
    if (allocatable[i] === 0) continue;
    let f = requested[i] / allocatable[i];
    if (f > 1) f = 1;
    total += f;
    fractions.push(f);
  }
  let std = 0;
  if (fractions.length === 2) std = Math.abs((fractions[0] - fractions[1]) / 2);
  else if (fractions.length > 2) {
    const mean = total / fractions.length;
    let sum = 0;
    for (const f of fractions) sum += (f - mean) * (f - mean);
    std = Math.sqrt(sum / fractions.length);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

export const balancedAllocation: ScorePlugin = {
  name: BALANCED_ALLOCATION,
  scoreAll(state, pod, nodes, h, out) {
    for (let i = 0; i < nodes.length; i++) out[i] = this.score(state, pod, nodes[i], h);
  },
  score(_state, pod, node) {
    const a = node.allocatable;
    if (a.milliCPU > 0 && a.memory > 0) {
      // The common two-resource case of balancedScore, without allocations.
      const f1 = Math.min(1, (node.requested.milliCPU + pod.req.milliCPU) / a.milliCPU);
      const f2 = Math.min(1, (node.requested.memory + pod.req.memory) / a.memory);
      return Math.trunc((1 - Math.abs((f1 - f2) / 2)) * MAX_NODE_SCORE);
    }
    return balancedScore(
      [node.requested.milliCPU + pod.req.milliCPU, node.requested.memory + pod.req.memory],
      [a.milliCPU, a.memory],
    );
  },
};
