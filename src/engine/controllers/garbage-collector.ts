/**
 * The garbage collector (pkg/controller/garbagecollector): deletes objects whose owners are
 * gone, and carries out the propagation the apiserver recorded as finalizers on an owner being
 * deleted:
 * - Background: the owner is removed at once; its dependents now point at an absent owner
 *   ("dangling") and are deleted here.
 * - Foreground (`foregroundDeletion` finalizer): every dependent is deleted (itself in the
 *   foreground); the owner's finalizer is removed once no dependent with
 *   `blockOwnerDeletion: true` is left, and the apiserver then removes the owner.
 * - Orphan (`orphan` finalizer): the owner's reference is removed from every dependent, then the
 *   finalizer.
 * Follows attemptToDeleteItem, processDeletingDependentsItem and orphanDependents.
 * Simplification: the dependency graph is the store's owner-uid index rather than a separate
 * graph built from watches, so there is no "virtual node" for owners that were never observed.
 */
import { jsonEqual } from '../api/json-equal';
import type { ClusterParts } from '../cluster';
import { isStatusError } from '../api/errors';
import { RESOURCES, resourceForKind } from '../api/resources';
import { FINALIZER_FOREGROUND, FINALIZER_ORPHAN, type PropagationPolicy } from '../api/server';
import { clone, keyOf, makeKey, type KObject, type OwnerReference, type WatchEvent } from '../api/types/meta';
import { done, on, retry, type Controller, type Result, type Trigger } from './manager';

/** Kinds that never have owners or dependents worth tracking. */
const SKIPPED_KINDS = new Set(['Event', 'Binding', 'ComponentStatus']);

const SEP = '|';

export function gcKey(kind: string, obj: KObject): string {
  return `${kind}${SEP}${keyOf(obj)}`;
}

function hasFinalizer(obj: KObject, f: string): boolean {
  return obj.metadata.finalizers?.includes(f) ?? false;
}

export class GarbageCollector implements Controller {
  readonly name = 'garbage-collector-controller';

  constructor(private c: ClusterParts) {}

  triggers(): Trigger[] {
    const kinds = RESOURCES.map((r) => r.kind).filter((k) => !SKIPPED_KINDS.has(k));
    return kinds.map((kind) => on(kind, (ev) => this.keysFor(kind, ev)));
  }

  private keysFor(kind: string, ev: WatchEvent): string[] {
    const obj = ev.object;
    const old = ev.old;
    const keys: string[] = [];
    if (ev.type === 'DELETED') {
      // Its dependents may now be dangling.
      for (const [k, dep] of this.c.api.dependents(obj.metadata.uid!)) keys.push(gcKey(k, dep));
      // An owner waiting in the foreground for this dependent may be done.
      keys.push(...this.deletingOwnerKeys(obj));
      return keys;
    }
    const refsChanged =
      ev.type === 'ADDED' || !jsonEqual(old?.metadata.ownerReferences, obj.metadata.ownerReferences);
    if (refsChanged && obj.metadata.ownerReferences?.length) keys.push(gcKey(kind, obj));
    if (refsChanged && old) keys.push(...this.deletingOwnerKeys(old));
    const deletingChanged =
      obj.metadata.deletionTimestamp !== old?.metadata.deletionTimestamp ||
      !jsonEqual(obj.metadata.finalizers, old?.metadata.finalizers);
    if (deletingChanged && obj.metadata.deletionTimestamp) {
      if (hasFinalizer(obj, FINALIZER_FOREGROUND) || hasFinalizer(obj, FINALIZER_ORPHAN)) keys.push(gcKey(kind, obj));
      // A dependent that started terminating may unblock a foreground owner later; its owners
      // are re-checked when it is finally removed.
    }
    return keys;
  }

  /** Keys of the owners of `obj` that are being deleted in the foreground. */
  private deletingOwnerKeys(obj: KObject): string[] {
    const out: string[] = [];
    for (const ref of obj.metadata.ownerReferences ?? []) {
      const owner = this.ownerOf(obj, ref);
      if (owner && owner.metadata.deletionTimestamp && hasFinalizer(owner, FINALIZER_FOREGROUND)) out.push(gcKey(ref.kind, owner));
    }
    return out;
  }

  /** The live owner a reference names (same uid), or undefined when it is absent. */
  private ownerOf(dependent: KObject, ref: OwnerReference): KObject | undefined {
    const info = resourceForKind(ref.kind);
    if (!info) return undefined;
    const owner = this.c.api.getByKey(ref.kind, makeKey(info.namespaced ? dependent.metadata.namespace : undefined, ref.name));
    return owner && owner.metadata.uid === ref.uid ? owner : undefined;
  }

