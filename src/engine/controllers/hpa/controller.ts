/**
 * The HorizontalPodAutoscaler controller (pkg/controller/podautoscaler/horizontal.go
 * reconcileAutoscaler, normalizeDesiredReplicas(WithBehaviors), replica_calculator.go
 * GetResourceReplicas/groupPods, metrics/utilization.go GetResourceUtilizationRatio), every
 * 15 s (--horizontal-pod-autoscaler-sync-period):
 * - reads the target's scale (Deployment, ReplicaSet, StatefulSet, ReplicationController);
 * - for Resource metrics: utilization = sum(usage) * 100 / sum(requests) over pods with metrics
 *   that are ready (pending and unready pods set aside), ratio = utilization / target; within
 *   the 0.1 tolerance nothing changes, else desired = ceil(ratio * ready pods); missing pods
 *   count as 100 % on the way down and 0 % on the way up, unready pods as 0 % on the way up;
 * - without spec.behavior: the 5-minute scale-down stabilization window and the scale-up
 *   limit max(2 * current, 4); with spec.behavior: both stabilization windows and the rate
 *   policies with selectPolicy;
 * - writes the scale, SuccessfulRescale `New size: N; reason: ...`, and status (currentMetrics,
 *   conditions AbleToScale / ScalingActive / ScalingLimited with upstream reasons and messages).
 */
import type { ClusterParts } from '../../cluster';
import type { EventRecorder } from '../../api/events';
import { isStatusError } from '../../api/errors';
import { qualifiedResource, resourceForKind } from '../../api/resources';
import type { LabelSelector } from '../../api/selectors';
import { keyOf, type KObject } from '../../api/types/meta';
import { formatQuantity, parseQuantity } from '../../kubelet/quantity';
import { milliValue } from '../../scheduler/resources';
import { after, done, on, selfKey, type Controller, type Result, type Trigger } from '../manager';
import { metricsOf, type MetricsSource, type PodUsage } from './metrics';
import { metricsApiAvailable } from './metrics-server-addon';

export const SYNC_PERIOD_SECONDS = 15;
export const TOLERANCE = 0.1;
export const DOWNSCALE_STABILIZATION_SECONDS = 300;
export const CPU_INITIALIZATION_PERIOD_SECONDS = 300;
export const INITIAL_READINESS_DELAY_SECONDS = 30;
const SCALE_UP_LIMIT_FACTOR = 2;
const SCALE_UP_LIMIT_MINIMUM = 4;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

interface Condition {
  type: string;
  status: string;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

interface Recommendation {
  replicas: number;
  at: number;
}

interface ScaleEvent {
  change: number;
  at: number;
}

/** A failed metric: the condition to set and the error text. */
class MetricError extends Error {
  constructor(
    message: string,
    readonly reason: string,
  ) {
    super(message);
  }
}

/** Scalable kinds and where their replicas and selector live. */
const SCALABLE = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController']);

function selectorOf(target: KObject): LabelSelector | undefined {
  const s = target.spec?.selector;
  if (!s) return undefined;
  if (target.kind === 'ReplicationController') return { matchLabels: s };
  return s;
}

/** The CPU or memory request of a pod (sum over containers), or a missing-request error. */
function podRequest(pod: KObject, resource: string): number {
  let total = 0;
  for (const c of (pod.spec?.containers ?? []) as Any[]) {
    const q = c.resources?.requests?.[resource];
    if (q === undefined) throw new MetricError(`missing request for ${resource} in container ${c.name} of Pod ${pod.metadata.name}`, 'FailedGetResourceMetric');
    total += milliValue(q);
  }
  return total;
}

function readyCondition(pod: KObject): { status: string; lastTransitionTime?: string } | undefined {
  return ((pod.status?.conditions ?? []) as { type: string; status: string; lastTransitionTime?: string }[]).find((c) => c.type === 'Ready');
}

function milliQuantity(m: number): string {
  return formatQuantity(parseQuantity(`${m}m`)!);
}

export class HorizontalPodAutoscalerController implements Controller {
  readonly name = 'horizontal-pod-autoscaler';
  private recorder: EventRecorder;
  private metrics: MetricsSource;
  private recommendations = new Map<string, Recommendation[]>();
  private scaleUpEvents = new Map<string, ScaleEvent[]>();
  private scaleDownEvents = new Map<string, ScaleEvent[]>();

