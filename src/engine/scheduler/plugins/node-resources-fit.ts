/**
 * NodeResourcesFit (pkg/scheduler/framework/plugins/noderesources/fit.go): Filter checks the
 * pod's requests (init-container max rule, sidecars, overhead) against allocatable minus what
 * the node's pods request, and the pod count against allocatable pods; Score is the default
 * LeastAllocated strategy over cpu and memory (weight 1 each) on non-zero requests. Plugin
 * weight 1.
 */
import { unschedulable, type FilterPlugin, type NodeInfo, type PodInfo, type ScorePlugin } from '../types';
import { MAX_NODE_SCORE } from '../types';

export const NODE_RESOURCES_FIT = 'NodeResourcesFit';

export const ErrReasonTooManyPods = 'Too many pods';
export const ErrReasonInsufficient = (resource: string): string => `Insufficient ${resource}`;

/** fitsRequest: the reasons the pod does not fit, in upstream's order. */
export function insufficientResources(pod: PodInfo, node: NodeInfo): string[] {
  const out: string[] = [];
  if (node.pods.size + 1 > node.allowedPods) out.push(ErrReasonTooManyPods);
  const r = pod.req;
  if (r.milliCPU === 0 && r.memory === 0 && r.ephemeralStorage === 0 && !(r.scalar && r.scalar.size > 0)) return out;
  const a = node.allocatable;
  const u = node.requested;
  if (r.milliCPU > 0 && r.milliCPU > a.milliCPU - u.milliCPU) out.push(ErrReasonInsufficient('cpu'));
  if (r.memory > 0 && r.memory > a.memory - u.memory) out.push(ErrReasonInsufficient('memory'));
  if (r.ephemeralStorage > 0 && r.ephemeralStorage > a.ephemeralStorage - u.ephemeralStorage) {
    out.push(ErrReasonInsufficient('ephemeral-storage'));
  }
  if (r.scalar) {
    // Simplification: upstream iterates a Go map (random order); we sort by name.
    for (const name of [...r.scalar.keys()].sort()) {
      const want = r.scalar.get(name)!;
      if (want === 0) continue;
      if (want > (a.scalar?.get(name) ?? 0) - (u.scalar?.get(name) ?? 0)) out.push(ErrReasonInsufficient(name));
    }
  }
  return out;
}

/** leastRequestedScore: ((capacity - requested) * 100) / capacity, 0 when over capacity. */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/**
 * LeastAllocated over cpu and memory, equal weights. Worked example: 4 CPUs with 1 requested
 * (incl. the pod) -> 75; 8 GiB with 2 GiB -> 75; score (75 + 75) / 2 = 75.
 */
export function leastAllocatedScore(pod: PodInfo, node: NodeInfo): number {
  let sum = 0;
  let weights = 0;
  const a = node.allocatable;
  if (a.milliCPU > 0) {
    sum += leastRequestedScore(node.nonZeroCPU + pod.nonZeroCPU, a.milliCPU);
    weights++;
  }
  if (a.memory > 0) {
    sum += leastRequestedScore(node.nonZeroMem + pod.nonZeroMem, a.memory);
    weights++;
  }
  return weights === 0 ? 0 : Math.trunc(sum / weights);
}

export const nodeResourcesFit: FilterPlugin & ScorePlugin = {
  name: NODE_RESOURCES_FIT,
  filter(_state, pod, node) {
    // Fast path without allocations: the common case fits.
    const r = pod.req;
    const a = node.allocatable;
    const u = node.requested;
    if (
      node.pods.size + 1 <= node.allowedPods &&
      r.milliCPU <= a.milliCPU - u.milliCPU &&
      r.memory <= a.memory - u.memory &&
      r.ephemeralStorage <= a.ephemeralStorage - u.ephemeralStorage &&
      !r.scalar
    ) {
      return null;
    }
    const reasons = insufficientResources(pod, node);
    return reasons.length === 0 ? null : unschedulable(...reasons);
  },
  score(_state, pod, node) {
    return leastAllocatedScore(pod, node);
  },
  scoreAll(_state, pod, nodes, _h, out) {
    for (let i = 0; i < nodes.length; i++) out[i] = leastAllocatedScore(pod, nodes[i]);
  },
};
