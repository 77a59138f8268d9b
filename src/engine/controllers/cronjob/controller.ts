/**
 * The CronJob controller, v2 (pkg/controller/cronjob/cronjob_controllerv2.go syncCronJob,
 * cleanupFinishedJobs; utils.go mostRecentScheduleTime, nextScheduleTime,
 * nextScheduleTimeDuration, getJobFromTemplate2): wakes 100 ms after each scheduled time, creates
 * the Job `<cronjob>-<scheduled time in minutes since the epoch>` for the most recent missed
 * time (unless suspended, past startingDeadlineSeconds, or already active with Forbid; Replace
 * deletes the running ones first), keeps status.active/lastScheduleTime/lastSuccessfulTime, and
 * deletes the oldest finished Jobs beyond successfulJobsHistoryLimit and failedJobsHistoryLimit.
 * Events: SuccessfulCreate, SawCompletedJob, SuccessfulDelete, JobAlreadyActive, MissSchedule,
 * UnexpectedJob, TooManyMissedTimes, UnparseableSchedule, FailedCreate.
 */
import type { ClusterParts } from '../../cluster';
import type { EventRecorder } from '../../api/events';
import { isStatusError } from '../../api/errors';
import { controllerRef, keyOf, makeKey, type KObject, type WatchEvent } from '../../api/types/meta';
import { after, done, on, retry, selfKey, type Controller, type Result, type Trigger } from '../manager';
import { newControllerRef } from '../util/pods';
import { CronError, parseStandard, rfc3339In, type Schedule } from './cron';

export const SCHEDULED_TIMESTAMP_ANNOTATION = 'batch.kubernetes.io/cronjob-scheduled-timestamp';
/** nextScheduleDelta: the controller wakes this long after a scheduled time. */
const NEXT_SCHEDULE_DELTA_MS = 100;

export const msgCreated = (job: string): string => `Created job ${job}`;
export const msgSawCompleted = (job: string, condition: string): string => `Saw completed job: ${job}, condition: ${condition}`;
export const msgDeleted = (job: string): string => `Deleted job ${job}`;
export const MSG_ALREADY_ACTIVE = 'Not starting job because prior execution is running and concurrency policy is Forbid';
export const msgMissSchedule = (rfc1123z: string): string => `Missed scheduled time to start a job: ${rfc1123z}`;
export const msgUnexpected = (job: string): string => `Saw a job that the controller did not create or forgot: ${job}`;
export const MSG_TOO_MANY_MISSED = 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew';

interface JobRef {
  kind: string;
  namespace: string;
  name: string;
  uid: string;
  apiVersion: string;
  resourceVersion: string;
}

type Missed = 'none' | 'few' | 'many';

/** IsJobFinished + FinishedCondition: the Complete or Failed condition that is True. */
function finishedCondition(job: KObject): string | undefined {
  for (const c of (job.status?.conditions ?? []) as { type: string; status: string }[]) {
    if ((c.type === 'Complete' || c.type === 'Failed') && c.status === 'True') return c.type;
  }
  return undefined;
}

/** getTimeHashInMinutes */
export function jobNameFor(cj: KObject, scheduledMs: number): string {
  return `${cj.metadata.name}-${Math.floor(scheduledMs / 60_000)}`;
}

