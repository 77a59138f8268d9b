/**
 * Describers of workload controllers (describe.go): Deployment (with OldReplicaSets and
 * NewReplicaSet), ReplicaSet, ReplicationController, DaemonSet, StatefulSet, Job, CronJob.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { KObject } from '../../api/types/meta';
import { controllerRef } from '../../api/types/meta';
import { formatSelectorOrNone, formatLabelsOrNone } from '../printers/columns/util';
import { since } from '../printers/duration';
import {
  describeContainers,
  describeEvents,
  describePodTemplate,
  describeVolumes,
  eventsFor,
  ownedPods,
  podPhaseCounts,
  printAnnotations,
  printController,
  printLabels,
  printTolerations,
  rfc1123z,
  type DescribeContext,
} from './common';
import { DescribeWriter, LEVEL_0, LEVEL_1 } from './writer';

/** labels.Selector.String() of a LabelSelector ('' when it selects everything). */
function selString(ls: unknown): string {
  const s = formatSelectorOrNone(ls as never);
  return s === '<none>' ? '' : s;
}

/** intstr.String of maxSurge/maxUnavailable. */
const intstr = (v: unknown): string => (v === undefined || v === null ? '0' : String(v));

function conditionsTable(w: DescribeWriter, conditions: any[] | undefined): void {
  if (!conditions?.length) return;
  w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
  w.write(LEVEL_1, '----\t------\t------\n');
  for (const c of conditions) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
}

function rsList(rss: KObject[]): string {
  const s = rss.map((rs) => `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 0} replicas created)`).join(', ');
  return s || '<none>';
}

/** deploymentutil.EqualIgnoreHash: templates equal apart from the pod-template-hash label. */
function sameTemplate(a: any, b: any): boolean {
  const strip = (t: any): string => {
    const c = structuredClone(t ?? {});
    if (c.metadata?.labels) delete c.metadata.labels['pod-template-hash'];
    return JSON.stringify(c);
  };
  return strip(a) === strip(b);
}

