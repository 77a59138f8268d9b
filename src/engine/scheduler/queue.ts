/**
 * The scheduling queue (pkg/scheduler/backend/queue/scheduling_queue.go, PriorityQueue):
 *
 * - activeQ: pods ready to be tried, highest priority first, then the earliest queued
 *   (the PrioritySort plugin's Less);
 * - backoffQ: pods that failed and wait out their back-off, 1 s doubling per attempt up to
 *   10 s (podInitialBackoffDuration, podMaxBackoffDuration), flushed every second;
 * - unschedulablePods: pods that failed; a cluster event that could make them schedulable
 *   (a node added or changed, an assigned pod deleted ...) moves those whose rejecting plugins
 *   care about that event to activeQ, or backoffQ while still backing off; pods left there for
 *   5 minutes (podMaxInUnschedulablePodsDuration) are moved by a flush every 30 s.
 *
 * Timers run on the SimClock.
 */
import type { SimClock, TimerHandle } from '../core/clock';
import type { PodInfo } from './types';
import { Heap } from '../core/heap';

export const POD_INITIAL_BACKOFF_SECONDS = 1;
export const POD_MAX_BACKOFF_SECONDS = 10;
export const POD_MAX_IN_UNSCHEDULABLE_SECONDS = 5 * 60;
const BACKOFF_FLUSH_SECONDS = 1;
const UNSCHEDULABLE_FLUSH_SECONDS = 30;

/** framework.QueuedPodInfo */
export interface QueuedPodInfo {
  info: PodInfo;
  /** When the pod was last added to a queue (ms). */
  timestamp: number;
  /** Scheduling attempts so far. */
  attempts: number;
  initialAttemptTimestamp?: number;
  /** Plugins that rejected the pod in its last attempt; empty means "any event". */
  unschedulablePlugins: Set<string>;
  /** Insertion counter: ties in activeQ go in arrival order. */
  seq: number;
  /** Lazy deletion in the heaps. */
  removed?: boolean;
}

/** A cluster event (framework.ClusterEvent) and the plugins that may be unblocked by it. */
export interface ClusterEvent {
  label: string;
  /** Plugins whose rejections this event may resolve; 'all' for every pod. */
  plugins: ReadonlySet<string> | 'all';
}


type Where = 'active' | 'backoff' | 'unschedulable' | 'inflight';

export class SchedulingQueue {
  private seq = 0;
  private active = new Heap<QueuedPodInfo>(
    (x, y) =>
      x.info.priority > y.info.priority ||
      (x.info.priority === y.info.priority && (x.timestamp < y.timestamp || (x.timestamp === y.timestamp && x.seq < y.seq))),
  );
  private backoff = new Heap<QueuedPodInfo>((x, y) => {
    const a = this.backoffExpiry(x);
    const b = this.backoffExpiry(y);
    return a < b || (a === b && x.seq < y.seq);
  });
  private unschedulable = new Map<string, QueuedPodInfo>();
  private where = new Map<string, [Where, QueuedPodInfo]>();
  private backoffTimer: TimerHandle | undefined;
  private flushTimer: TimerHandle | undefined;
  private activeCount = 0;
  private backoffCount = 0;

  constructor(private clock: SimClock) {}

  /** Sizes of the three queues, for the UI. */
  stats(): { active: number; backoff: number; unschedulable: number } {
    return { active: this.activeCount, backoff: this.backoffCount, unschedulable: this.unschedulable.size };
  }

  has(key: string): boolean {
    return this.where.has(key);
  }

  /** A new pending pod (informer Add). */
  add(info: PodInfo): void {
    if (this.where.has(info.key)) {
      this.update(info);
      return;
    }
    const q: QueuedPodInfo = { info, timestamp: this.clock.now(), attempts: 0, unschedulablePlugins: new Set(), seq: this.seq++ };
    this.pushActive(q);
  }

  /**
   * An update of a pending pod. A changed spec or labels (isPodUpdated) gives an unschedulable
   * pod another chance; a status-only update just refreshes the stored pod.
   */
  update(info: PodInfo, specChanged = false): void {
    const w = this.where.get(info.key);
    if (!w) {
      this.add(info);
      return;
    }
    const [where, q] = w;
    q.info = info;
    if (where === 'unschedulable' && specChanged) {
      this.unschedulable.delete(info.key);
      if (this.isBackingOff(q)) this.pushBackoff(q);
      else this.pushActive(q);
    }
  }

  delete(key: string): void {
    const w = this.where.get(key);
    if (!w) return;
    const [where, q] = w;
    this.where.delete(key);
    q.removed = true;
    if (where === 'active') this.activeCount--;
    else if (where === 'backoff') this.backoffCount--;
    else if (where === 'unschedulable') this.unschedulable.delete(key);
  }

