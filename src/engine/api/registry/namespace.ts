/** Namespace strategy (pkg/registry/core/namespace): phase Active, the kubernetes finalizer. */
import type { Strategy } from './strategy';

export const namespaceStrategy: Strategy = {
  statusSubresource: true,
  prepareForCreate(obj) {
    obj.spec = { finalizers: ['kubernetes'] };
    obj.status = { phase: 'Active' };
    const labels = (obj.metadata.labels ??= {});
    labels['kubernetes.io/metadata.name'] = obj.metadata.name!;
  },
  prepareForUpdate(obj, old) {
    obj.spec = old.spec;
    const labels = (obj.metadata.labels ??= {});
    labels['kubernetes.io/metadata.name'] = obj.metadata.name!;
  },
};
