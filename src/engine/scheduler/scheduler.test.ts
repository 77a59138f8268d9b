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
});
