/**
 * The UI's mirror of the cluster: the worker's view models by kind and key, updated from pushes
 * (batched deltas) as an informer's cache is updated from watch events. Pure functions; the
 * zustand store (cluster-store.ts) holds the result.
 */
import { VIEW_KINDS, type Push, type ViewKind, type ViewOf } from '../engine-client/protocol';

export type Mirror = { [K in ViewKind]: Readonly<Record<string, ViewOf[K]>> };

export function emptyMirror(): Mirror {
  const m = {} as Record<ViewKind, Record<string, unknown>>;
  for (const k of VIEW_KINDS) m[k] = {};
  return m as Mirror;
}

/**
 * Applies a push: a resync starts from empty; each kind that changed gets a new record (so
 * selectors of other kinds keep their identity), kinds without changes are shared.
 */
export function applyDeltas(mirror: Mirror, push: Pick<Push, 'resync' | 'deltas'>): Mirror {
  if (!push.resync && push.deltas.length === 0) return mirror;
  const next = { ...(push.resync ? emptyMirror() : mirror) } as Record<ViewKind, Record<string, unknown>>;
  for (const d of push.deltas) {
    if (d.upsert.length === 0 && d.remove.length === 0 && !push.resync) continue;
    const rec = { ...next[d.kind] };
    for (const key of d.remove) delete rec[key];
    for (const v of d.upsert) rec[v.key] = v;
    next[d.kind] = rec;
  }
  return next as Mirror;
}
