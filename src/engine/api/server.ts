/**
 * The simulated kube-apiserver: verbs over the store with the apiserver's semantics
 * (k8s.io/apiserver/pkg/registry/generic/registry/store.go): name generation, uid,
 * resourceVersion preconditions (409 Conflict), defaulting and validation through per-kind
 * strategies (422 Invalid), namespace lifecycle admission, graceful deletion, finalizers and
 * the deletion propagation finalizers the garbage collector acts on.
 *
 * Every client (controllers, scheduler, kubelets, kubectl, the UI worker, the HTTP server)
 * goes through this class; nothing writes to the store directly.
 */
import type { SimClock } from '../core/clock';
import type { Rng } from '../core/rng';
import {
  alreadyExists,
  badRequest,
  conflict,
  forbidden,
  invalid,
  notFound,
  StatusError,
  type FieldError,
} from './errors';
import { applyPatch, type PatchType } from './patch';
import { strategyFor } from './registry';
import type { StrategyContext } from './registry/strategy';
import { apiVersionOf, mustResource, qualifiedResource, resourceForKind, type ResourceInfo } from './resources';
import {
  matches,
  matchesFields,
  parseFieldSelector,
  parseSelector,
  FIELD_SELECTOR_FIELDS,
  type FieldRequirement,
  type Selector,
} from './selectors';
import { jsonEqual, semanticEqual } from './json-equal';
import { Store, type WatchHandler } from './store';
import { clone, makeKey, type KObject } from './types/meta';
import { nameRuleFor, validateObjectMeta } from './validation';

/** As clone, but frozen parts (store data, immutable) are shared instead of copied. */
function cloneSharingFrozen<T>(v: T): T {
  if (v === null || typeof v !== 'object') return clone(v);
  if (Object.isFrozen(v)) return v;
  if (Array.isArray(v)) {
    const out = new Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = cloneSharingFrozen(v[i]);
    return out as T;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return structuredClone(v);
  const out: Record<string, unknown> = {};
  for (const k in v) out[k] = cloneSharingFrozen((v as Record<string, unknown>)[k]);
  return out as T;
}

export interface ListOptions {
  namespace?: string;
  /** `-l` syntax, or an already parsed selector. */
  labelSelector?: string | Selector;
  /** `--field-selector` syntax. */
  fieldSelector?: string | FieldRequirement[];
}

export interface WriteOptions {
  dryRun?: boolean;
}

export interface UpdateOptions extends WriteOptions {
  /** Write the status subresource: only status changes, spec and metadata are kept. */
  subresource?: 'status';
}

export type PropagationPolicy = 'Background' | 'Foreground' | 'Orphan';

export interface DeleteOptions extends WriteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: PropagationPolicy;
  preconditions?: { uid?: string; resourceVersion?: string };
}

export interface ListResult {
  items: KObject[];
  resourceVersion: string;
}

export const FINALIZER_FOREGROUND = 'foregroundDeletion';
export const FINALIZER_ORPHAN = 'orphan';

/** Namespaces the apiserver refuses to delete. */
const UNDELETABLE_NAMESPACES = new Set(['default', 'kube-system', 'kube-public']);

export class ApiServer {
  readonly store = new Store();
  private ctx: StrategyContext;

  constructor(
    readonly clock: SimClock,
    readonly rng: Rng,
  ) {
    this.ctx = { store: this.store, clock, rng };
  }

  // ---- reads ---------------------------------------------------------------------------

  /** The object, or a NotFound StatusError. */
  get<T extends KObject = KObject>(kind: string, namespace: string | undefined, name: string): T {
    const info = mustResource(kind);
    const obj = this.store.get(kind, makeKey(info.namespaced ? namespace : undefined, name));
    if (!obj) throw notFound(qualifiedResource(info), name);
    return obj as T;
  }

  /** The object or undefined. */
  find<T extends KObject = KObject>(kind: string, namespace: string | undefined, name: string): T | undefined {
    const info = mustResource(kind);
    return this.store.get(kind, makeKey(info.namespaced ? namespace : undefined, name)) as T | undefined;
  }

