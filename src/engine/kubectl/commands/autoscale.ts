/**
 * `kubectl autoscale (-f FILENAME | TYPE NAME | TYPE/NAME) [--min=MINPODS] --max=MAXPODS
 * [--cpu-percent=CPU]` (k8s.io/kubectl/pkg/cmd/autoscale/autoscale.go): an autoscaling/v1
 * HorizontalPodAutoscaler, stored as autoscaling/v2 (what the apiserver converts it to).
 */
import type { KObject } from '../../api/types/meta';
import { withApplyAnnotation } from '../../api/patch/last-applied';
import type { Command } from '../command';
import { AggregateError, CmdError } from '../errors';
import { boolFlag, FILENAME_FLAGS, intFlag, stringFlag } from '../flags';
import { fetchTargets, resolveTargets } from '../refs';
import { objectMeta } from './create/common';
import { checkOutput, dryRunStrategy, MUTATION_PRINT_FLAGS, printObject, requestBody, requireFlags } from './util/output';

const SCALABLE = ['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController'];

export const autoscale: Command<void> = {
  name: 'autoscale',
  help: '',
  flags: [
    ...FILENAME_FLAGS,
    ...MUTATION_PRINT_FLAGS,
    intFlag('cpu-percent', { default: -1 }),
    stringFlag('field-manager', { default: 'kubectl-autoscale' }),
    intFlag('max', { default: -1 }),
    intFlag('min', { default: -1 }),
    stringFlag('name'),
    boolFlag('save-config'),
  ],
  run: (_o, k) => {
    requireFlags(k, 'max');
    const dryRun = dryRunStrategy(k);
    checkOutput(k);
    const max = k.flags.int('max');
    const min = k.flags.int('min');
    const cpu = k.flags.int('cpu-percent');
    if (max < 1) throw new CmdError(`--max=MAXPODS is required and must be at least 1, max: ${max}`);
    if (max < min) throw new CmdError(`--max=MAXPODS must be larger or equal to --min=MINPODS, max: ${max}, min: ${min}`);
    const targets = resolveTargets(k, { args: k.args, filenames: k.flags.strings('filename'), recursive: k.flags.bool('recursive') });
    const { groups, errors } = fetchTargets(k.api, targets);
    const errs: unknown[] = [...errors];
    let count = 0;
    for (const g of groups) {
      for (const obj of g.objects) {
        if (!SCALABLE.includes(g.info.kind)) {
          errs.push(new CmdError(`cannot autoscale a ${g.info.kind}: could not find scale subresource for ${g.info.group ? `${g.info.group}/` : '/'}${g.info.version}, Resource=${g.info.plural} in discovery information`));
          continue;
        }
        const name = k.flags.string('name') || obj.metadata.name!;
        const apiVersion = g.info.group ? `${g.info.group}/${g.info.version}` : g.info.version;
        const spec: Record<string, unknown> = { scaleTargetRef: { kind: g.info.kind, name: obj.metadata.name, apiVersion } };
        if (min > 0) spec.minReplicas = min;
        spec.maxReplicas = max;
        if (cpu >= 0) spec.targetCPUUtilizationPercentage = cpu;
        const v1: KObject = {
          kind: 'HorizontalPodAutoscaler',
          apiVersion: 'autoscaling/v1',
          metadata: objectMeta(name),
          spec,
          status: { currentReplicas: 0, desiredReplicas: 0 },
        };
        count++;
        if (dryRun === 'client') {
          printObject(k, v1, 'created', dryRun, true);
          continue;
        }
        // The apiserver stores autoscaling/v1 as v2: targetCPUUtilizationPercentage becomes a
        // Resource metric (none given: the v2 default of 80% applies).
        const v2Spec: Record<string, unknown> = { scaleTargetRef: spec.scaleTargetRef, maxReplicas: max };
        if (min > 0) v2Spec.minReplicas = min;
        if (cpu >= 0) v2Spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: cpu } } }];
        let body: KObject = { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name }, spec: v2Spec };
        if (k.flags.bool('save-config')) body = withApplyAnnotation(v1);
        try {
          const created = k.api.create(requestBody(k.flags.bool('save-config') ? { ...body, apiVersion: 'autoscaling/v2', spec: v2Spec } : body), {
            namespace: k.namespace,
            dryRun: dryRun === 'server',
          });
          printObject(k, created, 'autoscaled', dryRun);
        } catch (e) {
          errs.push(e);
        }
      }
    }
    if (errs.length) throw new AggregateError(errs);
    if (count === 0) throw new CmdError('no objects passed to autoscale');
  },
};
