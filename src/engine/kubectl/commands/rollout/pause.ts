/**
 * `kubectl rollout pause RESOURCE` (k8s.io/kubectl/pkg/cmd/rollout/rollout_pause.go):
 * `paused`, or `already paused`; only deployments can be paused.
 */
import type { Command } from '../../command';
import { pauseOrResume } from './resume';

export const rolloutPause: Command<void> = {
  name: 'pause',
  help: '',
  flags: pauseOrResume.flags('kubectl-rollout'),
  run: (_o, k) => pauseOrResume.run(k, true),
};
