/**
 * Simulation controls: pause/play, speed, step, and the simulated clock. The engine worker owns
 * the clock; this bar only sends requests and shows the status the worker pushes.
 */
import { SPEEDS, type Speed } from '../../engine-client/protocol';
import { getEngine } from '../../engine-client';
import { useCluster } from '../../state/cluster-store';
import { formatSimTime } from './format';

export function ControlsBar() {
  const status = useCluster((s) => s.status);
  const setError = useCluster((s) => s.setError);
  const engine = getEngine();
  const report = (p: Promise<{ ok: boolean; error?: string }>) =>
    void p.then((r) => setError(r.ok ? undefined : r.error));
  const paused = status?.paused ?? false;
  return (
    <div className="controls" role="toolbar" aria-label="Simulation controls">
      <button type="button" onClick={() => report(engine.setPaused(!paused))} aria-pressed={paused}>
        {paused ? '▶ Play' : '⏸ Pause'}
      </button>
      <div className="speeds" role="group" aria-label="Speed">
        {SPEEDS.map((s: Speed) => (
          <button
            type="button"
            key={s}
            className={status?.speed === s ? 'active' : undefined}
            aria-pressed={status?.speed === s}
            onClick={() => report(engine.setSpeed(s))}
          >
            {s}x
          </button>
        ))}
      </div>
      <button type="button" onClick={() => report(engine.step())} title="Run to the next scheduled moment">
        ⏭ Step
      </button>
      <span className="sim-time" data-testid="sim-time">
        {status ? formatSimTime(status.nowMs) : '…'}
      </span>
      {status?.lastStep && <span className="last-step">{status.lastStep}</span>}
    </div>
  );
}
