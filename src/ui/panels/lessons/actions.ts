/**
 * What the lessons panel does to the playground, through the same doors the learner uses: lines
 * typed into the terminal's shell (so they show there, with their output and in the history),
 * files written to the shell's file system and opened in the YAML editor, and a fresh cluster.
 */
import { EXTRA_FILES } from '../../../lessons';
import type { Lesson } from '../../../lessons/types';
import { getEngine, report, typeInto } from '../../engine-client';
import { useUi } from '../../state/ui-store';
import { startLesson } from './progress';
import { useLessons } from './progress-store';

/** The learner's home directory, where `kubectl apply -f app.yaml` finds app.yaml. */
export const HOME = '/home/learner';
/** The terminal the lessons type into. */
export const TERMINAL = 'main';
/** The cluster every lesson (and its golden transcript) starts from. */
export const LESSON_CLUSTER = { nodes: 3, seed: 1 };

/** Readline keys: to the start of the line, then kill to its end (what the learner had typed). */
const CLEAR_LINE = '\x01\x0b';

export function filePath(path: string): string {
  return path.startsWith('/') ? path : `${HOME}/${path}`;
}

function showTerminal(): void {
  useUi.getState().setRightTab('terminal');
  // The terminal keeps its focus across tab switches; a click on a panel button took it away.
  requestAnimationFrame(() => document.querySelector<HTMLElement>('[data-testid="terminal"] .xterm-helper-textarea')?.focus());
}

/** Types text at the terminal's prompt without running it (a clicked chip). */
export async function typeText(text: string): Promise<void> {
  showTerminal();
  await typeInto(TERMINAL, text.replace(/\s*\n\s*/g, ' '));
}

/** Runs lines in the terminal as if typed, one after the other. */
export async function runLines(lines: readonly string[]): Promise<void> {
  showTerminal();
  await typeInto(TERMINAL, CLEAR_LINE + lines.map((l) => `${l}\r`).join(''));
}

/** Writes a lesson file and shows it in the editor. */
export async function openFile(file: { path: string; content: string }, write: boolean): Promise<void> {
  const path = filePath(file.path);
  if (write) await report(getEngine().writeFile(path, file.content));
  useUi.getState().openInEditor(path);
}

/** Writes a lesson file unless the learner has one (maybe edited) already. */
export async function ensureFile(file: { path: string; content: string }): Promise<void> {
  const path = filePath(file.path);
  const r = await getEngine().readFile(path);
  if (r.ok && r.value === undefined) await report(getEngine().writeFile(path, file.content));
}

/** The step's file, written fresh and opened, when the learner arrives at the step. */
export async function enterStep(lesson: Lesson, index: number): Promise<void> {
  const file = lesson.steps[index]?.file;
  if (file) await openFile(file, true);
}

/** "Run it": the step's file if missing, then its hint lines in the terminal. */
export async function runStep(lesson: Lesson, index: number): Promise<void> {
  const step = lesson.steps[index];
  if (!step) return;
  if (step.file) await ensureFile(step.file);
  await runLines(step.hint.split('\n').filter((l) => l.trim() !== ''));
}

/**
 * Starts (or restarts) a lesson: a fresh cluster, the lesson's files, its setup typed into the
 * terminal so the learner sees what prepared the cluster, then its first step.
 */
export async function beginLesson(lesson: Lesson): Promise<void> {
  const engine = getEngine();
  const status = await report(engine.start(LESSON_CLUSTER));
  if (!status) return;
  const store = useLessons.getState();
  store.freshCluster(status.generation, status.nowMs);
  store.update((p) => startLesson(p, lesson.id));
  for (const f of EXTRA_FILES[lesson.id] ?? []) await report(engine.writeFile(filePath(f.path), f.content));
  if (lesson.setup.length) await runLines(lesson.setup);
  await enterStep(lesson, 0);
}
