/**
 * The nodes of the cluster: each one a Node object registered by its kubelet, with its lease in
 * kube-node-lease renewed every 10 s (the NodeLease heartbeat) and a status report every 5 min
 * or on change, and the kubelet that runs the pods bound to it. Also the node-side APIs the
 * rest of the playground needs: container logs (`kubectl logs`), exec into containers, HTTP to a
 * pod's server (networking), and fault injection (node failure, container kill, pull errors).
 */
import type { ClusterParts } from '../cluster';
import { WorkQueue } from '../core/workqueue';
import type { KObject, WatchEvent } from '../api/types/meta';
import { badRequest, isStatusError, notFound, StatusError } from '../api/errors';
import { Kubelet, type Ctr, type NetworkHooks, type PodState } from './kubelet';
import { mustResolve, PRELOADED_CONTROL_PLANE, PRELOADED_WORKER, type PullFault } from './images';
import { MemDir } from './container-env';
import {
  DEFAULT_NODE_SIZE,
  KERNEL,
  NODE_CONDITIONS,
  NODE_EVENTS,
  condition,
  imageList,
  initialNode,
  microTime,
  type NodeShape,
} from './node-status';
import { staticPods } from './static-pods';
import type { ContainerLog, LogLine, LogSink } from './logs';
import type { HttpRequest, HttpResponse } from './servers';

export { logTimestamp, type LogLine, type LogSink } from './logs';
export type { HttpRequest, HttpResponse } from './servers';
export type { PullFault } from './images';
export type { NetworkHooks } from './kubelet';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Obj = Record<string, any>;

export interface NodeSpecInput {
  name: string;
  controlPlane?: boolean;
  /** CPU cores (default 2). */
  cpu?: number;
  /** Memory in KiB (default 4025972, about 3.8 GiB). */
  memoryKi?: number;
  /** Extra labels. */
  labels?: Record<string, string>;
  /** Extra taints registered with (--register-with-taints). */
  taints?: { key: string; value?: string; effect: string }[];
}

export interface LogOptions {
  previous?: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  /** RFC 3339 time. */
  sinceTime?: string;
  limitBytes?: number;
}

export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Seconds between lease renewals (leaseDurationSeconds 40 x 0.25). */
export const LEASE_RENEW_SECONDS = 10;
export const LEASE_DURATION_SECONDS = 40;
/** nodeStatusReportFrequency. */
export const NODE_STATUS_REPORT_SECONDS = 300;
/** nodeStatusUpdateFrequency: how often the kubelet checks whether its status changed. */
export const NODE_STATUS_CHECK_SECONDS = 10;
/** Seconds from registration until the runtime reports ready (Simplification: no CNI wait). */
export const NODE_READY_SECONDS = 4;

interface NodeEntry {
  index: number;
  shape: NodeShape;
  kubelet: Kubelet;
  uid?: string;
  readyAt: number;
  ready: boolean;
  lastReport: number;
  timer?: ReturnType<ClusterParts['clock']['after']>;
  leaseSeq: number;
  statics: KObject[];
  removed: boolean;
}

export class NodeFleet {
  private nodes = new Map<string, NodeEntry>();
  private queue: WorkQueue;
  /** Image pull faults injected by the UI, by repository (`docker.io/library/nginx`) or reference. */
  readonly pullFaults = new Map<string, PullFault>();
  readonly volumeData = new Map<string, MemDir>();
  /** Set by the networking code: what `wget`, `curl`, `nslookup` do inside containers. */
  network?: NetworkHooks;
  /** Called when a container log grows (the UI refreshes open log views). */
  onLog?: (namespace: string, pod: string, container: string) => void;
  private usedIndexes = new Set<number>();

  constructor(private c: ClusterParts) {
    this.queue = new WorkQueue(c.clock);
    c.clock.addSource(this);
    c.api.watch('Pod', (ev) => this.onPod(ev));
    c.api.watch('Node', (ev) => {
      if (ev.type !== 'DELETED') return;
      const e = this.nodes.get(ev.object.metadata.name!);
      if (e && !e.removed) e.uid = undefined;
    });
  }

  // ---- nodes ---------------------------------------------------------------------------------

