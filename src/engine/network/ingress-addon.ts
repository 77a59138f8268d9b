/**
 * The ingress addon: what `kubectl apply -f` of ingress-nginx's cloud manifest
 * (deploy/static/provider/cloud/deploy.yaml at controller-v1.12.2) creates, so that the
 * default cluster stays as CONTRACT.md describes it until a learner asks for an ingress
 * controller, as `minikube addons enable ingress` does.
 *
 * The cloud flavour is the one that fits the playground's simulated load balancer: the
 * controller's Service is type LoadBalancer (externalTrafficPolicy Local) and the controller
 * publishes its address (--publish-service) into every Ingress's status, which is what
 * `kubectl get ingress` shows as ADDRESS. The IngressClass `nginx` is not the default class,
 * exactly as in the manifest: Ingresses need `ingressClassName: nginx`.
 *
 * Simplification: the admission webhook (ValidatingWebhookConfiguration and the two
 * kube-webhook-certgen Jobs) is left out: the simulated apiserver calls no webhooks. The Secret
 * those Jobs would create (`ingress-nginx-admission`, mounted by the controller) is created
 * directly.
 */
import type { ApiServer } from '../api/server';
import type { KObject } from '../api/types/meta';
import { mustResource } from '../api/resources';
import { INGRESS_NGINX_CONTROLLER_CLASS, INGRESS_NGINX_IMAGE_REPO, INGRESS_NGINX_VERSION } from './ingress';

export const INGRESS_NGINX_NAMESPACE = 'ingress-nginx';
export const INGRESS_NGINX_IMAGE = `${INGRESS_NGINX_IMAGE_REPO}:v${INGRESS_NGINX_VERSION}@sha256:03497ee984628e95eca9b2279e3f3a3c1685dd48635479e627d219f00c8eefa9`;

const NS = INGRESS_NGINX_NAMESPACE;

function labels(component?: 'controller' | 'admission-webhook', partOf = true): Record<string, string> {
  const l: Record<string, string> = {};
  if (component) l['app.kubernetes.io/component'] = component;
  l['app.kubernetes.io/instance'] = 'ingress-nginx';
  l['app.kubernetes.io/name'] = 'ingress-nginx';
  if (partOf) {
    l['app.kubernetes.io/part-of'] = 'ingress-nginx';
    l['app.kubernetes.io/version'] = INGRESS_NGINX_VERSION;
  }
  return l;
}

const SELECTOR = { 'app.kubernetes.io/component': 'controller', 'app.kubernetes.io/instance': 'ingress-nginx', 'app.kubernetes.io/name': 'ingress-nginx' };

function rule(apiGroups: string[], resources: string[], verbs: string[], resourceNames?: string[]): Record<string, unknown> {
  return resourceNames ? { apiGroups, resourceNames, resources, verbs } : { apiGroups, resources, verbs };
}

const GLW = ['get', 'list', 'watch'];
const RBAC = 'rbac.authorization.k8s.io/v1';

