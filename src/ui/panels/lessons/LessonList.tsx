/**
 * The lesson picker: a welcome for a first-time visitor (start lesson 1), then every lesson with
 * its summary and progress. Starting a lesson replaces the cluster; the learner confirms when
 * that would lose objects they made outside a lesson.
 */
import { LESSONS } from '../../../lessons';
import type { Lesson } from '../../../lessons/types';
import { useLang } from '../../state/ui-store';
import { useCluster } from '../../state/cluster-store';
import { beginLesson } from './actions';
import { learnerObjects } from './cluster-view';
import { useLessonsT } from './messages';
import { canContinue, continueLesson, firstVisit, summaryOf, type Progress } from './progress';
import { useLessons } from './progress-store';

/** Starts a lesson, asking first if the playground holds objects of the learner's own. */
export function startWithConfirm(lesson: Lesson, progress: Progress, question: string): void {
  if (!progress.cluster && learnerObjects(useCluster.getState().mirror) > 0 && !window.confirm(question)) return;
  void beginLesson(lesson);
}

export function LessonList() {
  const t = useLessonsT();
  const lang = useLang();
  const progress = useLessons((s) => s.progress);
  const update = useLessons((s) => s.update);
  const start = (l: Lesson) => startWithConfirm(l, progress, t('confirm.replace'));

  return (
    <div className="lesson-list" data-testid="lesson-list">
      {firstVisit(progress) && (
        <div className="lesson-welcome" data-testid="lesson-welcome">
          <h2>{t('welcome.title')}</h2>
          <p>{t('welcome.text')}</p>
          <button type="button" className="primary" onClick={() => start(LESSONS[0])}>
            {t('welcome.start')}
          </button>
        </div>
      )}
      <h2>{t('list.title')}</h2>
      <p className="muted">{t('list.intro')}</p>
      <ol className="lesson-cards">
        {LESSONS.map((l, i) => {
          const s = summaryOf(progress, l);
          const cont = canContinue(progress, l.id) && !s.finished;
          return (
            <li key={l.id} className={s.finished ? 'lesson-card finished' : 'lesson-card'} data-testid={`lesson-${l.id}`}>
              <div className="lesson-card-head">
                <span className="lesson-number">{i + 1}</span>
                <h3>{l.title[lang]}</h3>
              </div>
              <p className="lesson-summary">{l.summary[lang]}</p>
              <div className="lesson-card-foot">
                <span className="muted">
                  {s.finished ? `✓ ${t('list.finished')}` : s.started ? t('list.progress', { done: s.done, total: s.total }) : t('list.notStarted')}
                </span>
                <button
                  type="button"
                  aria-label={`${cont ? t('list.continue') : s.finished ? t('list.again') : t('list.start')}: ${l.title[lang]}`}
                  onClick={() => (cont ? update((p) => continueLesson(p, l.id)) : start(l))}
                >
                  {cont ? t('list.continue') : s.finished ? t('list.again') : t('list.start')}
                </button>
              </div>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