/** Go's time.RFC1123Z in UTC: `Mon, 02 Jan 2006 15:04:05 +0000`. */
function rfc1123z(ms: number): string {
  const d = new Date(ms);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]}, ${p(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** formatSchedule: the time zone field becomes a TZ= prefix. */
function formatSchedule(cj: KObject): string {
  const tz = cj.spec?.timeZone;
  const s = String(cj.spec?.schedule ?? '');
  if (tz && !s.includes('TZ')) return `TZ=${tz} ${s}`;
  return s;
}

/**
 * mostRecentScheduleTime: [earliest, most recent unmet time or undefined, how many missed].
 * Times in ms.
 */
export function mostRecentScheduleTime(cj: KObject, nowMs: number, sched: Schedule, includeStartingDeadline: boolean): [number, number | undefined, Missed] {
  let earliest = Date.parse(cj.status?.lastScheduleTime ?? cj.metadata.creationTimestamp!);
  const sds = cj.spec?.startingDeadlineSeconds;
  if (includeStartingDeadline && sds !== undefined && sds !== null) {
    const deadline = nowMs - sds * 1000;
    if (deadline > earliest) earliest = deadline;
  }
  const t1 = sched.next(earliest);
  if (t1 === undefined || nowMs < t1) return [earliest, undefined, 'none'];
  const t2 = sched.next(t1);
  if (t2 === undefined || nowMs < t2) return [earliest, t1, 'few'];
  const between = Math.round((t2 - t1) / 60_000) * 60;
  if (between < 1) return [earliest, undefined, 'none'];
  const elapsed = Math.floor((nowMs - t1) / 1000);
  const missed = Math.floor(elapsed / between) + 1;
  let mostRecent: number | undefined;
  const potentialEarliest = t1 + (missed - 2) * between * 1000;
  for (let t = sched.next(potentialEarliest); t !== undefined && t <= nowMs; t = sched.next(t)) mostRecent = t;
  return [earliest, mostRecent, missed > 100 ? 'many' : 'few'];
}

/** nextScheduleTimeDuration, in seconds from now. */
export function nextScheduleDelay(cj: KObject, nowMs: number, sched: Schedule): number | undefined {
  const [earliest, mostRecent, missed] = mostRecentScheduleTime(cj, nowMs, sched, false);
  const from = mostRecent ?? (missed === 'none' ? earliest : nowMs);
  const next = sched.next(from);
  if (next === undefined) return undefined;
  return (next + NEXT_SCHEDULE_DELTA_MS - nowMs) / 1000;
}

export class CronJobController implements Controller {
  readonly name = 'cronjob-controller';
  private recorder: EventRecorder;

  constructor(private c: ClusterParts) {
    this.recorder = c.recorder({ component: 'cronjob-controller' });
  }

  triggers(): Trigger[] {
    return [on('CronJob', selfKey), on('Job', (ev) => this.jobKeys(ev))];
  }

  initialKeys(): string[] {
    return this.c.api.store.list('CronJob').map(keyOf);
  }

  private jobKeys(ev: WatchEvent): string[] {
    const keys = new Set<string>();
    for (const j of [ev.object, ev.old]) {
      const ref = j && controllerRef(j);
      if (ref?.kind === 'CronJob') keys.add(makeKey(j!.metadata.namespace, ref.name));
    }
    return [...keys];
  }

  reconcile(key: string): Result {
    const cj = this.c.api.getByKey('CronJob', key);
    if (!cj) return done();
    try {
      return this.sync(cj);
    } catch (e) {
      if (isStatusError(e)) return retry();
      throw e;
    }
  }

  private childJobs(cj: KObject): KObject[] {
    return this.c.api
      .dependents(cj.metadata.uid!)
      .filter(([k, j]) => k === 'Job' && controllerRef(j)?.uid === cj.metadata.uid)
      .map(([, j]) => j);
  }

  private sync(cj: KObject): Result {
    const status: Record<string, unknown> = structuredClone(cj.status ?? {});
    const jobs = this.childJobs(cj);
    const { requeue, changed } = this.syncCronJob(cj, status, jobs);
    const cleaned = this.cleanupFinishedJobs(cj, status, jobs);
    if (changed || cleaned) this.writeStatus(cj, status);
    return requeue === undefined ? done() : after(Math.max(0, requeue));
  }

  private active(status: Record<string, unknown>): JobRef[] {
    return (status.active as JobRef[] | undefined) ?? [];
  }

  private setActive(status: Record<string, unknown>, refs: JobRef[]): void {
    if (refs.length) status.active = refs;
    else delete status.active;
  }

  /** syncCronJob: [seconds until the next look, whether status changed]. */
  private syncCronJob(cj: KObject, status: Record<string, unknown>, jobs: KObject[]): { requeue?: number; changed: boolean } {
    const now = this.c.clock.now();
    let changed = false;
    const childUids = new Set<string>();
    for (const j of jobs) {
      childUids.add(j.metadata.uid!);
      const inActive = this.active(status).some((r) => r.uid === j.metadata.uid);
      const finished = finishedCondition(j);
      if (!inActive && !finished) {
        this.recorder.event(cj, 'Warning', 'UnexpectedJob', msgUnexpected(j.metadata.name!));
      } else if (inActive && finished) {
        this.setActive(status, this.active(status).filter((r) => r.uid !== j.metadata.uid));
        this.recorder.event(cj, 'Normal', 'SawCompletedJob', msgSawCompleted(j.metadata.name!, finished));
        changed = true;
      } else if (finished === 'Complete') {
        const completion = j.status?.completionTime as string | undefined;
        if (completion && (!status.lastSuccessfulTime || Date.parse(completion) > Date.parse(status.lastSuccessfulTime as string))) {
          status.lastSuccessfulTime = completion;
          changed = true;
        }
      }
    }
    // Active references to jobs that no longer exist.
    const stale = this.active(status).filter((r) => !childUids.has(r.uid) && !this.c.api.find('Job', r.namespace, r.name));
    if (stale.length) {
      this.setActive(status, this.active(status).filter((r) => !stale.includes(r)));
      changed = true;
    }
    if (cj.metadata.deletionTimestamp) return { changed };
    if (cj.spec?.suspend) return { changed };

    let sched: Schedule;
    try {
      sched = parseStandard(formatSchedule(cj));
    } catch (e) {
      if (!(e instanceof CronError)) throw e;
      this.recorder.event(cj, 'Warning', 'UnparseableSchedule', `unparseable schedule: ${JSON.stringify(cj.spec?.schedule)} : ${e.message}`);
      return { changed };
    }
    const view = { ...cj, status };
    const [, scheduled, missed] = mostRecentScheduleTime(view, now, sched, true);
    if (scheduled === undefined || scheduled > now) return { requeue: nextScheduleDelay(view, now, sched), changed };
    if (missed === 'many') this.recorder.event(cj, 'Warning', 'TooManyMissedTimes', MSG_TOO_MANY_MISSED);
    const sds = cj.spec?.startingDeadlineSeconds;
    if (sds !== undefined && sds !== null && scheduled + sds * 1000 < now) {
      this.recorder.event(cj, 'Warning', 'MissSchedule', msgMissSchedule(rfc1123z(scheduled)));
      return { requeue: nextScheduleDelay(view, now, sched), changed };
    }
    const name = jobNameFor(cj, scheduled);
    if (this.active(status).some((r) => r.name === name) || (status.lastScheduleTime && Date.parse(status.lastScheduleTime as string) === scheduled)) {
      return { requeue: nextScheduleDelay(view, now, sched), changed };
    }
    if (cj.spec?.concurrencyPolicy === 'Forbid' && this.active(status).length > 0) {
      this.recorder.event(cj, 'Normal', 'JobAlreadyActive', MSG_ALREADY_ACTIVE);
      return { requeue: nextScheduleDelay(view, now, sched), changed };
    }
    if (cj.spec?.concurrencyPolicy === 'Replace') {
      for (const r of [...this.active(status)]) {
        const job = this.c.api.find('Job', r.namespace, r.name);
        if (!job) {
          this.recorder.event(cj, 'Warning', 'FailedGet', `Get job: jobs.batch "${r.name}" not found`);
          return { changed };
        }
        this.deleteJob(cj, status, job);
        changed = true;
      }
    }
    const job = this.jobFromTemplate(cj, scheduled);
    let created: KObject;
    try {
      created = this.c.api.create(job);
    } catch (e) {
      if (!isStatusError(e)) throw e;
      if (e.code === 409 || e.message.includes('because it is being terminated')) return { changed };
      this.recorder.event(cj, 'Warning', 'FailedCreate', `Error creating job: ${e.message}`);
      return { changed };
    }
    this.recorder.event(cj, 'Normal', 'SuccessfulCreate', msgCreated(created.metadata.name!));
    this.setActive(status, [
      ...this.active(status),
      { kind: 'Job', namespace: created.metadata.namespace!, name: created.metadata.name!, uid: created.metadata.uid!, apiVersion: 'batch/v1', resourceVersion: created.metadata.resourceVersion! },
    ]);
    status.lastScheduleTime = this.c.clock.rfc3339(scheduled);
    return { requeue: nextScheduleDelay({ ...cj, status }, now, sched), changed: true };
  }

  /** getJobFromTemplate2 */
  private jobFromTemplate(cj: KObject, scheduled: number): KObject {
    const jt = cj.spec.jobTemplate ?? {};
    const annotations: Record<string, string> = { ...(jt.metadata?.annotations ?? {}) };
    annotations[SCHEDULED_TIMESTAMP_ANNOTATION] = rfc3339In(scheduled, cj.spec.timeZone || 'UTC');
    const labels = { ...(jt.metadata?.labels ?? {}) };
    const meta: KObject['metadata'] = {
      name: jobNameFor(cj, scheduled),
      namespace: cj.metadata.namespace,
      annotations,
      ownerReferences: [newControllerRef(cj)],
    };
    if (Object.keys(labels).length) meta.labels = labels;
    return { apiVersion: 'batch/v1', kind: 'Job', metadata: meta, spec: structuredClone(jt.spec ?? {}) };
  }

  /** deleteJob: background deletion, the active reference dropped, SuccessfulDelete. */
  private deleteJob(cj: KObject, status: Record<string, unknown>, job: KObject): boolean {
    try {
      this.c.api.delete('Job', job.metadata.namespace, job.metadata.name!, { propagationPolicy: 'Background' });
    } catch (e) {
      if (!isStatusError(e)) throw e;
      this.recorder.event(cj, 'Warning', 'FailedDelete', `Deleted job: ${e.message}`);
      return false;
    }
    this.setActive(status, this.active(status).filter((r) => r.uid !== job.metadata.uid));
    this.recorder.event(cj, 'Normal', 'SuccessfulDelete', msgDeleted(job.metadata.name!));
    return true;
  }

  /** cleanupFinishedJobs / removeOldestJobs (oldest start time first, then by name). */
  private cleanupFinishedJobs(cj: KObject, status: Record<string, unknown>, jobs: KObject[]): boolean {
    const live = jobs.filter((j) => this.c.api.find('Job', j.metadata.namespace, j.metadata.name!)?.metadata.uid === j.metadata.uid && !j.metadata.deletionTimestamp);
    const byStart = (a: KObject, b: KObject) => {
      const sa = a.status?.startTime as string | undefined;
      const sb = b.status?.startTime as string | undefined;
      if (sa !== sb) {
        if (!sa) return 1;
        if (!sb) return -1;
        return Date.parse(sa) - Date.parse(sb);
      }
      return a.metadata.name! < b.metadata.name! ? -1 : 1;
    };
    let changed = false;
    for (const [kind, limit] of [['Complete', cj.spec?.successfulJobsHistoryLimit], ['Failed', cj.spec?.failedJobsHistoryLimit]] as const) {
      if (limit === undefined || limit === null) continue;
      const list = live.filter((j) => finishedCondition(j) === kind).sort(byStart);
      for (let i = 0; i < list.length - limit; i++) if (this.deleteJob(cj, status, list[i])) changed = true;
    }
    return changed;
  }

  private writeStatus(cj: KObject, status: Record<string, unknown>): void {
    const fresh = this.c.api.getByKey('CronJob', keyOf(cj));
    if (!fresh || fresh.metadata.uid !== cj.metadata.uid) return;
    if (JSON.stringify(status) === JSON.stringify(fresh.status ?? {})) return;
    this.c.api.updateStatus({ ...fresh, status });
  }
}
