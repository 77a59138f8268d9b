/**
 * Adoption and release of dependents, as pkg/controller/controller_ref_manager.go
 * (BaseControllerRefManager.ClaimObject): a controller owns the objects whose controller
 * ownerReference names it; it adopts orphans its selector matches and releases owned objects
 * its selector stops matching.
 */
import type { ApiServer } from '../../api/server';
import { isStatusError } from '../../api/errors';
import { matches, type Selector } from '../../api/selectors';
import { clone, controllerRef, type KObject } from '../../api/types/meta';
import { newControllerRef } from './pods';

/**
 * Returns the candidates `owner` controls after adopting matching orphans and releasing owned
 * objects that no longer match. `candidates` are objects of one kind in the owner's namespace.
 */
export function claimObjects(api: ApiServer, owner: KObject, candidates: Iterable<KObject>, selector: Selector): KObject[] {
  const claimed: KObject[] = [];
  const ownerDeleting = !!owner.metadata.deletionTimestamp;
  for (const obj of candidates) {
    const ref = controllerRef(obj);
    const match = matches(selector, obj.metadata.labels);
    if (ref) {
      if (ref.uid !== owner.metadata.uid) continue; // owned by someone else
      if (match) {
        claimed.push(obj);
        continue;
      }
      if (ownerDeleting) continue;
      release(api, obj, owner.metadata.uid!);
      continue;
    }
    // An orphan.
    if (ownerDeleting || !match || obj.metadata.deletionTimestamp) continue;
    if (owner.metadata.namespace && owner.metadata.namespace !== obj.metadata.namespace) continue;
    const adopted = adopt(api, owner, obj);
    if (adopted) claimed.push(adopted);
  }
  return claimed;
}

/** Adds the controller reference (the adoption patch). Undefined when the object is gone. */
export function adopt(api: ApiServer, owner: KObject, obj: KObject): KObject | undefined {
  const next = clone(obj);
  next.metadata.ownerReferences = [...(next.metadata.ownerReferences ?? []), newControllerRef(owner)];
  try {
    return api.update(next);
  } catch (e) {
    if (isStatusError(e) && e.code === 404) return undefined;
    throw e;
  }
}

/** Removes the owner's reference (the release patch); a vanished object is fine. */
export function release(api: ApiServer, obj: KObject, ownerUid: string): void {
  const next = clone(obj);
  next.metadata.ownerReferences = (next.metadata.ownerReferences ?? []).filter((r) => r.uid !== ownerUid);
  if (next.metadata.ownerReferences.length === 0) delete next.metadata.ownerReferences;
  try {
    api.update(next);
  } catch (e) {
    if (isStatusError(e) && e.code === 404) return;
    throw e;
  }
}
