/** `kubectl cordon NODE` (k8s.io/kubectl/pkg/cmd/drain/drain.go NewCmdCordon). */
import type { Command } from '../command';
import { cordonNode, NODE_FLAGS, nodesOf } from './util/nodes';

export const cordon: Command<void> = {
  name: 'cordon',
  help: '',
  flags: NODE_FLAGS,
  run: (_o, k) => {
    for (const n of nodesOf(k, 'cordon NODE')) cordonNode(k, n, true);
  },
};
