/**
 * The static pods kubeadm v1.32 writes to /etc/kubernetes/manifests on the control-plane node
 * (cmd/kubeadm/app/phases/controlplane and etcd): etcd, kube-apiserver, kube-controller-manager
 * and kube-scheduler, and the mirror pods the kubelet creates for them in kube-system
 * (config.hash / config.mirror / config.seen / config.source annotations, owner = the Node).
 */
import type { KObject } from '../api/types/meta';
import { pseudoDigest } from './images';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Obj = Record<string, any>;

const K8S = 'v1.32.5';

function hostPath(name: string, path: string, type: string): Obj {
  return { hostPath: { path, type }, name };
}

function probe(host: string, path: string, port: number, scheme: string, failureThreshold: number, initialDelaySeconds?: number, periodSeconds = 10): Obj {
  const p: Obj = { failureThreshold, httpGet: { host, path, port, scheme } };
  if (initialDelaySeconds !== undefined) p.initialDelaySeconds = initialDelaySeconds;
  p.periodSeconds = periodSeconds;
  p.timeoutSeconds = 15;
  return p;
}

const CA_VOLUMES = [
  hostPath('ca-certs', '/etc/ssl/certs', 'DirectoryOrCreate'),
  hostPath('etc-ca-certificates', '/etc/ca-certificates', 'DirectoryOrCreate'),
];
const CA_MOUNTS = [
  { mountPath: '/etc/ssl/certs', name: 'ca-certs', readOnly: true },
  { mountPath: '/etc/ca-certificates', name: 'etc-ca-certificates', readOnly: true },
];
const SHARE_VOLUMES = [
  hostPath('usr-local-share-ca-certificates', '/usr/local/share/ca-certificates', 'DirectoryOrCreate'),
  hostPath('usr-share-ca-certificates', '/usr/share/ca-certificates', 'DirectoryOrCreate'),
];
const SHARE_MOUNTS = [
  { mountPath: '/usr/local/share/ca-certificates', name: 'usr-local-share-ca-certificates', readOnly: true },
  { mountPath: '/usr/share/ca-certificates', name: 'usr-share-ca-certificates', readOnly: true },
];

interface Manifest {
  component: string;
  image: string;
  command: string[];
  requests: Obj;
  liveness: Obj;
  readiness?: Obj;
  startup: Obj;
  mounts: Obj[];
  volumes: Obj[];
  annotations?: Record<string, string>;
}

