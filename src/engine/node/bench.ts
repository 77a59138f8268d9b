/**
 * `npm run bench`: the performance figures of CONTRACT.md section 5, measured under Node on
 * clusters the engine builds itself (createCluster with 1,000 worker nodes), through the real
 * code paths: apiserver, store, watch, scheduler, controllers, kubelets, kubectl.
 *
 *   schedulePodsPerSec  10,000 pending pods scheduled on 1,000 nodes, per wall second
 *   pods10kRunningMs    wall ms from creating a 10,000-replica Deployment until all pods Running
 *   getPodsAll10kMs     wall ms of `kubectl get pods -A` with 10,000 pods, output included
 *   rollout10kMs        wall ms of `kubectl set image` until the rollout completes
 *   heapMB10k           heap used with those 10,000 pods, MiB
 *
 * `--json` prints one JSON object as the last line; otherwise a table. `--nodes N` and
 * `--pods N` scale the run down for a quick look.
 */
import { performance } from 'node:perf_hooks';
import { spawnSync } from 'node:child_process';
import { createCluster, type Cluster } from '../cluster';
import type { KObject } from '../api/types/meta';
import type { FileSystem, ProcessContext } from '../shell/process';
import { isLongRunning } from '../shell/process';
import { kubectl } from '../kubectl/kubectl';

declare const gc: (() => void) | undefined;

interface Args {
  json: boolean;
  /** `schedule` or `cluster`: run one part only (profiling). */
  only?: string;
  /** Wall seconds the cluster part (run in a child process) may take before it is stopped. */
  clusterTimeout: number;
  nodes: number;
  pods: number;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { json: false, nodes: 1000, pods: 10_000, clusterTimeout: 300 };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--json') a.json = true;
    else if (argv[i] === '--nodes') a.nodes = Number(argv[++i]);
    else if (argv[i] === '--pods') a.pods = Number(argv[++i]);
    else if (argv[i] === '--only') a.only = argv[++i];
    else if (argv[i] === '--cluster-timeout') a.clusterTimeout = Number(argv[++i]);
  }
  return a;
}

const notes: string[] = [];
const log = (msg: string): void => {
  process.stderr.write(`bench: ${msg}\n`);
};

function memFS(): FileSystem {
  const files = new Map<string, string>();
  return {
    read: (p) => files.get(p),
    write: (p, c) => void files.set(p, c),
    remove: (p) => files.delete(p),
    isDir: () => false,
    list: () => [],
    resolve: (p) => p,
  };
}

/** Runs kubectl like the shell does (script mode); returns exit code and output. */
function runKubectl(cluster: Cluster, args: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const ctx: ProcessContext = {
    cluster,
    out: { write: (t) => void (out += t) },
    err: { write: (t) => void (err += t) },
    fs: memFS(),
    env: {},
    mode: 'script',
    tty: false,
    columns: 200,
  };
  let r = kubectl(args, ctx);
  if (isLongRunning(r)) {
    const lr = r;
    let code: number | undefined;
    while ((code = lr.poll()) === undefined) cluster.advance(1);
    r = code;
  }
  return { code: r, out, err };
}

function gcNow(): void {
  if (typeof gc === 'function') {
    gc();
    gc();
  }
}

/**
 * A cluster with `n` worker nodes. If the engine cannot build that many (a NodeFleet limit), the
 * scheduling run falls back to Node objects created directly, the cluster run to the largest
 * fleet it can build; both are noted in the output.
 */
function buildCluster(nodes: number, purpose: 'schedule' | 'cluster'): Cluster {
  const t0 = performance.now();
  let c: Cluster;
  try {
    c = createCluster({ nodes, seed: 1 });
  } catch (e) {
    const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
    if (purpose === 'cluster') {
      notes.push(`createCluster({ nodes: ${nodes} }) failed (${msg}): the cluster run used 254 worker nodes`);
      c = createCluster({ nodes: 254, seed: 1 });
    } else {
      notes.push(`createCluster({ nodes: ${nodes} }) failed (${msg}): the scheduling run created the Node objects directly, without kubelets`);
      c = createCluster({ nodes: 0, seed: 1 });
    }
  }
  const have = c.api.store.count('Node');
  if (purpose === 'schedule' && have < nodes + 1) {
    for (let i = 0; i <= nodes; i++) {
      const name = i === 0 ? 'control-plane' : `node-${i}`;
      if (c.api.store.get('Node', name)) continue;
      const capacity = { cpu: '8', memory: '32Gi', pods: '110', 'ephemeral-storage': '100Gi' };
      c.api.create({
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64' } },
        spec: i === 0 ? { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] } : {},
        status: { capacity, allocatable: capacity },
      });
    }
  }
  log(`${purpose}: cluster with ${c.api.store.count('Node')} nodes built in ${Math.round(performance.now() - t0)} ms`);
  return c;
}

