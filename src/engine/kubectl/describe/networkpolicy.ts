/** `kubectl describe networkpolicy` (describe.go describeNetworkPolicy). */
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { KObject } from '../../api/types/meta';
import { formatSelectorOrNone } from '../printers/columns/util';
import { printAnnotations, printLabels } from './common';
import { DescribeWriter, LEVEL_0, LEVEL_1, LEVEL_2 } from './writer';

/** Go's time.Time.String() of an RFC 3339 timestamp: `2026-11-26 09:00:00 +0000 UTC`. */
function goTimeString(ts: string | undefined): string {
  if (!ts) return '0001-01-01 00:00:00 +0000 UTC';
  return new Date(ts).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, ' +0000 UTC');
}

function printRules(w: DescribeWriter, rules: any[] | undefined, dir: 'From' | 'To', indent: string): void {
  const list = rules ?? [];
  if (list.length === 0) {
    w.write(LEVEL_0, `${indent}<none> (Selected pods are isolated for ${dir === 'From' ? 'ingress' : 'egress'} connectivity)\n`);
    return;
  }
  list.forEach((rule, i) => {
    const ports: any[] = rule.ports ?? [];
    if (ports.length === 0) w.write(LEVEL_0, `${indent}To Port: <any> (traffic allowed to all ports)\n`);
    for (const p of ports) {
      const proto = p.protocol ?? 'TCP';
      const port = p.port === undefined || p.port === null ? '%!s(<nil>)' : String(p.port);
      if (p.endPort === undefined || p.endPort === null) w.write(LEVEL_0, `${indent}To Port: ${port}/${proto}\n`);
      else w.write(LEVEL_0, `${indent}To Port Range: ${port}-${p.endPort}/${proto}\n`);
    }
    const peers: any[] = (dir === 'From' ? rule.from : rule.to) ?? [];
    if (peers.length === 0) {
      w.write(LEVEL_0, `${indent}${dir}: <any> (traffic not restricted by ${dir === 'From' ? 'source' : 'destination'})\n`);
    }
    for (const peer of peers) {
      w.write(LEVEL_0, `${indent}${dir}:\n`);
      if (peer.podSelector && peer.namespaceSelector) {
        w.write(LEVEL_1, `${indent}NamespaceSelector: ${formatSelectorOrNone(peer.namespaceSelector)}\n`);
        w.write(LEVEL_1, `${indent}PodSelector: ${formatSelectorOrNone(peer.podSelector)}\n`);
      } else if (peer.podSelector) {
        w.write(LEVEL_1, `${indent}PodSelector: ${formatSelectorOrNone(peer.podSelector)}\n`);
      } else if (peer.namespaceSelector) {
        w.write(LEVEL_1, `${indent}NamespaceSelector: ${formatSelectorOrNone(peer.namespaceSelector)}\n`);
      } else if (peer.ipBlock) {
        w.write(LEVEL_1, `${indent}IPBlock:\n`);
        w.write(LEVEL_2, `${indent}CIDR: ${peer.ipBlock.cidr}\n`);
        w.write(LEVEL_2, `${indent}Except: ${(peer.ipBlock.except ?? []).join(', ')}\n`);
      }
    }
    if (i !== list.length - 1) w.write(LEVEL_0, `${indent}----------\n`);
  });
}

export function describeNetworkPolicy(np: KObject): string {
  const w = new DescribeWriter();
  const spec = np.spec ?? {};
  w.write(LEVEL_0, `Name:\t${np.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${np.metadata.namespace}\n`);
  w.write(LEVEL_0, `Created on:\t${goTimeString(np.metadata.creationTimestamp)}\n`);
  printLabels(w, 'Labels', np.metadata.labels);
  printAnnotations(w, 'Annotations', np.metadata.annotations);
  w.write(LEVEL_0, 'Spec:\n');
  w.write(LEVEL_1, 'PodSelector: ');
  const ps = spec.podSelector ?? {};
  if (Object.keys(ps.matchLabels ?? {}).length === 0 && (ps.matchExpressions ?? []).length === 0) {
    w.write(LEVEL_2, '<none> (Allowing the specific traffic to all pods in this namespace)\n');
  } else {
    w.write(LEVEL_2, `${formatSelectorOrNone(ps)}\n`);
  }
  const types: string[] = spec.policyTypes ?? [];
  if (types.includes('Ingress')) {
    w.write(LEVEL_1, 'Allowing ingress traffic:\n');
    printRules(w, spec.ingress, 'From', '    ');
  } else w.write(LEVEL_1, 'Not affecting ingress traffic\n');
  if (types.includes('Egress')) {
    w.write(LEVEL_1, 'Allowing egress traffic:\n');
    printRules(w, spec.egress, 'To', '    ');
  } else w.write(LEVEL_1, 'Not affecting egress traffic\n');
  w.write(LEVEL_1, `Policy Types: ${types.join(', ') || '<none>'}\n`);
  return w.toString();
}