/** The manifest's objects in its order (minus the admission webhook parts, plus its Secret). */
export function ingressNginxManifest(): KObject[] {
  const ctl = labels('controller');
  const adm = labels('admission-webhook');
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS, labels: labels(undefined, false) } },
    { apiVersion: 'v1', kind: 'ServiceAccount', automountServiceAccountToken: true, metadata: { name: 'ingress-nginx', namespace: NS, labels: ctl } },
    { apiVersion: 'v1', kind: 'ServiceAccount', automountServiceAccountToken: true, metadata: { name: 'ingress-nginx-admission', namespace: NS, labels: adm } },
    {
      apiVersion: RBAC,
      kind: 'Role',
      metadata: { name: 'ingress-nginx', namespace: NS, labels: ctl },
      rules: [
        rule([''], ['namespaces'], ['get']),
        rule([''], ['configmaps', 'pods', 'secrets', 'endpoints'], GLW),
        rule([''], ['services'], GLW),
        rule(['networking.k8s.io'], ['ingresses'], GLW),
        rule(['networking.k8s.io'], ['ingresses/status'], ['update']),
        rule(['networking.k8s.io'], ['ingressclasses'], GLW),
        rule(['coordination.k8s.io'], ['leases'], ['get', 'update'], ['ingress-nginx-leader']),
        rule(['coordination.k8s.io'], ['leases'], ['create']),
        rule([''], ['events'], ['create', 'patch']),
        rule(['discovery.k8s.io'], ['endpointslices'], ['list', 'watch', 'get']),
      ],
    },
    { apiVersion: RBAC, kind: 'Role', metadata: { name: 'ingress-nginx-admission', namespace: NS, labels: adm }, rules: [rule([''], ['secrets'], ['get', 'create'])] },
    {
      apiVersion: RBAC,
      kind: 'ClusterRole',
      metadata: { name: 'ingress-nginx', labels: labels() },
      rules: [
        rule([''], ['configmaps', 'endpoints', 'nodes', 'pods', 'secrets', 'namespaces'], ['list', 'watch']),
        rule(['coordination.k8s.io'], ['leases'], ['list', 'watch']),
        rule([''], ['nodes'], ['get']),
        rule([''], ['services'], GLW),
        rule(['networking.k8s.io'], ['ingresses'], GLW),
        rule([''], ['events'], ['create', 'patch']),
        rule(['networking.k8s.io'], ['ingresses/status'], ['update']),
        rule(['networking.k8s.io'], ['ingressclasses'], GLW),
        rule(['discovery.k8s.io'], ['endpointslices'], ['list', 'watch', 'get']),
      ],
    },
    { apiVersion: RBAC, kind: 'ClusterRole', metadata: { name: 'ingress-nginx-admission', labels: adm }, rules: [rule(['admissionregistration.k8s.io'], ['validatingwebhookconfigurations'], ['get', 'update'])] },
    { apiVersion: RBAC, kind: 'RoleBinding', metadata: { name: 'ingress-nginx', namespace: NS, labels: ctl }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'ingress-nginx' }, subjects: [{ kind: 'ServiceAccount', name: 'ingress-nginx', namespace: NS }] },
    { apiVersion: RBAC, kind: 'RoleBinding', metadata: { name: 'ingress-nginx-admission', namespace: NS, labels: adm }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'ingress-nginx-admission' }, subjects: [{ kind: 'ServiceAccount', name: 'ingress-nginx-admission', namespace: NS }] },
    { apiVersion: RBAC, kind: 'ClusterRoleBinding', metadata: { name: 'ingress-nginx', labels: labels() }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'ingress-nginx' }, subjects: [{ kind: 'ServiceAccount', name: 'ingress-nginx', namespace: NS }] },
    { apiVersion: RBAC, kind: 'ClusterRoleBinding', metadata: { name: 'ingress-nginx-admission', labels: adm }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'ingress-nginx-admission' }, subjects: [{ kind: 'ServiceAccount', name: 'ingress-nginx-admission', namespace: NS }] },
    { apiVersion: 'v1', kind: 'ConfigMap', data: null, metadata: { name: 'ingress-nginx-controller', namespace: NS, labels: ctl } },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'ingress-nginx-controller', namespace: NS, labels: ctl },
      spec: {
        externalTrafficPolicy: 'Local',
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
        ports: [
          { appProtocol: 'http', name: 'http', port: 80, protocol: 'TCP', targetPort: 'http' },
          { appProtocol: 'https', name: 'https', port: 443, protocol: 'TCP', targetPort: 'https' },
        ],
        selector: SELECTOR,
        type: 'LoadBalancer',
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'ingress-nginx-controller-admission', namespace: NS, labels: ctl },
      spec: { ports: [{ appProtocol: 'https', name: 'https-webhook', port: 443, targetPort: 'webhook' }], selector: SELECTOR, type: 'ClusterIP' },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'ingress-nginx-controller', namespace: NS, labels: ctl },
      spec: {
        minReadySeconds: 0,
        revisionHistoryLimit: 10,
        selector: { matchLabels: SELECTOR },
        strategy: { rollingUpdate: { maxUnavailable: 1 }, type: 'RollingUpdate' },
        template: {
          metadata: { labels: ctl },
          spec: {
            containers: [
              {
                args: [
                  '/nginx-ingress-controller',
                  '--publish-service=$(POD_NAMESPACE)/ingress-nginx-controller',
                  '--election-id=ingress-nginx-leader',
                  `--controller-class=${INGRESS_NGINX_CONTROLLER_CLASS}`,
                  '--ingress-class=nginx',
                  '--configmap=$(POD_NAMESPACE)/ingress-nginx-controller',
                  '--validating-webhook=:8443',
                  '--validating-webhook-certificate=/usr/local/certificates/cert',
                  '--validating-webhook-key=/usr/local/certificates/key',
                ],
                env: [
                  { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
                  { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
                  { name: 'LD_PRELOAD', value: '/usr/local/lib/libmimalloc.so' },
                ],
                image: INGRESS_NGINX_IMAGE,
                imagePullPolicy: 'IfNotPresent',
                lifecycle: { preStop: { exec: { command: ['/wait-shutdown'] } } },
                livenessProbe: { failureThreshold: 5, httpGet: { path: '/healthz', port: 10254, scheme: 'HTTP' }, initialDelaySeconds: 10, periodSeconds: 10, successThreshold: 1, timeoutSeconds: 1 },
                name: 'controller',
                ports: [
                  { containerPort: 80, name: 'http', protocol: 'TCP' },
                  { containerPort: 443, name: 'https', protocol: 'TCP' },
                  { containerPort: 8443, name: 'webhook', protocol: 'TCP' },
                ],
                readinessProbe: { failureThreshold: 3, httpGet: { path: '/healthz', port: 10254, scheme: 'HTTP' }, initialDelaySeconds: 10, periodSeconds: 10, successThreshold: 1, timeoutSeconds: 1 },
                resources: { requests: { cpu: '100m', memory: '90Mi' } },
                securityContext: {
                  allowPrivilegeEscalation: false,
                  capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] },
                  readOnlyRootFilesystem: false,
                  runAsGroup: 82,
                  runAsNonRoot: true,
                  runAsUser: 101,
                  seccompProfile: { type: 'RuntimeDefault' },
                },
                volumeMounts: [{ mountPath: '/usr/local/certificates/', name: 'webhook-cert', readOnly: true }],
              },
            ],
            dnsPolicy: 'ClusterFirst',
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            serviceAccountName: 'ingress-nginx',
            terminationGracePeriodSeconds: 300,
            volumes: [{ name: 'webhook-cert', secret: { secretName: 'ingress-nginx-admission' } }],
          },
        },
      },
    },
    // What the ingress-nginx-admission-create Job (kube-webhook-certgen create) leaves behind.
    { apiVersion: 'v1', kind: 'Secret', type: 'Opaque', metadata: { name: 'ingress-nginx-admission', namespace: NS }, data: { ca: '', cert: '', key: '' } },
    { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'nginx', labels: ctl }, spec: { controller: INGRESS_NGINX_CONTROLLER_CLASS } },
  ];
}

