/**
 * The apiserver's ClusterIP and NodePort allocators (pkg/registry/core/service/ipallocator and
 * portallocator over allocator/bitmap.go), with their errors and their allocation strategy:
 * `randomScanStrategyWithOffset`, which prefers the upper part of the range for dynamic
 * allocation and leaves the lower band to users who ask for a specific value.
 *
 *   service CIDR 10.96.0.0/12: 2^20 addresses, minus network and broadcast = 1,048,574 usable;
 *   offset = min(max(16, 2^20/16), 256) = 256, so dynamic IPs start at base+1+256 = 10.96.1.1.
 *   node ports 30000-32767: 2768 ports; offset = min(max(16, 2768/32), 128) = 86, so dynamic
 *   node ports start at 30086.
 *
 * What is allocated is derived from the Service objects in the store (a watch keeps the sets
 * current), which is what the apiserver's repair loops converge the bitmaps to.
 * Simplification: allocation is not transactional with etcd; a create that later fails
 * validation simply never stores the values it chose, so nothing needs releasing.
 */
import type { Store } from '../api/store';
import type { KObject } from '../api/types/meta';
import type { Rng } from '../core/rng';
import { formatIPv4, mustCidr, parseIPv4, SERVICE_CIDR, type Cidr } from './ip';

export const NODE_PORT_BASE = 30000;
export const NODE_PORT_SIZE = 2768;
export const NODE_PORT_RANGE_TEXT = '30000-32767';

export const ErrIPAllocated = 'provided IP is already allocated';
export const ErrPortAllocated = 'provided port is already allocated';
export const ErrIPNotInRange = (ip: string, range: string): string =>
  `the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${range}`;
export const ErrPortNotInRange = (range: string): string =>
  `provided port is not in the valid range. The range of valid ports is ${range}`;
export const ErrFull = 'range is full';

/** calculateRangeOffset of ipallocator (min 16, max 256, step 16). */
export function ipRangeOffset(cidrSize: number): number {
  if (cidrSize <= 16) return 0;
  return Math.min(Math.max(16, Math.floor(cidrSize / 16)), 256);
}

/** calculateRangeOffset of portallocator (min 16, max 128, step 32). */
export function portRangeOffset(size: number): number {
  if (size <= 16) return 0;
  return Math.min(Math.max(16, Math.floor(size / 32)), 128);
}

/** randomScanStrategyWithOffset.AllocateBit over a set of taken offsets. */
export function allocateOffset(taken: (i: number) => boolean, max: number, offset: number, rng: Rng): number | undefined {
  const sub = max - offset;
  if (sub > 0) {
    const start = rng.int(sub);
    for (let i = 0; i < sub; i++) {
      const at = offset + ((start + i) % sub);
      if (!taken(at)) return at;
    }
  }
  if (offset > 0) {
    const start = rng.int(offset);
    for (let i = 0; i < offset; i++) {
      const at = (start + i) % offset;
      if (!taken(at)) return at;
    }
  }
  return undefined;
}

/** A failed allocation: the message upstream puts in the field error. */
export class AllocationError extends Error {}

export class ServiceAllocations {
  readonly cidr: Cidr = mustCidr(SERVICE_CIDR);
  /** Usable addresses: the CIDR minus its network and broadcast addresses. */
  readonly ipMax = this.cidr.size - 2;
  readonly ipOffset = ipRangeOffset(this.cidr.size);
  readonly portOffset = portRangeOffset(NODE_PORT_SIZE);
  /** Allocated IPs (numeric) -> count of services holding them (normally 1). */
  private ips = new Map<number, number>();
  private ports = new Map<number, number>();

  constructor(store: Store) {
    for (const svc of store.list('Service')) this.add(svc);
    store.watch('Service', (ev) => {
      if (ev.old) this.remove(ev.old);
      if (ev.type !== 'DELETED') this.add(ev.object);
    });
  }

  hasIP(ip: string): boolean {
    const n = parseIPv4(ip);
    return n !== undefined && (this.ips.get(n) ?? 0) > 0;
  }

