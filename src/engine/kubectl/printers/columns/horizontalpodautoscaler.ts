/** HorizontalPodAutoscalers (printers.go printHorizontalPodAutoscaler / formatHPAMetrics). */
import type { KObject } from '../../../api/types/meta';
import type { KindTable } from './types';
import { AGE, NAME, col, since } from './util';

interface Target {
  type?: string;
  value?: string;
  averageValue?: string;
  averageUtilization?: number;
}

/** formatHPAMetrics: at most 2 metrics, then `+ N more...`. */
export function formatHpaMetrics(hpa: KObject): string {
  const specs: Record<string, { name?: string; target?: Target; metric?: unknown }>[] = hpa.spec?.metrics ?? [];
  const statuses: Record<string, { current?: Target }>[] = hpa.status?.currentMetrics ?? [];
  if (specs.length === 0) return '<none>';
  const list: string[] = [];
  specs.forEach((spec, i) => {
    const type = spec.type as unknown as string;
    const st = statuses[i];
    switch (type) {
      case 'External':
      case 'Object': {
        const key = type === 'External' ? 'external' : 'object';
        const s = spec[key];
        const cur = st?.[key]?.current;
        if (s?.target?.averageValue) list.push(`${cur?.averageValue ?? '<unknown>'}/${s.target.averageValue} (avg)`);
        else list.push(`${cur?.value ?? '<unknown>'}/${s?.target?.value ?? ''}`);
        break;
      }
      case 'Pods':
        list.push(`${st?.pods?.current?.averageValue ?? '<unknown>'}/${spec.pods?.target?.averageValue ?? ''}`);
        break;
      case 'Resource':
      case 'ContainerResource': {
        const key = type === 'Resource' ? 'resource' : 'containerResource';
        const s = spec[key];
        const cur = st?.[key]?.current;
        if (s?.target?.averageValue) list.push(`${s.name}: ${cur?.averageValue ?? '<unknown>'}/${s.target.averageValue}`);
        else {
          const c = cur?.averageUtilization !== undefined ? `${cur.averageUtilization}%` : '<unknown>';
          const t = s?.target?.averageUtilization !== undefined ? `${s.target.averageUtilization}%` : '<auto>';
          list.push(`${s?.name}: ${c}/${t}`);
        }
        break;
      }
      default:
        list.push('<unknown type>');
    }
  });
  if (list.length > 2) return `${list.slice(0, 2).join(', ')} + ${list.length - 2} more...`;
  return list.join(', ');
}

export const horizontalPodAutoscalerTable: KindTable = {
  columns: [NAME, col('Reference'), col('Targets'), col('MinPods'), col('MaxPods'), col('Replicas'), AGE],
  row: (o, now) => [
    o.metadata.name!,
    `${o.spec?.scaleTargetRef?.kind ?? ''}/${o.spec?.scaleTargetRef?.name ?? ''}`,
    formatHpaMetrics(o),
    o.spec?.minReplicas !== undefined && o.spec?.minReplicas !== null ? String(o.spec.minReplicas) : '<unset>',
    o.spec?.maxReplicas ?? 0,
    o.status?.currentReplicas ?? 0,
    since(o.metadata.creationTimestamp, now),
  ],
};