function manifests(node: string, ip: string): Manifest[] {
  return [
    {
      component: 'etcd',
      image: 'registry.k8s.io/etcd:3.5.16-0',
      command: [
        'etcd',
        `--advertise-client-urls=https://${ip}:2379`,
        '--cert-file=/etc/kubernetes/pki/etcd/server.crt',
        '--client-cert-auth=true',
        '--data-dir=/var/lib/etcd',
        '--experimental-initial-corrupt-check=true',
        '--experimental-watch-progress-notify-interval=5s',
        `--initial-advertise-peer-urls=https://${ip}:2380`,
        `--initial-cluster=${node}=https://${ip}:2380`,
        '--key-file=/etc/kubernetes/pki/etcd/server.key',
        `--listen-client-urls=https://127.0.0.1:2379,https://${ip}:2379`,
        '--listen-metrics-urls=http://127.0.0.1:2381',
        `--listen-peer-urls=https://${ip}:2380`,
        `--name=${node}`,
        '--peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt',
        '--peer-client-cert-auth=true',
        '--peer-key-file=/etc/kubernetes/pki/etcd/peer.key',
        '--peer-trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt',
        '--snapshot-count=10000',
        '--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt',
      ],
      requests: { cpu: '100m', memory: '100Mi' },
      liveness: probe('127.0.0.1', '/livez', 2381, 'HTTP', 8, 10),
      readiness: probe('127.0.0.1', '/readyz', 2381, 'HTTP', 3, undefined, 1),
      startup: probe('127.0.0.1', '/readyz', 2381, 'HTTP', 24, 10),
      mounts: [
        { mountPath: '/var/lib/etcd', name: 'etcd-data' },
        { mountPath: '/etc/kubernetes/pki/etcd', name: 'etcd-certs' },
      ],
      volumes: [hostPath('etcd-certs', '/etc/kubernetes/pki/etcd', 'DirectoryOrCreate'), hostPath('etcd-data', '/var/lib/etcd', 'DirectoryOrCreate')],
      annotations: { 'kubeadm.kubernetes.io/etcd.advertise-client-urls': `https://${ip}:2379` },
    },
    {
      component: 'kube-apiserver',
      image: `registry.k8s.io/kube-apiserver:${K8S}`,
      command: [
        'kube-apiserver',
        `--advertise-address=${ip}`,
        '--allow-privileged=true',
        '--authorization-mode=Node,RBAC',
        '--client-ca-file=/etc/kubernetes/pki/ca.crt',
        '--enable-admission-plugins=NodeRestriction',
        '--enable-bootstrap-token-auth=true',
        '--etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt',
        '--etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt',
        '--etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key',
        '--etcd-servers=https://127.0.0.1:2379',
        '--kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt',
        '--kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key',
        '--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname',
        '--proxy-client-cert-file=/etc/kubernetes/pki/front-proxy-client.crt',
        '--proxy-client-key-file=/etc/kubernetes/pki/front-proxy-client.key',
        '--requestheader-allowed-names=front-proxy-client',
        '--requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt',
        '--requestheader-extra-headers-prefix=X-Remote-Extra-',
        '--requestheader-group-headers=X-Remote-Group',
        '--requestheader-username-headers=X-Remote-User',
        '--secure-port=6443',
        '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
        '--service-account-key-file=/etc/kubernetes/pki/sa.pub',
        '--service-account-signing-key-file=/etc/kubernetes/pki/sa.key',
        '--service-cluster-ip-range=10.96.0.0/12',
        '--tls-cert-file=/etc/kubernetes/pki/apiserver.crt',
        '--tls-private-key-file=/etc/kubernetes/pki/apiserver.key',
      ],
      requests: { cpu: '250m' },
      liveness: probe(ip, '/livez', 6443, 'HTTPS', 8, 10),
      readiness: probe(ip, '/readyz', 6443, 'HTTPS', 3, undefined, 1),
      startup: probe(ip, '/livez', 6443, 'HTTPS', 24, 10),
      mounts: [...CA_MOUNTS, { mountPath: '/etc/kubernetes/pki', name: 'k8s-certs', readOnly: true }, ...SHARE_MOUNTS],
      volumes: [...CA_VOLUMES, hostPath('k8s-certs', '/etc/kubernetes/pki', 'DirectoryOrCreate'), ...SHARE_VOLUMES],
      annotations: { 'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint': `${ip}:6443` },
    },
    {
      component: 'kube-controller-manager',
      image: `registry.k8s.io/kube-controller-manager:${K8S}`,
      command: [
        'kube-controller-manager',
        '--allocate-node-cidrs=true',
        '--authentication-kubeconfig=/etc/kubernetes/controller-manager.conf',
        '--authorization-kubeconfig=/etc/kubernetes/controller-manager.conf',
        '--bind-address=127.0.0.1',
        '--client-ca-file=/etc/kubernetes/pki/ca.crt',
        '--cluster-cidr=10.244.0.0/16',
        '--cluster-name=kubernetes',
        '--cluster-signing-cert-file=/etc/kubernetes/pki/ca.crt',
        '--cluster-signing-key-file=/etc/kubernetes/pki/ca.key',
        '--controllers=*,bootstrapsigner,tokencleaner',
        '--kubeconfig=/etc/kubernetes/controller-manager.conf',
        '--leader-elect=true',
        '--requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt',
        '--root-ca-file=/etc/kubernetes/pki/ca.crt',
        '--service-account-private-key-file=/etc/kubernetes/pki/sa.key',
        '--service-cluster-ip-range=10.96.0.0/12',
        '--use-service-account-credentials=true',
      ],
      requests: { cpu: '200m' },
      liveness: probe('127.0.0.1', '/healthz', 10257, 'HTTPS', 8, 10),
      startup: probe('127.0.0.1', '/healthz', 10257, 'HTTPS', 24, 10),
      mounts: [
        ...CA_MOUNTS,
        { mountPath: '/usr/libexec/kubernetes/kubelet-plugins/volume/exec', name: 'flexvolume-dir' },
        { mountPath: '/etc/kubernetes/pki', name: 'k8s-certs', readOnly: true },
        { mountPath: '/etc/kubernetes/controller-manager.conf', name: 'kubeconfig', readOnly: true },
        ...SHARE_MOUNTS,
      ],
      volumes: [
        ...CA_VOLUMES,
        hostPath('flexvolume-dir', '/usr/libexec/kubernetes/kubelet-plugins/volume/exec', 'DirectoryOrCreate'),
        hostPath('k8s-certs', '/etc/kubernetes/pki', 'DirectoryOrCreate'),
        hostPath('kubeconfig', '/etc/kubernetes/controller-manager.conf', 'FileOrCreate'),
        ...SHARE_VOLUMES,
      ],
    },
    {
      component: 'kube-scheduler',
      image: `registry.k8s.io/kube-scheduler:${K8S}`,
      command: [
        'kube-scheduler',
        '--authentication-kubeconfig=/etc/kubernetes/scheduler.conf',
        '--authorization-kubeconfig=/etc/kubernetes/scheduler.conf',
        '--bind-address=127.0.0.1',
        '--kubeconfig=/etc/kubernetes/scheduler.conf',
        '--leader-elect=true',
      ],
      requests: { cpu: '100m' },
      liveness: probe('127.0.0.1', '/livez', 10259, 'HTTPS', 8, 10),
      readiness: probe('127.0.0.1', '/readyz', 10259, 'HTTPS', 3, undefined, 1),
      startup: probe('127.0.0.1', '/livez', 10259, 'HTTPS', 24, 10),
      mounts: [{ mountPath: '/etc/kubernetes/scheduler.conf', name: 'kubeconfig', readOnly: true }],
      volumes: [hostPath('kubeconfig', '/etc/kubernetes/scheduler.conf', 'FileOrCreate')],
    },
  ];
}

