/**
 * Resource arithmetic of the scheduler: resource.Quantity parsing (k8s.io/apimachinery
 * pkg/api/resource) and a pod's effective requests as
 * k8s.io/component-helpers/resource.PodRequests computes them (containers summed, init
 * containers by the max rule, restartable init containers (sidecars) added, overhead added),
 * plus the "non-zero" requests the scoring plugins use (pkg/scheduler/util: 100m CPU and
 * 200 MiB memory for a container that requests none).
 */
import type { KObject } from '../api/types/meta';

/** schedutil.DefaultMilliCPURequest */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
/** schedutil.DefaultMemoryRequest: 200 MiB */
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };
const QUANTITY = /^([+-]?[0-9.]+)(?:([eE][+-]?[0-9]+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?)$/;

const cache = new Map<string, number>();

/** The quantity as a plain number of units (`500m` -> 0.5, `1Gi` -> 1073741824); NaN if invalid. */
export function quantityValue(q: unknown): number {
  if (typeof q === 'number') return q;
  if (typeof q !== 'string') return NaN;
  const hit = cache.get(q);
  if (hit !== undefined) return hit;
  const m = QUANTITY.exec(q.trim());
  let v = NaN;
  if (m) {
    const base = Number(m[1]);
    if (m[2]) v = base * 10 ** Number(m[2].slice(1));
    else if (m[3] && BINARY[m[3]] !== undefined) v = base * BINARY[m[3]];
    else v = base * DECIMAL[m[3] ?? ''];
  }
  if (cache.size < 10_000) cache.set(q, v);
  return v;
}

/** Quantity.MilliValue(): rounded up to a whole milli-unit. */
export function milliValue(q: unknown): number {
  const v = quantityValue(q);
  if (!Number.isFinite(v)) return 0;
  return Math.ceil(v * 1000 - 1e-6);
}

/** Quantity.Value(): rounded up to a whole unit. */
export function intValue(q: unknown): number {
  const v = quantityValue(q);
  if (!Number.isFinite(v)) return 0;
  return Math.ceil(v - 1e-9);
}

/** A resource vector as the scheduler keeps it (framework.Resource). */
export interface Resource {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  /** Extended resources (`nvidia.com/gpu`, hugepages-*) by name. */
  scalar: Map<string, number> | undefined;
}

/** Always the same object shape, so that property reads stay monomorphic on hot paths. */
export function emptyResource(): Resource {
  return { milliCPU: 0, memory: 0, ephemeralStorage: 0, scalar: undefined };
}

type ResourceList = Readonly<Record<string, unknown>> | undefined;

/** schedutil.IsScalarResourceName: extended, hugepages and attachable-volume resources. */
export function isScalarResourceName(name: string): boolean {
  return name.includes('/') || name.startsWith('hugepages-') || name.startsWith('attachable-volume-');
}

function addList(r: Resource, rl: ResourceList): void {
  if (!rl) return;
  for (const name in rl) {
    const q = rl[name];
    switch (name) {
      case 'cpu':
        r.milliCPU += milliValue(q);
        break;
      case 'memory':
        r.memory += intValue(q);
        break;
      case 'ephemeral-storage':
        r.ephemeralStorage += intValue(q);
        break;
      case 'pods':
        break;
      default:
        if (isScalarResourceName(name)) {
          r.scalar ??= new Map();
          r.scalar.set(name, (r.scalar.get(name) ?? 0) + intValue(q));
        }
    }
  }
}

function addResource(r: Resource, o: Resource): void {
  r.milliCPU += o.milliCPU;
  r.memory += o.memory;
  r.ephemeralStorage += o.ephemeralStorage;
  if (o.scalar) {
    r.scalar ??= new Map();
    for (const [k, v] of o.scalar) r.scalar.set(k, (r.scalar.get(k) ?? 0) + v);
  }
}

function maxResource(r: Resource, o: Resource): void {
  r.milliCPU = Math.max(r.milliCPU, o.milliCPU);
  r.memory = Math.max(r.memory, o.memory);
  r.ephemeralStorage = Math.max(r.ephemeralStorage, o.ephemeralStorage);
  if (o.scalar) {
    r.scalar ??= new Map();
    for (const [k, v] of o.scalar) r.scalar.set(k, Math.max(r.scalar.get(k) ?? 0, v));
  }
}

interface ContainerLike {
  resources?: { requests?: ResourceList; limits?: ResourceList };
  restartPolicy?: string;
}

/**
 * A container's requests. Simplification: the apiserver defaults missing requests to limits;
 * we apply the same rule here too so a pod written without that defaulting still counts.
 */
function containerRequests(c: ContainerLike, nonMissing: boolean): Resource {
  const r = emptyResource();
  const req = c.resources?.requests;
  const lim = c.resources?.limits;
  const merged: Record<string, unknown> = {};
  if (lim) for (const k in lim) merged[k] = lim[k];
  if (req) for (const k in req) merged[k] = req[k];
  if (nonMissing) {
    if (!('cpu' in merged)) merged.cpu = `${DEFAULT_MILLI_CPU_REQUEST}m`;
    if (!('memory' in merged)) merged.memory = String(DEFAULT_MEMORY_REQUEST);
  }
  addList(r, merged);
  return r;
}

/**
 * resourcehelper.PodRequests. With `nonMissing`, containers without a cpu or memory request
 * count the scheduler's defaults (what NonZeroRequested and LeastAllocated use).
 *
 * Worked example: containers 200m + 300m, init containers 100m and 800m -> max(500m, 800m) = 800m.
 */
export function podRequests(pod: KObject, nonMissing = false): Resource {
  const spec = pod.spec ?? {};
  const reqs = emptyResource();
  for (const c of (spec.containers ?? []) as ContainerLike[]) addResource(reqs, containerRequests(c, nonMissing));
  const restartable = emptyResource();
  const initMax = emptyResource();
  for (const c of (spec.initContainers ?? []) as ContainerLike[]) {
    const cr = containerRequests(c, nonMissing);
    if (c.restartPolicy === 'Always') {
      addResource(reqs, cr);
      addResource(restartable, cr);
      maxResource(initMax, restartable);
    } else {
      const tmp = emptyResource();
      addResource(tmp, cr);
      addResource(tmp, restartable);
      maxResource(initMax, tmp);
    }
  }
  maxResource(reqs, initMax);
  if (spec.overhead) addList(reqs, spec.overhead);
  return reqs;
}

/** node.status.allocatable as a Resource plus the allowed pod count. */
export function nodeAllocatable(node: KObject): { res: Resource; pods: number } {
  const alloc = (node.status?.allocatable ?? node.status?.capacity ?? {}) as Record<string, unknown>;
  const res = emptyResource();
  addList(res, alloc);
  return { res, pods: intValue(alloc.pods ?? 0) };
}
