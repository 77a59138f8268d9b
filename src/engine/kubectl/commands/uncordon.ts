/** `kubectl uncordon NODE` (k8s.io/kubectl/pkg/cmd/drain/drain.go NewCmdUncordon). */
import type { Command } from '../command';
import { cordonNode, NODE_FLAGS, nodesOf } from './util/nodes';

export const uncordon: Command<void> = {
  name: 'uncordon',
  help: '',
  flags: NODE_FLAGS,
  run: (_o, k) => {
    for (const n of nodesOf(k, 'uncordon NODE')) cordonNode(k, n, false);
  },
};
