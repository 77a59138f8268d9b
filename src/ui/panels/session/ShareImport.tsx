/**
 * Opening a share link: the fragment is decoded and checked (share-code.ts), the learner sees
 * what it holds (as text) and decides. Applying writes the checked manifests to a file and runs
 * `kubectl apply -f` on it in the terminal, after starting the lesson step if the link names
 * one. Nothing else from the link is ever run. Lazy-loaded, only when a link is opened.
 */
import { useEffect, useState } from 'react';
import { lessonById } from '../../../lessons';
import { getEngine, report } from '../../engine-client';
import { useT } from '../../i18n/useT';
import { useLang } from '../../state/ui-store';
import { beginLesson, enterStep, filePath, runLines } from '../lessons/actions';
import { useLessons } from '../lessons/progress-store';
import { decodeScenario, type CheckedScenario } from './share-code';

export const SHARED_FILE = 'shared-scenario.yaml';

export default function ShareImport({ fragment, onDone }: { fragment: string; onDone: () => void }) {
  const t = useT();
  const lang = useLang();
  const [scenario, setScenario] = useState<CheckedScenario>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    decodeScenario(fragment, (id) => lessonById(id)?.steps.length).then(setScenario, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [fragment]);

  const apply = async () => {
    if (!scenario) return;
    onDone();
    const lesson = scenario.lesson ? lessonById(scenario.lesson.id) : undefined;
    if (lesson && scenario.lesson) {
      await beginLesson(lesson);
      const step = scenario.lesson.step;
      useLessons.getState().update((p) => ({ ...p, lessons: { ...p.lessons, [lesson.id]: { step, done: [] } } }));
      await enterStep(lesson, step);
    }
    if (scenario.objects.length > 0) {
      await report(getEngine().writeFile(filePath(SHARED_FILE), scenario.manifests));
      await runLines([`kubectl apply -f ${SHARED_FILE}`]);
    }
  };

  const lesson = scenario?.lesson ? lessonById(scenario.lesson.id) : undefined;
  return (
    <div className="modal-backdrop">
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby="share-import-title" data-testid="share-import">
        <h2 id="share-import-title">{t('share.openTitle')}</h2>
        {error ? (
          <p className="error" data-testid="share-error">
            {t('share.bad', { reason: error })}
          </p>
        ) : !scenario ? (
          <p className="muted">{t('inspector.loading')}</p>
        ) : (
          <>
            <p>{t('share.confirm')}</p>
            {lesson && scenario.lesson && (
              <p data-testid="share-lesson">{t('share.lesson', { title: lesson.title[lang], step: scenario.lesson.step + 1 })}</p>
            )}
            {scenario.objects.length > 0 && (
              <ul className="share-objects" data-testid="share-objects">
                {scenario.objects.map((o, i) => (
                  <li key={i}>{`${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}`}</li>
                ))}
              </ul>
            )}
            <p className="muted">{t('share.command', { file: SHARED_FILE })}</p>
          </>
        )}
        <div className="modal-actions">
          {scenario && (
            <button type="button" className="primary" onClick={() => void apply()} data-testid="share-apply">
              {t('share.apply')}
            </button>
          )}
          <button type="button" onClick={onDone}>
            {scenario ? t('share.ignore') : t('share.close')}
          </button>
        </div>
      </div>
    </div>
  );
}
