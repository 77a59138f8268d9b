/** Pure helpers of the events timeline. */
import type { EventView } from '../../engine-client/protocol';

/**
 * Events newest first, filtered by free text (reason, message, object, namespace; case
 * insensitive) and optionally to warnings.
 */
export function filterEvents(events: EventView[], text: string, warningsOnly: boolean): EventView[] {
  const q = text.trim().toLowerCase();
  return events
    .filter((e) => {
      if (warningsOnly && e.type !== 'Warning') return false;
      if (!q) return true;
      const hay = `${e.reason} ${e.message} ${e.involved.kind}/${e.involved.name} ${e.namespace} ${e.source}`.toLowerCase();
      return hay.includes(q);
    })
    .sort((a, b) => b.lastMs - a.lastMs || (a.key < b.key ? 1 : -1));
}

/**
 * Age as kubectl prints it (apimachinery's duration.HumanDuration): `45s`, `3m20s`, `12m`,
 * `2h5m`, `3d4h` ...
 */
export function timeAgo(nowMs: number, thenMs: number): string {
  const s = Math.max(0, Math.floor((nowMs - thenMs) / 1000));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return s % 60 === 0 ? `${m}m` : `${m}m${s % 60}s`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 8) return m % 60 === 0 ? `${h}h` : `${h}h${m % 60}m`;
  if (h < 48) return `${h}h`;
  const d = Math.floor(h / 24);
  if (h < 24 * 8) return h % 24 === 0 ? `${d}d` : `${d}d${h % 24}h`;
  if (d < 365 * 2) return `${d}d`;
  const y = Math.floor(d / 365);
  if (d < 365 * 8) return d % 365 === 0 ? `${y}y` : `${y}y${d % 365}d`;
  return `${y}y`;
}
