/** Describers of EndpointSlice, PodDisruptionBudget and PriorityClass (describe.go). */
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { KObject } from '../../api/types/meta';
import { formatLabelsOrNone, formatSelectorOrNone } from '../printers/columns/util';
import { describeEvents, eventsFor, printAnnotations, printLabels, type DescribeContext } from './common';
import { DescribeWriter, LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3 } from './writer';

export function describeEndpointSlice(eps: KObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${eps.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${eps.metadata.namespace}\n`);
  printLabels(w, 'Labels', eps.metadata.labels);
  printAnnotations(w, 'Annotations', eps.metadata.annotations);
  w.write(LEVEL_0, `AddressType:\t${(eps.addressType as string) ?? ''}\n`);
  const ports: any[] = (eps.ports as any[]) ?? [];
  if (ports.length === 0) w.write(LEVEL_0, 'Ports: <unset>\n');
  else {
    w.write(LEVEL_0, 'Ports:\n');
    w.write(LEVEL_1, 'Name\tPort\tProtocol\n');
    w.write(LEVEL_1, '----\t----\t--------\n');
    for (const p of ports) w.write(LEVEL_1, `${p.name || '<unset>'}\t${p.port ?? '<unset>'}\t${p.protocol ?? 'TCP'}\n`);
  }
  const eps2: any[] = (eps.endpoints as any[]) ?? [];
  if (eps2.length === 0) w.write(LEVEL_0, 'Endpoints: <none>\n');
  else {
    w.write(LEVEL_0, 'Endpoints:\n');
    for (const e of eps2) {
      w.write(LEVEL_1, `- Addresses:\t${(e.addresses ?? []).join(', ') || '<none>'}\n`);
      w.write(LEVEL_2, 'Conditions:\n');
      w.write(LEVEL_3, `Ready:\t${e.conditions?.ready === undefined || e.conditions?.ready === null ? '<unset>' : String(e.conditions.ready)}\n`);
      w.write(LEVEL_2, `Hostname:\t${e.hostname ?? '<unset>'}\n`);
      if (e.targetRef) w.write(LEVEL_2, `TargetRef:\t${e.targetRef.kind}/${e.targetRef.name}\n`);
      w.write(LEVEL_2, `NodeName:\t${e.nodeName ?? '<unset>'}\n`);
      w.write(LEVEL_2, `Zone:\t${e.zone ?? '<unset>'}\n`);
    }
  }
  describeEvents(w, eventsFor(ctx, eps), ctx.now);
  return w.toString();
}

export function describePodDisruptionBudget(pdb: KObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  const spec = pdb.spec ?? {};
  const s = pdb.status ?? {};
  w.write(LEVEL_0, `Name:\t${pdb.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${pdb.metadata.namespace}\n`);
  if (spec.minAvailable !== undefined && spec.minAvailable !== null) w.write(LEVEL_0, `Min available:\t${spec.minAvailable}\n`);
  else if (spec.maxUnavailable !== undefined && spec.maxUnavailable !== null) w.write(LEVEL_0, `Max unavailable:\t${spec.maxUnavailable}\n`);
  w.write(LEVEL_0, spec.selector ? `Selector:\t${formatSelectorOrNone(spec.selector)}\n` : 'Selector:\t<unset>\n');
  w.write(LEVEL_0, 'Status:\n');
  w.write(LEVEL_2, `Allowed disruptions:\t${s.disruptionsAllowed ?? 0}\n`);
  w.write(LEVEL_2, `Current:\t${s.currentHealthy ?? 0}\n`);
  w.write(LEVEL_2, `Desired:\t${s.desiredHealthy ?? 0}\n`);
  w.write(LEVEL_2, `Total:\t${s.expectedPods ?? 0}\n`);
  describeEvents(w, eventsFor(ctx, pdb), ctx.now);
  return w.toString();
}

export function describePriorityClass(pc: KObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${pc.metadata.name}\n`);
  w.write(LEVEL_0, `Value:\t${(pc.value as number) ?? 0}\n`);
  w.write(LEVEL_0, `GlobalDefault:\t${(pc.globalDefault as boolean) ?? false}\n`);
  w.write(LEVEL_0, `PreemptionPolicy:\t${(pc.preemptionPolicy as string) ?? ''}\n`);
  w.write(LEVEL_0, `Description:\t${(pc.description as string) ?? ''}\n`);
  w.write(LEVEL_0, `Annotations:\t${formatLabelsOrNone(pc.metadata.annotations)}\n`);
  describeEvents(w, eventsFor(ctx, pc), ctx.now);
  return w.toString();
}