  reconcile(key: string): Result {
    const i = key.indexOf(SEP);
    const kind = key.slice(0, i);
    const obj = this.c.api.getByKey(kind, key.slice(i + 1));
    if (!obj) return done(); // deleted: nothing to do
    try {
      if (obj.metadata.deletionTimestamp) {
        if (hasFinalizer(obj, FINALIZER_ORPHAN)) return this.orphanDependents(kind, obj);
        if (hasFinalizer(obj, FINALIZER_FOREGROUND)) return this.processDeletingDependents(kind, obj);
        return done(); // already being deleted
      }
      return this.attemptToDelete(kind, obj);
    } catch (e) {
      if (isStatusError(e) && (e.code === 404 || e.code === 409)) return retry();
      throw e;
    }
  }

  /** attemptToDeleteItem: classify owners as solid, dangling or waiting for dependents. */
  private attemptToDelete(kind: string, obj: KObject): Result {
    const refs = obj.metadata.ownerReferences ?? [];
    if (refs.length === 0) return done();
    const solid: OwnerReference[] = [];
    const dangling: OwnerReference[] = [];
    const waiting: OwnerReference[] = [];
    for (const ref of refs) {
      const owner = this.ownerOf(obj, ref);
      if (!owner) dangling.push(ref);
      else if (owner.metadata.deletionTimestamp && hasFinalizer(owner, FINALIZER_FOREGROUND)) waiting.push(ref);
      else solid.push(ref);
    }
    if (solid.length > 0) {
      if (dangling.length === 0 && waiting.length === 0) return done();
      // Drop the references to owners that are gone or waiting on us, so they can finish.
      const drop = new Set([...dangling, ...waiting].map((r) => r.uid));
      const next = clone(obj);
      next.metadata.ownerReferences = refs.filter((r) => !drop.has(r.uid));
      this.c.api.update(next);
      return done();
    }
    let policy: PropagationPolicy;
    if (waiting.length > 0 && this.c.api.dependents(obj.metadata.uid!).length > 0) policy = 'Foreground';
    else if (hasFinalizer(obj, FINALIZER_ORPHAN)) policy = 'Orphan';
    else if (hasFinalizer(obj, FINALIZER_FOREGROUND)) policy = 'Foreground';
    else policy = 'Background';
    this.c.api.delete(kind, obj.metadata.namespace, obj.metadata.name!, {
      propagationPolicy: policy,
      preconditions: { uid: obj.metadata.uid },
    });
    return done();
  }

  /** processDeletingDependentsItem: delete dependents; drop the finalizer when none blocks. */
  private processDeletingDependents(kind: string, owner: KObject): Result {
    const uid = owner.metadata.uid!;
    let blocking = 0;
    for (const [depKind, dep] of this.c.api.dependents(uid)) {
      const ref = dep.metadata.ownerReferences?.find((r) => r.uid === uid);
      if (ref?.blockOwnerDeletion) blocking++;
      if (!dep.metadata.deletionTimestamp) this.attemptToDelete(depKind, dep);
    }
    if (blocking > 0) return done(); // woken again when a blocking dependent goes away
    this.removeFinalizer(kind, owner, FINALIZER_FOREGROUND);
    return done();
  }

  /** orphanDependents: remove the owner's reference from every dependent, then the finalizer. */
  private orphanDependents(kind: string, owner: KObject): Result {
    const uid = owner.metadata.uid!;
    for (const [, dep] of this.c.api.dependents(uid)) {
      const next = clone(dep);
      next.metadata.ownerReferences = (next.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
      if (next.metadata.ownerReferences.length === 0) delete next.metadata.ownerReferences;
      try {
        this.c.api.update(next);
      } catch (e) {
        // A dependent removed meanwhile needs no orphaning.
        if (!(isStatusError(e) && e.code === 404)) throw e;
      }
    }
    this.removeFinalizer(kind, owner, FINALIZER_ORPHAN);
    return done();
  }

  private removeFinalizer(kind: string, obj: KObject, finalizer: string): void {
    const cur = this.c.api.getByKey(kind, keyOf(obj));
    if (!cur || !hasFinalizer(cur, finalizer)) return;
    const next = clone(cur);
    next.metadata.finalizers = (next.metadata.finalizers ?? []).filter((f) => f !== finalizer);
    this.c.api.update(next);
  }
}