export function describeDeployment(d: KObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  const s = d.status ?? {};
  const sel = formatSelectorOrNone(d.spec?.selector);
  w.write(LEVEL_0, `Name:\t${d.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${d.metadata.namespace}\n`);
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(d.metadata.creationTimestamp)}\n`);
  printLabels(w, 'Labels', d.metadata.labels);
  printAnnotations(w, 'Annotations', d.metadata.annotations);
  w.write(LEVEL_0, `Selector:\t${sel === '<none>' ? '' : sel}\n`);
  w.write(
    LEVEL_0,
    `Replicas:\t${d.spec?.replicas ?? 0} desired | ${s.updatedReplicas ?? 0} updated | ${s.replicas ?? 0} total | ${s.availableReplicas ?? 0} available | ${s.unavailableReplicas ?? 0} unavailable\n`,
  );
  w.write(LEVEL_0, `StrategyType:\t${d.spec?.strategy?.type ?? ''}\n`);
  w.write(LEVEL_0, `MinReadySeconds:\t${d.spec?.minReadySeconds ?? 0}\n`);
  const ru = d.spec?.strategy?.rollingUpdate;
  if (ru) w.write(LEVEL_0, `RollingUpdateStrategy:\t${intstr(ru.maxUnavailable)} max unavailable, ${intstr(ru.maxSurge)} max surge\n`);
  describePodTemplate(w, d.spec?.template);
  conditionsTable(w, s.conditions);
  // deploymentutil.GetAllReplicaSetsInChunks: the ReplicaSets matching the selector that this
  // Deployment controls, sorted by creation time then name; the new one has the same template
  // (ignoring pod-template-hash); every other one is old (describe shows all of them).
  const rss = ctx.api
    .list('ReplicaSet', { namespace: d.metadata.namespace, labelSelector: selString(d.spec?.selector) || undefined })
    .items.filter((rs) => controllerRef(rs)?.uid === d.metadata.uid)
    .sort((a, b) => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') || (a.metadata.name! < b.metadata.name! ? -1 : 1));
  const newRS = rss.find((rs) => sameTemplate(rs.spec?.template, d.spec?.template));
  const oldRSs = rss.filter((rs) => rs !== newRS);
  if (oldRSs.length > 0 || newRS) {
    w.write(LEVEL_0, `OldReplicaSets:\t${rsList(oldRSs)}\n`);
    w.write(LEVEL_0, `NewReplicaSet:\t${rsList(newRS ? [newRS] : [])}\n`);
  }
  describeEvents(w, eventsFor(ctx, d), ctx.now);
  return w.toString();
}

export function describeReplicaSet(rs: KObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${rs.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${rs.metadata.namespace}\n`);
  w.write(LEVEL_0, `Selector:\t${formatSelectorOrNone(rs.spec?.selector)}\n`);
  printLabels(w, 'Labels', rs.metadata.labels);
  printAnnotations(w, 'Annotations', rs.metadata.annotations);
  const by = printController(rs);
  if (by) w.write(LEVEL_0, `Controlled By:\t${by}\n`);
  w.write(LEVEL_0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 0} desired\n`);
  const c = podPhaseCounts(ownedPods(ctx, rs));
  w.write(LEVEL_0, 'Pods Status:\t');
  w.write(LEVEL_0, `${c.running} Running / ${c.waiting} Waiting / ${c.succeeded} Succeeded / ${c.failed} Failed\n`);
  describePodTemplate(w, rs.spec?.template);
  conditionsTable(w, rs.status?.conditions);
  describeEvents(w, eventsFor(ctx, rs), ctx.now);
  return w.toString();
}

export function describeReplicationController(rc: KObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${rc.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${rc.metadata.namespace}\n`);
  w.write(LEVEL_0, `Selector:\t${formatLabelsOrNone(rc.spec?.selector)}\n`);
  printLabels(w, 'Labels', rc.metadata.labels);
  printAnnotations(w, 'Annotations', rc.metadata.annotations);
  w.write(LEVEL_0, `Replicas:\t${rc.status?.replicas ?? 0} current / ${rc.spec?.replicas ?? 0} desired\n`);
  const c = podPhaseCounts(ownedPods(ctx, rc));
  w.write(LEVEL_0, `Pods Status:\t${c.running} Running / ${c.waiting} Waiting / ${c.succeeded} Succeeded / ${c.failed} Failed\n`);
  describePodTemplate(w, rc.spec?.template);
  conditionsTable(w, rc.status?.conditions);
  describeEvents(w, eventsFor(ctx, rc), ctx.now);
  return w.toString();
}

export function describeDaemonSet(ds: KObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  const s = ds.status ?? {};
  w.write(LEVEL_0, `Name:\t${ds.metadata.name}\n`);
  w.write(LEVEL_0, `Selector:\t${selString(ds.spec?.selector)}\n`);
  w.write(LEVEL_0, `Node-Selector:\t${formatLabelsOrNone(ds.spec?.template?.spec?.nodeSelector)}\n`);
  printLabels(w, 'Labels', ds.metadata.labels);
  printAnnotations(w, 'Annotations', ds.metadata.annotations);
  w.write(LEVEL_0, `Desired Number of Nodes Scheduled: ${s.desiredNumberScheduled ?? 0}\n`);
  w.write(LEVEL_0, `Current Number of Nodes Scheduled: ${s.currentNumberScheduled ?? 0}\n`);
  w.write(LEVEL_0, `Number of Nodes Scheduled with Up-to-date Pods: ${s.updatedNumberScheduled ?? 0}\n`);
  w.write(LEVEL_0, `Number of Nodes Scheduled with Available Pods: ${s.numberAvailable ?? 0}\n`);
  w.write(LEVEL_0, `Number of Nodes Misscheduled: ${s.numberMisscheduled ?? 0}\n`);
  const c = podPhaseCounts(ownedPods(ctx, ds));
  w.write(LEVEL_0, `Pods Status:\t${c.running} Running / ${c.waiting} Waiting / ${c.succeeded} Succeeded / ${c.failed} Failed\n`);
  describePodTemplate(w, ds.spec?.template);
  describeEvents(w, eventsFor(ctx, ds), ctx.now);
  return w.toString();
}

