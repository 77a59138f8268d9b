/**
 * A bare control plane for controller unit tests: apiserver, clock, rng and a controller
 * manager, without kubelets or scheduler. Tests write pod statuses themselves.
 */
import type { ClusterParts } from '../cluster';
import { SimClock } from '../core/clock';
import { Rng } from '../core/rng';
import { ApiServer } from '../api/server';
import { EventRecorder, type EventSource } from '../api/events';
import { clone, type KObject } from '../api/types/meta';
import { ControllerManager, type Controller } from './manager';

export interface Harness extends ClusterParts {
  /** Registers controllers built from the parts. */
  start(...make: ((c: ClusterParts) => Controller)[]): Controller[];
  /** Runs the control plane for `seconds` (0: only settle). */
  run(seconds?: number): void;
  /** Creates a namespaced object in `default` unless it names another namespace. */
  create<T extends KObject = KObject>(obj: KObject): T;
  /** Sets a pod's node, phase and readiness as a kubelet would. */
  setPod(ns: string, name: string, s: { node?: string; phase?: string; ready?: boolean; restarts?: number }): KObject;
  /** Events as `Type Reason Message` lines, oldest first. */
  events(involvedName?: string): string[];
}

export function newHarness(namespaces: string[] = ['default']): Harness {
  const clock = new SimClock();
  const rng = new Rng(1);
  const api = new ApiServer(clock, rng);
  const internalErrors: string[] = [];
  const manager = new ControllerManager(api, clock, (c, k, e) => {
    internalErrors.push(`${c} ${k}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  });
  for (const name of namespaces) api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  const h: Harness = {
    api,
    clock,
    rng,
    manager,
    internalErrors,
    recorder: (source: EventSource) => new EventRecorder(api, source),
    start(...make) {
      const out = make.map((m) => m(h));
      for (const c of out) manager.add(c);
      return out;
    },
    run(seconds = 0) {
      clock.advance(seconds);
    },
    create<T extends KObject = KObject>(obj: KObject): T {
      return api.create<T>(obj);
    },
    setPod(ns, name, s) {
      if (s.node !== undefined && !api.get('Pod', ns, name).spec?.nodeName) api.bind(ns, name, s.node);
      const pod = clone(api.get('Pod', ns, name));
      const now = clock.rfc3339();
      const status = { ...(pod.status ?? {}) };
      if (s.phase !== undefined) status.phase = s.phase;
      if (s.ready !== undefined) {
        const prev = (status.conditions ?? []).find((c: { type: string }) => c.type === 'Ready');
        const st = s.ready ? 'True' : 'False';
        const ready = { type: 'Ready', status: st, lastProbeTime: null, lastTransitionTime: prev?.status === st ? prev.lastTransitionTime : now };
        status.conditions = [...(status.conditions ?? []).filter((c: { type: string }) => c.type !== 'Ready'), ready];
      }
      if (s.restarts !== undefined) status.containerStatuses = [{ name: 'c', restartCount: s.restarts }];
      return api.updateStatus({ ...pod, status });
    },
    events(involvedName) {
      // Store order is creation order.
      return api.store
        .list('Event')
        .filter((e) => !involvedName || (e.involvedObject as { name: string }).name === involvedName)
        .map((e) => `${e.type} ${e.reason} ${e.message}`);
    },
  };
  return h;
}
