/**
 * The engine host behind the worker protocol (protocol.ts): owns the cluster, the terminal
 * sessions and the shared file system, moves simulated time as wall time passes (`tick`), turns
 * the store's watch events into batched, coalesced view deltas for the UI, and keeps the
 * journal of actions that a reload replays (`restore`).
 *
 * Free of timers, comlink and IndexedDB, so tests drive it directly; server.ts adds those.
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
  type Journal,
  type JournalEntry,
  type Push,
  type SimStatus,
  type Speed,
  type StartOptions,
  type StepResult,
  type TerminalHint,
  type Hint,
  type PullFault,
  PULL_FAULTS,
  type WhyChain,
  type Timeline,
  type TerminalOutput,
  type ViewDelta,
  type ViewKind,
} from './protocol';
import { TerminalSession } from './session';
import { createFileSystem } from './shell-port';
import { stripControls } from './sanitize';
import { viewOf } from './views';
import { RequestError } from './request-error';
import { EditBroker } from './edits';
import { diagnoseCommand, diagnoseObject } from './diagnose';
import { whyChain } from './why';
import { TrafficControl, type TrafficRequest } from './traffic';
import { shareManifests, validateJournal } from './share';
import { FlowRecorder } from './flow';

const VIEW_KIND_SET = new Set<string>(VIEW_KINDS);

/** Timers one step may run while looking for something to happen. */
const STEP_MAX_TIMERS = 10_000;

/** Wall time counted per tick at most: a throttled background tab must not jump hours. */
const MAX_TICK_WALL_MS = 1000;

export class EngineHost {
  private cluster!: Cluster;
  private opts: Required<StartOptions> = { nodes: 3, seed: 1 };
  private generation = 0;
  private paused = false;
  private speed: Speed = 1;
  private lastStep?: string;
  /** Fraction of a simulated millisecond not yet applied. */
  private carryMs = 0;
  private restoring = false;
  private restored = 0;
  private unwatch?: () => void;
  /** Keys changed since the last flush, per kind. */
  private dirty = new Map<ViewKind, Set<string>>();
  private resync = true;
  private terminals = new Map<string, TerminalSession>();
  private pendingTerminal: TerminalOutput[] = [];
  private pendingHints: TerminalHint[] = [];
  private statusDirty = true;
  private entries: JournalEntry[] = [];
  /** Bumped on every journal change, so the saver knows when to write. */
  journalVersion = 0;
  readonly fs: FileSystem;
  private edits: EditBroker;
  private traffic = new TrafficControl();
  private flow = new FlowRecorder();
  /** Injected pull faults by the image as given (the fleet keys them by repository). */
  private pullFaults = new Map<string, PullFault>();
  /** Simulated time of the fresh cluster (the start of the timeline). */
  private startMs = 0;
  /**
   * After a rewind: the actions that came later, replayed as the clock reaches them, until the
   * learner does something new (the timeline then branches and they are dropped).
   */
  private future: JournalEntry[] = [];
  private futureEndMs = 0;
  private replayingFuture = false;

  constructor(opts: StartOptions = {}) {
    // Files carry modification times from the simulated clock of whichever cluster is current.
    // (The file system reads the time once before the first cluster exists: 0 then.)
    this.fs = createFileSystem(() => this.cluster?.clock.now() ?? 0);
    this.edits = new EditBroker(this.fs);
    this.start(opts);
  }

  /** Replaces the cluster with a fresh one; the journal starts over. */
  start(opts: StartOptions = {}): SimStatus {
    this.unwatch?.();
    this.opts = { nodes: opts.nodes ?? this.opts.nodes, seed: opts.seed ?? this.opts.seed };
    this.cluster = createCluster({ nodes: this.opts.nodes, seed: this.opts.seed });
    this.startMs = this.cluster.clock.now();
    this.future = [];
    this.generation++;
    this.lastStep = undefined;
    this.restored = 0;
    this.entries = [];
    this.journalVersion++;
    this.unwatch = this.cluster.api.store.watchAll((kind, ev) => this.onEvent(kind, ev));
    this.edits.reset();
    this.traffic.reset();
    this.flow.reset();
    this.pullFaults.clear();
    this.dirty.clear();
    this.resync = true;
    this.statusDirty = true;
    for (const [id, t] of this.terminals) {
      t.rebind(this.cluster);
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
      restoring: this.restoring,
      restored: this.restored,
      nodes: this.opts.nodes,
      seed: this.opts.seed,
      lastStep: this.lastStep,
      internalErrors: this.cluster.internalErrors.length,
      startMs: this.startMs,
      endMs: Math.max(this.cluster.clock.now(), this.future.length ? this.futureEndMs : 0),
      ahead: this.future.length,
      pullFaults: [...this.pullFaults].map(([image, fault]) => ({ image, fault })),
    };
  }