/** `deployment.apps/ingress-nginx-controller` as kubectl names an object in its messages. */
function refName(o: KObject): string {
  const info = mustResource(o.kind!);
  return `${info.singular}${info.group ? `.${info.group}` : ''}/${o.metadata.name}`;
}

/** Whether the addon is installed (its namespace exists). */
export function ingressAddonEnabled(api: ApiServer): boolean {
  return api.find('Namespace', undefined, NS) !== undefined;
}

/**
 * Installs the addon: creates what is missing, as `kubectl apply` would, and returns the lines
 * kubectl prints (`namespace/ingress-nginx created`, `... unchanged`).
 */
export function enableIngressAddon(api: ApiServer): string[] {
  const lines: string[] = [];
  for (const obj of ingressNginxManifest()) {
    const exists = api.find(obj.kind!, obj.metadata.namespace, obj.metadata.name!);
    if (exists) {
      lines.push(`${refName(obj)} unchanged`);
      continue;
    }
    api.create(obj);
    lines.push(`${refName(obj)} created`);
  }
  return lines;
}

/** Uninstalls the addon as `kubectl delete -f` would: each object in order (`namespace "ingress-nginx" deleted`). */
export function disableIngressAddon(api: ApiServer): string[] {
  const lines: string[] = [];
  for (const obj of ingressNginxManifest()) {
    const info = mustResource(obj.kind!);
    if (!api.find(obj.kind!, obj.metadata.namespace, obj.metadata.name!)) continue;
    api.delete(obj.kind!, obj.metadata.namespace, obj.metadata.name!);
    lines.push(`${info.singular}${info.group ? `.${info.group}` : ''} "${obj.metadata.name}" deleted`);
  }
  return lines;
}
