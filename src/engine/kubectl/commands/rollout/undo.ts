/**
 * `kubectl rollout undo (TYPE NAME | TYPE/NAME) [--to-revision=N]`
 * (k8s.io/kubectl/pkg/cmd/rollout/rollout_undo.go, polymorphichelpers/rollback.go
 * DeploymentRollbacker): restores the pod template of the previous (or given) revision with a
 * JSON patch; `rolled back`, or `skipped rollback (current template already matches revision N)`.
 * Simplification: DaemonSet and StatefulSet rollbacks are not simulated.
 */
import type { KObject } from '../../../api/types/meta';
import type { Command } from '../../command';
import { AggregateError, CmdError } from '../../errors';
import { intFlag, stringFlag } from '../../flags';
import { LAST_APPLIED_ANNOTATION } from '../../../api/patch/last-applied';
import { dryRunStrategy, MUTATION_PRINT_FLAGS, printObject, checkOutput } from '../util/output';
import { deploymentReplicaSets, REVISION_ANNOTATION, rolloutTargets, ROLLOUT_TARGET_FLAGS } from './common';

const HASH_LABEL = 'pod-template-hash';
const SKIP_ANNOTATIONS = new Set([
  LAST_APPLIED_ANNOTATION,
  REVISION_ANNOTATION,
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

function withoutHash(t: KObject['spec']): string {
  const c = structuredClone(t ?? {});
  if (c.metadata?.labels) delete c.metadata.labels[HASH_LABEL];
  return JSON.stringify(sortKeys(c));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.keys(v).sort().map((key) => [key, sortKeys((v as Record<string, unknown>)[key])]));
  }
  return v;
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
        if (info.kind !== 'Deployment') throw new CmdError(`no rollbacker has been implemented for "${info.kind}"`);
        if (toRevision < 0) throw new CmdError(`unable to find specified revision ${toRevision} in history`);
        const rss = deploymentReplicaSets(k, obj);
        let target: KObject | undefined;
        if (toRevision > 0) {
          target = rss.find((r) => r.revision === toRevision)?.rs;
          if (!target) throw new CmdError(`unable to find specified revision ${toRevision} in history`);
        } else {
          const sorted = [...rss].sort((a, b) => b.revision - a.revision);
          target = sorted[1]?.rs;
          if (!target) throw new CmdError(`no rollout history found for deployment "${obj.metadata.name}"`);
        }
        if (dryRun === 'client') {
          printObject(k, obj, 'rolled back', dryRun);
          continue;
        }
        if (obj.spec?.paused) {
          throw new CmdError("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again");
        }
        if (withoutHash(target.spec?.template) === withoutHash(obj.spec?.template)) {
          printObject(k, obj, `skipped rollback (current template already matches revision ${toRevision})`, dryRun);
          continue;
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
        printObject(k, obj, 'rolled back', dryRun);
      } catch (e) {
        errs.push(e);
      }
    }
    if (errs.length) throw new AggregateError(errs);
  },
};