function bareBench(n: number, i: number): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `bench-${String(i).padStart(5, '0')}`, namespace: 'default', labels: { app: 'bench' } },
    spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', resources: { requests: { cpu: '10m', memory: '16Mi' } } }] },
  };
}

/** schedulePodsPerSec: pending pods created with the scheduler paused, then drained and timed. */
function benchScheduling(a: Args): number {
  const c = buildCluster(a.nodes, 'schedule');
  c.scheduler.setPaused(true);
  for (let i = 0; i < a.pods; i++) c.api.create(bareBench(a.pods, i));
  c.scheduler.setPaused(false);
  const before = c.scheduler.decisions;
  gcNow();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  while (c.scheduler.scheduleOne()) {
    /* each call is one scheduling decision, bound through the apiserver */
  }
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  log(`scheduling used ${Math.round((cpu.user + cpu.system) / 1000)} ms of CPU`);
  const decisions = c.scheduler.decisions - before;
  const bound = c.api.store.list('Pod', 'default').filter((p) => p.spec?.nodeName).length;
  log(`${decisions} decisions, ${bound} pods bound in ${Math.round(ms)} ms`);
  if (bound < a.pods) notes.push(`only ${bound} of ${a.pods} pods were bound in the scheduling run`);
  return Math.round((decisions / ms) * 1000);
}

function runningCount(c: Cluster, ns: string): number {
  let n = 0;
  for (const p of c.api.store.list('Pod', ns)) if (p.status?.phase === 'Running' && !p.metadata.deletionTimestamp) n++;
  return n;
}

function deploymentDone(c: Cluster, name: string, replicas: number): boolean {
  const d = c.api.store.get('Deployment', `default/${name}`);
  if (!d) return false;
  const s = d.status ?? {};
  return (
    (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 1) &&
    s.updatedReplicas === replicas &&
    s.availableReplicas === replicas &&
    (s.replicas ?? 0) === replicas
  );
}

interface Figures {
  schedulePodsPerSec: number;
  pods10kRunningMs: number | null;
  getPodsAll10kMs: number | null;
  rollout10kMs: number | null;
  heapMB10k: number;
  eventsPerSec?: number;
  simulatedSecondsTo10kRunning?: number;
  [k: string]: unknown;
}

function benchCluster(a: Args, f: Figures): void {
  const c = buildCluster(a.nodes, 'cluster');
  const useDeployment = !!c.manager.queueOf('deployment-controller');
  const evBefore = c.api.store.count('Event');
  const simStart = c.clock.now();
  const t0 = performance.now();
  if (useDeployment) {
    c.api.create({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
      spec: {
        replicas: a.pods,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'nginx', image: 'nginx:1.26', resources: { requests: { cpu: '10m', memory: '16Mi' } } }] },
        },
      },
    });
  } else {
    notes.push('no Deployment controller: the 10,000 pods were created directly');
    for (let i = 0; i < a.pods; i++) c.api.create(bareBench(a.pods, i));
  }
  const wallLimitMs = 300_000;
  let running = 0;
  let simSeconds = 0;
  while (simSeconds < 600 && performance.now() - t0 < wallLimitMs) {
    c.advance(1);
    simSeconds++;
    running = runningCount(c, 'default');
    if (running >= a.pods) break;
  }
  const ms = performance.now() - t0;
  f.eventsPerSec = Math.round(((c.api.store.count('Event') - evBefore) / ms) * 1000);
  if (running >= a.pods) {
    f.pods10kRunningMs = Math.round(ms);
    f.simulatedSecondsTo10kRunning = Math.round((c.clock.now() - simStart) / 1000);
  } else {
    f.pods10kRunningMs = null;
    const bound = c.api.store.list('Pod', 'default').filter((p) => p.spec?.nodeName).length;
    notes.push(`pods never all Running: ${running} Running, ${bound} bound after ${simSeconds} simulated s (kubelets missing?)`);
  }
  log(`${running} pods Running after ${Math.round(ms)} ms wall, ${simSeconds} simulated s`);

  // kubectl get pods -A
  const probe = runKubectl(c, ['get', 'pods', '-A']);
  if (probe.code === 0 && probe.out.startsWith('NAMESPACE')) {
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      const r = runKubectl(c, ['get', 'pods', '-A']);
      times.push(performance.now() - t);
      if (i === 0) log(`get pods -A printed ${r.out.split('\n').length - 1} lines`);
    }
    f.getPodsAll10kMs = Math.round(Math.min(...times));
  } else {
    f.getPodsAll10kMs = null;
    notes.push(`kubectl get pods -A not available yet (exit ${probe.code}: ${probe.err.trim().split('\n')[0]})`);
  }

  gcNow();
  f.heapMB10k = Math.round(process.memoryUsage().heapUsed / 1024 / 1024);
  f.heapPods = c.api.store.count('Pod');
  f.heapEvents = c.api.store.count('Event');

  // Rollout.
  if (useDeployment && running >= a.pods) {
    const t1 = performance.now();
    const r = runKubectl(c, ['set', 'image', 'deployment/web', 'nginx=nginx:1.27']);
    let via = 'kubectl set image';
    if (r.code !== 0) {
      via = 'a direct update of the Deployment';
      notes.push(`kubectl set image not available yet (exit ${r.code}: ${r.err.trim().split('\n')[0]}): the image was changed by updating the Deployment directly`);
      const d = structuredClone(c.api.store.get('Deployment', 'default/web')!);
      d.spec.template.spec.containers[0].image = 'nginx:1.27';
      c.api.update(d);
    }
    let sim = 0;
    while (sim < 1800 && performance.now() - t1 < wallLimitMs && !deploymentDone(c, 'web', a.pods)) {
      c.advance(1);
      sim++;
    }
    if (deploymentDone(c, 'web', a.pods)) {
      f.rollout10kMs = Math.round(performance.now() - t1);
      f.rolloutSimulatedSeconds = sim;
      log(`rollout via ${via} done in ${f.rollout10kMs} ms wall, ${sim} simulated s`);
    } else {
      f.rollout10kMs = null;
      notes.push(`rollout did not complete within ${sim} simulated s`);
    }
  } else {
    f.rollout10kMs = null;
    if (!useDeployment || running < a.pods) notes.push('rollout not measured: needs a Deployment whose pods all ran');
  }
  if (c.internalErrors.length > 0) notes.push(`internal errors: ${c.internalErrors.length}, first: ${c.internalErrors[0].split('\n')[0]}`);
}

