/**
 * The inspector of the selected object: its YAML and `kubectl describe` (run through the engine
 * shell, read-only), its events, its logs (pods), desired vs actual (workloads), and the
 * actions the simulation controls offer for it (fail or remove a node, kill a pod).
 */
import { useMemo, useState } from 'react';
import { useCluster } from '../../state/cluster-store';
import { useUi } from '../../state/ui-store';
import { useT } from '../../i18n/useT';
import type { MessageKey } from '../../i18n/messages';
import { getEngine, report } from '../../engine-client';
import type { AnyView, ViewKind, WorkloadView } from '../../engine-client/protocol';
import { VIEW_KINDS } from '../../engine-client/protocol';
import { filterEvents, timeAgo } from '../events/events';
import { useExec } from './useExec';
import { DesiredView } from './DesiredView';
import { InspectorHints } from './InspectorHints';
import { WhyView } from './WhyView';
import { FaultBar } from './FaultBar';
import { RolloutView } from '../rollout/RolloutView';
import { TrafficPanel } from '../traffic/TrafficPanel';

type Tab = 'yaml' | 'describe' | 'events' | 'why' | 'logs' | 'desired' | 'rollout' | 'traffic';

const WORKLOADS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob']);
const HOME = '/home/learner';

function splitKey(key: string): { namespace?: string; name: string } {
  const i = key.indexOf('/');
  return i < 0 ? { name: key } : { namespace: key.slice(0, i), name: key.slice(i + 1) };
}

/** The kubectl arguments naming an object: `pod web -n default`. */
export function kubectlRef(kind: string, key: string): string {
  const { namespace, name } = splitKey(key);
  return `${kind.toLowerCase()} ${name}${namespace ? ` -n ${namespace}` : ''}`;
}

