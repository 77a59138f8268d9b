/**
 * `kubectl top pod|node` (k8s.io/kubectl/pkg/cmd/top). The simulated cluster runs no
 * metrics-server (as a fresh kubeadm cluster), so kubectl answers as it does without the
 * Metrics API: `error: Metrics API not available`.
 */
import type { Command } from '../../command';
import { CmdError } from '../../errors';
import { ALL_NAMESPACES_FLAG, boolFlag, FIELD_SELECTOR_FLAG, SELECTOR_FLAG, stringFlag } from '../../flags';

export const MSG_METRICS_API = 'Metrics API not available';

const notAvailable = (): never => {
  throw new CmdError(MSG_METRICS_API);
};

const topPod: Command<void> = {
  name: 'pod',
  aliases: ['pods', 'po'],
  help: '',
  flags: [ALL_NAMESPACES_FLAG, boolFlag('containers'), FIELD_SELECTOR_FLAG, boolFlag('no-headers'), SELECTOR_FLAG, stringFlag('sort-by'), boolFlag('sum'), boolFlag('use-protocol-buffers', { default: true })],
  run: notAvailable,
};

const topNode: Command<void> = {
  name: 'node',
  aliases: ['nodes', 'no'],
  help: '',
  flags: [boolFlag('no-headers'), SELECTOR_FLAG, boolFlag('show-capacity'), stringFlag('sort-by'), boolFlag('use-protocol-buffers', { default: true })],
  run: notAvailable,
};

export const top: Command<void> = {
  name: 'top',
  help: '',
  flags: [],
  subcommands: [topNode, topPod] as Command<never>[],
};
