/**
 * The engine host behind the worker protocol (protocol.ts): owns the cluster, the terminal
 * sessions and the shared file system, moves simulated time as wall time passes (`tick`), and
 * turns the store's watch events into batched, coalesced view deltas for the UI.
 *
 * Free of timers and of comlink, so tests drive it directly; server.ts adds the real-time loop.
 */
import { createCluster, type Cluster } from '../cluster';
import type { KObject, WatchEvent } from '../api/types/meta';
import { keyOf } from '../api/types/meta';
import type { FileSystem } from '../shell/process';
import {
  SPEEDS,
  VIEW_KINDS,
  type AnyView,
  type ExecResult,
  type Push,
  type SimStatus,
  type Speed,
  type StartOptions,
  type StepResult,
  type TerminalOutput,
  type ViewDelta,
  type ViewKind,
} from './protocol';
import { TerminalSession } from './session';
import { createFileSystem } from './shell-port';
import { stripControls } from './sanitize';
import { viewOf } from './views';

const VIEW_KIND_SET = new Set<string>(VIEW_KINDS);

/** Wall time counted per tick at most: a throttled background tab must not jump hours. */
const MAX_TICK_WALL_MS = 1000;

export class EngineHost {
  private cluster!: Cluster;
  private opts: Required<StartOptions> = { nodes: 3, seed: 1 };
  private generation = 0;
  private paused = false;
  private speed: Speed = 1;
  private lastStep?: string;
  private unwatch?: () => void;
  /** Keys changed since the last flush, per kind. */
  private dirty = new Map<ViewKind, Set<string>>();
  private resync = true;
  private terminals = new Map<string, TerminalSession>();
  private pendingTerminal: TerminalOutput[] = [];
  private statusDirty = true;
  readonly fs: FileSystem = createFileSystem();

  constructor(opts: StartOptions = {}) {
    this.start(opts);
  }

  /** Replaces the cluster with a fresh one. */
  start(opts: StartOptions = {}): SimStatus {
    this.unwatch?.();
    this.opts = { nodes: opts.nodes ?? this.opts.nodes, seed: opts.seed ?? this.opts.seed };
    this.cluster = createCluster({ nodes: this.opts.nodes, seed: this.opts.seed });
    this.generation++;
    this.lastStep = undefined;
    this.unwatch = this.cluster.api.store.watchAll((kind, ev) => this.onEvent(kind, ev));
    this.dirty.clear();
    this.resync = true;
    this.statusDirty = true;
    for (const [id, t] of this.terminals) {
      t.detach();
      this.queueTerminal(id, t.take());
    }
    return this.status();
  }

  get current(): Cluster {
    return this.cluster;
  }

  status(): SimStatus {
    return {
      nowMs: this.cluster.clock.now(),
      paused: this.paused,
      speed: this.speed,
      generation: this.generation,
      nodes: this.opts.nodes,
      seed: this.opts.seed,
      lastStep: this.lastStep,
      internalErrors: this.cluster.internalErrors.length,
    };
  }

  setPaused(paused: boolean): SimStatus {
    this.paused = paused;
    this.statusDirty = true;
    return this.status();
  }

  setSpeed(speed: Speed): SimStatus {
    if (!SPEEDS.includes(speed)) throw new Error(`unsupported speed ${speed}`);
    this.speed = speed;
    this.statusDirty = true;
    return this.status();
  }

  /** Advances simulated time for `wallMs` of real time (unless paused) and polls commands. */
  tick(wallMs: number): void {
    if (!this.paused && wallMs > 0) {
      this.cluster.advance((Math.min(wallMs, MAX_TICK_WALL_MS) / 1000) * this.speed);
      this.statusDirty = true;
    }
    this.pollTerminals();
  }

