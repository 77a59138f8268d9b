/**
 * Fault injection for the selected pod or workload: crash the pod's container (exit 137) or
 * OOM-kill it, and make pulls of its image fail with a registry error, then clear the fault.
 * The simulation reacts as a cluster would: the kubelet restarts the container (CrashLoopBackOff
 * if it keeps failing), new pods cannot pull the image (ErrImagePull, ImagePullBackOff).
 */
import { useState } from 'react';
import { getEngine, report } from '../../engine-client';
import { PULL_FAULTS, type PullFault } from '../../engine-client/protocol';
import { useCluster } from '../../state/cluster-store';
import { useT } from '../../i18n/useT';

export function FaultBar({ kind, namespace, name, images }: { kind: string; namespace: string; name: string; images: string[] }) {
  const t = useT();
  const engine = getEngine();
  const active = useCluster((s) => s.status?.pullFaults ?? []);
  const [fault, setFault] = useState<PullFault>('notfound');
  const image = images[0];
  const broken = image ? active.find((f) => f.image === image) : undefined;
  return (
    <div className="fault-bar" role="group" aria-label={t('fault.label')} data-testid="fault-bar">
      <span className="muted">{t('fault.label')}:</span>
      {kind === 'Pod' && (
        <>
          <button type="button" onClick={() => void report(engine.crashPod(namespace, name, false))} title={t('fault.crashHint')}>
            {t('fault.crash')}
          </button>
          <button type="button" onClick={() => void report(engine.crashPod(namespace, name, true))} title={t('fault.oomHint')}>
            {t('fault.oom')}
          </button>
        </>
      )}
      {image &&
        (broken ? (
          <button type="button" onClick={() => void report(engine.injectPullFault(image, null))} data-testid="fault-clear">
            {t('fault.clear', { image, fault: t(`fault.${broken.fault}`) })}
          </button>
        ) : (
          <>
            <select value={fault} onChange={(e) => setFault(e.target.value as PullFault)} aria-label={t('fault.kind')} data-testid="fault-kind">
              {PULL_FAULTS.map((f) => (
                <option key={f} value={f}>
                  {t(`fault.${f}`)}
                </option>
              ))}
            </select>
            <button type="button" onClick={() => void report(engine.injectPullFault(image, fault))} title={t('fault.pullHint')} data-testid="fault-pull">
              {t('fault.pull', { image })}
            </button>
          </>
        ))}
    </div>
  );
}
