/**
 * The ReplicaSet controller (pkg/controller/replicaset/replica_set.go): keeps `spec.replicas`
 * active pods matching the selector. It adopts matching orphans and releases owned pods whose
 * labels stop matching (claimPods), creates missing pods in slow-start batches of 1, 2, 4 ...
 * capped at burstReplicas (500) per sync, deletes surplus pods in ActivePodsWithRanks order
 * (ranked against the pods of sibling ReplicaSets of the same Deployment on the same node), and
 * writes status (replicas, fullyLabeledReplicas, readyReplicas, availableReplicas with
 * minReadySeconds, observedGeneration, the ReplicaFailure condition).
 *
 * Simplification: no ControllerExpectations. Upstream needs them because its informer cache
 * lags behind its own writes; here every sync reads the store, which already holds the pods the
 * previous sync created or deleted, so a sync can never double-create.
 */
import type { ClusterParts } from '../cluster';
import type { EventRecorder } from '../api/events';
import { isStatusError } from '../api/errors';
import { jsonEqual } from '../api/json-equal';
import { fromLabelSelector, matches, type Selector } from '../api/selectors';
import { controllerRef, keyOf, makeKey, type KObject, type WatchEvent } from '../api/types/meta';
import { after, done, on, retry, selfKey, type Controller, type Result, type Trigger } from './manager';
import { claimObjects } from './util/ref-manager';
import { isPodActive, isPodAvailable, isPodReady, podFromTemplate, podReadyTime, rankedForDeletion, slowStartBatch } from './util/pods';

/** Upstream's burstReplicas: at most this many creations or deletions per sync. */
export const BURST_REPLICAS = 500;

/**
 * Simplification: kube-controller-manager's API client is rate-limited (--kube-api-qps 20,
 * burst 30), which is what paces a very large scale-up in a real cluster. Instead of modelling
 * the client, a ReplicaSet that still lacks pods after a full burst of BURST_REPLICAS waits this
 * long before the next burst (2,000 pods per simulated second; a real controller-manager at its
 * default QPS is slower still). Without it, `--replicas=2000000` would create every pod without
 * simulated time passing and freeze the session.
 */
export const BURST_INTERVAL_SECONDS = 0.25;

export const REASON_SUCCESSFUL_CREATE = 'SuccessfulCreate';
export const REASON_FAILED_CREATE = 'FailedCreate';
export const REASON_SUCCESSFUL_DELETE = 'SuccessfulDelete';
export const REASON_FAILED_DELETE = 'FailedDelete';

/** An index of pods without a controller, per namespace, kept from the pod watch. */
export class OrphanPods {
  private byNs = new Map<string, Set<string>>();

  observe(ev: WatchEvent): void {
    const pod = ev.object;
    const ns = pod.metadata.namespace!;
    const key = keyOf(pod);
    let set = this.byNs.get(ns);
    if (ev.type !== 'DELETED' && !controllerRef(pod)) {
      if (!set) this.byNs.set(ns, (set = new Set()));
      set.add(key);
    } else set?.delete(key);
  }

  keys(ns: string): Iterable<string> {
    return this.byNs.get(ns) ?? [];
  }
}

function sameNumbers(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return jsonEqual(a, b);
}

/** What status counts: claimed pods, fully labeled, ready, available (minReadySeconds). */
interface Counts {
  replicas: number;
  fullyLabeled: number;
  ready: number;
  available: number;
  /** When the next ready pod becomes available (minReadySeconds), in ms, or Infinity. */
  nextAvailableAt: number;
}

/**
 * A ReplicaSet's claimed pods as the last sync counted them, kept up to date from pod watch
 * events: a sync recounts only the pods written since (a 10,000-pod ReplicaSet is synced after
 * every batch of pod status changes; counting every pod each time would cost seconds).
 */
interface Tally {
  /** The selector and template labels the tally was counted with (a change recounts all). */
  selector: unknown;
  templateLabels: unknown;
  /** Claimed pods by key: whether fully labeled and ready. */
  pods: Map<string, { fully: boolean; ready: boolean }>;
  fullyLabeled: number;
  ready: number;
  /** Pods with an ownerReference to the ReplicaSet written since the last sync. */
  dirty: Set<string>;
}

function hasOwnerRef(pod: KObject, uid: string): boolean {
  const refs = pod.metadata.ownerReferences;
  if (!refs) return false;
  for (let i = 0; i < refs.length; i++) if (refs[i].uid === uid) return true;
  return false;
}

export class ReplicaSetController implements Controller {
  readonly name = 'replicaset-controller';
  private recorder: EventRecorder;
  private orphans = new OrphanPods();
  /** Tallies by ReplicaSet uid. */
  private tallies = new Map<string, Tally>();
  /** ReplicaSet uid -> simulated ms before which no new burst of creations starts. */
  private nextBurstAt = new Map<string, number>();

