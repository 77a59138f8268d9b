/**
 * Time travel: a slider over the session's simulated time, with a tick for every action. Moving
 * it rewinds the whole cluster to that moment (the worker replays the journal up to there on a
 * fresh cluster with the same seed) and pauses; Play then replays the later actions at their
 * moments, so a teacher can show a rollout again step by step. Doing something new branches the
 * timeline (the later actions are dropped).
 */
import { useEffect, useRef, useState } from 'react';
import { getEngine, report } from '../../engine-client';
import type { Timeline } from '../../engine-client/protocol';
import { useCluster } from '../../state/cluster-store';
import { useT } from '../../i18n/useT';
import { formatSimTime } from '../controls/format';

export function TimelineBar() {
  const t = useT();
  const status = useCluster((s) => s.status);
  const [timeline, setTimeline] = useState<Timeline>();
  const [dragging, setDragging] = useState<number>();
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const engine = getEngine();
  const marksAt = status ? `${status.generation}:${status.ahead}:${status.restored}` : '';

  // The marks change when actions happen: re-read them every few seconds and after a travel.
  useEffect(() => {
    let cancelled = false;
    const load = () => void engine.timeline().then((r) => !cancelled && r.ok && setTimeline(r.value));
    load();
    const timer = setInterval(load, 3000);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [engine, marksAt]);

  const travel = async (ms: number) => {
    setBusy(true);
    try {
      await report(engine.travel(ms));
    } finally {
      setBusy(false);
      setDragging(undefined);
    }
  };
  // Commit on the native `change` event: after a drag ends, or a key moved the thumb.
  const travelRef = useRef(travel);
  travelRef.current = travel;
  useEffect(() => {
    const el = input.current;
    if (!el) return;
    const onChange = () => void travelRef.current(Number(el.value));
    el.addEventListener('change', onChange);
    return () => el.removeEventListener('change', onChange);
  }, []);

  if (!status) return null;
  const start = status.startMs;
  const end = Math.max(status.endMs, status.nowMs, start + 1000);
  const value = dragging ?? status.nowMs;
  const pct = (ms: number) => `${(100 * (ms - start)) / (end - start)}%`;
  return (
    <div className="timeline-bar" data-testid="timeline">
      <span className="muted">{t('timeline.label')}</span>
      <div className="timeline-track">
        <div className="timeline-marks" aria-hidden="true">
          {timeline?.marks.map((m, i) => (
            <span key={i} className={m.t > status.nowMs ? 'mark ahead' : 'mark'} style={{ left: pct(m.t) }} title={`${formatSimTime(m.t)}  ${m.label}`} />
          ))}
        </div>
        <input
          ref={input}
          type="range"
          min={start}
          max={end}
          step={1000}
          value={value}
          disabled={busy}
          onChange={(e) => setDragging(Number(e.target.value))}
          aria-label={t('timeline.slider')}
          aria-valuetext={formatSimTime(value)}
          data-testid="timeline-slider"
        />
      </div>
      <span className="timeline-time" data-testid="timeline-time">
        {formatSimTime(value)}
      </span>
      {status.ahead > 0 && (
        <span className="timeline-ahead" data-testid="timeline-ahead">
          {t('timeline.ahead', { n: status.ahead })}
        </span>
      )}
    </div>
  );
}
