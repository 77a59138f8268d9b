/**
 * `kubectl describe` (k8s.io/kubectl/pkg/cmd/describe): describes the objects the builder
 * finds (types, names, `-l`, `-f`, `-A`), separated by a blank line pair; a missing name falls
 * back to describing every object of the type whose name starts with it
 * (DescribeMatchingResources).
 */
import { isStatusError } from '../../api/errors';
import type { KObject } from '../../api/types/meta';
import { defineCommand } from '../command';
import { describerFor } from '../describe';
import { AggregateError, CmdError } from '../errors';
import { ALL_NAMESPACES_FLAG, FILENAME_FLAGS, SELECTOR_FLAG, boolFlag, intFlag } from '../flags';
import { fetchTargets, resolveTargets, type Target } from '../refs';

interface Options {
  targets: Target[];
  allNamespaces: boolean;
  showEvents: boolean;
}

export const describe = defineCommand<Options>({
  name: 'describe',
  help: '',
  flags: [ALL_NAMESPACES_FLAG, intFlag('chunk-size', { default: 500 }), ...FILENAME_FLAGS, SELECTOR_FLAG, boolFlag('show-events', { default: true })],
  complete(k) {
    const f = k.flags;
    const filenames = f.strings('filename');
    // Simplification: kustomize directories are not simulated.
    if (f.string('kustomize')) throw new CmdError('"kubectl describe -k" (kustomize) is not available in this playground');
    if (k.args.length === 0 && filenames.length === 0) {
      throw new CmdError('You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n');
    }
    const allNamespaces = f.bool('all-namespaces');
    const targets = resolveTargets(k, {
      args: k.args,
      filenames,
      recursive: f.bool('recursive'),
      labelSelector: f.changed('selector') ? f.string('selector') : undefined,
      allNamespaces,
      allowEmptySelector: true,
      expandCategories: true,
    });
    return { targets, allNamespaces, showEvents: f.bool('show-events') };
  },
  run(o, k) {
    const ctx = { api: k.api, now: k.cluster.clock.now(), showEvents: o.showEvents };
    const targets = o.targets.map((t): Target => (t.type === 'object' ? { type: 'name', info: t.info, namespace: t.namespace, name: t.name } : t));
    const { groups, errors } = fetchTargets(k.api, targets);
    const describeOne = (obj: KObject): string => describerFor(obj.kind ?? '')(obj, ctx);
    if (errors.length > 0 && k.args.length === 2 && !k.args[0].includes(',') && !k.args[1].includes('/')) {
      const nf = errors.find((e) => isStatusError(e) && e.reason === 'NotFound');
      if (nf) {
        // DescribeMatchingResources: names starting with the given one.
        const info = targets[0].info;
        const ns = info.namespaced ? k.namespace : undefined;
        const matching = k.api.list(info.kind, { namespace: ns }).items.filter((x) => x.metadata.name!.startsWith(k.args[1]));
        if (matching.length === 0) throw nf;
        k.out.write(matching.map((m) => `${describeOne(m)}\n`).join(''));
        return 0;
      }
    }
    const objects = groups.flatMap((g) => g.objects);
    k.out.write(objects.map((obj, i) => (i === 0 ? '' : '\n\n') + describeOne(obj)).join(''));
    if (objects.length === 0 && errors.length === 0) {
      k.err.write(o.allNamespaces ? 'No resources found\n' : `No resources found in ${k.namespace} namespace.\n`);
    }
    if (errors.length) throw new AggregateError(errors);
    return 0;
  },
});
