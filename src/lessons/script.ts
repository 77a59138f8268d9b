/**
 * A lesson as a session script: the setup, then per step the file it asks for (written with a
 * heredoc, as a learner would in a terminal), its hint commands and a `sleep` for the time the
 * cluster needs. This is what the golden transcript of each lesson runs.
 */
import type { Lesson } from './types';

/** Script lines of the setup. */
export function setupScript(lesson: Lesson): string {
  const lines = [...lesson.setup];
  if (lesson.setupSettle) lines.push(`sleep ${lesson.setupSettle}`);
  return lines.map((l) => l + '\n').join('');
}

/** Script lines of one step. */
export function stepScript(lesson: Lesson, index: number): string {
  const step = lesson.steps[index];
  let s = '';
  if (step.file) s += `cat > ${step.file.path} <<'EOF'\n${step.file.content.replace(/\n?$/, '\n')}EOF\n`;
  s += step.hint.replace(/\n?$/, '\n');
  if (step.settle) s += `sleep ${step.settle}\n`;
  return s;
}

/** The whole lesson as one script. */
export function lessonScript(lesson: Lesson): string {
  let s = `# Lesson: ${lesson.title.en}\n` + setupScript(lesson);
  lesson.steps.forEach((_, i) => {
    s += `# Step ${i + 1}\n` + stepScript(lesson, i);
  });
  return s;
}
