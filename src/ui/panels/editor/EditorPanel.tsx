/**
 * The YAML editor (Monaco + monaco-yaml), loaded lazily. It edits the files of the shell's file
 * system, the same ones `kubectl apply -f app.yaml` reads in the terminal. Apply (or Ctrl/Cmd+S)
 * saves the file and runs `kubectl apply -f` on it; an Invalid error is marked at its field's
 * line. The Monaco instance is created in an effect and disposed on cleanup.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { getEngine, report } from '../../engine-client';
import type { ExecResult } from '../../engine-client/protocol';
import { useUi } from '../../state/ui-store';
import { useCluster } from '../../state/cluster-store';
import { useT } from '../../i18n/useT';
import { monaco } from './monaco-setup';
import { freeName, TEMPLATES } from './templates';
import { problemsIn } from './error-lines';

const HOME = '/home/learner';
const DEFAULT_FILE = `${HOME}/app.yaml`;
const SAVE_DELAY_MS = 800;
/** How often the file list and the shown file are re-read while the editor is visible. */
const SYNC_MS = 2000;

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export default function EditorPanel() {
  const t = useT();
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor>(undefined);
  const path = useUi((s) => s.editorPath) ?? DEFAULT_FILE;
  const openInEditor = useUi((s) => s.openInEditor);
  const visible = useUi((s) => s.rightTab === 'editor');
  const setRightTab = useUi((s) => s.setRightTab);
  /** A `kubectl edit` waiting for this file: Apply saves it back to kubectl instead. */
  const pendingEdit = useCluster((s) => s.edits.find((e) => e.path === path));
  const [files, setFiles] = useState<string[]>([]);
  const [result, setResult] = useState<ExecResult & { path: string }>();
  const [busy, setBusy] = useState(false);
  /** The file content as last read or written: what "unchanged" means. */
  const synced = useRef<{ path: string; text: string }>({ path: '', text: '' });
  const saveTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const engine = getEngine();

  const save = useCallback(async () => {
    clearTimeout(saveTimer.current);
    const ed = editorRef.current;
    if (!ed) return;
    const text = ed.getValue();
    if (synced.current.path === path && synced.current.text === text) return;
    await report(engine.writeFile(path, text));
    synced.current = { path, text };
  }, [engine, path]);

  /** Ends the waiting `kubectl edit` (text null: cancel); its output shows in the terminal. */
  const finishEdit = useCallback(
    async (text: string | null) => {
      if (!pendingEdit) return;
      setBusy(true);
      try {
        if (text !== null) await save();
        const r = await engine.finishEdit(pendingEdit.term, text);
        if (r.ok) setRightTab('terminal');
        else setResult({ output: r.error, stdout: '', stderr: r.error, code: 1, path });
      } finally {
        setBusy(false);
      }
    },
    [engine, pendingEdit, path, save, setRightTab],
  );

  const apply = useCallback(async () => {
    const ed = editorRef.current;
    if (!ed) return;
    if (pendingEdit) return finishEdit(ed.getValue());
    setBusy(true);
    try {
      await save();
      const r = await report(engine.exec(`kubectl apply -f ${path}`));
      if (!r) return;
      setResult({ ...r, path });
      const model = ed.getModel();
      if (model) {
        const markers = problemsIn(ed.getValue(), r.output).map((p) => ({
          severity: monaco.MarkerSeverity.Error,
          message: `${p.field}: ${p.message}`,
          startLineNumber: p.line,
          startColumn: p.column,
          endLineNumber: p.line,
          endColumn: model.getLineMaxColumn(p.line),
        }));
        monaco.editor.setModelMarkers(model, 'kubectl', markers);
      }
    } finally {
      setBusy(false);
    }
  }, [engine, path, save, pendingEdit, finishEdit]);

  const applyRef = useRef(apply);
  applyRef.current = apply;

  // Create the editor once.
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const ed = monaco.editor.create(el, {
      language: 'yaml',
      theme: 'vs-dark',
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 14,
      tabSize: 2,
      scrollBeyondLastLine: false,
      quickSuggestions: { other: true, comments: false, strings: true },
    });
    editorRef.current = ed;
    ed.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => void applyRef.current());
    return () => {
      editorRef.current = undefined;
      ed.getModel()?.dispose();
      ed.dispose();
    };
  }, []);

  // Load the file when the path changes; keep it in sync with the shell while unchanged here.
  useEffect(() => {
    let cancelled = false;
    const ed = editorRef.current;
    if (!ed) return;
    const load = async () => {
      const [content, list] = await Promise.all([report(engine.readFile(path)), report(engine.listFiles())]);
      if (cancelled) return;
      if (list) setFiles(list.filter((f) => /\.ya?ml$/.test(f) || f === path));
      const text = content ?? '';
      const untouched = synced.current.path !== path || ed.getValue() === synced.current.text;
      if (untouched && ed.getValue() !== text) {
        const uri = monaco.Uri.parse(`file://${path}`);
        const old = ed.getModel();
        const model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(text, 'yaml', uri);
        if (model.getValue() !== text) model.setValue(text);
        ed.setModel(model);
        if (old && old !== model) old.dispose();
      }
      if (untouched) synced.current = { path, text };
    };
    void load();
    const timer = visible ? setInterval(() => void load(), SYNC_MS) : undefined;
    const sub = ed.onDidChangeModelContent(() => {
      clearTimeout(saveTimer.current);
      saveTimer.current = setTimeout(() => void save(), SAVE_DELAY_MS);
    });
    return () => {
      cancelled = true;
      clearInterval(timer);
      sub.dispose();
    };
  }, [engine, path, visible, save]);

  const newFromTemplate = async (kind: string) => {
    const tpl = TEMPLATES.find((x) => x.kind === kind);
    if (!tpl) return;
    await save();
    const name = freeName(tpl.file, files.map(baseName));
    const target = `${HOME}/${name}`;
    await report(engine.writeFile(target, tpl.yaml));
    openInEditor(target);
  };

  const shownFiles = files.includes(path) ? files : [...files, path].sort();
  return (
    <div className="editor-panel">
      <div className="editor-toolbar">
        <label>
          {t('editor.file')}{' '}
          <select
            value={path}
            onChange={(e) => {
              // Read the choice now: React puts the controlled value back before save() resolves.
              const next = e.target.value;
              void save().then(() => openInEditor(next));
            }}
            data-testid="editor-file"
          >
            {shownFiles.map((f) => (
              <option key={f} value={f}>
                {baseName(f)}
              </option>
            ))}
          </select>
        </label>
        <select value="" onChange={(e) => void newFromTemplate(e.target.value)} aria-label={t('editor.templates')} data-testid="editor-template">
          <option value="">{t('editor.templates')}…</option>
          {TEMPLATES.map((x) => (
            <option key={x.kind} value={x.kind}>
              {x.kind}
            </option>
          ))}
        </select>
        {pendingEdit ? (
          <>
            <button type="button" className="primary" onClick={() => void apply()} disabled={busy} title={t('editor.editSaveHint')}>
              {t('editor.editSave')}
            </button>
            <button type="button" onClick={() => void finishEdit(null)} disabled={busy}>
              {t('editor.editCancel')}
            </button>
          </>
        ) : (
          <button type="button" className="primary" onClick={() => void apply()} disabled={busy} title={t('editor.applyHint')}>
            {t('editor.apply')}
          </button>
        )}
      </div>
      {pendingEdit && (
        <p className="edit-banner" role="status" data-testid="edit-banner">
          {t('editor.editWaiting')}
        </p>
      )}
      <div className="monaco-host" ref={host} data-testid="editor" />
      {result && result.path === path && (
        <pre className={`apply-result${result.code === 0 ? '' : ' failed'}`} data-testid="apply-result" aria-live="polite">
          {`$ kubectl apply -f ${baseName(path)}\n${result.output}`}
        </pre>
      )}
    </div>
  );
}
