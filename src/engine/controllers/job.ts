/**
 * The Job controller (pkg/controller/job/job_controller.go) and the TTL-after-finished
 * controller (pkg/controller/ttlafterfinished): runs pods until `completions` succeed (NonIndexed)
 * or every index 0..completions-1 succeeds (Indexed), at most `parallelism` at a time; new pods
 * after failures wait 10 s doubling up to 6 min; more failures than backoffLimit fail the job
 * (BackoffLimitExceeded), so does activeDeadlineSeconds (DeadlineExceeded); suspend deletes the
 * active pods. v1.32 conditions: SuccessCriteriaMet then Complete, FailureTarget then Failed.
 * A finished job with ttlSecondsAfterFinished is deleted that long after it finished.
 *
 * Simplification: terminated pods are counted once by uid in the controller instead of through
 * the `batch.kubernetes.io/job-tracking` finalizer and status.uncountedTerminatedPods.
 */
import type { ClusterParts } from '../cluster';
import type { EventRecorder } from '../api/events';
import { isStatusError } from '../api/errors';
import { controllerRef, keyOf, makeKey, type KObject, type WatchEvent } from '../api/types/meta';
import { after, done, on, retry, selfKey, type Controller, type Result, type Trigger } from './manager';
import { isPodReady, podFromTemplate, slowStartBatch } from './util/pods';

export const COMPLETION_INDEX_ANNOTATION = 'batch.kubernetes.io/job-completion-index';
export const MSG_BACKOFF_LIMIT = 'Job has reached the specified backoff limit';
export const MSG_DEADLINE = 'Job was active longer than specified deadline';
export const MSG_COMPLETIONS_REACHED = 'Reached expected number of succeeded pods';
/** DefaultJobPodFailureBackOff and MaxJobPodFailureBackOff. */
const BACKOFF_BASE_SECONDS = 10;
const BACKOFF_MAX_SECONDS = 360;

