/** `kubectl set` (k8s.io/kubectl/pkg/cmd/set/set.go): a group of sub-commands. */
import type { Command } from '../../command';
import { setEnvCmd } from './env';
import { setImageCmd } from './image';
import { setResourcesCmd } from './resources';
import { setSelectorCmd } from './selector';
import { setServiceAccountCmd } from './serviceaccount';
import { setSubjectCmd } from './subject';

export const set: Command<void> = {
  name: 'set',
  help: '',
  flags: [],
  subcommands: [setEnvCmd, setImageCmd, setResourcesCmd, setSelectorCmd, setServiceAccountCmd, setSubjectCmd] as Command<never>[],
};