  constructor(private c: ClusterParts) {
    this.recorder = c.recorder({ component: 'horizontal-pod-autoscaler' });
    this.metrics = metricsOf(c);
  }

  triggers(): Trigger[] {
    // Upstream reacts to HPA changes only and otherwise resyncs every 15 s.
    return [on('HorizontalPodAutoscaler', (ev) => (ev.type === 'ADDED' || (ev.type === 'MODIFIED' && ev.old?.metadata.generation !== ev.object.metadata.generation) ? selfKey(ev) : []))];
  }

  initialKeys(): string[] {
    return this.c.api.store.list('HorizontalPodAutoscaler').map(keyOf);
  }

  reconcile(key: string): Result {
    const hpa = this.c.api.getByKey('HorizontalPodAutoscaler', key);
    if (!hpa) {
      this.recommendations.delete(key);
      this.scaleUpEvents.delete(key);
      this.scaleDownEvents.delete(key);
      return done();
    }
    this.reconcileAutoscaler(structuredClone(hpa) as KObject, key);
    return after(SYNC_PERIOD_SECONDS);
  }

  private setCondition(hpa: KObject, type: string, status: string, reason: string, message: string): void {
    const list = ((hpa.status.conditions ??= []) as Condition[]);
    const now = this.c.clock.rfc3339();
    const i = list.findIndex((c) => c.type === type);
    if (i < 0) list.push({ type, status, lastTransitionTime: now, reason, message });
    else list[i] = { type, status, lastTransitionTime: list[i].status === status ? list[i].lastTransitionTime : now, reason, message };
  }

  private reconcileAutoscaler(hpa: KObject, key: string): void {
    hpa.status ??= {};
    const original = JSON.stringify(hpa.status);
    const ref = hpa.spec.scaleTargetRef ?? {};
    const reference = `${ref.kind}/${hpa.metadata.namespace}/${ref.name}`;
    const info = resourceForKind(ref.kind);
    const target = info && SCALABLE.has(ref.kind) ? this.c.api.find(ref.kind, hpa.metadata.namespace, ref.name) : undefined;
    if (!target) {
      const err = info && SCALABLE.has(ref.kind) ? `${qualifiedResource(info)} "${ref.name}" not found` : `no matches for kind "${ref.kind}" in group ""`;
      this.recorder.event(hpa, 'Warning', 'FailedGetScale', err);
      this.setCondition(hpa, 'AbleToScale', 'False', 'FailedGetScale', `the HPA controller was unable to get the target's current scale: ${err}`);
      this.writeStatus(hpa, original, hpa.status.currentReplicas ?? 0, hpa.status.desiredReplicas ?? 0, hpa.status.currentMetrics, false);
      return;
    }
    this.setCondition(hpa, 'AbleToScale', 'True', 'SucceededGetScale', "the HPA controller was able to get the target's current scale");
    const currentReplicas: number = target.spec?.replicas ?? 1;
    const minReplicas: number = hpa.spec.minReplicas ?? 1;
    const maxReplicas: number = hpa.spec.maxReplicas;
    let desiredReplicas = 0;
    let rescaleReason = '';
    let metricStatuses: unknown[] | undefined = hpa.status.currentMetrics;
    let rescale = true;
    if (currentReplicas === 0 && minReplicas !== 0) {
      // Autoscaling is disabled for this resource.
      desiredReplicas = 0;
      rescale = false;
      this.setCondition(hpa, 'ScalingActive', 'False', 'ScalingDisabled', 'scaling is disabled since the replica count of the target is zero');
    } else if (currentReplicas > maxReplicas) {
      rescaleReason = 'Current number of replicas above Spec.MaxReplicas';
      desiredReplicas = maxReplicas;
    } else if (currentReplicas < minReplicas) {
      rescaleReason = 'Current number of replicas below Spec.MinReplicas';
      desiredReplicas = minReplicas;
    } else {
      const computed = this.computeReplicasForMetrics(hpa, target, currentReplicas);
      metricStatuses = computed.statuses;
      if (computed.replicas === -1) {
        this.writeStatus(hpa, original, currentReplicas, hpa.status.desiredReplicas ?? currentReplicas, metricStatuses, false);
        this.recorder.event(hpa, 'Warning', 'FailedComputeMetricsReplicas', computed.error!);
        return;
      }
      const metricDesired = computed.replicas;
      if (metricDesired > currentReplicas) rescaleReason = `${computed.metric} above target`;
      if (metricDesired < currentReplicas) rescaleReason = 'All metrics below target';
      desiredReplicas = hpa.spec.behavior
        ? this.normalizeWithBehaviors(hpa, key, currentReplicas, metricDesired, minReplicas)
        : this.normalize(hpa, key, currentReplicas, metricDesired, minReplicas);
      rescale = desiredReplicas !== currentReplicas;
    }
    if (rescale) {
      const next = structuredClone(target) as KObject;
      next.spec.replicas = desiredReplicas;
      try {
        this.c.api.update(next);
      } catch (e) {
        if (!isStatusError(e)) throw e;
        this.recorder.event(hpa, 'Warning', 'FailedRescale', `New size: ${desiredReplicas}; reason: ${rescaleReason}; error: ${e.message}`);
        this.setCondition(hpa, 'AbleToScale', 'False', 'FailedUpdateScale', `the HPA controller was unable to update the target scale: ${e.message}`);
        this.writeStatus(hpa, original, currentReplicas, desiredReplicas, metricStatuses, false);
        return;
      }
      this.setCondition(hpa, 'AbleToScale', 'True', 'SucceededRescale', `the HPA controller was able to update the target scale to ${desiredReplicas}`);
      this.recorder.event(hpa, 'Normal', 'SuccessfulRescale', `New size: ${desiredReplicas}; reason: ${rescaleReason}`);
      this.storeScaleEvent(hpa, key, currentReplicas, desiredReplicas);
    }
    this.writeStatus(hpa, original, currentReplicas, desiredReplicas, metricStatuses, rescale);
  }

