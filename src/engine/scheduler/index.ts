/** kube-scheduler: started once per cluster. */
import type { ClusterParts } from '../cluster';

export interface SchedulerHandle {
  /** Scheduling decisions made so far. */
  readonly decisions: number;
}

export function startScheduler(c: ClusterParts): SchedulerHandle {
  void c;
  return { decisions: 0 };
}
