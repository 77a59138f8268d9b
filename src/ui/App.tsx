/**
 * The playground page: the controls bar on top; the cluster (topology above, events and the
 * inspector below) beside the terminal and the YAML editor. Separators resize every panel.
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import { getEngine } from './engine-client';
import { useCluster } from './state/cluster-store';
import { useLang, useUi, type BottomTab, type RightTab } from './state/ui-store';
import { useT } from './i18n/useT';
import type { MessageKey } from './i18n/messages';
import { SplitPane } from './layout/SplitPane';
import { Tabs } from './layout/Tabs';
import { ControlsBar } from './panels/controls/ControlsBar';
import { LanguageSwitch } from './panels/controls/LanguageSwitch';
import { TerminalPanel } from './panels/terminal/TerminalPanel';
import { TopologyPanel } from './panels/topology/TopologyPanel';
import { EventsPanel } from './panels/events/EventsPanel';
import { InspectorPanel } from './panels/inspector/InspectorPanel';
import { LessonsSidebar } from './panels/lessons/LessonsPanel';
import { useOpenEdits } from './panels/editor/useOpenEdits';
import { EngineNotice } from './panels/controls/EngineNotice';
import { SessionMenu } from './panels/session/SessionMenu';
import { TimelineBar } from './panels/timeline/TimelineBar';

/** Monaco is big: it loads when the editor tab first opens, never before the first paint. */
const EditorPanel = lazy(() => import('./panels/editor/EditorPanel'));
/** Opening a share link: its decoder and dialog load only then. */
const ShareImport = lazy(() => import('./panels/session/ShareImport'));
/** The control-plane view loads when its tab first opens. */
const ControlPlaneView = lazy(() => import('./panels/controlplane/ControlPlaneView'));

const RIGHT_TABS: { id: RightTab; label: MessageKey }[] = [
  { id: 'terminal', label: 'panel.terminal' },
  { id: 'editor', label: 'panel.editor' },
];
const BOTTOM_TABS: { id: BottomTab; label: MessageKey }[] = [
  { id: 'events', label: 'panel.events' },
  { id: 'inspector', label: 'panel.inspector' },
  { id: 'controlPlane', label: 'panel.controlPlane' },
];

/** A share link's fragment, removed from the address at once (a reload does not ask again). */
function takeShareLink(): string | undefined {
  if (!location.hash.startsWith('#share=')) return undefined;
  const link = location.hash;
  history.replaceState(null, '', location.pathname + location.search);
  return link;
}

export function App() {
  const error = useCluster((s) => s.error);
  const lang = useLang();
  const t = useT();
  const rightTab = useUi((s) => s.rightTab);
  const setRightTab = useUi((s) => s.setRightTab);
  const bottomTab = useUi((s) => s.bottomTab);
  const setBottomTab = useUi((s) => s.setBottomTab);
  const editorOpened = useUi((s) => s.editorOpened);
  const timelineOpen = useUi((s) => s.timelineOpen);
  useOpenEdits();
  // A share link in the URL: shown once, then removed from the address.
  const [shared, setShared] = useState(takeShareLink);
  useEffect(() => {
    // A link pasted into the address bar of an open playground changes only the fragment.
    const onHash = () => {
      const link = takeShareLink();
      if (link) setShared(link);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const doneSharing = () => setShared(undefined);

  useEffect(() => {
    getEngine();
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);

  return (
    <div className="app">
      <header className="topbar">
        <h1 title={t('app.tagline')}>{t('app.title')}</h1>
        <ControlsBar />
        <div className="topbar-right">
          <SessionMenu />
          <LanguageSwitch />
        </div>
      </header>
      {error && (
        <div className="error-banner" role="alert">
          {error}
        </div>
      )}
      <EngineNotice />
      {timelineOpen && <TimelineBar />}
      {shared && (
        <Suspense fallback={null}>
          <ShareImport fragment={shared} onDone={doneSharing} />
        </Suspense>
      )}
      <main className="workspace">
        <LessonsSidebar>
        <SplitPane direction="row" id="main" initial={0.45} label={t('split.main')}>
          <SplitPane direction="column" id="left" initial={0.65} label={t('split.left')}>
            <section className="panel" aria-label={t('panel.topology')}>
              <TopologyPanel />
            </section>
            <section className="panel">
              <Tabs tabs={BOTTOM_TABS} active={bottomTab} onSelect={setBottomTab} idPrefix="bottom" />
              <div className="tab-body" role="tabpanel" aria-labelledby={`bottom-tab-${bottomTab}`}>
                {bottomTab === 'events' ? (
                  <EventsPanel />
                ) : bottomTab === 'inspector' ? (
                  <InspectorPanel />
                ) : (
                  <Suspense fallback={<p className="muted pad">{t('inspector.loading')}</p>}>
                    <ControlPlaneView />
                  </Suspense>
                )}
              </div>
            </section>
          </SplitPane>
          <section className="panel">
            <Tabs tabs={RIGHT_TABS} active={rightTab} onSelect={setRightTab} idPrefix="right" />
            <div className="tab-body" hidden={rightTab !== 'terminal'} role="tabpanel" aria-labelledby="right-tab-terminal">
              <TerminalPanel id="main" visible={rightTab === 'terminal'} />
            </div>
            {editorOpened && (
              <div className="tab-body" hidden={rightTab !== 'editor'} role="tabpanel" aria-labelledby="right-tab-editor">
                <Suspense fallback={<p className="muted pad">{t('editor.loading')}</p>}>
                  <EditorPanel />
                </Suspense>
              </div>
            )}
          </section>
        </SplitPane>
        </LessonsSidebar>
      </main>
    </div>
  );
}
