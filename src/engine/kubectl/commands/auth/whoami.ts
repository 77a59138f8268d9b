/**
 * `kubectl auth whoami` (k8s.io/kubectl/pkg/cmd/auth/whoami.go): a SelfSubjectReview of the
 * session's user, printed as the ATTRIBUTE/VALUE table (or with `-o`). The playground's user is
 * kubeadm's admin client certificate: `kubernetes-admin` in the groups `kubeadm:cluster-admins`
 * and `system:authenticated`. `--as`/`--as-group`/`--as-uid` show the impersonated user as the
 * apiserver's impersonation filter builds it (k8s.io/apiserver/pkg/endpoints/filters/
 * impersonation.go: service account groups, `system:authenticated` or `system:unauthenticated`).
 * Simplification: the identity does not follow the kubeconfig's user; every context is the admin,
 * and `--as-group` without `--as` is ignored.
 */
import type { Command, Kctx } from '../../command';
import { printFlags } from '../../flags';
import { GENERIC_FORMATS, outputSpec, printObjects } from '../../printers';
import { checkOutput } from '../util/output';

export const ADMIN_USER = { username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] };

interface UserInfo {
  username: string;
  uid?: string;
  groups: string[];
}

/** The user the apiserver sees: the admin, or whom it impersonates. */
export function currentUser(k: Kctx): UserInfo {
  const as = k.flags.string('as');
  if (!as) return { ...ADMIN_USER, groups: [...ADMIN_USER.groups] };
  let groups = [...k.flags.strings('as-group')];
  const sa = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(as);
  if (sa && groups.length === 0) groups = ['system:serviceaccounts', `system:serviceaccounts:${sa[1]}`];
  if (as !== 'system:anonymous') {
    if (!groups.some((g) => g === 'system:authenticated' || g === 'system:unauthenticated')) groups.push('system:authenticated');
  } else if (!groups.includes('system:unauthenticated')) groups.push('system:unauthenticated');
  const uid = k.flags.string('as-uid');
  return { username: as, groups, ...(uid ? { uid } : {}) };
}

export const whoami: Command<void> = {
  name: 'whoami',
  help: '',
  flags: printFlags(),
  run: (_o, k) => {
    const output = checkOutput(k);
    const ui = currentUser(k);
    if (output) {
      const userInfo: Record<string, unknown> = { username: ui.username };
      if (ui.uid) userInfo.uid = ui.uid;
      if (ui.groups.length) userInfo.groups = ui.groups;
      const review = {
        kind: 'SelfSubjectReview',
        apiVersion: 'authentication.k8s.io/v1',
        metadata: { creationTimestamp: null },
        status: { userInfo },
      };
      const spec = outputSpec(k.flags.string('output'), k.flags.has('template') ? k.flags.string('template') : '', GENERIC_FORMATS, k.proc.fs);
      // A review has no name: the name printer shows <unknown>.
      if (spec.type === 'name') k.out.write('selfsubjectreview.authentication.k8s.io/<unknown>\n');
      else k.out.write(printObjects(spec, review as never, { sortKeys: false }));
      return;
    }
    // printers.GetNewTabWriter: padding 3.
    const rows: [string, string][] = [['ATTRIBUTE', 'VALUE']];
    if (ui.username) rows.push(['Username', ui.username]);
    if (ui.uid) rows.push(['UID', ui.uid]);
    if (ui.groups.length) rows.push(['Groups', `[${ui.groups.join(' ')}]`]);
    const width = Math.max(...rows.map(([a]) => a.length)) + 3;
    k.out.write(rows.map(([a, v]) => `${a.padEnd(width)}${v}\n`).join(''));
  },
};
