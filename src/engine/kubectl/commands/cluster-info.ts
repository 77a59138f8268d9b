/**
 * `kubectl cluster-info` (clusterinfo/clusterinfo.go): the control plane URL and the proxy URL
 * of every kube-system Service labelled `kubernetes.io/cluster-service=true`, named by its
 * `kubernetes.io/name` label (CoreDNS for kube-dns). Colours as kubectl's ct package prints
 * them on a terminal.
 */
import { defineCommand } from '../command';
import { CmdError } from '../errors';

const green = (s: string, tty: boolean): string => (tty ? `\x1b[0;32m${s}\x1b[0m` : s);
const yellow = (s: string, tty: boolean): string => (tty ? `\x1b[0;33m${s}\x1b[0m` : s);

export const clusterInfo = defineCommand<void>({
  name: 'cluster-info',
  help: '',
  flags: [],
  subcommands: [
    {
      name: 'dump',
      help: '',
      flags: [],
      run() {
        // Simplification: the dump (every object and log as JSON) is not simulated.
        throw new CmdError('"kubectl cluster-info dump" is not available in this playground');
      },
    },
  ],
  run(_, k) {
    if (k.args.length > 0) throw k.usageError(`unexpected args: [${k.args.join(' ')}]`);
    const tty = k.proc.tty;
    const host = k.kubeconfig.server();
    let out = `${green('Kubernetes control plane', tty)} is running at ${yellow(host, tty)}\n`;
    const services = k.api.list('Service', { namespace: 'kube-system', labelSelector: 'kubernetes.io/cluster-service=true' }).items;
    for (const svc of services) {
      const name = svc.metadata.labels?.['kubernetes.io/name'] || svc.metadata.name!;
      for (const port of (svc.spec?.ports ?? []) as { name?: string; port: number }[]) {
        const link = port.name ? `${svc.metadata.name}:${port.name}` : `${svc.metadata.name}:${port.port}`;
        out += `${green(name, tty)} is running at ${yellow(`${host}/api/v1/namespaces/kube-system/services/${link}/proxy`, tty)}\n`;
        break;
      }
    }
    out += `\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`;
    k.out.write(out);
  },
});
