/**
 * `kubectl explain` (k8s.io/kubectl/pkg/cmd/explain): documentation of a resource or of a
 * field path (`deployment.spec.replicas`), with `--recursive` and `--api-version`, rendered
 * by ../explain/render.ts.
 */
import { resolveResource, RESOURCES } from '../../api/resources';
import { defineCommand } from '../command';
import { CmdError, NoResourceMatchError } from '../errors';
import { boolFlag, stringFlag } from '../flags';
import { explain as render, ExplainError } from '../explain/render';

interface Options {
  resource: string;
  path: string[];
  recursive: boolean;
  apiVersion: string;
}

export const explain = defineCommand<Options>({
  name: 'explain',
  help: '',
  flags: [stringFlag('api-version'), stringFlag('output', { short: 'o', default: 'plaintext' }), boolFlag('recursive')],
  complete(k) {
    if (k.args.length === 0) {
      throw new CmdError('You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n');
    }
    if (k.args.length > 1) throw new CmdError('We accept only this format: explain RESOURCE\n');
    const [resource, ...path] = k.args[0].split('.');
    return { resource, path, recursive: k.flags.bool('recursive'), apiVersion: k.flags.string('api-version') };
  },
  validate(_, k) {
    const out = k.flags.string('output');
    if (out !== 'plaintext' && out !== 'plaintext-openapiv2') {
      throw new CmdError(`unrecognized format: ${out}`);
    }
  },
  run(o, k) {
    const info = resolveResource(o.resource) ?? RESOURCES.find((r) => r.kind.toLowerCase() === o.resource.toLowerCase());
    if (!info) throw new NoResourceMatchError(o.resource);
    let group = info.group;
    let version = info.version;
    if (o.apiVersion) {
      const [g, v] = o.apiVersion.includes('/') ? o.apiVersion.split('/') : ['', o.apiVersion];
      if (g !== info.group || v !== info.version) {
        throw new CmdError(`couldn't find resource for "${o.apiVersion}, Resource=${info.plural}"`);
      }
      group = g;
      version = v;
    }
    try {
      k.out.write(render(group, version, info.kind, o.path, o.recursive));
    } catch (e) {
      if (e instanceof ExplainError) {
        k.out.write(e.partial);
        throw new CmdError(e.message);
      }
      throw e;
    }
  },
});
