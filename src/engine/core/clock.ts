/**
 * SimClock: the simulated time of the cluster. Nothing in the engine reads the wall clock.
 *
 * Time only moves in `advance(seconds)`: due timers run in time order (ties in insertion
 * order); timers due within BATCH_MS of each other run together, then the registered work
 * sources (controller work queues, the scheduler queue, kubelet queues) are drained until
 * quiet. An iteration cap catches hot loops (a controller that requeues itself forever without
 * time passing).
 */
import { Heap } from './heap';

/** A source of work that runs without time passing, e.g. a controller's work queue. */
export interface WorkSource {
  /** Processes some pending work; returns false when there was nothing to do. */
  drain(): boolean;
}

export interface TimerHandle {
  readonly id: number;
  readonly at: number;
  cancelled: boolean;
}

interface Timer extends TimerHandle {
  fn: () => void;
  label: string;
}

/** Milliseconds of the default simulated epoch: 2026-11-26T09:00:00Z. */
export const DEFAULT_EPOCH_MS = Date.UTC(2026, 10, 26, 9, 0, 0);

/** Timers due within this many ms of each other run before the work sources settle. */
export const BATCH_MS = 50;

/** Quiet-loop cap: more drain rounds than this without time passing is a hot loop. */
const MAX_DRAIN_ROUNDS = 1_000_000;

function less(x: Timer, y: Timer): boolean {
  return x.at < y.at || (x.at === y.at && x.id < y.id);
}

export class SimClock {
  private nowMs: number;
  /** Timers ordered by (at, id). */
  private timers = new Heap<Timer>(less);
  private nextId = 1;
  private sources: WorkSource[] = [];
  private advancing = false;
  /** The end of the current advance: batches never run timers beyond it. */
  private limitMs = Infinity;
  /** Called when a hot loop is detected (a drain that never goes quiet). */
  onHotLoop: (msg: string) => void = () => {};

  constructor(epochMs: number = DEFAULT_EPOCH_MS) {
    this.nowMs = epochMs;
  }

  /** Current simulated time in milliseconds since the Unix epoch. */
  now(): number {
    return this.nowMs;
  }

  /** Current simulated time as a Date. */
  date(): Date {
    return new Date(this.nowMs);
  }

  /** RFC 3339 timestamp with second precision, as in metadata.creationTimestamp. */
  rfc3339(ms: number = this.nowMs): string {
    // Components stamp thousands of writes within one simulated second: format each second once.
    const sec = Math.floor(ms / 1000);
    if (sec !== this.lastRfcSec) {
      this.lastRfcSec = sec;
      this.lastRfc = new Date(sec * 1000).toISOString().replace('.000Z', 'Z');
    }
    return this.lastRfc;
  }

  private lastRfcSec = NaN;
  private lastRfc = '';

  /** Runs `fn` once `seconds` of simulated time have passed. */
  after(seconds: number, fn: () => void, label = ''): TimerHandle {
    return this.at(this.nowMs + Math.max(0, seconds) * 1000, fn, label);
  }

  /** Runs `fn` at simulated time `ms` (or now, if that is in the past). */
  at(ms: number, fn: () => void, label = ''): TimerHandle {
    const t: Timer = { id: this.nextId++, at: Math.max(ms, this.nowMs), fn, label, cancelled: false };
    this.timers.push(t);
    return t;
  }

  cancel(handle: TimerHandle | undefined): void {
    if (handle) handle.cancelled = true;
  }

  /** Registers a work source drained after every timer. */
  addSource(source: WorkSource): void {
    this.sources.push(source);
  }

  /** Drains every work source until none has anything left, without moving time. */
  settle(): void {
    // Each source is drained until it is empty before the next one runs, and the round repeats
    // until all are quiet. Emptying one component's queue before the next one reacts lets the
    // work queues coalesce: after the scheduler binds 500 pods, the ReplicaSet controller syncs
    // once, not once per binding (as real controllers, busy while events arrive, would).
    let rounds = 0;
    for (;;) {
      let busy = false;
      for (const s of this.sources) {
        while (s.drain()) {
          busy = true;
          if (++rounds > MAX_DRAIN_ROUNDS) {
            this.onHotLoop(`hot loop: work sources did not settle after ${MAX_DRAIN_ROUNDS} rounds`);
            return;
          }
        }
      }
      if (!busy) return;
    }
  }

  /** The time of the next pending timer, if any. */
  nextTimerAt(): number | undefined {
    this.dropCancelled();
    return this.timers.peek()?.at;
  }

  /**
   * Moves simulated time forward by `seconds`, running every timer that falls due and
   * settling the work sources after each one. Re-entrant calls (a timer calling advance) only
   * settle.
   */
  advance(seconds: number): void {
    this.advanceTo(this.nowMs + Math.max(0, seconds) * 1000);
  }

  /** Like advance, but stops as soon as `done()` holds (checked after every timer). */
  advanceUntil(seconds: number, done: () => boolean): boolean {
    const target = this.nowMs + Math.max(0, seconds) * 1000;
    this.settle();
    if (done()) return true;
    for (;;) {
      this.dropCancelled();
      const t = this.timers.peek();
      if (!t || t.at > target) break;
      this.limitMs = target;
      this.runNextTimer();
      if (done()) return true;
    }
    this.nowMs = target;
    this.settle();
    return done();
  }

  advanceTo(targetMs: number): void {
    if (this.advancing) {
      this.settle();
      return;
    }
    this.advancing = true;
    try {
      this.settle();
      for (;;) {
        this.dropCancelled();
        const t = this.timers.peek();
        if (!t || t.at > targetMs) break;
        this.limitMs = targetMs;
        this.runNextTimer();
      }
      if (targetMs > this.nowMs) this.nowMs = targetMs;
      this.settle();
    } finally {
      this.advancing = false;
    }
  }

  /**
   * Runs the next timer and every other timer due within BATCH_MS of it, then settles once.
   * Real controllers coalesce the events that arrive while they are busy (a work queue holds a
   * key once); settling after every single timer instead would make, e.g., the ReplicaSet
   * controller resync 10,000 pods once per pod status change. Work sources therefore react up
   * to BATCH_MS late, well below anything a learner can see (ages and events have second
   * precision).
   */
  private runNextTimer(): void {
    const first = this.timers.pop()!;
    const windowEnd = first.at + BATCH_MS;
    let t: Timer | undefined = first;
    while (t) {
      if (t.at > this.nowMs) this.nowMs = t.at;
      t.fn();
      this.dropCancelled();
      const next = this.timers.peek();
      t = next && next.at < windowEnd && next.at <= this.limitMs ? this.timers.pop() : undefined;
    }
    this.settle();
  }

  private dropCancelled(): void {
    while (this.timers.size > 0 && this.timers.peek()!.cancelled) this.timers.pop();
  }
}
