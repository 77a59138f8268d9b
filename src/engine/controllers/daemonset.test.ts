import { describe, expect, it } from 'vitest';
import { DaemonSetController, nodeShouldRunDaemonPod } from './daemonset';
import { GarbageCollector } from './garbage-collector';
import { newHarness, type Harness } from './test-harness';
import { clone, type KObject } from '../api/types/meta';

function node(h: Harness, name: string, taints: object[] = [], labels: Record<string, string> = {}): KObject {
  return h.create({ apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name, ...labels } }, spec: { taints } });
}

function ds(name: string, extra: Record<string, unknown> = {}, podSpec: Record<string, unknown> = {}): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: 'kube-system' },
    spec: {
      selector: { matchLabels: { 'k8s-app': name } },
      template: { metadata: { labels: { 'k8s-app': name } }, spec: { containers: [{ name, image: 'registry.k8s.io/kube-proxy:v1.32.5' }], ...podSpec } },
      ...extra,
    },
  };
}

function setup(): Harness {
  const h = newHarness(['default', 'kube-system']);
  h.start((c) => new DaemonSetController(c), (c) => new GarbageCollector(c));
  return h;
}

const CP_TAINT = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };

function podsByNode(h: Harness): string[] {
  return h.api
    .list('Pod', { namespace: 'kube-system' })
    .items.filter((p) => !p.metadata.deletionTimestamp)
    .map((p) => p.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0].values[0] as string)
    .sort();
}

/** Binds, runs and readies daemon pods on their target node; finishes deletions. */
function kubelet(h: Harness): void {
  for (const p of h.api.list('Pod', { namespace: 'kube-system' }).items) {
    if (p.metadata.deletionTimestamp) {
      h.api.delete('Pod', 'kube-system', p.metadata.name!, { gracePeriodSeconds: 0 });
      continue;
    }
    const target = p.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0].values[0];
    if (p.status?.phase !== 'Running') h.setPod('kube-system', p.metadata.name!, { node: target, phase: 'Running', ready: true });
  }
}

