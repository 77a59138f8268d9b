/** `kubectl auth` (k8s.io/kubectl/pkg/cmd/auth): can-i, whoami. */
import type { Command } from '../../command';
import { canI } from './can-i';
import { whoami } from './whoami';

export const auth: Command<void> = {
  name: 'auth',
  help: '',
  flags: [],
  subcommands: [canI, whoami] as Command<never>[],
};