  /** By store key (`ns/name` or `name`). */
  getByKey<T extends KObject = KObject>(kind: string, key: string): T | undefined {
    return this.store.get(kind, key) as T | undefined;
  }

  list<T extends KObject = KObject>(kind: string, opts: ListOptions = {}): ListResult & { items: T[] } {
    const info = mustResource(kind);
    const ns = info.namespaced ? opts.namespace : undefined;
    const sel = typeof opts.labelSelector === 'string' ? parseSelector(opts.labelSelector) : (opts.labelSelector ?? []);
    const fields =
      typeof opts.fieldSelector === 'string' ? parseFieldSelector(opts.fieldSelector) : (opts.fieldSelector ?? []);
    this.checkFieldSelector(info, fields);
    let items: KObject[];
    const nodeReq = kind === 'Pod' ? fields.find((f) => f.field === 'spec.nodeName' && f.op === '=' && f.value) : undefined;
    if (nodeReq) {
      items = this.store.podsOnNode(nodeReq.value);
      if (ns !== undefined) items = items.filter((p) => p.metadata.namespace === ns);
    } else {
      items = this.store.list(kind, ns);
    }
    if (sel.length > 0) items = items.filter((o) => matches(sel, o.metadata.labels));
    if (fields.length > 0) items = items.filter((o) => matchesFields(o, fields));
    items = [...items].sort(compareByKey);
    return { items: items as T[], resourceVersion: String(this.store.revision) };
  }

  /** Dependents (any kind) of an owner uid, as [kind, object]. */
  dependents(uid: string): [string, KObject][] {
    return this.store.dependents(uid);
  }

  /** Dependents of one kind of an owner uid (an index, not a scan). */
  dependentsOfKind(uid: string, kind: string): KObject[] {
    return this.store.dependentsOfKind(uid, kind);
  }

  /** Pods bound to a node (an index, not a scan). */
  podsOnNode(node: string): KObject[] {
    return this.store.podsOnNode(node);
  }

  /** Watches one kind; see Store.watch. Throws 410 Gone when `sinceRv` is too old. */
  watch(kind: string, handler: WatchHandler, opts: { namespace?: string; resourceVersion?: string } = {}): () => void {
    const since = opts.resourceVersion !== undefined && opts.resourceVersion !== '' && opts.resourceVersion !== '0'
      ? Number(opts.resourceVersion)
      : undefined;
    const stop = this.store.watch(kind, handler, { namespace: opts.namespace, sinceRv: since });
    if (!stop) {
      throw new StatusError(410, 'Expired', `too old resource version: ${opts.resourceVersion} (${this.store.oldestWatchable})`);
    }
    return stop;
  }

  // ---- writes --------------------------------------------------------------------------

  create<T extends KObject = KObject>(input: KObject, opts: WriteOptions & { namespace?: string } = {}): T {
    const info = this.resourceOf(input);
    const obj = clone(input);
    obj.apiVersion = apiVersionOf(info);
    obj.kind = info.kind;
    const meta = (obj.metadata ??= {});
    if (info.namespaced) {
      const ns = meta.namespace || opts.namespace || 'default';
      if (opts.namespace && meta.namespace && opts.namespace !== meta.namespace) {
        throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
      }
      meta.namespace = ns;
    } else {
      delete meta.namespace;
    }
    if (!meta.name && meta.generateName) meta.name = meta.generateName + this.rng.suffix(5);
    // Fields the server owns.
    delete meta.resourceVersion;
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    delete meta.managedFields;
    meta.uid = this.rng.uuid();
    meta.creationTimestamp = this.clock.rfc3339();
    const strategy = strategyFor(info.kind);
    if (strategy.generation) meta.generation = 1;
    else delete meta.generation;
    strategy.prepareForCreate?.(obj, this.ctx);

    const errs: FieldError[] = validateObjectMeta(meta, nameRuleFor(info.kind));
    if (errs.length === 0) errs.push(...(strategy.validate?.(obj, this.ctx) ?? []));
    if (errs.length > 0) throw invalid(info.kind, info.group, meta.name ?? '', errs);

    if (info.namespaced) this.admitNamespace(info, meta.namespace!, meta.name!);
    const key = makeKey(meta.namespace, meta.name!);
    if (this.store.get(info.kind, key)) throw alreadyExists(qualifiedResource(info), meta.name!);
    if (opts.dryRun) return obj as T;
    return this.store.put(info.kind, obj) as T;
  }

