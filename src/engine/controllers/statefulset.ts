/**
 * The StatefulSet controller (pkg/controller/statefulset: stateful_set.go, stateful_set_control.go
 * updateStatefulSet/processReplica/processCondemned, stateful_set_utils.go, stateful_pod_control.go):
 * pods named `<set>-<ordinal>` with a stable hostname and subdomain (serviceName), one
 * PersistentVolumeClaim per volumeClaimTemplate named `<claim>-<set>-<ordinal>` created before the
 * pod and kept after it (retention policy Retain) or owned by the set/pod (Delete);
 * OrderedReady creates one pod at a time, each Running and Ready (and available for
 * minReadySeconds) before the next, and removes the highest ordinal first; Parallel does all at
 * once. Template versions are ControllerRevisions `<set>-<hash>`; pods carry the revision name
 * in `controller-revision-hash`. RollingUpdate replaces the highest ordinal not at the update
 * revision, down to the partition, waiting for each to be healthy; OnDelete waits for the user.
 * Events and status fields as upstream.
 */
import type { ClusterParts } from '../cluster';
import type { EventRecorder } from '../api/events';
import { isStatusError } from '../api/errors';
import { fromLabelSelector, matches, type LabelSelector } from '../api/selectors';
import { clone, controllerRef, keyOf, makeKey, type KObject, type OwnerReference, type WatchEvent } from '../api/types/meta';
import { after, done, on, retry, selfKey, type Controller, type Result, type Trigger } from './manager';
import { canonicalJson, computeHash } from './util/hash';
import { isPodAvailable, isPodReady, newControllerRef, podFromTemplate, podReadyTime, slowStartBatch } from './util/pods';
import { adopt, release } from './util/ref-manager';

export const STS_POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';
export const CONTROLLER_REVISION_HASH_LABEL = 'controller-revision-hash';

/** stateful_pod_control.go recordPodEvent / recordClaimEvent texts. */
export const podEventMessage = (verb: string, pod: string, set: string): string => `${verb} Pod ${pod} in StatefulSet ${set} successful`;
export const podEventFailure = (verb: string, pod: string, set: string, err: string): string => `${verb} Pod ${pod} in StatefulSet ${set} failed error: ${err}`;
export const claimEventMessage = (verb: string, claim: string, pod: string, set: string): string => `${verb} Claim ${claim} Pod ${pod} in StatefulSet ${set} success`;
export const claimEventFailure = (verb: string, claim: string, pod: string, set: string, err: string): string =>
  `${verb} Claim ${claim} for Pod ${pod} in StatefulSet ${set} failed error: ${err}`;

const title = (verb: string): string => verb[0].toUpperCase() + verb.slice(1);

/** getParentNameAndOrdinal: `web-3` -> ['web', 3]. */
export function parentAndOrdinal(pod: KObject): [string, number] | undefined {
  const m = /^(.*)-([0-9]+)$/.exec(pod.metadata.name ?? '');
  return m ? [m[1], Number(m[2])] : undefined;
}

function ordinalOf(pod: KObject): number {
  return parentAndOrdinal(pod)?.[1] ?? -1;
}

function startOrdinal(set: KObject): number {
  return set.spec.ordinals?.start ?? 0;
}

/** isRunningAndReady */
function isRunningAndReady(pod: KObject): boolean {
  return pod.status?.phase === 'Running' && isPodReady(pod);
}

function isCreated(pod: KObject | undefined): pod is KObject {
  return !!pod && !!pod.status?.phase;
}

function isTerminating(pod: KObject): boolean {
  return !!pod.metadata.deletionTimestamp;
}

function isFailedOrSucceeded(pod: KObject): boolean {
  return pod.status?.phase === 'Failed' || pod.status?.phase === 'Succeeded';
}

function podRevision(pod: KObject): string {
  return pod.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? '';
}

/** getPersistentVolumeClaimName */
export function claimName(set: KObject, template: string, ordinal: number): string {
  return `${template}-${set.metadata.name}-${ordinal}`;
}

/** The ControllerRevision data of a set: its template as a replace patch (getPatch). */
function revisionData(set: KObject): unknown {
  return { spec: { template: { ...clone(set.spec.template), $patch: 'replace' } } };
}

