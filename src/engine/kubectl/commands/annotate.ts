/**
 * `kubectl annotate [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N`
 * (k8s.io/kubectl/pkg/cmd/annotate/annotate.go): always `annotated`.
 */
import type { Command } from '../command';
import { CmdError } from '../errors';
import { META_MAP_FLAGS, runMetaMap } from './util/meta-map';

const CHANGE_CAUSE = 'kubernetes.io/change-cause';

export const annotate: Command<void> = {
  name: 'annotate',
  help: '',
  flags: META_MAP_FLAGS('kubectl-annotate'),
  run: (_o, k) =>
    runMetaMap(k, {
      field: 'annotations',
      parse(pairs) {
        const add: Record<string, string> = {};
        const remove: string[] = [];
        const invalid: string[] = [];
        for (const p of pairs) {
          if (p.includes('=') && p[0] !== '=') {
            const i = p.indexOf('=');
            add[p.slice(0, i)] = p.slice(i + 1);
          } else if (p.endsWith('-') && p !== '-') remove.push(p.slice(0, -1));
          else invalid.push(p);
        }
        if (invalid.length) throw new CmdError(`invalid annotation format: ${invalid.join(', ')}`);
        const both = remove.filter((r) => r in add);
        if (both.length) throw new CmdError(`can not both modify and remove the following annotation(s) in the same command: ${both.join(', ')}`);
        return [add, remove];
      },
      checkOverwrite(current, updates) {
        const found = Object.entries(updates)
          .filter(([key, v]) => key !== CHANGE_CAUSE && key in current && current[key] !== v)
          .map(([key]) => `'${key}' already has a value (${current[key]})`);
        if (found.length) throw new CmdError(`--overwrite is false but found the following declared annotation(s): ${found.join('; ')}`);
      },
      message: () => 'annotated',
      updateRequired: 'at least one annotation update is required',
      listing: 'Listing annotations for',
      resourcesRequired: 'one or more resources must be specified as <resource> <name> or <resource>/<name>',
      filesRequired: 'one or more files must be specified as -f rsrc.yaml or --filename=rsrc.json',
      localNeedsFiles: 'can only use local files by -f rsrc.yaml or --filename=rsrc.json when --local=true is set',
    }),
};