  private writeStatus(hpa: KObject, original: string, current: number, desired: number, metrics: unknown[] | undefined, rescaled: boolean): void {
    const status: Record<string, unknown> = {};
    if (hpa.status.observedGeneration !== undefined || hpa.metadata.generation !== undefined) status.observedGeneration = hpa.metadata.generation;
    const last = rescaled ? this.c.clock.rfc3339() : hpa.status.lastScaleTime;
    if (last) status.lastScaleTime = last;
    status.currentReplicas = current;
    status.desiredReplicas = desired;
    if (metrics && metrics.length) status.currentMetrics = metrics;
    if (hpa.status.conditions?.length) status.conditions = hpa.status.conditions;
    if (JSON.stringify(status) === original) return;
    const fresh = this.c.api.getByKey('HorizontalPodAutoscaler', keyOf(hpa));
    if (!fresh || fresh.metadata.uid !== hpa.metadata.uid) return;
    this.c.api.updateStatus({ ...fresh, status });
  }

  /** computeReplicasForMetrics: the highest proposal over the metrics; -1 when none is valid. */
  private computeReplicasForMetrics(hpa: KObject, target: KObject, specReplicas: number): { replicas: number; metric: string; statuses: unknown[]; error?: string } {
    const specs = (hpa.spec.metrics ?? []) as Any[];
    const statuses: unknown[] = specs.map(() => ({ type: '' }));
    let replicas = 0;
    let metric = '';
    let invalid = 0;
    let firstError: MetricError | undefined;
    specs.forEach((spec, i) => {
      try {
        const r = this.computeReplicasForMetric(hpa, spec, target, specReplicas);
        statuses[i] = r.status;
        if (replicas === 0 || r.replicas > replicas) {
          replicas = r.replicas;
          metric = r.metric;
        }
      } catch (e) {
        if (!(e instanceof MetricError)) throw e;
        if (invalid === 0) firstError = e;
        invalid++;
      }
    });
    if (invalid >= specs.length || (invalid > 0 && replicas < specReplicas)) {
      const e = firstError!;
      this.setCondition(hpa, 'ScalingActive', 'False', e.reason, `the HPA was unable to compute the replica count: ${e.message.replace(/^failed to get \S+ resource metric value: /, '')}`);
      return { replicas: -1, metric: '', statuses: hpa.status.currentMetrics ?? [], error: `invalid metrics (${invalid} invalid out of ${specs.length}), first error is: ${e.message}` };
    }
    this.setCondition(hpa, 'ScalingActive', 'True', 'ValidMetricFound', `the HPA was able to successfully calculate a replica count from ${metric}`);
    return { replicas, metric, statuses };
  }