  /**
   * Replaces an object. With metadata.resourceVersion set, it must match (else 409 Conflict);
   * without one the write is unconditional, as for `kubectl replace` of a fresh manifest.
   */
  update<T extends KObject = KObject>(input: KObject, opts: UpdateOptions = {}): T {
    const info = this.resourceOf(input);
    const strategy = strategyFor(info.kind);
    // A plain status write only takes status from the input: the rest is not copied.
    const statusOnly = opts.subresource === 'status' && !strategy.prepareForStatusUpdate;
    const obj = statusOnly ? { ...input, metadata: { ...input.metadata }, status: cloneSharingFrozen(input.status) } : clone(input);
    const meta = (obj.metadata ??= {});
    if (!info.namespaced) delete meta.namespace;
    else meta.namespace ||= 'default';
    const name = meta.name;
    if (!name) throw invalid(info.kind, info.group, '', [{ type: 'FieldValueRequired', field: 'metadata.name', detail: 'name is required' }]);
    const old = this.store.get(info.kind, makeKey(meta.namespace, name));
    if (!old) throw notFound(qualifiedResource(info), name);
    if (meta.resourceVersion && meta.resourceVersion !== old.metadata.resourceVersion) {
      throw conflict(qualifiedResource(info), name);
    }
    if (meta.uid && meta.uid !== old.metadata.uid) {
      throw conflict(
        qualifiedResource(info),
        name,
        `Precondition failed: UID in precondition: ${meta.uid}, UID in object meta: ${old.metadata.uid}`,
      );
    }
    obj.apiVersion = apiVersionOf(info);
    obj.kind = info.kind;
    // Immutable and server-owned metadata.
    meta.uid = old.metadata.uid;
    meta.creationTimestamp = old.metadata.creationTimestamp;
    meta.deletionTimestamp = old.metadata.deletionTimestamp;
    meta.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
    if (meta.deletionTimestamp === undefined) delete meta.deletionTimestamp;
    if (meta.deletionGracePeriodSeconds === undefined) delete meta.deletionGracePeriodSeconds;
    delete meta.managedFields;

    if (opts.subresource === 'status') {
      if (strategy.prepareForStatusUpdate) {
        // The kind's status strategy decides what else a status write may change (e.g. the
        // Deployment status strategy keeps spec and labels but takes annotations).
        obj.metadata.generation = old.metadata.generation;
        if (obj.metadata.generation === undefined) delete obj.metadata.generation;
        strategy.prepareForStatusUpdate(obj, old, this.ctx);
        obj.metadata.resourceVersion = old.metadata.resourceVersion;
        return this.commitUpdate(info, obj, old, opts);
      }
      // Status writes keep everything but status (and, as upstream, metadata changes are dropped
      // except through the main resource). The kept parts are the old version's frozen data,
      // shared rather than copied.
      const next: KObject = { ...old, metadata: { ...old.metadata }, status: obj.status };
      next.metadata.resourceVersion = old.metadata.resourceVersion;
      return this.commitUpdate(info, next, old, opts);
    }
    if (strategy.statusSubresource) obj.status = old.status === undefined ? undefined : clone(old.status);
    if (obj.status === undefined) delete obj.status;
    if (!strategy.generation) delete meta.generation;
    else meta.generation = old.metadata.generation ?? 1;
    strategy.prepareForUpdate?.(obj, old, this.ctx);
    // The generation moves when the spec changed, compared after defaulting and regardless of
    // field order, as the strategies' Semantic.DeepEqual does (a strategy may decide itself).
    if (strategy.generation && meta.generation === (old.metadata.generation ?? 1) && !semanticEqual(obj.spec, old.spec)) {
      meta.generation = (old.metadata.generation ?? 1) + 1;
    }

    const errs: FieldError[] = validateObjectMeta(meta, nameRuleFor(info.kind));
    if (errs.length === 0) errs.push(...(strategy.validate?.(obj, this.ctx) ?? []));
    if (errs.length === 0) errs.push(...(strategy.validateUpdate?.(obj, old, this.ctx) ?? []));
    if (errs.length > 0) throw invalid(info.kind, info.group, name, errs);
    if (
      meta.deletionTimestamp &&
      (old.metadata.finalizers?.length ?? 0) === 0 &&
      (meta.finalizers?.length ?? 0) > 0
    ) {
      throw invalid(info.kind, info.group, name, [
        { type: 'FieldValueForbidden', field: 'metadata.finalizers', detail: 'no new finalizers can be added if the object is being deleted' },
      ]);
    }
    return this.commitUpdate(info, obj, old, opts);
  }