export function describeStatefulSet(ss: KObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  const spec = ss.spec ?? {};
  w.write(LEVEL_0, `Name:\t${ss.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${ss.metadata.namespace}\n`);
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(ss.metadata.creationTimestamp)}\n`);
  w.write(LEVEL_0, `Selector:\t${selString(spec.selector)}\n`);
  printLabels(w, 'Labels', ss.metadata.labels);
  printAnnotations(w, 'Annotations', ss.metadata.annotations);
  w.write(LEVEL_0, `Replicas:\t${spec.replicas ?? 0} desired | ${ss.status?.replicas ?? 0} total\n`);
  w.write(LEVEL_0, `Update Strategy:\t${spec.updateStrategy?.type ?? ''}\n`);
  if (spec.updateStrategy?.rollingUpdate) {
    const ru = spec.updateStrategy.rollingUpdate;
    if (ru.partition !== undefined && ru.partition !== null) {
      w.write(LEVEL_1, `Partition:\t${ru.partition}\n`);
      if (ru.maxUnavailable !== undefined && ru.maxUnavailable !== null) w.write(LEVEL_1, `MaxUnavailable:\t${intstr(ru.maxUnavailable)}\n`);
    }
  }
  const c = podPhaseCounts(ownedPods(ctx, ss));
  w.write(LEVEL_0, `Pods Status:\t${c.running} Running / ${c.waiting} Waiting / ${c.succeeded} Succeeded / ${c.failed} Failed\n`);
  describePodTemplate(w, spec.template);
  const claims: any[] = spec.volumeClaimTemplates ?? [];
  if (claims.length === 0) w.write(LEVEL_0, 'Volume Claims:\t<none>\n');
  else {
    w.write(LEVEL_0, 'Volume Claims:\n');
    for (const pvc of claims) {
      w.write(LEVEL_1, `Name:\t${pvc.metadata?.name ?? ''}\n`);
      w.write(LEVEL_1, `StorageClass:\t${pvc.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? pvc.spec?.storageClassName ?? ''}\n`);
      printLabels(w, 'Labels', pvc.metadata?.labels, '  ');
      printLabels(w, 'Annotations', pvc.metadata?.annotations, '  ');
      const cap = pvc.spec?.resources?.requests?.storage;
      w.write(LEVEL_1, cap ? `Capacity:\t${cap}\n` : 'Capacity:\t<default>\n');
      w.write(LEVEL_1, `Access Modes:\t[${(pvc.spec?.accessModes ?? []).join(' ')}]\n`);
    }
  }
  describeEvents(w, eventsFor(ctx, ss), ctx.now);
  return w.toString();
}

function jobBody(w: DescribeWriter, job: KObject): void {
  const spec = job.spec ?? {};
  const s = job.status ?? {};
  const set = (v: unknown): boolean => v !== undefined && v !== null;
  if (set(spec.parallelism)) w.write(LEVEL_0, `Parallelism:\t${spec.parallelism}\n`);
  w.write(LEVEL_0, set(spec.completions) ? `Completions:\t${spec.completions}\n` : 'Completions:\t<unset>\n');
  if (set(spec.completionMode)) w.write(LEVEL_0, `Completion Mode:\t${spec.completionMode}\n`);
  if (set(spec.suspend)) w.write(LEVEL_0, `Suspend:\t${spec.suspend}\n`);
  if (set(spec.backoffLimit)) w.write(LEVEL_0, `Backoff Limit:\t${spec.backoffLimit}\n`);
  if (set(spec.ttlSecondsAfterFinished)) w.write(LEVEL_0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`);
  if (s.startTime) w.write(LEVEL_0, `Start Time:\t${rfc1123z(s.startTime)}\n`);
  if (s.completionTime) w.write(LEVEL_0, `Completed At:\t${rfc1123z(s.completionTime)}\n`);
  if (s.startTime && s.completionTime) w.write(LEVEL_0, `Duration:\t${since(s.startTime, Date.parse(s.completionTime))}\n`);
  if (set(spec.activeDeadlineSeconds)) w.write(LEVEL_0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
  if (!set(s.ready)) w.write(LEVEL_0, `Pods Statuses:\t${s.active ?? 0} Active / ${s.succeeded ?? 0} Succeeded / ${s.failed ?? 0} Failed\n`);
  else w.write(LEVEL_0, `Pods Statuses:\t${s.active ?? 0} Active (${s.ready} Ready) / ${s.succeeded ?? 0} Succeeded / ${s.failed ?? 0} Failed\n`);
  if (spec.completionMode === 'Indexed') w.write(LEVEL_0, `Completed Indexes:\t${s.completedIndexes || '<none>'}\n`);
  describePodTemplate(w, spec.template);
}

