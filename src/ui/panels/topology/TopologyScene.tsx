/**
 * The drawing of a topology layout (layout.ts) as SVG. React owns every element; pods carry a
 * CSS transform so they glide when the layout moves them and fade in and out (styles.css).
 */
import { memo, type KeyboardEvent } from 'react';
import type { Selection } from '../../state/ui-store';
import { POD_R, type PodDot, type TopologyLayout } from './layout';
import { CATEGORY_COLOUR, ownerHue } from './status';

export interface SceneProps {
  layout: TopologyLayout;
  selected?: Selection;
  onSelect(sel: Selection): void;
  labels: { controlPlane: string; unscheduled: string; podCount: (n: number) => string };
}

function activate(onSelect: () => void) {
  return (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onSelect();
    }
  };
}

export const TopologyScene = memo(function TopologyScene({ layout, selected, onSelect, labels }: SceneProps) {
  const isSel = (kind: string, key: string) => selected?.kind === kind && selected.key === key;
  const selectedService = selected?.kind === 'Service' ? selected.key : undefined;
  return (
    <g>
      <g className="links">
        {layout.links.map((l) => (
          <line
            key={l.key}
            x1={l.x1}
            y1={l.y1}
            x2={l.x2}
            y2={l.y2}
            className={`link${l.ready ? '' : ' not-ready'}${selectedService === l.service ? ' highlighted' : ''}`}
          />
        ))}
      </g>
      {layout.services.map((s) => (
        <g
          key={s.key}
          className={`service${isSel('Service', s.key) ? ' selected' : ''}`}
          transform={`translate(${s.x},${s.y})`}
          role="button"
          tabIndex={0}
          aria-label={`service ${s.namespace}/${s.name}`}
          data-testid={`service-${s.namespace}-${s.name}`}
          onClick={() => onSelect({ kind: 'Service', key: s.key })}
          onKeyDown={activate(() => onSelect({ kind: 'Service', key: s.key }))}
        >
          <rect width={s.w} height={s.h} rx={8} />
          <text x={10} y={17} className="title">{s.name}</text>
          <text x={10} y={32} className="sub">{s.type}</text>
        </g>
      ))}
      {layout.nodes.map((n) => (
        <g
          key={n.key}
          className={`node${n.controlPlane ? ' control-plane' : ''}${n.ready ? '' : ' not-ready'}${isSel('Node', n.key) ? ' selected' : ''}`}
          data-testid={`node-${n.name}`}
        >
          <rect
            x={n.x}
            y={n.y}
            width={n.w}
            height={n.h}
            rx={10}
            role="button"
            tabIndex={0}
            aria-label={`node ${n.name} ${n.status}`}
            onClick={() => onSelect({ kind: 'Node', key: n.key })}
            onKeyDown={activate(() => onSelect({ kind: 'Node', key: n.key }))}
          />
          <text x={n.x + 10} y={n.y + 17} className="title">{n.name}</text>
          <text x={n.x + 10} y={n.y + 31} className={`sub status-${n.ready ? 'ok' : 'bad'}`}>
            {n.status} · {n.controlPlane ? labels.controlPlane : labels.podCount(n.pods.length)}
          </text>
        </g>
      ))}
      {layout.unscheduled && (
        <g className="tray">
          <rect x={layout.unscheduled.x} y={layout.unscheduled.y} width={layout.unscheduled.w} height={layout.unscheduled.h} rx={10} />
          <text x={layout.unscheduled.x + 10} y={layout.unscheduled.y + 20} className="title">{labels.unscheduled}</text>
        </g>
      )}
      <g className="pods">
        {[...layout.nodes.flatMap((n) => n.pods), ...(layout.unscheduled?.pods ?? [])].map((p) => (
          <PodMark key={p.key} pod={p} selected={isSel('Pod', p.key)} onSelect={onSelect} />
        ))}
      </g>
    </g>
  );
});

/**
 * One pod. Memoized on what it draws, so that a push that changes a few pods re-renders only
 * those (the layout hands out fresh objects every time).
 */
const PodMark = memo(
  function PodMark({ pod: p, selected, onSelect }: { pod: PodDot; selected: boolean; onSelect(sel: Selection): void }) {
    return (
      <g
        className={`pod${p.deleting ? ' deleting' : ''}${selected ? ' selected' : ''}`}
        style={{ transform: `translate(${p.x}px, ${p.y}px)` }}
        role="button"
        tabIndex={-1}
        aria-label={`pod ${p.namespace}/${p.name} ${p.status}`}
        data-testid={`pod-${p.namespace}-${p.name}`}
        data-status={p.status}
        data-node={p.nodeName}
        onClick={() => onSelect({ kind: 'Pod', key: p.key })}
      >
        <title>{`${p.namespace}/${p.name}\n${p.status}${p.owner ? `\n${p.owner}` : ''}`}</title>
        {p.owner && <circle r={POD_R + 2.5} className="owner-ring" stroke={`hsl(${ownerHue(p.owner)} 70% 60%)`} />}
        <circle r={POD_R} fill={CATEGORY_COLOUR[p.category]} />
      </g>
    );
  },
  (a, b) =>
    a.selected === b.selected &&
    a.onSelect === b.onSelect &&
    a.pod.x === b.pod.x &&
    a.pod.y === b.pod.y &&
    a.pod.status === b.pod.status &&
    a.pod.category === b.pod.category &&
    a.pod.deleting === b.pod.deleting &&
    a.pod.nodeName === b.pod.nodeName &&
    a.pod.owner === b.pod.owner,
);