  setPaused(paused: boolean): SimStatus {
    this.paused = paused;
    this.statusDirty = true;
    return this.status();
  }

  setSpeed(speed: Speed): SimStatus {
    if (!SPEEDS.includes(speed)) throw new RequestError(`unsupported speed ${speed}`);
    this.speed = speed;
    this.statusDirty = true;
    return this.status();
  }

  /**
   * Advances simulated time for `wallMs` of real time (unless paused) and polls commands.
   * Simulated time moves in whole milliseconds (timestamps and event names derive from it);
   * the fraction is carried to the next tick so that no time is lost.
   */
  tick(wallMs: number): void {
    if (!this.paused && wallMs > 0) {
      const simMs = Math.min(wallMs, MAX_TICK_WALL_MS) * this.speed + this.carryMs;
      const whole = Math.floor(simMs);
      this.carryMs = simMs - whole;
      if (whole > 0) this.advanceTo(this.cluster.clock.now() + whole);
      this.statusDirty = true;
    }
    this.pollTerminals();
  }

  /**
   * Runs the simulation timer by timer until something happens (a reconcile or a write to the
   * API), at most STEP_MAX_TIMERS timers, and reports what happened.
   */
  step(): StepResult {
    const clock = this.cluster.clock;
    const changes: string[] = [];
    const stop = this.cluster.api.store.watchAll((kind, ev) => {
      if (changes.length < 20) changes.push(`${ev.type} ${kind} ${keyOf(ev.object)}`);
    });
    const before = this.cluster.manager.reconciles;
    try {
      clock.settle();
      // A rewound session's next action is a step of its own when it comes before any timer.
      const due = this.future[0];
      const timer = clock.nextTimerAt();
      if (due && (timer === undefined || due.t <= timer)) {
        this.advanceTo(due.t);
        if (changes.length === 0) changes.push(`replayed ${describeEntry(due)}`);
      }
      for (let i = 0; i < STEP_MAX_TIMERS && changes.length === 0 && this.cluster.manager.reconciles === before; i++) {
        const next = clock.nextTimerAt();
        if (next === undefined) break;
        clock.advanceTo(next);
      }
    } finally {
      stop();
    }
    const work = this.cluster.manager.reconciles > before ? this.cluster.manager.lastWork : '';
    const summary = [work, changes[0]].filter(Boolean).join(' → ') || 'nothing was due';
    this.lastStep = summary;
    this.statusDirty = true;
    this.pollTerminals();
    return { nowMs: clock.now(), changes, summary };
  }

  /**
   * Moves the clock to `ms`, replaying on the way the actions of a rewound session that fall due
   * (each at its own moment, as the journal recorded it); terminals show the replayed commands.
   */
  private advanceTo(ms: number): void {
    const clock = this.cluster.clock;
    while (this.future.length && this.future[0].t <= ms) {
      const e = this.future.shift()!;
      clock.advanceTo(e.t);
      this.replayingFuture = true;
      try {
        if (e.op === 'input') this.queueTerminal(e.term, `${e.input.replace(/\n/g, '\r\n> ')}\r\n`);
        this.replay(e);
      } finally {
        this.replayingFuture = false;
      }
      this.statusDirty = true;
    }
    clock.advanceTo(ms);
  }

  // ---- time travel ---------------------------------------------------------------------------

  /** The timeline: its start and end, and every action with a short label. */
  timeline(): Timeline {
    const all = [...this.entries, ...this.future];
    return {
      startMs: this.startMs,
      nowMs: this.cluster.clock.now(),
      endMs: this.status().endMs,
      marks: all.filter((e) => e.op !== 'poll').map((e) => ({ t: e.t, label: describeEntry(e) })),
    };
  }

  /**
   * Rewinds (or forwards) the whole cluster to simulated time `toMs`: a fresh cluster with the
   * same seed replays the actions up to that moment (the simulation is deterministic, so it is
   * the same cluster as then); later actions wait in `future` and replay as time runs again.
   * The simulation pauses there.
   */
  travel(toMs: number): SimStatus {
    const end = this.status().endMs;
    if (!Number.isFinite(toMs) || toMs < this.startMs || toMs > end) throw new RequestError('that moment is outside this session');
    const all = [...this.entries, ...this.future];
    const cut = all.findIndex((e) => e.t > toMs);
    const past = cut < 0 ? all : all.slice(0, cut);
    const later = cut < 0 ? [] : all.slice(cut);
    this.restore({ version: 1, nodes: this.opts.nodes, seed: this.opts.seed, endMs: toMs, entries: past });
    this.restored = 0;
    this.future = later;
    this.futureEndMs = end;
    this.paused = true;
    this.reattachTerminals();
    return this.status();
  }

