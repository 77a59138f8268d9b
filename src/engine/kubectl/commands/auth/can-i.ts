/**
 * `kubectl auth can-i VERB [TYPE | TYPE/NAME | NONRESOURCEURL]`
 * (k8s.io/kubectl/pkg/cmd/auth/cani.go). The playground's user is the kubeadm cluster admin
 * (group system:masters), so every request is allowed: `yes`.
 * Simplification: --list prints the admin's single wildcard rule; --as is not evaluated.
 */
import type { Command } from '../../command';
import { CmdError } from '../../errors';
import { ALL_NAMESPACES_FLAG, boolFlag, stringFlag } from '../../flags';
import { mappingFor } from '../../refs';

export const canI: Command<void> = {
  name: 'can-i',
  help: '',
  flags: [ALL_NAMESPACES_FLAG, boolFlag('list'), boolFlag('no-headers'), boolFlag('quiet', { short: 'q' }), stringFlag('subresource')],
  run: (_o, k) => {
    if (k.flags.bool('list')) {
      if (k.args.length) throw k.usageError('list option must be specified with no arguments');
      const rows = [
        ['Resources', 'Non-Resource URLs', 'Resource Names', 'Verbs'],
        ['*.*', '[]', '[]', '[*]'],
        ['', '[*]', '[]', '[*]'],
      ];
      const body = k.flags.bool('no-headers') ? rows.slice(1) : rows;
      const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
      for (const r of body) k.out.write(r.map((c, i) => (i < r.length - 1 ? c.padEnd(widths[i] + 3) : c)).join('') + '\n');
      return;
    }
    if (k.args.length < 2) {
      if (k.args.length === 1 && k.args[0].startsWith('/')) {
        // A non-resource URL needs only a verb before it.
      } else throw new CmdError(`you must specify two arguments: verb resource or verb resource/resourceName.\nSee '${k.commandPath} -h' for help and examples.`);
    }
    const [, resource] = k.args;
    if (resource && !resource.startsWith('/')) {
      const type = resource.split('/')[0];
      try {
        mappingFor(type);
      } catch {
        k.err.write(`Warning: the server doesn't have a resource type '${type}'\n\n`);
      }
    } else if (resource?.startsWith('/') && k.namespaceExplicit) {
      throw new CmdError('NonResourceURL does not support namespace');
    }
    if (!k.flags.bool('quiet')) k.out.write('yes\n');
  },
};
