import { describe, expect, it } from 'vitest';
import { CONTROL_PLANE_TAINT, newSchedHarness } from './testing';

function fourNodes() {
  const h = newSchedHarness();
  h.addNode('control-plane', { taints: [CONTROL_PLANE_TAINT], labels: { 'node-role.kubernetes.io/control-plane': '' } });
  for (let i = 1; i <= 3; i++) h.addNode(`node-${i}`, { cpu: '2' });
  return h;
}

describe('scheduler', () => {
  it('binds a pending pod and records Scheduled with the upstream message', () => {
    const h = fourNodes();
    h.addPod('web-abc', { cpu: '100m' });
    h.settle();
    const pod = h.pod('web-abc');
    expect(pod.spec.nodeName).toMatch(/^node-[123]$/);
    expect(h.events('web-abc')).toEqual([`Normal Scheduled Successfully assigned default/web-abc to ${pod.spec.nodeName}`]);
    const cond = pod.status.conditions.find((c: { type: string }) => c.type === 'PodScheduled');
    expect(cond.status).toBe('True');
  });

  it('leaves a pod that fits nowhere Pending with the FailedScheduling text and PodScheduled=False', () => {
    const h = fourNodes();
    h.addPod('big', { cpu: '3' });
    h.settle();
    const msg =
      '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu. ' +
      'preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.';
    expect(h.events('big')).toEqual([`Warning FailedScheduling ${msg}`]);
    const pod = h.pod('big');
    expect(pod.spec.nodeName).toBeUndefined();
    expect(pod.status.conditions).toEqual([
      { type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: h.clock.rfc3339(), reason: 'Unschedulable', message: msg },
    ]);
  });

  it('explains a decision: filters per node, normalized scores per plugin, the chosen node', () => {
    const h = fourNodes();
    h.addPod('web', { cpu: '100m' });
    h.settle();
    const e = h.scheduler.explain('default/web')!;
    expect(e.outcome).toBe('Scheduled');
    expect(e.node).toBe(h.pod('web').spec.nodeName);
    expect(e.filtered).toEqual([
      { node: 'control-plane', plugin: 'TaintToleration', code: 'UnschedulableAndUnresolvable', reasons: ['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'] },
    ]);
    expect(e.preFilter.map((p) => `${p.plugin}=${p.result}`)).toEqual([
      'NodeAffinity=Skip',
      'NodePorts=Skip',
      'VolumeBinding=Skip',
      'PodTopologySpread=Skip',
      'InterPodAffinity=Skip',
    ]);
    expect(e.scorePlugins).toEqual([
      { name: 'TaintToleration', weight: 3 },
      { name: 'NodeResourcesFit', weight: 1 },
      { name: 'NodeResourcesBalancedAllocation', weight: 1 },
      { name: 'ImageLocality', weight: 1 },
    ]);
    expect(e.scores).toHaveLength(3);
    // Equal empty nodes: TaintToleration 100*3, LeastAllocated 95, Balanced 97 (|5% - 0%| / 2), ImageLocality 0.
    expect(e.scores[0]).toMatchObject({ scores: { TaintToleration: 100, NodeResourcesFit: 95, NodeResourcesBalancedAllocation: 97, ImageLocality: 0 }, total: 492 });
    expect(e.sampling).toMatchObject({ numAllNodes: 4, numNodesToFind: 4, evaluated: 4, feasible: 3 });
  });

  it('forgets the explanation when the pod is deleted', () => {
    const h = fourNodes();
    h.addPod('web');
    h.settle();
    expect(h.scheduler.explain('default/web')).toBeDefined();
    h.api.delete('Pod', 'default', 'web', { gracePeriodSeconds: 0 });
    expect(h.scheduler.explanations.size).toBe(0);
  });

  it('explains a Pending pod with the message and the rejected nodes', () => {
    const h = fourNodes();
    h.addPod('big', { cpu: '3' });
    h.settle();
    const e = h.scheduler.explain('default/big')!;
    expect(e.outcome).toBe('Unschedulable');
    expect(e.message).toMatch(/^0\/4 nodes are available: /);
    expect(e.filtered.map((f) => `${f.node} ${f.plugin} ${f.reasons.join(',')}`)).toEqual([
      'control-plane TaintToleration node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }',
      'node-1 NodeResourcesFit Insufficient cpu',
      'node-2 NodeResourcesFit Insufficient cpu',
      'node-3 NodeResourcesFit Insufficient cpu',
    ]);
    expect(e.preemption?.nodes).toHaveLength(4);
  });

  it('ignores pods for another scheduler and pods that already have a node', () => {
    const h = fourNodes();
    h.addPod('other', { spec: { schedulerName: 'my-scheduler' } });
    h.addPod('pinned', { spec: { nodeName: 'node-3' } });
    h.settle();
    expect(h.pod('other').spec.nodeName).toBeUndefined();
    expect(h.events('other')).toEqual([]);
    expect(h.pod('pinned').spec.nodeName).toBe('node-3');
    expect(h.events('pinned')).toEqual([]);
    expect(h.scheduler.decisions).toBe(0);
  });

  it('reports a DaemonSet pod that does not fit its node, other nodes as not satisfying NodeAffinity', () => {
    const h = fourNodes();
    h.addPod('ds-abcde', {
      cpu: '3',
      spec: {
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-2'] }] }],
            },
          },
        },
      },
    });
    h.settle();
    expect(h.events('ds-abcde')).toEqual([
      "Warning FailedScheduling 0/4 nodes are available: 1 Insufficient cpu, 3 node(s) didn't satisfy plugin(s) [NodeAffinity]. " +
        'preemption: 0/4 nodes are available: 1 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling.',
    ]);
  });

  it('skips cordoned nodes', () => {
    const h = fourNodes();
    for (const n of ['node-1', 'node-2']) {
      const node = structuredClone(h.api.get('Node', undefined, n));
      node.spec.unschedulable = true;
      h.api.update(node);
    }
    h.addPod('p');
    h.settle();
    expect(h.pod('p').spec.nodeName).toBe('node-3');
  });

  it('spreads the replicas of a ReplicaSet across nodes (default topology spreading)', () => {
    const h = newSchedHarness();
    for (let i = 1; i <= 3; i++) h.addNode(`node-${i}`, { cpu: '4', memory: '8Gi' });
    const rs = h.api.create({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'web-5d4f7', namespace: 'default' },
      spec: { replicas: 6, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
    });
    const owner = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-5d4f7', uid: rs.metadata.uid!, controller: true }];
    for (let i = 0; i < 6; i++) h.addPod(`web-5d4f7-${i}`, { labels: { app: 'web' }, ownerReferences: owner });
    h.settle();
    const perNode = new Map<string, number>();
    for (let i = 0; i < 6; i++) {
      const n = h.pod(`web-5d4f7-${i}`).spec.nodeName;
      perNode.set(n, (perNode.get(n) ?? 0) + 1);
    }
    expect([...perNode.values()].sort()).toEqual([2, 2, 2]);
    const e = h.scheduler.explain('default/web-5d4f7-5')!;
    expect(e.scorePlugins.map((p) => p.name)).toContain('PodTopologySpread');
  });

  it('preempts lower-priority pods for a higher-priority pod and nominates the node', () => {
    const h = newSchedHarness();
    h.addNode('node-1', { cpu: '2' });
    h.addPod('low', { cpu: '1500m', priority: 0 });
    h.settle();
    h.addPod('high', { cpu: '1500m', priority: 1000 });
    h.settle();
    const low = h.pod('low');
    expect(low.metadata.deletionTimestamp).toBeDefined();
    expect(low.status.conditions.find((c: { type: string }) => c.type === 'DisruptionTarget')).toMatchObject({
      status: 'True',
      reason: 'PreemptionByScheduler',
      message: 'default-scheduler: preempting to accommodate a higher priority pod',
    });
    const high = h.pod('high');
    expect(high.status.nominatedNodeName).toBe('node-1');
    expect(h.events('low')).toContain(`Normal Preempted Preempted by pod ${high.metadata.uid} on node node-1`);
    expect(h.events('high')).toEqual(['Warning FailedScheduling 0/1 nodes are available: 1 Insufficient cpu.']);
    // The victim goes away (its kubelet would kill it): the preemptor lands on the nominated node.
    h.api.delete('Pod', 'default', 'low', { gracePeriodSeconds: 0 });
    h.clock.advance(2);
    expect(h.pod('high').spec.nodeName).toBe('node-1');
  });

  it('does not preempt with preemptionPolicy Never', () => {
    const h = newSchedHarness();
    h.addNode('node-1', { cpu: '2' });
    h.addPod('low', { cpu: '1500m' });
    h.settle();
    h.addPod('high', { cpu: '1500m', priority: 1000, spec: { preemptionPolicy: 'Never' } });
    h.settle();
    expect(h.events('high')).toEqual([
      'Warning FailedScheduling 0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.',
    ]);
  });
});
