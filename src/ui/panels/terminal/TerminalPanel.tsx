/**
 * The terminal panel: one xterm instance, created in an effect and disposed on cleanup. It
 * forwards every key and paste to the engine shell in the worker and prints what comes back; it
 * parses nothing itself. Output of programs is sanitized in the worker (cluster text is text).
 */
import { useEffect, useRef } from 'react';
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import '@xterm/xterm/css/xterm.css';
import { attachTerminal, getEngine, onEngineRestart } from '../../engine-client';
import { registerTestHook } from '../../test-hooks';
import { useCluster } from '../../state/cluster-store';
import { HintLine } from '../hints/HintLine';

export interface TerminalPanelProps {
  /** Session id in the worker; the same id reconnects to the same shell. */
  id?: string;
  /** Whether the panel is shown (a hidden tab keeps its terminal); focus follows. */
  visible?: boolean;
}

const THEME = {
  background: '#0f172a',
  foreground: '#e2e8f0',
  cursor: '#f8fafc',
  selectionBackground: '#334155',
};

export function TerminalPanel({ id = 'main', visible = true }: TerminalPanelProps) {
  const host = useRef<HTMLDivElement>(null);
  const termRef = useRef<Terminal>(undefined);

  useEffect(() => {
    if (visible) termRef.current?.focus();
  }, [visible]);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const term = new Terminal({
      fontFamily: '"DejaVu Sans Mono", "Cascadia Mono", Menlo, Consolas, monospace',
      fontSize: 14,
      cursorBlink: true,
      scrollback: 5000,
      convertEol: false,
      theme: THEME,
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(el);
    termRef.current = term;
    const engine = getEngine();
    let disposed = false;
    // Input is sent in order; each reply carries the output it caused.
    let chain: Promise<void> = Promise.resolve();
    const send = (data: string): void => {
      chain = chain
        .then(() => engine.input(id, data))
        .then((r) => {
          if (disposed) return;
          if (r.ok) term.write(r.value);
          else term.write(`\r\n${r.error}\r\n`);
        });
    };

    const safeFit = (): void => {
      if (el.clientWidth === 0 || el.clientHeight === 0) return;
      try {
        fit.fit();
      } catch {
        // The renderer is not measured yet (hidden panel); the next resize fits it.
      }
    };
    safeFit();
    const detach = attachTerminal(id, (data) => term.write(data));
    void engine.openTerminal(id, term.cols).then((r) => {
      if (!disposed && r.ok) term.write(r.value);
    });
    // A restarted engine has restored the shell from the journal: reattach and show its prompt.
    const offRestart = onEngineRestart(() => {
      void engine.openTerminal(id, term.cols).then((r) => {
        if (!disposed && r.ok) term.write(`\r\n${r.value}`);
      });
    });
    const onData = term.onData(send);
    const onResize = term.onResize(({ cols }) => void engine.resize(id, cols));
    const ro = new ResizeObserver(() => safeFit());
    ro.observe(el);
    term.focus();
    const unhook = registerTestHook('terminalText', () => {
      const buf = term.buffer.active;
      const lines: string[] = [];
      // Rows that continue a wrapped line join it, so that a long command reads as typed.
      for (let i = 0; i < buf.length; i++) {
        const row = buf.getLine(i);
        const text = row?.translateToString(true) ?? '';
        if (row?.isWrapped && lines.length > 0) lines[lines.length - 1] += text;
        else lines.push(text);
      }
      return lines.join('\n').replace(/\n+$/, '');
    });

    return () => {
      disposed = true;
      offRestart();
      unhook();
      ro.disconnect();
      onData.dispose();
      onResize.dispose();
      detach();
      termRef.current = undefined;
      term.dispose();
    };
  }, [id]);

  return (
    <div className="terminal-wrap">
      <div className="terminal-host" ref={host} data-testid="terminal" />
      <TerminalHint id={id} />
    </div>
  );
}

/** The explanation of the terminal's last command, under the terminal (never inside its text). */
function TerminalHint({ id }: { id: string }) {
  const hint = useCluster((s) => s.hints[id]?.hint);
  const dismiss = useCluster((s) => s.dismissHint);
  if (!hint) return null;
  return <HintLine hint={hint} terminal={id} onDismiss={() => dismiss(id)} />;
}
