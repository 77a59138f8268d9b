/**
 * The metrics-server addon: what `kubectl apply -f` of metrics-server v0.7.2's components.yaml
 * creates (with `--kubelet-insecure-tls`, as kind and minikube setups add), so that the Metrics
 * API (`kubectl top`, the HPA controller) is served once its pod is available, as on a real
 * cluster. A fresh cluster has no metrics-server, as a fresh kubeadm or kind cluster.
 *
 * Simplification: the APIService `v1beta1.metrics.k8s.io` is not an object of the simulated
 * apiserver; the API counts as available when the Deployment has an available replica.
 */
import type { ApiServer } from '../../api/server';
import type { KObject } from '../../api/types/meta';
import { mustResource } from '../../api/resources';

export const METRICS_SERVER_IMAGE = 'registry.k8s.io/metrics-server/metrics-server:v0.7.2';
const NS = 'kube-system';
const LABELS = { 'k8s-app': 'metrics-server' };

/** The objects of components.yaml, in its order. */
export function metricsServerManifest(): KObject[] {
  const rbac = 'rbac.authorization.k8s.io/v1';
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'metrics-server', namespace: NS, labels: { ...LABELS } } },
    {
      apiVersion: rbac,
      kind: 'ClusterRole',
      metadata: { name: 'system:aggregated-metrics-reader', labels: { ...LABELS, 'rbac.authorization.k8s.io/aggregate-to-admin': 'true', 'rbac.authorization.k8s.io/aggregate-to-edit': 'true', 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } },
      rules: [{ apiGroups: ['metrics.k8s.io'], resources: ['pods', 'nodes'], verbs: ['get', 'list', 'watch'] }],
    },
    {
      apiVersion: rbac,
      kind: 'ClusterRole',
      metadata: { name: 'system:metrics-server', labels: { ...LABELS } },
      rules: [
        { apiGroups: [''], resources: ['nodes/metrics'], verbs: ['get'] },
        { apiGroups: [''], resources: ['pods', 'nodes'], verbs: ['get', 'list', 'watch'] },
      ],
    },
    {
      apiVersion: rbac,
      kind: 'RoleBinding',
      metadata: { name: 'metrics-server-auth-reader', namespace: NS, labels: { ...LABELS } },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'extension-apiserver-authentication-reader' },
      subjects: [{ kind: 'ServiceAccount', name: 'metrics-server', namespace: NS }],
    },
    {
      apiVersion: rbac,
      kind: 'ClusterRoleBinding',
      metadata: { name: 'metrics-server:system:auth-delegator', labels: { ...LABELS } },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:auth-delegator' },
      subjects: [{ kind: 'ServiceAccount', name: 'metrics-server', namespace: NS }],
    },
    {
      apiVersion: rbac,
      kind: 'ClusterRoleBinding',
      metadata: { name: 'system:metrics-server', labels: { ...LABELS } },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:metrics-server' },
      subjects: [{ kind: 'ServiceAccount', name: 'metrics-server', namespace: NS }],
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'metrics-server', namespace: NS, labels: { ...LABELS } },
      spec: { ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 'https' }], selector: { ...LABELS } },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'metrics-server', namespace: NS, labels: { ...LABELS } },
      spec: {
        selector: { matchLabels: { ...LABELS } },
        strategy: { rollingUpdate: { maxUnavailable: 0 } },
        template: {
          metadata: { labels: { ...LABELS } },
          spec: {
            containers: [
              {
                args: ['--cert-dir=/tmp', '--secure-port=10250', '--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname', '--kubelet-use-node-status-port', '--metric-resolution=15s', '--kubelet-insecure-tls'],
                image: METRICS_SERVER_IMAGE,
                imagePullPolicy: 'IfNotPresent',
                name: 'metrics-server',
                ports: [{ containerPort: 10250, name: 'https', protocol: 'TCP' }],
                resources: { requests: { cpu: '100m', memory: '200Mi' } },
                securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true, runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } },
                volumeMounts: [{ mountPath: '/tmp', name: 'tmp-dir' }],
              },
            ],
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            priorityClassName: 'system-cluster-critical',
            serviceAccountName: 'metrics-server',
            volumes: [{ emptyDir: {}, name: 'tmp-dir' }],
          },
        },
      },
    },
  ];
}

function refName(o: KObject): string {
  const info = mustResource(o.kind!);
  return `${info.singular}${info.group ? `.${info.group}` : ''}/${o.metadata.name}`;
}

/** Installs the addon as `kubectl apply -f components.yaml` would; returns kubectl's lines. */
export function enableMetricsServerAddon(api: ApiServer): string[] {
  const lines: string[] = [];
  for (const obj of metricsServerManifest()) {
    if (api.find(obj.kind!, obj.metadata.namespace, obj.metadata.name!)) {
      lines.push(`${refName(obj)} unchanged`);
      continue;
    }
    api.create(obj);
    lines.push(`${refName(obj)} created`);
  }
  return lines;
}

/** Uninstalls it as `kubectl delete -f` would. */
export function disableMetricsServerAddon(api: ApiServer): string[] {
  const lines: string[] = [];
  for (const obj of metricsServerManifest()) {
    const info = mustResource(obj.kind!);
    if (!api.find(obj.kind!, obj.metadata.namespace, obj.metadata.name!)) continue;
    api.delete(obj.kind!, obj.metadata.namespace, obj.metadata.name!);
    lines.push(`${info.singular}${info.group ? `.${info.group}` : ''} "${obj.metadata.name}" deleted`);
  }
  return lines;
}

export function metricsServerAddonEnabled(api: ApiServer): boolean {
  return api.find('Deployment', NS, 'metrics-server') !== undefined;
}

/** Whether the Metrics API answers: metrics-server has an available replica. */
export function metricsApiAvailable(api: ApiServer): boolean {
  const d = api.find('Deployment', NS, 'metrics-server');
  return (d?.status?.availableReplicas ?? 0) > 0;
}
