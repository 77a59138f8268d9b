/**
 * The Node object a kubelet registers and keeps fresh (pkg/kubelet/kubelet_node_status.go and
 * nodestatus/setters.go): labels, kubeadm's annotations, capacity and allocatable (kubeadm's
 * evictionHard memory.available=100Mi, nodefs.available=10%), addresses, nodeInfo, the four
 * conditions with their real reasons and messages, daemonEndpoints and the image list (at most
 * 50, largest first). Also the node events the kubelet records at start-up.
 */
import type { KObject } from '../api/types/meta';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Obj = Record<string, any>;

export const KUBELET_VERSION = 'v1.32.5';
export const CONTAINER_RUNTIME = 'containerd://1.7.24';
export const OS_IMAGE = 'Debian GNU/Linux 12 (bookworm)';
export const KERNEL = '6.8.0-48-generic';

/** Node condition texts (pkg/kubelet/nodestatus/setters.go). */
export const NODE_CONDITIONS = {
  memory: { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
  disk: { type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
  pid: { type: 'PIDPressure', status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
  ready: { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
  notReady: { type: 'Ready', status: 'False', reason: 'KubeletNotReady', message: 'container runtime status check may not have completed yet' },
} as const;

export interface NodeShape {
  name: string;
  ip: string;
  podCIDR: string;
  controlPlane: boolean;
  /** CPU cores. */
  cpu: number;
  /** Memory in KiB. */
  memoryKi: number;
  /** Disk in KiB. */
  ephemeralKi: number;
  labels?: Record<string, string>;
  taints?: Obj[];
  machineID: string;
  systemUUID: string;
  bootID: string;
}

/** Default sizes of a node (a 2-CPU, 4 GiB VM with a 60 GB disk). */
export const DEFAULT_NODE_SIZE = { cpu: 2, memoryKi: 4025972, ephemeralKi: 61202244 };

export function nodeLabels(s: NodeShape): Record<string, string> {
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': s.name,
    'kubernetes.io/os': 'linux',
  };
  if (s.controlPlane) {
    labels['node-role.kubernetes.io/control-plane'] = '';
    labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
  }
  return { ...labels, ...(s.labels ?? {}) };
}

export function capacity(s: NodeShape): Obj {
  return {
    cpu: String(s.cpu),
    'ephemeral-storage': `${s.ephemeralKi}Ki`,
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: `${s.memoryKi}Ki`,
    pods: '110',
  };
}

/** Capacity minus kubeadm's eviction thresholds (no kube-reserved / system-reserved). */
export function allocatable(s: NodeShape): Obj {
  const diskBytes = s.ephemeralKi * 1024;
  const reserved = Math.floor(diskBytes * 0.1);
  return {
    cpu: String(s.cpu),
    'ephemeral-storage': String(diskBytes - reserved),
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: `${s.memoryKi - 102400}Ki`,
    pods: '110',
  };
}

export function condition(c: { type: string; status: string; reason: string; message: string }, heartbeat: string, transition: string): Obj {
  return { lastHeartbeatTime: heartbeat, lastTransitionTime: transition, message: c.message, reason: c.reason, status: c.status, type: c.type };
}

export function nodeInfo(s: NodeShape): Obj {
  return {
    architecture: 'amd64',
    bootID: s.bootID,
    containerRuntimeVersion: CONTAINER_RUNTIME,
    kernelVersion: KERNEL,
    kubeProxyVersion: KUBELET_VERSION,
    kubeletVersion: KUBELET_VERSION,
    machineID: s.machineID,
    operatingSystem: 'linux',
    osImage: OS_IMAGE,
    systemUUID: s.systemUUID,
  };
}

/** The image list of node status: largest first, at most 50 (nodeStatusMaxImages). */
export function imageList(images: Iterable<{ size: number; names: string[] }>): Obj[] {
  return [...images]
    .sort((a, b) => b.size - a.size || (a.names[0] < b.names[0] ? -1 : 1))
    .slice(0, 50)
    .map((i) => ({ names: [...i.names], sizeBytes: i.size }));
}

/** The Node a kubelet registers (initialNode + the first status). */
export function initialNode(s: NodeShape, now: string, images: Obj[]): KObject {
  const spec: Obj = { podCIDR: s.podCIDR, podCIDRs: [s.podCIDR] };
  const taints = [...(s.controlPlane ? [{ effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' }] : []), ...(s.taints ?? [])];
  if (taints.length) spec.taints = taints;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: s.name,
      labels: nodeLabels(s),
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///var/run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec,
    status: {
      addresses: [
        { address: s.ip, type: 'InternalIP' },
        { address: s.name, type: 'Hostname' },
      ],
      allocatable: allocatable(s),
      capacity: capacity(s),
      conditions: [
        condition(NODE_CONDITIONS.memory, now, now),
        condition(NODE_CONDITIONS.disk, now, now),
        condition(NODE_CONDITIONS.pid, now, now),
        condition(NODE_CONDITIONS.notReady, now, now),
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      images,
      nodeInfo: nodeInfo(s),
    },
  };
}

/** Node event messages (pkg/kubelet/events + nodestatus.RecordNodeStatusEvent). */
export const NODE_EVENTS = {
  starting: 'Starting kubelet.',
  statusNow: (node: string, reason: string) => `Node ${node} status is now: ${reason}`,
  allocatable: 'Updated Node Allocatable limit across pods',
};

/** `2026-11-26T09:05:00.123456Z` (metav1.MicroTime). */
export function microTime(ms: number, micros: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19) + '.' + String((ms % 1000) * 1000 + micros).padStart(6, '0') + 'Z';
}
