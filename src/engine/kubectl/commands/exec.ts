/**
 * `kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...]`
 * (k8s.io/kubectl/pkg/cmd/exec/exec.go): runs a simulated command in the container through
 * the kubelet (cluster.nodes.exec); a non-zero exit prints `command terminated with exit code N`.
 * `-f FILE` takes the pod (or the controller whose pod it is) from a manifest.
 * Simplification: there is no interactive terminal; stdin is the command's piped input.
 */
import type { KObject } from '../../api/types/meta';
import type { Command, Kctx } from '../command';
import { MSG_MISSING_RESOURCE, resolveTargets } from '../refs';
import { CmdError, ExitError } from '../errors';
import { boolFlag, durationFlag, FILENAME_FLAGS, stringFlag } from '../flags';
import { attachablePod } from './util/pods';

/**
 * The pod of `-f`: the builder's object read from the file (not refreshed from the server), a pod
 * as written there, or the pod a controller in it selects.
 */
function podFromFiles(k: Kctx, resource: string): KObject {
  if (resource) throw new CmdError('resource/name arguments cannot be provided when a path is specified');
  const targets = resolveTargets(k, { args: [], filenames: k.flags.strings('filename'), recursive: k.flags.bool('recursive') });
  if (targets.length > 1) throw new CmdError('cannot exec into multiple objects at a time');
  const t = targets[0];
  if (!t || t.type !== 'object') throw new CmdError(MSG_MISSING_RESOURCE);
  if (t.info.kind === 'Pod') {
    // The exec request names the pod: one that does not exist is the server's NotFound.
    k.api.get('Pod', t.namespace, t.name);
    return { ...t.object, metadata: { ...t.object.metadata, namespace: t.namespace } };
  }
  return attachablePod(k, `${t.info.plural}${t.info.group ? `.${t.info.group}` : ''}/${t.name}`);
}

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
    const pod = k.flags.strings('filename').length ? podFromFiles(k, resource) : attachablePod(k, resource);
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