  hasPort(port: number): boolean {
    return (this.ports.get(port) ?? 0) > 0;
  }

  /** Checks a requested ClusterIP; throws AllocationError with upstream's text. */
  allocateIP(ip: string): string {
    const n = parseIPv4(ip);
    const offset = n === undefined ? -1 : n - (this.cidr.base + 1);
    if (n === undefined || offset < 0 || offset >= this.ipMax) {
      throw new AllocationError(ErrIPNotInRange(ip, this.cidr.text));
    }
    if (this.hasIP(ip)) throw new AllocationError(ErrIPAllocated);
    return ip;
  }

  /** AllocateNext of the ClusterIP range. */
  allocateNextIP(rng: Rng, exclude: ReadonlySet<string> = new Set()): string {
    const base = this.cidr.base + 1;
    const at = allocateOffset(
      (i) => (this.ips.get(base + i) ?? 0) > 0 || exclude.has(formatIPv4(base + i)),
      this.ipMax,
      this.ipOffset,
      rng,
    );
    if (at === undefined) throw new AllocationError(ErrFull);
    return formatIPv4(base + at);
  }

  /** Checks a requested node port; throws AllocationError with upstream's text. */
  allocatePort(port: number, reserved: ReadonlySet<number> = new Set()): number {
    if (port < NODE_PORT_BASE || port >= NODE_PORT_BASE + NODE_PORT_SIZE) {
      throw new AllocationError(ErrPortNotInRange(NODE_PORT_RANGE_TEXT));
    }
    if (this.hasPort(port) || reserved.has(port)) throw new AllocationError(ErrPortAllocated);
    return port;
  }

  /** AllocateNext of the node port range, skipping ports this operation already took. */
  allocateNextPort(rng: Rng, reserved: ReadonlySet<number> = new Set()): number {
    const at = allocateOffset(
      (i) => this.hasPort(NODE_PORT_BASE + i) || reserved.has(NODE_PORT_BASE + i),
      NODE_PORT_SIZE,
      this.portOffset,
      rng,
    );
    if (at === undefined) throw new AllocationError(ErrFull);
    return NODE_PORT_BASE + at;
  }

  private add(svc: KObject): void {
    for (const ip of clusterIPsOf(svc)) {
      const n = parseIPv4(ip)!;
      this.ips.set(n, (this.ips.get(n) ?? 0) + 1);
    }
    for (const p of nodePortsOf(svc)) this.ports.set(p, (this.ports.get(p) ?? 0) + 1);
  }

  private remove(svc: KObject): void {
    for (const ip of clusterIPsOf(svc)) {
      const n = parseIPv4(ip)!;
      const c = (this.ips.get(n) ?? 1) - 1;
      if (c <= 0) this.ips.delete(n);
      else this.ips.set(n, c);
    }
    for (const p of nodePortsOf(svc)) {
      const c = (this.ports.get(p) ?? 1) - 1;
      if (c <= 0) this.ports.delete(p);
      else this.ports.set(p, c);
    }
  }
}

function clusterIPsOf(svc: KObject): string[] {
  const ips: string[] = svc.spec?.clusterIPs ?? (svc.spec?.clusterIP ? [svc.spec.clusterIP] : []);
  return ips.filter((ip) => ip && ip !== 'None' && parseIPv4(ip) !== undefined);
}

/** Node ports a service holds (ports' nodePorts and the health-check node port). */
export function nodePortsOf(svc: KObject): number[] {
  const out = new Set<number>();
  for (const p of svc.spec?.ports ?? []) if (p.nodePort) out.add(p.nodePort);
  if (svc.spec?.healthCheckNodePort) out.add(svc.spec.healthCheckNodePort);
  return [...out];
}

const byStore = new WeakMap<Store, ServiceAllocations>();

/** The allocators of one apiserver (one per store). */
export function serviceAllocations(store: Store): ServiceAllocations {
  let a = byStore.get(store);
  if (!a) byStore.set(store, (a = new ServiceAllocations(store)));
  return a;
}
