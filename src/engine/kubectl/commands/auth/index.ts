/** `kubectl auth` (k8s.io/kubectl/pkg/cmd/auth): can-i. */
import type { Command } from '../../command';
import { canI } from './can-i';

export const auth: Command<void> = {
  name: 'auth',
  help: '',
  flags: [],
  subcommands: [canI] as Command<never>[],
};
