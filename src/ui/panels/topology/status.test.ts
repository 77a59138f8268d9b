import { describe, expect, it } from 'vitest';
import { categoryOf, ownerHue } from './status';

describe('categoryOf', () => {
  it.each([
    ['Running', 'Running', 'Running'],
    ['NotReady', 'Running', 'Running'],
    ['Pending', 'Pending', 'Pending'],
    ['SchedulingGated', 'Pending', 'Pending'],
    ['ContainerCreating', 'Pending', 'ContainerCreating'],
    ['PodInitializing', 'Pending', 'ContainerCreating'],
    ['Init:0/2', 'Pending', 'ContainerCreating'],
    ['Terminating', 'Running', 'Terminating'],
    ['Error', 'Failed', 'Failed'],
    ['ExitCode:3', 'Failed', 'Failed'],
    ['Init:Error', 'Pending', 'Failed'],
    ['OOMKilled', 'Running', 'Failed'],
    ['CrashLoopBackOff', 'Running', 'CrashLoopBackOff'],
    ['ImagePullBackOff', 'Pending', 'CrashLoopBackOff'],
    ['ErrImagePull', 'Pending', 'CrashLoopBackOff'],
    ['Init:CrashLoopBackOff', 'Pending', 'CrashLoopBackOff'],
    ['Completed', 'Succeeded', 'Completed'],
    ['Succeeded', 'Succeeded', 'Completed'],
  ])('%s (phase %s) is %s', (status, phase, want) => {
    expect(categoryOf(status, phase)).toBe(want);
  });
});

describe('ownerHue', () => {
  it('is stable and within 0..359', () => {
    const h = ownerHue('ReplicaSet/web-7d4b9c');
    expect(h).toBe(ownerHue('ReplicaSet/web-7d4b9c'));
    expect(h).toBeGreaterThanOrEqual(0);
    expect(h).toBeLessThan(360);
  });

  it('differs between owners', () => {
    expect(ownerHue('ReplicaSet/web-1')).not.toBe(ownerHue('ReplicaSet/api-1'));
  });
});
