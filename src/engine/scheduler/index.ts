/**
 * kube-scheduler: started once per cluster (see ./scheduler.ts for the loop, ./framework.ts for
 * the algorithm, ./plugins for the default profile's plugins).
 */
import type { ClusterParts } from '../cluster';
import { Scheduler, type SchedulerStats } from './scheduler';
import type { Explanation } from './explain';

export type { Explanation, FilteredNode, ScoredNode } from './explain';
export type { SchedulerStats } from './scheduler';
export { SCHEDULER_NAME, scheduledMessage } from './scheduler';

export interface SchedulerHandle {
  /** Scheduling decisions (attempts) made so far. */
  readonly decisions: number;
  /**
   * Why the pod is where it is, or why it is Pending: the latest decision for the pod
   * (`namespace/name`), or undefined if none was made for the current pod of that name.
   */
  explain(podKey: string): Explanation | undefined;
  /** Counters and queue sizes. */
  stats(): SchedulerStats;
  /** Runs one scheduling attempt now; false when no pod is waiting (benchmarks, tests). */
  scheduleOne(): boolean;
  /** Pauses or resumes scheduling during clock advances. */
  setPaused(paused: boolean): void;
  /** The scheduler itself, for tests and tools that need more. */
  readonly impl: Scheduler;
}

export function startScheduler(c: ClusterParts): SchedulerHandle {
  const s = new Scheduler(c);
  return {
    get decisions() {
      return s.decisions;
    },
    explain: (key) => s.explain(key),
    stats: () => s.stats(),
    scheduleOne: () => s.scheduleOne(),
    setPaused: (p) => {
      s.paused = p;
    },
    impl: s,
  };
}
