/**
 * The inspector's "Traffic" tab of a Service: sends HTTP requests to it at a chosen rate from the
 * node control-plane (as `kubeplay traffic` does) and shows which pods answered them. The
 * topology animates each request along service -> pod.
 */
import { useState } from 'react';
import { getEngine, report } from '../../engine-client';
import { useCluster } from '../../state/cluster-store';
import { useT } from '../../i18n/useT';
import { TrafficSpread } from './TrafficSpread';

const RATES = [1, 5, 10, 20, 50];
const DURATIONS = [10, 30, 60, 0];

export function TrafficPanel({ namespace, name }: { namespace: string; name: string }) {
  const t = useT();
  const traffic = useCluster((s) => s.traffic);
  const [rps, setRps] = useState(10);
  const [duration, setDuration] = useState(30);
  const engine = getEngine();
  const mine = traffic && traffic.namespace === namespace && traffic.service === name ? traffic : undefined;
  return (
    <div className="traffic pad" data-testid="traffic">
      <p className="muted">{t('traffic.intro')}</p>
      <div className="traffic-controls">
        <label>
          {t('traffic.rate')}{' '}
          <select value={rps} onChange={(e) => setRps(Number(e.target.value))} data-testid="traffic-rate">
            {RATES.map((r) => (
              <option key={r} value={r}>
                {t('traffic.perSecond', { n: r })}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('traffic.duration')}{' '}
          <select value={duration} onChange={(e) => setDuration(Number(e.target.value))} data-testid="traffic-duration">
            {DURATIONS.map((d) => (
              <option key={d} value={d}>
                {d === 0 ? t('traffic.untilStopped') : t('traffic.seconds', { n: d })}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="primary" onClick={() => void report(engine.startTraffic({ namespace, service: name, rps, durationSec: duration }))} data-testid="traffic-start">
          {t('traffic.start')}
        </button>
        {mine?.running && (
          <button type="button" onClick={() => void report(engine.stopTraffic())} data-testid="traffic-stop">
            {t('traffic.stop')}
          </button>
        )}
      </div>
      {mine && <TrafficSpread traffic={mine} />}
    </div>
  );
}
