/**
 * The lessons side panel (STYLE.md sections 8 and 9): the lesson list, or the open lesson. It
 * sits left of the playground in a resizable split and folds to a strip; the playground beside
 * it keeps its components mounted either way (the terminal keeps its scrollback).
 */
import type { ReactNode } from 'react';
import { lessonById } from '../../../lessons';
import { SplitPane } from '../../layout/SplitPane';
import { LessonList } from './LessonList';
import { LessonView } from './LessonView';
import { useLessonsT } from './messages';
import { useLessons } from './progress-store';
import './lessons.css';

export function LessonsPanel() {
  const t = useLessonsT();
  const current = useLessons((s) => s.progress.current);
  const setCollapsed = useLessons((s) => s.setCollapsed);
  const lesson = current ? lessonById(current) : undefined;
  return (
    <section className="panel lessons-panel" aria-label={t('panel.label')} data-testid="lessons-panel">
      <div className="lessons-bar">
        <span>{t('panel.label')}</span>
        <button type="button" className="link" onClick={() => setCollapsed(true)} aria-label={t('panel.hide')} title={t('panel.hide')}>
          «
        </button>
      </div>
      <div className="lessons-scroll">{lesson ? <LessonView lesson={lesson} /> : <LessonList />}</div>
    </section>
  );
}

/** The playground with the lessons panel on its left. */
export function LessonsSidebar({ children }: { children: ReactNode }) {
  const t = useLessonsT();
  const collapsed = useLessons((s) => s.collapsed);
  const setCollapsed = useLessons((s) => s.setCollapsed);
  return (
    <div className={collapsed ? 'lessons-layout collapsed' : 'lessons-layout'}>
      <SplitPane direction="row" id="lessons" initial={0.22} label={t('split.label')}>
        {collapsed ? (
          <button type="button" className="lessons-strip" onClick={() => setCollapsed(false)} data-testid="lessons-show">
            {t('panel.show')}
          </button>
        ) : (
          <LessonsPanel />
        )}
        {children}
      </SplitPane>
    </div>
  );
}
