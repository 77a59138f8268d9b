/** Jobs (printers.go printJob): STATUS COMPLETIONS DURATION AGE. */
import type { KObject } from '../../../api/types/meta';
import { humanDuration } from '../duration';
import type { KindTable } from './types';
import { AGE, NAME, WIDE_CONTAINERS, WIDE_SELECTOR, col, containerCells, formatSelectorOrNone, since, templateContainers } from './util';

function hasCondition(job: KObject, type: string): boolean {
  const c = (job.status?.conditions ?? []).find((x: { type: string }) => x.type === type);
  return c ? c.status === 'True' : false;
}

/** The STATUS column: Complete, Failed, Terminating, Suspended, FailureTarget or Running. */
export function jobStatus(job: KObject): string {
  if (hasCondition(job, 'Complete')) return 'Complete';
  if (hasCondition(job, 'Failed')) return 'Failed';
  if (job.metadata.deletionTimestamp) return 'Terminating';
  if (hasCondition(job, 'Suspended')) return 'Suspended';
  if (hasCondition(job, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

export const jobTable: KindTable = {
  columns: [NAME, col('Status'), col('Completions'), col('Duration'), AGE, ...WIDE_CONTAINERS, WIDE_SELECTOR],
  row(o, now) {
    const s = o.status ?? {};
    const succeeded = s.succeeded ?? 0;
    let completions: string;
    if (o.spec?.completions !== undefined && o.spec?.completions !== null) completions = `${succeeded}/${o.spec.completions}`;
    else {
      const parallelism = o.spec?.parallelism ?? 0;
      completions = parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
    }
    let duration = '';
    if (s.startTime && !s.completionTime) duration = humanDuration(now - Date.parse(s.startTime));
    else if (s.startTime) duration = humanDuration(Date.parse(s.completionTime) - Date.parse(s.startTime));
    const [names, images] = containerCells(templateContainers(o));
    return [o.metadata.name!, jobStatus(o), completions, duration, since(o.metadata.creationTimestamp, now), names, images, formatSelectorOrNone(o.spec?.selector)];
  },
};
