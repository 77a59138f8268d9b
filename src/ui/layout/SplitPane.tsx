/**
 * Two panels with a separator between them that can be dragged with the pointer or moved with
 * the keyboard (arrows, PageUp/PageDown, Home/End), as the WAI-ARIA window splitter pattern.
 */
import { useRef, type ReactNode, type PointerEvent, type KeyboardEvent } from 'react';
import { useUi } from '../state/ui-store';
import { fractionAt, fractionForKey } from './split';

export interface SplitPaneProps {
  /** `row`: side by side; `column`: one above the other. */
  direction: 'row' | 'column';
  /** Key of the saved position in the UI store. */
  id: string;
  initial: number;
  label: string;
  children: [ReactNode, ReactNode];
}

export function SplitPane({ direction, id, initial, label, children }: SplitPaneProps) {
  const box = useRef<HTMLDivElement>(null);
  const fraction = useUi((s) => s.splits[id] ?? initial);
  const setSplit = useUi((s) => s.setSplit);
  const vertical = direction === 'column';

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!e.currentTarget.hasPointerCapture(e.pointerId) || !box.current) return;
    const r = box.current.getBoundingClientRect();
    setSplit(id, vertical ? fractionAt(e.clientY, r.top, r.height) : fractionAt(e.clientX, r.left, r.width));
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const f = fractionForKey(e.key, fraction, vertical);
    if (f === undefined) return;
    e.preventDefault();
    setSplit(id, f);
  };

  return (
    <div className={`split split-${direction}`} ref={box}>
      <div className="split-pane" style={{ flexBasis: `${fraction * 100}%` }}>
        {children[0]}
      </div>
      <div
        className="split-handle"
        role="separator"
        tabIndex={0}
        aria-label={label}
        aria-orientation={vertical ? 'horizontal' : 'vertical'}
        aria-valuemin={15}
        aria-valuemax={85}
        aria-valuenow={Math.round(fraction * 100)}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onKeyDown={onKeyDown}
      />
      <div className="split-pane" style={{ flexBasis: `${(1 - fraction) * 100}%` }}>
        {children[1]}
      </div>
    </div>
  );
}
