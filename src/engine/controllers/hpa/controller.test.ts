import { describe, expect, it } from 'vitest';
import { HorizontalPodAutoscalerController } from './controller';
import { metricsOf } from './metrics';
import { metricsServerManifest } from './metrics-server-addon';
import { newHarness, type Harness } from '../test-harness';
import type { KObject } from '../../api/types/meta';
import { StatusError } from '../../api/errors';

const SELECTOR = { matchLabels: { run: 'php-apache' } };

function setup(replicas = 1): Harness {
  const h = newHarness();
  h.create({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'php-apache' },
    spec: {
      replicas,
      selector: SELECTOR,
      template: { metadata: { labels: { run: 'php-apache' } }, spec: { containers: [{ name: 'php-apache', image: 'registry.k8s.io/hpa-example', resources: { requests: { cpu: '200m' }, limits: { cpu: '500m' } } }] } },
    },
  });
  for (let i = 0; i < replicas; i++) runningPod(h, `php-apache-${i}`);
  metricsServer(h);
  h.start((c) => new HorizontalPodAutoscalerController(c));
  return h;
}

/** The metrics-server addon, available and ready, as the Deployment controller and kubelet would leave it. */
function metricsServer(h: Harness): void {
  h.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kube-system' } });
  for (const o of metricsServerManifest()) h.api.create(o);
  const d = h.api.get('Deployment', 'kube-system', 'metrics-server');
  h.api.updateStatus({ ...d, status: { replicas: 1, readyReplicas: 1, availableReplicas: 1 } });
  h.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'metrics-server-0', namespace: 'kube-system', labels: { 'k8s-app': 'metrics-server' } }, spec: { containers: [{ name: 'metrics-server', image: 'registry.k8s.io/metrics-server/metrics-server:v0.7.2' }] } });
  h.setPod('kube-system', 'metrics-server-0', { node: 'node-1', phase: 'Running', ready: true });
}

/** A pod of the deployment, Running and Ready now, as the kubelet reports it. */
function runningPod(h: Harness, name: string): void {
  const now = h.clock.rfc3339();
  h.create({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { run: 'php-apache' } },
    spec: { containers: [{ name: 'php-apache', image: 'registry.k8s.io/hpa-example', resources: { requests: { cpu: '200m' } } }] },
  });
  h.api.bind('default', name, 'node-1');
  const pod = h.api.get('Pod', 'default', name);
  h.api.updateStatus({
    ...pod,
    status: {
      phase: 'Running',
      startTime: now,
      conditions: [{ type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: now }],
      containerStatuses: [{ name: 'php-apache', ready: true, restartCount: 0, state: { running: { startedAt: now } } }],
    },
  });
}

function hpa(extra: Record<string, unknown> = {}): KObject {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'php-apache' },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'php-apache' },
      minReplicas: 1,
      maxReplicas: 10,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }],
      ...extra,
    },
  };
}

const replicas = (h: Harness) => h.api.get('Deployment', 'default', 'php-apache').spec.replicas;
const conditions = (h: Harness) =>
  (h.api.get('HorizontalPodAutoscaler', 'default', 'php-apache').status.conditions as { type: string; status: string; reason: string }[]).map((c) => `${c.type} ${c.status} ${c.reason}`);

function invalidMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatusError) return e.message;
    throw e;
  }
  return '';
}