  /** Registers a node and starts its kubelet. */
  add(spec: NodeSpecInput): void {
    if (this.nodes.has(spec.name) && !this.nodes.get(spec.name)!.removed) return;
    const index = this.indexFor(spec);
    this.usedIndexes.add(index);
    const rng = this.c.rng;
    const shape: NodeShape = {
      name: spec.name,
      ip: nodeIP(index),
      podCIDR: podCIDR(index),
      controlPlane: !!spec.controlPlane,
      cpu: spec.cpu ?? DEFAULT_NODE_SIZE.cpu,
      memoryKi: spec.memoryKi ?? DEFAULT_NODE_SIZE.memoryKi,
      ephemeralKi: DEFAULT_NODE_SIZE.ephemeralKi,
      labels: spec.labels,
      taints: spec.taints,
      machineID: rng.hex(16),
      systemUUID: rng.uuid(),
      bootID: rng.uuid(),
    };
    const kubelet = new Kubelet(
      { name: spec.name, ip: shape.ip, podCIDR: shape.podCIDR, cpu: shape.cpu, memoryBytes: shape.memoryKi * 1024, kernel: KERNEL },
      {
        api: this.c.api,
        clock: this.c.clock,
        rng: this.c.rng,
        recorder: (host) => this.c.recorder({ component: 'kubelet', host }),
        enqueue: (key) => this.queue.add(`${spec.name}\0${key}`),
        pullFaults: this.pullFaults,
        volumeData: this.volumeData,
        get network() {
          return fleet.network;
        },
        onLog: (ns, pod, ctr) => fleet.onLog?.(ns, pod, ctr),
      },
    );
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const fleet = this;
    for (const img of shape.controlPlane ? PRELOADED_CONTROL_PLANE : PRELOADED_WORKER) kubelet.addImage(mustResolve(img));
    kubelet.imagesDirty = false;
    const entry: NodeEntry = { index, shape, kubelet, readyAt: this.c.clock.now() + NODE_READY_SECONDS * 1000, ready: false, lastReport: 0, leaseSeq: 0, statics: [], removed: false };
    this.nodes.set(spec.name, entry);
    this.register(entry);
  }

  private indexFor(spec: NodeSpecInput): number {
    if (spec.controlPlane && !this.usedIndexes.has(0)) return 0;
    const m = /-(\d+)$/.exec(spec.name);
    if (m && !this.usedIndexes.has(Number(m[1])) && Number(m[1]) > 0 && Number(m[1]) < 60000) return Number(m[1]);
    let i = 1;
    while (this.usedIndexes.has(i)) i++;
    return i;
  }

  /** The kubelet's registerWithAPIServer, first status, lease and start-up events. */
  private register(e: NodeEntry): void {
    const api = this.c.api;
    const now = this.c.clock.rfc3339();
    let node: KObject;
    try {
      node = api.create(initialNode(e.shape, now, imageList(e.kubelet.images.values())));
    } catch (err) {
      if (!isStatusError(err) || err.reason !== 'AlreadyExists') throw err;
      node = api.get('Node', undefined, e.shape.name);
    }
    e.uid = node.metadata.uid;
    e.lastReport = this.c.clock.now();
    const ref = this.nodeRef(e);
    const rec = this.recorder(e);
    rec.event(ref, 'Normal', 'Starting', NODE_EVENTS.starting);
    for (const r of ['NodeHasSufficientMemory', 'NodeHasNoDiskPressure', 'NodeHasSufficientPID']) {
      rec.event(ref, 'Normal', r, NODE_EVENTS.statusNow(e.shape.name, r));
    }
    rec.event(ref, 'Normal', 'NodeAllocatableEnforced', NODE_EVENTS.allocatable);
    this.renewLease(e);
    if (e.shape.controlPlane) this.startStaticPods(e);
    for (const p of api.podsOnNode(e.shape.name)) this.queue.add(`${e.shape.name}\0${p.metadata.namespace}/${p.metadata.name}`);
    this.scheduleTick(e);
  }

  private recorder(e: NodeEntry) {
    return this.c.recorder({ component: 'kubelet', host: e.shape.name });
  }

  /** The kubelet's nodeRef: kind Node, the name as UID, no namespace. */
  private nodeRef(e: NodeEntry): KObject {
    return { apiVersion: 'v1', kind: 'Node', metadata: { name: e.shape.name, uid: e.shape.name } };
  }