export class StatefulSetController implements Controller {
  readonly name = 'statefulset-controller';
  private recorder: EventRecorder;

  constructor(private c: ClusterParts) {
    this.recorder = c.recorder({ component: 'statefulset-controller' });
  }

  triggers(): Trigger[] {
    return [
      on('StatefulSet', selfKey),
      on('Pod', (ev) => this.podKeys(ev)),
      on('ControllerRevision', (ev) => {
        const ref = controllerRef(ev.object);
        return ref?.kind === 'StatefulSet' ? [makeKey(ev.object.metadata.namespace, ref.name)] : [];
      }),
    ];
  }

  initialKeys(): string[] {
    return this.c.api.store.list('StatefulSet').map(keyOf);
  }

  /** Owned pods wake their set; orphans wake the sets whose selector matches them. */
  private podKeys(ev: WatchEvent): string[] {
    const keys = new Set<string>();
    for (const p of [ev.object, ev.old]) {
      if (!p) continue;
      const ref = controllerRef(p);
      if (ref?.kind === 'StatefulSet') keys.add(makeKey(p.metadata.namespace, ref.name));
      else if (!ref && ev.type !== 'DELETED') {
        for (const set of this.c.api.store.list('StatefulSet', p.metadata.namespace)) {
          if (set.spec?.selector && matches(fromLabelSelector(set.spec.selector as LabelSelector), p.metadata.labels)) keys.add(keyOf(set));
        }
      }
    }
    return [...keys];
  }

  reconcile(key: string): Result {
    const set = this.c.api.getByKey('StatefulSet', key);
    if (!set) return done(); // deleted: the garbage collector removes its pods and revisions
    try {
      return this.sync(set);
    } catch (e) {
      if (isStatusError(e)) return retry();
      throw e;
    }
  }

  /** getPodsForStatefulSet: claim pods by selector and name (isMemberOf). */
  private claimPods(set: KObject): KObject[] {
    const sel = fromLabelSelector(set.spec.selector as LabelSelector);
    const uid = set.metadata.uid!;
    const out: KObject[] = [];
    const candidates = new Map<string, KObject>();
    for (const [kind, p] of this.c.api.dependents(uid)) if (kind === 'Pod') candidates.set(p.metadata.uid!, p);
    for (const p of this.c.api.store.list('Pod', set.metadata.namespace)) if (!controllerRef(p) && matches(sel, p.metadata.labels)) candidates.set(p.metadata.uid!, p);
    for (const p of candidates.values()) {
      const isMember = parentAndOrdinal(p)?.[0] === set.metadata.name;
      const ref = controllerRef(p);
      const match = matches(sel, p.metadata.labels) && isMember;
      if (ref) {
        if (ref.uid !== uid) continue;
        if (match) out.push(p);
        else if (!set.metadata.deletionTimestamp) release(this.c.api, p, uid);
        continue;
      }
      if (!match || set.metadata.deletionTimestamp || p.metadata.deletionTimestamp) continue;
      const adopted = adopt(this.c.api, set, p);
      if (adopted) out.push(adopted);
    }
    return out;
  }

  private revisions(set: KObject): KObject[] {
    return this.c.api
      .dependents(set.metadata.uid!)
      .filter(([k, o]) => k === 'ControllerRevision' && controllerRef(o)?.uid === set.metadata.uid)
      .map(([, o]) => o)
      .sort((a, b) => ((a.revision as number) ?? 0) - ((b.revision as number) ?? 0) || (a.metadata.name! < b.metadata.name! ? -1 : 1));
  }