  constructor(private c: ClusterParts) {
    this.recorder = c.recorder({ component: 'replicaset-controller' });
    for (const pod of c.api.store.list('Pod')) this.orphans.observe({ type: 'ADDED', object: pod });
    // The tallies follow every pod write, whoever drives this controller.
    c.api.watch('Pod', (ev) => this.markDirty(ev));
    c.api.watch('ReplicaSet', (ev) => {
      if (ev.type === 'DELETED') this.tallies.delete(ev.object.metadata.uid!);
    });
  }

  private markDirty(ev: WatchEvent): void {
    for (const p of [ev.object, ev.old]) {
      const refs = p?.metadata.ownerReferences;
      if (!refs) continue;
      for (let i = 0; i < refs.length; i++) this.tallies.get(refs[i].uid)?.dirty.add(keyOf(p!));
    }
  }

  triggers(): Trigger[] {
    return [on('ReplicaSet', selfKey), on('Pod', (ev) => this.podKeys(ev))];
  }

  initialKeys(): string[] {
    return this.c.api.store.list('ReplicaSet').map(keyOf);
  }

  /** addPod/updatePod/deletePod: the owner, or for orphans every ReplicaSet that matches. */
  private podKeys(ev: WatchEvent): string[] {
    this.orphans.observe(ev);
    const keys = new Set<string>();
    for (const p of [ev.object, ev.old]) {
      if (!p) continue;
      const ref = controllerRef(p);
      if (ref) {
        if (ref.kind === 'ReplicaSet') keys.add(makeKey(p.metadata.namespace, ref.name));
        continue;
      }
      if (ev.type === 'DELETED') continue;
      // An orphan: wake the ReplicaSets that could adopt it.
      if (p === ev.old && JSON.stringify(p.metadata.labels) === JSON.stringify(ev.object.metadata.labels)) continue;
      for (const rs of this.c.api.store.list('ReplicaSet', p.metadata.namespace)) {
        if (rs.spec?.selector && matches(fromLabelSelector(rs.spec.selector), p.metadata.labels)) keys.add(keyOf(rs));
      }
    }
    return [...keys];
  }

  reconcile(key: string): Result {
    const rs = this.c.api.getByKey('ReplicaSet', key);
    if (!rs) return done(); // deleted: the garbage collector removes its pods
    let selector: Selector;
    try {
      selector = fromLabelSelector(rs.spec?.selector);
    } catch {
      return done(); // an invalid selector never syncs (validation prevents it)
    }
    const uid = rs.metadata.uid!;
    const deleting = !!rs.metadata.deletionTimestamp;
    const minReady = rs.spec.minReadySeconds ?? 0;
    const templateLabels = rs.spec.template?.metadata?.labels ?? {};
    const templateSel = fromLabelSelector({ matchLabels: templateLabels });
    // Owned pods plus orphans; terminal and terminating pods are ignored. The tally answers
    // unless the selector or template labels changed, availability needs minReadySeconds, or
    // surplus pods must be ranked for deletion; then every pod is claimed and counted again.
    let counts: Counts | undefined;
    let pods: KObject[] | undefined;
    const tally = this.tallies.get(uid);
    try {
      if (tally && !deleting && minReady === 0 && jsonEqual(tally.selector, rs.spec.selector) && jsonEqual(tally.templateLabels, templateLabels)) {
        this.recount(rs, tally, selector, templateSel);
        if (tally.pods.size <= (rs.spec.replicas ?? 1)) {
          counts = { replicas: tally.pods.size, fullyLabeled: tally.fullyLabeled, ready: tally.ready, available: tally.ready, nextAvailableAt: Infinity };
        }
      }
      if (!counts) {
        pods = this.claimAll(rs, selector);
        counts = this.count(rs, pods, templateSel);
      }
    } catch (e) {
      if (isStatusError(e)) return retry();
      throw e;
    }
    let manageErr: Error | undefined;
    if (!deleting) manageErr = this.manageReplicas(rs, counts.replicas, pods);
    // As upstream, status describes the pods seen before this sync's creations and deletions;
    // their watch events bring the next sync, which counts them.
    const res = this.updateStatus(rs, counts, manageErr);
    if (manageErr) return retry();
    const burstAt = this.nextBurstAt.get(uid);
    if (burstAt !== undefined && counts.replicas < (rs.spec.replicas ?? 1)) {
      const wait = Math.max(0, (burstAt - this.c.clock.now()) / 1000);
      if (res.kind === 'done' || (res.kind === 'after' && res.seconds > wait)) return after(wait);
    }
    return res;
  }

