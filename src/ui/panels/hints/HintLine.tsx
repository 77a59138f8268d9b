/**
 * One plain-language explanation (a problem and what to try), shown outside the terminal's text
 * (under xterm, or in the inspector) and visibly distinct from kubectl's output. Every value in
 * it is cluster text and is rendered as text. The suggested command can be typed into the
 * terminal with a click (not run: the learner presses Enter).
 */
import { typeInto } from '../../engine-client';
import { useLang, useUi } from '../../state/ui-store';
import type { Hint } from './types';
import { hintLabels, hintText } from './messages';

export function HintLine({ hint, onDismiss, terminal = 'main' }: { hint: Hint; onDismiss?: () => void; terminal?: string }) {
  const lang = useLang();
  const setRightTab = useUi((s) => s.setRightTab);
  const l = hintLabels(lang);
  return (
    <div className="hint" role="note" aria-label={l.label} data-testid="hint" data-code={hint.code}>
      <span className="hint-icon" aria-hidden="true">
        ?
      </span>
      <span className="hint-text">{hintText(lang, hint)}</span>
      {hint.try && (
        <span className="hint-try">
          {l.try}{' '}
          <button
            type="button"
            className="code-chip"
            title={l.type}
            data-testid="hint-try"
            onClick={() => {
              setRightTab('terminal');
              void typeInto(terminal, hint.try!);
            }}
          >
            {hint.try}
          </button>
        </span>
      )}
      {onDismiss && (
        <button type="button" className="link hint-close" onClick={onDismiss} aria-label={l.dismiss} title={l.dismiss}>
          ✕
        </button>
      )}
    </div>
  );
}
