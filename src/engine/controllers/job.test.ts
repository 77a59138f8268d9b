import { describe, expect, it } from 'vitest';
import { JobController, formatIndexes } from './job';
import { GarbageCollector } from './garbage-collector';
import { newHarness, type Harness } from './test-harness';
import type { KObject } from '../api/types/meta';

function job(name: string, spec: Record<string, unknown> = {}): KObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name },
    spec: { template: { spec: { containers: [{ name: 'pi', image: 'perl:5.34.0' }], restartPolicy: 'Never' } }, ...spec },
  };
}

function setup(): Harness {
  const h = newHarness();
  h.start((c) => new JobController(c), (c) => new GarbageCollector(c));
  return h;
}

const active = (h: Harness) => h.api.list('Pod').items.filter((p) => !p.status?.phase || p.status.phase === 'Running' || p.status.phase === 'Pending');

function finish(h: Harness, phase: 'Succeeded' | 'Failed', n = Infinity): void {
  for (const p of active(h).slice(0, n)) h.setPod('default', p.metadata.name!, { node: 'node-1', phase });
}

describe('Job strategy', () => {
  it('generates the selector and labels and defaults the spec', () => {
    const h = setup();
    const j = h.create(job('pi'));
    const uid = j.metadata.uid;
    expect(j.spec.selector).toEqual({ matchLabels: { 'batch.kubernetes.io/controller-uid': uid } });
    expect(j.spec.template.metadata.labels).toEqual({ 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': uid, 'job-name': 'pi' });
    expect(j.metadata.labels).toEqual(j.spec.template.metadata.labels);
    expect([j.spec.completions, j.spec.parallelism, j.spec.backoffLimit, j.spec.completionMode, j.spec.suspend, j.spec.podReplacementPolicy]).toEqual([1, 1, 6, 'NonIndexed', false, 'TerminatingOrFailed']);
  });

  it('rejects restartPolicy Always', () => {
    const h = setup();
    const bad = job('pi');
    bad.spec.template.spec.restartPolicy = 'Always';
    expect(() => h.create(bad)).toThrow('Job.batch "pi" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"');
  });
});

describe('JobController', () => {
  it('runs a pod to completion: SuccessCriteriaMet then Complete', () => {
    const h = setup();
    h.create(job('pi'));
    h.run();
    expect(active(h).map((p) => p.metadata.name)).toEqual([expect.stringMatching(/^pi-[bcdfghjklmnpqrstvwxz2456789]{5}$/)]);
    expect(h.api.get('Job', 'default', 'pi').status).toMatchObject({ active: 1, terminating: 0, ready: 0, uncountedTerminatedPods: {} });
    h.run(10);
    finish(h, 'Succeeded');
    h.run();
    const st = h.api.get('Job', 'default', 'pi').status;
    expect(st.conditions.map((c: { type: string; reason: string; message: string }) => `${c.type} ${c.reason} ${c.message}`)).toEqual([
      'SuccessCriteriaMet CompletionsReached Reached expected number of succeeded pods',
      'Complete CompletionsReached Reached expected number of succeeded pods',
    ]);
    expect(st).toMatchObject({ startTime: '2026-11-26T09:00:00Z', completionTime: '2026-11-26T09:00:10Z', succeeded: 1 });
    expect(h.events('pi').at(-1)).toBe('Normal Completed Job completed');
  });

  it('keeps parallelism pods running until completions are reached', () => {
    const h = setup();
    h.create(job('work', { completions: 5, parallelism: 2 }));
    h.run();
    expect(active(h)).toHaveLength(2);
    finish(h, 'Succeeded');
    h.run();
    expect(active(h)).toHaveLength(2);
    finish(h, 'Succeeded');
    h.run();
    expect(active(h)).toHaveLength(1);
    finish(h, 'Succeeded');
    h.run();
    expect(h.api.get('Job', 'default', 'work').status.succeeded).toBe(5);
    expect(active(h)).toHaveLength(0);
  });

  it('backs off after failures and fails with BackoffLimitExceeded', () => {
    const h = setup();
    h.create(job('bad', { backoffLimit: 1 }));
    h.run();
    finish(h, 'Failed');
    h.run();
    expect(active(h)).toHaveLength(0); // waiting 10 s
    h.run(10);
    expect(active(h)).toHaveLength(1);
    finish(h, 'Failed');
    h.run();
    const st = h.api.get('Job', 'default', 'bad').status;
    expect(st.conditions.map((c: { type: string; reason: string; message: string }) => `${c.type} ${c.reason} ${c.message}`)).toEqual([
      'FailureTarget BackoffLimitExceeded Job has reached the specified backoff limit',
      'Failed BackoffLimitExceeded Job has reached the specified backoff limit',
    ]);
    expect(st.failed).toBe(2);
    expect(h.events('bad')).toContain('Warning BackoffLimitExceeded Job has reached the specified backoff limit');
  });

  it('fails a job running longer than activeDeadlineSeconds', () => {
    const h = setup();
    h.create(job('slow', { activeDeadlineSeconds: 30 }));
    h.run();
    h.setPod('default', active(h)[0].metadata.name!, { node: 'node-1', phase: 'Running' });
    h.run(31);
    const st = h.api.get('Job', 'default', 'slow').status;
    expect(st.conditions[0]).toMatchObject({ type: 'FailureTarget', reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' });
  });

  it('runs Indexed jobs with one pod per index', () => {
    const h = setup();
    h.create(job('idx', { completions: 3, parallelism: 3, completionMode: 'Indexed' }));
    h.run();
    const names = active(h).map((p) => p.metadata.name!).sort();
    expect(names.map((n) => n.replace(/-[^-]+$/, ''))).toEqual(['idx-0', 'idx-1', 'idx-2']);
    finish(h, 'Succeeded');
    h.run();
    expect(h.api.get('Job', 'default', 'idx').status.completedIndexes).toBe('0-2');
  });

  it('deletes a finished job after ttlSecondsAfterFinished', () => {
    const h = setup();
    h.create(job('tmp', { ttlSecondsAfterFinished: 100 }));
    h.run();
    finish(h, 'Succeeded');
    h.run(99);
    expect(h.api.find('Job', 'default', 'tmp')).toBeDefined();
    h.run(2);
    expect(h.api.find('Job', 'default', 'tmp')).toBeUndefined();
  });

  it('does nothing for a deleted job', () => {
    const h = newHarness();
    const [c] = h.start((p) => new JobController(p));
    expect(c.reconcile('default/none')).toEqual({ kind: 'done' });
  });

  it.each([
    [[0, 1, 2], '0-2'],
    [[3, 1, 7, 5, 6], '1,3,5-7'],
    [[], ''],
  ])('formats completed indexes %j as %s', (idx, want) => {
    expect(formatIndexes(idx)).toBe(want);
  });
});
