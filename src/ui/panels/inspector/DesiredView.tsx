/** The "desired vs actual" tab of a workload: counts and what its controller does next. */
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useCluster } from '../../state/cluster-store';
import { useT } from '../../i18n/useT';
import type { WorkloadView } from '../../engine-client/protocol';
import { desiredVsActual } from './desired';

export function DesiredView({ workload }: { workload: WorkloadView }) {
  const t = useT();
  const { pods, replicaSets } = useCluster(useShallow((s) => ({ pods: s.mirror.Pod, replicaSets: s.mirror.ReplicaSet })));
  const d = useMemo(
    () => desiredVsActual(workload, Object.values(pods), Object.values(replicaSets)),
    [workload, pods, replicaSets],
  );
  return (
    <div className="desired pad" data-testid="desired">
      <dl className="counts">
        <div>
          <dt>{t('desired.desired')}</dt>
          <dd>{d.desired}</dd>
        </div>
        <div>
          <dt>{t('desired.current')}</dt>
          <dd>{d.current}</dd>
        </div>
        <div>
          <dt>{t('desired.ready')}</dt>
          <dd>{d.ready}</dd>
        </div>
      </dl>
      <ul>
        {d.next.map((n) => (
          <li key={n.key}>{t(n.key, n.vars)}</li>
        ))}
      </ul>
    </div>
  );
}
