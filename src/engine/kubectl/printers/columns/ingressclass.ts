/** IngressClasses (printers.go printIngressClass). */
import type { KindTable } from './types';
import { AGE, NAME, col, since } from './util';

export const ingressClassTable: KindTable = {
  columns: [NAME, col('Controller'), col('Parameters'), AGE],
  row(o, now) {
    const p = o.spec?.parameters;
    const params = p ? `${p.kind}${p.apiGroup ? `.${p.apiGroup}` : ''}/${p.name}` : '<none>';
    return [o.metadata.name!, o.spec?.controller ?? '', params, since(o.metadata.creationTimestamp, now)];
  },
};
