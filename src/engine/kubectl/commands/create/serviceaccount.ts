/** `kubectl create serviceaccount NAME` (k8s.io/kubectl/pkg/cmd/create/create_serviceaccount.go). */
import { generatorCommand, objectMeta } from './common';

export const createServiceAccount = generatorCommand({
  name: 'serviceaccount',
  aliases: ['sa'],
  flags: [],
  generate: (k, name) => ({
    object: {
      kind: 'ServiceAccount',
      apiVersion: 'v1',
      metadata: objectMeta(name, { namespace: k.namespaceExplicit ? k.namespace : undefined }),
    },
    errorPrefix: 'failed to create serviceaccount: ',
    namespaceSet: true,
  }),
});
