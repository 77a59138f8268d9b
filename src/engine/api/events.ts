/**
 * Event recording as client-go's record.EventRecorder with the EventCorrelator: an event with
 * the same source, involved object, type, reason and message as an earlier one bumps that
 * event's `count` and `lastTimestamp` instead of creating a new object. Events expire after
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

/** Creates and aggregates core/v1 Events for one component. */
export class EventRecorder {
  /** correlation key -> event key, shared by all recorders of a cluster. */
  private static index = new WeakMap<ApiServer, Map<string, string>>();
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
    let index = EventRecorder.index.get(this.api);
    if (!index) EventRecorder.index.set(this.api, (index = new Map()));
    const corr = [this.source.component, this.source.host ?? '', info.kind, ns, obj.metadata.name, obj.metadata.uid, fieldPath ?? '', type, reason, message].join('\0');
    const now = this.api.clock.rfc3339();
    const existingKey = index.get(corr);
    const existing = existingKey ? this.api.getByKey('Event', existingKey) : undefined;
    try {
      if (existing) {
        this.api.update({ ...existing, count: ((existing.count as number) ?? 1) + 1, lastTimestamp: now, metadata: { ...existing.metadata } });
        return;
      }
      let seq = EventRecorder.seqs.get(this.api);
      if (!seq) EventRecorder.seqs.set(this.api, (seq = { n: 0 }));
      const nanos = BigInt(Math.floor(this.api.clock.now())) * 1_000_000n + BigInt(seq.n++ % 1_000_000);
      const name = `${obj.metadata.name}.${nanos.toString(16)}`;
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
      index.set(corr, `${ns}/${ev.metadata.name}`);
      const key = `${ns}/${ev.metadata.name}`;
      const expire = (): void => {
        const cur = this.api.getByKey('Event', key);
        if (!cur) return;
        // Aggregated events live an hour from their last occurrence.
        const dueMs = Date.parse(cur.lastTimestamp as string) + EVENT_TTL_SECONDS * 1000;
        if (dueMs > this.api.clock.now()) {
          this.api.clock.at(dueMs, expire);
          return;
        }
        this.api.delete('Event', ns, name);
        if (index!.get(corr) === key) index!.delete(corr);
      };
      this.api.clock.after(EVENT_TTL_SECONDS, expire);
    } catch (e) {
      // Events are best effort, as in client-go: a namespace being deleted refuses new events.
      if (!isStatusError(e)) throw e;
    }
  }
}
