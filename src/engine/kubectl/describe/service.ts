/** `kubectl describe service` and `describe endpoints` (describe.go). */
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { KObject } from '../../api/types/meta';
import { formatLabelsOrNone } from '../printers/columns/util';
import { describeEvents, eventsFor, printAnnotations, printLabels, type DescribeContext } from './common';
import { DescribeWriter, LEVEL_0, LEVEL_1, LEVEL_2 } from './writer';

/** formatEndpointSlices: ready endpoints as ip:port, at most 3 then `+ N more...`. */
export function formatEndpointSlices(slices: KObject[], portName?: string): string {
  if (slices.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  const ready = (e: any): boolean => e.conditions?.ready === undefined || e.conditions?.ready === null || e.conditions.ready === true;
  for (const s of slices) {
    const ports: any[] = (s.ports as any[]) ?? [];
    const eps: any[] = (s.endpoints as any[]) ?? [];
    if (ports.length === 0) {
      for (const e of eps) {
        if (list.length === max) more = true;
        if (!ready(e)) continue;
        if (!more) list.push(e.addresses[0]);
        count++;
      }
      continue;
    }
    for (const p of ports) {
      if (portName !== undefined && (p.name ?? '') !== portName) continue;
      for (const e of eps) {
        if (list.length === max) more = true;
        const addr: string = e.addresses[0];
        if (!ready(e)) continue;
        if (!more) list.push(addr.includes(':') ? `[${addr}]:${p.port}` : `${addr}:${p.port}`);
        count++;
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

export function describeService(svc: KObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  const spec = svc.spec ?? {};
  w.write(LEVEL_0, `Name:\t${svc.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${svc.metadata.namespace}\n`);
  printLabels(w, 'Labels', svc.metadata.labels);
  printAnnotations(w, 'Annotations', svc.metadata.annotations);
  w.write(LEVEL_0, `Selector:\t${formatLabelsOrNone(spec.selector)}\n`);
  w.write(LEVEL_0, `Type:\t${spec.type ?? ''}\n`);
  if (spec.ipFamilyPolicy) w.write(LEVEL_0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
  w.write(LEVEL_0, `IP Families:\t${(spec.ipFamilies ?? []).join(',') || '<none>'}\n`);
  w.write(LEVEL_0, `IP:\t${spec.clusterIP ?? ''}\n`);
  w.write(LEVEL_0, `IPs:\t${(spec.clusterIPs ?? []).join(',') || '<none>'}\n`);
  if (spec.externalIPs?.length) w.write(LEVEL_0, `External IPs:\t${spec.externalIPs.join(',')}\n`);
  if (spec.loadBalancerIP) w.write(LEVEL_0, `Desired LoadBalancer IP:\t${spec.loadBalancerIP}\n`);
  if (spec.externalName) w.write(LEVEL_0, `External Name:\t${spec.externalName}\n`);
  const ingress: any[] = svc.status?.loadBalancer?.ingress ?? [];
  if (ingress.length) {
    const list = ingress.map((i) => (i.ip ? (i.ipMode ? `${i.ip} (${i.ipMode})` : i.ip) : (i.hostname ?? ''))).join(', ');
    w.write(LEVEL_0, `LoadBalancer Ingress:\t${list}\n`);
  }
  const slices = ctx.api.list('EndpointSlice', { namespace: svc.metadata.namespace, labelSelector: `kubernetes.io/service-name=${svc.metadata.name}` }).items;
  for (const p of spec.ports ?? []) {
    const name = p.name || '<unset>';
    w.write(LEVEL_0, `Port:\t${name}\t${p.port}/${p.protocol ?? 'TCP'}\n`);
    w.write(LEVEL_0, `TargetPort:\t${p.targetPort ?? p.port}/${p.protocol ?? 'TCP'}\n`);
    if (p.nodePort) w.write(LEVEL_0, `NodePort:\t${name}\t${p.nodePort}/${p.protocol ?? 'TCP'}\n`);
    w.write(LEVEL_0, `Endpoints:\t${formatEndpointSlices(slices, p.name ?? '')}\n`);
  }
  w.write(LEVEL_0, `Session Affinity:\t${spec.sessionAffinity ?? ''}\n`);
  if (spec.externalTrafficPolicy) w.write(LEVEL_0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
  if (spec.internalTrafficPolicy) w.write(LEVEL_0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
  if (spec.healthCheckNodePort) w.write(LEVEL_0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`);
  if (spec.loadBalancerSourceRanges?.length) w.write(LEVEL_0, `LoadBalancer Source Ranges:\t${spec.loadBalancerSourceRanges.join(',')}\n`);
  describeEvents(w, eventsFor(ctx, svc), ctx.now);
  return w.toString();
}

export function describeEndpoints(ep: KObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${ep.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${ep.metadata.namespace}\n`);
  printLabels(w, 'Labels', ep.metadata.labels);
  printAnnotations(w, 'Annotations', ep.metadata.annotations);
  w.write(LEVEL_0, 'Subsets:\n');
  for (const s of (ep.subsets as any[]) ?? []) {
    w.write(LEVEL_1, `Addresses:\t${(s.addresses ?? []).map((a: any) => a.ip).join(',') || '<none>'}\n`);
    w.write(LEVEL_1, `NotReadyAddresses:\t${(s.notReadyAddresses ?? []).map((a: any) => a.ip).join(',') || '<none>'}\n`);
    if (s.ports?.length) {
      w.write(LEVEL_1, 'Ports:\n');
      w.write(LEVEL_2, 'Name\tPort\tProtocol\n');
      w.write(LEVEL_2, '----\t----\t--------\n');
      for (const p of s.ports) w.write(LEVEL_2, `${p.name || '<unset>'}\t${p.port}\t${p.protocol ?? 'TCP'}\n`);
    }
    w.write(LEVEL_0, '\n');
  }
  describeEvents(w, eventsFor(ctx, ep), ctx.now);
  return w.toString();
}
