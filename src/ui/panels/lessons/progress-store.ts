/**
 * zustand store of the lessons panel: the learner's progress (persisted in localStorage, beside
 * the UI layout; the cluster itself is persisted by the worker) and transient state of the open
 * lesson. The rules live in progress.ts; this only holds the result.
 */
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { EMPTY, type Progress } from './progress';

export interface LessonsState {
  progress: Progress;
  /** The side panel is collapsed to a strip. */
  collapsed: boolean;
  /**
   * Checks wait for the mirror of this engine generation (the fresh cluster a lesson asked
   * for): until its first push arrives the mirror still shows the old cluster.
   */
  awaitGeneration: number;
  /** Simulated time when the open lesson's setup ran (for the "getting ready" note). */
  setupAtMs?: number;
  update(fn: (p: Progress) => Progress): void;
  setCollapsed(collapsed: boolean): void;
  freshCluster(generation: number, nowMs: number): void;
}

export const useLessons = create<LessonsState>()(
  persist(
    (set) => ({
      progress: EMPTY,
      collapsed: false,
      awaitGeneration: 0,
      setupAtMs: undefined,
      update: (fn) => set((s) => ({ progress: fn(s.progress) })),
      setCollapsed: (collapsed) => set({ collapsed }),
      freshCluster: (awaitGeneration, setupAtMs) => set({ awaitGeneration, setupAtMs }),
    }),
    {
      name: 'kubeplay-lessons',
      version: 1,
      partialize: (s) => ({ progress: s.progress, collapsed: s.collapsed }),
    },
  ),
);
