/**
 * zustand store: the mirror of watched cluster objects and the simulation status, as the
 * worker pushed them. No logic beyond applying pushes.
 */
import { create } from 'zustand';
import type { EditRequest, Push, SimStatus, TerminalHint } from '../engine-client/protocol';
import { applyDeltas, emptyMirror, type Mirror } from './mirror';

export interface ClusterState {
  mirror: Mirror;
  status?: SimStatus;
  /** `kubectl edit` commands waiting for the editor. */
  edits: EditRequest[];
  /** The explanation of each terminal's last command (absent or without `hint`: none). */
  hints: Readonly<Record<string, TerminalHint>>;
  /** A failure of the engine itself (worker crashed, request failed). */
  error?: string;
  applyPush(push: Push): void;
  /** Several pushes in order, one store update. */
  applyPushes(pushes: Push[]): void;
  setError(error: string | undefined): void;
  dismissHint(id: string): void;
}

function withHints(hints: Readonly<Record<string, TerminalHint>>, push: Push): Readonly<Record<string, TerminalHint>> {
  if (!push.hints?.length) return hints;
  const next = { ...hints };
  for (const h of push.hints) next[h.id] = h;
  return next;
}

export const useCluster = create<ClusterState>()((set) => ({
  mirror: emptyMirror(),
  status: undefined,
  edits: [],
  hints: {},
  error: undefined,
  applyPush: (push) =>
    set((s) => ({ mirror: applyDeltas(s.mirror, push), status: push.status, edits: push.edits ?? s.edits, hints: withHints(s.hints, push) })),
  applyPushes: (pushes) =>
    set((s) => {
      if (pushes.length === 0) return s;
      let mirror = s.mirror;
      let edits = s.edits;
      let hints = s.hints;
      for (const p of pushes) {
        mirror = applyDeltas(mirror, p);
        edits = p.edits ?? edits;
        hints = withHints(hints, p);
      }
      return { mirror, status: pushes[pushes.length - 1].status, edits, hints };
    }),
  setError: (error) => set({ error }),
  dismissHint: (id) =>
    set((s) => {
      const { [id]: _gone, ...rest } = s.hints;
      return { hints: rest };
    }),
}));
