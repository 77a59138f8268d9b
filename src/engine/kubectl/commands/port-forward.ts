/**
 * `kubectl port-forward TYPE/NAME [options] [LOCAL_PORT:]REMOTE_PORT [...]`
 * (k8s.io/kubectl/pkg/cmd/portforward/portforward.go). The playground has no local ports to
 * listen on: it resolves the pod and ports as kubectl does, prints kubectl's
 * `Forwarding from 127.0.0.1:LOCAL -> REMOTE` lines and keeps running until Ctrl-C, as the
 * real command does; connections are not accepted.
 */
import type { LongRunning } from '../../shell/process';
import type { Command } from '../command';
import { CmdError } from '../errors';
import { durationFlag, stringSliceFlag } from '../flags';
import { attachablePod } from './util/pods';

export const portForward: Command<void> = {
  name: 'port-forward',
  help: '',
  flags: [stringSliceFlag('address', { default: ['localhost'] }), durationFlag('pod-running-timeout', { default: 60000 })],
  run: (_o, k) => {
    if (k.args.length < 2) throw k.usageError('TYPE/NAME and list of ports are required for port-forward');
    const [ref, ...ports] = k.args;
    const pod = attachablePod(k, ref);
    if (pod.status?.phase !== 'Running') throw new CmdError(`unable to forward port because pod is not running. Current status=${pod.status?.phase ?? 'Pending'}`);
    const pairs = ports.map((p) => {
      const [local, remote] = p.includes(':') ? p.split(':') : [p, p];
      let remotePort = Number(remote);
      if (!/^\d+$/.test(remote)) {
        const named = (pod.spec?.containers ?? [])
          .flatMap((c: { ports?: { name?: string; containerPort: number }[] }) => c.ports ?? [])
          .find((cp: { name?: string }) => cp.name === remote);
        if (!named) throw new CmdError(`Pod '${pod.metadata.name}' does not have a named port '${remote}'`);
        remotePort = named.containerPort;
      }
      return [local === '' ? String(remotePort) : local, remotePort] as const;
    });
    const addresses = k.flags.strings('address');
    for (const [local, remote] of pairs) {
      for (const a of addresses) {
        if (a === 'localhost') {
          k.out.write(`Forwarding from 127.0.0.1:${local} -> ${remote}\n`);
          k.out.write(`Forwarding from [::1]:${local} -> ${remote}\n`);
        } else k.out.write(`Forwarding from ${a}:${local} -> ${remote}\n`);
      }
    }
    const lr: LongRunning = { poll: () => undefined, cancel: () => 0 };
    return lr;
  },
};
