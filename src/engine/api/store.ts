/**
 * The etcd of the simulated cluster: objects by kind and key, a global resourceVersion, a
 * watch log, and the secondary indexes controllers need (namespace, owner uid, pod node).
 *
 * The store does no validation or defaulting (that is the apiserver's job, ./server.ts). Every
 * write bumps the revision and emits exactly one watch event, synchronously, to the watchers of
 * that kind. Stored objects are deep-frozen: readers can't change them by accident, writers
 * clone first.
 */
import type { KObject, WatchEvent, WatchEventType } from './types/meta';
import { keyOf } from './types/meta';

export type WatchHandler = (ev: WatchEvent) => void;

interface Watcher {
  /** A kind, or '*' with `all` set for a watch of every kind. */
  kind: string;
  namespace?: string;
  handler: WatchHandler;
  all?: (kind: string, ev: WatchEvent) => void;
}

export interface LoggedEvent {
  rv: number;
  kind: string;
  ev: WatchEvent;
}

/** How many past events a watch can resume from (etcd's compaction window, in events). */
const WATCH_LOG_SIZE = 20_000;

function deepFreeze<T>(o: T): T {
  if (o !== null && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o as object)) {
      // Reading a character flattens a string built by concatenation (a rope of pieces, twice
      // the memory of the flat text) before the object is kept for good.
      if (typeof v === 'string') v.charCodeAt(0);
      else deepFreeze(v);
    }
  }
  return o;
}

export class Store {
  private objects = new Map<string, Map<string, KObject>>();
  private byNamespace = new Map<string, Map<string, Set<string>>>();
  /**
   * owner uid -> `Kind\0key` -> [kind, current object] of dependents, in the order they (or
   * their latest version) were written.
   */
  private byOwner = new Map<string, Map<string, [string, KObject]>>();
  /** node name -> pod keys. */
  private podsByNode = new Map<string, Set<string>>();
  private watchers = new Set<Watcher>();
  /** Per kind, the watchers an event of that kind reaches, in subscription order (cached). */
  private watchersOf = new Map<string, Watcher[]>();
  private log: LoggedEvent[] = [];
  private logStart = 0;
  private rev = 0;

  /** The current global resourceVersion. */
  get revision(): number {
    return this.rev;
  }

  /** The oldest revision a watch can still start from. */
  get oldestWatchable(): number {
    return this.log.length ? this.log[0].rv - 1 : this.rev;
  }

  get(kind: string, key: string): KObject | undefined {
    return this.objects.get(kind)?.get(key);
  }

  count(kind: string): number {
    return this.objects.get(kind)?.size ?? 0;
  }

  /** Every object of a kind, optionally in one namespace. Insertion order. */
  list(kind: string, namespace?: string): KObject[] {
    const all = this.objects.get(kind);
    if (!all) return [];
    if (namespace === undefined) return [...all.values()];
    const keys = this.byNamespace.get(kind)?.get(namespace);
    if (!keys) return [];
    const out: KObject[] = [];
    for (const k of keys) out.push(all.get(k)!);
    return out;
  }

  /** Objects (of any kind) whose ownerReferences name `uid`, as [kind, object]. */
  dependents(uid: string): [string, KObject][] {
    const refs = this.byOwner.get(uid);
    if (!refs) return [];
    const out: [string, KObject][] = [];
    for (const e of refs.values()) out.push([e[0], e[1]]);
    return out;
  }

  /** The dependents of one kind (e.g. a ReplicaSet's pods), as dependents() orders them. */
  dependentsOfKind(uid: string, kind: string): KObject[] {
    const refs = this.byOwner.get(uid);
    if (!refs) return [];
    const out: KObject[] = [];
    for (const e of refs.values()) if (e[0] === kind) out.push(e[1]);
    return out;
  }

  /** Pods bound to a node. */
  podsOnNode(node: string): KObject[] {
    const keys = this.podsByNode.get(node);
    if (!keys) return [];
    const pods = this.objects.get('Pod')!;
    const out: KObject[] = [];
    for (const k of keys) out.push(pods.get(k)!);
    return out;
  }

  /** Kinds that have at least one object. */
  kinds(): string[] {
    return [...this.objects.keys()].filter((k) => this.objects.get(k)!.size > 0);
  }

  /**
   * Writes an object (create or replace), assigning the next resourceVersion. The object must
   * be a fresh copy the caller no longer changes; it is frozen here.
   */
  put(kind: string, obj: KObject): KObject {
    const key = keyOf(obj);
    let all = this.objects.get(kind);
    if (!all) this.objects.set(kind, (all = new Map()));
    const old = all.get(key);
    this.rev++;
    obj.metadata.resourceVersion = String(this.rev);
    deepFreeze(obj);
    all.set(key, obj);
    if (old) this.unindex(kind, key, old);
    this.index(kind, key, obj);
    this.emit(kind, old ? { type: 'MODIFIED', object: obj, old } : { type: 'ADDED', object: obj });
    return obj;
  }