/** The mirror pods of the control-plane static pods, ready for api.create. */
export function staticPods(node: { name: string; ip: string; uid: string }, seenAt: string): KObject[] {
  return manifests(node.name, node.ip).map((m) => {
    const hash = pseudoDigest(`${m.component}/${node.name}/${m.image}`).slice(0, 32);
    const container: Obj = {
      command: m.command,
      image: m.image,
      imagePullPolicy: 'IfNotPresent',
      livenessProbe: m.liveness,
      name: m.component,
      resources: { requests: m.requests },
      startupProbe: m.startup,
      volumeMounts: m.mounts,
    };
    if (m.readiness) container.readinessProbe = m.readiness;
    return {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `${m.component}-${node.name}`,
        namespace: 'kube-system',
        labels: { component: m.component, tier: 'control-plane' },
        annotations: {
          ...(m.annotations ?? {}),
          'kubernetes.io/config.hash': hash,
          'kubernetes.io/config.mirror': hash,
          'kubernetes.io/config.seen': seenAt,
          'kubernetes.io/config.source': 'file',
        },
        ownerReferences: [{ apiVersion: 'v1', controller: true, kind: 'Node', name: node.name, uid: node.uid }],
      },
      spec: {
        containers: [container],
        hostNetwork: true,
        nodeName: node.name,
        priorityClassName: 'system-node-critical',
        securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
        tolerations: [{ effect: 'NoExecute', operator: 'Exists' }],
        volumes: m.volumes,
      },
    };
  });
}
