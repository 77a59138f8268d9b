/** `kubectl describe hpa` (describe.go describeHorizontalPodAutoscalerV2). */
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { KObject } from '../../api/types/meta';
import { describeEvents, eventsFor, printAnnotations, printLabels, rfc1123z, type DescribeContext } from './common';
import { DescribeWriter, LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3 } from './writer';

export function describeHorizontalPodAutoscaler(hpa: KObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  const spec = hpa.spec ?? {};
  const status = hpa.status ?? {};
  w.write(LEVEL_0, `Name:\t${hpa.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${hpa.metadata.namespace}\n`);
  printLabels(w, 'Labels', hpa.metadata.labels);
  printAnnotations(w, 'Annotations', hpa.metadata.annotations);
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(hpa.metadata.creationTimestamp)}\n`);
  w.write(LEVEL_0, `Reference:\t${spec.scaleTargetRef?.kind ?? ''}/${spec.scaleTargetRef?.name ?? ''}\n`);
  w.write(LEVEL_0, 'Metrics:\t( current / target )\n');
  const current: any[] = status.currentMetrics ?? [];
  (spec.metrics ?? []).forEach((m: any, i: number) => {
    const cur = current[i];
    switch (m.type) {
      case 'External': {
        const c = cur?.external?.current;
        if (m.external.target.averageValue) {
          w.write(LEVEL_1, `${JSON.stringify(m.external.metric.name)} (target average value):\t${c?.averageValue ?? '<unknown>'} / ${m.external.target.averageValue}\n`);
        } else {
          w.write(LEVEL_1, `${JSON.stringify(m.external.metric.name)} (target value):\t${cur?.external ? (c?.value ?? '0') : '<unknown>'} / ${m.external.target.value ?? '0'}\n`);
        }
        break;
      }
      case 'Pods':
        w.write(LEVEL_1, `${JSON.stringify(m.pods.metric.name)} on pods:\t${cur?.pods ? (cur.pods.current?.averageValue ?? '0') : '<unknown>'} / ${m.pods.target.averageValue ?? '0'}\n`);
        break;
      case 'Object': {
        w.write(LEVEL_1, `"${m.object.metric.name}" on ${m.object.describedObject.kind}/${m.object.describedObject.name} `);
        const c = cur?.object ? cur.object.current : undefined;
        if (m.object.target.type === 'AverageValue') w.write(LEVEL_0, `(target average value):\t${cur?.object ? (c?.averageValue ?? '0') : '<unknown>'} / ${m.object.target.averageValue ?? '0'}\n`);
        else w.write(LEVEL_0, `(target value):\t${cur?.object ? (c?.value ?? '0') : '<unknown>'} / ${m.object.target.value ?? '0'}\n`);
        break;
      }
      case 'Resource':
      case 'ContainerResource': {
        const key = m.type === 'Resource' ? 'resource' : 'containerResource';
        const src = m[key];
        if (m.type === 'Resource') w.write(LEVEL_1, `resource ${src.name} on pods`);
        else w.write(LEVEL_1, `resource ${src.name} of container "${src.container}" on pods`);
        const c = cur?.[key]?.current;
        if (src.target.averageValue) {
          w.write(LEVEL_0, `:\t${cur?.[key] ? (c?.averageValue ?? '0') : '<unknown>'} / ${src.target.averageValue}\n`);
        } else {
          const curText = cur?.[key] && c?.averageUtilization !== undefined ? `${c.averageUtilization}% (${c.averageValue ?? '0'})` : '<unknown>';
          const target = src.target.averageUtilization !== undefined ? `${src.target.averageUtilization}%` : '<auto>';
          w.write(LEVEL_1, `(as a percentage of request):\t${curText} / ${target}\n`);
        }
        break;
      }
      default:
        w.write(LEVEL_1, `<unknown metric type ${JSON.stringify(m.type)}>\n`);
    }
  });
  w.write(LEVEL_0, `Min replicas:\t${spec.minReplicas ?? '<unset>'}\n`);
  w.write(LEVEL_0, `Max replicas:\t${spec.maxReplicas ?? 0}\n`);
  if (spec.behavior) {
    w.write(LEVEL_0, 'Behavior:\n');
    for (const [title, rules] of [
      ['Scale Up', spec.behavior.scaleUp],
      ['Scale Down', spec.behavior.scaleDown],
    ] as [string, any][]) {
      if (!rules) continue;
      w.write(LEVEL_1, `${title}:\n`);
      if (rules.stabilizationWindowSeconds !== undefined) w.write(LEVEL_2, `Stabilization Window: ${rules.stabilizationWindowSeconds} seconds\n`);
      if (rules.policies?.length) {
        w.write(LEVEL_2, `Select Policy: ${rules.selectPolicy ?? 'Max'}\n`);
        w.write(LEVEL_2, 'Policies:\n');
        for (const p of rules.policies) w.write(LEVEL_3, `- Type: ${p.type}\tValue: ${p.value}\tPeriod: ${p.periodSeconds} seconds\n`);
      }
    }
  }
  w.write(LEVEL_0, `${spec.scaleTargetRef?.kind ?? ''} pods:\t`);
  w.write(LEVEL_0, `${status.currentReplicas ?? 0} current / ${status.desiredReplicas ?? 0} desired\n`);
  const conds: any[] = status.conditions ?? [];
  if (conds.length) {
    w.write(LEVEL_0, 'Conditions:\n');
    w.write(LEVEL_1, 'Type\tStatus\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t------\t-------\n');
    for (const c of conds) w.write(LEVEL_1, `${c.type}\t${c.status}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
  }
  describeEvents(w, eventsFor(ctx, hpa), ctx.now);
  return w.toString();
}
