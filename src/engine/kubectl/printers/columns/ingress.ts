/** Ingresses (printers.go printIngress): CLASS HOSTS ADDRESS PORTS AGE. */
import type { KindTable } from './types';
import { AGE, NAME, col, since } from './util';

export const ingressTable: KindTable = {
  columns: [NAME, col('Class'), col('Hosts'), col('Address'), col('Ports'), AGE],
  row(o, now) {
    const rules: { host?: string }[] = o.spec?.rules ?? [];
    const list: string[] = [];
    let more = false;
    for (const r of rules) {
      if (list.length === 3) more = true;
      if (!more && r.host) list.push(r.host);
    }
    let hosts = list.length === 0 ? '*' : list.join(',');
    if (more) hosts = `${hosts} + ${rules.length - 3} more...`;
    const addrs = new Set<string>();
    for (const i of o.status?.loadBalancer?.ingress ?? []) {
      if (i.ip) addrs.add(i.ip);
      else if (i.hostname) addrs.add(i.hostname);
    }
    return [
      o.metadata.name!,
      o.spec?.ingressClassName ?? '<none>',
      hosts,
      [...addrs].join(','),
      (o.spec?.tls ?? []).length ? '80, 443' : '80',
      since(o.metadata.creationTimestamp, now),
    ];
  },
};