  /**
   * getStatefulSetRevisions: the current revision (status.currentRevision, or the update
   * revision when there is none) and the update revision (the template's, created or bumped).
   */
  private getRevisions(set: KObject, revisions: KObject[]): { current: KObject; update: KObject; collisionCount: number } {
    const collisionCount = set.status?.collisionCount ?? 0;
    const data = canonicalJson(revisionData(set));
    const maxRev = revisions.reduce((m, r) => Math.max(m, (r.revision as number) ?? 0), 0);
    const equal = revisions.filter((r) => canonicalJson(r.data) === data);
    let update: KObject;
    if (equal.length > 0) {
      update = equal[equal.length - 1];
      if ((update.revision as number) !== maxRev) update = this.c.api.update({ ...clone(update), revision: maxRev + 1 });
    } else {
      const hash = computeHash(revisionData(set), collisionCount);
      update = this.c.api.create({
        apiVersion: 'apps/v1',
        kind: 'ControllerRevision',
        metadata: {
          name: `${set.metadata.name}-${hash}`,
          namespace: set.metadata.namespace,
          labels: { ...(set.spec.template?.metadata?.labels ?? {}), [CONTROLLER_REVISION_HASH_LABEL]: hash },
          annotations: set.metadata.annotations ? { ...set.metadata.annotations } : undefined,
          ownerReferences: [newControllerRef(set)],
        },
        data: revisionData(set),
        revision: maxRev + 1,
      });
    }
    const current = this.c.api.find('ControllerRevision', set.metadata.namespace, set.status?.currentRevision ?? '') ?? update;
    return { current, update, collisionCount };
  }

  /** The set as of a revision (ApplyRevision): its template replaced by the revision's. */
  private applyRevision(set: KObject, rev: KObject): KObject {
    const template = (rev.data as { spec?: { template?: Record<string, unknown> } } | undefined)?.spec?.template;
    if (!template) return set;
    const t = { ...template };
    delete t.$patch;
    return { ...set, spec: { ...set.spec, template: t } };
  }

  private sync(set: KObject): Result {
    const pods = this.claimPods(set);
    const revisions = this.revisions(set);
    const { current, update, collisionCount } = this.getRevisions(set, revisions);
    const currentSet = this.applyRevision(set, current);
    const updateSet = this.applyRevision(set, update);
    const status = this.updateStatefulSet(set, currentSet, updateSet, current.metadata.name!, update.metadata.name!, pods);
    status.collisionCount = collisionCount;
    this.writeStatus(set, status);
    this.truncateHistory(set, revisions, current, update);
    // minReadySeconds: look again when the first ready-but-not-available pod becomes available.
    const minReady = set.spec.minReadySeconds ?? 0;
    if (minReady > 0) {
      const now = this.c.clock.now();
      let next = Infinity;
      for (const p of this.claimPodsQuick(set)) {
        const t = podReadyTime(p);
        if (isRunningAndReady(p) && t !== undefined && !isPodAvailable(p, minReady, now)) next = Math.min(next, t + minReady * 1000);
      }
      if (next !== Infinity) return after(Math.max(0, (next - now) / 1000) + 0.001);
    }
    return done();
  }

  private claimPodsQuick(set: KObject): KObject[] {
    return this.c.api
      .dependents(set.metadata.uid!)
      .filter(([k, p]) => k === 'Pod' && controllerRef(p)?.uid === set.metadata.uid)
      .map(([, p]) => p);
  }

  /** updateStatefulSet: one pass of the sync; returns the status to write. */
  private updateStatefulSet(set: KObject, currentSet: KObject, updateSet: KObject, currentRevision: string, updateRevision: string, pods: KObject[]): Record<string, unknown> {
    const start = startOrdinal(set);
    const replicaCount: number = set.spec.replicas ?? 1;
    const end = start + replicaCount;
    const replicas: (KObject | undefined)[] = new Array(replicaCount).fill(undefined);
    const condemned: KObject[] = [];
    for (const p of pods) {
      const ord = ordinalOf(p);
      if (ord >= start && ord < end) replicas[ord - start] = p;
      else if (ord >= 0) condemned.push(p);
    }
    for (let i = 0; i < replicaCount; i++) {
      if (!replicas[i]) replicas[i] = this.newVersionedPod(currentSet, updateSet, currentRevision, updateRevision, i + start);
    }
    condemned.sort((a, b) => ordinalOf(b) - ordinalOf(a));
    const minReady = set.spec.minReadySeconds ?? 0;
    const monotonic = set.spec.podManagementPolicy !== 'Parallel';
    const statusOf = () => this.computeStatus(set, currentRevision, updateRevision, replicas, condemned, minReady);

    let firstUnhealthy: KObject | undefined;
    for (const p of [...replicas, ...condemned]) {
      if (p && isCreated(p) && (!isRunningAndReady(p) || isTerminating(p))) {
        firstUnhealthy = p;
        break;
      }
    }
    if (set.metadata.deletionTimestamp) return statusOf();

    // Living replicas, lowest ordinal first.
    if (this.runForAll(replicas.length, (i) => this.processReplica(set, updateSet, monotonic, replicas, i, minReady), monotonic)) return statusOf();
    // Claims of condemned pods follow the retention policy.
    for (const p of condemned) this.fixClaimOwnership(updateSet, p, true);
    // Condemned pods, highest ordinal first.
    if (this.runForAll(condemned.length, (i) => this.processCondemned(set, firstUnhealthy, monotonic, condemned, i, minReady), monotonic)) return statusOf();

    const status = statusOf();
    if (set.spec.updateStrategy?.type === 'OnDelete') return status;
    // RollingUpdate: the highest ordinal not at the update revision goes first, down to the partition.
    const updateMin = set.spec.updateStrategy?.rollingUpdate?.partition ?? 0;
    for (let target = replicas.length - 1; target >= updateMin; target--) {
      const p = replicas[target]!;
      if (podRevision(p) !== updateRevision && !isTerminating(p)) {
        if (this.deletePod(set, p)) status.currentReplicas = Math.max(0, (status.currentReplicas as number) - 1);
        return status;
      }
      if (!(isRunningAndReady(p) && !isTerminating(p))) return status;
    }
    return status;
  }

