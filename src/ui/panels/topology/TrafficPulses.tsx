/**
 * Requests from the traffic generator as pulses: each one a dot that travels along its
 * service -> pod link (a request that reached no pod flashes red on the service). The worker
 * sends the requests of each simulated second together; their starts are spread over that
 * second so that they read as a stream. The dots move with a CSS animation; React only adds and
 * removes them.
 */
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { onPulses } from '../../engine-client';
import type { Link, ServiceBox } from './layout';

/** Dots alive at once at most. */
const MAX_LIVE = 60;
const TRAVEL_MS = 700;

interface Live {
  id: number;
  x: number;
  y: number;
  dx: number;
  dy: number;
  ok: boolean;
  delayMs: number;
}

export const TrafficPulses = memo(function TrafficPulses({ links, services }: { links: Link[]; services: ServiceBox[] }) {
  const [live, setLive] = useState<Live[]>([]);
  const next = useRef(1);
  const byPair = useMemo(() => new Map(links.map((l) => [`${l.service}>${l.pod}`, l])), [links]);
  const byService = useMemo(() => new Map(services.map((s) => [s.key, s])), [services]);
  const geometry = useRef({ byPair, byService });
  geometry.current = { byPair, byService };

  useEffect(() => {
    const timers = new Set<ReturnType<typeof setTimeout>>();
    const off = onPulses((pulses) => {
      const { byPair: pairs, byService: boxes } = geometry.current;
      const added: Live[] = [];
      pulses.forEach((p, i) => {
        const delayMs = Math.round((i / pulses.length) * 900);
        const link = p.pod ? pairs.get(`${p.service}>${p.pod}`) : undefined;
        if (link) added.push({ id: next.current++, x: link.x1, y: link.y1, dx: link.x2 - link.x1, dy: link.y2 - link.y1, ok: p.ok, delayMs });
        else {
          const s = boxes.get(p.service);
          if (s) added.push({ id: next.current++, x: s.x + s.w / 2, y: s.y + s.h, dx: 0, dy: 0, ok: false, delayMs });
        }
      });
      if (added.length === 0) return;
      setLive((cur) => [...cur, ...added].slice(-MAX_LIVE));
      const ids = new Set(added.map((a) => a.id));
      const timer = setTimeout(() => {
        timers.delete(timer);
        setLive((cur) => cur.filter((l) => !ids.has(l.id)));
      }, 900 + TRAVEL_MS + 100);
      timers.add(timer);
    });
    return () => {
      off();
      for (const t of timers) clearTimeout(t);
    };
  }, []);

  return (
    <g className="pulses" data-testid="pulses" data-count={live.length}>
      {live.map((l) => (
        <circle
          key={l.id}
          className={l.ok ? 'pulse' : 'pulse failed'}
          cx={l.x}
          cy={l.y}
          r={3.5}
          style={{ ['--dx' as string]: `${l.dx}px`, ['--dy' as string]: `${l.dy}px`, animationDelay: `${l.delayMs}ms` }}
        />
      ))}
    </g>
  );
});
