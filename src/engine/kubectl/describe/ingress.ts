/** `kubectl describe ingress` (describe.go describeIngressV1). */
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { KObject } from '../../api/types/meta';
import { describeEvents, eventsFor, printAnnotations, printLabels, type DescribeContext } from './common';
import { formatEndpointSlices } from './service';
import { DescribeWriter, LEVEL_0, LEVEL_1, LEVEL_2 } from './writer';

function backendText(ctx: DescribeContext, ns: string, backend: any): string {
  if (backend?.service) {
    const svcRef = backend.service;
    const port = svcRef.port?.number ? String(svcRef.port.number) : (svcRef.port?.name ?? '');
    const sb = `${svcRef.name}:${port}`;
    const svc = ctx.api.find('Service', ns, svcRef.name);
    if (!svc) return `${sb} (<error: services "${svcRef.name}" not found>)`;
    let spName = '';
    for (const sp of svc.spec?.ports ?? []) {
      if (svcRef.port?.number && svcRef.port.number === sp.port) spName = sp.name ?? '';
      else if (svcRef.port?.name && svcRef.port.name === sp.name) spName = sp.name ?? '';
    }
    const slices = ctx.api.list('EndpointSlice', { namespace: ns, labelSelector: `kubernetes.io/service-name=${svcRef.name}` }).items;
    return `${sb} (${formatEndpointSlices(slices, spName)})`;
  }
  if (backend?.resource) {
    const r = backend.resource;
    return `APIGroup: ${r.apiGroup ?? '<none>'}, Kind: ${r.kind}, Name: ${r.name}`;
  }
  return '';
}

export function describeIngress(ing: KObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  const spec = ing.spec ?? {};
  const ns = ing.metadata.namespace!;
  w.write(LEVEL_0, `Name:\t${ing.metadata.name}\n`);
  printLabels(w, 'Labels', ing.metadata.labels);
  w.write(LEVEL_0, `Namespace:\t${ns}\n`);
  const addrs = new Set<string>();
  for (const i of ing.status?.loadBalancer?.ingress ?? []) {
    if (i.ip) addrs.add(i.ip);
    else if (i.hostname) addrs.add(i.hostname);
  }
  w.write(LEVEL_0, `Address:\t${[...addrs].join(',')}\n`);
  w.write(LEVEL_0, `Ingress Class:\t${spec.ingressClassName ?? '<none>'}\n`);
  const def = spec.defaultBackend ? backendText(ctx, ns, spec.defaultBackend) : '<default>';
  w.write(LEVEL_0, `Default backend:\t${def}\n`);
  if (spec.tls?.length) {
    w.write(LEVEL_0, 'TLS:\n');
    for (const t of spec.tls) {
      if (!t.secretName) w.write(LEVEL_1, `SNI routes ${(t.hosts ?? []).join(',')}\n`);
      else w.write(LEVEL_1, `${t.secretName} terminates ${(t.hosts ?? []).join(',')}\n`);
    }
  }
  w.write(LEVEL_0, 'Rules:\n  Host\tPath\tBackends\n');
  w.write(LEVEL_1, '----\t----\t--------\n');
  let count = 0;
  for (const rule of spec.rules ?? []) {
    if (!rule.http) continue;
    count++;
    w.write(LEVEL_1, `${rule.host || '*'}\t\n`);
    for (const p of rule.http.paths ?? []) w.write(LEVEL_2, `\t${p.path ?? ''} \t${backendText(ctx, ns, p.backend)}\n`);
  }
  if (count === 0) w.write(LEVEL_1, `*\t*\t${def}\n`);
  printAnnotations(w, 'Annotations', ing.metadata.annotations);
  describeEvents(w, eventsFor(ctx, ing), ctx.now);
  return w.toString();
}
