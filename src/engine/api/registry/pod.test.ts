import { describe, expect, it } from 'vitest';
import { SimClock } from '../../core/clock';
import { Rng } from '../../core/rng';
import { ApiServer } from '../server';
import { StatusError } from '../errors';
import type { KObject } from '../types/meta';
import { defaultPullPolicy, podQOSClass } from './pod';

function newApi(): ApiServer {
  const api = new ApiServer(new SimClock(), new Rng(1));
  api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  return api;
}

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatusError) return `${e.code} ${e.reason}: ${e.message}`;
    throw e;
  }
  return 'no error';
}

const pod = (spec: Record<string, unknown>, name = 'p'): KObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec });

describe('pod defaulting and admission', () => {
  it('gives `kubectl run nginx --image=nginx` the spec a v1.32 apiserver returns', () => {
    const api = newApi();
    // What `kubectl run nginx --image=nginx --dry-run=client -o yaml` sends.
    const created = api.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { labels: { run: 'nginx' }, name: 'nginx' },
      spec: { containers: [{ image: 'nginx', name: 'nginx', resources: {} }], dnsPolicy: 'ClusterFirst', restartPolicy: 'Always' },
      status: {},
    });
    const vol = created.spec.volumes[0].name as string;
    expect(vol).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(created.spec).toEqual({
      containers: [
        {
          image: 'nginx',
          imagePullPolicy: 'Always',
          name: 'nginx',
          resources: {},
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
          volumeMounts: [{ mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: vol, readOnly: true }],
        },
      ],
      dnsPolicy: 'ClusterFirst',
      enableServiceLinks: true,
      preemptionPolicy: 'PreemptLowerPriority',
      priority: 0,
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      serviceAccount: 'default',
      serviceAccountName: 'default',
      terminationGracePeriodSeconds: 30,
      tolerations: [
        { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
        { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 },
      ],
      volumes: [
        {
          name: vol,
          projected: {
            defaultMode: 420,
            sources: [
              { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
              { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
              { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
            ],
          },
        },
      ],
    });
    expect(created.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
  });

  it.each([
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['nginx:1.27', 'IfNotPresent'],
    ['registry.k8s.io/pause:3.10', 'IfNotPresent'],
    ['localhost:5000/app', 'Always'],
    ['localhost:5000/app:v1', 'IfNotPresent'],
    ['nginx@sha256:0000000000000000000000000000000000000000000000000000000000000000', 'IfNotPresent'],
  ])('defaults imagePullPolicy of %s to %s', (image, policy) => {
    expect(defaultPullPolicy(image)).toBe(policy);
  });

  it('defaults probes, ports, requests from limits, volumes, and canonicalizes quantities', () => {
    const api = newApi();
    const p = api.create(
      pod({
        containers: [
          {
            name: 'c',
            image: 'nginx:1.27',
            ports: [{ containerPort: 80 }],
            readinessProbe: { httpGet: { port: 80 } },
            resources: { limits: { cpu: '0.5', memory: '1024Mi' } },
          },
        ],
        volumes: [{ name: 'scratch' }, { name: 'cfg', configMap: { name: 'x' } }],
        automountServiceAccountToken: false,
      }),
    );
    const c = p.spec.containers[0];
    expect(c.ports).toEqual([{ containerPort: 80, protocol: 'TCP' }]);
    expect(c.readinessProbe).toEqual({ failureThreshold: 3, httpGet: { path: '/', port: 80, scheme: 'HTTP' }, periodSeconds: 10, successThreshold: 1, timeoutSeconds: 1 });
    expect(c.resources).toEqual({ limits: { cpu: '500m', memory: '1Gi' }, requests: { cpu: '500m', memory: '1Gi' } });
    expect(p.spec.volumes).toEqual([{ name: 'scratch', emptyDir: {} }, { name: 'cfg', configMap: { name: 'x', defaultMode: 420 } }]);
    expect(c.volumeMounts).toBeUndefined();
    expect(p.status.qosClass).toBe('Guaranteed');
  });

  it.each([
    [{}, 'BestEffort'],
    [{ requests: { cpu: '100m' } }, 'Burstable'],
    [{ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1', memory: '1Gi' } }, 'Guaranteed'],
    [{ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '500m', memory: '1Gi' } }, 'Burstable'],
    [{ limits: { cpu: '1' }, requests: { cpu: '1' } }, 'Burstable'],
  ])('computes qosClass of resources %j as %s', (resources, qos) => {
    expect(podQOSClass({ containers: [{ name: 'c', image: 'x', resources }] })).toBe(qos);
  });

  it('resolves priorityClassName and answers a missing class as the Priority plugin does', () => {
    const api = newApi();
    expect(api.create(pod({ containers: [{ name: 'c', image: 'x' }], priorityClassName: 'system-cluster-critical' })).spec.priority).toBe(2000000000);
    expect(errorOf(() => api.create(pod({ containers: [{ name: 'c', image: 'x' }], priorityClassName: 'gold' }, 'q')))).toBe(
      '403 Forbidden: pods "q" is forbidden: no PriorityClass with name gold was found',
    );
  });

  it('keeps a toleration that already covers the unreachable taint', () => {
    const api = newApi();
    const p = api.create(pod({ containers: [{ name: 'c', image: 'x' }], tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 10 }] }));
    expect(p.spec.tolerations).toEqual([
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 10 },
      { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
    ]);
  });
});

describe('pod validation', () => {
  it.each([
    [{ containers: [] }, 'Pod "p" is invalid: spec.containers: Required value'],
    [{ containers: [{ name: 'Web', image: 'nginx' }] }, `Pod "p" is invalid: spec.containers[0].name: Invalid value: "Web": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`],
    [{ containers: [{ name: 'web' }] }, 'Pod "p" is invalid: spec.containers[0].image: Required value'],
    [{ containers: [{ name: 'a', image: 'x' }, { name: 'a', image: 'y' }] }, 'Pod "p" is invalid: spec.containers[1].name: Duplicate value: "a"'],
    [{ containers: [{ name: 'a', image: 'x', ports: [{ containerPort: 70000 }] }] }, 'Pod "p" is invalid: spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive'],
    [{ containers: [{ name: 'a', image: 'x', ports: [{ containerPort: 80, protocol: 'tcp' }] }] }, 'Pod "p" is invalid: spec.containers[0].ports[0].protocol: Unsupported value: "tcp": supported values: "SCTP", "TCP", "UDP"'],
    [{ containers: [{ name: 'a', image: 'x' }], restartPolicy: 'Sometimes' }, 'Pod "p" is invalid: spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"'],
    [{ containers: [{ name: 'a', image: 'x', imagePullPolicy: 'always' }] }, 'Pod "p" is invalid: spec.containers[0].imagePullPolicy: Unsupported value: "always": supported values: "Always", "IfNotPresent", "Never"'],
    [{ containers: [{ name: 'a', image: 'x', resources: { limits: { cpu: '1' }, requests: { cpu: '2' } } }] }, 'Pod "p" is invalid: spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1'],
    [{ containers: [{ name: 'a', image: 'x', volumeMounts: [{ name: 'data', mountPath: '/data' }] }] }, 'Pod "p" is invalid: spec.containers[0].volumeMounts[0].name: Not found: "data"'],
    [{ containers: [{ name: 'a', image: 'x', env: [{ name: '1X', value: 'v' }] }] }, `Pod "p" is invalid: spec.containers[0].env[0].name: Invalid value: "1X": a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')`],
    [{ containers: [{ name: 'a', image: 'x', livenessProbe: { periodSeconds: 5 } }] }, 'Pod "p" is invalid: spec.containers[0].livenessProbe: Required value: must specify a handler type'],
    [{ containers: [{ name: 'a', image: 'x', livenessProbe: { exec: { command: ['true'] }, successThreshold: 2 } }] }, 'Pod "p" is invalid: spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1'],
  ])('rejects %j', (spec, message) => {
    const api = newApi();
    expect(errorOf(() => api.create(pod(spec)))).toBe(`422 Invalid: ${message}`);
  });

  it('lists several errors in brackets', () => {
    const api = newApi();
    expect(errorOf(() => api.create(pod({ containers: [{ name: 'A' }] })))).toMatch(/^422 Invalid: Pod "p" is invalid: \[spec\.containers\[0\]\.name: Invalid value: "A": .*, spec\.containers\[0\]\.image: Required value\]$/);
  });

  it('answers a bad quantity with the decoder error', () => {
    const api = newApi();
    expect(errorOf(() => api.create(pod({ containers: [{ name: 'a', image: 'x', resources: { requests: { memory: '1GB' } } }] })))).toBe(
      `400 BadRequest: Pod in version "v1" cannot be handled as a Pod: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
    );
  });
});

describe('pod updates', () => {
  it('allows image changes and forbids other spec changes with the real message', () => {
    const api = newApi();
    const p = api.create(pod({ containers: [{ name: 'a', image: 'nginx:1.26', ports: [{ containerPort: 80 }] }] }));
    const next = structuredClone(p);
    next.spec.containers[0].image = 'nginx:1.27';
    expect(api.update(next).spec.containers[0].image).toBe('nginx:1.27');
    const bad = structuredClone(api.get('Pod', 'default', 'p'));
    bad.spec.containers[0].ports[0].containerPort = 8080;
    const msg = errorOf(() => api.update(bad));
    expect(msg.split('\n')[0]).toBe(
      '422 Invalid: Pod "p" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
    );
    expect(msg).toContain('spec.containers[0].ports[0].containerPort: 80');
    expect(msg).toContain('spec.containers[0].ports[0].containerPort: 8080');
  });

  it('keeps status on a spec update and allows adding tolerations', () => {
    const api = newApi();
    const p = api.create(pod({ containers: [{ name: 'a', image: 'x' }] }));
    const next = structuredClone(p);
    next.spec.tolerations.push({ key: 'k', operator: 'Exists', effect: 'NoSchedule' });
    next.status = { phase: 'Running' };
    const u = api.update(next);
    expect(u.spec.tolerations).toHaveLength(3);
    expect(u.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
  });
});
