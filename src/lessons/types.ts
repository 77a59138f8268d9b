/**
 * Guided lessons: data plus pure checks over a read-only view of the cluster (STYLE.md
 * section 9). The UI runs the checks on its mirror of watched objects; tests run them on a real
 * simulated cluster. Checks never mutate and never read the clock.
 */
import type { KObject } from '../engine/api/types/meta';

export type Lang = 'en' | 'zh';

/** A text in every language the playground speaks. */
export type Text = Record<Lang, string>;

/** The read-only cluster a check sees. */
export interface ClusterView {
  get(kind: string, namespace: string | undefined, name: string): KObject | undefined;
  /** Every object of a kind, optionally in one namespace. */
  list(kind: string, namespace?: string): readonly KObject[];
}

export interface LessonStep {
  /** What the learner does and why; inline `code` is a command they can click to type. */
  text: Text;
  /** The command (or commands, one per line) that completes the step. */
  hint: string;
  /**
   * Whether the step is complete. Steps without a check only read the cluster (`kubectl get`):
   * the learner moves on with "Next".
   */
  check?: (c: ClusterView) => boolean;
  /**
   * Simulated seconds the cluster needs after the hint before the check holds (pulling images,
   * rolling out). The golden transcript sleeps this long; the browser just lets time run.
   */
  settle?: number;
  /** A file the step asks the learner to write (shown in the editor): path and content. */
  file?: { path: string; content: string };
}

export interface Lesson {
  /** kebab-case id, also the folder name without its number. */
  id: string;
  title: Text;
  /** One or two sentences: what the learner will see Kubernetes do. */
  summary: Text;
  /** Shell lines run on a fresh cluster before the first step. */
  setup: string[];
  /** Simulated seconds to let the setup settle. */
  setupSettle?: number;
  steps: LessonStep[];
  /** What the learner should take away, shown at the end. */
  recap: Text;
}

/** Identity with type checking; keeps lesson files declarative. */
export function defineLesson(lesson: Lesson): Lesson {
  return lesson;
}
