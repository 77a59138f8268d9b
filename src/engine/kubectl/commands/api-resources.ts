/**
 * `kubectl api-resources` (k8s.io/kubectl/pkg/cmd/apiresources/apiresources.go): the served
 * resources sorted (stably) by API group, as NAME SHORTNAMES APIVERSION NAMESPACED KIND, with
 * `-o wide` (VERBS, CATEGORIES) and `-o name`, filtered by --namespaced, --api-group, --verbs.
 */
import { RESOURCES, apiVersionOf, type ResourceInfo } from '../../api/resources';
import { defineCommand } from '../command';
import { CmdError } from '../errors';
import { boolFlag, stringFlag, stringSliceFlag } from '../flags';
import { TabWriter } from '../printers/table';

interface Options {
  output: string;
  sortBy: string;
  noHeaders: boolean;
  filter: (r: ResourceInfo) => boolean;
}

export const apiResources = defineCommand<Options>({
  name: 'api-resources',
  help: '',
  flags: [
    stringFlag('api-group'),
    boolFlag('cached'),
    stringSliceFlag('categories'),
    boolFlag('namespaced', { default: true }),
    boolFlag('no-headers'),
    stringFlag('output', { short: 'o' }),
    stringFlag('sort-by'),
    stringSliceFlag('verbs'),
  ],
  complete(k) {
    const f = k.flags;
    const group = f.string('api-group');
    const namespaced = f.bool('namespaced');
    const verbs = f.strings('verbs');
    const categories = f.strings('categories');
    return {
      output: f.string('output'),
      sortBy: f.string('sort-by'),
      noHeaders: f.bool('no-headers'),
      filter: (r) =>
        (!f.changed('api-group') || r.group === group) &&
        (!f.changed('namespaced') || r.namespaced === namespaced) &&
        verbs.every((v) => r.verbs.includes(v)) &&
        categories.every((c) => (r.categories ?? []).includes(c)),
    };
  },
  validate(o, k) {
    if (!['', 'wide', 'name'].includes(o.output)) throw new CmdError(`--output ${o.output} is not available`);
    if (!['', 'name', 'kind'].includes(o.sortBy)) throw new CmdError('--sort-by accepts only name or kind');
    if (k.args.length > 0) throw k.usageError(`unexpected arguments: [${k.args.join(' ')}]`);
  },
  run(o, k) {
    const rows = RESOURCES.filter(o.filter);
    const key = (r: ResourceInfo): string => (o.sortBy === 'name' ? r.plural : o.sortBy === 'kind' ? r.kind : r.group);
    const sorted = rows.map((r, i) => ({ r, i })).sort((a, b) => (key(a.r) < key(b.r) ? -1 : key(a.r) > key(b.r) ? 1 : a.i - b.i));
    const w = new TabWriter();
    if (!o.noHeaders && o.output !== 'name') {
      const header = ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND'];
      if (o.output === 'wide') header.push('VERBS', 'CATEGORIES');
      w.add(header);
    }
    for (const { r } of sorted) {
      if (o.output === 'name') w.add([r.group ? `${r.plural}.${r.group}` : r.plural]);
      else {
        const cells = [r.plural, r.shortNames.join(','), apiVersionOf(r), String(r.namespaced), r.kind];
        if (o.output === 'wide') cells.push(r.verbs.join(','), (r.categories ?? []).join(','));
        w.add(cells);
      }
    }
    k.out.write(w.flush());
  },
});
