/**
 * Lesson progress as pure functions over plain data (the store in progress-store.ts holds it
 * and persists it): which lesson is open, which step the learner is on, which steps are done.
 * A step is done once its check passed (or, without a check, once the learner moved on); it
 * stays done when the cluster changes later.
 */
import type { Lesson } from '../../../lessons/types';

export interface LessonProgress {
  /** The step shown (index); equal to the step count once the recap is shown. */
  step: number;
  /** Indexes of the steps done. */
  done: number[];
}

export interface Progress {
  /** The open lesson; undefined shows the lesson list. */
  current?: string;
  /** The lesson whose fresh cluster (and setup) the playground runs now. */
  cluster?: string;
  lessons: Record<string, LessonProgress>;
}

export const EMPTY: Progress = { lessons: {} };

/** Opens a lesson from its first step on its fresh cluster, forgetting earlier progress in it. */
export function startLesson(p: Progress, id: string): Progress {
  return { current: id, cluster: id, lessons: { ...p.lessons, [id]: { step: 0, done: [] } } };
}

/**
 * Whether opening the lesson goes on where the learner left it: only the lesson the cluster was
 * prepared for can continue; any other starts over on a fresh cluster.
 */
export function canContinue(p: Progress, id: string): boolean {
  return p.cluster === id && !!p.lessons[id];
}

/** Reopens the lesson the cluster belongs to, where the learner left it. */
export function continueLesson(p: Progress, id: string): Progress {
  return canContinue(p, id) ? { ...p, current: id } : p;
}

/** Back to the lesson list; progress is kept. */
export function closeLesson(p: Progress): Progress {
  return { ...p, current: undefined };
}

/** Marks a step done (idempotent). */
export function completeStep(p: Progress, id: string, step: number): Progress {
  const lp = p.lessons[id];
  if (!lp || lp.done.includes(step)) return p;
  return { ...p, lessons: { ...p.lessons, [id]: { ...lp, done: [...lp.done, step].sort((a, b) => a - b) } } };
}

/**
 * Moves to the next step (the recap after the last), marking the step left as done: steps
 * without a check are done by reading them, and a skipped step counts as seen.
 */
export function nextStep(p: Progress, lesson: Lesson): Progress {
  const lp = p.lessons[lesson.id];
  if (!lp || lp.step >= lesson.steps.length) return p;
  const marked = completeStep(p, lesson.id, lp.step).lessons[lesson.id];
  return { ...p, lessons: { ...p.lessons, [lesson.id]: { ...marked, step: lp.step + 1 } } };
}

export interface Summary {
  started: boolean;
  done: number;
  total: number;
  finished: boolean;
}

export function summaryOf(p: Progress, lesson: Lesson): Summary {
  const lp = p.lessons[lesson.id];
  const total = lesson.steps.length;
  const done = lp ? lp.done.filter((i) => i < total).length : 0;
  return { started: !!lp, done, total, finished: !!lp && lp.step >= total };
}

/** A first visit: no lesson was ever opened. */
export function firstVisit(p: Progress): boolean {
  return Object.keys(p.lessons).length === 0;
}

/** The lesson to suggest next: the first one not finished, in teaching order. */
export function suggested(p: Progress, lessons: readonly Lesson[]): Lesson | undefined {
  return lessons.find((l) => !summaryOf(p, l).finished);
}
