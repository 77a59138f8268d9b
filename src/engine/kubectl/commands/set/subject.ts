/**
 * `kubectl set subject (-f FILENAME | TYPE NAME) [--user=username] [--group=groupname]
 * [--serviceaccount=namespace:serviceaccountname]` (k8s.io/kubectl/pkg/cmd/set/set_subject.go):
 * adds User, Group and ServiceAccount subjects (each list sorted and de-duplicated, those already
 * present skipped) to RoleBindings and ClusterRoleBindings: `subjects updated`.
 */
import type { Command } from '../../command';
import { CmdError } from '../../errors';
import { stringArrayFlag } from '../../flags';
import { MSG_MISSING_RESOURCE } from '../../refs';
import { checkOutput, dryRunStrategy } from '../util/output';
import { applySetChanges, SET_FLAGS, setTargets } from './common';

interface Subject {
  kind: string;
  apiGroup?: string;
  name: string;
  namespace?: string;
}

const sameSubject = (a: Subject, b: Subject) => a.kind === b.kind && (a.apiGroup ?? '') === (b.apiGroup ?? '') && a.name === b.name && (a.namespace ?? '') === (b.namespace ?? '');

export const setSubjectCmd: Command<void> = {
  name: 'subject',
  help: '',
  flags: [...SET_FLAGS('kubectl-set'), stringArrayFlag('user'), stringArrayFlag('group'), stringArrayFlag('serviceaccount')],
  run: (_o, k) => {
    const dryRun = dryRunStrategy(k);
    checkOutput(k);
    const local = k.flags.bool('local');
    if (local && k.args.length > 0) {
      throw new CmdError(`you must specify resources by --filename when --local is set.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'`);
    }
    if (!local && k.args.length === 0 && k.flags.strings('filename').length === 0) throw new CmdError(MSG_MISSING_RESOURCE);
    const { items, errors } = setTargets(k, k.args);
    // Complete: Infos() fails on the first error of the builder.
    if (errors.length) throw errors[0];
    if (local && dryRun === 'server') throw new CmdError('cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
    if (k.flags.bool('all') && k.flags.string('selector')) throw new CmdError('cannot set --all and --selector at the same time');
    const users = k.flags.strings('user');
    const groups = k.flags.strings('group');
    const sas = k.flags.strings('serviceaccount');
    if (users.length === 0 && groups.length === 0 && sas.length === 0) throw new CmdError('you must specify at least one value of user, group or serviceaccount');
    for (const sa of sas) {
      const tokens = sa.split(':');
      if (tokens.length !== 2 || tokens[1] === '') throw new CmdError('serviceaccount must be <namespace>:<name>');
      if (tokens[0] === '' && items.some((i) => i.info.kind === 'ClusterRoleBinding')) {
        throw new CmdError('serviceaccount must be <namespace>:<name>, namespace must be specified');
      }
    }
    const sorted = (xs: string[]) => [...new Set(xs)].sort();
    const subjects: Subject[] = [
      ...sorted(users).map((name) => ({ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name })),
      ...sorted(groups).map((name) => ({ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name })),
      ...sorted(sas).map((sa) => {
        const [ns, name] = sa.split(':');
        return { kind: 'ServiceAccount', name, namespace: ns || k.namespace };
      }),
    ];
    applySetChanges(
      k,
      items,
      [],
      'subjects updated',
      (obj) => {
        if (obj.kind !== 'RoleBinding' && obj.kind !== 'ClusterRoleBinding') {
          throw new CmdError('setting subjects is only supported for RoleBinding/ClusterRoleBinding');
        }
        const existing = ((obj.subjects as Subject[] | undefined) ?? []).slice();
        const updated = [...existing];
        for (const s of subjects) if (!existing.some((e) => sameSubject(e, s))) updated.push(s);
        if (updated.length > existing.length) obj.subjects = updated;
      },
      'failed to patch subjects to rolebinding: ',
    );
  },
};
