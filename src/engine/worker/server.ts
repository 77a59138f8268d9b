/**
 * The engine worker's entry point: exposes the EngineApi of protocol.ts over comlink and runs
 * the real-time loop. Every ~100 ms of wall time the loop advances the SimClock by
 * elapsed × speed, polls long-running commands, and pushes one batch of view deltas and
 * terminal output to the UI.
 *
 * Every request is wrapped: failures travel as data (`{ ok: false, error }`); nothing reaches
 * the worker's top level, and if something does, it is reported as `internal error` and the
 * worker keeps serving.
 */
import * as Comlink from 'comlink';
import { EngineHost } from './host';
import { HOME_DIR } from './shell-port';
import { describeFailure } from './request-error';
import { PUSH_MESSAGE, type EngineApi, type PushMessage, type Reply } from './protocol';

/** Wall milliseconds between ticks of the real-time loop. */
const TICK_MS = 100;

let host: EngineHost | undefined;
let connected = false;
let last = performance.now();

function engine(): EngineHost {
  host ??= new EngineHost();
  return host;
}


/**
 * Runs a request. API errors and refused requests travel as their message; anything else is a
 * bug and becomes an `internal error` reply (the worker keeps serving).
 */
function wrap<T>(fn: () => T): Reply<T> {
  try {
    return { ok: true, value: fn() };
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

function loop(): void {
  const now = performance.now();
  const elapsed = now - last;
  last = now;
  try {
    if (host) host.tick(elapsed);
    push();
  } catch (e) {
    console.error('internal error', e);
  }
}

const api: EngineApi = {
  async connect() {
    connected = true;
    return wrap(() => {
      const h = engine();
      h.requestResync();
      queueMicrotask(push);
      return h.status();
    });
  },
  async start(opts) {
    return wrap(() => {
      if (!host) host = new EngineHost(opts);
      else host.start(opts);
      queueMicrotask(push);
      return host.status();
    });
  },
  async openTerminal(id, columns) {
    return wrap(() => engine().openTerminal(id, columns));
  },
  async input(id, data) {
    return wrap(() => engine().input(id, data));
  },
  async resize(id, columns) {
    return wrap(() => engine().resize(id, columns));
  },
  async exec(input, opts) {
    return wrap(() => engine().exec(input, opts?.record ?? true));
  },
  async readFile(path) {
    return wrap(() => engine().fs.read(path));
  },
  async writeFile(path, content) {
    return wrap(() => engine().writeFile(path, content));
  },
  async listFiles() {
    return wrap(() => engine().fs.list(HOME_DIR));
  },
  async setPaused(paused) {
    return wrap(() => engine().setPaused(paused));
  },
  async setSpeed(speed) {
    return wrap(() => engine().setSpeed(speed));
  },
  async step() {
    return wrap(() => {
      const r = engine().step();
      queueMicrotask(push);
      return r;
    });
  },
  async addNode() {
    return wrap(() => engine().addNode());
  },
  async removeNode(name) {
    return wrap(() => engine().removeNode(name));
  },
  async failNode(name) {
    return wrap(() => engine().failNode(name));
  },
  async recoverNode(name) {
    return wrap(() => engine().recoverNode(name));
  },
  async killPod(namespace, name) {
    return wrap(() => engine().killPod(namespace, name));
  },
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