  private computeReplicasForMetric(hpa: KObject, spec: Any, target: KObject, specReplicas: number): { replicas: number; metric: string; status: unknown } {
    if (spec.type !== 'Resource' && spec.type !== 'ContainerResource') {
      // Simplification: only resource metrics have a source in the playground.
      const err = `unable to get metric ${spec.type}: no custom or external metrics API is served`;
      this.recorder.event(hpa, 'Warning', 'FailedGetPodsMetric', err);
      throw new MetricError(`failed to get ${spec.type} metric value: ${err}`, spec.type === 'Pods' ? 'FailedGetPodsMetric' : spec.type === 'Object' ? 'FailedGetObjectMetric' : 'FailedGetExternalMetric');
    }
    const key = spec.type === 'Resource' ? 'resource' : 'containerResource';
    const r = spec[key];
    const resource: string = r.name;
    const container: string | undefined = spec.type === 'ContainerResource' ? r.container : undefined;
    const selector = selectorOf(target);
    try {
      if (!selector) throw new MetricError('selector is required', 'InvalidSelector');
      if (r.target?.averageValue !== undefined) {
        const [replicas, raw] = this.rawResourceReplicas(hpa, specReplicas, milliValue(r.target.averageValue), resource, selector, container);
        const status = { type: spec.type, [key]: { name: resource, ...(container ? { container } : {}), current: { averageValue: milliQuantity(raw) } } };
        return { replicas, metric: `${resource} resource`, status };
      }
      if (r.target?.averageUtilization === undefined) throw new MetricError('invalid resource metric source: neither an average utilization target nor an average value (usage) target was set', 'FailedGetResourceMetric');
      const [replicas, utilization, raw] = this.resourceReplicas(hpa, specReplicas, r.target.averageUtilization, resource, selector, container);
      const status = { type: spec.type, [key]: { name: resource, ...(container ? { container } : {}), current: { averageUtilization: utilization, averageValue: milliQuantity(raw) } } };
      const metric = container ? `${resource} container resource utilization (percentage of request)` : `${resource} resource utilization (percentage of request)`;
      return { replicas, metric, status };
    } catch (e) {
      if (!(e instanceof MetricError)) throw e;
      const what = r.target?.averageValue !== undefined ? 'usage' : 'utilization';
      const msg = e.message.startsWith('invalid resource metric source') ? e.message : `failed to get ${resource} ${what}: ${e.message}`;
      // getUnableComputeReplicaCountCondition records the event.
      this.recorder.event(hpa, 'Warning', 'FailedGetResourceMetric', msg);
      throw new MetricError(`failed to get ${resource} resource metric value: ${msg}`, 'FailedGetResourceMetric');
    }
  }

  /** The per-pod values of a resource metric, as the metrics client returns them. */
  private podValues(ns: string, selector: LabelSelector, resource: string, container: string | undefined): Map<string, { value: number; usage: PodUsage }> {
    if (!metricsApiAvailable(this.c.api)) {
      throw new MetricError(`unable to get metrics for resource ${resource}: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)`, 'FailedGetResourceMetric');
    }
    const out = new Map<string, { value: number; usage: PodUsage }>();
    for (const [, { usage, pod }] of this.metrics.podMetrics(ns, selector)) {
      let v = 0;
      let found = false;
      for (const c of usage.containers) {
        if (container && c.name !== container) continue;
        found = true;
        v += resource === 'cpu' ? c.cpu : Math.round(c.memory * 1000);
      }
      if (found) out.set(pod.metadata.name!, { value: v, usage });
    }
    if (out.size === 0) throw new MetricError(`unable to get metrics for resource ${resource}: no metrics returned from resource metrics API`, 'FailedGetResourceMetric');
    return out;
  }

