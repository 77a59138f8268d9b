/**
 * kube-controller-manager: runs level-triggered controllers. Each controller declares which
 * watch events wake which keys (`triggers`); the manager keeps one deduplicating work queue per
 * controller and, as a SimClock work source, drains them until quiet. A reconcile that throws is
 * logged and retried with back-off, as controllers' processNextWorkItem does.
 */
import type { SimClock } from '../core/clock';
import { WorkQueue } from '../core/workqueue';
import type { ApiServer } from '../api/server';
import type { KObject, WatchEvent } from '../api/types/meta';
import { keyOf } from '../api/types/meta';

/** What a reconcile asks of the manager. */
export type Result = { kind: 'done' } | { kind: 'retry' } | { kind: 'after'; seconds: number };

export const done = (): Result => ({ kind: 'done' });
export const retry = (): Result => ({ kind: 'retry' });
export const after = (seconds: number): Result => ({ kind: 'after', seconds });

/** Maps a watch event of `kind` to the keys it wakes. */
export interface Trigger {
  kind: string;
  keys: (ev: WatchEvent) => string[];
}

export function on(kind: string, keys: (ev: WatchEvent) => string[]): Trigger {
  return { kind, keys };
}

/** The object's own key. */
export const selfKey = (ev: WatchEvent): string[] => [keyOf(ev.object)];

/** The key of the controller owner of the given kind (old and new owner on changes). */
export function ownerKey(ownerKind: string): (ev: WatchEvent) => string[] {
  return (ev) => {
    const keys = new Set<string>();
    for (const o of [ev.object, ev.old]) {
      if (!o) continue;
      for (const ref of o.metadata.ownerReferences ?? []) {
        if (ref.controller && ref.kind === ownerKind) keys.add(o.metadata.namespace ? `${o.metadata.namespace}/${ref.name}` : ref.name);
      }
    }
    return [...keys];
  };
}

export interface Controller {
  /** Upstream component name; appears in events (`replicaset-controller`). */
  readonly name: string;
  triggers(): Trigger[];
  reconcile(key: string): Result;
  /** Keys to reconcile at start (e.g. every existing object). */
  initialKeys?(): string[];
}

export interface ManagerLog {
  (controller: string, key: string, err: unknown): void;
}

interface Running {
  controller: Controller;
  queue: WorkQueue;
}

export class ControllerManager {
  private running: Running[] = [];
  private stops: (() => void)[] = [];
  /** Count of reconciles run, for benchmarks and the step view. */
  reconciles = 0;
  /** The last reconcile run: `controller key`, for the UI's step mode. */
  lastWork = '';

  constructor(
    private api: ApiServer,
    private clock: SimClock,
    private log: ManagerLog = () => {},
  ) {
    clock.addSource(this);
  }

  add(controller: Controller): void {
    const queue = new WorkQueue(this.clock);
    const r: Running = { controller, queue };
    this.running.push(r);
    const byKind = new Map<string, Trigger[]>();
    for (const t of controller.triggers()) {
      const list = byKind.get(t.kind) ?? [];
      list.push(t);
      byKind.set(t.kind, list);
    }
    for (const [kind, triggers] of byKind) {
      this.stops.push(
        this.api.watch(kind, (ev) => {
          for (const t of triggers) for (const k of t.keys(ev)) queue.add(k);
        }),
      );
    }
    for (const k of controller.initialKeys?.() ?? []) queue.add(k);
  }

  /** The queue of a controller, for controllers that enqueue themselves. */
  queueOf(name: string): WorkQueue | undefined {
    return this.running.find((r) => r.controller.name === name)?.queue;
  }

  /** WorkSource: runs one key of every controller that has one. */
  drain(): boolean {
    let busy = false;
    for (const r of this.running) {
      const key = r.queue.next();
      if (key === undefined) continue;
      busy = true;
      this.reconciles++;
      this.lastWork = `${r.controller.name} ${key}`;
      let res: Result;
      try {
        res = r.controller.reconcile(key);
      } catch (e) {
        this.log(r.controller.name, key, e);
        res = retry();
      }
      if (res.kind === 'done') r.queue.forget(key);
      else if (res.kind === 'retry') r.queue.addRateLimited(key);
      else {
        r.queue.forget(key);
        r.queue.addAfter(key, res.seconds);
      }
    }
    return busy;
  }

  stop(): void {
    for (const s of this.stops) s();
    this.stops = [];
  }
}

export type { KObject };
