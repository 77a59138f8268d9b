/**
 * A simulated cloud load balancer: the service controller of cloud-controller-manager
 * (k8s.io/cloud-provider/controllers/service) with a provider that hands out addresses from a
 * pool, as MetalLB or cloud-provider-kind do on a kind network.
 *
 * A Service of type LoadBalancer (without a loadBalancerClass) shows EXTERNAL-IP `<pending>`
 * until the provider has "provisioned" it, LB_PROVISION_SECONDS later; then
 * status.loadBalancer.ingress gets the lowest free address of 172.18.255.200-172.18.255.250
 * (ipMode VIP, as the apiserver defaults it), with the service controller's events
 * `EnsuringLoadBalancer` / `EnsuredLoadBalancer`. Traffic to that address is spread over the
 * nodes (minus those labelled node.kubernetes.io/exclude-from-external-load-balancers, and,
 * with externalTrafficPolicy Local, minus those without a ready local endpoint: the provider's
 * health check on healthCheckNodePort fails there); see PodNetwork.connect.
 * When the type changes away from LoadBalancer the address is released and status cleared.
 */
import type { ClusterParts } from '../cluster';
import type { ApiServer } from '../api/server';
import type { EventRecorder } from '../api/events';
import { isStatusError } from '../api/errors';
import { clone, splitKey, type KObject } from '../api/types/meta';
import type { SimClock } from '../core/clock';
import { after, done, on, retry, selfKey, type Controller, type Result, type Trigger } from '../controllers/manager';
import { formatIPv4, parseIPv4 } from './ip';

export const LB_POOL_START = '172.18.255.200';
export const LB_POOL_END = '172.18.255.250';
/** Seconds the simulated provider takes to provision a load balancer. */
export const LB_PROVISION_SECONDS = 3;

export const REASON_ENSURING = 'EnsuringLoadBalancer';
export const REASON_ENSURED = 'EnsuredLoadBalancer';
export const REASON_DELETING = 'DeletingLoadBalancer';
export const REASON_DELETED = 'DeletedLoadBalancer';
export const REASON_SYNC_FAILED = 'SyncLoadBalancerFailed';

 
type Any = any;

export class LoadBalancerController implements Controller {
  readonly name = 'service-controller';
  /** uid -> simulated ms at which provisioning completes. */
  private provisioning = new Map<string, number>();

  constructor(
    private api: ApiServer,
    private clock: SimClock,
    private recorder: EventRecorder,
  ) {}

  triggers(): Trigger[] {
    return [on('Service', selfKey)];
  }

  initialKeys(): string[] {
    return this.api.store
      .list('Service')
      .filter((s) => s.spec?.type === 'LoadBalancer')
      .map((s) => `${s.metadata.namespace}/${s.metadata.name}`);
  }

  reconcile(key: string): Result {
    const { namespace, name } = splitKey(key);
    const svc = this.api.find('Service', namespace, name);
    if (!svc) return done();
    try {
      const ingress: Any[] = svc.status?.loadBalancer?.ingress ?? [];
      const wants = svc.spec?.type === 'LoadBalancer' && svc.spec?.loadBalancerClass == null && !svc.metadata.deletionTimestamp;
      if (!wants) {
        this.provisioning.delete(svc.metadata.uid!);
        if (ingress.length > 0) {
          this.recorder.event(svc, 'Normal', REASON_DELETING, 'Deleting load balancer');
          const next = clone(svc);
          next.status = { ...(next.status ?? {}), loadBalancer: {} };
          this.api.updateStatus(next);
          this.recorder.event(svc, 'Normal', REASON_DELETED, 'Deleted load balancer');
        }
        return done();
      }
      if (ingress.length > 0) return done();
      const uid = svc.metadata.uid!;
      const due = this.provisioning.get(uid);
      if (due === undefined) {
        this.provisioning.set(uid, this.clock.now() + LB_PROVISION_SECONDS * 1000);
        this.recorder.event(svc, 'Normal', REASON_ENSURING, 'Ensuring load balancer');
        return after(LB_PROVISION_SECONDS);
      }
      if (this.clock.now() < due) return after((due - this.clock.now()) / 1000);
      const ip = this.freeAddress();
      if (!ip) {
        this.recorder.event(svc, 'Warning', REASON_SYNC_FAILED, 'Error syncing load balancer: failed to ensure load balancer: no available IPs in the address pool');
        return after(60);
      }
      const next = clone(svc);
      next.status = { ...(next.status ?? {}), loadBalancer: { ingress: [{ ip, ipMode: 'VIP' }] } };
      this.api.updateStatus(next);
      this.provisioning.delete(uid);
      this.recorder.event(svc, 'Normal', REASON_ENSURED, 'Ensured load balancer');
      return done();
    } catch (e) {
      if (isStatusError(e)) return retry();
      throw e;
    }
  }

  /** The lowest address of the pool no service holds. */
  private freeAddress(): string | undefined {
    const used = new Set<string>();
    for (const s of this.api.store.list('Service')) for (const i of (s.status?.loadBalancer?.ingress as Any[]) ?? []) if (i.ip) used.add(i.ip);
    for (let n = parseIPv4(LB_POOL_START)!; n <= parseIPv4(LB_POOL_END)!; n++) {
      const ip = formatIPv4(n);
      if (!used.has(ip)) return ip;
    }
    return undefined;
  }
}

export function startLoadBalancerController(c: ClusterParts): LoadBalancerController {
  return new LoadBalancerController(c.api, c.clock, c.recorder({ component: 'service-controller' }));
}

/** Whether a service still shows EXTERNAL-IP `<pending>`. */
export function loadBalancerPending(svc: KObject): boolean {
  return svc.spec?.type === 'LoadBalancer' && !((svc.status?.loadBalancer?.ingress as Any[] | undefined)?.length);
}