  /** groupPods */
  private groupPods(pods: KObject[], metrics: Map<string, { value: number; usage: PodUsage }>, resource: string) {
    const now = this.c.clock.now();
    const unready = new Set<string>();
    const missing = new Set<string>();
    const ignored = new Set<string>();
    let readyCount = 0;
    for (const pod of pods) {
      const name = pod.metadata.name!;
      if (pod.metadata.deletionTimestamp || pod.status?.phase === 'Failed') {
        ignored.add(name);
        continue;
      }
      if (pod.status?.phase === 'Pending') {
        unready.add(name);
        continue;
      }
      const m = metrics.get(name);
      if (!m) {
        missing.add(name);
        continue;
      }
      if (resource === 'cpu') {
        const cond = readyCondition(pod);
        const start = pod.status?.startTime ? Date.parse(pod.status.startTime) : undefined;
        let isUnready: boolean;
        if (!cond || start === undefined) isUnready = true;
        else if (start + CPU_INITIALIZATION_PERIOD_SECONDS * 1000 > now) {
          const transition = cond.lastTransitionTime ? Date.parse(cond.lastTransitionTime) : 0;
          isUnready = cond.status === 'False' || m.usage.timestamp < transition + m.usage.windowSeconds * 1000;
        } else {
          const transition = cond.lastTransitionTime ? Date.parse(cond.lastTransitionTime) : 0;
          isUnready = cond.status === 'False' && start + INITIAL_READINESS_DELAY_SECONDS * 1000 > transition;
        }
        if (isUnready) {
          unready.add(name);
          continue;
        }
      }
      readyCount++;
    }
    return { readyCount, unready, missing, ignored };
  }

  /** GetResourceUtilizationRatio */
  private utilizationRatio(values: Map<string, number>, requests: Map<string, number>, target: number): [number, number, number] {
    let metricsTotal = 0;
    let requestsTotal = 0;
    let n = 0;
    for (const [name, v] of values) {
      const req = requests.get(name);
      if (req === undefined) continue;
      metricsTotal += v;
      requestsTotal += req;
      n++;
    }
    if (requestsTotal === 0) throw new MetricError('no metrics returned matched known pods', 'FailedGetResourceMetric');
    const utilization = Math.trunc((metricsTotal * 100) / requestsTotal);
    return [utilization / target, utilization, Math.trunc(metricsTotal / n)];
  }

  /** GetResourceReplicas: [replicas, utilization %, average raw value]. */
  private resourceReplicas(hpa: KObject, currentReplicas: number, targetUtilization: number, resource: string, selector: LabelSelector, container: string | undefined): [number, number, number] {
    const ns = hpa.metadata.namespace!;
    const metrics = this.podValues(ns, selector, resource, container);
    const pods = this.selectedPods(ns, selector);
    if (pods.length === 0) throw new MetricError('no pods returned by selector while calculating replica count', 'FailedGetResourceMetric');
    const { readyCount, unready, missing, ignored } = this.groupPods(pods, metrics, resource);
    const values = new Map<string, number>();
    for (const [name, m] of metrics) if (!ignored.has(name) && !unready.has(name)) values.set(name, m.value);
    if (values.size === 0) throw new MetricError('did not receive metrics for targeted pods (pods might be unready)', 'FailedGetResourceMetric');
    const requests = new Map<string, number>();
    for (const p of pods) {
      const cs = container ? ((p.spec?.containers ?? []) as Any[]).filter((c) => c.name === container) : undefined;
      requests.set(p.metadata.name!, cs ? podRequest({ ...p, spec: { ...p.spec, containers: cs } }, resource) : podRequest(p, resource));
    }
    const [usageRatio, utilization, raw] = this.utilizationRatio(values, requests, targetUtilization);
    const scaleUpWithUnready = unready.size > 0 && usageRatio > 1.0;
    if (!scaleUpWithUnready && missing.size === 0) {
      if (Math.abs(1.0 - usageRatio) <= TOLERANCE) return [currentReplicas, utilization, raw];
      return [Math.ceil(usageRatio * readyCount), utilization, raw];
    }
    if (missing.size > 0) {
      if (usageRatio < 1.0) {
        const fallback = Math.max(100, targetUtilization);
        for (const name of missing) values.set(name, Math.trunc((requests.get(name)! * fallback) / 100));
      } else if (usageRatio > 1.0) {
        for (const name of missing) values.set(name, 0);
      }
    }
    if (scaleUpWithUnready) for (const name of unready) values.set(name, 0);
    const [newRatio] = this.utilizationRatio(values, requests, targetUtilization);
    if (Math.abs(1.0 - newRatio) <= TOLERANCE || (usageRatio < 1.0 && newRatio > 1.0) || (usageRatio > 1.0 && newRatio < 1.0)) return [currentReplicas, utilization, raw];
    const newReplicas = Math.ceil(newRatio * values.size);
    if ((newRatio < 1.0 && newReplicas > currentReplicas) || (newRatio > 1.0 && newReplicas < currentReplicas)) return [currentReplicas, utilization, raw];
    return [newReplicas, utilization, raw];
  }