  /** Writes only status; a shorthand for update(obj, { subresource: 'status' }). */
  updateStatus<T extends KObject = KObject>(obj: KObject, opts: WriteOptions = {}): T {
    return this.update<T>(obj, { ...opts, subresource: 'status' });
  }

  /** Applies a patch body to the current object and updates it (no resourceVersion check). */
  patch<T extends KObject = KObject>(
    kind: string,
    namespace: string | undefined,
    name: string,
    type: PatchType,
    body: unknown,
    opts: UpdateOptions = {},
  ): T {
    const current = this.get(kind, namespace, name);
    const patched = applyPatch(type, clone(current), body, kind) as KObject;
    if (patched === null || typeof patched !== 'object' || Array.isArray(patched)) {
      throw badRequest('the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml');
    }
    patched.metadata ??= {};
    if (patched.metadata.name !== undefined && patched.metadata.name !== name) {
      throw badRequest(`the name of the object (${String(patched.metadata.name)}) does not match the name on the URL (${name})`);
    }
    patched.metadata.name = name;
    patched.metadata.namespace = current.metadata.namespace;
    // A patch is applied to the latest version: no optimistic-lock conflict unless the patch
    // itself carries a different resourceVersion.
    if (patched.metadata.resourceVersion === undefined) patched.metadata.resourceVersion = current.metadata.resourceVersion;
    return this.update<T>(patched, opts);
  }

