/**
 * The open lesson: its steps one at a time (text with chips, the file in the editor, the hint
 * on request, "Run it", completion when the check passes, "Next"), then the recap.
 */
import { useState } from 'react';
import { LESSONS } from '../../../lessons';
import type { Lesson } from '../../../lessons/types';
import { useLang } from '../../state/ui-store';
import { useCluster } from '../../state/cluster-store';
import { beginLesson, enterStep, openFile, runStep } from './actions';
import { LessonText } from './LessonText';
import { startWithConfirm } from './LessonList';
import { useLessonsT } from './messages';
import { closeLesson, nextStep } from './progress';
import { useLessons } from './progress-store';
import { useStepCheck } from './useStepCheck';

/** Settle times from which the panel suggests speeding time up. */
const SLOW_SECONDS = 30;

function Dots({ lesson, step, done }: { lesson: Lesson; step: number; done: number[] }) {
  const t = useLessonsT();
  return (
    <ol className="step-dots" aria-label={t('progress.label')}>
      {lesson.steps.map((_, i) => (
        <li key={i} className={[done.includes(i) ? 'done' : '', i === step ? 'current' : ''].join(' ').trim() || undefined} aria-current={i === step ? 'step' : undefined}>
          <span className="visually-hidden">{t('lesson.step', { n: i + 1, total: lesson.steps.length })}</span>
        </li>
      ))}
    </ol>
  );
}

function GettingReady({ lesson }: { lesson: Lesson }) {
  const t = useLessonsT();
  const setupAtMs = useLessons((s) => s.setupAtMs);
  const settle = lesson.setupSettle ?? 0;
  const ready = useCluster((s) => !settle || setupAtMs === undefined || (s.status?.nowMs ?? 0) >= setupAtMs + settle * 1000);
  if (ready) return null;
  return <p className="lesson-note">{t('lesson.gettingReady', { s: settle })}</p>;
}

function StepView({ lesson, index, done }: { lesson: Lesson; index: number; done: boolean }) {
  const t = useLessonsT();
  const lang = useLang();
  const update = useLessons((s) => s.update);
  const [showHint, setShowHint] = useState(false);
  const step = lesson.steps[index];
  const check = useStepCheck(lesson, index, done);
  const lines = step.hint.split('\n').filter((l) => l.trim() !== '');
  const next = () => {
    update((p) => nextStep(p, lesson));
    void enterStep(lesson, index + 1);
  };

  return (
    <div className="lesson-step" data-testid="lesson-step" data-step={index + 1} data-done={done}>
      <p className="step-count muted">{t('lesson.step', { n: index + 1, total: lesson.steps.length })}</p>
      {index === 0 && lesson.setup.length > 0 && (
        <div className="lesson-setup">
          <p className="muted">{t('lesson.setup')}</p>
          <pre>{lesson.setup.join('\n')}</pre>
          <GettingReady lesson={lesson} />
        </div>
      )}
      <LessonText text={step.text[lang]} lesson={lesson} />
      {step.file && (
        <p className="lesson-note">
          {t('lesson.file', { file: step.file.path })}{' '}
          <button type="button" className="link" onClick={() => void openFile(step.file!, false)}>
            {t('lesson.openFile', { file: step.file.path })}
          </button>
        </p>
      )}
      <div className="lesson-actions">
        <button type="button" onClick={() => setShowHint(!showHint)} aria-expanded={showHint}>
          {showHint ? t('lesson.hideHint') : t('lesson.showMe')}
        </button>
        <button type="button" onClick={() => void runStep(lesson, index)} title={t('lesson.runItTitle')} data-testid="run-it">
          ▶ {t('lesson.runIt')}
        </button>
      </div>
      {showHint && (
        <div className="lesson-hint" data-testid="lesson-hint">
          <p className="muted">{lines.length > 1 ? t('lesson.hints') : t('lesson.hint')}</p>
          <pre>{lines.join('\n')}</pre>
        </div>
      )}
      <div className="lesson-status" aria-live="polite">
        {done ? (
          <p className="lesson-done" data-testid="step-done">
            ✓ {t('lesson.done')}
          </p>
        ) : step.check && check === 'uncheckable' ? (
          <p className="muted">{t('lesson.uncheckable')}</p>
        ) : step.check ? (
          <>
            <p className="muted">{t('lesson.waiting')}</p>
            {(step.settle ?? 0) >= SLOW_SECONDS && <p className="muted">{t('lesson.slow', { s: step.settle! })}</p>}
          </>
        ) : null}
      </div>
      <div className="lesson-actions">
        {done || !step.check || check === 'uncheckable' ? (
          <button type="button" className="primary" onClick={next} data-testid="lesson-next">
            {t('lesson.next')} →
          </button>
        ) : (
          <button type="button" onClick={next} data-testid="lesson-skip">
            {t('lesson.skip')}
          </button>
        )}
      </div>
    </div>
  );
}

function Recap({ lesson }: { lesson: Lesson }) {
  const t = useLessonsT();
  const lang = useLang();
  const progress = useLessons((s) => s.progress);
  const update = useLessons((s) => s.update);
  const following = LESSONS[LESSONS.indexOf(lesson) + 1];
  return (
    <div className="lesson-recap" data-testid="lesson-recap">
      <h3>✓ {t('lesson.finished')}</h3>
      <p className="muted">{t('lesson.recap')}</p>
      <LessonText text={lesson.recap[lang]} lesson={lesson} />
      <div className="lesson-actions">
        {following && (
          <button type="button" className="primary" onClick={() => startWithConfirm(following, progress, t('confirm.replace'))}>
            {t('lesson.nextLesson', { title: following.title[lang] })} →
          </button>
        )}
        <button type="button" onClick={() => update(closeLesson)}>
          {t('lesson.back')}
        </button>
      </div>
    </div>
  );
}

export function LessonView({ lesson }: { lesson: Lesson }) {
  const t = useLessonsT();
  const lang = useLang();
  const lp = useLessons((s) => s.progress.lessons[lesson.id]);
  const update = useLessons((s) => s.update);
  const step = lp?.step ?? 0;
  const done = lp?.done ?? [];
  const reset = () => {
    if (window.confirm(t('confirm.reset'))) void beginLesson(lesson);
  };

  return (
    <div className="lesson" data-testid="lesson" data-lesson={lesson.id}>
      <div className="lesson-head">
        <button type="button" className="link" onClick={() => update(closeLesson)}>
          ← {t('lesson.back')}
        </button>
        <p className="muted">{t('lesson.number', { n: LESSONS.indexOf(lesson) + 1 })}</p>
        <h2>{lesson.title[lang]}</h2>
        <Dots lesson={lesson} step={step} done={done} />
      </div>
      <div className="lesson-body">
        {step < lesson.steps.length ? <StepView key={step} lesson={lesson} index={step} done={done.includes(step)} /> : <Recap lesson={lesson} />}
      </div>
      <div className="lesson-foot">
        <button type="button" onClick={reset} data-testid="lesson-reset">
          ↺ {t('lesson.reset')}
        </button>
      </div>
    </div>
  );
}
