/** The per-pod spread of the traffic as bars (inspector and topology overlay). */
import type { TrafficView } from '../../engine-client/protocol';
import { useT } from '../../i18n/useT';
import { spreadRows } from './distribution';

export function TrafficSpread({ traffic, compact = false }: { traffic: TrafficView; compact?: boolean }) {
  const t = useT();
  const rows = spreadRows(traffic);
  return (
    <div className={compact ? 'traffic-spread compact' : 'traffic-spread'} data-testid={compact ? 'traffic-overlay' : 'traffic-spread'}>
      <div className="traffic-title">
        {t('traffic.summary', { service: traffic.service, rps: traffic.rps, sent: traffic.sent, failed: traffic.failed })}
        {traffic.running && <span className="traffic-live"> ● {t('traffic.live')}</span>}
      </div>
      <table>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label} className={r.failed ? 'failed' : undefined}>
              <td className="nowrap">{r.label}</td>
              <td className="bar-cell">
                <span className="bar" style={{ width: `${r.share}%` }} />
              </td>
              <td className="num">{r.n}</td>
              <td className="num">{r.share.toFixed(1)}%</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
