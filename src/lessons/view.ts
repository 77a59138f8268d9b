/** A ClusterView over anything that can get and list objects (the engine's ApiServer, a UI mirror). */
import type { KObject } from '../engine/api/types/meta';
import type { ClusterView } from './types';

export interface Getter {
  find(kind: string, namespace: string | undefined, name: string): KObject | undefined;
  list(kind: string, opts: { namespace?: string }): { items: readonly KObject[] };
}

export function viewOf(api: Getter): ClusterView {
  return {
    get: (kind, namespace, name) => api.find(kind, namespace, name),
    list: (kind, namespace) => api.list(kind, { namespace }).items,
  };
}
