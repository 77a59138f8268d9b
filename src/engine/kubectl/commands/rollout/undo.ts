/**
 * `kubectl rollout undo (TYPE NAME | TYPE/NAME) [--to-revision=N]`
 * (k8s.io/kubectl/pkg/cmd/rollout/rollout_undo.go, polymorphichelpers/rollback.go):
 * - DeploymentRollbacker restores the pod template of the previous (or given) ReplicaSet with a
 *   JSON patch of `/spec/template` and `/metadata/annotations`;
 * - DaemonSetRollbacker and StatefulSetRollbacker patch the object with the revision's
 *   ControllerRevision data (a strategic merge patch replacing `spec.template`).
 * Each prints `rolled back`, or `skipped rollback (current template already matches revision N)`;
 * with `--dry-run=client` the template it would restore (`will roll back to Pod Template: ...`
 * for DaemonSets and StatefulSets).
 */
import type { ResourceInfo } from '../../../api/resources';
import type { KObject } from '../../../api/types/meta';
import type { Command, Kctx } from '../../command';
import { AggregateError, CmdError } from '../../errors';
import { intFlag, stringFlag } from '../../flags';
import { LAST_APPLIED_ANNOTATION } from '../../../api/patch/last-applied';
import { dryRunStrategy, MUTATION_PRINT_FLAGS, printObject, checkOutput, type DryRun } from '../util/output';
import {
  applyRevision,
  controlledRevisions,
  deploymentReplicaSets,
  groupKind,
  printTemplate,
  REVISION_ANNOTATION,
  rolloutTargets,
  ROLLOUT_TARGET_FLAGS,
  typed,
} from './common';

const HASH_LABEL = 'pod-template-hash';
const SKIP_ANNOTATIONS = new Set([
  LAST_APPLIED_ANNOTATION,
  REVISION_ANNOTATION,
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

/** JSON with sorted keys and without nulls: typed Go values compared semantically. */
function canonical(v: unknown): string {
  const norm = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(norm);
    if (x && typeof x === 'object') {
      return Object.fromEntries(
        Object.keys(x)
          .sort()
          .filter((key) => (x as Record<string, unknown>)[key] !== null && (x as Record<string, unknown>)[key] !== undefined)
          .map((key) => [key, norm((x as Record<string, unknown>)[key])]),
      );
    }
    return x;
  };
  return JSON.stringify(norm(v));
}

function withoutHash(t: KObject['spec']): string {
  const c = structuredClone(t ?? {});
  if (c.metadata?.labels) delete c.metadata.labels[HASH_LABEL];
  return canonical(c);
}

const revisionNotFound = (r: number) => new CmdError(`unable to find specified revision ${r} in history`);

/** The rollbacker's result: the operation the printer shows. */
type Rollback = (k: Kctx, info: ResourceInfo, obj: KObject, toRevision: number, dryRun: DryRun) => string;

/** DeploymentRollbacker.Rollback. */
const rollbackDeployment: Rollback = (k, _info, obj, toRevision, dryRun) => {
  if (toRevision < 0) throw revisionNotFound(toRevision);
  const rss = deploymentReplicaSets(k, obj);
  let target: KObject | undefined;
  if (toRevision > 0) {
    target = rss.find((r) => r.revision === toRevision)?.rs;
    if (!target) throw revisionNotFound(toRevision);
  } else {
    const sorted = [...rss].sort((a, b) => b.revision - a.revision);
    target = sorted[1]?.rs;
    if (!target) throw new CmdError(`no rollout history found for deployment "${obj.metadata.name}"`);
  }
  if (dryRun === 'client') return printTemplate(target.spec?.template);
  if (obj.spec?.paused) {
    throw new CmdError("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again");
  }
  if (withoutHash(target.spec?.template) === withoutHash(obj.spec?.template)) {
    return `skipped rollback (current template already matches revision ${toRevision})`;
  }
  const template = structuredClone(target.spec.template);
  if (template.metadata?.labels) delete template.metadata.labels[HASH_LABEL];
  const annotations: Record<string, string> = {};
  for (const [key, v] of Object.entries(obj.metadata.annotations ?? {})) if (SKIP_ANNOTATIONS.has(key)) annotations[key] = v;
  for (const [key, v] of Object.entries(target.metadata.annotations ?? {})) if (!SKIP_ANNOTATIONS.has(key)) annotations[key] = v;
  try {
    k.api.patch(
      'Deployment',
      obj.metadata.namespace,
      obj.metadata.name!,
      'json',
      [
        { op: 'replace', path: '/spec/template', value: template },
        { op: 'replace', path: '/metadata/annotations', value: annotations },
      ],
      { dryRun: dryRun === 'server' },
    );
  } catch (e) {
    throw new CmdError(`failed restoring revision ${toRevision}: ${(e as Error).message}`);
  }
  return 'rolled back';
};

/** DaemonSetRollbacker.Rollback and StatefulSetRollbacker.Rollback. */
const rollbackWithHistory: Rollback = (k, info, obj, toRevision, dryRun) => {
  if (toRevision < 0) throw revisionNotFound(toRevision);
  const live = typed(info, obj);
  const history = controlledRevisions(k, live);
  if (toRevision === 0 && history.length <= 1) throw new CmdError('no last revision to roll back to');
  // findHistory: the second-newest revision, or the one asked for.
  const sorted = [...history].sort((a, b) => Number(a.revision ?? 0) - Number(b.revision ?? 0));
  const to = toRevision === 0 ? sorted[sorted.length - 2] : history.find((h) => Number(h.revision ?? 0) === toRevision);
  if (!to) throw revisionNotFound(toRevision);
  if (dryRun === 'client') return `will roll back to ${printTemplate(applyRevision(live, to).spec?.template)}`;
  // daemonSetMatch / statefulsetMatch: the live template as a replace patch against the data.
  const current = { spec: { template: { ...structuredClone(live.spec?.template ?? {}), $patch: 'replace' } } };
  if (canonical(current) === canonical(to.data)) {
    return `skipped rollback (current template already matches revision ${toRevision})`;
  }
  try {
    k.api.patch(info.kind, obj.metadata.namespace, obj.metadata.name!, 'strategic', structuredClone(to.data), { dryRun: dryRun === 'server' });
  } catch (e) {
    throw new CmdError(`failed restoring revision ${toRevision}: ${(e as Error).message}`);
  }
  return 'rolled back';
};

/** RollbackerFor. */
function rollbackerFor(info: ResourceInfo): Rollback {
  if (info.group === 'apps' && info.kind === 'Deployment') return rollbackDeployment;
  if (info.group === 'apps' && (info.kind === 'DaemonSet' || info.kind === 'StatefulSet')) return rollbackWithHistory;
  throw new CmdError(`no rollbacker has been implemented for "${groupKind(info)}"`);
}

export const rolloutUndo: Command<void> = {
  name: 'undo',
  help: '',
  flags: [...ROLLOUT_TARGET_FLAGS, ...MUTATION_PRINT_FLAGS, intFlag('to-revision'), stringFlag('kustomize', { short: 'k' })],
  run: (_o, k) => {
    const toRevision = k.flags.int('to-revision');
    const dryRun = dryRunStrategy(k);
    checkOutput(k);
    const { items, errors } = rolloutTargets(k);
    const errs: unknown[] = [...errors];
    for (const { info, obj } of items) {
      try {
        const result = rollbackerFor(info)(k, info, obj, toRevision, dryRun);
        printObject(k, obj, result, dryRun);
      } catch (e) {
        errs.push(e);
      }
    }
    if (errs.length) throw new AggregateError(errs);
  },
};
