/**
 * The architecture the control-plane view draws (pure data): where each component sits and
 * which connections exist. Every component talks to kube-apiserver only, and only the
 * apiserver talks to etcd; on each node the kubelet calls the CNI plugin (flannel).
 */
import type { FlowComponent } from '../../engine-client/protocol';

export const WIDTH = 800;
export const HEIGHT = 300;
export const BOX_W = 176;
export const BOX_H = 34;

export const POSITION: Record<FlowComponent, { x: number; y: number }> = {
  kubectl: { x: 94, y: 150 },
  'kube-apiserver': { x: 395, y: 150 },
  etcd: { x: 395, y: 255 },
  'kube-controller-manager': { x: 300, y: 45 },
  'kube-scheduler': { x: 495, y: 45 },
  kubelet: { x: 702, y: 105 },
  'kube-proxy': { x: 702, y: 165 },
  flannel: { x: 702, y: 245 },
};

/** Components of the control plane (drawn in one group) and of every node. */
export const CONTROL_PLANE: FlowComponent[] = ['kube-apiserver', 'etcd', 'kube-controller-manager', 'kube-scheduler'];
export const NODE: FlowComponent[] = ['kubelet', 'kube-proxy', 'flannel'];

export const CONNECTIONS: [FlowComponent, FlowComponent][] = [
  ['kubectl', 'kube-apiserver'],
  ['kube-apiserver', 'etcd'],
  ['kube-apiserver', 'kube-controller-manager'],
  ['kube-apiserver', 'kube-scheduler'],
  ['kube-apiserver', 'kubelet'],
  ['kube-apiserver', 'kube-proxy'],
  ['kubelet', 'flannel'],
];

/** The key of a connection, whichever way a message goes. */
export function edgeKey(a: FlowComponent, b: FlowComponent): string {
  return [a, b].sort().join('|');
}

/** The point where a line from `from`'s centre to `to`'s centre leaves `from`'s box. */
export function boxExit(from: FlowComponent, to: FlowComponent): { x: number; y: number } {
  const a = POSITION[from];
  const b = POSITION[to];
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  if (dx === 0 && dy === 0) return a;
  const sx = Math.abs(dx) > 0 ? BOX_W / 2 / Math.abs(dx) : Infinity;
  const sy = Math.abs(dy) > 0 ? BOX_H / 2 / Math.abs(dy) : Infinity;
  const s = Math.min(sx, sy);
  return { x: a.x + dx * s, y: a.y + dy * s };
}
