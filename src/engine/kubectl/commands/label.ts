/**
 * `kubectl label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N`
 * (k8s.io/kubectl/pkg/cmd/label/label.go): `labeled`, `unlabeled`, `not labeled`.
 */
import type { Command } from '../command';
import { AggregateError, CmdError } from '../errors';
import { META_MAP_FLAGS, runMetaMap } from './util/meta-map';

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

export const label: Command<void> = {
  name: 'label',
  help: '',
  flags: META_MAP_FLAGS('kubectl-label'),
  run: (_o, k) =>
    runMetaMap(k, {
      field: 'labels',
      parse(pairs) {
        const labels: Record<string, string> = {};
        const remove: string[] = [];
        for (const spec of pairs) {
          if (spec.includes('=')) {
            const parts = spec.split('=');
            if (parts.length !== 2) throw new CmdError(`invalid label spec: ${spec}`);
            const errs: string[] = [];
            if (parts[1].length > 63) errs.push('must be no more than 63 characters');
            if (!LABEL_VALUE.test(parts[1])) {
              errs.push("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
            }
            if (errs.length) throw new CmdError(`invalid label value: ${JSON.stringify(spec)}: ${errs.join(';')}`);
            labels[parts[0]] = parts[1];
          } else if (spec.endsWith('-')) remove.push(spec.slice(0, -1));
          else throw new CmdError(`unknown label spec: ${spec}`);
        }
        if (remove.some((r) => r in labels)) throw new CmdError('can not both modify and remove a label in the same command');
        return [labels, remove];
      },
      checkOverwrite(current, updates) {
        const errs = Object.entries(updates)
          .filter(([key, v]) => key in current && current[key] !== v)
          .map(([key]) => new CmdError(`'${key}' already has a value (${current[key]}), and --overwrite is false`));
        if (errs.length === 1) throw errs[0];
        if (errs.length > 1) throw new AggregateError(errs);
      },
      message(before, after, overwrite) {
        if (before === after) return 'not labeled';
        return !overwrite && after.length < before.length ? 'unlabeled' : 'labeled';
      },
      notFoundNotice: (key) => `label ${JSON.stringify(key)} not found.\n`,
      updateRequired: 'at least one label update is required',
      listing: 'Listing labels for',
      resourcesRequired: 'one or more resources must be specified as <resource> <name> or <resource>/<name>',
      filesRequired: 'one or more files must be specified as -f pod.yaml or --filename=pod.json',
      localNeedsFiles: 'can only use local files by -f pod.yaml or --filename=pod.json when --local=true is set',
    }),
};
