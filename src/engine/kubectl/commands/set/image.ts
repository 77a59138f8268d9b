/**
 * `kubectl set image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ...`
 * (k8s.io/kubectl/pkg/cmd/set/set_image.go): `image updated`; nothing is printed when the
 * image is already set.
 */
import type { Command } from '../../command';
import { AggregateError, CmdError } from '../../errors';
import { resourcesAndPairs } from '../util/meta-map';
import { checkOutput, dryRunStrategy } from '../util/output';
import { applySetChanges, goTypeOf, podSpecOf, SET_FLAGS, setTargets } from './common';

type Container = { name: string; image?: string };

function setImage(containers: Container[] | undefined, name: string, image: string): boolean {
  let found = false;
  for (const c of containers ?? []) {
    if (name === '*' || c.name === name) {
      c.image = image;
      found = true;
    }
  }
  return found;
}

export const setImageCmd: Command<void> = {
  name: 'image',
  help: '',
  flags: SET_FLAGS('kubectl-set'),
  run: (_o, k) => {
    const dryRun = dryRunStrategy(k);
    checkOutput(k);
    const [resources, pairs] = resourcesAndPairs(k.args, 'image');
    const images: [string, string][] = [];
    const invalid: string[] = [];
    for (const p of pairs) {
      const i = p.indexOf('=');
      if (i > 0) images.push([p.slice(0, i), p.slice(i + 1)]);
      else invalid.push(p);
    }
    if (invalid.length) throw new CmdError(`invalid image format: ${invalid.join(', ')}`);
    // Complete reads the objects (builder.Do().Infos()) before Validate: a missing resource
    // argument or a NotFound is reported first.
    const { items, errors: fetchErrors } = setTargets(k, resources);
    if (fetchErrors.length) throw fetchErrors.length === 1 ? fetchErrors[0] : new AggregateError(fetchErrors);
    const errors: CmdError[] = [];
    const local = k.flags.bool('local');
    if (k.flags.bool('all') && k.flags.string('selector')) errors.push(new CmdError('cannot set --all and --selector at the same time'));
    if (resources.length === 0 && k.flags.strings('filename').length === 0) {
      errors.push(new CmdError('one or more resources must be specified as <resource> <name> or <resource>/<name>'));
    }
    if (images.length === 0) errors.push(new CmdError('at least one image update is required'));
    if (images.length > 1 && images.some(([n]) => n === '*')) {
      errors.push(new CmdError('all containers are already specified by *, but saw more than one container_name=container_image pairs'));
    }
    if (local && dryRun === 'server') errors.push(new CmdError('cannot specify --local and --dry-run=server - did you mean --dry-run=client?'));
    if (errors.length) throw errors.length === 1 ? errors[0] : new AggregateError(errors);
    applySetChanges(
      k,
      items,
      fetchErrors,
      'image updated',
      (obj, info, errs) => {
        const spec = podSpecOf(obj);
        if (!spec) throw new CmdError(`the object is not a pod or does not have a pod template: ${goTypeOf(info)}`);
        for (const [name, image] of images) {
          const init = setImage(spec.initContainers as Container[], name, image);
          const main = setImage(spec.containers as Container[], name, image);
          if (!init && !main) errs.push(new CmdError(`error: unable to find container named ${JSON.stringify(name)}`));
        }
      },
      'failed to patch image update to pod template: ',
    );
  },
};
