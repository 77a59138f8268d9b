/**
 * A node fleet on a bare apiserver for kubelet tests: no scheduler and no controllers, so the
 * timelines depend on the kubelet alone. Tests bind pods themselves.
 */
import { SimClock } from '../core/clock';
import { Rng } from '../core/rng';
import { ApiServer } from '../api/server';
import { EventRecorder } from '../api/events';
import { ControllerManager } from '../controllers/manager';
import type { ClusterParts } from '../cluster';
import type { KObject } from '../api/types/meta';
import { NodeFleet } from './index';

export interface TestFleet {
  parts: ClusterParts;
  api: ApiServer;
  clock: SimClock;
  fleet: NodeFleet;
  /** Creates a pod in `default` and binds it to a node. */
  run(pod: KObject, node?: string): KObject;
  /** Advances simulated time. */
  advance(seconds: number): void;
  /** Kubelet events of a pod as `+<seconds> <Type> <Reason> <Message>` (seconds from `since`). */
  events(pod: string, since: number): string[];
  /** Every event reason/message recorded so far, with the ms time it was recorded. */
  log: { ms: number; obj: string; type: string; reason: string; message: string; count: number }[];
  pod(name: string, ns?: string): KObject;
}

export function testFleet(workers = 1, seed = 1): TestFleet {
  const clock = new SimClock();
  const rng = new Rng(seed);
  const api = new ApiServer(clock, rng);
  const manager = new ControllerManager(api, clock);
  for (const name of ['default', 'kube-node-lease', 'kube-system']) api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  const parts: ClusterParts = {
    api,
    clock,
    rng,
    manager,
    recorder: (source) => new EventRecorder(api, source),
    internalErrors: [],
  };
  const log: TestFleet['log'] = [];
  api.watch('Event', (ev) => {
    if (ev.type === 'DELETED') return;
    const e = ev.object;
    const count = (e.count as number) ?? 1;
    if (ev.type === 'MODIFIED' && (ev.old?.count as number) === count) return;
    log.push({ ms: clock.now(), obj: (e.involvedObject as { name: string }).name, type: e.type as string, reason: e.reason as string, message: e.message as string, count });
  });
  const fleet = new NodeFleet(parts);
  fleet.add({ name: 'control-plane', controlPlane: true });
  for (let i = 1; i <= workers; i++) fleet.add({ name: `node-${i}` });
  clock.advance(60);
  const t: TestFleet = {
    parts,
    api,
    clock,
    fleet,
    log,
    run(pod, node = 'node-1') {
      const p = api.create(pod);
      api.bind(p.metadata.namespace!, p.metadata.name!, node);
      return p;
    },
    advance(seconds) {
      clock.advance(seconds);
    },
    events(pod, since) {
      return log
        .filter((e) => e.obj === pod && e.ms >= since)
        .map((e) => `+${((e.ms - since) / 1000).toFixed(3)} ${e.type} ${e.reason} ${e.message}`);
    },
    pod(name, ns = 'default') {
      return api.get('Pod', ns, name);
    },
  };
  return t;
}

/** A pod manifest. */
export function podOf(name: string, containers: Record<string, unknown>[], spec: Record<string, unknown> = {}): KObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { containers, ...spec } };
}

/** `phase ready restarts state` of a pod, as a one-line summary for timelines. */
export function summary(pod: KObject): string {
  const cs = (pod.status?.containerStatuses ?? []) as Record<string, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
  const parts = cs.map((c) => {
    const st = c.state ?? {};
    const s = st.running ? 'Running' : st.terminated ? `Terminated(${st.terminated.reason},${st.terminated.exitCode})` : `Waiting(${st.waiting?.reason})`;
    return `${c.name}:${s}:ready=${c.ready}:restarts=${c.restartCount}`;
  });
  return `${pod.status?.phase} ${parts.join(' ')}`;
}