  private scheduleTick(e: NodeEntry): void {
    const clock = this.c.clock;
    const next = Math.min(clock.now() + LEASE_RENEW_SECONDS * 1000, e.ready ? Infinity : e.readyAt);
    e.timer = clock.at(next, () => this.tick(e), 'node-heartbeat');
  }

  private tick(e: NodeEntry): void {
    e.timer = undefined;
    if (e.removed || e.kubelet.failed) return;
    const now = this.c.clock.now();
    if (!e.ready && now >= e.readyAt) {
      e.ready = true;
      this.postStatus(e, true);
    } else if (now - (this.leaseTimes.get(e.shape.name) ?? 0) >= LEASE_RENEW_SECONDS * 1000 - 1) {
      this.renewLease(e);
      if (e.kubelet.imagesDirty || now - e.lastReport >= NODE_STATUS_REPORT_SECONDS * 1000) this.postStatus(e, false);
    }
    this.scheduleTick(e);
  }

  private leaseTimes = new Map<string, number>();

  private renewLease(e: NodeEntry): void {
    const api = this.c.api;
    const clock = this.c.clock;
    const name = e.shape.name;
    this.leaseTimes.set(name, clock.now());
    const renewTime = microTime(clock.now(), (e.leaseSeq++ * 7919) % 1000);
    try {
      const lease = api.find('Lease', 'kube-node-lease', name);
      if (!lease) {
        api.create({
          apiVersion: 'coordination.k8s.io/v1',
          kind: 'Lease',
          metadata: {
            name,
            namespace: 'kube-node-lease',
            ownerReferences: e.uid ? [{ apiVersion: 'v1', kind: 'Node', name, uid: e.uid }] : undefined,
          },
          spec: { holderIdentity: name, leaseDurationSeconds: LEASE_DURATION_SECONDS, renewTime },
        });
      } else {
        api.update({ ...lease, spec: { ...lease.spec, renewTime } });
      }
    } catch (err) {
      // No kube-node-lease namespace (a bare test cluster) or a race with GC: retried next tick.
      if (!isStatusError(err)) throw err;
    }
  }

  /** Posts node status: heartbeat times, Ready transitions (with NodeReady events), images. */
  private postStatus(e: NodeEntry, readyChange: boolean): void {
    const api = this.c.api;
    const node = api.find('Node', undefined, e.shape.name);
    if (!node || node.metadata.uid !== e.uid) return;
    const now = this.c.clock.rfc3339();
    const old: Obj[] = node.status?.conditions ?? [];
    const want = [NODE_CONDITIONS.memory, NODE_CONDITIONS.disk, NODE_CONDITIONS.pid, e.ready ? NODE_CONDITIONS.ready : NODE_CONDITIONS.notReady];
    const conditions = want.map((w) => {
      const prev = old.find((c) => c.type === w.type);
      const changed = !prev || prev.status !== w.status;
      return condition(w, now, changed ? now : prev.lastTransitionTime);
    });
    for (const c of old) if (!want.some((w) => w.type === c.type)) conditions.push(c);
    const prevReady = old.find((c) => c.type === 'Ready');
    const status = { ...node.status, conditions, images: imageList(e.kubelet.images.values()) };
    e.kubelet.imagesDirty = false;
    e.lastReport = this.c.clock.now();
    try {
      api.updateStatus({ ...node, status });
    } catch (err) {
      if (!isStatusError(err)) throw err;
      return;
    }
    if (e.ready && (readyChange || prevReady?.status !== 'True')) {
      this.recorder(e).event(this.nodeRef(e), 'Normal', 'NodeReady', NODE_EVENTS.statusNow(e.shape.name, 'NodeReady'));
    }
  }

  /** Stops the node's kubelet: no heartbeats, lease renewals or status writes; pods keep their last status. */
  fail(name: string): void {
    const e = this.mustNode(name);
    e.kubelet.failed = true;
    this.c.clock.cancel(e.timer);
    e.timer = undefined;
  }

