/** Says when the engine worker stopped and was restarted from the saved session. */
import { useCluster } from '../../state/cluster-store';
import { useT } from '../../i18n/useT';

export function EngineNotice() {
  const t = useT();
  const engine = useCluster((s) => s.engine);
  const restored = useCluster((s) => s.status?.restored ?? 0);
  const setEngineState = useCluster((s) => s.setEngineState);
  if (!engine) return null;
  return (
    <div className={`engine-notice ${engine.state}`} role="status" data-testid="engine-notice" data-state={engine.state}>
      <span>
        {engine.state === 'restarting' ? t('engine.restarting', { reason: engine.reason ?? '' }) : t('engine.restarted', { n: restored })}
      </span>
      {engine.state === 'restarted' && (
        <button type="button" onClick={() => setEngineState(undefined)}>
          {t('engine.dismiss')}
        </button>
      )}
    </div>
  );
}