  /** Removes an object; the DELETED event carries the last state with a new resourceVersion. */
  remove(kind: string, key: string): KObject | undefined {
    const all = this.objects.get(kind);
    const old = all?.get(key);
    if (!all || !old) return undefined;
    all.delete(key);
    this.unindex(kind, key, old);
    this.rev++;
    const last = { ...old, metadata: { ...old.metadata, resourceVersion: String(this.rev) } };
    deepFreeze(last);
    this.emit(kind, { type: 'DELETED', object: last, old });
    return last;
  }

  /**
   * Watches a kind (optionally one namespace). With `sinceRv`, first replays the logged events
   * after that revision; returns undefined in that case if the log no longer reaches back
   * (the caller answers 410 Gone).
   */
  watch(kind: string, handler: WatchHandler, opts: { namespace?: string; sinceRv?: number } = {}): (() => void) | undefined {
    const w: Watcher = { kind, namespace: opts.namespace, handler };
    if (opts.sinceRv !== undefined && opts.sinceRv < this.rev) {
      if (opts.sinceRv < this.oldestWatchable) return undefined;
      for (const e of this.log) {
        if (e.rv <= opts.sinceRv || e.kind !== kind) continue;
        if (opts.namespace !== undefined && e.ev.object.metadata.namespace !== opts.namespace) continue;
        handler(e.ev);
      }
    }
    return this.subscribe(w);
  }

  /** Watches every kind. */
  watchAll(handler: (kind: string, ev: WatchEvent) => void): () => void {
    return this.subscribe({ kind: '*', handler: () => {}, all: handler });
  }

  private subscribe(w: Watcher): () => void {
    this.watchers.add(w);
    this.watchersOf.clear();
    return () => {
      this.watchers.delete(w);
      this.watchersOf.clear();
    };
  }

  private emit(kind: string, ev: WatchEvent): void {
    this.log.push({ rv: this.rev, kind, ev });
    if (this.log.length > WATCH_LOG_SIZE * 1.5) this.log = this.log.slice(this.log.length - WATCH_LOG_SIZE);
    const ns = ev.object.metadata.namespace;
    // The list is a snapshot: watchers added meanwhile wait for the next event, removed ones
    // are skipped.
    let list = this.watchersOf.get(kind);
    if (!list) {
      list = [];
      for (const w of this.watchers) if (w.all || w.kind === kind) list.push(w);
      this.watchersOf.set(kind, list);
    }
    for (const w of list) {
      if (!this.watchers.has(w)) continue;
      if (w.all) {
        w.all(kind, ev);
        continue;
      }
      if (w.namespace !== undefined && w.namespace !== ns) continue;
      w.handler(ev);
    }
  }

  private index(kind: string, key: string, obj: KObject): void {
    const ns = obj.metadata.namespace;
    if (ns !== undefined) {
      let byNs = this.byNamespace.get(kind);
      if (!byNs) this.byNamespace.set(kind, (byNs = new Map()));
      let set = byNs.get(ns);
      if (!set) byNs.set(ns, (set = new Set()));
      set.add(key);
    }
    const refs = obj.metadata.ownerReferences;
    if (refs) {
      const entry: [string, KObject] = [kind, obj];
      for (let i = 0; i < refs.length; i++) {
        let m = this.byOwner.get(refs[i].uid);
        if (!m) this.byOwner.set(refs[i].uid, (m = new Map()));
        m.set(`${kind}\0${key}`, entry);
      }
    }
    if (kind === 'Pod') {
      const node = obj.spec?.nodeName as string | undefined;
      if (node) {
        let set = this.podsByNode.get(node);
        if (!set) this.podsByNode.set(node, (set = new Set()));
        set.add(key);
      }
    }
  }

  private unindex(kind: string, key: string, obj: KObject): void {
    const ns = obj.metadata.namespace;
    if (ns !== undefined) this.byNamespace.get(kind)?.get(ns)?.delete(key);
    const refs = obj.metadata.ownerReferences;
    if (refs) {
      for (let i = 0; i < refs.length; i++) {
        const m = this.byOwner.get(refs[i].uid);
        m?.delete(`${kind}\0${key}`);
        if (m && m.size === 0) this.byOwner.delete(refs[i].uid);
      }
    }
    if (kind === 'Pod') {
      const node = obj.spec?.nodeName as string | undefined;
      if (node) this.podsByNode.get(node)?.delete(key);
    }
  }
}

export type { WatchEventType };