  /** The next pod to schedule; it stays known as in flight until done or requeued. */
  pop(): QueuedPodInfo | undefined {
    for (;;) {
      const q = this.active.pop();
      if (!q) return undefined;
      if (q.removed) continue;
      this.activeCount--;
      q.attempts++;
      q.initialAttemptTimestamp ??= this.clock.now();
      this.where.set(q.info.key, ['inflight', q]);
      return q;
    }
  }

  /** The in-flight pod was bound (or dropped): forget it. */
  done(key: string): void {
    const w = this.where.get(key);
    if (w && w[0] === 'inflight') this.where.delete(key);
  }

  /**
   * AddUnschedulableIfNotPresent: a failed attempt. Pods that failed with an error (not a
   * rejection) go to backoffQ; rejected ones to unschedulablePods.
   */
  requeueFailed(q: QueuedPodInfo, rejected: boolean): void {
    const w = this.where.get(q.info.key);
    if (!w || w[0] !== 'inflight') return; // deleted meanwhile
    q.timestamp = this.clock.now();
    if (!rejected) {
      this.pushBackoff(q);
      return;
    }
    this.where.set(q.info.key, ['unschedulable', q]);
    this.unschedulable.set(q.info.key, q);
    this.armFlush();
  }

  /** MoveAllToActiveOrBackoffQueue for one cluster event. */
  onEvent(ev: ClusterEvent): number {
    let moved = 0;
    for (const [key, q] of this.unschedulable) {
      if (ev.plugins !== 'all' && q.unschedulablePlugins.size > 0 && ![...q.unschedulablePlugins].some((p) => (ev.plugins as ReadonlySet<string>).has(p))) {
        continue;
      }
      this.unschedulable.delete(key);
      if (this.isBackingOff(q)) this.pushBackoff(q);
      else this.pushActive(q);
      moved++;
    }
    return moved;
  }

  /** calculateBackoffDuration: 1 s, 2 s, 4 s, 8 s, 10 s, 10 s ... by attempts. */
  backoffSeconds(q: QueuedPodInfo): number {
    if (q.attempts === 0) return 0;
    let d = POD_INITIAL_BACKOFF_SECONDS;
    for (let i = 1; i < q.attempts; i++) {
      if (d > POD_MAX_BACKOFF_SECONDS - d) return POD_MAX_BACKOFF_SECONDS;
      d += d;
    }
    return d;
  }

  private backoffExpiry(q: QueuedPodInfo): number {
    return q.timestamp + this.backoffSeconds(q) * 1000;
  }

  private isBackingOff(q: QueuedPodInfo): boolean {
    return this.backoffExpiry(q) > this.clock.now();
  }

  private pushActive(q: QueuedPodInfo): void {
    q.removed = false;
    this.where.set(q.info.key, ['active', q]);
    const fresh: QueuedPodInfo = q;
    this.active.push(fresh);
    this.activeCount++;
  }

  private pushBackoff(q: QueuedPodInfo): void {
    q.removed = false;
    this.where.set(q.info.key, ['backoff', q]);
    this.backoff.push(q);
    this.backoffCount++;
    this.armBackoff();
  }

  /** flushBackoffQCompleted, run every second while backoffQ holds pods. */
  private armBackoff(): void {
    if (this.backoffTimer && !this.backoffTimer.cancelled) return;
    this.backoffTimer = this.clock.after(BACKOFF_FLUSH_SECONDS, () => {
      this.backoffTimer = undefined;
      const now = this.clock.now();
      for (;;) {
        const q = this.backoff.peek();
        if (!q) break;
        if (q.removed) {
          this.backoff.pop();
          continue;
        }
        if (this.backoffExpiry(q) > now) break;
        this.backoff.pop();
        this.backoffCount--;
        this.pushActive(q);
      }
      if (this.backoffCount > 0) this.armBackoff();
    }, 'scheduler backoff flush');
  }

  /** flushUnschedulablePodsLeftover, run every 30 s while unschedulablePods holds pods. */
  private armFlush(): void {
    if (this.flushTimer && !this.flushTimer.cancelled) return;
    this.flushTimer = this.clock.after(UNSCHEDULABLE_FLUSH_SECONDS, () => {
      this.flushTimer = undefined;
      const now = this.clock.now();
      for (const [key, q] of this.unschedulable) {
        if (now - q.timestamp < POD_MAX_IN_UNSCHEDULABLE_SECONDS * 1000) continue;
        this.unschedulable.delete(key);
        if (this.isBackingOff(q)) this.pushBackoff(q);
        else this.pushActive(q);
      }
      if (this.unschedulable.size > 0) this.armFlush();
    }, 'scheduler unschedulable flush');
  }
}