  /** GetRawResourceReplicas (an averageValue target): [replicas, average usage]. */
  private rawResourceReplicas(hpa: KObject, currentReplicas: number, targetMilli: number, resource: string, selector: LabelSelector, container: string | undefined): [number, number] {
    const ns = hpa.metadata.namespace!;
    const metrics = this.podValues(ns, selector, resource, container);
    const pods = this.selectedPods(ns, selector);
    if (pods.length === 0) throw new MetricError('no pods returned by selector while calculating replica count', 'FailedGetResourceMetric');
    const { readyCount, unready, missing, ignored } = this.groupPods(pods, metrics, resource);
    const values = new Map<string, number>();
    for (const [name, m] of metrics) if (!ignored.has(name) && !unready.has(name)) values.set(name, m.value);
    if (values.size === 0) throw new MetricError('did not receive metrics for targeted pods (pods might be unready)', 'FailedGetResourceMetric');
    const total = [...values.values()].reduce((a, b) => a + b, 0);
    const usage = Math.trunc(total / values.size);
    const usageRatio = total / (targetMilli * values.size);
    const scaleUpWithUnready = unready.size > 0 && usageRatio > 1.0;
    if (!scaleUpWithUnready && missing.size === 0) {
      if (Math.abs(1.0 - usageRatio) <= TOLERANCE) return [currentReplicas, usage];
      return [Math.ceil(usageRatio * readyCount), usage];
    }
    if (missing.size > 0) for (const name of missing) values.set(name, usageRatio < 1.0 ? targetMilli : 0);
    if (scaleUpWithUnready) for (const name of unready) values.set(name, 0);
    const newTotal = [...values.values()].reduce((a, b) => a + b, 0);
    const newRatio = newTotal / (targetMilli * values.size);
    if (Math.abs(1.0 - newRatio) <= TOLERANCE || (usageRatio < 1.0 && newRatio > 1.0) || (usageRatio > 1.0 && newRatio < 1.0)) return [currentReplicas, usage];
    const newReplicas = Math.ceil(newRatio * values.size);
    if ((newRatio < 1.0 && newReplicas > currentReplicas) || (newRatio > 1.0 && newReplicas < currentReplicas)) return [currentReplicas, usage];
    return [newReplicas, usage];
  }

  private selectedPods(ns: string, selector: LabelSelector): KObject[] {
    return this.c.api.list('Pod', { namespace: ns, labelSelector: labelSelectorString(selector) }).items;
  }

  // ---- normalization -------------------------------------------------------------------------

