/**
 * The controllers kube-controller-manager runs, registered with the manager in upstream's
 * order. One line per controller.
 */
import type { ClusterParts } from '../cluster';

export function startControllers(c: ClusterParts): void {
  void c;
}