  /** runForAll: sequential and stopping at the first "exit" when monotonic, all of them otherwise. */
  private runForAll(n: number, fn: (i: number) => boolean, monotonic: boolean): boolean {
    if (monotonic) {
      for (let i = 0; i < n; i++) if (fn(i)) return true;
      return false;
    }
    let i = 0;
    const { error } = slowStartBatch(n, () => {
      fn(i++);
    });
    if (error !== undefined) throw error;
    return false;
  }

  /** processReplica: true when the pass must stop here. */
  private processReplica(set: KObject, updateSet: KObject, monotonic: boolean, replicas: (KObject | undefined)[], i: number, minReady: number): boolean {
    const pod = replicas[i]!;
    if (isCreated(pod) && isFailedOrSucceeded(pod)) {
      if (!pod.metadata.deletionTimestamp) this.deletePod(set, pod);
      return true;
    }
    let p = pod;
    if (!isCreated(pod)) {
      const created = this.createPod(set, pod);
      if (!created) return true;
      replicas[i] = p = created;
      if (monotonic) return true;
    }
    if (p.status?.phase === 'Pending') this.createMissingClaims(set, p);
    if (isTerminating(p) && monotonic) return true;
    if (!isRunningAndReady(p) && monotonic) return true;
    if (!isPodAvailable(p, minReady, this.c.clock.now()) && monotonic) return true;
    if (this.identityMatches(set, p) && this.storageMatches(set, p)) {
      this.fixClaimOwnership(updateSet, p, false);
      return false;
    }
    this.updatePod(set, p);
    return false;
  }

  /** processCondemned: scale down, one pod per pass when monotonic. */
  private processCondemned(set: KObject, firstUnhealthy: KObject | undefined, monotonic: boolean, condemned: KObject[], i: number, minReady: number): boolean {
    const p = condemned[i];
    if (isTerminating(p)) return monotonic;
    if (!isRunningAndReady(p) && monotonic && p !== firstUnhealthy) return true;
    if (!isPodAvailable(p, minReady, this.c.clock.now()) && monotonic && p !== firstUnhealthy) return true;
    this.deletePod(set, p);
    return true;
  }

  /** newVersionedStatefulSetPod: below the partition a pod gets the current revision. */
  private newVersionedPod(currentSet: KObject, updateSet: KObject, currentRevision: string, updateRevision: string, ordinal: number): KObject {
    const us = currentSet.spec.updateStrategy ?? {};
    const start = startOrdinal(currentSet);
    const useCurrent =
      us.type === 'RollingUpdate' &&
      ((!us.rollingUpdate && ordinal < start + (currentSet.status?.currentReplicas ?? 0)) || (us.rollingUpdate && ordinal < start + (us.rollingUpdate.partition ?? 0)));
    const base = useCurrent ? currentSet : updateSet;
    const pod = podFromTemplate(base.spec.template, base, newControllerRef(base));
    const name = `${base.metadata.name}-${ordinal}`;
    delete pod.metadata.generateName;
    pod.metadata.name = name;
    this.initIdentity(base, pod, name, ordinal);
    this.updateStorage(base, pod, ordinal);
    pod.metadata.labels = { ...(pod.metadata.labels ?? {}), [CONTROLLER_REVISION_HASH_LABEL]: useCurrent ? currentRevision : updateRevision };
    return pod;
  }

