/** RoleBindings and ClusterRoleBindings (printers.go printRoleBinding, SubjectsStrings). */
import type { KObject } from '../../../api/types/meta';
import type { KindTable } from './types';
import { AGE, NAME, col, since } from './util';

/** SubjectsStrings: users, groups and `namespace/name` service accounts. */
export function subjectsStrings(o: KObject): [string[], string[], string[]] {
  const users: string[] = [];
  const groups: string[] = [];
  const sas: string[] = [];
  for (const s of (o.subjects as { kind: string; name: string; namespace?: string }[]) ?? []) {
    if (s.kind === 'ServiceAccount') sas.push(`${s.namespace ?? ''}/${s.name}`);
    else if (s.kind === 'User') users.push(s.name);
    else if (s.kind === 'Group') groups.push(s.name);
  }
  return [users, groups, sas];
}

function bindingTable(): KindTable {
  return {
    columns: [NAME, col('Role'), AGE, col('Users', 'string', 1), col('Groups', 'string', 1), col('ServiceAccounts', 'string', 1)],
    row(o, now) {
      const ref = (o.roleRef ?? {}) as { kind?: string; name?: string };
      const [users, groups, sas] = subjectsStrings(o);
      return [o.metadata.name!, `${ref.kind}/${ref.name}`, since(o.metadata.creationTimestamp, now), users.join(', '), groups.join(', '), sas.join(', ')];
    },
  };
}

export const roleBindingTable = bindingTable();
