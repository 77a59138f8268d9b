/**
 * zustand store: the mirror of watched cluster objects and the simulation status, as the
 * worker pushed them. No logic beyond applying pushes.
 */
import { create } from 'zustand';
import type { EditRequest, Push, SimStatus } from '../engine-client/protocol';
import { applyDeltas, emptyMirror, type Mirror } from './mirror';

export interface ClusterState {
  mirror: Mirror;
  status?: SimStatus;
  /** `kubectl edit` commands waiting for the editor. */
  edits: EditRequest[];
  /** A failure of the engine itself (worker crashed, request failed). */
  error?: string;
  applyPush(push: Push): void;
  /** Several pushes in order, one store update. */
  applyPushes(pushes: Push[]): void;
  setError(error: string | undefined): void;
}

export const useCluster = create<ClusterState>()((set) => ({
  mirror: emptyMirror(),
  status: undefined,
  edits: [],
  error: undefined,
  applyPush: (push) =>
    set((s) => ({ mirror: applyDeltas(s.mirror, push), status: push.status, edits: push.edits ?? s.edits })),
  applyPushes: (pushes) =>
    set((s) => {
      if (pushes.length === 0) return s;
      let mirror = s.mirror;
      let edits = s.edits;
      for (const p of pushes) {
        mirror = applyDeltas(mirror, p);
        edits = p.edits ?? edits;
      }
      return { mirror, status: pushes[pushes.length - 1].status, edits };
    }),
  setError: (error) => set({ error }),
}));