  /**
   * Deletes an object with the apiserver's graceful-deletion and finalizer rules. Returns the
   * object as it was removed, or as it is now while deletion is pending.
   */
  delete<T extends KObject = KObject>(
    kind: string,
    namespace: string | undefined,
    name: string,
    opts: DeleteOptions = {},
  ): T {
    const info = mustResource(kind);
    const ns = info.namespaced ? namespace || 'default' : undefined;
    const key = makeKey(ns, name);
    const old = this.store.get(kind, key);
    if (!old) throw notFound(qualifiedResource(info), name);
    const pre = opts.preconditions;
    if (pre?.uid && pre.uid !== old.metadata.uid) {
      throw conflict(qualifiedResource(info), name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${old.metadata.uid}`);
    }
    if (pre?.resourceVersion && pre.resourceVersion !== old.metadata.resourceVersion) {
      throw conflict(
        qualifiedResource(info),
        name,
        `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${old.metadata.resourceVersion}`,
      );
    }
    if (kind === 'Namespace') return this.deleteNamespace(old, opts) as T;

    const obj = clone(old);
    const meta = obj.metadata;
    const finalizers = new Set(meta.finalizers ?? []);
    const policy = opts.propagationPolicy;
    if (policy === 'Foreground') {
      finalizers.delete(FINALIZER_ORPHAN);
      finalizers.add(FINALIZER_FOREGROUND);
    } else if (policy === 'Orphan') {
      finalizers.delete(FINALIZER_FOREGROUND);
      finalizers.add(FINALIZER_ORPHAN);
    } else if (policy === 'Background') {
      finalizers.delete(FINALIZER_ORPHAN);
      finalizers.delete(FINALIZER_FOREGROUND);
    }
    // Only dependents can be orphaned or waited for: objects nobody owns need no GC finalizer.
    if (this.store.dependents(meta.uid!).length === 0) {
      finalizers.delete(FINALIZER_ORPHAN);
      finalizers.delete(FINALIZER_FOREGROUND);
    }

    const grace = this.gracePeriod(kind, old, opts.gracePeriodSeconds);
    if (finalizers.size === 0 && grace === 0) {
      if (opts.dryRun) return old as T;
      return this.store.remove(kind, key) as T;
    }
    // Graceful or finalized: mark and wait.
    const nowMs = this.clock.now();
    const deadline = this.clock.rfc3339(nowMs + grace * 1000);
    if (!meta.deletionTimestamp || (grace > 0 && deadline < meta.deletionTimestamp) || grace === 0) {
      meta.deletionTimestamp = meta.deletionTimestamp && grace > 0 && meta.deletionTimestamp < deadline ? meta.deletionTimestamp : deadline;
      meta.deletionGracePeriodSeconds = grace;
    }
    meta.finalizers = finalizers.size ? [...finalizers] : undefined;
    if (!meta.finalizers) delete meta.finalizers;
    if (strategyFor(kind).generation) meta.generation = (meta.generation ?? 1) + 1;
    if (opts.dryRun) return obj as T;
    return this.store.put(kind, obj) as T;
  }

  /** The namespace controller's last step: drops the `kubernetes` finalizer and removes it. */
  finalizeNamespace(name: string): void {
    const ns = this.store.get('Namespace', name);
    if (!ns || !ns.metadata.deletionTimestamp) return;
    if ((ns.metadata.finalizers?.length ?? 0) > 0) {
      const next = clone(ns);
      next.spec = { ...(next.spec ?? {}), finalizers: [] };
      this.store.put('Namespace', next);
      return;
    }
    this.store.remove('Namespace', name);
  }

  /** Binds a pod to a node (the pods/binding subresource the scheduler calls). */
  bind(namespace: string, podName: string, nodeName: string): KObject {
    const pod = this.get('Pod', namespace, podName);
    if (pod.spec?.nodeName) {
      throw conflict('pods', podName, `pod ${podName} is already assigned to node "${pod.spec.nodeName}"`);
    }
    if (pod.metadata.deletionTimestamp) {
      throw conflict('pods', podName, `pod ${podName} is being deleted, cannot be assigned to a host`);
    }
    // Structural sharing instead of a deep clone: the untouched parts are frozen store data
    // (the scheduler binds thousands of pods per second through here).
    const conditions = [...(pod.status?.conditions ?? [])].filter((c: { type: string }) => c.type !== 'PodScheduled');
    conditions.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: this.clock.rfc3339() });
    const next: KObject = { ...pod, metadata: { ...pod.metadata }, spec: { ...pod.spec, nodeName }, status: { ...(pod.status ?? {}), conditions } };
    return this.store.put('Pod', next);
  }

  // ---- internals -----------------------------------------------------------------------

  private commitUpdate<T>(info: ResourceInfo, obj: KObject, old: KObject, opts: WriteOptions): T {
    // Finalizers all gone on an object being deleted: the apiserver removes it now.
    if (obj.metadata.deletionTimestamp && (obj.metadata.finalizers?.length ?? 0) === 0) {
      // Namespaces also wait for spec.finalizers (ShouldDeleteNamespaceDuringUpdate).
      const graceLeft =
        (info.kind === 'Pod' && (obj.metadata.deletionGracePeriodSeconds ?? 0) > 0) ||
        (info.kind === 'Namespace' && (obj.spec?.finalizers?.length ?? 0) > 0);
      if (!graceLeft) {
        if (opts.dryRun) return obj as T;
        return this.store.remove(info.kind, makeKey(obj.metadata.namespace, obj.metadata.name!)) as T;
      }
    }
    if (obj.metadata.finalizers && obj.metadata.finalizers.length === 0) delete obj.metadata.finalizers;
    if (opts.dryRun) return obj as T;
    if (jsonEqual(obj, { ...old, metadata: { ...old.metadata, resourceVersion: obj.metadata.resourceVersion ?? old.metadata.resourceVersion } })) {
      // A no-op write keeps the resourceVersion and emits no event, as the apiserver does.
      return old as T;
    }
    return this.store.put(info.kind, obj) as T;
  }

  private deleteNamespace(old: KObject, opts: DeleteOptions): KObject {
    const name = old.metadata.name!;
    if (UNDELETABLE_NAMESPACES.has(name)) {
      throw forbidden('namespaces', name, 'this namespace may not be deleted');
    }
    if (old.metadata.deletionTimestamp) return old;
    const next = clone(old);
    next.metadata.deletionTimestamp = this.clock.rfc3339();
    next.metadata.deletionGracePeriodSeconds = 0;
    next.status = { ...(next.status ?? {}), phase: 'Terminating' };
    if (opts.dryRun) return next;
    return this.store.put('Namespace', next);
  }

  /** rest.BeforeDelete + the pod strategy's CheckGracefulDelete. */
  private gracePeriod(kind: string, obj: KObject, requested: number | undefined): number {
    if (kind !== 'Pod') return 0;
    if (requested !== undefined && requested >= 0) {
      // kubectl --force --grace-period=0 sends 0; a value of 0 without force is sent as 1.
      if (!obj.spec?.nodeName) return 0;
      return requested;
    }
    if (!obj.spec?.nodeName) return 0;
    const phase = obj.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') return 0;
    return obj.spec?.terminationGracePeriodSeconds ?? 30;
  }

  private resourceOf(obj: KObject): ResourceInfo {
    if (!obj || typeof obj !== 'object') throw badRequest('Object cannot be handled as an object: expected an object');
    const info = obj.kind ? resourceForKind(obj.kind) : undefined;
    if (!info) throw badRequest(`no kind "${obj.kind ?? ''}" is registered for version "${obj.apiVersion ?? ''}"`);
    if (obj.apiVersion && obj.apiVersion !== apiVersionOf(info)) {
      throw badRequest(`no kind "${obj.kind}" is registered for version "${obj.apiVersion}" in scheme "pkg/api/legacyscheme/scheme.go:30"`);
    }
    return info;
  }

  private admitNamespace(info: ResourceInfo, ns: string, name: string): void {
    const nsObj = this.store.get('Namespace', ns);
    if (!nsObj) throw notFound('namespaces', ns);
    if (nsObj.metadata.deletionTimestamp || nsObj.status?.phase === 'Terminating') {
      throw forbidden(
        qualifiedResource(info),
        name,
        `unable to create new content in namespace ${ns} because it is being terminated`,
      );
    }
  }

  private checkFieldSelector(info: ResourceInfo, fields: FieldRequirement[]): void {
    const allowed = FIELD_SELECTOR_FIELDS[info.kind] ?? [];
    for (const f of fields) {
      if (f.field === 'metadata.name' || (info.namespaced && f.field === 'metadata.namespace')) continue;
      if (!allowed.includes(f.field)) {
        throw badRequest(`field label not supported: ${f.field}`);
      }
    }
  }
}

function compareByKey(a: KObject, b: KObject): number {
  const an = a.metadata.namespace ?? '';
  const bn = b.metadata.namespace ?? '';
  if (an !== bn) return an < bn ? -1 : 1;
  const a1 = a.metadata.name!;
  const b1 = b.metadata.name!;
  return a1 < b1 ? -1 : a1 > b1 ? 1 : 0;
}