interface JobCondition {
  type: string;
  status: string;
  lastProbeTime: string;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

interface Counted {
  succeeded: Set<string>;
  failed: Set<string>;
  succeededIndexes: Set<number>;
  lastFailureMs: number;
}

function finishedCondition(job: KObject): JobCondition | undefined {
  return ((job.status?.conditions ?? []) as JobCondition[]).find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
}

/** "1,3-5,7": the compressed index list of status.completedIndexes. */
export function formatIndexes(indexes: Iterable<number>): string {
  const sorted = [...indexes].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

function podIndex(pod: KObject): number | undefined {
  const v = pod.metadata.annotations?.[COMPLETION_INDEX_ANNOTATION];
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
}

export class JobController implements Controller {
  readonly name = 'job-controller';
  private recorder: EventRecorder;
  private counted = new Map<string, Counted>();

  constructor(private c: ClusterParts) {
    this.recorder = c.recorder({ component: 'job-controller' });
  }

  triggers(): Trigger[] {
    return [on('Job', selfKey), on('Pod', (ev) => this.podKeys(ev))];
  }

  initialKeys(): string[] {
    return this.c.api.store.list('Job').map(keyOf);
  }

  private podKeys(ev: WatchEvent): string[] {
    const keys = new Set<string>();
    for (const p of [ev.object, ev.old]) {
      const ref = p && controllerRef(p);
      if (ref?.kind === 'Job') keys.add(makeKey(p!.metadata.namespace, ref.name));
    }
    return [...keys];
  }

  reconcile(key: string): Result {
    const job = this.c.api.getByKey('Job', key);
    if (!job) return done(); // deleted: the garbage collector removes its pods
    try {
      return this.sync(job);
    } catch (e) {
      if (isStatusError(e)) return retry();
      throw e;
    }
  }

  private countedFor(job: KObject): Counted {
    let c = this.counted.get(job.metadata.uid!);
    if (!c) {
      c = { succeeded: new Set(), failed: new Set(), succeededIndexes: new Set(), lastFailureMs: 0 };
      this.counted.set(job.metadata.uid!, c);
    }
    return c;
  }

  private sync(job: KObject): Result {
    const now = this.c.clock.now();
    const ts = this.c.clock.rfc3339();
    const finished = finishedCondition(job);
    if (finished) return this.ttl(job, finished);
    const spec = job.spec;
    const indexed = spec.completionMode === 'Indexed';
    const counted = this.countedFor(job);
    const pods: KObject[] = [];
    for (const [kind, p] of this.c.api.dependents(job.metadata.uid!)) if (kind === 'Pod' && controllerRef(p)?.uid === job.metadata.uid) pods.push(p);
    let newFailure = false;
    for (const p of pods) {
      const uid = p.metadata.uid!;
      if (p.status?.phase === 'Succeeded' && !counted.succeeded.has(uid)) {
        counted.succeeded.add(uid);
        const idx = podIndex(p);
        if (indexed && idx !== undefined) counted.succeededIndexes.add(idx);
      } else if (p.status?.phase === 'Failed' && !counted.failed.has(uid)) {
        counted.failed.add(uid);
        counted.lastFailureMs = now;
        newFailure = true;
      }
    }
    const active = pods.filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed' && !p.metadata.deletionTimestamp);
    const terminating = pods.filter((p) => p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed').length;
    const succeeded = indexed ? counted.succeededIndexes.size : counted.succeeded.size;
    const failed = counted.failed.size;
    const conditions = [...((job.status?.conditions ?? []) as JobCondition[])];
    const startTime: string | undefined = job.status?.startTime ?? (spec.suspend ? undefined : ts);

    let failReason: string | undefined;
    let failMessage = '';
    if (newFailure && failed > (spec.backoffLimit ?? 6)) {
      failReason = 'BackoffLimitExceeded';
      failMessage = MSG_BACKOFF_LIMIT;
    } else if (spec.activeDeadlineSeconds && startTime && !spec.suspend && Date.parse(startTime) + spec.activeDeadlineSeconds * 1000 <= now) {
      failReason = 'DeadlineExceeded';
      failMessage = MSG_DEADLINE;
    }
    const existingTarget = conditions.find((c) => c.type === 'FailureTarget' && c.status === 'True');
    if (existingTarget) {
      failReason = existingTarget.reason;
      failMessage = existingTarget.message;
    }
    let completionTime: string | undefined;
    let requeue: number | undefined;
    if (failReason) {
      if (!existingTarget) {
        conditions.push({ type: 'FailureTarget', status: 'True', lastProbeTime: ts, lastTransitionTime: ts, reason: failReason, message: failMessage });
        this.recorder.event(job, 'Warning', failReason, failMessage);
      }
      this.deletePods(job, active);
      if (terminating === 0) conditions.push({ type: 'Failed', status: 'True', lastProbeTime: ts, lastTransitionTime: ts, reason: failReason, message: failMessage });
    } else {
      const completions: number | undefined = spec.completions ?? undefined;
      const complete = completions !== undefined && completions !== null ? succeeded >= completions : succeeded > 0 && active.length === 0;
      if (complete) {
        const hasTarget = conditions.some((c) => c.type === 'SuccessCriteriaMet');
        if (!hasTarget) conditions.push({ type: 'SuccessCriteriaMet', status: 'True', lastProbeTime: ts, lastTransitionTime: ts, reason: 'CompletionsReached', message: MSG_COMPLETIONS_REACHED });
        this.deletePods(job, active);
        if (terminating === 0 && active.length === 0) {
          conditions.push({ type: 'Complete', status: 'True', lastProbeTime: ts, lastTransitionTime: ts, reason: 'CompletionsReached', message: MSG_COMPLETIONS_REACHED });
          completionTime = ts;
          this.recorder.event(job, 'Normal', 'Completed', 'Job completed');
        }
      } else if (spec.suspend) {
        this.deletePods(job, active);
        if (!conditions.some((c) => c.type === 'Suspended' && c.status === 'True')) {
          const i = conditions.findIndex((c) => c.type === 'Suspended');
          if (i >= 0) conditions.splice(i, 1);
          conditions.push({ type: 'Suspended', status: 'True', lastProbeTime: ts, lastTransitionTime: ts, reason: 'JobSuspended', message: 'Job suspended' });
          this.recorder.event(job, 'Normal', 'Suspended', 'Job suspended');
        }
      } else {
        const s = conditions.findIndex((c) => c.type === 'Suspended' && c.status === 'True');
        if (s >= 0) {
          conditions[s] = { ...conditions[s], status: 'False', lastProbeTime: ts, lastTransitionTime: ts, reason: 'JobResumed', message: 'Job resumed' };
          this.recorder.event(job, 'Normal', 'Resumed', 'Job resumed');
        }
        requeue = this.manage(job, active, succeeded, counted, now);
        if (spec.activeDeadlineSeconds && startTime) {
          const left = (Date.parse(startTime) + spec.activeDeadlineSeconds * 1000 - now) / 1000;
          requeue = requeue === undefined ? left : Math.min(requeue, left);
        }
      }
    }
    const activeNow = this.c.api
      .dependents(job.metadata.uid!)
      .filter(([k, p]) => k === 'Pod' && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed' && !p.metadata.deletionTimestamp)
      .map(([, p]) => p);
    const status: Record<string, unknown> = {};
    if (conditions.length) status.conditions = conditions;
    if (startTime) status.startTime = startTime;
    if (completionTime) status.completionTime = completionTime;
    if (activeNow.length) status.active = activeNow.length;
    if (succeeded) status.succeeded = succeeded;
    if (failed) status.failed = failed;
    status.terminating = terminating;
    if (indexed && counted.succeededIndexes.size) status.completedIndexes = formatIndexes(counted.succeededIndexes);
    status.uncountedTerminatedPods = {};
    status.ready = activeNow.filter(isPodReady).length;
    if (JSON.stringify(status) !== JSON.stringify(job.status ?? {})) this.c.api.updateStatus({ ...job, status });
    if (completionTime || conditions.some((c) => c.type === 'Failed')) {
      const fresh = this.c.api.getByKey('Job', keyOf(job));
      const fin = fresh && finishedCondition(fresh);
      if (fresh && fin) return this.ttl(fresh, fin);
    }
    return requeue === undefined ? done() : after(Math.max(0, requeue));
  }

  /** manageJob: delete surplus active pods or create missing ones, after the failure back-off. */
  private manage(job: KObject, active: KObject[], succeeded: number, counted: Counted, now: number): number | undefined {
    const spec = job.spec;
    const parallelism = spec.parallelism ?? 1;
    const indexed = spec.completionMode === 'Indexed';
    let want: number;
    if (spec.completions === undefined || spec.completions === null) want = succeeded > 0 ? 0 : parallelism;
    else want = Math.min(parallelism, Math.max(0, spec.completions - succeeded));
    if (active.length > want) {
      const extra = [...active].sort((a, b) => (a.metadata.creationTimestamp! < b.metadata.creationTimestamp! ? 1 : -1)).slice(0, active.length - want);
      this.deletePods(job, extra);
      return undefined;
    }
    if (active.length === want) return undefined;
    if (counted.failed.size > 0) {
      const backoff = Math.min(BACKOFF_BASE_SECONDS * 2 ** (counted.failed.size - 1), BACKOFF_MAX_SECONDS);
      const readyAt = counted.lastFailureMs + backoff * 1000;
      if (readyAt > now) return (readyAt - now) / 1000;
    }
    const toCreate: (number | undefined)[] = [];
    if (indexed) {
      const busy = new Set(active.map(podIndex));
      for (let i = 0; i < spec.completions && toCreate.length < want - active.length; i++) {
        if (!counted.succeededIndexes.has(i) && !busy.has(i)) toCreate.push(i);
      }
    } else for (let i = active.length; i < want; i++) toCreate.push(undefined);
    let n = 0;
    const { error } = slowStartBatch(toCreate.length, () => {
      const idx = toCreate[n++];
      const pod = podFromTemplate(spec.template, job);
      if (idx !== undefined) {
        pod.metadata.generateName = `${job.metadata.name}-${idx}-`;
        pod.metadata.annotations = { ...(pod.metadata.annotations ?? {}), [COMPLETION_INDEX_ANNOTATION]: String(idx) };
        pod.metadata.labels = { ...(pod.metadata.labels ?? {}), [COMPLETION_INDEX_ANNOTATION]: String(idx) };
        pod.spec!.hostname ??= `${job.metadata.name}-${idx}`;
        for (const c of [...(pod.spec!.initContainers ?? []), ...(pod.spec!.containers ?? [])]) {
          c.env = [...(c.env ?? []), { name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: `metadata.labels['${COMPLETION_INDEX_ANNOTATION}']` } } }];
        }
      }
      const created = this.c.api.create(pod);
      this.recorder.event(job, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`);
    });
    if (error !== undefined) {
      const msg = error instanceof Error ? error.message : String(error);
      if (!msg.includes('because it is being terminated')) this.recorder.event(job, 'Warning', 'FailedCreate', `Error creating: ${msg}`);
      throw error;
    }
    return undefined;
  }

  private deletePods(job: KObject, pods: KObject[]): void {
    for (const p of pods) {
      try {
        this.c.api.delete('Pod', p.metadata.namespace, p.metadata.name!, { preconditions: { uid: p.metadata.uid } });
        this.recorder.event(job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`);
      } catch (e) {
        if (!(isStatusError(e) && e.code === 404)) throw e;
      }
    }
  }

  /** ttlafterfinished: delete the job (and, in the background, its pods) once its TTL is up. */
  private ttl(job: KObject, finished: JobCondition): Result {
    const ttl = job.spec?.ttlSecondsAfterFinished;
    if (ttl === undefined || ttl === null || job.metadata.deletionTimestamp) return done();
    const finishedAt = Date.parse(job.status?.completionTime ?? finished.lastTransitionTime);
    const left = finishedAt + ttl * 1000 - this.c.clock.now();
    if (left > 0) return after(left / 1000);
    this.c.api.delete('Job', job.metadata.namespace, job.metadata.name!, { propagationPolicy: 'Foreground', preconditions: { uid: job.metadata.uid } });
    this.counted.delete(job.metadata.uid!);
    return done();
  }
}