  // ---- cluster actions ---------------------------------------------------------------------
  // Node actions run the playground's own `kubeplay` command (src/engine/shell/kubeplay.ts),
  // so the controls do exactly what typing it does, and the journal replays them as any input.

  addNode(): string {
    const out = this.kubeplay('node add');
    const m = /^node\/(\S+) /.exec(out);
    if (!m) throw new RequestError(out.trim() || 'kubeplay node add printed nothing');
    return m[1];
  }

  removeNode(name: string): void {
    this.kubeplay(`node remove ${name}`);
  }

  failNode(name: string): void {
    this.kubeplay(`node fail ${name}`);
  }

  recoverNode(name: string): void {
    this.kubeplay(`node recover ${name}`);
  }

  /** Runs `kubeplay <args>`; its error output becomes the request's error. */
  private kubeplay(args: string): string {
    if (!/^[\w .-]+$/.test(args)) throw new RequestError(`invalid arguments: ${args}`);
    const r = this.exec(`kubeplay ${args}`);
    if (r.code !== 0) throw new RequestError(r.stderr.trim() || `kubeplay ${args} failed`);
    return r.stdout;
  }

  /** Kills a pod's container process through `kubeplay pod kill` (so the journal replays it). */
  crashPod(namespace: string, name: string, oom: boolean): void {
    this.kubeplay(`pod kill -n ${namespace} ${name}${oom ? ' --oom' : ''}`);
  }

  /** Makes pulls of an image fail (fault injection); null ends the fault. */
  injectPullFault(image: string, fault: PullFault | null): void {
    if (!/^[\w][\w./:@-]*$/.test(image)) throw new RequestError(`invalid image reference: ${image}`);
    if (fault !== null && !PULL_FAULTS.includes(fault)) throw new RequestError(`unknown pull fault ${fault}`);
    this.cluster.nodes.injectImagePullFailure(image, fault);
    if (fault) this.pullFaults.set(image, fault);
    else this.pullFaults.delete(image);
    this.record({ op: 'pullFault', image, fault });
    this.statusDirty = true;
  }

  killPod(namespace: string, name: string): void {
    this.flow.begin(`kubectl delete pod ${name} -n ${namespace}`, this.cluster.clock.now());
    this.flow.asKubectl(() => this.cluster.api.delete('Pod', namespace, name));
    this.flow.end();
    this.record({ op: 'killPod', namespace, name });
  }

  /** Ends the `kubectl edit` of terminal `term` (text null: cancelled) and shows its output. */
  finishEdit(term: string, text: string | null): void {
    if (!this.edits.get(term)) throw new RequestError(`no kubectl edit is waiting in terminal ${term}`);
    this.record({ op: 'edit', term, text });
    this.flow.begin('kubectl edit (saved)', this.cluster.clock.now());
    this.edits.finish(term, text ?? undefined);
    const t = this.terminals.get(term);
    if (t) {
      t.poll();
      this.queueTerminal(term, t.take());
    }
    this.flow.end();
  }

  /** Sends requests to a Service (see worker/traffic.ts). */
  startTraffic(req: TrafficRequest): void {
    this.traffic.start(this.cluster, req);
    this.record({ op: 'traffic', namespace: req.namespace, service: req.service, rps: req.rps, durationSec: req.durationSec });
  }

  stopTraffic(): void {
    this.traffic.stop();
    this.record({ op: 'trafficStop' });
  }

  writeFile(path: string, content: string): void {
    this.fs.write(path, content);
    this.record({ op: 'write', path, content });
  }

  // ---- terminals -------------------------------------------------------------------------

  openTerminal(id: string, columns: number): string {
    const t = this.session(id, columns);
    return this.drainTerminal(id) + t.open(columns);
  }

  input(id: string, data: string): string {
    const t = this.terminals.get(id);
    if (!t) throw new RequestError(`no terminal ${id}`);
    try {
      return this.drainTerminal(id) + t.input(data);
    } finally {
      // What kubectl wrote happened in that call; later writes are the cluster reacting.
      this.flow.end();
    }
  }

  resize(id: string, columns: number): void {
    const t = this.terminals.get(id);
    if (t) t.columns = Math.max(20, Math.floor(columns));
  }

