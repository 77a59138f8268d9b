/**
 * `kubectl create deployment NAME --image=image -- [COMMAND] [args...]`
 * (k8s.io/kubectl/pkg/cmd/create/create_deployment.go).
 */
import type { KObject } from '../../../api/types/meta';
import type { Kctx } from '../../command';
import { CmdError } from '../../errors';
import { intFlag, stringSliceFlag } from '../../flags';
import { generatorCommand, objectMeta } from './common';

/** buildPodSpec's container name: the image's last path segment without tag or digest. */
export function containerNameForImage(image: string, rand: () => string): string {
  let name = image.split('/').pop()!;
  if (name.includes(':')) name = name.split(':')[0];
  if (name.includes('@')) name = name.split('@')[0];
  if (/[_.]/.test(name)) name = `${name.replace(/_/g, '-').replace(/\./g, '-')}-${rand()}`;
  return name;
}

export interface DeploymentParams {
  name: string;
  images: string[];
  command: string[];
  replicas: number;
  port: number;
  namespace?: string;
}

/** createDeployment: labels and selector `app: NAME`, one container per image. */
export function generateDeployment(p: DeploymentParams, rand: () => string): KObject {
  const labels = { app: p.name };
  const containers = p.images.map((image) => {
    const c: Record<string, unknown> = { name: containerNameForImage(image, rand), image };
    if (p.command.length) c.command = p.command;
    c.resources = {};
    return c;
  });
  if (p.port >= 0 && containers.length > 0) {
    const { name, image, command, resources } = containers[0];
    containers[0] = { name, image, ...(command ? { command } : {}), ports: [{ containerPort: p.port }], resources };
  }
  return {
    kind: 'Deployment',
    apiVersion: 'apps/v1',
    metadata: objectMeta(p.name, { namespace: p.namespace, labels }),
    spec: {
      replicas: p.replicas,
      selector: { matchLabels: { app: p.name } },
      template: { metadata: objectMeta(undefined, { labels: { app: p.name } }), spec: { containers } },
      strategy: {},
    },
    status: {},
  };
}

export const createDeployment = generatorCommand({
  name: 'deployment',
  aliases: ['deploy'],
  flags: [stringSliceFlag('image'), intFlag('port', { default: -1 }), intFlag('replicas', { short: 'r', default: 1 })],
  required: ['image'],
  generate(k: Kctx, name: string) {
    const command = k.args.slice(1);
    const images = k.flags.strings('image');
    if (images.length > 1 && command.length > 0) throw new CmdError('cannot specify multiple --image options and command');
    const obj = generateDeployment(
      {
        name,
        images,
        command,
        replicas: k.flags.int('replicas'),
        port: k.flags.int('port'),
        namespace: k.namespaceExplicit ? k.namespace : undefined,
      },
      () => k.cluster.rng.suffix(5),
    );
    return { object: obj, errorPrefix: 'failed to create deployment: ', namespaceSet: true };
  },
});
