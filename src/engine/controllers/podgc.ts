/**
 * The pod garbage collector of kube-controller-manager (pkg/controller/podgc/gc_controller.go),
 * run every gcCheckPeriod (20 s):
 * - gcTerminated: beyond --terminated-pod-gc-threshold (12500) finished pods, the oldest go;
 * - gcTerminating: pods being deleted on a node that is not Ready and carries the
 *   `node.kubernetes.io/out-of-service` taint (non-graceful node shutdown) are force-deleted;
 * - gcOrphaned: pods bound to a node that no longer exists (still missing after the 40 s
 *   quarantine) get phase Failed with a DisruptionTarget condition (DeletionByPodGC, "PodGC:
 *   node no longer exists") and are force-deleted, so their controllers replace them;
 * - gcUnscheduledTerminating: pods being deleted that were never scheduled are force-deleted.
 * Every deletion first marks a still-running pod Failed (markFailedAndDeletePodWithCondition)
 * and deletes with grace period 0. PodGC records no events.
 */
import type { ClusterParts } from '../cluster';
import { isStatusError } from '../api/errors';
import type { KObject } from '../api/types/meta';
import { after, on, type Controller, type Result, type Trigger } from './manager';

/** --pod-gc-check-period (gcCheckPeriod) default. */
export const GC_CHECK_PERIOD_SECONDS = 20;
/** quarantineTime: how long a node must stay missing before its pods are orphans. */
export const QUARANTINE_SECONDS = 40;
/** --terminated-pod-gc-threshold default. */
export const TERMINATED_POD_THRESHOLD = 12500;

export const TAINT_OUT_OF_SERVICE = 'node.kubernetes.io/out-of-service';
export const MSG_NODE_GONE = 'PodGC: node no longer exists';

const GC_KEY = '\0gc';

function isTerminated(pod: KObject): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Pending' && phase !== 'Running' && phase !== 'Unknown';
}

function isReady(node: KObject): boolean {
  return ((node.status?.conditions ?? []) as { type: string; status: string }[]).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** byEvictionAndCreationTimestamp: evicted first, then oldest, then by name. */
function byEvictionAndCreation(a: KObject, b: KObject): number {
  const ae = a.status?.reason === 'Evicted';
  const be = b.status?.reason === 'Evicted';
  if (ae !== be) return ae ? -1 : 1;
  const ta = Date.parse(a.metadata.creationTimestamp ?? '') || 0;
  const tb = Date.parse(b.metadata.creationTimestamp ?? '') || 0;
  if (ta !== tb) return ta - tb;
  return a.metadata.name! < b.metadata.name! ? -1 : a.metadata.name! > b.metadata.name! ? 1 : 0;
}

export class PodGCController implements Controller {
  readonly name = 'pod-garbage-collector';
  /** Missing node name -> when its quarantine ends (ms). */
  private quarantine = new Map<string, number>();

  constructor(private c: ClusterParts) {}

  triggers(): Trigger[] {
    return [on('Node', () => [])];
  }

  initialKeys(): string[] {
    return [GC_KEY];
  }

  reconcile(): Result {
    const pods = this.c.api.store.list('Pod');
    this.gcTerminated(pods);
    this.gcTerminating(pods);
    this.gcOrphaned(pods);
    this.gcUnscheduledTerminating(pods);
    return after(GC_CHECK_PERIOD_SECONDS);
  }

  private gcTerminated(pods: readonly KObject[]): void {
    const terminated = pods.filter(isTerminated);
    const n = terminated.length - TERMINATED_POD_THRESHOLD;
    if (n <= 0) return;
    terminated.sort(byEvictionAndCreation);
    for (let i = 0; i < n; i++) this.markFailedAndDelete(terminated[i]);
  }

  private gcTerminating(pods: readonly KObject[]): void {
    const victims: KObject[] = [];
    for (const p of pods) {
      if (!p.metadata.deletionTimestamp) continue;
      const node = p.spec?.nodeName ? this.c.api.store.get('Node', p.spec.nodeName) : undefined;
      if (!node) continue;
      const outOfService = ((node.spec?.taints ?? []) as { key: string }[]).some((t) => t.key === TAINT_OUT_OF_SERVICE);
      if (!isReady(node) && outOfService) victims.push(p);
    }
    victims.sort(byEvictionAndCreation);
    for (const p of victims) this.markFailedAndDelete(p);
  }

  private gcOrphaned(pods: readonly KObject[]): void {
    const now = this.c.clock.now();
    const missing = new Set<string>();
    for (const p of pods) {
      const node = p.spec?.nodeName as string | undefined;
      if (!node || this.c.api.store.get('Node', node)) continue;
      missing.add(node);
      if (!this.quarantine.has(node)) this.quarantine.set(node, now + QUARANTINE_SECONDS * 1000);
    }
    const gone = new Set<string>();
    for (const [node, until] of this.quarantine) {
      if (!missing.has(node) || this.c.api.store.get('Node', node)) {
        this.quarantine.delete(node);
        continue;
      }
      if (until <= now) {
        gone.add(node);
        this.quarantine.delete(node);
      }
    }
    if (gone.size === 0) return;
    for (const p of pods) {
      if (!gone.has(p.spec?.nodeName)) continue;
      this.markFailedAndDelete(p, { type: 'DisruptionTarget', status: 'True', reason: 'DeletionByPodGC', message: MSG_NODE_GONE });
    }
  }

  private gcUnscheduledTerminating(pods: readonly KObject[]): void {
    for (const p of pods) if (p.metadata.deletionTimestamp && !p.spec?.nodeName) this.markFailedAndDelete(p);
  }

  /** markFailedAndDeletePodWithCondition */
  private markFailedAndDelete(pod: KObject, condition?: { type: string; status: string; reason: string; message: string }): void {
    try {
      if (pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed') {
        const status = { ...(pod.status ?? {}), phase: 'Failed' } as Record<string, unknown>;
        if (condition) {
          const conditions = [...((pod.status?.conditions ?? []) as { type: string }[])].filter((c) => c.type !== condition.type);
          conditions.push({ ...condition, lastProbeTime: null, lastTransitionTime: this.c.clock.rfc3339() } as { type: string });
          status.conditions = conditions;
        }
        this.c.api.updateStatus({ ...pod, status });
      }
      this.c.api.delete('Pod', pod.metadata.namespace, pod.metadata.name!, { gracePeriodSeconds: 0 });
    } catch (e) {
      // Gone or changed meanwhile: the next period looks again.
      if (!isStatusError(e)) throw e;
    }
  }
}