  /** Runs one input in a throw-away session on the shared files; cancels anything that blocks. */
  exec(input: string, record = true): ExecResult {
    let stdout = '';
    let stderr = '';
    let output = '';
    if (record) {
      this.record({ op: 'exec', input });
      this.flow.begin(input, this.cluster.clock.now());
    }
    const session = new TerminalSession(this.cluster, this.fs, 200, undefined, undefined, { kubectl: this.flow.program });
    const code = session.runCaptured(
      input,
      { write: (t) => ((stdout += t), (output += t)) },
      { write: (t) => ((stderr += t), (output += t)) },
    );
    this.flow.end();
    return { output: stripControls(output), stdout: stripControls(stdout), stderr: stripControls(stderr), code };
  }

  // ---- persistence ---------------------------------------------------------------------------

  journal(): Journal {
    return { version: 1, nodes: this.opts.nodes, seed: this.opts.seed, endMs: this.cluster.clock.now(), entries: [...this.entries] };
  }

  /**
   * Rebuilds a saved session: a fresh cluster with the same options, then every entry at its
   * simulated time. Terminal output of the replay is dropped; each terminal gets a note.
   */
  restore(j: Journal): void {
    if (j.version !== 1 || !Array.isArray(j.entries)) throw new RequestError('unsupported saved session');
    this.restoring = true;
    try {
      this.start({ nodes: j.nodes, seed: j.seed });
      for (const e of j.entries) {
        this.cluster.clock.advanceTo(e.t);
        this.replay(e);
      }
      this.cluster.clock.advanceTo(j.endMs);
      this.restored = j.entries.length;
    } finally {
      this.restoring = false;
      this.statusDirty = true;
    }
    for (const t of this.terminals.values()) t.take();
    this.resync = true;
  }

  /** Replaces the session with an imported one (checked first: it is untrusted input). */
  importSession(value: unknown): SimStatus {
    let j: Journal;
    try {
      j = validateJournal(value);
    } catch (e) {
      throw new RequestError(`cannot import this file: ${(e as Error).message}`);
    }
    this.restore(j);
    this.reattachTerminals();
    return this.status();
  }

  /** After a restore in a running page: each terminal shows its shell's prompt on a new line. */
  private reattachTerminals(): void {
    for (const [id, t] of this.terminals) this.queueTerminal(id, `\r\n${t.open(t.columns)}`);
  }

  /** The learner's objects as manifests for a share link. */
  shareManifests(): string {
    return shareManifests(this.cluster);
  }

  private replay(e: JournalEntry): void {
    try {
      this.replayEntry(e);
    } finally {
      this.flow.end();
    }
  }

  private replayEntry(e: JournalEntry): void {
    switch (e.op) {
      case 'input':
        this.session(e.term, 80).runInput(e.input);
        break;
      case 'interrupt':
        this.session(e.term, 80).interrupt();
        break;
      case 'poll':
        this.session(e.term, 80).poll();
        break;
      case 'exec':
        this.exec(e.input);
        break;
      case 'write':
        this.writeFile(e.path, e.content);
        break;
      case 'killPod':
        this.killPod(e.namespace, e.name);
        break;
      case 'traffic':
        this.startTraffic({ namespace: e.namespace, service: e.service, rps: e.rps, durationSec: e.durationSec });
        break;
      case 'pullFault':
        this.injectPullFault(e.image, e.fault);
        break;
      case 'trafficStop':
        this.stopTraffic();
        break;
      case 'edit':
        this.record(e);
        this.edits.finish(e.term, e.text ?? undefined);
        this.session(e.term, 80).poll();
        break;
    }
  }

  private record(e: DistributiveOmit<JournalEntry, 't'>): void {
    // Something new after a rewind: the timeline branches here, the old future is gone.
    if (!this.replayingFuture && !this.restoring && this.future.length) {
      this.future = [];
      this.statusDirty = true;
    }
    this.entries.push({ ...e, t: this.cluster.clock.now() } as JournalEntry);
    this.journalVersion++;
  }

  // ---- pushes ------------------------------------------------------------------------------

