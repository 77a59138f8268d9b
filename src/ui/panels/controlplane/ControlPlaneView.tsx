/**
 * The control-plane view (lazy-loaded): the architecture of a kubeadm cluster with flannel
 * (kube-apiserver and etcd, kube-controller-manager, kube-scheduler; on every node the kubelet,
 * kube-proxy and flannel) and the request flow of the learner's last action, animated message
 * by message along its connections, as the worker recorded it from the cluster (engine/worker/
 * flow.ts). The list beside it names every message; clicking one shows it.
 */
import { useEffect, useRef, useState } from 'react';
import { useCluster } from '../../state/cluster-store';
import { useT } from '../../i18n/useT';
import type { FlowComponent } from '../../engine-client/protocol';
import { BOX_H, BOX_W, boxExit, CONNECTIONS, CONTROL_PLANE, edgeKey, HEIGHT, NODE, POSITION, WIDTH } from './architecture';

/** Wall time each message takes on screen. */
const STEP_MS = 650;

function Box({ c, active }: { c: FlowComponent; active: boolean }) {
  const p = POSITION[c];
  return (
    <g className={`cp-box${active ? ' active' : ''}`} data-component={c}>
      <rect x={p.x - BOX_W / 2} y={p.y - BOX_H / 2} width={BOX_W} height={BOX_H} rx={6} />
      <text x={p.x} y={p.y + 4} textAnchor="middle">
        {c}
      </text>
    </g>
  );
}

export default function ControlPlaneView() {
  const t = useT();
  const flow = useCluster((s) => s.flow);
  const [index, setIndex] = useState(0);
  const [playing, setPlaying] = useState(true);
  const flowId = useRef<number | undefined>(undefined);
  const list = useRef<HTMLOListElement>(null);

  // A new action: play its flow from the start.
  useEffect(() => {
    if (flow?.id !== flowId.current) {
      flowId.current = flow?.id;
      setIndex(0);
      setPlaying(true);
    }
  }, [flow?.id]);

  const count = flow?.steps.length ?? 0;
  useEffect(() => {
    if (!playing || index >= count - 1) return;
    const timer = setTimeout(() => setIndex((i) => Math.min(i + 1, count - 1)), STEP_MS);
    return () => clearTimeout(timer);
  }, [playing, index, count]);

  useEffect(() => {
    list.current?.querySelector('.current')?.scrollIntoView({ block: 'nearest' });
  }, [index]);

  const step = flow?.steps[index];
  const from = step ? boxExit(step.from, step.to) : undefined;
  const to = step ? boxExit(step.to, step.from) : undefined;
  const nodeX = POSITION.kubelet.x - BOX_W / 2 - 12;
  return (
    <div className="control-plane" data-testid="control-plane">
      <div className="cp-picture">
        <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={t('cp.picture')}>
          <rect className="cp-group" x={198} y={8} width={nodeX - 210} height={HEIGHT - 16} rx={10} />
          <text className="cp-group-label" x={208} y={HEIGHT - 16}>
            {t('cp.controlPlane')}
          </text>
          <rect className="cp-group" x={nodeX} y={70} width={WIDTH - nodeX - 4} height={HEIGHT - 78} rx={10} />
          <text className="cp-group-label" x={nodeX + 10} y={HEIGHT - 16}>
            {t('cp.node', { node: step?.from === 'kubelet' || step?.to === 'kubelet' ? (step.detail ?? '') : '' })}
          </text>
          {CONNECTIONS.map(([a, b]) => {
            const p = boxExit(a, b);
            const q = boxExit(b, a);
            const lit = step && edgeKey(step.from, step.to) === edgeKey(a, b);
            return <line key={edgeKey(a, b)} className={lit ? 'cp-edge lit' : 'cp-edge'} x1={p.x} y1={p.y} x2={q.x} y2={q.y} />;
          })}
          {(['kubectl', ...CONTROL_PLANE, ...NODE] as FlowComponent[]).map((c) => (
            <Box key={c} c={c} active={!!step && (step.from === c || step.to === c)} />
          ))}
          {from && to && (
            <circle
              key={`${flow?.id}:${index}`}
              className="cp-message"
              cx={from.x}
              cy={from.y}
              r={6}
              style={{ ['--dx' as string]: `${to.x - from.x}px`, ['--dy' as string]: `${to.y - from.y}px` }}
            />
          )}
        </svg>
        {step && (
          <p className="cp-caption" data-testid="cp-caption">
            <b>{`${step.from} → ${step.to}`}</b>
            {step.detail && step.detail !== step.from ? ` (${step.detail})` : ''}: {step.label}
          </p>
        )}
      </div>
      <div className="cp-side">
        <div className="cp-controls">
          <span className="cp-action" title={flow?.action}>
            {flow ? `$ ${flow.action}` : t('cp.none')}
          </span>
          {flow && (
            <>
              <button type="button" onClick={() => (index >= count - 1 ? (setIndex(0), setPlaying(true)) : setPlaying(!playing))} data-testid="cp-play">
                {index >= count - 1 ? t('cp.replay') : playing ? t('controls.pause') : t('controls.play')}
              </button>
              <span className="muted">{t('cp.progress', { n: index + 1, total: count })}</span>
            </>
          )}
        </div>
        <ol className="cp-steps" ref={list} data-testid="cp-steps">
          {flow?.steps.map((s, i) => (
            <li key={i} className={i === index ? 'current' : i < index ? 'done' : undefined}>
              <button
                type="button"
                className="link"
                onClick={() => {
                  setPlaying(false);
                  setIndex(i);
                }}
              >
                {`${s.from} → ${s.to}`}
              </button>{' '}
              <span>{s.label}</span>
            </li>
          ))}
        </ol>
      </div>
    </div>
  );
}
