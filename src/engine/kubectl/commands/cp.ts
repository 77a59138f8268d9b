/**
 * `kubectl cp <file-spec-src> <file-spec-dest>` basics (k8s.io/kubectl/pkg/cmd/cp/cp.go):
 * copies a file between the shell's file system and a container (through the kubelet's exec
 * of `tar`, here `cat`/`sh -c`), as `[namespace/]pod:path` specs.
 * Simplification: single files only; no directories, no tar archives.
 */
import type { Command } from '../command';
import { CmdError } from '../errors';
import { boolFlag, intFlag, stringFlag } from '../flags';

interface FileSpec {
  namespace?: string;
  pod?: string;
  path: string;
}

/** extractFileSpec. */
function fileSpec(arg: string): FileSpec {
  const i = arg.indexOf(':');
  if (i <= 0 || arg.startsWith('/')) return { path: arg };
  const podRef = arg.slice(0, i);
  const path = arg.slice(i + 1);
  const parts = podRef.split('/');
  if (parts.length === 1) return { pod: parts[0], path };
  if (parts.length === 2) return { namespace: parts[0], pod: parts[1], path };
  throw new CmdError('filespec must match the canonical format: [[namespace/]pod:]file/path');
}

export const cp: Command<void> = {
  name: 'cp',
  help: '',
  flags: [stringFlag('container', { short: 'c' }), boolFlag('no-preserve'), intFlag('retries')],
  run: (_o, k) => {
    if (k.args.length !== 2) throw new CmdError('source and destination are required');
    const src = fileSpec(k.args[0]);
    const dst = fileSpec(k.args[1]);
    if (src.pod && dst.pod) throw new CmdError('one of src or dest must be a local file specification');
    if (!src.pod && !dst.pod) throw new CmdError('one of src or dest must be a remote file specification');
    const container = k.flags.string('container') || undefined;
    if (src.pod) {
      const ns = src.namespace ?? k.namespace;
      k.api.get('Pod', ns, src.pod);
      const r = k.cluster.nodes.exec(ns, src.pod, container, ['cat', src.path]);
      if (r.exitCode !== 0) {
        k.err.write(`tar: removing leading '/' from member names\n`);
        throw new CmdError(`${src.path}: No such file or directory`);
      }
      k.proc.fs.write(k.proc.fs.resolve(dst.path), r.stdout);
      return;
    }
    const content = k.proc.fs.read(k.proc.fs.resolve(src.path));
    if (content === undefined) throw new CmdError(`${src.path} doesn't exist in local filesystem`);
    const ns = dst.namespace ?? k.namespace;
    k.api.get('Pod', ns, dst.pod!);
    const r = k.cluster.nodes.exec(ns, dst.pod!, container, ['sh', '-c', `cat > ${dst.path}`], content);
    if (r.exitCode !== 0) throw new CmdError(r.stderr.trim() || `command terminated with exit code ${r.exitCode}`);
  },
};
