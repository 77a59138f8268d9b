/**
 * A lesson text in the current language: code spans become chips. A chip naming one of the
 * lesson's files opens it in the editor; any other chip types its text at the terminal prompt
 * (the learner completes it and presses Enter).
 */
import type { Lesson } from '../../../lessons/types';
import { EXTRA_FILES } from '../../../lessons';
import { renderText } from './text';
import { openFile, typeText } from './actions';
import { useLessonsT } from './messages';

export function lessonFiles(lesson: Lesson): { path: string; content: string }[] {
  return [...lesson.steps.flatMap((s) => (s.file ? [s.file] : [])), ...(EXTRA_FILES[lesson.id] ?? [])];
}

export function LessonText({ text, lesson }: { text: string; lesson: Lesson }) {
  const t = useLessonsT();
  const files = lessonFiles(lesson);
  return (
    <div className="lesson-text">
      {renderText(text, (code, key) => {
        const file = files.find((f) => f.path === code);
        return (
          <button
            key={key}
            type="button"
            className={file ? 'chip chip-file' : 'chip'}
            title={file ? t('chip.open') : t('chip.type')}
            onClick={() => void (file ? openFile(file, false) : typeText(code))}
          >
            {code}
          </button>
        );
      })}
    </div>
  );
}
