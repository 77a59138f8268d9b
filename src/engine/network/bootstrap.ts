/**
 * The Services a kubeadm cluster starts with:
 * - `default/kubernetes`, created by kube-apiserver itself (pkg/controlplane/controller/
 *   kubernetesservice) with ClusterIP 10.96.0.1 (the first address of the service CIDR),
 *   port `https` 443 -> 6443, and its Endpoints/EndpointSlice kept by the apiserver's endpoint
 *   reconciler (pkg/controlplane/reconcilers/endpointsadapter.go) pointing at the apiserver's
 *   advertise address 172.18.0.2:6443;
 * - `kube-system/kube-dns`, the CoreDNS addon Service kubeadm installs (10.96.0.10, ports dns
 *   53/UDP, dns-tcp 53/TCP, metrics 9153/TCP). Its endpoints come from the controllers once
 *   the coredns pods are ready.
 */
import type { ApiServer } from '../api/server';
import { APISERVER_ENDPOINT_IP, APISERVER_PORT, KUBE_DNS_IP, KUBERNETES_SERVICE_IP } from './ip';

/** What kube-apiserver creates at start: the `kubernetes` Service and its endpoints. */
export function createKubernetesService(api: ApiServer): void {
  api.create({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: {
      clusterIP: KUBERNETES_SERVICE_IP,
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: APISERVER_PORT }],
      sessionAffinity: 'None',
      type: 'ClusterIP',
    },
  });
  api.create({
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
    subsets: [{ addresses: [{ ip: APISERVER_ENDPOINT_IP }], ports: [{ name: 'https', port: APISERVER_PORT, protocol: 'TCP' }] }],
  });
  api.create({
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
    addressType: 'IPv4',
    endpoints: [{ addresses: [APISERVER_ENDPOINT_IP], conditions: { ready: true } }],
    ports: [{ name: 'https', port: APISERVER_PORT, protocol: 'TCP' }],
  });
}

/** The kube-dns Service of kubeadm's CoreDNS addon. */
export function createKubeDnsService(api: ApiServer): void {
  api.create({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: 'kube-dns',
      namespace: 'kube-system',
      annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
      labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
    },
    spec: {
      clusterIP: KUBE_DNS_IP,
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
        { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
        { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
      ],
      selector: { 'k8s-app': 'kube-dns' },
      type: 'ClusterIP',
    },
  });
}
