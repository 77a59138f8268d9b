/** `kubectl create namespace NAME` (k8s.io/kubectl/pkg/cmd/create/create_namespace.go). */
import { generatorCommand, objectMeta } from './common';

export const createNamespace = generatorCommand({
  name: 'namespace',
  aliases: ['ns'],
  flags: [],
  generate: (_k, name) => ({
    object: { kind: 'Namespace', apiVersion: 'v1', metadata: objectMeta(name), spec: {}, status: {} },
  }),
});
