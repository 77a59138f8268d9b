/**
 * `-o name` (k8s.io/cli-runtime/pkg/printers/name.go): `pod/web`, `deployment.apps/web`, with
 * the operation appended by write commands (`deployment.apps/web created`).
 */
import { resourceForKind } from '../../api/resources';
import type { KObject } from '../../api/types/meta';

/** `kind.group` in lower case (`deployment.apps`, `pod`). */
export function kindGroup(kind: string, apiVersion?: string): string {
  const info = resourceForKind(kind);
  const group = info ? info.group : apiVersion?.includes('/') ? apiVersion.split('/')[0] : '';
  return (group ? `${kind}.${group}` : kind).toLowerCase();
}

/** `deployment.apps/web`. */
export function resourceName(obj: KObject): string {
  // An object without a name (a kubeconfig) prints as `config/<unknown>`.
  return `${kindGroup(obj.kind ?? '', obj.apiVersion)}/${obj.metadata?.name || '<unknown>'}`;
}

/** The NamePrinter's line for an object, with an optional operation (`created`). */
export function printName(obj: KObject, operation?: string): string {
  return operation ? `${resourceName(obj)} ${operation}\n` : `${resourceName(obj)}\n`;
}
