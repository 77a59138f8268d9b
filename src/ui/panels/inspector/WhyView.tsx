/**
 * The inspector's "Why?" tab: the causal chain of the selected object (engine/worker/why.ts),
 * root first (Deployment -> ReplicaSet revision -> Pod), each link with the event its
 * controller recorded, then, for a pod, the scheduler's decision with every node's verdict and
 * score, and the kubelet's events. Names link to their objects. Everything is cluster text.
 */
import { useEffect, useState } from 'react';
import { getEngine } from '../../engine-client';
import type { WhyChain, WhyEvent, WhyNode } from '../../engine-client/protocol';
import { useCluster } from '../../state/cluster-store';
import { useUi } from '../../state/ui-store';
import { useT } from '../../i18n/useT';
import { timeAgo } from '../events/events';

type T = ReturnType<typeof useT>;

function EventLine({ e, now }: { e: WhyEvent; now: number }) {
  return (
    <li className={e.type === 'Warning' ? 'warning' : undefined}>
      <span className="muted">{timeAgo(now, e.lastMs)}</span> <span className="why-source">{e.source}</span> <b>{e.reason}</b> {e.message}
      {e.count > 1 && <span className="muted"> (x{e.count})</span>}
    </li>
  );
}

function verdict(t: T, n: WhyNode): string {
  if (n.verdict === 'rejected') return `✗ ${t('why.rejected', { plugin: n.plugin ?? '' })}: ${(n.reasons ?? []).join('; ')}`;
  if (n.verdict === 'not-evaluated') return t('why.notEvaluated');
  const score = n.total !== undefined ? ` · ${t('why.score', { n: n.total })}` : '';
  return `${n.verdict === 'chosen' ? `✓ ${t('why.chosen')}` : t('why.feasible')}${score}`;
}

export function WhyView({ kind, objectKey, version }: { kind: string; objectKey: string; version: unknown }) {
  const t = useT();
  const now = useCluster((s) => s.status?.nowMs ?? 0);
  const select = useUi((s) => s.select);
  const [chain, setChain] = useState<WhyChain | undefined>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    let cancelled = false;
    void getEngine()
      .why(kind, objectKey)
      .then((r) => {
        if (cancelled) return;
        setError(r.ok ? undefined : r.error);
        setChain(r.ok ? r.value : undefined);
      });
    return () => {
      cancelled = true;
    };
  }, [kind, objectKey, version]);

  if (error) return <p className="error pad">{error}</p>;
  if (!chain) return <p className="muted pad">{t('inspector.loading')}</p>;
  const s = chain.scheduling;
  const podNode = chain.steps[chain.steps.length - 1]?.detail.find((d) => d.startsWith('node '))?.slice(5);
  return (
    <div className="why pad" data-testid="why">
      <p className="muted">{t('why.intro')}</p>
      <ol className="why-chain">
        {chain.steps.map((st) => (
          <li key={st.key + st.kind} className="why-step" data-kind={st.kind}>
            <div className="why-head">
              <span className="muted">{st.kind}</span>{' '}
              <button type="button" className="link" onClick={() => select({ kind: st.kind, key: st.key })}>
                {st.name}
              </button>{' '}
              <span className="why-detail">{st.detail.join(' · ')}</span>
            </div>
            <div className="why-by">
              {st.createdBy === 'kubectl'
                ? t('why.byYou', { ago: timeAgo(now, st.createdMs) })
                : t('why.by', { who: st.createdBy, ago: timeAgo(now, st.createdMs) })}
            </div>
            {st.cause.length + st.events.length > 0 && (
              <ul className="why-events">
                {[...st.cause, ...st.events].map((e, i) => (
                  <EventLine key={i} e={e} now={now} />
                ))}
              </ul>
            )}
          </li>
        ))}
        {s && (
          <li className="why-step" data-kind="scheduling">
            <div className="why-head">
              {t('why.scheduler', { attempt: s.attempt, outcome: s.outcome })}
              {s.node && <> · {t('why.scheduledTo', { node: s.node })}</>}
            </div>
            {s.message && <div className="why-message">{s.message}</div>}
            {s.nodes.filter((n) => n.total !== undefined && n.total === s.nodes[0].total).length > 1 && s.nodes[0].verdict === 'chosen' && (
              <div className="why-by">{t('why.tie')}</div>
            )}
            <table className="why-nodes" data-testid="why-nodes">
              <thead>
                <tr>
                  <th>{t('why.node')}</th>
                  <th>{t('why.verdict')}</th>
                </tr>
              </thead>
              <tbody>
                {s.nodes.map((n) => (
                  <tr key={n.node} className={`verdict-${n.verdict}`}>
                    <td className="nowrap">{n.node}</td>
                    <td>
                      {verdict(t, n)}
                      {n.scores && (
                        <div className="why-scores muted">
                          {Object.entries(n.scores)
                            .map(([p, v]) => `${p} ${v}`)
                            .join(' · ')}
                        </div>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </li>
        )}
        {chain.kubelet && chain.kubelet.length > 0 && (
          <li className="why-step" data-kind="kubelet">
            <div className="why-head">{t('why.kubelet', { node: podNode ?? '' })}</div>
            <ul className="why-events">
              {chain.kubelet.map((e, i) => (
                <EventLine key={i} e={e} now={now} />
              ))}
            </ul>
          </li>
        )}
      </ol>
      {(kind === 'Service' || chain.children.length > 0) && (
        <div className="why-children">
          <h3>{kind === 'Service' ? t('why.selects') : t('why.made')}</h3>
          {chain.children.length === 0 ? (
            <p className="muted">{t('why.nothing')}</p>
          ) : (
            <ul>
              {chain.children.map((c) => (
                <li key={c.kind + c.key}>
                  <span className="muted">{c.kind}</span>{' '}
                  <button type="button" className="link" onClick={() => select({ kind: c.kind, key: c.key })}>
                    {c.name}
                  </button>{' '}
                  <span className="why-detail">{c.detail.join(' · ')}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
