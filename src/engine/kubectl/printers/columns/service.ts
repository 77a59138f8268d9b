/** Services (printers.go printService): TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE. */
import type { KObject } from '../../../api/types/meta';
import type { KindTable } from './types';
import { AGE, NAME, col, formatLabelsOrNone, since } from './util';

function lbIngress(status: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } } | undefined): string {
  const set = new Set<string>();
  for (const i of status?.loadBalancer?.ingress ?? []) {
    if (i.ip) set.add(i.ip);
    else if (i.hostname) set.add(i.hostname);
  }
  return [...set].join(',');
}

/** getServiceExternalIP (wide form, as the apiserver prints it). */
export function serviceExternalIP(svc: KObject): string {
  const ext: string[] = svc.spec?.externalIPs ?? [];
  switch (svc.spec?.type) {
    case 'ClusterIP':
    case 'NodePort':
      return ext.length ? ext.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = lbIngress(svc.status);
      if (ext.length) return [...(lb ? lb.split(',') : []), ...ext].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return svc.spec.externalName ?? '';
  }
  return '<unknown>';
}

/** makePortString: `80/TCP`, `80:30080/TCP`. */
export function servicePorts(svc: KObject): string {
  const ports: { port: number; nodePort?: number; protocol?: string }[] = svc.spec?.ports ?? [];
  return ports.map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`)).join(',');
}

export const serviceTable: KindTable = {
  columns: [NAME, col('Type'), col('Cluster-IP'), col('External-IP'), col('Port(s)'), AGE, col('Selector', 'string', 1)],
  row(o, now) {
    return [
      o.metadata.name!,
      o.spec?.type ?? '',
      o.spec?.clusterIPs?.[0] ?? '<none>',
      serviceExternalIP(o),
      servicePorts(o) || '<none>',
      since(o.metadata.creationTimestamp, now),
      formatLabelsOrNone(o.spec?.selector),
    ];
  },
};