describe('HorizontalPodAutoscalerController', () => {
  it('reports missing metrics first, then an idle target at 0%', () => {
    const h = setup();
    h.create(hpa());
    h.run();
    const s = h.api.get('HorizontalPodAutoscaler', 'default', 'php-apache').status;
    expect(s.currentReplicas).toBe(1);
    expect(s.currentMetrics).toBeUndefined();
    expect(conditions(h)).toEqual(['AbleToScale True SucceededGetScale', 'ScalingActive False FailedGetResourceMetric']);
    expect(h.events('php-apache')).toEqual([
      'Warning FailedGetResourceMetric failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API',
      'Warning FailedComputeMetricsReplicas invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API',
    ]);
    h.run(45);
    const s2 = h.api.get('HorizontalPodAutoscaler', 'default', 'php-apache').status;
    expect(s2.currentMetrics[0].resource.current.averageUtilization).toBe(0);
    // 0% asks for 0 pods: limited by minReplicas, as a real idle HPA shows.
    expect(conditions(h)).toEqual(['AbleToScale True ReadyForNewScale', 'ScalingActive True ValidMetricFound', 'ScalingLimited True TooFewReplicas']);
    expect(replicas(h)).toBe(1);
  });

  it('scales up by ceil(usage/target * pods), at most max(2x, 4) per sync without behavior', () => {
    const h = setup();
    h.create(hpa());
    h.run(45);
    // 610m on one pod with a 200m request: 305% of a 50% target -> ratio 6.1 -> 7 pods, limited to 4.
    metricsOf(h).setLoad('default', 'php-apache', SELECTOR, 610);
    h.run(15);
    expect(replicas(h)).toBe(4);
    expect(h.events('php-apache')).toContain('Normal SuccessfulRescale New size: 4; reason: cpu resource utilization (percentage of request) above target');
    const s = h.api.get('HorizontalPodAutoscaler', 'default', 'php-apache').status;
    expect(s.currentMetrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 305, averageValue: '611m' } } }]);
    expect(conditions(h)).toEqual(['AbleToScale True SucceededRescale', 'ScalingActive True ValidMetricFound', 'ScalingLimited True ScaleUpLimit']);
  });

  it('keeps the current size within the 10% tolerance', () => {
    const h = setup(2);
    h.create(hpa());
    metricsOf(h).setLoad('default', 'php-apache', SELECTOR, 210);
    h.run(90);
    // 105m per pod of 200m = 52% of 50%: ratio 1.04.
    expect(replicas(h)).toBe(2);
  });

  it('waits for the 5 minute stabilization window before scaling down', () => {
    const h = setup(4);
    h.create(hpa());
    metricsOf(h).setLoad('default', 'php-apache', SELECTOR, 400);
    h.run(60);
    expect(replicas(h)).toBe(4);
    metricsOf(h).setLoad('default', 'php-apache', SELECTOR, 0);
    h.run(120);
    expect(replicas(h)).toBe(4);
    expect(conditions(h)[0]).toBe('AbleToScale True ScaleDownStabilized');
    h.run(300);
    expect(replicas(h)).toBe(1);
    expect(h.events('php-apache')).toContain('Normal SuccessfulRescale New size: 1; reason: All metrics below target');
  });

  it('follows behavior policies: 1 pod per minute down', () => {
    const h = setup(4);
    h.create(hpa({ behavior: { scaleDown: { stabilizationWindowSeconds: 0, policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] } } }));
    // First metrics at 15 s: 4 -> 3; the next pod may go 60 s later.
    h.run(60);
    expect(replicas(h)).toBe(3);
    h.run(10);
    expect(replicas(h)).toBe(3);
    h.run(10);
    expect(replicas(h)).toBe(2);
  });

  it('reports the Metrics API missing without metrics-server', () => {
    const h = setup();
    h.api.delete('Deployment', 'kube-system', 'metrics-server');
    h.create(hpa());
    h.run();
    expect(h.events('php-apache')[0]).toBe(
      'Warning FailedGetResourceMetric failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)',
    );
  });

  it('reports a missing target', () => {
    const h = setup();
    h.create(hpa({ scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'nope' } }));
    h.run();
    expect(h.events('php-apache')).toEqual(['Warning FailedGetScale deployments.apps "nope" not found']);
    expect(new HorizontalPodAutoscalerController(h).reconcile('default/gone')).toEqual({ kind: 'done' });
  });

  it('defaults and validates as the apiserver does', () => {
    const h = setup();
    const o = h.create({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'a' }, spec: { scaleTargetRef: { kind: 'Deployment', name: 'x' }, maxReplicas: 3 } });
    expect(o.spec.minReplicas).toBe(1);
    expect(o.spec.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }]);
    expect(invalidMessage(() => h.create({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'b' }, spec: { scaleTargetRef: { kind: 'Deployment', name: 'x' }, minReplicas: 5, maxReplicas: 3 } }))).toBe(
      'HorizontalPodAutoscaler.autoscaling "b" is invalid: spec.maxReplicas: Invalid value: 3: must be greater than or equal to `minReplicas`',
    );
  });
});
