import { describe, expect, it } from 'vitest';
import { CronJobController } from './controller';
import { GarbageCollector } from '../garbage-collector';
import { newHarness, type Harness } from '../test-harness';
import type { KObject } from '../../api/types/meta';
import { StatusError } from '../../api/errors';

// The harness clock starts at 2026-11-26T09:00:00Z (minute 29401500 since the epoch).
const MIN0 = Math.floor(Date.UTC(2026, 10, 26, 9, 0, 0) / 60_000);

function cronJob(extra: Record<string, unknown> = {}): KObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'hello' },
    spec: {
      schedule: '* * * * *',
      jobTemplate: { spec: { template: { spec: { containers: [{ name: 'hello', image: 'busybox:1.28', command: ['/bin/sh', '-c', 'date; echo Hello from the Kubernetes cluster'] }], restartPolicy: 'OnFailure' } } } },
      ...extra,
    },
  };
}

function setup(): Harness {
  const h = newHarness();
  h.start((c) => new CronJobController(c), (c) => new GarbageCollector(c));
  return h;
}

const jobs = (h: Harness) => h.api.list('Job').items.filter((j) => !j.metadata.deletionTimestamp).map((j) => j.metadata.name!);

/** Marks a job finished as the job controller would. */
function finish(h: Harness, name: string, type: 'Complete' | 'Failed' = 'Complete'): void {
  const j = h.api.get('Job', 'default', name);
  const now = h.clock.rfc3339();
  h.api.updateStatus({
    ...j,
    status: { startTime: j.metadata.creationTimestamp, completionTime: type === 'Complete' ? now : undefined, conditions: [{ type, status: 'True', lastProbeTime: now, lastTransitionTime: now }] },
  });
}

function invalidMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatusError) return e.message;
    throw e;
  }
  return '';
}