  /** Runs to the next scheduled moment of the simulation and reports what changed. */
  step(): StepResult {
    const clock = this.cluster.clock;
    const changes: string[] = [];
    const stop = this.cluster.api.store.watchAll((kind, ev) => {
      if (changes.length < 20) changes.push(`${ev.type} ${kind} ${keyOf(ev.object)}`);
    });
    const before = this.cluster.manager.reconciles;
    try {
      const next = clock.nextTimerAt();
      if (next === undefined) clock.settle();
      else clock.advanceTo(next);
    } finally {
      stop();
    }
    const reconciles = this.cluster.manager.reconciles - before;
    const work = reconciles > 0 ? this.cluster.manager.lastWork : '';
    const summary =
      [work, changes[0]].filter(Boolean).join(' → ') || 'nothing was due';
    this.lastStep = summary;
    this.statusDirty = true;
    this.pollTerminals();
    return { nowMs: clock.now(), changes, summary };
  }

  // ---- terminals -------------------------------------------------------------------------

  openTerminal(id: string, columns: number): string {
    let t = this.terminals.get(id);
    if (!t) {
      t = new TerminalSession(() => this.cluster, this.fs, columns);
      this.terminals.set(id, t);
    }
    t.columns = columns;
    return t.open();
  }

  input(id: string, data: string): string {
    const t = this.terminal(id);
    const out = this.drainTerminal(id) + t.input(data);
    return out;
  }

  resize(id: string, columns: number): void {
    this.terminal(id).columns = Math.max(20, Math.floor(columns));
  }

  /** Runs one line in a throw-away session on the shared files; cancels anything that blocks. */
  exec(line: string, stdin?: string): ExecResult {
    let stdout = '';
    let stderr = '';
    let output = '';
    const session = new TerminalSession(() => this.cluster, this.fs, 200);
    const res = session.runCaptured(line, stdin, (t) => ((stdout += t), (output += t)), (t) => ((stderr += t), (output += t)));
    return { output: stripControls(output), stdout: stripControls(stdout), stderr: stripControls(stderr), code: res };
  }

  // ---- pushes ------------------------------------------------------------------------------

  /** Collects everything the UI has not seen yet; undefined when nothing changed. */
  flush(): Push | undefined {
    const deltas: ViewDelta[] = [];
    if (this.resync) {
      for (const kind of VIEW_KINDS) {
        const upsert = this.cluster.api.store.list(kind).map((o) => viewOf(kind, o));
        deltas.push({ kind, upsert, remove: [] } as ViewDelta);
      }
    } else {
      for (const [kind, keys] of this.dirty) {
        const upsert: AnyView[] = [];
        const remove: string[] = [];
        for (const key of keys) {
          const obj = this.cluster.api.store.get(kind, key);
          if (obj) upsert.push(viewOf(kind, obj));
          else remove.push(key);
        }
        deltas.push({ kind, upsert, remove } as ViewDelta);
      }
    }
    const resync = this.resync;
    this.resync = false;
    this.dirty.clear();
    for (const [id] of this.terminals) this.queueTerminal(id, this.terminals.get(id)!.take());
    const terminal = this.pendingTerminal;
    this.pendingTerminal = [];
    if (!resync && deltas.length === 0 && terminal.length === 0 && !this.statusDirty) return undefined;
    this.statusDirty = false;
    return { status: this.status(), resync, deltas, terminal };
  }

  /** The next flush sends every view again (a new UI connection). */
  requestResync(): void {
    this.resync = true;
    this.statusDirty = true;
  }

  private onEvent(kind: string, ev: WatchEvent<KObject>): void {
    if (!VIEW_KIND_SET.has(kind)) return;
    let set = this.dirty.get(kind as ViewKind);
    if (!set) this.dirty.set(kind as ViewKind, (set = new Set()));
    set.add(keyOf(ev.object));
  }

  private terminal(id: string): TerminalSession {
    const t = this.terminals.get(id);
    if (!t) throw new Error(`no terminal ${id}`);
    return t;
  }

  private pollTerminals(): void {
    for (const [id, t] of this.terminals) if (t.busy) this.queueTerminal(id, t.poll());
  }

  private queueTerminal(id: string, data: string): void {
    if (data) this.pendingTerminal.push({ id, data });
  }

  /** Output of `id` queued for the next push, taken now so that it stays in order. */
  private drainTerminal(id: string): string {
    let out = '';
    this.pendingTerminal = this.pendingTerminal.filter((o) => {
      if (o.id !== id) return true;
      out += o.data;
      return false;
    });
    return out;
  }
}
