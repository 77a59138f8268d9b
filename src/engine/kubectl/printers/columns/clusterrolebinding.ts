/** ClusterRoleBindings: the same columns as RoleBindings. */
import { roleBindingTable } from './rolebinding';
import type { KindTable } from './types';

export const clusterRoleBindingTable: KindTable = roleBindingTable;
