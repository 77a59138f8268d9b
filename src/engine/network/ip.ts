/**
 * IPv4 arithmetic for the simulated networks (service CIDR, pod CIDRs, the node network and
 * the load-balancer pool), as k8s.io/utils/net does it for the allocators: addresses as
 * unsigned 32-bit integers, CIDRs as base + prefix length.
 */

/** Cluster network facts of the default cluster (CONVENTIONS.md). */
export const SERVICE_CIDR = '10.96.0.0/12';
export const POD_CIDR = '10.244.0.0/16';
export const CLUSTER_DOMAIN = 'cluster.local';
export const KUBERNETES_SERVICE_IP = '10.96.0.1';
export const KUBE_DNS_IP = '10.96.0.10';
export const APISERVER_ENDPOINT_IP = '172.18.0.2';
export const APISERVER_PORT = 6443;

/** Parses a dotted quad; undefined when it is not a valid IPv4 address. */
export function parseIPv4(s: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return undefined;
  let n = 0;
  for (let i = 1; i <= 4; i++) {
    const part = m[i];
    // Go's net.ParseIP rejects leading zeros ("010.0.0.1").
    if (part.length > 1 && part[0] === '0') return undefined;
    const v = Number(part);
    if (v > 255) return undefined;
    n = n * 256 + v;
  }
  return n >>> 0;
}

export function formatIPv4(n: number): string {
  n = n >>> 0;
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

export function isIPv4(s: string): boolean {
  return parseIPv4(s) !== undefined;
}

/** A loose IPv6 check (enough to tell families apart in validation). */
export function isIPv6(s: string): boolean {
  return s.includes(':') && /^[0-9a-fA-F:.]+$/.test(s) && (s.match(/::/g)?.length ?? 0) <= 1;
}

export function isIP(s: string): boolean {
  return isIPv4(s) || isIPv6(s);
}

export interface Cidr {
  base: number;
  bits: number;
  /** Number of addresses in the CIDR (2^(32-bits)). */
  size: number;
  text: string;
}

export function parseCidr(s: string): Cidr | undefined {
  const [ip, len] = s.split('/');
  const base = parseIPv4(ip ?? '');
  const bits = Number(len);
  if (base === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32) return undefined;
  const size = 2 ** (32 - bits);
  const masked = bits === 0 ? 0 : (base & (~0 << (32 - bits))) >>> 0;
  return { base: masked, bits, size, text: `${formatIPv4(masked)}/${bits}` };
}

export function mustCidr(s: string): Cidr {
  const c = parseCidr(s);
  if (!c) throw new Error(`bad CIDR ${s}`);
  return c;
}

export function cidrContains(c: Cidr, ip: string | number): boolean {
  const n = typeof ip === 'number' ? ip : parseIPv4(ip);
  if (n === undefined) return false;
  return n >= c.base && n < c.base + c.size;
}

/** The i-th address of a CIDR (0 is the network address). */
export function cidrAddress(c: Cidr, i: number): string {
  return formatIPv4(c.base + i);
}

/** Numeric comparison of two dotted quads (for sorting endpoints as iptables rules are). */
export function compareIPs(a: string, b: string): number {
  const x = parseIPv4(a);
  const y = parseIPv4(b);
  if (x !== undefined && y !== undefined) return x - y;
  return a < b ? -1 : a > b ? 1 : 0;
}