describe('DaemonSetController', () => {
  it('runs one pod per schedulable node, not on the tainted control plane', () => {
    const h = setup();
    node(h, 'control-plane', [CP_TAINT]);
    node(h, 'node-1');
    node(h, 'node-2');
    h.create(ds('proxy'));
    h.run();
    expect(podsByNode(h)).toEqual(['node-1', 'node-2']);
    const pod = h.api.list('Pod', { namespace: 'kube-system' }).items[0];
    expect(pod.metadata.name).toMatch(/^proxy-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(pod.metadata.labels).toEqual({ 'k8s-app': 'proxy', 'controller-revision-hash': expect.any(String), 'pod-template-generation': '1' });
    expect(pod.spec.tolerations.map((t: { key: string; effect: string }) => `${t.key}:${t.effect}`)).toEqual([
      'node.kubernetes.io/not-ready:NoExecute',
      'node.kubernetes.io/unreachable:NoExecute',
      'node.kubernetes.io/disk-pressure:NoSchedule',
      'node.kubernetes.io/memory-pressure:NoSchedule',
      'node.kubernetes.io/pid-pressure:NoSchedule',
      'node.kubernetes.io/unschedulable:NoSchedule',
    ]);
    const rev = h.api.list('ControllerRevision', { namespace: 'kube-system' }).items;
    expect(rev.map((r) => [r.metadata.name, r.revision])).toEqual([[`proxy-${pod.metadata.labels!['controller-revision-hash']}`, 1]]);
    kubelet(h);
    h.run();
    expect(h.api.get('DaemonSet', 'kube-system', 'proxy').status).toEqual({
      currentNumberScheduled: 2,
      numberMisscheduled: 0,
      desiredNumberScheduled: 2,
      numberReady: 2,
      observedGeneration: 1,
      updatedNumberScheduled: 2,
      numberAvailable: 2,
    });
  });

  it('tolerating everything runs on the control plane too, and follows nodes joining and leaving', () => {
    const h = setup();
    node(h, 'control-plane', [CP_TAINT]);
    node(h, 'node-1');
    h.create(ds('flannel', {}, { tolerations: [{ operator: 'Exists', effect: 'NoSchedule' }], hostNetwork: true }));
    h.run();
    expect(podsByNode(h)).toEqual(['control-plane', 'node-1']);
    node(h, 'node-2');
    h.run();
    expect(podsByNode(h)).toEqual(['control-plane', 'node-1', 'node-2']);
    h.api.delete('Node', undefined, 'node-1');
    h.run();
    expect(podsByNode(h)).toEqual(['control-plane', 'node-2']);
    const pod = h.api.list('Pod', { namespace: 'kube-system' }).items[0];
    expect(pod.spec.tolerations.at(-1)).toEqual({ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' });
  });

  it('leaves a bound pod of a deleted node to the pod garbage collector, without deleting it again and again', () => {
    const h = setup();
    node(h, 'node-1');
    node(h, 'node-2');
    h.create(ds('proxy'));
    h.run();
    kubelet(h);
    h.run();
    h.api.delete('Node', undefined, 'node-1');
    h.run(60);
    const pods = h.api.list('Pod', { namespace: 'kube-system' }).items;
    expect(pods.map((p) => p.spec.nodeName).sort()).toEqual(['node-1', 'node-2']);
    expect(pods.every((p) => !p.metadata.deletionTimestamp)).toBe(true);
    expect(h.events().filter((e) => e.includes('SuccessfulDelete'))).toEqual([]);
  });

  it('respects nodeSelector and removes pods when a node stops matching', () => {
    const h = setup();
    node(h, 'node-1', [], { disk: 'ssd' });
    const n2 = node(h, 'node-2', [], { disk: 'ssd' });
    h.create(ds('agent', {}, { nodeSelector: { disk: 'ssd' } }));
    h.run();
    expect(podsByNode(h)).toEqual(['node-1', 'node-2']);
    h.api.update({ ...clone(n2), metadata: { ...clone(n2.metadata), labels: { 'kubernetes.io/hostname': 'node-2' } } });
    h.run();
    expect(podsByNode(h)).toEqual(['node-1']);
  });

  it('rolls out a new template one node at a time (maxUnavailable 1)', () => {
    const h = setup();
    for (const n of ['node-1', 'node-2', 'node-3']) node(h, n);
    h.create(ds('proxy'));
    h.run();
    kubelet(h);
    h.run();
    const d = clone(h.api.get('DaemonSet', 'kube-system', 'proxy'));
    d.spec.template.spec.containers[0].image = 'registry.k8s.io/kube-proxy:v1.32.6';
    h.api.update(d);
    h.run();
    const pods = () => h.api.list('Pod', { namespace: 'kube-system' }).items;
    // One old pod is terminating, nothing else replaced yet: its node gets the new pod only
    // once the old one is gone (manage counts terminating pods as existing).
    expect(pods().filter((p) => p.metadata.deletionTimestamp)).toHaveLength(1);
    expect(pods()).toHaveLength(3);
    h.run(5);
    expect(pods()).toHaveLength(3);
    expect(h.api.get('DaemonSet', 'kube-system', 'proxy').status.currentNumberScheduled).toBe(3);
    for (let i = 0; i < 6; i++) {
      kubelet(h);
      h.run(1);
    }
    expect(pods().map((p) => p.spec.containers[0].image)).toEqual(Array(3).fill('registry.k8s.io/kube-proxy:v1.32.6'));
    expect(pods().every((p) => p.metadata.labels!['pod-template-generation'] === '2')).toBe(true);
    expect(h.api.list('ControllerRevision', { namespace: 'kube-system' }).items.map((r) => r.revision).sort()).toEqual([1, 2]);
    expect(h.api.get('DaemonSet', 'kube-system', 'proxy').status.updatedNumberScheduled).toBe(3);
  });

  it('OnDelete leaves old pods until they are deleted', () => {
    const h = setup();
    node(h, 'node-1');
    h.create(ds('proxy', { updateStrategy: { type: 'OnDelete' } }));
    h.run();
    kubelet(h);
    h.run();
    const d = clone(h.api.get('DaemonSet', 'kube-system', 'proxy'));
    d.spec.template.spec.containers[0].image = 'registry.k8s.io/kube-proxy:v1.32.6';
    h.api.update(d);
    h.run(5);
    const [old] = h.api.list('Pod', { namespace: 'kube-system' }).items;
    expect(old.spec.containers[0].image).toBe('registry.k8s.io/kube-proxy:v1.32.5');
    h.api.delete('Pod', 'kube-system', old.metadata.name!, { gracePeriodSeconds: 0 });
    h.run();
    expect(h.api.list('Pod', { namespace: 'kube-system' }).items.map((p) => p.spec.containers[0].image)).toEqual(['registry.k8s.io/kube-proxy:v1.32.6']);
  });

  it('evaluates taints as upstream: NoSchedule keeps running pods, NoExecute does not', () => {
    const d = ds('x');
    const mk = (effect: string): KObject => ({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' }, spec: { taints: [{ key: 'k', effect }] } });
    expect(nodeShouldRunDaemonPod(mk('NoSchedule'), d)).toEqual([false, true]);
    expect(nodeShouldRunDaemonPod(mk('NoExecute'), d)).toEqual([false, false]);
    expect(nodeShouldRunDaemonPod(mk('PreferNoSchedule'), d)).toEqual([true, true]);
    const notReady: KObject = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' }, spec: { taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }] } };
    expect(nodeShouldRunDaemonPod(notReady, d)).toEqual([true, true]);
  });

  it('does nothing for a deleted DaemonSet', () => {
    const h = newHarness();
    const [c] = h.start((p) => new DaemonSetController(p));
    expect(c.reconcile('kube-system/none')).toEqual({ kind: 'done' });
  });
});
