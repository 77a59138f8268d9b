/**
 * `kubectl version` (k8s.io/kubectl/pkg/cmd/version): client, Kustomize and server versions,
 * as text or `-o yaml|json`. The client is kubectl v1.32.5; the simulated server reports the
 * same release (a kubeadm v1.32.5 control plane).
 */
import { defineCommand } from '../command';
import { CmdError } from '../errors';
import { boolFlag, stringFlag } from '../flags';
import { toYaml } from '../printers/yaml';

/** version.Info of kubectl v1.32.5 (from `kubectl.1.32 version --client -o json`). */
export const CLIENT_VERSION = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.5',
  gitCommit: '9894294ef13a5b32803e3ca2c0d620a088cc84d1',
  gitTreeState: 'clean',
  buildDate: '2025-05-15T09:12:10Z',
  goVersion: 'go1.23.8',
  compiler: 'gc',
  platform: 'linux/amd64',
};

/** The simulated kube-apiserver's version.Info (the same release). */
export const SERVER_VERSION = { ...CLIENT_VERSION };

export const KUSTOMIZE_VERSION = 'v5.5.0';

interface VersionOptions {
  client: boolean;
  output: string;
}

export const version = defineCommand<VersionOptions>({
  name: 'version',
  help: '',
  flags: [boolFlag('client'), stringFlag('output', { short: 'o' })],
  complete: (k) => ({ client: k.flags.bool('client'), output: k.flags.string('output') }),
  validate: (o, k) => {
    if (k.args.length > 0) throw new CmdError(`extra arguments: [${k.args.join(' ')}]`);
    if (o.output !== '' && o.output !== 'yaml' && o.output !== 'json') {
      throw new CmdError(`--output must be 'yaml' or 'json'`);
    }
  },
  run: (o, k) => {
    const v: Record<string, unknown> = { clientVersion: CLIENT_VERSION, kustomizeVersion: KUSTOMIZE_VERSION };
    if (!o.client) v.serverVersion = SERVER_VERSION;
    if (o.output === 'json') k.out.write(JSON.stringify(v, null, 2) + '\n');
    else if (o.output === 'yaml') k.out.write(toYaml(v));
    else {
      let text = `Client Version: ${CLIENT_VERSION.gitVersion}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`;
      if (!o.client) text += `Server Version: ${SERVER_VERSION.gitVersion}\n`;
      k.out.write(text);
    }
  },
});