  /** Brings a failed node's kubelet back: lease, status and every pod are re-posted. */
  recover(name: string): void {
    const e = this.mustNode(name);
    if (!e.kubelet.failed) return;
    e.kubelet.failed = false;
    // A kubelet coming back starts over: the same start-up events as at registration.
    const ref = this.nodeRef(e);
    const rec = this.recorder(e);
    rec.event(ref, 'Normal', 'Starting', NODE_EVENTS.starting);
    for (const r of ['NodeHasSufficientMemory', 'NodeHasNoDiskPressure', 'NodeHasSufficientPID']) rec.event(ref, 'Normal', r, NODE_EVENTS.statusNow(e.shape.name, r));
    rec.event(ref, 'Normal', 'NodeAllocatableEnforced', NODE_EVENTS.allocatable);
    this.renewLease(e);
    this.postStatus(e, false);
    e.kubelet.resyncAll();
    this.scheduleTick(e);
  }

  /** Removes a node: its kubelet stops and the Node object is deleted. */
  remove(name: string): void {
    const e = this.mustNode(name);
    e.removed = true;
    this.c.clock.cancel(e.timer);
    e.kubelet.stop();
    this.usedIndexes.delete(e.index);
    this.nodes.delete(name);
    try {
      this.c.api.delete('Node', undefined, name);
    } catch (err) {
      if (!isStatusError(err)) throw err;
    }
  }

  /** Names of the nodes the fleet runs, in registration order. */
  names(): string[] {
    return [...this.nodes.keys()];
  }

  isFailed(name: string): boolean {
    return this.nodes.get(name)?.kubelet.failed ?? false;
  }

  /** InternalIP, podCIDR and state of a node. */
  info(name: string): { ip: string; podCIDR: string; failed: boolean; controlPlane: boolean } | undefined {
    const e = this.nodes.get(name);
    return e && { ip: e.shape.ip, podCIDR: e.shape.podCIDR, failed: e.kubelet.failed, controlPlane: e.shape.controlPlane };
  }

  private mustNode(name: string): NodeEntry {
    const e = this.nodes.get(name);
    if (!e) throw notFound('nodes', name);
    return e;
  }

  // ---- the pod worker queue ------------------------------------------------------------------

  private onPod(ev: WatchEvent): void {
    const key = `${ev.object.metadata.namespace}/${ev.object.metadata.name}`;
    const node = (ev.object.spec?.nodeName ?? ev.old?.spec?.nodeName) as string | undefined;
    if (node && this.nodes.has(node)) {
      // The kubelet's own status writes need no sync.
      const st = ev.type === 'MODIFIED' ? this.nodes.get(node)!.kubelet.pods.get(key) : undefined;
      if (st && (st.writing || st.writtenRv === ev.object.metadata.resourceVersion)) return;
      this.queue.add(`${node}\0${key}`);
    }
    if (ev.type === 'DELETED' && ev.object.metadata.annotations?.['kubernetes.io/config.mirror'] && node) {
      const e = this.nodes.get(node);
      if (e && !e.removed) this.c.clock.after(1, () => this.recreateMirror(e, ev.object.metadata.name!), 'mirror-pod');
    }
  }

  /** WorkSource: one pod sync per call. */
  drain(): boolean {
    const item = this.queue.next();
    if (item === undefined) return false;
    const i = item.indexOf('\0');
    const node = item.slice(0, i);
    const key = item.slice(i + 1);
    const e = this.nodes.get(node);
    if (!e || e.kubelet.failed) return true;
    try {
      e.kubelet.syncKey(key);
    } catch (err) {
      const msg = `kubelet ${node} ${key}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`;
      if (this.c.internalErrors.length < 100) this.c.internalErrors.push(msg);
    }
    return true;
  }

  // ---- static pods ---------------------------------------------------------------------------

  private startStaticPods(e: NodeEntry): void {
    // config.seen is time.Time.Format(RFC3339Nano) of when the manifest was read.
    const seen = new Date(this.c.clock.now()).toISOString().replace(/\.(\d{3})Z$/, '.$1482913Z');
    e.statics = staticPods({ name: e.shape.name, ip: e.shape.ip, uid: e.uid ?? '' }, seen);
    for (const p of e.statics) this.createMirror(p);
  }

  private createMirror(p: KObject): void {
    try {
      this.c.api.create(p);
    } catch (err) {
      if (!isStatusError(err)) throw err;
    }
  }

