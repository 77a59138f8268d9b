/**
 * What kubeadm init, kubeadm join and the flannel manifest leave in a fresh cluster
 * (CONTRACT.md section 2): namespaces, the control-plane and worker nodes, the `kubernetes`
 * Service, and the kube-system and kube-flannel workloads.
 */
import type { Cluster } from './cluster';
import { createKubeDnsService, createKubernetesService } from './network/bootstrap';
import { createSystemWorkloads } from './controllers/system-workloads';
import { createDefaultStorageClass } from './controllers/storage/bootstrap';

export const SYSTEM_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system', 'kube-flannel'];

export function bootstrap(c: Cluster, opts: { workers: number; bare: boolean }): void {
  for (const name of SYSTEM_NAMESPACES) {
    const labels: Record<string, string> = {};
    if (name === 'kube-flannel') labels['pod-security.kubernetes.io/enforce'] = 'privileged';
    c.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
  }
  createKubernetesService(c.api);
  c.nodes.add({ name: 'control-plane', controlPlane: true });
  for (let i = 1; i <= opts.workers; i++) c.nodes.add({ name: `node-${i}` });
  if (opts.bare) return;
  createSystemWorkloads(c.api);
  createKubeDnsService(c.api);
  createDefaultStorageClass(c.api);
}
