/**
 * `kubectl create job NAME --image=image [--from=cronjob/name] -- [COMMAND] [args...]`
 * (k8s.io/kubectl/pkg/cmd/create/create_job.go).
 */
import type { KObject } from '../../../api/types/meta';
import { mappingFor } from '../../refs';
import { CmdError } from '../../errors';
import { stringFlag } from '../../flags';
import { generatorCommand, objectMeta } from './common';

export const createJob = generatorCommand({
  name: 'job',
  flags: [stringFlag('image'), stringFlag('from')],
  generate(k, name) {
    const image = k.flags.string('image');
    const from = k.flags.string('from');
    const command = k.args.slice(1);
    if ((image === '') === (from === '')) throw new CmdError('either --image or --from must be specified');
    if (from !== '' && command.length > 0) throw new CmdError('cannot specify --from and command');
    const namespace = k.namespaceExplicit ? k.namespace : undefined;
    if (image) {
      const container: Record<string, unknown> = { name, image };
      if (command.length) container.command = command;
      container.resources = {};
      const obj: KObject = {
        kind: 'Job',
        apiVersion: 'batch/v1',
        metadata: objectMeta(name, { namespace }),
        spec: { template: { metadata: { creationTimestamp: null }, spec: { containers: [container], restartPolicy: 'Never' } } },
        status: {},
      };
      return { object: obj, errorPrefix: 'failed to create job: ', namespaceSet: true };
    }
    const [type, source] = from.includes('/') ? from.split('/', 2) : [from, ''];
    const info = mappingFor(type);
    if (info.kind !== 'CronJob') throw new CmdError(`unknown object type ${info.kind}`);
    const cj = k.api.get(info.kind, k.namespace, source);
    const tmpl = cj.spec?.jobTemplate ?? {};
    const annotations: Record<string, string> = { 'cronjob.kubernetes.io/instantiate': 'manual', ...(tmpl.metadata?.annotations ?? {}) };
    const meta: Record<string, unknown> = { name };
    if (namespace) meta.namespace = namespace;
    meta.creationTimestamp = null;
    if (tmpl.metadata?.labels) meta.labels = tmpl.metadata.labels;
    meta.annotations = annotations;
    meta.ownerReferences = [{ apiVersion: 'batch/v1', kind: 'CronJob', name: cj.metadata.name, uid: cj.metadata.uid, controller: true }];
    const obj: KObject = {
      kind: 'Job',
      apiVersion: 'batch/v1',
      metadata: meta as KObject['metadata'],
      spec: structuredClone(tmpl.spec ?? {}),
      status: {},
    };
    return { object: obj, errorPrefix: 'failed to create job: ', namespaceSet: true };
  },
});
