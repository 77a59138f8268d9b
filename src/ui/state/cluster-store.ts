/**
 * zustand store: the mirror of watched cluster objects and the simulation status, as the
 * worker pushed them. No logic beyond applying pushes.
 */
import { create } from 'zustand';
import type { EditRequest, FlowView, Push, SimStatus, TerminalHint, TrafficView } from '../engine-client/protocol';
import { applyDeltas, emptyMirror, type Mirror } from './mirror';

export interface ClusterState {
  mirror: Mirror;
  status?: SimStatus;
  /** `kubectl edit` commands waiting for the editor. */
  edits: EditRequest[];
  /** The explanation of each terminal's last command (absent or without `hint`: none). */
  hints: Readonly<Record<string, TerminalHint>>;
  /** The traffic the UI sends to a Service, with its spread over pods. */
  traffic?: TrafficView;
  /** The request flow of the last action (control-plane view). */
  flow?: FlowView;
  /** The engine worker was restarted after it stopped answering. */
  engine?: EngineState;
  /** A failure of the engine itself (worker crashed, request failed). */
  error?: string;
  applyPush(push: Push): void;
  /** Several pushes in order, one store update. */
  applyPushes(pushes: Push[]): void;
  setError(error: string | undefined): void;
  dismissHint(id: string): void;
  setEngineState(engine: EngineState | undefined): void;
}

export interface EngineState {
  state: 'restarting' | 'restarted';
  /** Restarts so far in this page. */
  restarts: number;
  reason?: string;
}

/** The state after several pushes in order. */
function reduce(s: ClusterState, pushes: Push[]): Partial<ClusterState> {
  let { mirror, edits, hints, traffic, flow } = s;
  for (const p of pushes) {
    mirror = applyDeltas(mirror, p);
    edits = p.edits ?? edits;
    hints = withHints(hints, p);
    if (p.traffic !== undefined) traffic = p.traffic ?? undefined;
    if (p.flow !== undefined) flow = p.flow ?? undefined;
  }
  return { mirror, status: pushes[pushes.length - 1].status, edits, hints, traffic, flow };
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
  traffic: undefined,
  error: undefined,
  applyPush: (push) => set((s) => reduce(s, [push])),
  applyPushes: (pushes) => set((s) => (pushes.length === 0 ? s : reduce(s, pushes))),
  setError: (error) => set({ error }),
  setEngineState: (engine) => set({ engine }),
  dismissHint: (id) =>
    set((s) => {
      const { [id]: _gone, ...rest } = s.hints;
      return { hints: rest };
    }),
}));