  /** initIdentity/updateIdentity: name, pod-name and pod-index labels, hostname, subdomain. */
  private initIdentity(set: KObject, pod: KObject, name: string, ordinal: number): void {
    pod.metadata.namespace = set.metadata.namespace;
    pod.metadata.labels = { ...(pod.metadata.labels ?? {}), [STS_POD_NAME_LABEL]: name, [POD_INDEX_LABEL]: String(ordinal) };
    pod.spec!.hostname = name;
    if (set.spec.serviceName) pod.spec!.subdomain = set.spec.serviceName;
    else delete pod.spec!.subdomain;
  }

  /** updateStorage: a persistentVolumeClaim volume per claim template, replacing same-named ones. */
  private updateStorage(set: KObject, pod: KObject, ordinal: number): void {
    const templates = (set.spec.volumeClaimTemplates ?? []) as KObject[];
    if (templates.length === 0) return;
    const claims = new Map(templates.map((t) => [t.metadata.name!, claimName(set, t.metadata.name!, ordinal)]));
    const volumes = ((pod.spec!.volumes ?? []) as { name: string }[]).filter((v) => !claims.has(v.name));
    const out: unknown[] = [];
    for (const [vol, claim] of claims) out.push({ name: vol, persistentVolumeClaim: { claimName: claim } });
    pod.spec!.volumes = [...out, ...volumes];
  }

  private identityMatches(set: KObject, pod: KObject): boolean {
    const po = parentAndOrdinal(pod);
    const l = pod.metadata.labels ?? {};
    return (
      !!po &&
      po[0] === set.metadata.name &&
      pod.metadata.namespace === set.metadata.namespace &&
      l[STS_POD_NAME_LABEL] === pod.metadata.name &&
      l[POD_INDEX_LABEL] === String(po[1])
    );
  }

  private storageMatches(set: KObject, pod: KObject): boolean {
    const ord = ordinalOf(pod);
    const vols = new Map(((pod.spec?.volumes ?? []) as { name: string; persistentVolumeClaim?: { claimName: string } }[]).map((v) => [v.name, v]));
    for (const t of (set.spec.volumeClaimTemplates ?? []) as KObject[]) {
      const v = vols.get(t.metadata.name!);
      if (!v?.persistentVolumeClaim || v.persistentVolumeClaim.claimName !== claimName(set, t.metadata.name!, ord)) return false;
    }
    return true;
  }

  /**
   * UpdateStatefulPod. Simplification: a pod's spec cannot change, so only the identity labels
   * are restored; storage mismatches stay until the pod is recreated.
   */
  private updatePod(set: KObject, pod: KObject): void {
    const po = parentAndOrdinal(pod);
    if (!po) return;
    const next = clone(pod);
    next.metadata.labels = { ...(next.metadata.labels ?? {}), [STS_POD_NAME_LABEL]: pod.metadata.name!, [POD_INDEX_LABEL]: String(po[1]) };
    if (JSON.stringify(next.metadata.labels) === JSON.stringify(pod.metadata.labels)) return;
    try {
      this.c.api.update(next);
      this.recorder.event(set, 'Normal', 'SuccessfulUpdate', podEventMessage('update', pod.metadata.name!, set.metadata.name!));
    } catch (e) {
      if (!isStatusError(e)) throw e;
      if (e.code === 404) return;
      this.recorder.event(set, 'Warning', 'FailedUpdate', podEventFailure('update', pod.metadata.name!, set.metadata.name!, e.message));
      throw e;
    }
  }

