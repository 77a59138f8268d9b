/**
 * A deduplicating work queue of keys, as client-go's workqueue: a key added twice before it
 * is processed is processed once; `addAfter` delays a key on the simulated clock;
 * `addRateLimited` backs off exponentially per key (5 ms doubling to 1000 s, client-go's
 * default controller rate limiter), reset by `forget`.
 */
import type { SimClock, TimerHandle } from './clock';

export class WorkQueue {
  private queue: string[] = [];
  private head = 0;
  private queued = new Set<string>();
  private failures = new Map<string, number>();
  private delayed = new Map<string, TimerHandle>();

  constructor(private clock: SimClock) {}

  get length(): number {
    return this.queue.length - this.head;
  }

  add(key: string): void {
    if (this.queued.has(key)) return;
    this.queued.add(key);
    this.queue.push(key);
  }

  /** Adds the key after `seconds`; an earlier pending delay for the key wins. */
  addAfter(key: string, seconds: number): void {
    if (seconds <= 0) {
      this.add(key);
      return;
    }
    const at = this.clock.now() + seconds * 1000;
    const existing = this.delayed.get(key);
    if (existing && !existing.cancelled && existing.at <= at) return;
    if (existing) this.clock.cancel(existing);
    this.delayed.set(
      key,
      this.clock.at(at, () => {
        this.delayed.delete(key);
        this.add(key);
      }),
    );
  }

  /** Re-adds a failed key with per-key exponential back-off. */
  addRateLimited(key: string): void {
    const n = this.failures.get(key) ?? 0;
    this.failures.set(key, n + 1);
    this.addAfter(key, Math.min(0.005 * 2 ** n, 1000));
  }

  forget(key: string): void {
    this.failures.delete(key);
  }

  /** Takes the next key, or undefined when empty. */
  next(): string | undefined {
    if (this.head >= this.queue.length) return undefined;
    const key = this.queue[this.head++];
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    this.queued.delete(key);
    return key;
  }
}
