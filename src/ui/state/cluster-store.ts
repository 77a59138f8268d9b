/**
 * zustand store: the mirror of watched cluster objects and the simulation status, as the
 * worker pushed them. No logic beyond applying pushes.
 */
import { create } from 'zustand';
import type { Push, SimStatus } from '../engine-client/protocol';
import { applyDeltas, emptyMirror, type Mirror } from './mirror';

export interface ClusterState {
  mirror: Mirror;
  status?: SimStatus;
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
  error: undefined,
  applyPush: (push) => set((s) => ({ mirror: applyDeltas(s.mirror, push), status: push.status })),
  applyPushes: (pushes) =>
    set((s) => {
      if (pushes.length === 0) return s;
      let mirror = s.mirror;
      for (const p of pushes) mirror = applyDeltas(mirror, p);
      return { mirror, status: pushes[pushes.length - 1].status };
    }),
  setError: (error) => set({ error }),
}));
