/**
 * Test fixtures for the network: a control plane with the endpoint controllers, nodes with
 * addresses and pod CIDRs as kubeadm/flannel set them, CoreDNS pods, and pods whose status the
 * test writes (no kubelet or scheduler needed).
 */
import { SimClock } from '../core/clock';
import { Rng } from '../core/rng';
import { ApiServer } from '../api/server';
import { ControllerManager } from '../controllers/manager';
import { clone, type KObject } from '../api/types/meta';
import { startEndpointsController } from '../controllers/endpoints';
import { startEndpointSliceController } from '../controllers/endpointslice';
import { createKubeDnsService, createKubernetesService } from './bootstrap';
import { PodNetwork } from './pod-network';

export interface NetFixture {
  api: ApiServer;
  clock: SimClock;
  rng: Rng;
  net: PodNetwork;
  /** Creates a Running pod on a node with the next IP of that node's CIDR. */
  pod(name: string, o: { node: string; image: string; labels?: Record<string, string>; ready?: boolean; namespace?: string; args?: string[]; ports?: unknown[]; hostname?: string; subdomain?: string }): KObject;
  setReady(name: string, ready: boolean, namespace?: string): void;
  settle(): void;
}

export function netFixture(seed = 1, workers = 3): NetFixture {
  const clock = new SimClock();
  const rng = new Rng(seed);
  const api = new ApiServer(clock, rng);
  const manager = new ControllerManager(api, clock, (c, k, e) => {
    throw new Error(`${c} ${k}: ${String(e)}`);
  });
  for (const name of ['default', 'kube-system']) api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  const nodes = ['control-plane', ...Array.from({ length: workers }, (_, i) => `node-${i + 1}`)];
  nodes.forEach((name, i) => {
    const labels: Record<string, string> = { 'kubernetes.io/hostname': name };
    if (i === 0) {
      labels['node-role.kubernetes.io/control-plane'] = '';
      labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
    }
    api.create({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name, labels },
      spec: { podCIDR: `10.244.${i}.0/24`, podCIDRs: [`10.244.${i}.0/24`] },
      status: { addresses: [{ type: 'InternalIP', address: `172.18.0.${2 + i}` }, { type: 'Hostname', address: name }], conditions: [{ type: 'Ready', status: 'True' }] },
    });
  });
  manager.add(startEndpointsController({ api, clock } as never));
  manager.add(startEndpointSliceController({ api, clock } as never));
  createKubernetesService(api);
  createKubeDnsService(api);
  const nextIP = new Map<string, number>();
  const f: NetFixture = {
    api,
    clock,
    rng,
    net: new PodNetwork(api, clock, rng),
    pod(name, o) {
      const i = nodes.indexOf(o.node);
      const n = (nextIP.get(o.node) ?? 1) + 1;
      nextIP.set(o.node, n);
      const ip = `10.244.${i}.${n}`;
      const ns = o.namespace ?? 'default';
      api.create({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name, namespace: ns, labels: o.labels ?? {} },
        spec: { nodeName: o.node, hostname: o.hostname, subdomain: o.subdomain, containers: [{ name: 'c', image: o.image, args: o.args, ports: o.ports }] },
      });
      const p = clone(api.get('Pod', ns, name));
      p.status = {
        phase: 'Running',
        podIP: ip,
        podIPs: [{ ip }],
        hostIP: `172.18.0.${2 + i}`,
        conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True' }],
        containerStatuses: [{ name: 'c', ready: o.ready !== false, state: { running: { startedAt: clock.rfc3339() } } }],
      };
      const out = api.updateStatus(p);
      clock.settle();
      return out;
    },
    setReady(name, ready, namespace = 'default') {
      const p = clone(api.get('Pod', namespace, name));
      p.status.conditions = [{ type: 'Ready', status: ready ? 'True' : 'False' }];
      api.updateStatus(p);
      clock.settle();
    },
    settle() {
      clock.settle();
    },
  };
  f.pod('coredns-7db6d8ff4d-4kq8x', { node: 'control-plane', image: 'registry.k8s.io/coredns/coredns:v1.11.3', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' }, ports: [{ containerPort: 53, name: 'dns', protocol: 'UDP' }, { containerPort: 53, name: 'dns-tcp' }, { containerPort: 9153, name: 'metrics' }] });
  return f;
}