  private recreateMirror(e: NodeEntry, name: string): void {
    if (e.kubelet.failed || e.removed) return;
    const p = e.statics.find((s) => s.metadata.name === name);
    if (p && !this.c.api.find('Pod', 'kube-system', name)) this.createMirror(p);
  }

  // ---- runtime queries -----------------------------------------------------------------------

  private locate(namespace: string, name: string): { pod: KObject; e: NodeEntry; st?: PodState } {
    const pod = this.c.api.get('Pod', namespace, name);
    const node = pod.spec?.nodeName as string | undefined;
    if (!node) throw badRequest(`pod ${name} does not have a host assigned`);
    const e = this.nodes.get(node);
    if (!e) throw new StatusError(500, 'InternalError', `nodes "${node}" not found`);
    return { pod, e, st: e.kubelet.pods.get(`${namespace}/${name}`) };
  }

  private unreachable(e: NodeEntry, path: string): StatusError {
    return new StatusError(500, 'InternalError', `Get "https://${e.shape.ip}:10250/${path}": dial tcp ${e.shape.ip}:10250: connect: no route to host`);
  }

  /** The container named (or the only one), as the pod log REST validates it. */
  private pickContainer(pod: KObject, container: string | undefined): string {
    const names = ((pod.spec?.containers ?? []) as Obj[]).map((c) => c.name as string);
    const inits = ((pod.spec?.initContainers ?? []) as Obj[]).map((c) => c.name as string);
    if (!container) {
      if (names.length === 1) return names[0];
      let msg = `a container name must be specified for pod ${pod.metadata.name}, choose one of: [${names.join(' ')}]`;
      if (inits.length) msg += ` or one of the init containers: [${inits.join(' ')}]`;
      throw badRequest(msg);
    }
    if (!names.includes(container) && !inits.includes(container)) throw badRequest(`container ${container} is not valid for pod ${pod.metadata.name}`);
    return container;
  }

