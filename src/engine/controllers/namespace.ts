/**
 * The namespace controller (pkg/controller/namespace/deletion/namespaced_resources_deleter.go):
 * once a namespace is Terminating it deletes every namespaced object in it (pods gracefully,
 * others with background propagation), records its progress in the namespace's status
 * conditions, and when nothing is left removes the `kubernetes` finalizer so the namespace goes.
 */
import type { ClusterParts } from '../cluster';
import { isStatusError } from '../api/errors';
import { RESOURCES, type ResourceInfo } from '../api/resources';
import { clone, type KObject } from '../api/types/meta';
import { done, on, retry, type Controller, type Result, type Trigger } from './manager';

/** Condition types in the order the controller writes them. */
const CONDITION_TYPES = [
  'NamespaceDeletionDiscoveryFailure',
  'NamespaceDeletionGroupVersionParsingFailure',
  'NamespaceDeletionContentFailure',
  'NamespaceContentRemaining',
  'NamespaceFinalizersRemaining',
] as const;

const OK_MESSAGES: Record<string, string> = {
  NamespaceDeletionDiscoveryFailure: 'All resources successfully discovered',
  NamespaceDeletionGroupVersionParsingFailure: 'All legacy kube types successfully parsed',
  NamespaceDeletionContentFailure: 'All content successfully deleted, may be waiting on finalization',
  NamespaceContentRemaining: 'All content successfully removed',
  NamespaceFinalizersRemaining: 'All content-preserving finalizers finished',
};

const OK_REASONS: Record<string, string> = {
  NamespaceDeletionDiscoveryFailure: 'ResourcesDiscovered',
  NamespaceDeletionGroupVersionParsingFailure: 'ParsedGroupVersions',
  NamespaceDeletionContentFailure: 'ContentDeleted',
  NamespaceContentRemaining: 'ContentRemoved',
  NamespaceFinalizersRemaining: 'ContentHasNoFinalizers',
};

interface NamespaceCondition {
  type: string;
  status: string;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

/** Namespaced kinds the controller can list and delete. */
function deletableKinds(): ResourceInfo[] {
  return RESOURCES.filter((r) => r.namespaced && r.verbs.includes('delete') && r.verbs.includes('list'));
}

export class NamespaceController implements Controller {
  readonly name = 'namespace-controller';

  constructor(private c: ClusterParts) {}

  triggers(): Trigger[] {
    const triggers: Trigger[] = [
      on('Namespace', (ev) => (ev.type !== 'DELETED' && ev.object.metadata.deletionTimestamp ? [ev.object.metadata.name!] : [])),
    ];
    // Content going away in a terminating namespace: check whether it is empty now.
    for (const info of deletableKinds()) {
      triggers.push(
        on(info.kind, (ev) => {
          if (ev.type !== 'DELETED') return [];
          const ns = ev.object.metadata.namespace!;
          return this.c.api.getByKey('Namespace', ns)?.metadata.deletionTimestamp ? [ns] : [];
        }),
      );
    }
    return triggers;
  }

  reconcile(name: string): Result {
    const ns = this.c.api.getByKey('Namespace', name);
    if (!ns) return done(); // already gone
    if (!ns.metadata.deletionTimestamp) return done(); // not terminating: not ours to act on
    const remaining = new Map<string, number>();
    const finalizers = new Map<string, number>();
    for (const info of deletableKinds()) {
      for (const obj of this.c.api.list(info.kind, { namespace: name }).items) {
        if (!obj.metadata.deletionTimestamp) this.deleteQuietly(info.kind, obj);
        const cur = this.c.api.getByKey(info.kind, `${name}/${obj.metadata.name}`);
        if (!cur) continue;
        const gvr = `${info.plural}.${info.group}`;
        remaining.set(gvr, (remaining.get(gvr) ?? 0) + 1);
        for (const f of cur.metadata.finalizers ?? []) finalizers.set(f, (finalizers.get(f) ?? 0) + 1);
      }
    }
    this.updateConditions(ns, remaining, finalizers);
    if (remaining.size > 0) return done(); // woken again as content disappears
    this.c.api.finalizeNamespace(name);
    return done();
  }

  private deleteQuietly(kind: string, obj: KObject): void {
    try {
      this.c.api.delete(kind, obj.metadata.namespace, obj.metadata.name!, { propagationPolicy: 'Background' });
    } catch (e) {
      // Removed meanwhile (e.g. by the garbage collector): nothing left to delete.
      if (!(isStatusError(e) && e.code === 404)) throw e;
    }
  }

  private updateConditions(ns: KObject, remaining: Map<string, number>, finalizers: Map<string, number>): Result {
    const now = this.c.clock.rfc3339();
    const fresh: Record<string, NamespaceCondition> = {};
    if (remaining.size > 0) {
      const parts = [...remaining].map(([gvr, n]) => `${gvr} has ${n} resource instances`).sort();
      fresh.NamespaceContentRemaining = {
        type: 'NamespaceContentRemaining',
        status: 'True',
        lastTransitionTime: now,
        reason: 'SomeResourcesRemain',
        message: `Some resources are remaining: ${parts.join(', ')}`,
      };
    }
    if (finalizers.size > 0) {
      const parts = [...finalizers].map(([f, n]) => `${f} in ${n} resource instances`).sort();
      fresh.NamespaceFinalizersRemaining = {
        type: 'NamespaceFinalizersRemaining',
        status: 'True',
        lastTransitionTime: now,
        reason: 'SomeFinalizersRemain',
        message: `Some content in the namespace has finalizers remaining: ${parts.join(', ')}`,
      };
    }
    const conditions: NamespaceCondition[] = clone((ns.status?.conditions ?? []) as NamespaceCondition[]);
    let changed = false;
    for (const type of CONDITION_TYPES) {
      const want = fresh[type] ?? { type, status: 'False', lastTransitionTime: now, reason: OK_REASONS[type], message: OK_MESSAGES[type] };
      const old = conditions.find((c) => c.type === type);
      if (!old) {
        conditions.push(want);
        changed = true;
      } else if (old.status !== want.status || old.reason !== want.reason || old.message !== want.message) {
        Object.assign(old, want);
        changed = true;
      }
    }
    if (!changed) return done();
    try {
      const cur = this.c.api.getByKey('Namespace', ns.metadata.name!)!;
      this.c.api.updateStatus({ ...cur, status: { ...cur.status, conditions } });
    } catch (e) {
      if (isStatusError(e)) return retry();
      throw e;
    }
    return done();
  }
}
