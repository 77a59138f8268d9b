/**
 * The events timeline: the cluster's Events, newest first, as they happen; filter by text or
 * warnings only; click one to select the object it is about.
 */
import { memo, useMemo, useState } from 'react';
import { useCluster } from '../../state/cluster-store';
import { useUi } from '../../state/ui-store';
import { useT } from '../../i18n/useT';
import { filterEvents, timeAgo } from './events';
import type { EventView } from '../../engine-client/protocol';
import type { Selection } from '../../state/ui-store';

/** Rows drawn at most; older events stay in the mirror. */
const MAX_ROWS = 300;

export function EventsPanel() {
  const t = useT();
  const events = useCluster((s) => s.mirror.Event);
  const now = useCluster((s) => s.status?.nowMs ?? 0);
  const select = useUi((s) => s.select);
  const [text, setText] = useState('');
  const [warnings, setWarnings] = useState(false);
  const rows = useMemo(() => filterEvents(Object.values(events), text, warnings).slice(0, MAX_ROWS), [events, text, warnings]);
  return (
    <div className="events">
      <div className="events-toolbar">
        <input
          type="search"
          placeholder={t('events.filter')}
          aria-label={t('events.filter')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          spellCheck={false}
        />
        <label>
          <input type="checkbox" checked={warnings} onChange={(e) => setWarnings(e.target.checked)} /> {t('events.warningsOnly')}
        </label>
      </div>
      {rows.length === 0 ? (
        <p className="muted pad">{t('events.none')}</p>
      ) : (
        <table className="events-table" data-testid="events">
          <thead>
            <tr>
              <th>{t('events.time')}</th>
              <th>{t('events.type')}</th>
              <th>{t('events.reason')}</th>
              <th>{t('events.object')}</th>
              <th>{t('events.message')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((e) => (
              <EventRow key={e.key} event={e} age={timeAgo(now, e.lastMs)} onSelect={select} />
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** One event; re-renders only when the event or its displayed age changes. */
const EventRow = memo(function EventRow({ event: e, age, onSelect }: { event: EventView; age: string; onSelect(sel: Selection): void }) {
  const inv = e.involved;
  const key = inv.namespace ? `${inv.namespace}/${inv.name}` : inv.name;
  return (
    <tr
      className={e.type === 'Warning' ? 'warning' : undefined}
      tabIndex={0}
      onClick={() => onSelect({ kind: inv.kind, key })}
      onKeyDown={(ev) => {
        if (ev.key === 'Enter') onSelect({ kind: inv.kind, key });
      }}
    >
      <td className="nowrap">{age}</td>
      <td>{e.type}</td>
      <td>{e.reason}</td>
      <td className="nowrap">{`${inv.kind.toLowerCase()}/${inv.name}`}</td>
      <td>
        {e.message}
        {e.count > 1 && <span className="muted"> (x{e.count})</span>}
      </td>
    </tr>
  );
});
