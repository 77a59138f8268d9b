/**
 * The cluster as a picture: nodes with their pods, the control plane apart, services linked to
 * their endpoints; filter by namespace and labels; zoom and pan (d3-zoom does the gesture math,
 * React owns the DOM); click anything to inspect it.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { select } from 'd3-selection';
import { zoom, zoomIdentity, type ZoomBehavior, type ZoomTransform } from 'd3-zoom';
import { useCluster } from '../../state/cluster-store';
import { useUi } from '../../state/ui-store';
import { useT } from '../../i18n/useT';
import { layoutTopology } from './layout';
import { matchesLabels, parseLabelFilter } from './label-filter';
import { Legend } from './Legend';
import { TopologyScene } from './TopologyScene';
import { TrafficPulses } from './TrafficPulses';
import { TrafficSpread } from '../traffic/TrafficSpread';

const MARGIN = 16;
/** Above this many pods, pods stop gliding and fading: the frame budget goes to the picture. */
const ANIMATED_PODS = 200;

export function TopologyPanel() {
  const t = useT();
  const { nodes, pods, services, endpoints, namespaces } = useCluster(
    useShallow((s) => ({
      nodes: s.mirror.Node,
      pods: s.mirror.Pod,
      services: s.mirror.Service,
      endpoints: s.mirror.Endpoints,
      namespaces: s.mirror.Namespace,
    })),
  );
  const { namespace, labelFilter, selection, select: onSelect, setNamespace, setLabelFilter } = useUi(
    useShallow((s) => ({
      namespace: s.namespace,
      labelFilter: s.labelFilter,
      selection: s.selection,
      select: s.select,
      setNamespace: s.setNamespace,
      setLabelFilter: s.setLabelFilter,
    })),
  );
  const reqs = useMemo(() => parseLabelFilter(labelFilter), [labelFilter]);
  const traffic = useCluster((s) => s.traffic);

  const layout = useMemo(() => {
    const inNs = <T extends { namespace: string }>(x: T) => !namespace || x.namespace === namespace;
    return layoutTopology({
      nodes: Object.values(nodes),
      pods: Object.values(pods).filter((p) => inNs(p) && (!reqs || matchesLabels(reqs, p.labels))),
      services: Object.values(services).filter((s) => inNs(s) && (!reqs || reqs.length === 0 || matchesLabels(reqs, s.selector))),
      endpoints: Object.values(endpoints),
    });
  }, [nodes, pods, services, endpoints, namespace, reqs]);

  const svgRef = useRef<SVGSVGElement>(null);
  const zoomRef = useRef<ZoomBehavior<SVGSVGElement, unknown>>(undefined);
  const [transform, setTransform] = useState<ZoomTransform>(zoomIdentity);
  const userZoomed = useRef(false);

  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const z = zoom<SVGSVGElement, unknown>()
      .scaleExtent([0.1, 6])
      .on('zoom', (e: { transform: ZoomTransform; sourceEvent: unknown }) => {
        // A gesture (wheel, drag) means the learner chose a view: stop fitting automatically.
        if (e.sourceEvent) userZoomed.current = true;
        setTransform(e.transform);
      });
    zoomRef.current = z;
    const sel = select(svg);
    sel.call(z).on('dblclick.zoom', null);
    return () => {
      sel.on('.zoom', null);
    };
  }, []);

  const fit = () => {
    userZoomed.current = false;
    const svg = svgRef.current;
    const z = zoomRef.current;
    if (!svg || !z) return;
    const { width, height } = svg.getBoundingClientRect();
    if (width === 0 || height === 0) return;
    const k = Math.min(2, (width - 2 * MARGIN) / layout.width, (height - 2 * MARGIN) / layout.height);
    const x = (width - layout.width * k) / 2;
    select(svg).call(z.transform, zoomIdentity.translate(x, MARGIN).scale(k));
  };

  // Fit whenever the picture changes size, until the learner zooms or pans themselves.
  const nodeCount = layout.nodes.length;
  const podCount = useMemo(
    () => layout.nodes.reduce((n, b) => n + b.pods.length, layout.unscheduled?.pods.length ?? 0),
    [layout],
  );
  useEffect(() => {
    if (nodeCount === 0 || userZoomed.current) return;
    fit();
  }, [nodeCount, layout.width, layout.height]);

  const labels = useMemo(
    () => ({
      controlPlane: t('topology.controlPlane'),
      unscheduled: t('topology.unscheduled'),
      podCount: (n: number) => t('topology.podCount', { n }),
    }),
    [t],
  );
  const nsNames = Object.keys(namespaces).sort();
  return (
    <div className="topology">
      <div className="topology-toolbar">
        <label>
          {t('topology.namespace')}{' '}
          <select value={namespace} onChange={(e) => setNamespace(e.target.value)} data-testid="namespace-filter">
            <option value="">{t('topology.allNamespaces')}</option>
            {nsNames.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('topology.labelFilter')}{' '}
          <input
            type="search"
            value={labelFilter}
            placeholder={t('topology.labelFilterPlaceholder')}
            onChange={(e) => setLabelFilter(e.target.value)}
            aria-invalid={reqs === undefined}
            title={reqs === undefined ? t('topology.badSelector') : undefined}
            spellCheck={false}
          />
        </label>
        <button type="button" onClick={fit} title={t('topology.zoomHint')}>
          ⤢
        </button>
        <Legend />
      </div>
      <svg
        ref={svgRef}
        className={podCount > ANIMATED_PODS ? 'topology-svg many' : 'topology-svg'}
        role="group" aria-label={t('panel.topology')} data-testid="topology">
        <g transform={transform.toString()}>
          <TopologyScene
            layout={layout}
            selected={selection}
            onSelect={onSelect}
            labels={labels}
          />
          <TrafficPulses links={layout.links} services={layout.services} />
        </g>
        {nodeCount === 0 && (
          <text x="50%" y="50%" textAnchor="middle" className="empty">
            {t('topology.empty')}
          </text>
        )}
      </svg>
      {traffic && <TrafficSpread traffic={traffic} compact />}
    </div>
  );
}