/**
 * Runs the cluster part in a child process with a wall-clock limit, so that a slow controller
 * cannot hang the benchmark; its figures and notes are merged into `f`.
 */
function clusterInChild(a: Args, f: Figures): void {
  const args = [...process.execArgv, process.argv[1], '--only', 'cluster', '--json', '--nodes', String(a.nodes), '--pods', String(a.pods)];
  const r = spawnSync(process.execPath, args, { timeout: a.clusterTimeout * 1000, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  process.stderr.write(r.stderr ?? '');
  const last = (r.stdout ?? '').trim().split('\n').pop() ?? '';
  if (r.error || r.status !== 0 || !last.startsWith('{')) {
    notes.push(
      r.error && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT'
        ? `the cluster run (Deployment, get pods -A, rollout) did not finish within ${a.clusterTimeout} s of wall time and was stopped`
        : `the cluster run failed (exit ${r.status}): ${(r.stderr ?? '').trim().split('\n').slice(-1)[0] ?? ''}`,
    );
    return;
  }
  const child = JSON.parse(last) as Figures & { notes?: string[] };
  for (const [k, v] of Object.entries(child)) {
    if (k === 'notes' || k === 'schedulePodsPerSec' || k === 'nodes' || k === 'pods') continue;
    f[k] = v;
  }
  for (const n of child.notes ?? []) if (!notes.includes(n)) notes.push(n);
}

function main(): void {
  const a = parseArgs(process.argv.slice(2));
  const f: Figures = { schedulePodsPerSec: 0, pods10kRunningMs: null, getPodsAll10kMs: null, rollout10kMs: null, heapMB10k: 0 };
  if (a.only !== 'cluster') f.schedulePodsPerSec = benchScheduling(a);
  gcNow();
  if (a.only === 'cluster') benchCluster(a, f);
  else if (a.only !== 'schedule') clusterInChild(a, f);
  f.nodes = a.nodes;
  f.pods = a.pods;
  f.notes = notes;
  if (a.json) {
    process.stdout.write(`${JSON.stringify(f)}\n`);
    return;
  }
  const row = (k: string, v: unknown, target: string): string => `${k.padEnd(22)}${String(v ?? 'n/a').padStart(10)}   ${target}`;
  const lines = [
    `KubePlay benchmark: ${a.pods} pods on ${a.nodes} nodes`,
    '',
    `${'figure'.padEnd(22)}${'value'.padStart(10)}   target`,
    row('schedulePodsPerSec', f.schedulePodsPerSec, '>= 20000'),
    row('pods10kRunningMs', f.pods10kRunningMs, '< 5000'),
    row('getPodsAll10kMs', f.getPodsAll10kMs, '< 100'),
    row('rollout10kMs', f.rollout10kMs, '< 10000'),
    row('heapMB10k', f.heapMB10k, '< 400'),
    row('eventsPerSec', f.eventsPerSec, ''),
    row('simulatedSecondsTo10kRunning', f.simulatedSecondsTo10kRunning, ''),
  ];
  if (notes.length) lines.push('', 'notes:', ...notes.map((n) => `- ${n}`));
  process.stdout.write(`${lines.join('\n')}\n`);
}

main();