  /** normalizeDesiredReplicas (no spec.behavior). */
  private normalize(hpa: KObject, key: string, current: number, prenormalized: number, minReplicas: number): number {
    const now = this.c.clock.now();
    const cutoff = now - DOWNSCALE_STABILIZATION_SECONDS * 1000;
    const recs = this.recommendations.get(key) ?? [];
    let stabilized = prenormalized;
    let oldIndex = -1;
    recs.forEach((r, i) => {
      if (r.at < cutoff) oldIndex = i;
      else if (r.replicas > stabilized) stabilized = r.replicas;
    });
    if (oldIndex >= 0) recs[oldIndex] = { replicas: prenormalized, at: now };
    else recs.push({ replicas: prenormalized, at: now });
    this.recommendations.set(key, recs);
    if (stabilized !== prenormalized) this.setCondition(hpa, 'AbleToScale', 'True', 'ScaleDownStabilized', 'recent recommendations were higher than current one, applying the highest recent recommendation');
    else this.setCondition(hpa, 'AbleToScale', 'True', 'ReadyForNewScale', 'recommended size matches current size');
    // convertDesiredReplicasWithRules
    const scaleUpLimit = Math.max(SCALE_UP_LIMIT_FACTOR * current, SCALE_UP_LIMIT_MINIMUM);
    let maxAllowed: number;
    let cond: string;
    let msg: string;
    if (hpa.spec.maxReplicas > scaleUpLimit) {
      maxAllowed = scaleUpLimit;
      cond = 'ScaleUpLimit';
      msg = 'the desired replica count is increasing faster than the maximum scale rate';
    } else {
      maxAllowed = hpa.spec.maxReplicas;
      cond = 'TooManyReplicas';
      msg = 'the desired replica count is more than the maximum replica count';
    }
    let desired = stabilized;
    if (stabilized < minReplicas) {
      desired = minReplicas;
      cond = 'TooFewReplicas';
      msg = 'the desired replica count is less than the minimum replica count';
    } else if (stabilized > maxAllowed) desired = maxAllowed;
    else {
      cond = 'DesiredWithinRange';
      msg = 'the desired count is within the acceptable range';
    }
    this.setCondition(hpa, 'ScalingLimited', desired === stabilized ? 'False' : 'True', cond, msg);
    return desired;
  }

  /** normalizeDesiredReplicasWithBehaviors */
  private normalizeWithBehaviors(hpa: KObject, key: string, current: number, prenormalized: number, minReplicas: number): number {
    const now = this.c.clock.now();
    const up = hpa.spec.behavior.scaleUp;
    const down = hpa.spec.behavior.scaleDown;
    const upCutoff = now - (up.stabilizationWindowSeconds ?? 0) * 1000;
    const downCutoff = now - (down.stabilizationWindowSeconds ?? DOWNSCALE_STABILIZATION_SECONDS) * 1000;
    let upRec = prenormalized;
    let downRec = prenormalized;
    const recs = this.recommendations.get(key) ?? [];
    let oldIndex = -1;
    recs.forEach((r, i) => {
      if (r.at > upCutoff) upRec = Math.min(r.replicas, upRec);
      if (r.at > downCutoff) downRec = Math.max(r.replicas, downRec);
      if (r.at < upCutoff && r.at < downCutoff) oldIndex = i;
    });
    let stabilized = current;
    if (stabilized < upRec) stabilized = upRec;
    if (stabilized > downRec) stabilized = downRec;
    if (oldIndex >= 0) recs[oldIndex] = { replicas: prenormalized, at: now };
    else recs.push({ replicas: prenormalized, at: now });
    this.recommendations.set(key, recs);
    if (stabilized !== prenormalized) {
      if (prenormalized >= current) this.setCondition(hpa, 'AbleToScale', 'True', 'ScaleUpStabilized', 'recent recommendations were lower than current one, applying the lowest recent recommendation');
      else this.setCondition(hpa, 'AbleToScale', 'True', 'ScaleDownStabilized', 'recent recommendations were higher than current one, applying the highest recent recommendation');
    } else this.setCondition(hpa, 'AbleToScale', 'True', 'ReadyForNewScale', 'recommended size matches current size');
    const [desired, reason, message] = this.behaviorRate(key, stabilized, current, minReplicas, hpa.spec.maxReplicas, up, down);
    this.setCondition(hpa, 'ScalingLimited', desired === stabilized ? 'False' : 'True', reason, message);
    return desired;
  }