  /** getPersistentVolumeClaims: the claims a pod of this ordinal mounts, labelled with the selector. */
  private claimsFor(set: KObject, ordinal: number): KObject[] {
    const matchLabels = (set.spec.selector?.matchLabels ?? {}) as Record<string, string>;
    return ((set.spec.volumeClaimTemplates ?? []) as KObject[]).map((t) => {
      const c = clone(t);
      c.apiVersion = 'v1';
      c.kind = 'PersistentVolumeClaim';
      c.metadata = { ...c.metadata, name: claimName(set, t.metadata.name!, ordinal), namespace: set.metadata.namespace };
      delete c.metadata.creationTimestamp;
      c.metadata.labels = { ...(c.metadata.labels ?? {}), ...matchLabels };
      delete c.status;
      return c;
    });
  }

  /** createPersistentVolumeClaims: the missing claims, each with its event. */
  private createMissingClaims(set: KObject, pod: KObject): boolean {
    const ord = ordinalOf(pod);
    for (const claim of this.claimsFor(set, ord)) {
      const existing = this.c.api.find('PersistentVolumeClaim', claim.metadata.namespace, claim.metadata.name!);
      if (existing) continue;
      this.setClaimOwners(set, pod, claim, false);
      try {
        this.c.api.create(claim);
        this.recorder.event(set, 'Normal', 'SuccessfulCreate', claimEventMessage('create', claim.metadata.name!, pod.metadata.name!, set.metadata.name!));
      } catch (e) {
        if (!isStatusError(e)) throw e;
        this.recorder.event(set, 'Warning', 'FailedCreate', claimEventFailure('create', claim.metadata.name!, pod.metadata.name!, set.metadata.name!, e.message));
        return false;
      }
    }
    return true;
  }

  /**
   * The ownerReferences the retention policy asks for (updateClaimOwnerRefForSetAndPod):
   * whenDeleted=Delete -> owned by the set; whenScaled=Delete on a condemned pod -> owned by it.
   */
  private setClaimOwners(set: KObject, pod: KObject, claim: KObject, condemned: boolean): boolean {
    const policy = set.spec.persistentVolumeClaimRetentionPolicy ?? {};
    const refs: OwnerReference[] = [...(claim.metadata.ownerReferences ?? [])];
    const before = JSON.stringify(refs);
    const setRef: OwnerReference = { apiVersion: 'apps/v1', kind: 'StatefulSet', name: set.metadata.name!, uid: set.metadata.uid! };
    const podRef: OwnerReference = { apiVersion: 'v1', kind: 'Pod', name: pod.metadata.name!, uid: pod.metadata.uid ?? '' };
    const want = (ref: OwnerReference, yes: boolean) => {
      const i = refs.findIndex((r) => r.uid === ref.uid);
      if (yes && i < 0 && ref.uid) refs.push(ref);
      if (!yes && i >= 0) refs.splice(i, 1);
    };
    want(setRef, policy.whenDeleted === 'Delete');
    want(podRef, condemned && policy.whenScaled === 'Delete');
    claim.metadata.ownerReferences = refs.length ? refs : undefined;
    if (!claim.metadata.ownerReferences) delete claim.metadata.ownerReferences;
    return JSON.stringify(refs) !== before;
  }

  /** ClaimsMatchRetentionPolicy + UpdatePodClaimForRetentionPolicy. */
  private fixClaimOwnership(set: KObject, pod: KObject, condemned: boolean): void {
    if (!pod.metadata.uid) return;
    for (const t of this.claimsFor(set, ordinalOf(pod))) {
      const claim = this.c.api.find('PersistentVolumeClaim', t.metadata.namespace, t.metadata.name!);
      if (!claim || claim.metadata.deletionTimestamp) continue;
      const next = clone(claim);
      if (!this.setClaimOwners(set, pod, next, condemned)) continue;
      this.c.api.update(next);
    }
  }

  /** CreateStatefulPod: claims first, then the pod. */
  private createPod(set: KObject, pod: KObject): KObject | undefined {
    if (!this.createMissingClaims(set, pod)) return undefined;
    try {
      const created = this.c.api.create(pod);
      this.recorder.event(set, 'Normal', 'SuccessfulCreate', podEventMessage('create', pod.metadata.name!, set.metadata.name!));
      return created;
    } catch (e) {
      if (!isStatusError(e)) throw e;
      if (e.code === 409) return undefined; // a pod of that name is still being deleted
      if (!e.message.includes('because it is being terminated')) {
        this.recorder.event(set, 'Warning', 'FailedCreate', podEventFailure('create', pod.metadata.name!, set.metadata.name!, e.message));
      }
      throw e;
    }
  }

