/**
 * What the rollout sub-commands share: resolving `TYPE NAME` / `TYPE/NAME` / `-f` / `-l`
 * (`required resource not specified` without any), and the ReplicaSets of a Deployment by
 * revision (deploymentutil.GetAllReplicaSets, Revision).
 */
import type { KObject } from '../../../api/types/meta';
import type { ResourceInfo } from '../../../api/resources';
import type { Kctx } from '../../command';
import { CmdError } from '../../errors';
import { FILENAME_FLAGS, SELECTOR_FLAG, type FlagSpec } from '../../flags';
import { fetchTargets, resolveTargets } from '../../refs';

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
