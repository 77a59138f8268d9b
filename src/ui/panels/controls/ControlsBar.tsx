/**
 * Simulation controls: pause/play, speed, step, reset, add a node, and the simulated clock.
 * The engine worker owns the clock; this bar only sends requests and shows the status the
 * worker pushes.
 */
import { SPEEDS, type Speed } from '../../engine-client/protocol';
import { getEngine, report } from '../../engine-client';
import { useCluster } from '../../state/cluster-store';
import { useUi } from '../../state/ui-store';
import { useT } from '../../i18n/useT';
import { formatSimTime } from './format';

export function ControlsBar() {
  const status = useCluster((s) => s.status);
  const t = useT();
  const engine = getEngine();
  const paused = status?.paused ?? false;
  const timelineOpen = useUi((s) => s.timelineOpen);
  const setTimelineOpen = useUi((s) => s.setTimelineOpen);
  const reset = () => {
    if (window.confirm(t('controls.resetConfirm'))) void report(engine.start({}));
  };
  return (
    <div className="controls" role="toolbar" aria-label={t('controls.label')}>
      <button
        type="button"
        onClick={() => void report(engine.setPaused(!paused))}
        aria-pressed={paused}
        data-testid="play-pause"
      >
        <span aria-hidden="true" className="icon">{paused ? '▶' : '❚❚'}</span> {paused ? t('controls.play') : t('controls.pause')}
      </button>
      <div className="speeds" role="group" aria-label={t('controls.speed')}>
        {SPEEDS.map((s: Speed) => (
          <button
            type="button"
            key={s}
            className={status?.speed === s ? 'active' : undefined}
            aria-pressed={status?.speed === s}
            onClick={() => void report(engine.setSpeed(s))}
          >
            {s}x
          </button>
        ))}
      </div>
      <button type="button" onClick={() => void report(engine.step())} title={t('controls.stepTitle')}>
        {t('controls.step')}
      </button>
      <button type="button" onClick={() => void report(engine.addNode())}>
        {t('controls.addNode')}
      </button>
      <button type="button" onClick={reset}>
        {t('controls.reset')}
      </button>
 <button type="button" onClick={() => setTimelineOpen(!timelineOpen)} aria-pressed={timelineOpen} title={t('timeline.toggleHint')} data-testid="timeline-toggle">
        {t('timeline.toggle')}
      </button>
      <span className="sim-time" data-testid="sim-time" title={t('controls.simTime')}>
        {status ? formatSimTime(status.nowMs) : '…'}
        {paused && <span className="paused"> ({t('controls.paused')})</span>}
      </span>
      {status?.restoring && <span className="restoring">{t('controls.restoring')}</span>}
      {!!status?.restored && (
        <span className="restored" data-testid="restored" title={t('controls.restored', { n: status.restored })}>
          {t('controls.restored', { n: status.restored })}
        </span>
      )}
      {status?.lastStep && (
        <span className="last-step" title={status.lastStep} data-testid="last-step">
          {status.lastStep}
        </span>
      )}
    </div>
  );
}