  private deletePod(set: KObject, pod: KObject): boolean {
    try {
      this.c.api.delete('Pod', pod.metadata.namespace, pod.metadata.name!, { preconditions: { uid: pod.metadata.uid } });
      this.recorder.event(set, 'Normal', 'SuccessfulDelete', podEventMessage('delete', pod.metadata.name!, set.metadata.name!));
      return true;
    } catch (e) {
      if (isStatusError(e) && (e.code === 404 || e.code === 409)) return false;
      if (isStatusError(e)) this.recorder.event(set, 'Warning', 'FailedDelete', podEventFailure('delete', pod.metadata.name!, set.metadata.name!, e.message));
      throw e;
    }
  }

  /** updateStatus / computeReplicaStatus over the pods that exist. */
  private computeStatus(set: KObject, currentRevision: string, updateRevision: string, replicas: (KObject | undefined)[], condemned: KObject[], minReady: number): Record<string, unknown> {
    const now = this.c.clock.now();
    let count = 0;
    let ready = 0;
    let available = 0;
    let current = 0;
    let updated = 0;
    for (const p of [...replicas, ...condemned]) {
      if (!isCreated(p)) continue;
      count++;
      if (isRunningAndReady(p)) {
        ready++;
        if (isPodAvailable(p, minReady, now)) available++;
      }
      if (!isTerminating(p)) {
        if (podRevision(p) === currentRevision) current++;
        if (podRevision(p) === updateRevision) updated++;
      }
    }
    return {
      observedGeneration: set.metadata.generation,
      replicas: count,
      readyReplicas: ready,
      currentReplicas: current,
      updatedReplicas: updated,
      currentRevision,
      updateRevision,
      availableReplicas: available,
    };
  }

  /** updateStatefulSetStatus with completeRollingUpdate; omitempty fields dropped as the API does. */
  private writeStatus(set: KObject, s: Record<string, unknown>): void {
    if (set.spec.updateStrategy?.type === 'RollingUpdate' && s.updatedReplicas === s.replicas && s.readyReplicas === s.replicas) {
      s.currentReplicas = s.updatedReplicas;
      s.currentRevision = s.updateRevision;
    }
    const status: Record<string, unknown> = {};
    if (s.observedGeneration) status.observedGeneration = s.observedGeneration;
    status.replicas = s.replicas;
    if (s.readyReplicas) status.readyReplicas = s.readyReplicas;
    if (s.currentReplicas) status.currentReplicas = s.currentReplicas;
    if (s.updatedReplicas) status.updatedReplicas = s.updatedReplicas;
    if (s.currentRevision) status.currentRevision = s.currentRevision;
    if (s.updateRevision) status.updateRevision = s.updateRevision;
    status.collisionCount = s.collisionCount ?? 0;
    if (set.status?.conditions) status.conditions = set.status.conditions;
    status.availableReplicas = s.availableReplicas;
    if (canonicalJson(status) === canonicalJson(set.status ?? {})) return;
    const fresh = this.c.api.getByKey('StatefulSet', keyOf(set));
    if (!fresh || fresh.metadata.uid !== set.metadata.uid) return;
    this.c.api.updateStatus({ ...fresh, status });
  }

  /** truncateHistory: keep revisionHistoryLimit unused revisions besides current, update and live ones. */
  private truncateHistory(set: KObject, revisions: KObject[], current: KObject, update: KObject): void {
    const live = new Set<string>([current.metadata.name!, update.metadata.name!]);
    for (const p of this.claimPodsQuick(set)) live.add(podRevision(p));
    const limit = set.spec.revisionHistoryLimit ?? 10;
    const history = revisions.filter((r) => !live.has(r.metadata.name!) && this.c.api.find('ControllerRevision', r.metadata.namespace, r.metadata.name!));
    for (let i = 0; i < history.length - limit; i++) {
      try {
        this.c.api.delete('ControllerRevision', history[i].metadata.namespace, history[i].metadata.name!);
      } catch (e) {
        if (!(isStatusError(e) && e.code === 404)) throw e;
      }
    }
  }
}