describe('CronJobController', () => {
  it('creates hello-<minutes since epoch> at each scheduled minute, with the scheduled-timestamp annotation', () => {
    const h = setup();
    h.run(10);
    h.create(cronJob());
    h.run(50);
    // The controller wakes 100 ms after the scheduled minute.
    expect(jobs(h)).toEqual([]);
    h.run(0.1);
    expect(jobs(h)).toEqual([`hello-${MIN0 + 1}`]);
    const job = h.api.get('Job', 'default', `hello-${MIN0 + 1}`);
    expect(job.metadata.annotations).toEqual({ 'batch.kubernetes.io/cronjob-scheduled-timestamp': '2026-11-26T09:01:00Z' });
    expect(job.metadata.creationTimestamp).toBe('2026-11-26T09:01:00Z');
    expect(job.metadata.ownerReferences![0]).toMatchObject({ kind: 'CronJob', name: 'hello', controller: true });
    const cj = h.api.get('CronJob', 'default', 'hello');
    expect(cj.status.lastScheduleTime).toBe('2026-11-26T09:01:00Z');
    expect(cj.status.active).toEqual([{ kind: 'Job', namespace: 'default', name: `hello-${MIN0 + 1}`, uid: job.metadata.uid, apiVersion: 'batch/v1', resourceVersion: job.metadata.resourceVersion }]);
    expect(h.events('hello')).toEqual([`Normal SuccessfulCreate Created job hello-${MIN0 + 1}`]);
  });

  it('sees completed jobs, records lastSuccessfulTime and keeps 3 successful jobs', () => {
    const h = setup();
    h.create(cronJob());
    for (let i = 1; i <= 5; i++) {
      h.run(60);
      h.run(5);
      finish(h, `hello-${MIN0 + i}`);
      h.run();
    }
    expect(jobs(h)).toEqual([`hello-${MIN0 + 3}`, `hello-${MIN0 + 4}`, `hello-${MIN0 + 5}`]);
    const cj = h.api.get('CronJob', 'default', 'hello');
    expect(cj.status.active).toBeUndefined();
    expect(cj.status.lastSuccessfulTime).toBe('2026-11-26T09:05:25Z');
    expect(h.events('hello').slice(0, 4)).toEqual([
      `Normal SuccessfulCreate Created job hello-${MIN0 + 1}`,
      `Normal SawCompletedJob Saw completed job: hello-${MIN0 + 1}, condition: Complete`,
      `Normal SuccessfulCreate Created job hello-${MIN0 + 2}`,
      `Normal SawCompletedJob Saw completed job: hello-${MIN0 + 2}, condition: Complete`,
    ]);
    expect(h.events('hello')).toContain(`Normal SuccessfulDelete Deleted job hello-${MIN0 + 1}`);
  });

  it('keeps only the last failed job', () => {
    const h = setup();
    h.create(cronJob());
    for (let i = 1; i <= 3; i++) {
      h.run(65);
      finish(h, `hello-${MIN0 + i}`, 'Failed');
      h.run();
    }
    expect(jobs(h)).toEqual([`hello-${MIN0 + 3}`]);
  });

  it('Forbid skips a run while one is active, then starts the missed one', () => {
    const h = setup();
    h.create(cronJob({ concurrencyPolicy: 'Forbid' }));
    h.run(60.5);
    h.run(60);
    expect(jobs(h)).toEqual([`hello-${MIN0 + 1}`]);
    expect(h.events('hello')).toContain('Normal JobAlreadyActive Not starting job because prior execution is running and concurrency policy is Forbid');
    finish(h, `hello-${MIN0 + 1}`);
    h.run();
    expect(jobs(h)).toEqual([`hello-${MIN0 + 1}`, `hello-${MIN0 + 2}`]);
  });

  it('Replace deletes the running job before starting the next', () => {
    const h = setup();
    h.create(cronJob({ concurrencyPolicy: 'Replace' }));
    h.run(60.5);
    h.run(60);
    expect(jobs(h)).toEqual([`hello-${MIN0 + 2}`]);
    expect(h.events('hello').slice(1)).toEqual([`Normal SuccessfulDelete Deleted job hello-${MIN0 + 1}`, `Normal SuccessfulCreate Created job hello-${MIN0 + 2}`]);
  });

  it('creates nothing while suspended, and only the most recent missed run on resume', () => {
    const h = setup();
    h.create(cronJob({ suspend: true }));
    h.run(300);
    expect(jobs(h)).toEqual([]);
    h.api.patch('CronJob', 'default', 'hello', 'merge', { spec: { suspend: false } });
    h.run();
    expect(jobs(h)).toEqual([`hello-${MIN0 + 5}`]);
  });

  it('misses a run past startingDeadlineSeconds', () => {
    const h = setup();
    h.create(cronJob({ suspend: true, startingDeadlineSeconds: 10 }));
    h.run(90);
    h.api.patch('CronJob', 'default', 'hello', 'merge', { spec: { suspend: false } });
    h.run();
    expect(jobs(h)).toEqual([]);
    // The deadline moves the earliest time considered past 09:01: nothing is even reported missed.
    expect(h.events('hello')).toEqual([]);
    h.run(31);
    expect(jobs(h)).toEqual([`hello-${MIN0 + 2}`]);
  });

  it('does nothing for a deleted cron job', () => {
    const h = setup();
    expect(new CronJobController(h).reconcile('default/hello')).toEqual({ kind: 'done' });
  });

  it('validates the schedule and the time zone as the apiserver does', () => {
    const h = setup();
    expect(invalidMessage(() => h.create(cronJob({ schedule: 'bad' })))).toBe(
      'CronJob.batch "hello" is invalid: spec.schedule: Invalid value: "bad": expected exactly 5 fields, found 1: [bad]',
    );
    expect(invalidMessage(() => h.create(cronJob({ schedule: 'TZ=UTC 0 * * * *' })))).toBe(
      'CronJob.batch "hello" is invalid: spec.schedule: Invalid value: "TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
    );
    expect(invalidMessage(() => h.create(cronJob({ timeZone: 'Mars/Base' })))).toBe(
      'CronJob.batch "hello" is invalid: spec.timeZone: Invalid value: "Mars/Base": unknown time zone Mars/Base',
    );
    const cj = h.create(cronJob());
    expect([cj.spec.concurrencyPolicy, cj.spec.suspend, cj.spec.successfulJobsHistoryLimit, cj.spec.failedJobsHistoryLimit]).toEqual(['Allow', false, 3, 1]);
  });

  it('runs a schedule in its time zone', () => {
    const h = setup();
    // 09:00 UTC is 10:00 in Berlin.
    h.create(cronJob({ schedule: '5 10 * * *', timeZone: 'Europe/Berlin' }));
    h.run(6 * 60);
    expect(jobs(h)).toEqual([`hello-${MIN0 + 5}`]);
    expect(h.api.get('Job', 'default', `hello-${MIN0 + 5}`).metadata.annotations!['batch.kubernetes.io/cronjob-scheduled-timestamp']).toBe('2026-11-26T10:05:00+01:00');
  });
});