  /** The pods the ReplicaSet controls after claimPods, in owner-index order, then adopted orphans. */
  private claimAll(rs: KObject, selector: Selector): KObject[] {
    const uid = rs.metadata.uid!;
    const pods: KObject[] = [];
    const orphans = this.activeOrphans(rs.metadata.namespace!);
    // A new tally starts here: writes from now on (this sync's own included) are marked dirty.
    const tally: Tally = { selector: rs.spec.selector, templateLabels: rs.spec.template?.metadata?.labels ?? {}, pods: new Map(), fullyLabeled: 0, ready: 0, dirty: new Set() };
    this.tallies.set(uid, tally);
    try {
      for (const pod of this.c.api.dependentsOfKind(uid, 'Pod')) {
        if (!isPodActive(pod)) continue;
        // The common case inline (controlled by this ReplicaSet and matching); claimObjects
        // decides the rest, in the same order.
        const ref = controllerRef(pod);
        if (ref !== undefined && ref.uid === uid && matches(selector, pod.metadata.labels)) pods.push(pod);
        else for (const p of claimObjects(this.c.api, rs, [pod], selector)) pods.push(p);
      }
      if (orphans.length > 0) for (const p of claimObjects(this.c.api, rs, orphans, selector)) pods.push(p);
    } catch (e) {
      this.tallies.delete(uid);
      throw e;
    }
    return pods;
  }

  private activeOrphans(ns: string): KObject[] {
    const orphans: KObject[] = [];
    for (const k of this.orphans.keys(ns)) {
      const pod = this.c.api.getByKey('Pod', k);
      if (pod && isPodActive(pod)) orphans.push(pod);
    }
    return orphans;
  }

  /** Brings a tally up to date: the pods written since the last sync, and orphans to adopt. */
  private recount(rs: KObject, tally: Tally, selector: Selector, templateSel: Selector): void {
    const uid = rs.metadata.uid!;
    const orphans = this.activeOrphans(rs.metadata.namespace!);
    const dirty = tally.dirty;
    tally.dirty = new Set();
    try {
      for (const k of dirty) {
        this.uncount(tally, k);
        const pod = this.c.api.getByKey('Pod', k);
        if (!pod || !isPodActive(pod) || !hasOwnerRef(pod, uid)) continue;
        const ref = controllerRef(pod);
        if (ref !== undefined && ref.uid === uid && matches(selector, pod.metadata.labels)) this.countPod(tally, k, pod, templateSel);
        else for (const p of claimObjects(this.c.api, rs, [pod], selector)) this.countPod(tally, keyOf(p), p, templateSel);
      }
      if (orphans.length > 0) for (const p of claimObjects(this.c.api, rs, orphans, selector)) this.countPod(tally, keyOf(p), p, templateSel);
    } catch (e) {
      // Recounted next time.
      for (const k of dirty) tally.dirty.add(k);
      throw e;
    }
  }

  private countPod(tally: Tally, key: string, pod: KObject, templateSel: Selector): void {
    this.uncount(tally, key);
    const c = { fully: matches(templateSel, pod.metadata.labels), ready: isPodReady(pod) };
    tally.pods.set(key, c);
    if (c.fully) tally.fullyLabeled++;
    if (c.ready) tally.ready++;
  }

  private uncount(tally: Tally, key: string): void {
    const c = tally.pods.get(key);
    if (!c) return;
    tally.pods.delete(key);
    if (c.fully) tally.fullyLabeled--;
    if (c.ready) tally.ready--;
  }

  /** calculateStatus's counts over the claimed pods; the tally starts from them. */
  private count(rs: KObject, pods: KObject[], templateSel: Selector): Counts {
    const now = this.c.clock.now();
    const minReady = rs.spec.minReadySeconds ?? 0;
    const tally = this.tallies.get(rs.metadata.uid!);
    const counts: Counts = { replicas: pods.length, fullyLabeled: 0, ready: 0, available: 0, nextAvailableAt: Infinity };
    for (const pod of pods) {
      const fully = matches(templateSel, pod.metadata.labels);
      const ready = isPodReady(pod);
      tally?.pods.set(keyOf(pod), { fully, ready });
      if (fully) counts.fullyLabeled++;
      if (ready) {
        counts.ready++;
        if (isPodAvailable(pod, minReady, now)) counts.available++;
        else counts.nextAvailableAt = Math.min(counts.nextAvailableAt, (podReadyTime(pod) ?? now) + minReady * 1000);
      }
    }
    if (tally) {
      tally.fullyLabeled = counts.fullyLabeled;
      tally.ready = counts.ready;
    }
    return counts;
  }

