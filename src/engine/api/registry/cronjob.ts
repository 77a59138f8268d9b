/**
 * CronJob strategy (pkg/registry/batch/cronjob/strategy.go, SetDefaults_CronJob,
 * ValidateCronJobCreate/Update): Allow, not suspended, history limits 3 and 1; the schedule
 * parsed by robfig/cron's ParseStandard with its error as the Invalid detail, `TZ=` in the
 * schedule refused on create (use spec.timeZone), the time zone checked against the IANA
 * database, and the job template validated as a Job's.
 */
import { parseStandard, CronError, isKnownTimeZone } from '../../controllers/cronjob/cron';
import { invalidValue, notSupported, required, type FieldError } from '../errors';
import type { Strategy } from './strategy';
import { defaultPodTemplate, validateNonNegative, validatePodTemplate } from './pod-template';
import { bumpGenerationOnSpecChange } from './workload-common';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

const CONCURRENCY = ['Allow', 'Forbid', 'Replace'];
const TZ_CHARS = /^[A-Za-z\.\-_0-9+]{1,14}$/;

export function defaultCronJobSpec(spec: Any): void {
  spec.concurrencyPolicy ??= 'Allow';
  spec.suspend ??= false;
  spec.successfulJobsHistoryLimit ??= 3;
  spec.failedJobsHistoryLimit ??= 1;
  const jt = (spec.jobTemplate ??= {});
  jt.metadata ??= {};
  if (jt.metadata.creationTimestamp === undefined) jt.metadata.creationTimestamp = null;
  jt.spec ??= {};
  defaultPodTemplate(jt.spec.template);
}

/** validateScheduleFormat. */
function validateSchedule(schedule: string, allowTZ: boolean, timeZone: string | undefined): FieldError[] {
  const errs: FieldError[] = [];
  try {
    parseStandard(schedule);
  } catch (e) {
    if (!(e instanceof CronError)) throw e;
    errs.push(invalidValue('spec.schedule', schedule, e.message));
  }
  if (allowTZ && schedule.includes('TZ') && timeZone !== undefined) {
    errs.push(invalidValue('spec.schedule', schedule, 'cannot use both timeZone field and TZ or CRON_TZ in schedule'));
  } else if (!allowTZ && schedule.includes('TZ')) {
    errs.push(invalidValue('spec.schedule', schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
  }
  return errs;
}

/** validateTimeZone. */
function validateTimeZone(tz: Any): FieldError[] {
  if (tz === undefined || tz === null) return [];
  if (tz === '') return [invalidValue('spec.timeZone', tz, 'timeZone must be nil or non-empty string')];
  for (const part of String(tz).split('/')) {
    if (part === '.' || part === '..' || part.startsWith('-') || !TZ_CHARS.test(part)) {
      return [invalidValue('spec.timeZone', tz, `unknown time zone ${tz}`)];
    }
  }
  if (String(tz).toLowerCase() === 'local') return [invalidValue('spec.timeZone', tz, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones')];
  if (!isKnownTimeZone(tz)) return [invalidValue('spec.timeZone', tz, `unknown time zone ${tz}`)];
  return [];
}

function validateSpec(spec: Any, allowTZ: boolean): FieldError[] {
  const errs: FieldError[] = [];
  if (!spec?.schedule) errs.push(required('spec.schedule', ''));
  else errs.push(...validateSchedule(String(spec.schedule), allowTZ, spec.timeZone ?? undefined));
  errs.push(...validateNonNegative(spec?.startingDeadlineSeconds, 'spec.startingDeadlineSeconds'));
  const cp = spec?.concurrencyPolicy;
  if (!cp) errs.push(required('spec.concurrencyPolicy', ''));
  else if (!CONCURRENCY.includes(cp)) errs.push(notSupported('spec.concurrencyPolicy', cp, CONCURRENCY));
  errs.push(...validateTimeZone(spec?.timeZone));
  const js = spec?.jobTemplate?.spec ?? {};
  const p = 'spec.jobTemplate.spec';
  errs.push(...validateNonNegative(js.parallelism, `${p}.parallelism`));
  errs.push(...validateNonNegative(js.completions, `${p}.completions`));
  if (js.activeDeadlineSeconds != null && !(js.activeDeadlineSeconds > 0)) errs.push(invalidValue(`${p}.activeDeadlineSeconds`, js.activeDeadlineSeconds, 'must be greater than 0'));
  errs.push(...validateNonNegative(js.backoffLimit, `${p}.backoffLimit`));
  errs.push(...validateNonNegative(js.ttlSecondsAfterFinished, `${p}.ttlSecondsAfterFinished`));
  errs.push(...validatePodTemplate(js.template, `${p}.template`));
  const rp = js.template?.spec?.restartPolicy;
  if (rp !== 'OnFailure' && rp !== 'Never') errs.push(notSupported(`${p}.template.spec.restartPolicy`, rp ?? '', ['OnFailure', 'Never']));
  errs.push(...validateNonNegative(spec?.successfulJobsHistoryLimit, 'spec.successfulJobsHistoryLimit'));
  errs.push(...validateNonNegative(spec?.failedJobsHistoryLimit, 'spec.failedJobsHistoryLimit'));
  return errs;
}

export const cronJobStrategy: Strategy = {
  generation: true,
  statusSubresource: true,
  prepareForCreate(obj) {
    delete obj.status;
    obj.spec ??= {};
    defaultCronJobSpec(obj.spec);
  },
  prepareForUpdate(obj, old) {
    obj.spec ??= {};
    defaultCronJobSpec(obj.spec);
    bumpGenerationOnSpecChange(obj, old);
  },
  validate(obj, ctx) {
    const errs: FieldError[] = [];
    const name = obj.metadata.name ?? '';
    // On update the old schedule decides whether TZ= is still tolerated (see validateUpdate).
    const old = ctx.store.get('CronJob', `${obj.metadata.namespace}/${name}`);
    if (!old && name.length > 52) errs.push(invalidValue('metadata.name', name, 'must be no more than 52 characters'));
    const allowTZ = !!old && String(old.spec?.schedule ?? '').includes('TZ');
    errs.push(...validateSpec(obj.spec, allowTZ));
    return errs;
  },
};