  /** Collects everything the UI has not seen yet; undefined when nothing changed. */
  flush(): Push | undefined {
    const deltas: ViewDelta[] = [];
    const store = this.cluster.api.store;
    if (this.resync) {
      for (const kind of VIEW_KINDS) {
        deltas.push({ kind, upsert: store.list(kind).map((o) => viewOf(kind, o)), remove: [] } as ViewDelta);
      }
    } else {
      for (const [kind, keys] of this.dirty) {
        const upsert: AnyView[] = [];
        const remove: string[] = [];
        for (const key of keys) {
          const obj = store.get(kind, key);
          if (obj) upsert.push(viewOf(kind, obj));
          else remove.push(key);
        }
        deltas.push({ kind, upsert, remove } as ViewDelta);
      }
    }
    const resync = this.resync;
    this.resync = false;
    this.dirty.clear();
    for (const [id, t] of this.terminals) this.queueTerminal(id, t.take());
    const terminal = this.pendingTerminal;
    this.pendingTerminal = [];
    const edits = this.edits.take(resync);
    const hints = this.pendingHints;
    this.pendingHints = [];
    const traffic = this.traffic.take(resync);
    const flow = this.flow.take(resync);
    const quiet = deltas.length === 0 && terminal.length === 0 && !edits && hints.length === 0 && !('view' in traffic) && traffic.pulses.length === 0 && flow === undefined;
    if (!resync && quiet && !this.statusDirty) return undefined;
    this.statusDirty = false;
    return {
      status: this.status(),
      resync,
      deltas,
      terminal,
      ...(edits ? { edits } : {}),
      ...(hints.length ? { hints } : {}),
      ...('view' in traffic ? { traffic: traffic.view } : {}),
      ...(traffic.pulses.length ? { pulses: traffic.pulses } : {}),
      ...(flow !== undefined ? { flow } : {}),
    };
  }

  /** The next flush sends every view again (a new UI connection). */
  requestResync(): void {
    this.resync = true;
    this.statusDirty = true;
  }

  private onEvent(kind: string, ev: WatchEvent<KObject>): void {
    this.flow.observe(kind, ev, this.cluster.clock.now());
    if (!VIEW_KIND_SET.has(kind)) return;
    let set = this.dirty.get(kind as ViewKind);
    if (!set) this.dirty.set(kind as ViewKind, (set = new Set()));
    set.add(keyOf(ev.object));
  }

  private session(id: string, columns: number): TerminalSession {
    let t = this.terminals.get(id);
    if (!t) {
      t = new TerminalSession(
        this.cluster,
        this.fs,
        columns,
        {
          ran: (input) => {
            this.record({ op: 'input', term: id, input });
            this.flow.begin(input, this.cluster.clock.now());
          },
          interrupted: () => {
            this.edits.drop(id);
            this.record({ op: 'interrupt', term: id });
          },
          polled: () => this.record({ op: 'poll', term: id }),
          finished: (input, output) => this.explain(id, input, output),
        },
        this.edits.hostFor(id),
        { kubectl: this.flow.program },
      );
      this.terminals.set(id, t);
    }
    return t;
  }

  /** Explains what went wrong in a terminal command (not while a journal is replayed). */
  private explain(term: string, input: string, output: string): void {
    if (this.restoring) return;
    let hint: Hint | undefined;
    try {
      hint = diagnoseCommand(this.cluster, input, output);
    } catch (e) {
      // An explanation is optional: a bug in it must not disturb the terminal.
      console.error('kubeplay: diagnose failed', e);
    }
    this.pendingHints.push(hint ? { id: term, input, hint } : { id: term, input });
    if (this.pendingHints.length > 20) this.pendingHints.shift();
  }

  /** Plain-language explanations of an object's problems. */
  diagnose(kind: string, key: string): Hint[] {
    return diagnoseObject(this.cluster, kind, key);
  }

  /** "Why?": the causal chain of an object. */
  why(kind: string, key: string): WhyChain | undefined {
    return whyChain(this.cluster, kind, key);
  }

  private pollTerminals(): void {
    for (const [id, t] of this.terminals) {
      if (!t.busy) continue;
      t.poll();
      this.queueTerminal(id, t.take());
    }
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
    const t = this.terminals.get(id);
    return out + (t ? t.take() : '');
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A journal entry in a few words, for the timeline's marks. */
export function describeEntry(e: JournalEntry): string {
  const short = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}...` : s).replace(/\n/g, ' ');
  switch (e.op) {
    case 'input':
    case 'exec':
      return short(e.input);
    case 'write':
      return `write ${e.path}`;
    case 'killPod':
      return `delete pod ${e.namespace}/${e.name}`;
    case 'edit':
      return e.text === null ? 'kubectl edit cancelled' : 'kubectl edit saved';
    case 'traffic':
      return `traffic to ${e.namespace}/${e.service}`;
    case 'trafficStop':
      return 'traffic stopped';
    case 'pullFault':
      return e.fault ? `break pulls of ${e.image}` : `fix pulls of ${e.image}`;
    case 'interrupt':
      return 'Ctrl-C';
    case 'poll':
      return 'command output';
  }
}
