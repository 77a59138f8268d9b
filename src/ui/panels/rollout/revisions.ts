/**
 * A Deployment's rollout as ReplicaSet revisions side by side (pure): every ReplicaSet the
 * Deployment owns, oldest revision first, with its pods, its desired and ready counts, and
 * whether it grows (the new revision during a rollout) or shrinks (an old one being scaled
 * down). `kubectl rollout undo` does not create a ReplicaSet: the deployment controller gives
 * an old one the next revision number (deployment/util.SetNewReplicaSetAnnotations) and
 * records the old number in `deployment.kubernetes.io/revision-history`, so the column that
 * becomes current is the old one, with its old name and pod-template-hash.
 */
import type { PodView, WorkloadView } from '../../engine-client/protocol';
import { categoryOf, type Category } from '../topology/status';

export interface RevisionPod {
  key: string;
  name: string;
  status: string;
  category: Category;
  deleting: boolean;
}

export interface RevisionColumn {
  key: string;
  name: string;
  /** pod-template-hash: the ReplicaSet's name suffix. */
  hash: string;
  revision: number;
  /** Revisions this ReplicaSet had before (`rollout undo` brought it back). */
  history: number[];
  images: string[];
  desired: number;
  ready: number;
  /** The Deployment's current revision (the newest). */
  current: boolean;
  trend: 'growing' | 'shrinking' | 'steady';
  pods: RevisionPod[];
}

export function revisionColumns(dep: WorkloadView, replicaSets: WorkloadView[], pods: PodView[]): RevisionColumn[] {
  const mine = replicaSets.filter((rs) => rs.namespace === dep.namespace && rs.owner?.kind === 'Deployment' && rs.owner.name === dep.name);
  const byOwner = new Map<string, PodView[]>();
  for (const p of pods) {
    if (p.namespace !== dep.namespace || p.owner?.kind !== 'ReplicaSet') continue;
    const list = byOwner.get(p.owner.name);
    if (list) list.push(p);
    else byOwner.set(p.owner.name, [p]);
  }
  const top = Math.max(0, ...mine.map((rs) => Number(rs.revision ?? 0)));
  return mine
    .map((rs): RevisionColumn => {
      const revision = Number(rs.revision ?? 0);
      const own = (byOwner.get(rs.name) ?? []).slice().sort((a, b) => a.createdMs - b.createdMs || a.name.localeCompare(b.name));
      const live = own.filter((p) => !p.deleting).length;
      const current = revision === top;
      const trend = current ? (live < rs.desired || rs.ready < rs.desired ? 'growing' : 'steady') : live > 0 || rs.desired > 0 ? 'shrinking' : 'steady';
      return {
        key: rs.key,
        name: rs.name,
        hash: rs.name.startsWith(`${dep.name}-`) ? rs.name.slice(dep.name.length + 1) : rs.name,
        revision,
        history: (rs.revisionHistory ?? '').split(',').filter(Boolean).map(Number),
        images: rs.images,
        desired: rs.desired,
        ready: rs.ready,
        current,
        trend,
        pods: own.map((p) => ({ key: p.key, name: p.name, status: p.status, category: categoryOf(p.status, p.phase), deleting: p.deleting })),
      };
    })
    .sort((a, b) => a.revision - b.revision || a.name.localeCompare(b.name));
}
