/**
 * When the HTTP apiserver runs the simulated controllers after a write (ServeOptions
 * settleAfterWrites): per served cluster.
 */
import type { Cluster } from '../../cluster';

const settleAfterWrites = new WeakMap<Cluster, boolean>();

export function setSettleWrites(cluster: Cluster, on: boolean): void {
  settleAfterWrites.set(cluster, on);
}

/** After a write: runs the controllers to quiet unless the cluster's server was told not to. */
export function settleWrites(cluster: Cluster): void {
  if (settleAfterWrites.get(cluster) !== false) cluster.clock.settle();
}
