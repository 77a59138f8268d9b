/**
 * NodePorts filter (pkg/scheduler/framework/plugins/nodeports): a pod's hostPorts must be free
 * on the node (HostPortInfo.CheckConflict: 0.0.0.0 conflicts with every IP).
 */
import { SKIP, unschedulable, type FilterPlugin, type HostPort, type NodeInfo, type PreFilterPlugin } from '../types';

export const NODE_PORTS = 'NodePorts';
export const ErrReasonNodePorts = "node(s) didn't have free ports for the requested pod ports";

/** HostPortInfo.CheckConflict */
export function portConflicts(node: NodeInfo, hp: HostPort): boolean {
  if (hp.port <= 0) return false;
  if (hp.ip === '0.0.0.0') {
    const suffix = `/${hp.protocol}/${hp.port}`;
    for (const k of node.usedPorts.keys()) if (k.endsWith(suffix)) return true;
    return false;
  }
  return node.usedPorts.has(`0.0.0.0/${hp.protocol}/${hp.port}`) || node.usedPorts.has(`${hp.ip}/${hp.protocol}/${hp.port}`);
}

export const nodePorts: PreFilterPlugin & FilterPlugin = {
  name: NODE_PORTS,
  preFilter(_state, pod) {
    return pod.ports.length === 0 ? SKIP : null;
  },
  filter(_state, pod, node) {
    if (node.usedPorts.size === 0) return null;
    for (const hp of pod.ports) if (portConflicts(node, hp)) return unschedulable(ErrReasonNodePorts);
    return null;
  },
};
