/**
 * Event recording as client-go's record.EventRecorder with the EventCorrelator: an event with
 * the same source, involved object, type, reason and message as one of the source's 4,096 most
 * recent ones bumps that event's `count` and `lastTimestamp` instead of creating a new object. Events expire after
 * one hour (the apiserver's --event-ttl default).
 */
import type { ApiServer } from './server';
import { apiVersionOf, mustResource } from './resources';
import type { KObject } from './types/meta';
import { isStatusError } from './errors';

export type EventType = 'Normal' | 'Warning';

/** --event-ttl default. */
export const EVENT_TTL_SECONDS = 3600;

export interface EventSource {
  component: string;
  host?: string;
}

/** maxLruCacheEntries: how many events each source remembers for deduplication. */
const LRU_SIZE = 4096;

/**
 * `ms` as a hexadecimal count of nanoseconds plus `extra`, as BigInt would print
 * `ms * 1e6 + extra` (computed in two exact halves: the product exceeds 2^53).
 */
export function nanosHex(ms: number, extra: number): string {
  const lowMs = ms % 4_294_967_296;
  const highMs = (ms - lowMs) / 4_294_967_296;
  const low = lowMs * 1_000_000 + extra; // < 2^53
  const lo = low % 4_294_967_296;
  const hi = highMs * 1_000_000 + (low - lo) / 4_294_967_296;
  return hi === 0 ? lo.toString(16) : hi.toString(16) + lo.toString(16).padStart(8, '0');
}

/** Creates and aggregates core/v1 Events for one component. */
export class EventRecorder {
  /**
   * Per cluster and source (component and host): correlation key -> event key, the 4,096 most
   * recently used (client-go's eventLogger LRU cache; each component has its own).
   */
  private static index = new WeakMap<ApiServer, Map<string, Map<string, string>>>();
  /** Per-cluster sequence: two components recording in the same millisecond get distinct names. */
  private static seqs = new WeakMap<ApiServer, { n: number }>();

  constructor(
    private api: ApiServer,
    private source: EventSource,
  ) {}

  /**
   * Records an event about `obj`. `fieldPath` names a container (`spec.containers{nginx}`) as
   * the kubelet does.
   */
  event(obj: KObject, type: EventType, reason: string, message: string, fieldPath?: string): void {
    const info = mustResource(obj.kind!);
    const ns = obj.metadata.namespace ?? 'default';
    const involved = {
      kind: info.kind,
      namespace: info.namespaced ? obj.metadata.namespace : undefined,
      name: obj.metadata.name!,
      uid: obj.metadata.uid,
      apiVersion: apiVersionOf(info),
      resourceVersion: obj.metadata.resourceVersion,
      fieldPath,
    };
    if (!info.namespaced) delete involved.namespace;
    if (!fieldPath) delete involved.fieldPath;
    let sources = EventRecorder.index.get(this.api);
    if (!sources) EventRecorder.index.set(this.api, (sources = new Map()));
    const sourceKey = `${this.source.component}\0${this.source.host ?? ''}`;
    let index = sources.get(sourceKey);
    if (!index) sources.set(sourceKey, (index = new Map()));
    const corr = [info.kind, ns, obj.metadata.name, obj.metadata.uid, fieldPath ?? '', type, reason, message].join('\0');
    const now = this.api.clock.rfc3339();
    const existingKey = index.get(corr);
    if (existingKey !== undefined) {
      // Most recently used.
      index.delete(corr);
      index.set(corr, existingKey);
    }
    const existing = existingKey ? this.api.getByKey('Event', existingKey) : undefined;
    try {
      if (existing) {
        this.api.update({ ...existing, count: ((existing.count as number) ?? 1) + 1, lastTimestamp: now, metadata: { ...existing.metadata } });
        return;
      }
      let seq = EventRecorder.seqs.get(this.api);
      if (!seq) EventRecorder.seqs.set(this.api, (seq = { n: 0 }));
      const name = `${obj.metadata.name}.${nanosHex(Math.floor(this.api.clock.now()), seq.n++ % 1_000_000)}`;
      const ev = this.api.create({
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name, namespace: ns },
        involvedObject: involved,
        reason,
        message,
        source: this.source.host ? { component: this.source.component, host: this.source.host } : { component: this.source.component },
        firstTimestamp: now,
        lastTimestamp: now,
        count: 1,
        type,
        eventTime: null,
        reportingComponent: this.source.component,
        reportingInstance: this.source.host ?? '',
      });
      const key = `${ns}/${ev.metadata.name}`;
      index.set(corr, key);
      if (index.size > LRU_SIZE) index.delete(index.keys().next().value!);
      this.api.clock.after(EVENT_TTL_SECONDS, () => this.expire(index, corr, key, ns, name));
    } catch (e) {
      // Events are best effort, as in client-go: a namespace being deleted refuses new events.
      if (!isStatusError(e)) throw e;
    }
  }

  /** Deletes the event once an hour has passed since its last occurrence. */
  private expire(index: Map<string, string>, corr: string, key: string, ns: string, name: string): void {
    const cur = this.api.getByKey('Event', key);
    if (!cur) return;
    // Aggregated events live an hour from their last occurrence.
    const dueMs = Date.parse(cur.lastTimestamp as string) + EVENT_TTL_SECONDS * 1000;
    if (dueMs > this.api.clock.now()) {
      this.api.clock.at(dueMs, () => this.expire(index, corr, key, ns, name));
      return;
    }
    this.api.delete('Event', ns, name);
    if (index.get(corr) === key) index.delete(corr);
  }
}
