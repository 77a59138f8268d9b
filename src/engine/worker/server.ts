/**
 * The engine worker's entry point: exposes the EngineApi of protocol.ts over comlink and runs
 * the real-time loop. Every ~100 ms of wall time the loop advances the SimClock by
 * elapsed × speed, polls long-running commands, and pushes one batch of view deltas and
 * terminal output to the UI.
 *
 * Persistence: the session's journal (host.ts) is saved to IndexedDB within a tick of every
 * action and every few seconds as time passes; at start-up a saved journal is replayed, so a
 * reload finds the cluster as it was. Without IndexedDB the session lives in memory only.
 *
 * Every request is wrapped: failures travel as data (`{ ok: false, error }`); nothing reaches
 * the worker's top level, and if something does, it is reported as `internal error` and the
 * worker keeps serving.
 */
import * as Comlink from 'comlink';
import { get as idbGet, set as idbSet } from 'idb-keyval';
import { EngineHost } from './host';
import { HOME_DIR } from './shell-port';
import { describeFailure } from './request-error';
import { PUSH_MESSAGE, type EngineApi, type Journal, type PushMessage, type Reply } from './protocol';

/** Wall milliseconds between ticks of the real-time loop. */
const TICK_MS = 100;
/** Wall milliseconds between saves when only time moved. */
const IDLE_SAVE_MS = 5000;
const JOURNAL_KEY = 'kubeplay:journal:v1';

let connected = false;
let last = performance.now();
let savedVersion = -1;
let savedAt = 0;
let writing: Promise<void> | undefined;
let storage = typeof indexedDB !== 'undefined';

async function loadJournal(): Promise<Journal | undefined> {
  if (!storage) return undefined;
  try {
    return await idbGet<Journal>(JOURNAL_KEY);
  } catch (e) {
    // No usable IndexedDB (private mode, blocked): keep the session in memory.
    console.warn('kubeplay: IndexedDB unavailable, the session will not survive a reload', e);
    storage = false;
    return undefined;
  }
}

async function boot(): Promise<EngineHost> {
  const h = new EngineHost();
  const saved = await loadJournal();
  if (saved) {
    try {
      h.restore(saved);
    } catch (e) {
      console.error('kubeplay: could not restore the saved session; starting a fresh cluster', e);
      h.start({});
    }
  }
  savedVersion = h.journalVersion;
  savedAt = performance.now();
  return h;
}

const ready: Promise<EngineHost> = boot();
let host: EngineHost | undefined;
void ready.then((h) => (host = h));

/**
 * Runs a request. API errors and refused requests travel as their message; anything else is a
 * bug and becomes an `internal error` reply (the worker keeps serving).
 */
async function wrap<T>(fn: (h: EngineHost) => T): Promise<Reply<T>> {
  try {
    const h = await ready;
    const value = fn(h);
    // An acknowledged action is a saved one: if the worker dies after this reply, the restarted
    // worker replays it (the UI restarts it from the saved journal).
    if (h.journalVersion !== savedVersion) await save(performance.now());
    return { ok: true, value };
  } catch (e) {
    return { ok: false, error: describeFailure(e) };
  }
}

function push(): void {
  if (!connected || !host) return;
  const p = host.flush();
  if (!p) return;
  const msg: PushMessage = { type: PUSH_MESSAGE, push: p };
  self.postMessage(msg);
}

/**
 * Writes the journal to IndexedDB if it changed (or, when only time moved, every IDLE_SAVE_MS);
 * resolves once what was current at the call is written. One write at a time.
 */
function save(now: number): Promise<void> {
  if (!host || !storage) return Promise.resolve();
  if (writing) return writing.then(() => save(performance.now()));
  const changed = host.journalVersion !== savedVersion;
  if (!changed && now - savedAt < IDLE_SAVE_MS) return Promise.resolve();
  const version = host.journalVersion;
  writing = idbSet(JOURNAL_KEY, host.journal())
    .then(() => {
      savedVersion = version;
      savedAt = now;
    })
    .catch((e: unknown) => {
      console.warn('kubeplay: could not save the session', e);
      storage = false;
    })
    .finally(() => {
      writing = undefined;
    });
  return writing;
}

function loop(): void {
  const now = performance.now();
  const elapsed = now - last;
  last = now;
  try {
    if (host) host.tick(elapsed);
    push();
    if (!writing) void save(now);
  } catch (e) {
    console.error('internal error', e);
  }
}

const after = (fn: () => void) => queueMicrotask(fn);

const api: EngineApi = {
  ping: () => wrap((h) => h.status().generation),
  async connect() {
    connected = true;
    return wrap((h) => {
      h.requestResync();
      after(push);
      return h.status();
    });
  },
  async start(opts) {
    return wrap((h) => {
      const s = h.start(opts);
      after(push);
      return s;
    });
  },
  openTerminal: (id, columns) => wrap((h) => h.openTerminal(id, columns)),
  input: (id, data) => wrap((h) => h.input(id, data)),
  resize: (id, columns) => wrap((h) => h.resize(id, columns)),
  exec: (input, opts) => wrap((h) => h.exec(input, opts?.record ?? true)),
  readFile: (path) => wrap((h) => h.fs.read(path)),
  writeFile: (path, content) => wrap((h) => h.writeFile(path, content)),
  listFiles: () => wrap((h) => h.fs.list(HOME_DIR)),
  setPaused: (paused) => wrap((h) => h.setPaused(paused)),
  setSpeed: (speed) => wrap((h) => h.setSpeed(speed)),
  step: () =>
    wrap((h) => {
      const r = h.step();
      after(push);
      return r;
    }),
  addNode: () => wrap((h) => h.addNode()),
  removeNode: (name) => wrap((h) => h.removeNode(name)),
  failNode: (name) => wrap((h) => h.failNode(name)),
  recoverNode: (name) => wrap((h) => h.recoverNode(name)),
  killPod: (namespace, name) => wrap((h) => h.killPod(namespace, name)),
  crashPod: (namespace, name, oom) => wrap((h) => h.crashPod(namespace, name, oom)),
  injectPullFault: (image, fault) => wrap((h) => h.injectPullFault(image, fault)),
  diagnose: (kind, key) => wrap((h) => h.diagnose(kind, key)),
  why: (kind, key) => wrap((h) => h.why(kind, key)),
  exportSession: () => wrap((h) => h.journal()),
  importSession: (session) =>
    wrap((h) => {
      const s = h.importSession(session);
      after(push);
      return s;
    }),
  shareManifests: () => wrap((h) => h.shareManifests()),
  timeline: () => wrap((h) => h.timeline()),
  travel: (toMs) =>
    wrap((h) => {
      const s = h.travel(toMs);
      after(push);
      return s;
    }),
  startTraffic: (req) => wrap((h) => h.startTraffic(req)),
  stopTraffic: () => wrap((h) => h.stopTraffic()),
  finishEdit: (term, text) =>
    wrap((h) => {
      h.finishEdit(term, text);
      after(push);
    }),
};

self.addEventListener('error', (e) => {
  console.error('internal error', e.message);
  e.preventDefault();
});
self.addEventListener('unhandledrejection', (e) => {
  console.error('internal error', e.reason);
  e.preventDefault();
});

setInterval(loop, TICK_MS);
Comlink.expose(api);
