import { describe, expect, it } from 'vitest';
import { SimClock } from '../core/clock';
import { SchedulingQueue } from './queue';
import { PodInfo } from './types';
import { podObject, newSchedHarness, CONTROL_PLANE_TAINT } from './testing';

function info(name: string, priority = 0): PodInfo {
  const p = podObject(name, { priority });
  p.metadata.uid = name;
  return new PodInfo(p);
}

describe('SchedulingQueue', () => {
  it('pops higher priority first, then the earliest added', () => {
    const q = new SchedulingQueue(new SimClock());
    q.add(info('low', 0));
    q.add(info('high', 100));
    q.add(info('low2', 0));
    expect([q.pop()?.info.name, q.pop()?.info.name, q.pop()?.info.name, q.pop()]).toEqual(['high', 'low', 'low2', undefined]);
  });

  it.each([
    [1, 1],
    [2, 2],
    [3, 4],
    [4, 8],
    [5, 10],
    [9, 10],
  ])('backs off attempt %i for %i s', (attempts, seconds) => {
    const q = new SchedulingQueue(new SimClock());
    expect(q.backoffSeconds({ info: info('p'), timestamp: 0, attempts, unschedulablePlugins: new Set(), seq: 0 })).toBe(seconds);
  });

  it('moves an unschedulable pod back on a relevant event, into backoff first', () => {
    const clock = new SimClock();
    const q = new SchedulingQueue(clock);
    q.add(info('p'));
    const p = q.pop()!;
    p.unschedulablePlugins = new Set(['NodeResourcesFit']);
    q.requeueFailed(p, true);
    expect(q.onEvent({ label: 'NodeTaintChange', plugins: new Set(['TaintToleration']) })).toBe(0);
    expect(q.onEvent({ label: 'NodeAdd', plugins: new Set(['NodeResourcesFit']) })).toBe(1);
    expect(q.stats()).toEqual({ active: 0, backoff: 1, unschedulable: 0 });
    clock.advance(1);
    expect(q.stats()).toEqual({ active: 1, backoff: 0, unschedulable: 0 });
    expect(q.pop()?.info.name).toBe('p');
  });

  it('flushes pods left unschedulable for 5 minutes', () => {
    const clock = new SimClock();
    const q = new SchedulingQueue(clock);
    q.add(info('p'));
    q.requeueFailed(q.pop()!, true);
    clock.advance(299);
    expect(q.stats().unschedulable).toBe(1);
    clock.advance(31);
    expect(q.stats()).toEqual({ active: 1, backoff: 0, unschedulable: 0 });
  });
});

describe('retries', () => {
  it('schedules a pending pod when a node that fits is added', () => {
    const h = newSchedHarness();
    h.addNode('control-plane', { taints: [CONTROL_PLANE_TAINT] });
    h.addNode('node-1', { cpu: '1' });
    h.addPod('big', { cpu: '2' });
    h.settle();
    expect(h.pod('big').spec.nodeName).toBeUndefined();
    h.addNode('node-2', { cpu: '4' });
    h.clock.advance(1);
    expect(h.pod('big').spec.nodeName).toBe('node-2');
    expect(h.events('big')).toEqual([
      'Warning FailedScheduling 0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.',
      'Normal Scheduled Successfully assigned default/big to node-2',
    ]);
  });

  it('does not retry a pod rejected by a taint when an unrelated pod is deleted', () => {
    const h = newSchedHarness();
    h.addNode('node-1', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] });
    h.addPod('p');
    h.settle();
    const before = h.scheduler.decisions;
    h.api.delete('Pod', 'default', 'p');
    h.addPod('q');
    h.settle();
    h.api.delete('Pod', 'default', 'q');
    h.clock.advance(60);
    expect(h.scheduler.decisions - before).toBe(1);
  });

  it('retries with the count going up on the FailedScheduling event', () => {
    const h = newSchedHarness();
    h.addNode('node-1', { cpu: '1' });
    h.addPod('big', { cpu: '2' });
    h.settle();
    h.clock.advance(330);
    const ev = h.api.list('Event').items.find((e) => e.reason === 'FailedScheduling')!;
    expect(ev.count).toBe(2);
  });
});
