/**
 * The UI's only door to the engine: creates the Web Worker that runs the simulated cluster,
 * wraps its typed API (engine/worker/protocol.ts) with comlink, and routes the worker's pushes:
 * view deltas and the simulation status to the zustand stores, terminal output to the terminal
 * that owns it, traffic pulses to the topology.
 *
 * Crash recovery: the worker answers a ping every second or so; when it stops answering (it
 * died, or hangs), the UI reports it, starts a new worker, and the new worker restores the
 * session from the journal the old one saved to IndexedDB (it saves before it acknowledges an
 * action, so nothing acknowledged is lost). Requests that were in flight answer with an error;
 * terminals reattach to their shells.
 */
import * as Comlink from 'comlink';
import { isPushMessage, type EngineApi, type Push, type Reply, type TrafficPulse } from '../../engine/worker/protocol';
import { useCluster } from '../state/cluster-store';

/**
 * Every EngineApi method returns a Promise of plain data. `getEngine()` hands out one stable
 * object that forwards each call to the current worker, so components keep working across a
 * restart.
 */
export type Engine = EngineApi;

type TerminalSink = (data: string) => void;

/** How often the worker is pinged, and how long a ping may stay unanswered. */
const PING_MS = 1000;
const DEAD_AFTER_MS = 5000;

interface Live {
  worker: Worker;
  remote: EngineApi;
  /** Calls in flight, answered with an error if this worker dies. */
  pending: Set<(r: Reply<never>) => void>;
  /** connect() answered: the worker has restored its session and serves requests. */
  connected: boolean;
}

let live: Live | undefined;
let facade: Engine | undefined;
let heartbeat: ReturnType<typeof setInterval> | undefined;
let ping: { at: number } | undefined;
let restarts = 0;
const sinks = new Map<string, TerminalSink>();
/** Output for terminals whose component has not mounted yet. */
const parked = new Map<string, string>();
const restartListeners = new Set<() => void>();
const pulseListeners = new Set<(pulses: TrafficPulse[]) => void>();

/** Pushes not yet applied to the store: applied together once per animation frame. */
let pending: Push[] = [];
let frame = 0;

/** Calls `fn` with the requests of each push; returns the removal. */
export function onPulses(fn: (pulses: TrafficPulse[]) => void): () => void {
  pulseListeners.add(fn);
  return () => pulseListeners.delete(fn);
}

/** Calls `fn` after the engine worker was restarted (terminals reattach); returns the removal. */
export function onEngineRestart(fn: () => void): () => void {
  restartListeners.add(fn);
  return () => restartListeners.delete(fn);
}

function onPush(push: Push): void {
  // Terminal output goes out at once (typing must feel immediate); views wait for a frame.
  for (const t of push.terminal) deliver(t.id, t.data);
  if (push.pulses?.length) for (const fn of pulseListeners) fn(push.pulses);
  pending.push(push);
  if (!frame) frame = requestAnimationFrame(applyPending);
}

function applyPending(): void {
  frame = 0;
  const batch = pending;
  pending = [];
  useCluster.getState().applyPushes(batch);
}

function deliver(id: string, data: string): void {
  const sink = sinks.get(id);
  if (sink) sink(data);
  else parked.set(id, (parked.get(id) ?? '') + data);
}

function spawn(): Live {
  const worker = new Worker(new URL('../../engine/worker/server.ts', import.meta.url), { type: 'module' });
  worker.addEventListener('message', (ev: MessageEvent) => {
    if (live?.worker === worker && isPushMessage(ev.data)) onPush(ev.data.push);
  });
  worker.addEventListener('error', (ev) => {
    useCluster.getState().setError(`engine worker failed: ${ev.message || 'unknown error'}`);
  });
  const l: Live = { worker, remote: Comlink.wrap<EngineApi>(worker) as unknown as EngineApi, pending: new Set(), connected: false };
  live = l;
  void call<unknown>('connect', []).then((r) => {
    l.connected = live === l;
    if (!r.ok) useCluster.getState().setError(r.error);
    else if (restarts > 0) {
      useCluster.getState().setEngineState({ state: 'restarted', restarts });
      for (const fn of restartListeners) fn();
    }
  });
  return l;
}

