/**
 * RBAC describers (describe.go RoleDescriber, ClusterRoleDescriber, RoleBindingDescriber):
 * rules are broken down and compacted as k8s.io/kubectl/pkg/util/rbac does, then sorted by
 * PolicyRule.String().
 */
import type { KObject } from '../../api/types/meta';
import { printAnnotations, printLabels } from './common';
import { DescribeWriter, LEVEL_0, LEVEL_1 } from './writer';

interface Rule {
  verbs?: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

const goList = (xs: string[] | undefined): string => `[${(xs ?? []).join(' ')}]`;

/** The gogo-protobuf String() of a PolicyRule, the sort key. */
function ruleString(r: Rule): string {
  return `&PolicyRule{Verbs:${goList(r.verbs)},APIGroups:${goList(r.apiGroups)},Resources:${goList(r.resources)},ResourceNames:${goList(r.resourceNames)},NonResourceURLs:${goList(r.nonResourceURLs)},}`;
}

/** rbac.BreakdownRule: one rule per group, resource, verb (and resource name). */
function breakdown(rule: Rule): Rule[] {
  const out: Rule[] = [];
  for (const g of rule.apiGroups ?? []) {
    for (const res of rule.resources ?? []) {
      for (const v of rule.verbs ?? []) {
        if ((rule.resourceNames ?? []).length > 0) {
          for (const n of rule.resourceNames!) out.push({ apiGroups: [g], resources: [res], verbs: [v], resourceNames: [n] });
        } else out.push({ apiGroups: [g], resources: [res], verbs: [v] });
      }
    }
  }
  for (const url of rule.nonResourceURLs ?? []) for (const v of rule.verbs ?? []) out.push({ nonResourceURLs: [url], verbs: [v] });
  return out;
}

/** rbac.CompactRules: simple rules of one group/resource(/name) merge their verbs. */
function compact(rules: Rule[]): Rule[] {
  const compacted: Rule[] = [];
  const simple = new Map<string, Rule>();
  for (const r of rules) {
    const isSimple =
      (r.resourceNames ?? []).length <= 1 && (r.nonResourceURLs ?? []).length === 0 && (r.apiGroups ?? []).length === 1 && (r.resources ?? []).length === 1;
    if (!isSimple) {
      compacted.push(r);
      continue;
    }
    const key = JSON.stringify([r.apiGroups![0], r.resources![0], (r.resourceNames ?? []).length > 0, r.resourceNames?.[0] ?? '']);
    const existing = simple.get(key);
    if (existing) {
      for (const v of r.verbs ?? []) if (!existing.verbs!.includes(v)) existing.verbs!.push(v);
    } else simple.set(key, { ...r, verbs: [...(r.verbs ?? [])] });
  }
  return [...compacted, ...simple.values()];
}

/** CombineResourceGroup: `deployments.apps`, `pods/log`. */
function combineResourceGroup(resources: string[] | undefined, groups: string[] | undefined): string {
  if (!resources?.length) return '';
  const [res, sub] = resources[0].split(/\/(.*)/s);
  let out = res;
  if (groups?.length && groups[0] !== '') out += `.${groups[0]}`;
  if (sub !== undefined) out += `/${sub}`;
  return out;
}

export function describeRole(role: KObject): string {
  const rules = compact(((role.rules as Rule[]) ?? []).flatMap(breakdown));
  const keyed = rules.map((r, i) => ({ r, k: ruleString(r), i }));
  keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.i - b.i));
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${role.metadata.name}\n`);
  printLabels(w, 'Labels', role.metadata.labels);
  printAnnotations(w, 'Annotations', role.metadata.annotations);
  w.write(LEVEL_0, 'PolicyRule:\n');
  w.write(LEVEL_1, 'Resources\tNon-Resource URLs\tResource Names\tVerbs\n');
  w.write(LEVEL_1, '---------\t-----------------\t--------------\t-----\n');
  for (const { r } of keyed) {
    w.write(LEVEL_1, `${combineResourceGroup(r.resources, r.apiGroups)}\t${goList(r.nonResourceURLs)}\t${goList(r.resourceNames)}\t${goList(r.verbs)}\n`);
  }
  return w.toString();
}

export function describeRoleBinding(b: KObject): string {
  const w = new DescribeWriter();
  const ref = (b.roleRef ?? {}) as { kind?: string; name?: string };
  w.write(LEVEL_0, `Name:\t${b.metadata.name}\n`);
  printLabels(w, 'Labels', b.metadata.labels);
  printAnnotations(w, 'Annotations', b.metadata.annotations);
  w.write(LEVEL_0, 'Role:\n');
  w.write(LEVEL_1, `Kind:\t${ref.kind ?? ''}\n`);
  w.write(LEVEL_1, `Name:\t${ref.name ?? ''}\n`);
  w.write(LEVEL_0, 'Subjects:\n');
  w.write(LEVEL_1, 'Kind\tName\tNamespace\n');
  w.write(LEVEL_1, '----\t----\t---------\n');
  for (const s of (b.subjects as { kind: string; name: string; namespace?: string }[]) ?? []) {
    w.write(LEVEL_1, `${s.kind}\t${s.name}\t${s.namespace ?? ''}\n`);
  }
  return w.toString();
}
