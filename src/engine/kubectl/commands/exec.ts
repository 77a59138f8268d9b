/**
 * `kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...]`
 * (k8s.io/kubectl/pkg/cmd/exec/exec.go): runs a simulated command in the container through
 * the kubelet (cluster.nodes.exec); a non-zero exit prints `command terminated with exit code N`.
 * Simplification: there is no interactive terminal; stdin is the command's piped input.
 */
import type { Command } from '../command';
import { CmdError, ExitError } from '../errors';
import { boolFlag, durationFlag, FILENAME_FLAGS, stringFlag } from '../flags';
import { attachablePod } from './util/pods';

export const exec: Command<void> = {
  name: 'exec',
  help: '',
  flags: [
    ...FILENAME_FLAGS,
    stringFlag('container', { short: 'c' }),
    durationFlag('pod-running-timeout', { default: 60000 }),
    boolFlag('quiet', { short: 'q' }),
    boolFlag('stdin', { short: 'i' }),
    boolFlag('tty', { short: 't' }),
  ],
  run: (_o, k) => {
    const args = k.args;
    const dash = k.argsLenAtDash;
    let resource = '';
    if (args.length > 0 && dash !== 0) resource = args[0];
    let command: string[];
    if (dash > -1) command = args.slice(dash);
    else if (args.length > 1 || (args.length > 0 && k.flags.strings('filename').length)) {
      throw k.usageError('exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead');
    } else command = [];
    if (!resource && k.flags.strings('filename').length === 0) throw new CmdError('pod, type/name or --filename must be specified');
    if (command.length === 0) throw new CmdError('you must specify at least one command for the container');
    // Simplification: -f is not supported for exec.
    if (k.flags.strings('filename').length) throw new CmdError('-f is not supported for exec in this playground');
    const pod = attachablePod(k, resource);
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') throw new CmdError(`cannot exec into a container in a completed pod; current phase is ${phase}`);
    let container = k.flags.string('container');
    if (!container) {
      const names = (pod.spec?.containers ?? []).map((c: { name: string }) => c.name);
      container = names[0];
      if (!k.flags.bool('quiet') && (names.length > 1 || (pod.spec?.initContainers ?? []).length || (pod.spec?.ephemeralContainers ?? []).length)) {
        const all = [
          ...names,
          ...(pod.spec?.ephemeralContainers ?? []).map((c: { name: string }) => `${c.name} (ephem)`),
          ...(pod.spec?.initContainers ?? []).map((c: { name: string }) => `${c.name} (init)`),
        ];
        k.err.write(`Defaulted container ${JSON.stringify(container)} out of: ${all.join(', ')}\n`);
      }
    }
    if (k.flags.bool('tty') && !k.proc.tty && !k.flags.bool('quiet')) {
      k.err.write('Unable to use a TTY - input is not a terminal or the right kind of file\n');
    }
    const stdin = k.flags.bool('stdin') ? (k.proc.stdin ?? '') : '';
    const r = k.cluster.nodes.exec(pod.metadata.namespace!, pod.metadata.name!, container, command, stdin);
    k.out.write(r.stdout);
    k.err.write(r.stderr);
    if (r.exitCode !== 0) {
      k.err.write(`command terminated with exit code ${r.exitCode}\n`);
      throw new ExitError(r.exitCode);
    }
  },
};
