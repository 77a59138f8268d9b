/**
 * `kubectl create role|clusterrole|rolebinding|clusterrolebinding` basics
 * (k8s.io/kubectl/pkg/cmd/create/create_role.go, create_clusterrole.go, create_rolebinding.go,
 * create_clusterrolebinding.go).
 */
import type { KObject } from '../../../api/types/meta';
import { resolveResource } from '../../../api/resources';
import type { Kctx } from '../../command';
import { CmdError } from '../../errors';
import { stringArrayFlag, stringFlag, stringSliceFlag } from '../../flags';
import { generatorCommand, objectMeta } from './common';

const RBAC = 'rbac.authorization.k8s.io';
const VALID_VERBS = ['*', 'get', 'delete', 'list', 'create', 'update', 'patch', 'watch', 'proxy', 'deletecollection', 'use', 'bind', 'escalate', 'impersonate'];
const SPECIAL_VERBS: Record<string, [string, string][]> = {
  use: [['policy', 'podsecuritypolicies'], ['extensions', 'podsecuritypolicies']],
  bind: [[RBAC, 'roles'], [RBAC, 'clusterroles']],
  escalate: [[RBAC, 'roles'], [RBAC, 'clusterroles']],
  impersonate: [['', 'users'], ['', 'serviceaccounts'], ['', 'groups'], ['authentication.k8s.io', 'userextras']],
};

interface ResourceOption {
  resource: string;
  group: string;
  subresource: string;
}

/** `resource.group/subresource`. */
function parseResource(s: string): ResourceOption {
  const [rg, sub = ''] = s.split('/', 2);
  const dot = rg.indexOf('.');
  return dot < 0 ? { resource: rg, group: '', subresource: sub } : { resource: rg.slice(0, dot), group: rg.slice(dot + 1), subresource: sub };
}

/** The RESTMapper's ResourceFor: short names and singulars become plurals. */
function resourceFor(r: ResourceOption): { resource: string; group: string } {
  const info = resolveResource(r.group ? `${r.resource}.${r.group}` : r.resource);
  return info ? { resource: info.plural, group: info.group } : { resource: r.resource, group: r.group };
}

function rules(k: Kctx, verbs: string[], resources: ResourceOption[], resourceNames: string[]): Record<string, unknown>[] {
  if (verbs.length === 0) throw new CmdError('at least one verb must be specified');
  for (const v of verbs) if (!VALID_VERBS.includes(v)) k.err.write(`Warning: '${v}' is not a standard resource verb\n`);
  if (resources.length === 0) throw new CmdError('at least one resource must be specified');
  for (const r of resources) {
    if (!r.resource) throw new CmdError('resource must be specified if apiGroup/subresource specified');
    if (r.resource === '*') break;
    const res = resourceFor(r);
    for (const v of verbs) {
      const special = SPECIAL_VERBS[v];
      if (special && !special.some(([g, rr]) => g === res.group && rr === res.resource)) {
        throw new CmdError(`can not perform '${v}' on '${res.resource}' in group '${res.group}'`);
      }
    }
  }
  const byGroup = new Map<string, string[]>();
  for (const r of resources) {
    const res = r.resource === '*' ? { resource: '*', group: r.group } : resourceFor(r);
    const name = r.subresource ? `${res.resource}/${r.subresource}` : res.resource;
    const list = byGroup.get(res.group) ?? [];
    if (!list.includes(name)) list.push(name);
    byGroup.set(res.group, list);
  }
  return [...byGroup.keys()].sort().map((g) => {
    const rule: Record<string, unknown> = { verbs, apiGroups: [g], resources: byGroup.get(g) };
    if (resourceNames.length) rule.resourceNames = resourceNames;
    return rule;
  });
}

/** --verb and --resource accept comma lists (StringSlice). */
const ROLE_FLAGS = [stringSliceFlag('verb'), stringSliceFlag('resource'), stringArrayFlag('resource-name')];

export const createRole = generatorCommand({
  name: 'role',
  flags: ROLE_FLAGS,
  generate(k, name) {
    const rs = rules(k, k.flags.strings('verb'), k.flags.strings('resource').map(parseResource), k.flags.strings('resource-name'));
    return {
      object: { kind: 'Role', apiVersion: `${RBAC}/v1`, metadata: objectMeta(name), rules: rs } as KObject,
    };
  },
});

export const createClusterRole = generatorCommand({
  name: 'clusterrole',
  flags: [...ROLE_FLAGS, stringSliceFlag('non-resource-url'), stringFlag('aggregation-rule')],
  generate(k, name) {
    // Simplification: --non-resource-url and --aggregation-rule are not supported.
    if (k.flags.strings('non-resource-url').length || k.flags.string('aggregation-rule')) {
      throw new CmdError('--non-resource-url and --aggregation-rule are not supported in this playground');
    }
    const rs = rules(k, k.flags.strings('verb'), k.flags.strings('resource').map(parseResource), k.flags.strings('resource-name'));
    return { object: { kind: 'ClusterRole', apiVersion: `${RBAC}/v1`, metadata: objectMeta(name), rules: rs } as KObject };
  },
});

function subjects(k: Kctx): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const u of k.flags.strings('user')) out.push({ kind: 'User', apiGroup: RBAC, name: u });
  for (const g of k.flags.strings('group')) out.push({ kind: 'Group', apiGroup: RBAC, name: g });
  for (const sa of k.flags.strings('serviceaccount')) {
    const parts = sa.split(':');
    if (parts.length !== 2 || !parts[0] || !parts[1]) throw new CmdError('serviceaccount must be <namespace>:<name>');
    out.push({ kind: 'ServiceAccount', name: parts[1], namespace: parts[0] });
  }
  return out;
}

const BINDING_FLAGS = [stringArrayFlag('user'), stringArrayFlag('group'), stringArrayFlag('serviceaccount')];

export const createRoleBinding = generatorCommand({
  name: 'rolebinding',
  flags: [stringFlag('role'), stringFlag('clusterrole'), ...BINDING_FLAGS],
  generate(k, name) {
    const role = k.flags.string('role');
    const clusterRole = k.flags.string('clusterrole');
    if ((role === '') === (clusterRole === '')) throw new CmdError('exactly one of clusterrole or role must be specified');
    const obj: KObject = { kind: 'RoleBinding', apiVersion: `${RBAC}/v1`, metadata: objectMeta(name, { namespace: k.namespaceExplicit ? k.namespace : undefined }) };
    const subj = subjects(k);
    if (subj.length) obj.subjects = subj;
    obj.roleRef = { apiGroup: RBAC, kind: role ? 'Role' : 'ClusterRole', name: role || clusterRole };
    return { object: obj, errorPrefix: 'failed to create rolebinding: ', namespaceSet: true };
  },
});

export const createClusterRoleBinding = generatorCommand({
  name: 'clusterrolebinding',
  flags: [stringFlag('clusterrole'), ...BINDING_FLAGS],
  required: ['clusterrole'],
  generate(k, name) {
    const obj: KObject = { kind: 'ClusterRoleBinding', apiVersion: `${RBAC}/v1`, metadata: objectMeta(name) };
    const subj = subjects(k);
    if (subj.length) obj.subjects = subj;
    obj.roleRef = { apiGroup: RBAC, kind: 'ClusterRole', name: k.flags.string('clusterrole') };
    return { object: obj, errorPrefix: 'failed to create clusterrolebinding: ' };
  },
});