  /** validateContainerLogStatus: which container instance's log to read. */
  private logOf(pod: KObject, st: PodState | undefined, container: string, previous: boolean): ContainerLog {
    const statuses: Obj[] = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])];
    const cs = statuses.find((s) => s.name === container);
    const podName = pod.metadata.name;
    if (!cs) throw badRequest(`container "${container}" in pod "${podName}" is waiting to start: ContainerCreating`);
    const state = cs.state ?? {};
    const last = cs.lastState ?? {};
    let id: string | undefined;
    if (previous) {
      if (!last.terminated?.containerID) throw badRequest(`previous terminated container "${container}" in pod "${podName}" not found`);
      id = last.terminated.containerID;
    } else if (state.running) id = cs.containerID;
    else if (state.terminated) {
      id = state.terminated.containerID || last.terminated?.containerID;
      if (!id) throw badRequest(`container "${container}" in pod "${podName}" is terminated`);
    } else if (last.terminated) {
      id = last.terminated.containerID;
      if (!id) throw badRequest(`container "${container}" in pod "${podName}" is terminated`);
    } else if (state.waiting) {
      const reason = state.waiting.reason;
      if (reason === 'ErrImagePull') throw badRequest(`container "${container}" in pod "${podName}" is waiting to start: image can't be pulled`);
      if (reason === 'ImagePullBackOff') throw badRequest(`container "${container}" in pod "${podName}" is waiting to start: trying and failing to pull image`);
      throw badRequest(`container "${container}" in pod "${podName}" is waiting to start: ${reason}`);
    } else {
      throw badRequest(`container "${container}" in pod "${podName}" is waiting to start - no logs yet`);
    }
    const c = st?.ctrs.get(container);
    const bare = String(id ?? '').replace(/^containerd:\/\//, '');
    const log = c && (c.id === bare ? c.log : c.prevLog && c.last?.id === bare ? c.prevLog : c.log);
    if (!log) throw new StatusError(500, 'InternalError', `failed to try resolving symlinks in path "/var/log/pods/${pod.metadata.namespace}_${podName}_${pod.metadata.uid}/${container}/${cs.restartCount ?? 0}.log": lstat /var/log/pods: no such file or directory`);
    return log;
  }

  private sinceMs(opts: LogOptions): number | undefined {
    if (opts.sinceSeconds !== undefined) return this.c.clock.now() - opts.sinceSeconds * 1000;
    if (opts.sinceTime) return Date.parse(opts.sinceTime);
    return undefined;
  }

  /**
   * `kubectl logs`: the lines of a container (the current instance, or the previous one with
   * `previous`). Throws StatusError with the apiserver's / kubelet's messages.
   */
  logs(namespace: string, pod: string, container: string | undefined, opts: LogOptions = {}): LogLine[] {
    const { pod: p, e, st } = this.locate(namespace, pod);
    const name = this.pickContainer(p, container);
    if (e.kubelet.failed) throw this.unreachable(e, `containerLogs/${namespace}/${pod}/${name}`);
    const log = this.logOf(p, st, name, !!opts.previous);
    return log.read({ tailLines: opts.tailLines, sinceMs: this.sinceMs(opts), limitBytes: opts.limitBytes });
  }

  /**
   * `kubectl logs -f`: delivers the selected existing lines, then new ones as they are written,
   * and calls `sink.end()` when the container exits. Returns a function that stops following.
   */
  followLogs(namespace: string, pod: string, container: string | undefined, opts: LogOptions, sink: LogSink): () => void {
    const { pod: p, e, st } = this.locate(namespace, pod);
    const name = this.pickContainer(p, container);
    if (e.kubelet.failed) throw this.unreachable(e, `containerLogs/${namespace}/${pod}/${name}`);
    const log = this.logOf(p, st, name, !!opts.previous);
    for (const l of log.read({ tailLines: opts.tailLines, sinceMs: this.sinceMs(opts), limitBytes: opts.limitBytes })) sink.line(l);
    return log.follow(sink);
  }

  /** Appends a line to a container's log (networking: nginx access lines written elsewhere). */
  appendLog(namespace: string, pod: string, container: string | undefined, text: string, stream: 'stdout' | 'stderr' = 'stdout'): void {
    const { st } = this.locate(namespace, pod);
    const c = this.ctrOf(st, container);
    c?.log?.writeLines(this.c.clock.now(), stream, [text]);
  }

  private ctrOf(st: PodState | undefined, container: string | undefined): Ctr | undefined {
    if (!st) return undefined;
    if (container) return st.ctrs.get(container);
    return [...st.ctrs.values()].find((c) => !c.init);
  }

  /**
   * `kubectl exec`: runs argv in a container (the first one by default). kubectl prints
   * `command terminated with exit code N` for a non-zero exitCode. Errors kubectl prints as
   * `error: ...` are thrown as Error; apiserver errors as StatusError.
   */
  exec(namespace: string, pod: string, container: string | undefined, argv: string[], stdin = ''): ExecResult {
    const { pod: p, e, st } = this.locate(namespace, pod);
    const phase = p.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') throw new Error(`cannot exec into a container in a completed pod; current phase is ${phase}`);
    const names = ((p.spec?.containers ?? []) as Obj[]).map((c) => c.name as string);
    const name = container ?? names[0];
    const all = [...names, ...((p.spec?.initContainers ?? []) as Obj[]).map((c) => c.name as string)];
    if (!all.includes(name)) throw badRequest(`container ${name} is not valid for pod ${pod}`);
    if (e.kubelet.failed) throw new StatusError(500, 'InternalError', `error dialing backend: dial tcp ${e.shape.ip}:10250: connect: no route to host`);
    const c = st?.ctrs.get(name);
    if (!st || !c || c.state !== 'running') throw new Error(`unable to upgrade connection: container not found ("${name}")`);
    const r = e.kubelet.execIn(st, c, argv, stdin);
    return { stdout: r.out, stderr: r.err, exitCode: r.code };
  }

  /** A file of a running container (`kubectl exec ... cat`, `kubectl cp`), or undefined. */
  readFile(namespace: string, pod: string, container: string | undefined, path: string): string | undefined {
    const { st } = this.locate(namespace, pod);
    const c = this.ctrOf(st, container);
    const e = st && this.nodes.get(st.pod.spec?.nodeName);
    return c && e ? e.kubelet.fsOf(c)?.read(path) : undefined;
  }

  /** The environment of a running container, as `env` prints it. */
  containerEnv(namespace: string, pod: string, container?: string): Record<string, string> | undefined {
    const { st } = this.locate(namespace, pod);
    const c = this.ctrOf(st, container);
    return c && c.state === 'running' ? Object.fromEntries(c.env) : undefined;
  }

  /** Fault injection: the container's main process dies (exit 137, or OOMKilled). */
  kill(namespace: string, pod: string, container?: string, opts: { oom?: boolean; exitCode?: number } = {}): boolean {
    const { e, st } = this.locate(namespace, pod);
    const c = this.ctrOf(st, container);
    if (!st || !c) return false;
    return e.kubelet.killProcess(st, c, opts.oom ? 137 : (opts.exitCode ?? 137), opts.oom ? 'OOMKilled' : 'Error');
  }

  /** Fault injection: pulls of `image` (a reference or repository) fail with `fault`; null clears it. */
  injectImagePullFailure(image: string, fault: PullFault | null): void {
    let key = image;
    try {
      key = mustResolveKey(image);
    } catch {
      // Not in the catalogue: keep the text as given (it fails anyway).
    }
    if (fault) this.pullFaults.set(key, fault);
    else this.pullFaults.delete(key);
  }

  /** Fault injection for probes: make a container's readiness or liveness fail (undefined = normal). */
  setHealth(namespace: string, pod: string, container: string | undefined, health: { ready?: boolean; live?: boolean } | undefined): void {
    const { st } = this.locate(namespace, pod);
    const c = this.ctrOf(st, container);
    if (c) c.healthOverride = health;
  }

  /** The pod (namespace/name and node) that has an IP, if any. */
  podByIP(ip: string): { namespace: string; name: string; node: string } | undefined {
    // The pod CIDR tells the node: 10.(244 + i / 256).(i % 256).x belongs to node index i.
    const m = /^10\.(\d+)\.(\d+)\.\d+$/.exec(ip);
    if (!m) return undefined;
    const index = (Number(m[1]) - 244) * 256 + Number(m[2]);
    for (const e of this.nodes.values()) {
      if (e.index !== index) continue;
      for (const st of e.kubelet.pods.values()) {
        if (st.sandbox?.ip === ip && st.pod.spec?.hostNetwork !== true && !st.terminated) {
          return { namespace: st.pod.metadata.namespace!, name: st.pod.metadata.name!, node: e.shape.name };
        }
      }
    }
    return undefined;
  }

  /** Whether some container of a pod accepts TCP connections on `port` now. */
  listening(namespace: string, pod: string, port: number): boolean {
    const { e, st } = this.locate(namespace, pod);
    if (!st || e.kubelet.failed) return false;
    return [...st.ctrs.values()].some((c) => e.kubelet.listening(c, port));
  }

  /**
   * An HTTP request reaching a pod on `port` (from a Service, curl in another pod ...). Writes the
   * server's access-log line. `{ error }` carries the client-side error text.
   */
  http(namespace: string, pod: string, port: number, req: Omit<HttpRequest, 'port'>): HttpResponse | { error: string } {
    const { e, st } = this.locate(namespace, pod);
    const ip = st?.sandbox?.ip ?? '';
    if (!st || e.kubelet.failed) return { error: `dial tcp ${ip}:${port}: connect: no route to host` };
    const c = [...st.ctrs.values()].find((x) => e.kubelet.listening(x, port));
    if (!c) return { error: `dial tcp ${ip}:${port}: connect: connection refused` };
    const r = e.kubelet.serveHttp(st, c, { ...req, port });
    return r ?? { error: `read tcp ${req.clientIP}:${req.clientPort ?? 43210}->${ip}:${port}: read: connection reset by peer` };
  }
}

/** 172.18.0.2 for index 0 (the control plane), 172.18.0.(2+i) for node-i, then the next /24s. */
export function nodeIP(index: number): string {
  const n = index + 2;
  return `172.18.${Math.floor(n / 256)}.${n % 256}`;
}

/**
 * 10.244.i.0/24 for node i (the node-ipam-controller's allocation from 10.244.0.0/16).
 * Simplification: past 256 nodes the /16 is full; we continue in 10.245.0.0/16 and up so that
 * benchmark clusters of 1,000 nodes still get pod addresses.
 */
export function podCIDR(index: number): string {
  return `10.${244 + Math.floor(index / 256)}.${index % 256}.0/24`;
}

function mustResolveKey(image: string): string {
  return mustResolve(image.includes(':') || image.includes('@') ? image : `${image}:latest`).info.repo;
}
