/**
 * The inspector's "Rollout" tab of a Deployment: its ReplicaSet revisions side by side, oldest
 * left, each with its pods as dots (coloured by status, as in the topology), ready/desired, and
 * an arrow for growing or shrinking, so a rolling update reads as one column filling while
 * another empties, and `rollout undo` as an old column (same name, same hash) becoming current
 * again. Buttons type the rollout commands into the terminal and run them, so the learner sees
 * the real kubectl doing it.
 */
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { typeInto } from '../../engine-client';
import type { WorkloadView } from '../../engine-client/protocol';
import { useCluster } from '../../state/cluster-store';
import { useUi } from '../../state/ui-store';
import { useT } from '../../i18n/useT';
import { CATEGORY_COLOUR } from '../topology/status';
import { revisionColumns } from './revisions';

const TREND = { growing: '▲', shrinking: '▼', steady: '' } as const;

export function RolloutView({ deployment }: { deployment: WorkloadView }) {
  const t = useT();
  const select = useUi((s) => s.select);
  const setRightTab = useUi((s) => s.setRightTab);
  const { pods, replicaSets } = useCluster(useShallow((s) => ({ pods: s.mirror.Pod, replicaSets: s.mirror.ReplicaSet })));
  const columns = useMemo(
    () => revisionColumns(deployment, Object.values(replicaSets), Object.values(pods)),
    [deployment, replicaSets, pods],
  );
  const ref = `deployment/${deployment.name}${deployment.namespace === 'default' ? '' : ` -n ${deployment.namespace}`}`;
  const runInTerminal = (cmd: string) => {
    setRightTab('terminal');
    void typeInto('main', `${cmd}\r`);
  };
  return (
    <div className="rollout pad" data-testid="rollout">
      <div className="rollout-actions">
        <span className="muted">{deployment.paused ? t('rollout.paused') : t('rollout.intro')}</span>
        <button type="button" onClick={() => runInTerminal(`kubectl rollout history ${ref}`)}>
          {t('rollout.history')}
        </button>
        <button type="button" onClick={() => runInTerminal(`kubectl rollout undo ${ref}`)} disabled={columns.length < 2} data-testid="rollout-undo">
          {t('rollout.undo')}
        </button>
      </div>
      {columns.length === 0 && <p className="muted">{t('rollout.none')}</p>}
      <ol className="revisions">
        {columns.map((c) => (
          <li
            key={c.key}
            className={`revision${c.current ? ' current' : ''} ${c.trend}`}
            data-testid={`revision-${c.revision}`}
            data-hash={c.hash}
            data-current={c.current}
          >
            <div className="revision-head">
              <span className="revision-number">{t('rollout.revision', { n: c.revision })}</span>
              {c.trend !== 'steady' && (
                <span className={`trend ${c.trend}`} title={t(c.trend === 'growing' ? 'rollout.growing' : 'rollout.shrinking')}>
                  {TREND[c.trend]}
                </span>
              )}
            </div>
            {c.history.length > 0 && <div className="revision-was">{t('rollout.was', { list: c.history.join(', ') })}</div>}
            <button type="button" className="link revision-name" onClick={() => select({ kind: 'ReplicaSet', key: c.key })}>
              {c.name}
            </button>
            <div className="revision-image">{c.images.join(', ')}</div>
            <div className="revision-count">{t('rollout.count', { ready: c.ready, desired: c.desired })}</div>
            <div className="revision-pods" aria-label={t('rollout.pods', { n: c.pods.length })}>
              {c.pods.map((p) => (
                <span
                  key={p.key}
                  className={`dot${p.deleting ? ' deleting' : ''}`}
                  style={{ background: CATEGORY_COLOUR[p.category] }}
                  title={`${p.name}\n${p.status}`}
                />
              ))}
              {Array.from({ length: Math.max(0, c.desired - c.pods.filter((p) => !p.deleting).length) }, (_, i) => (
                <span key={`slot-${i}`} className="dot slot" title={t('rollout.slot')} />
              ))}
            </div>
            {c.current && <div className="revision-current">{t('rollout.current')}</div>}
          </li>
        ))}
      </ol>
    </div>
  );
}