  /** Replicas added (or removed) by the events within the last `period` seconds. */
  private changeInPeriod(events: ScaleEvent[], periodSeconds: number): number {
    const cutoff = this.c.clock.now() - periodSeconds * 1000;
    return events.filter((e) => e.at > cutoff).reduce((s, e) => s + e.change, 0);
  }

  /** convertDesiredReplicasWithBehaviorRate */
  private behaviorRate(key: string, desired: number, current: number, minReplicas: number, maxReplicas: number, up: Any, down: Any): [number, string, string] {
    const ups = this.scaleUpEvents.get(key) ?? [];
    const downs = this.scaleDownEvents.get(key) ?? [];
    if (desired > current) {
      let limit: number;
      if (up.selectPolicy === 'Disabled') limit = current;
      else {
        const useMin = up.selectPolicy === 'Min';
        limit = useMin ? Number.MAX_SAFE_INTEGER : Number.MIN_SAFE_INTEGER;
        for (const p of up.policies ?? []) {
          const start = current - this.changeInPeriod(ups, p.periodSeconds) + this.changeInPeriod(downs, p.periodSeconds);
          const proposed = p.type === 'Pods' ? start + p.value : Math.ceil(start * (1 + p.value / 100));
          limit = useMin ? Math.min(limit, proposed) : Math.max(limit, proposed);
        }
      }
      if (limit < current) limit = current;
      let maxAllowed = maxReplicas;
      let reason = 'TooManyReplicas';
      let message = 'the desired replica count is more than the maximum replica count';
      if (maxAllowed > limit) {
        maxAllowed = limit;
        reason = 'ScaleUpLimit';
        message = 'the desired replica count is increasing faster than the maximum scale rate';
      }
      if (desired > maxAllowed) return [maxAllowed, reason, message];
    } else if (desired < current) {
      let limit: number;
      if (down.selectPolicy === 'Disabled') limit = current;
      else {
        const useMin = down.selectPolicy === 'Min';
        limit = useMin ? Number.MIN_SAFE_INTEGER : Number.MAX_SAFE_INTEGER;
        for (const p of down.policies ?? []) {
          const start = current - this.changeInPeriod(ups, p.periodSeconds) + this.changeInPeriod(downs, p.periodSeconds);
          const proposed = p.type === 'Pods' ? start - p.value : Math.trunc(start * (1 - p.value / 100));
          limit = useMin ? Math.max(limit, proposed) : Math.min(limit, proposed);
        }
      }
      if (limit > current) limit = current;
      let minAllowed = minReplicas;
      let reason = 'TooFewReplicas';
      let message = 'the desired replica count is less than the minimum replica count';
      if (minAllowed < limit) {
        minAllowed = limit;
        reason = 'ScaleDownLimit';
        message = 'the desired replica count is decreasing faster than the maximum scale rate';
      }
      if (desired < minAllowed) return [minAllowed, reason, message];
    }
    return [desired, 'DesiredWithinRange', 'the desired count is within the acceptable range'];
  }

  /** storeScaleEvent: kept for the longest policy period when a behavior is set. */
  private storeScaleEvent(hpa: KObject, key: string, prev: number, next: number): void {
    const behavior = hpa.spec.behavior;
    if (!behavior) return;
    const now = this.c.clock.now();
    const map = next > prev ? this.scaleUpEvents : this.scaleDownEvents;
    const rules = next > prev ? behavior.scaleUp : behavior.scaleDown;
    const longest = Math.max(0, ...((rules?.policies ?? []) as Any[]).map((p) => p.periodSeconds));
    const list = (map.get(key) ?? []).filter((e) => e.at > now - longest * 1000);
    list.push({ change: Math.abs(next - prev), at: now });
    map.set(key, list);
  }
}

/** A label selector as `-l` text. */
function labelSelectorString(s: LabelSelector): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(s.matchLabels ?? {})) parts.push(`${k}=${v}`);
  for (const e of s.matchExpressions ?? []) {
    if (e.operator === 'In') parts.push(`${e.key} in (${(e.values ?? []).join(',')})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${(e.values ?? []).join(',')})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
  }
  return parts.join(',');
}
