/** `kubectl rollout` (k8s.io/kubectl/pkg/cmd/rollout/rollout.go): a group of sub-commands. */
import type { Command } from '../../command';
import { rolloutHistory } from './history';
import { rolloutPause } from './pause';
import { rolloutRestart } from './restart';
import { rolloutResume } from './resume';
import { rolloutStatus } from './status';
import { rolloutUndo } from './undo';

export const rollout: Command<void> = {
  name: 'rollout',
  help: '',
  flags: [],
  subcommands: [rolloutHistory, rolloutPause, rolloutRestart, rolloutResume, rolloutStatus, rolloutUndo] as Command<never>[],
};
