/** The per-pod spread of the traffic as rows for bars (pure). */
import type { TrafficView } from '../../engine-client/protocol';

export interface SpreadRow {
  /** Pod name (or `failed: <kind>`). */
  label: string;
  n: number;
  /** Share of all requests sent, 0..100, one decimal as `kubeplay traffic` prints it. */
  share: number;
  failed: boolean;
}

export function spreadRows(v: TrafficView): SpreadRow[] {
  const total = Math.max(1, v.sent);
  const pct = (n: number) => Math.round((1000 * n) / total) / 10;
  return [
    ...v.byPod.map((p) => ({ label: p.pod.slice(p.pod.indexOf('/') + 1), n: p.n, share: pct(p.n), failed: false })),
    ...v.errors.map((e) => ({ label: `failed: ${e.error}`, n: e.n, share: pct(e.n), failed: true })),
  ];
}