export function describeJob(job: KObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${job.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${job.metadata.namespace}\n`);
  w.write(LEVEL_0, `Selector:\t${selString(job.spec?.selector)}\n`);
  printLabels(w, 'Labels', job.metadata.labels);
  printAnnotations(w, 'Annotations', job.metadata.annotations);
  const by = printController(job);
  if (by) w.write(LEVEL_0, `Controlled By:\t${by}\n`);
  jobBody(w, job);
  describeEvents(w, eventsFor(ctx, job), ctx.now);
  return w.toString();
}

export function describeCronJob(cj: KObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  const spec = cj.spec ?? {};
  w.write(LEVEL_0, `Name:\t${cj.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${cj.metadata.namespace}\n`);
  printLabels(w, 'Labels', cj.metadata.labels);
  printAnnotations(w, 'Annotations', cj.metadata.annotations);
  w.write(LEVEL_0, `Schedule:\t${spec.schedule ?? ''}\n`);
  w.write(LEVEL_0, `Concurrency Policy:\t${spec.concurrencyPolicy ?? ''}\n`);
  const set = (v: unknown): boolean => v !== undefined && v !== null;
  w.write(LEVEL_0, `Suspend:\t${set(spec.suspend) ? (spec.suspend ? 'True' : 'False') : '<unset>'}\n`);
  w.write(LEVEL_0, set(spec.successfulJobsHistoryLimit) ? `Successful Job History Limit:\t${spec.successfulJobsHistoryLimit}\n` : 'Successful Job History Limit:\t<unset>\n');
  w.write(LEVEL_0, set(spec.failedJobsHistoryLimit) ? `Failed Job History Limit:\t${spec.failedJobsHistoryLimit}\n` : 'Failed Job History Limit:\t<unset>\n');
  w.write(LEVEL_0, set(spec.startingDeadlineSeconds) ? `Starting Deadline Seconds:\t${spec.startingDeadlineSeconds}s\n` : 'Starting Deadline Seconds:\t<unset>\n');
  const jt = spec.jobTemplate?.spec ?? {};
  w.write(LEVEL_0, jt.selector ? `Selector:\t${selString(jt.selector)}\n` : 'Selector:\t<unset>\n');
  w.write(LEVEL_0, set(jt.parallelism) ? `Parallelism:\t${jt.parallelism}\n` : 'Parallelism:\t<unset>\n');
  w.write(LEVEL_0, set(jt.completions) ? `Completions:\t${jt.completions}\n` : 'Completions:\t<unset>\n');
  if (set(jt.activeDeadlineSeconds)) w.write(LEVEL_0, `Active Deadline Seconds:\t${jt.activeDeadlineSeconds}s\n`);
  describePodTemplate(w, jt.template);
  w.write(LEVEL_0, cj.status?.lastScheduleTime ? `Last Schedule Time:\t${rfc1123z(cj.status.lastScheduleTime)}\n` : 'Last Schedule Time:\t<unset>\n');
  const active: any[] = cj.status?.active ?? [];
  w.write(LEVEL_0, 'Active Jobs:\t');
  w.writeLine(active.length ? active.map((a) => a.name).join(', ') : '<none>');
  describeEvents(w, eventsFor(ctx, cj), ctx.now);
  return w.toString();
}

export { describeContainers, describeVolumes, printTolerations };
