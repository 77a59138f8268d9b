/**
 * Test helpers for the scheduler: a bare control plane (apiserver, clock, rng) with the
 * scheduler and hand-made Node objects, without kubelets or controllers.
 */
import type { ClusterParts } from '../cluster';
import { SimClock } from '../core/clock';
import { Rng } from '../core/rng';
import { ApiServer } from '../api/server';
import { EventRecorder } from '../api/events';
import { ControllerManager } from '../controllers/manager';
import type { KObject } from '../api/types/meta';
import { Scheduler } from './scheduler';

export interface NodeOpts {
  cpu?: string;
  memory?: string;
  pods?: string;
  labels?: Record<string, string>;
  taints?: { key: string; value?: string; effect: string }[];
  unschedulable?: boolean;
  images?: { names: string[]; sizeBytes: number }[];
}

export function nodeObject(name: string, o: NodeOpts = {}): KObject {
  const capacity = { cpu: o.cpu ?? '2', memory: o.memory ?? '4Gi', pods: o.pods ?? '110', 'ephemeral-storage': '100Gi' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', ...(o.labels ?? {}) } },
    spec: { ...(o.taints ? { taints: o.taints } : {}), ...(o.unschedulable ? { unschedulable: true } : {}) },
    status: { capacity, allocatable: capacity, images: o.images ?? [] },
  };
}

export const CONTROL_PLANE_TAINT = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };

export interface PodOpts {
  namespace?: string;
  cpu?: string;
  memory?: string;
  labels?: Record<string, string>;
  priority?: number;
  image?: string;
  hostPort?: number;
  spec?: Record<string, unknown>;
  ownerReferences?: KObject['metadata']['ownerReferences'];
}

export function podObject(name: string, o: PodOpts = {}): KObject {
  const requests: Record<string, string> = {};
  if (o.cpu) requests.cpu = o.cpu;
  if (o.memory) requests.memory = o.memory;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: o.namespace ?? 'default', labels: o.labels, ownerReferences: o.ownerReferences },
    spec: {
      containers: [
        {
          name: 'c',
          image: o.image ?? 'nginx:1.27',
          resources: Object.keys(requests).length ? { requests } : {},
          ...(o.hostPort ? { ports: [{ containerPort: 80, hostPort: o.hostPort }] } : {}),
        },
      ],
      ...(o.priority !== undefined ? { priority: o.priority } : {}),
      ...(o.spec ?? {}),
    },
  };
}

export interface SchedHarness extends ClusterParts {
  scheduler: Scheduler;
  addNode(name: string, o?: NodeOpts): KObject;
  addPod(name: string, o?: PodOpts): KObject;
  pod(name: string, ns?: string): KObject;
  /** `Type Reason Message` of every event about `name`, oldest first. */
  events(name: string): string[];
  /** Runs every scheduling attempt possible now. */
  settle(): void;
}

export function newSchedHarness(): SchedHarness {
  const clock = new SimClock();
  const rng = new Rng(1);
  const api = new ApiServer(clock, rng);
  const manager = new ControllerManager(api, clock);
  for (const name of ['default', 'kube-system']) api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  const parts: ClusterParts = {
    api,
    clock,
    rng,
    manager,
    internalErrors: [],
    recorder: (s) => new EventRecorder(api, s),
  };
  const scheduler = new Scheduler(parts);
  return {
    ...parts,
    scheduler,
    addNode: (name, o) => api.create(nodeObject(name, o)),
    addPod: (name, o) => api.create(podObject(name, o)),
    pod: (name, ns = 'default') => api.get('Pod', ns, name),
    events(name) {
      return api
        .list('Event')
        .items.filter((e) => (e.involvedObject as { name: string }).name === name)
        .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion))
        .map((e) => `${e.type} ${e.reason} ${e.message}`);
    },
    settle: () => clock.settle(),
  };
}
