/**
 * Pod IP allocation on one node, as the CNI host-local IPAM plugin that flannel uses does it:
 * addresses of the node's podCIDR from .2 up (cni0 holds .1), allocated round-robin after the
 * last one handed out, so a freed address is not reused at once.
 */

function ipToInt(ip: string): number {
  return ip.split('.').reduce((acc, p) => (acc << 8) + Number(p), 0) >>> 0;
}

function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export class IpPool {
  private first: number;
  private last: number;
  private next: number;
  private used = new Set<number>();

  /** `cidr` like `10.244.1.0/24`. */
  constructor(readonly cidr: string) {
    const [base, bits] = cidr.split('/');
    const size = 2 ** (32 - Number(bits));
    const start = ipToInt(base);
    this.first = start + 2;
    this.last = start + size - 2;
    this.next = this.first;
  }

  /** The gateway address (cni0). */
  get gateway(): string {
    return intToIp(this.first - 1);
  }

  /** The next free address, or undefined when the range is exhausted. */
  allocate(): string | undefined {
    const span = this.last - this.first + 1;
    for (let i = 0; i < span; i++) {
      const cand = this.next;
      this.next = cand >= this.last ? this.first : cand + 1;
      if (!this.used.has(cand)) {
        this.used.add(cand);
        return intToIp(cand);
      }
    }
    return undefined;
  }

  release(ip: string | undefined): void {
    if (ip) this.used.delete(ipToInt(ip));
  }

  get inUse(): number {
    return this.used.size;
  }
}
