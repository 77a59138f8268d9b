/**
 * What the `kubectl set` sub-commands share (k8s.io/kubectl/pkg/cmd/set/helper.go,
 * polymorphichelpers/updatepodspec.go): the pod spec of an object, and CalculatePatches: each
 * object is changed in memory, a two-way strategic merge patch is computed, `{}` means
 * nothing to do (nothing is printed), otherwise the patch is sent and the answer printed.
 */
import type { JsonObject } from '../../../api/patch/go';
import { PatchSchema } from '../../../api/patch/schema';
import { createTwoWayMergePatch } from '../../../api/patch/strategic';
import type { KObject } from '../../../api/types/meta';
import type { ResourceInfo } from '../../../api/resources';
import type { Kctx } from '../../command';
import { AggregateError, CmdError } from '../../errors';
import { ALL_NAMESPACES_FLAG, boolFlag, FILENAME_FLAGS, SELECTOR_FLAG, stringFlag, type FlagSpec } from '../../flags';
import { fetchTargets, resolveTargets } from '../../refs';
import { dryRunStrategy, MUTATION_PRINT_FLAGS, printObject, type DryRun } from '../util/output';

export const SET_FLAGS = (fieldManager: string): FlagSpec[] => [
  ...FILENAME_FLAGS,
  ...MUTATION_PRINT_FLAGS,
  SELECTOR_FLAG,
  ALL_NAMESPACES_FLAG,
  boolFlag('all'),
  boolFlag('local'),
  stringFlag('field-manager', { default: fieldManager }),
];

/** UpdatePodSpecForObject: the pod spec inside an object, or undefined for other kinds. */
export function podSpecOf(obj: KObject): Record<string, unknown> | undefined {
  switch (obj.kind) {
    case 'Pod':
      return (obj.spec ??= {});
    case 'ReplicationController':
    case 'Deployment':
    case 'DaemonSet':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'Job':
      return ((obj.spec ??= {}).template ??= {}).spec ??= {};
    case 'CronJob':
      return ((((obj.spec ??= {}).jobTemplate ??= {}).spec ??= {}).template ??= {}).spec ??= {};
    default:
      return undefined;
  }
}

/** Go's %T of the typed object kubectl would hold: `*v1.ConfigMap`. */
export function goTypeOf(info: ResourceInfo): string {
  return `*${info.version}.${info.kind}`;
}

/** info.ObjectName(): `deployments/web` (the mapping's resource, without its group). */
export function objectName(info: ResourceInfo, name: string): string {
  return `${info.plural}/${name}`;
}

export interface SetItem {
  info: ResourceInfo;
  obj: KObject;
}

/** The objects to change (live, or from files with --local). */
export function setTargets(k: Kctx, resources: string[]): { items: SetItem[]; errors: unknown[] } {
  const local = k.flags.bool('local');
  const all = k.flags.bool('all');
  const selector = k.flags.string('selector');
  const targets = resolveTargets(k, {
    args: resources,
    filenames: k.flags.strings('filename'),
    recursive: k.flags.bool('recursive'),
    labelSelector: selector || undefined,
    // ResourceTypeOrNameArgs(o.All, ...): --all lets a bare type list everything (no SelectAllParam).
    allowEmptySelector: all,
    allNamespaces: k.flags.bool('all-namespaces'),
  });
  if (local) {
    return {
      items: targets.flatMap((t) => (t.type === 'object' ? [{ info: t.info, obj: { ...structuredClone(t.object), kind: t.info.kind } }] : [])),
      errors: [],
    };
  }
  const { groups, errors } = fetchTargets(k.api, targets);
  return { items: groups.flatMap((g) => g.objects.map((o) => ({ info: g.info, obj: { ...structuredClone(o), kind: g.info.kind } as KObject }))), errors };
}

/**
 * CalculatePatches + send + print. `mutate` changes the object in place and may push errors;
 * it throws CmdError for a per-object failure (`error: <object> <err>`).
 */
export function applySetChanges(
  k: Kctx,
  items: SetItem[],
  errors: unknown[],
  operation: string,
  mutate: (obj: KObject, info: ResourceInfo, errs: unknown[]) => void,
  patchErrorPrefix: string,
): void {
  const dryRun: DryRun = dryRunStrategy(k);
  const local = k.flags.bool('local');
  const errs = [...errors];
  for (const { info, obj } of items) {
    const before = structuredClone(obj) as unknown as JsonObject;
    try {
      mutate(obj, info, errs);
    } catch (e) {
      if (e instanceof CmdError) {
        errs.push(new CmdError(`error: ${objectName(info, obj.metadata.name!)} ${e.message}\n`));
        continue;
      }
      throw e;
    }
    const patch = createTwoWayMergePatch(before, obj as unknown as JsonObject, PatchSchema.forKind(info.kind));
    if (Object.keys(patch).length === 0) continue;
    if (local || dryRun === 'client') {
      printObject(k, obj, operation, dryRun);
      continue;
    }
    try {
      const actual = k.api.patch(info.kind, obj.metadata.namespace, obj.metadata.name!, 'strategic', patch, { dryRun: dryRun === 'server' });
      printObject(k, { ...actual, kind: info.kind }, operation, dryRun);
    } catch (e) {
      errs.push(new CmdError(`${patchErrorPrefix}${(e as Error).message}`));
    }
  }
  if (errs.length) throw new AggregateError(errs);
}
