/** A row of tabs (WAI-ARIA tabs pattern: arrow keys move between them). */
import type { KeyboardEvent } from 'react';
import { useT } from '../i18n/useT';
import type { MessageKey } from '../i18n/messages';

export interface TabsProps<T extends string> {
  tabs: { id: T; label: MessageKey }[];
  active: T;
  onSelect(id: T): void;
  idPrefix: string;
}

export function Tabs<T extends string>({ tabs, active, onSelect, idPrefix }: TabsProps<T>) {
  const t = useT();
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = tabs.findIndex((x) => x.id === active);
    const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!d) return;
    e.preventDefault();
    const next = tabs[(i + d + tabs.length) % tabs.length];
    onSelect(next.id);
    document.getElementById(`${idPrefix}-tab-${next.id}`)?.focus();
  };
  return (
    <div className="tabs" role="tablist" onKeyDown={onKeyDown}>
      {tabs.map((tab) => (
        <button
          key={tab.id}
          id={`${idPrefix}-tab-${tab.id}`}
          type="button"
          role="tab"
          aria-selected={tab.id === active}
          tabIndex={tab.id === active ? 0 : -1}
          className={tab.id === active ? 'tab active' : 'tab'}
          onClick={() => onSelect(tab.id)}
        >
          {t(tab.label)}
        </button>
      ))}
    </div>
  );
}
