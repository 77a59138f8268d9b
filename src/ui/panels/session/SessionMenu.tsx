/**
 * The session menu of the top bar: export the whole session to a file, import one (the worker
 * checks it before replaying it), and share the learner's objects (plus the open lesson step)
 * as a link. The share code and its dialog load only when used.
 */
import { lazy, Suspense, useRef, useState } from 'react';
import { getEngine, report } from '../../engine-client';
import { useT } from '../../i18n/useT';
import { useLessons } from '../lessons/progress-store';

const ShareLinkDialog = lazy(() => import('./ShareLinkDialog'));

/** Largest session file accepted (a long session's journal is a few MB). */
const MAX_FILE = 50 * 1024 * 1024;

export function SessionMenu() {
  const t = useT();
  const file = useRef<HTMLInputElement>(null);
  const menu = useRef<HTMLDetailsElement>(null);
  const [sharing, setSharing] = useState<{ manifests: string; lesson?: { id: string; step: number } }>();
  const engine = getEngine();
  const close = () => menu.current?.removeAttribute('open');

  const exportFile = async () => {
    close();
    const j = await report(engine.exportSession());
    if (!j) return;
    const blob = new Blob([JSON.stringify(j)], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `kubeplay-session-${new Date(j.endMs).toISOString().slice(0, 19).replace(/[:T]/g, '-')}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  };

  const importFile = async (f: File | undefined) => {
    if (!f) return;
    if (file.current) file.current.value = '';
    if (f.size > MAX_FILE) return void report(Promise.resolve({ ok: false as const, error: t('session.tooBig') }));
    if (!window.confirm(t('session.importConfirm'))) return;
    let data: unknown;
    try {
      data = JSON.parse(await f.text());
    } catch {
      return void report(Promise.resolve({ ok: false as const, error: t('session.notJson') }));
    }
    await report(engine.importSession(data));
  };

  const share = async () => {
    close();
    const manifests = await report(engine.shareManifests());
    if (manifests === undefined) return;
    const p = useLessons.getState().progress;
    const lp = p.current ? p.lessons[p.current] : undefined;
    setSharing({ manifests, ...(p.current && lp ? { lesson: { id: p.current, step: lp.step } } : {}) });
  };

  return (
    <>
      <details className="session-menu" ref={menu}>
        <summary data-testid="session-menu">{t('session.menu')}</summary>
        <div className="menu" role="menu">
          <button type="button" role="menuitem" onClick={() => void exportFile()} data-testid="session-export">
            {t('session.export')}
          </button>
          <button
            type="button"
            role="menuitem"
            onClick={() => {
              close();
              file.current?.click();
            }}
            data-testid="session-import"
          >
            {t('session.import')}
          </button>
          <button type="button" role="menuitem" onClick={() => void share()} data-testid="session-share">
            {t('session.share')}
          </button>
        </div>
      </details>
      <input ref={file} type="file" accept=".json,application/json" hidden onChange={(e) => void importFile(e.target.files?.[0])} data-testid="session-file" />
      {sharing && (
        <Suspense fallback={null}>
          <ShareLinkDialog scenario={sharing} onClose={() => setSharing(undefined)} />
        </Suspense>
      )}
    </>
  );
}