  /**
   * manageReplicas: create or delete the difference, at most BURST_REPLICAS at a time. `pods`
   * (the claimed pods) is given whenever there are more than wanted.
   */
  private manageReplicas(rs: KObject, count: number, pods: KObject[] | undefined): Error | undefined {
    const want = rs.spec.replicas ?? 1;
    let diff = count - want;
    if (diff < 0) {
      const uid = rs.metadata.uid!;
      const now = this.c.clock.now();
      if ((this.nextBurstAt.get(uid) ?? 0) > now) return undefined;
      if (-diff > BURST_REPLICAS) this.nextBurstAt.set(uid, now + BURST_INTERVAL_SECONDS * 1000);
      else this.nextBurstAt.delete(uid);
      diff = Math.min(-diff, BURST_REPLICAS);
      const { error } = slowStartBatch(diff, () => {
        const pod = podFromTemplate(rs.spec.template, rs);
        try {
          const created = this.c.api.create(pod);
          this.recorder.event(rs, 'Normal', REASON_SUCCESSFUL_CREATE, `Created pod: ${created.metadata.name}`);
        } catch (e) {
          if (isStatusError(e) && e.code === 403 && e.message.includes('because it is being terminated')) return;
          const msg = e instanceof Error ? e.message : String(e);
          this.recorder.event(rs, 'Warning', REASON_FAILED_CREATE, `Error creating: ${msg}`);
          throw e;
        }
      });
      return error === undefined ? undefined : error instanceof Error ? error : new Error(String(error));
    }
    if (diff > 0 && pods) {
      diff = Math.min(diff, BURST_REPLICAS);
      const victims = diff < pods.length ? rankedForDeletion(pods, this.ranks(rs, pods), this.c.clock.now()).slice(0, diff) : pods;
      let firstErr: Error | undefined;
      for (const pod of victims) {
        try {
          this.c.api.delete('Pod', pod.metadata.namespace, pod.metadata.name!, { preconditions: { uid: pod.metadata.uid } });
          this.recorder.event(rs, 'Normal', REASON_SUCCESSFUL_DELETE, `Deleted pod: ${pod.metadata.name}`);
        } catch (e) {
          if (isStatusError(e) && e.code === 404) continue; // already gone
          const msg = e instanceof Error ? e.message : String(e);
          this.recorder.event(rs, 'Warning', REASON_FAILED_DELETE, `Error deleting: ${msg}`);
          firstErr ??= e instanceof Error ? e : new Error(msg);
        }
      }
      return firstErr;
    }
    return undefined;
  }

  /**
   * getPodsRankedByRelatedPodsOnSameNode: for each pod, how many active pods of this ReplicaSet
   * and its siblings (same controller) share its node.
   */
  private ranks(rs: KObject, pods: KObject[]): number[] {
    const owner = controllerRef(rs);
    const siblings = owner ? this.c.api.dependentsOfKind(owner.uid, 'ReplicaSet') : [rs];
    const onNode = new Map<string, number>();
    for (const s of siblings) {
      for (const p of this.c.api.dependentsOfKind(s.metadata.uid!, 'Pod')) {
        if (!isPodActive(p)) continue;
        const node = p.spec?.nodeName ?? '';
        onNode.set(node, (onNode.get(node) ?? 0) + 1);
      }
    }
    return pods.map((p) => onNode.get(p.spec?.nodeName ?? '') ?? 0);
  }

  /** calculateStatus + updateReplicaSetStatus; requeues for pods still inside minReadySeconds. */
  private updateStatus(rs: KObject, counts: Counts, manageErr: Error | undefined): Result {
    const now = this.c.clock.now();
    const { fullyLabeled: fully, ready, available, nextAvailableAt } = counts;
    const status: Record<string, unknown> = { replicas: counts.replicas };
    if (fully) status.fullyLabeledReplicas = fully;
    if (ready) status.readyReplicas = ready;
    if (available) status.availableReplicas = available;
    if (rs.metadata.generation) status.observedGeneration = rs.metadata.generation;
    const conditions = [...((rs.status?.conditions ?? []) as { type: string }[])];
    const failure = conditions.find((c) => c.type === 'ReplicaFailure');
    if (manageErr && !failure) {
      const diff = counts.replicas - (rs.spec.replicas ?? 1);
      conditions.push({
        type: 'ReplicaFailure',
        status: 'True',
        lastTransitionTime: this.c.clock.rfc3339(),
        reason: diff < 0 ? 'FailedCreate' : diff > 0 ? 'FailedDelete' : '',
        message: manageErr.message,
      } as { type: string });
    }
    const kept = manageErr ? conditions : conditions.filter((c) => c.type !== 'ReplicaFailure');
    if (kept.length) status.conditions = kept;
    if (!sameNumbers(status, rs.status ?? {})) {
      try {
        this.c.api.updateStatus({ ...rs, status });
      } catch (e) {
        if (isStatusError(e)) return retry();
        throw e;
      }
    }
    if (nextAvailableAt !== Infinity) return after(Math.max(0, (nextAvailableAt - now) / 1000) + 1);
    return done();
  }
}