export function InspectorPanel() {
  const t = useT();
  const selection = useUi((s) => s.selection);
  const select = useUi((s) => s.select);
  const openInEditor = useUi((s) => s.openInEditor);
  const [tab, setTab] = useState<Tab>('yaml');
  const kind = selection?.kind;
  const mirrored = kind && (VIEW_KINDS as readonly string[]).includes(kind) ? (kind as ViewKind) : undefined;
  const view = useCluster((s) => (selection && mirrored ? (s.mirror[mirrored][selection.key] as AnyView | undefined) : undefined));
  const events = useCluster((s) => s.mirror.Event);
  const now = useCluster((s) => s.status?.nowMs ?? 0);

  const tabs: { id: Tab; label: MessageKey }[] = [
    { id: 'yaml', label: 'inspector.yaml' },
    { id: 'describe', label: 'inspector.describe' },
    { id: 'events', label: 'inspector.events' },
    { id: 'why', label: 'inspector.why' },
  ];
  if (kind === 'Pod') tabs.push({ id: 'logs', label: 'inspector.logs' });
  if (kind && WORKLOADS.has(kind)) tabs.push({ id: 'desired', label: 'inspector.desired' });
  if (kind === 'Deployment') tabs.push({ id: 'rollout', label: 'inspector.rollout' });
  if (kind === 'Service') tabs.push({ id: 'traffic', label: 'inspector.traffic' });
  const current = tabs.some((x) => x.id === tab) ? tab : 'yaml';

  const ref = selection ? kubectlRef(selection.kind, selection.key) : '';
  const command =
    !selection || (mirrored && !view)
      ? undefined
      : current === 'yaml'
        ? `kubectl get ${ref} -o yaml`
        : current === 'describe'
          ? `kubectl describe ${ref}`
          : current === 'logs'
            ? `kubectl logs ${ref.replace(/^pod /, '')} --all-containers --tail=200`
            : undefined;
  const exec = useExec(command, view);

  const objectEvents = useMemo(() => {
    if (!selection) return [];
    const { namespace, name } = splitKey(selection.key);
    return filterEvents(
      Object.values(events).filter(
        (e) => e.involved.kind === selection.kind && e.involved.name === name && (e.involved.namespace ?? '') === (namespace ?? ''),
      ),
      '',
      false,
    );
  }, [events, selection]);

  if (!selection) return <p className="muted pad">{t('inspector.none')}</p>;

  const { namespace, name } = splitKey(selection.key);
  const engine = getEngine();
  const editYaml = async () => {
    const r = await report(engine.exec(`kubectl get ${ref} -o yaml`, { record: false }));
    if (!r || r.code !== 0) return;
    const path = `${HOME}/${selection.kind.toLowerCase()}-${name}.yaml`;
    await report(engine.writeFile(path, r.stdout));
    openInEditor(path);
  };

  return (
    <div className="inspector" data-testid="inspector">
      <div className="inspector-head">
        <h2>
          <span className="muted">{selection.kind}</span> {namespace ? `${namespace}/` : ''}
          {name}
        </h2>
        <div className="actions">
          {selection.kind === 'Node' && view && (
            <>
              <button type="button" onClick={() => void report(engine.failNode(name))}>
                {t('topology.failNode')}
              </button>
              <button type="button" onClick={() => void report(engine.recoverNode(name))}>
                {t('topology.recoverNode')}
              </button>
              <button type="button" onClick={() => void report(engine.removeNode(name))}>
                {t('topology.removeNode')}
              </button>
            </>
          )}
          {selection.kind === 'Pod' && view && (
            <button type="button" onClick={() => void report(engine.killPod(namespace ?? 'default', name))}>
              {t('topology.killPod')}
            </button>
          )}
          {(!mirrored || view) && (
            <button type="button" onClick={() => void editYaml()}>
              {t('inspector.openInEditor')}
            </button>
          )}
          <button type="button" onClick={() => select(undefined)} aria-label={t('inspector.close')}>
            ✕
          </button>
        </div>
      </div>
      {view && (kind === 'Pod' || WORKLOADS.has(selection.kind)) && (
        <FaultBar kind={selection.kind} namespace={namespace ?? 'default'} name={name} images={(view as { images?: string[] }).images ?? []} />
      )}
      {view && <InspectorHints kind={selection.kind} objectKey={selection.key} version={view} />}
      <div className="tabs" role="tablist">
        {tabs.map((x) => (
          <button
            key={x.id}
            type="button"
            role="tab"
            aria-selected={x.id === current}
            className={x.id === current ? 'tab active' : 'tab'}
            onClick={() => setTab(x.id)}
          >
            {t(x.label)}
          </button>
        ))}
      </div>
      <div className="inspector-body" role="tabpanel">
        {mirrored && !view ? (
          <p className="muted pad">{t('inspector.gone')}</p>
        ) : current === 'events' ? (
          <ul className="object-events">
            {objectEvents.length === 0 && <li className="muted">{t('events.none')}</li>}
            {objectEvents.map((e) => (
              <li key={e.key} className={e.type === 'Warning' ? 'warning' : undefined}>
                <span className="muted">{timeAgo(now, e.lastMs)}</span> {e.type} <b>{e.reason}</b> {e.message}
              </li>
            ))}
          </ul>
        ) : current === 'why' ? (
          <WhyView kind={selection.kind} objectKey={selection.key} version={view} />
        ) : current === 'traffic' ? (
          <TrafficPanel namespace={namespace ?? 'default'} name={name} />
        ) : current === 'rollout' ? (
          <RolloutView deployment={view as WorkloadView} />
        ) : current === 'desired' ? (
          <DesiredView workload={view as WorkloadView} />
        ) : exec.error ? (
          <p className="error pad">{exec.error}</p>
        ) : (
          <pre className="kubectl-output" data-testid="inspector-output" aria-busy={exec.loading}>
            {exec.result ? exec.result.output : t('inspector.loading')}
          </pre>
        )}
      </div>
    </div>
  );
}
