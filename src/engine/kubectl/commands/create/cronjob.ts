/**
 * `kubectl create cronjob NAME --image=image --schedule='0/5 * * * ?' -- [COMMAND] [args...]`
 * (k8s.io/kubectl/pkg/cmd/create/create_cronjob.go).
 */
import type { KObject } from '../../../api/types/meta';
import { stringFlag } from '../../flags';
import { generatorCommand, objectMeta } from './common';

export const createCronJob = generatorCommand({
  name: 'cronjob',
  aliases: ['cj'],
  flags: [stringFlag('image'), stringFlag('schedule'), stringFlag('restart')],
  required: ['image', 'schedule'],
  generate(k, name) {
    const command = k.args.slice(1);
    const container: Record<string, unknown> = { name, image: k.flags.string('image') };
    if (command.length) container.command = command;
    container.resources = {};
    const obj: KObject = {
      kind: 'CronJob',
      apiVersion: 'batch/v1',
      metadata: objectMeta(name, { namespace: k.namespaceExplicit ? k.namespace : undefined }),
      spec: {
        schedule: k.flags.string('schedule'),
        jobTemplate: {
          metadata: { name, creationTimestamp: null },
          spec: {
            template: {
              metadata: { creationTimestamp: null },
              spec: { containers: [container], restartPolicy: k.flags.string('restart') || 'OnFailure' },
            },
          },
        },
      },
      status: {},
    };
    return { object: obj, errorPrefix: 'failed to create cronjob: ', namespaceSet: true };
  },
});
