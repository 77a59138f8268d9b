/**
 * `kubectl rollout pause RESOURCE` (k8s.io/kubectl/pkg/cmd/rollout/rollout_pause.go,
 * polymorphichelpers/objectpauser.go): `paused`; a paused deployment (`is already paused`) and
 * any other kind (`pausing is not supported`) are errors. The body is shared with resume.
 */
import type { Command } from '../../command';
import { pauseOrResume } from './resume';

export const rolloutPause: Command<void> = {
  name: 'pause',
  help: '',
  flags: pauseOrResume.flags('kubectl-rollout'),
  run: (_o, k) => pauseOrResume.run(k, true),
};