/** Forwards one call to the current worker; resolves with an error reply if that worker dies. */
function call<T>(method: string, args: unknown[]): Promise<Reply<T>> {
  const l = live ?? spawn();
  return new Promise<Reply<T>>((resolve) => {
    const settle = (r: Reply<T>) => {
      l.pending.delete(settle as (r: Reply<never>) => void);
      resolve(r);
    };
    l.pending.add(settle as (r: Reply<never>) => void);
    const fn = (l.remote as unknown as Record<string, (...a: unknown[]) => Promise<Reply<T>>>)[method];
    fn(...args).then(settle, (e: unknown) => settle({ ok: false, error: `engine unreachable: ${e instanceof Error ? e.message : String(e)}` }));
  });
}

/** The worker stopped answering: report it, start a new one that restores the saved session. */
function restart(reason: string): void {
  const old = live;
  if (!old) return;
  restarts++;
  console.error(`kubeplay: the engine worker stopped (${reason}); restarting it from the saved session`);
  useCluster.getState().setEngineState({ state: 'restarting', restarts, reason });
  live = undefined;
  ping = undefined;
  old.worker.terminate();
  for (const settle of old.pending) settle({ ok: false, error: 'the engine stopped and is restarting; try again' } as Reply<never>);
  old.pending.clear();
  spawn();
}

function checkAlive(): void {
  // A worker restoring a long session does not answer before it is done: wait for connect.
  if (!live?.connected) return;
  const now = performance.now();
  if (ping) {
    if (now - ping.at > DEAD_AFTER_MS) restart(`no answer for ${Math.round((now - ping.at) / 1000)} s`);
    return;
  }
  const mine = { at: now };
  ping = mine;
  const l = live;
  void call<number>('ping', []).then((r) => {
    // An answer from this worker (not an error made up for a dead one) proves it alive.
    if (ping === mine && live === l && (r.ok || !r.error.startsWith('the engine stopped'))) ping = undefined;
  });
}

/** The engine (its worker starts on first use). */
export function getEngine(): Engine {
  if (!facade) {
    facade = new Proxy({} as Engine, {
      get(_, prop) {
        // Not a thenable: `await getEngine()` must not call it.
        if (typeof prop !== 'string' || prop === 'then') return undefined;
        return (...args: unknown[]) => call(prop, args);
      },
    });
    spawn();
    heartbeat = setInterval(checkAlive, PING_MS);
  }
  return facade;
}

/** Stops the liveness checks (tests). */
export function stopHeartbeat(): void {
  clearInterval(heartbeat);
}

/** Routes a terminal's pushed output to `sink` until the returned function is called. */
export function attachTerminal(id: string, sink: TerminalSink): () => void {
  sinks.set(id, sink);
  const held = parked.get(id);
  if (held) {
    parked.delete(id);
    sink(held);
  }
  return () => {
    if (sinks.get(id) === sink) sinks.delete(id);
  };
}

/**
 * Sends `data` to a terminal's shell as if typed there (the lessons panel's chips and "Run it");
 * the output goes to that terminal, as the terminal's own input does.
 */
export async function typeInto(id: string, data: string): Promise<void> {
  const r = await getEngine().input(id, data);
  deliver(id, r.ok ? r.value : `\r\n${r.error}\r\n`);
}

/** The value of a reply, or throws its error (for callers that show errors themselves). */
export function unwrap<T>(r: Reply<T>): T {
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/** Sends a request and shows its failure, if any, in the error banner; resolves to the value. */
export async function report<T>(p: Promise<Reply<T>>): Promise<T | undefined> {
  const r = await p;
  useCluster.getState().setError(r.ok ? undefined : r.error);
  return r.ok ? r.value : undefined;
}
