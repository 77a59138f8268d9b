/**
 * The UI's only door to the engine: creates the Web Worker that runs the simulated cluster,
 * wraps its typed API (engine/worker/protocol.ts) with comlink, and routes the worker's pushes:
 * view deltas and the simulation status to the zustand stores, terminal output to the terminal
 * that owns it.
 */
import * as Comlink from 'comlink';
import { isPushMessage, type EngineApi, type Push, type Reply, type TrafficPulse } from '../../engine/worker/protocol';
import { useCluster } from '../state/cluster-store';

/**
 * Every EngineApi method already returns a Promise of plain data, so the comlink proxy has
 * exactly the EngineApi shape (Comlink.Remote would split the Reply union into two Promises).
 */
export type Engine = EngineApi;

type TerminalSink = (data: string) => void;

let engine: Engine | undefined;
const sinks = new Map<string, TerminalSink>();
/** Output for terminals whose component has not mounted yet. */
const parked = new Map<string, string>();

/** Pushes not yet applied to the store: applied together once per animation frame. */
let pending: Push[] = [];
let frame = 0;

/** Listeners of traffic pulses (the topology's animation); pulses are not kept in a store. */
const pulseListeners = new Set<(pulses: TrafficPulse[]) => void>();

/** Calls `fn` with the requests of each push; returns the removal. */
export function onPulses(fn: (pulses: TrafficPulse[]) => void): () => void {
  pulseListeners.add(fn);
  return () => pulseListeners.delete(fn);
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

/** The engine worker, started on first use. */
export function getEngine(): Engine {
  if (!engine) {
    const worker = new Worker(new URL('../../engine/worker/server.ts', import.meta.url), { type: 'module' });
    worker.addEventListener('message', (ev: MessageEvent) => {
      if (isPushMessage(ev.data)) onPush(ev.data.push);
    });
    worker.addEventListener('error', (ev) => {
      useCluster.getState().setError(`engine worker failed: ${ev.message || 'unknown error'}`);
    });
    engine = Comlink.wrap<EngineApi>(worker) as unknown as Engine;
    void engine.connect().then((r) => {
      if (!r.ok) useCluster.getState().setError(r.error);
    });
  }
  return engine;
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
