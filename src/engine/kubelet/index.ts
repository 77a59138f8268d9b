/**
 * The nodes of the cluster: each one a Node object registered by its kubelet, with heartbeats,
 * and the kubelet that runs the pods bound to it.
 */
import type { ClusterParts } from '../cluster';

export interface NodeSpecInput {
  name: string;
  controlPlane?: boolean;
}

export class NodeFleet {
  constructor(private c: ClusterParts) {}

  /** Registers a node and starts its kubelet. */
  add(spec: NodeSpecInput): void {
    void this.c;
    void spec;
  }
}
