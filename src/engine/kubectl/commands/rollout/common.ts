/**
 * What the rollout sub-commands share: resolving `TYPE NAME` / `TYPE/NAME` / `-f` / `-l`
 * (`required resource not specified` without any), the ReplicaSets of a Deployment by
 * revision (deploymentutil.GetAllReplicaSets, Revision), and the ControllerRevisions of a
 * DaemonSet or StatefulSet (polymorphichelpers/history.go controlledHistory,
 * applyDaemonSetHistory, applyStatefulSetHistory).
 */
import { applyPatch } from '../../../api/patch';
import { labelSelectorMatches } from '../../../api/selectors';
import { clone, type KObject } from '../../../api/types/meta';
import { apiVersionOf, type ResourceInfo } from '../../../api/resources';
import type { Kctx } from '../../command';
import { CmdError } from '../../errors';
import { FILENAME_FLAGS, SELECTOR_FLAG, type FlagSpec } from '../../flags';
import { fetchTargets, resolveTargets } from '../../refs';
import { describePodTemplate } from '../../describe/common';
import { DescribeWriter } from '../../describe/writer';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const CHANGE_CAUSE_ANNOTATION = 'kubernetes.io/change-cause';

export const ROLLOUT_TARGET_FLAGS: readonly FlagSpec[] = [...FILENAME_FLAGS, SELECTOR_FLAG];

export interface RolloutTarget {
  info: ResourceInfo;
  obj: KObject;
}

/** The objects a rollout sub-command acts on, and the builder's errors. */
export function rolloutTargets(k: Kctx): { items: RolloutTarget[]; errors: unknown[] } {
  const filenames = k.flags.strings('filename');
  const selector = k.flags.string('selector');
  if (k.args.length === 0 && filenames.length === 0 && !k.flags.string('kustomize')) {
    throw new CmdError('required resource not specified');
  }
  const targets = resolveTargets(k, {
    args: k.args,
    filenames,
    recursive: k.flags.bool('recursive'),
    labelSelector: selector || undefined,
    // ResourceTypeOrNameArgs(true, ...): a bare type means every object of it.
    allowEmptySelector: true,
  });
  const { groups, errors } = fetchTargets(k.api, targets);
  return { items: groups.flatMap((g) => g.objects.map((o) => ({ info: g.info, obj: { ...o, kind: g.info.kind } as KObject }))), errors };
}

/** `deployments.apps`: the resource string of rollout errors. */
export function resourceString(info: ResourceInfo): string {
  return info.group ? `${info.plural}.${info.group}` : info.plural;
}

/** The ReplicaSets a Deployment controls, with their revisions. */
export function deploymentReplicaSets(k: Kctx, d: KObject): { rs: KObject; revision: number }[] {
  const out: { rs: KObject; revision: number }[] = [];
  for (const [kind, obj] of k.api.dependents(d.metadata.uid!)) {
    if (kind !== 'ReplicaSet') continue;
    if (!obj.metadata.ownerReferences?.some((r) => r.controller && r.uid === d.metadata.uid)) continue;
    const rev = Number(obj.metadata.annotations?.[REVISION_ANNOTATION]);
    if (!Number.isInteger(rev)) continue;
    out.push({ rs: obj, revision: rev });
  }
  return out;
}

/** schema.GroupKind's String(): `ReplicaSet.apps`, or `Pod` for the core group. */
export function groupKind(info: ResourceInfo): string {
  return info.group ? `${info.kind}.${info.group}` : info.kind;
}

/** `No resources found in <ns> namespace.` on stderr (pause, resume, restart, status). */
export function noResourcesFound(k: Kctx): void {
  k.err.write(`No resources found in ${k.namespace} namespace.\n`);
}

/**
 * controlledHistory: the ControllerRevisions in the object's namespace selected by its selector
 * and controlled by it.
 */
export function controlledRevisions(k: Kctx, owner: KObject): KObject[] {
  return k.api
    .dependentsOfKind(owner.metadata.uid!, 'ControllerRevision')
    .filter((r) => r.metadata.ownerReferences?.some((o) => o.controller && o.uid === owner.metadata.uid))
    .filter((r) => labelSelectorMatches(owner.spec?.selector, r.metadata.labels));
}

/**
 * applyDaemonSetHistory / applyStatefulSetHistory: the object as of a revision, its revision
 * data (`{"spec":{"template":{..., "$patch":"replace"}}}`) applied as a strategic merge patch.
 */
export function applyRevision(owner: KObject, revision: KObject): KObject {
  const kind = owner.kind!;
  const base = { ...clone(owner), apiVersion: owner.apiVersion ?? 'apps/v1', kind } as KObject;
  return applyPatch('strategic', base, clone(revision.data ?? {}), kind) as KObject;
}

/** An object with its type set, as the typed printers see it (TypeSetterPrinter). */
export function typed(info: ResourceInfo, obj: KObject): KObject {
  return { ...obj, apiVersion: apiVersionOf(info), kind: info.kind };
}

/** printTemplate: describe.DescribePodTemplate through a plain PrefixWriter (tabs not aligned). */
export function printTemplate(template: unknown): string {
  const w = new DescribeWriter();
  describePodTemplate(w, template);
  return (w as unknown as { segments: string[] }).segments.join('');
}
