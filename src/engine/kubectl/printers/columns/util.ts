/** Helpers shared by the per-kind printers (printers.go helpers). */
import type { KObject } from '../../../api/types/meta';
import { formatLabelSelector, type LabelSelector } from '../../../api/selectors';
import type { ColumnDefinition } from '../table';

export { since } from '../duration';

export const NAME: ColumnDefinition = { name: 'Name', type: 'string', format: 'name' };
export const AGE: ColumnDefinition = { name: 'Age', type: 'string' };
export const col = (name: string, type: ColumnDefinition['type'] = 'string', priority = 0): ColumnDefinition =>
  priority ? { name, type, priority } : { name, type };
/** CONTAINERS, IMAGES (and SELECTOR) shown with -o wide. */
export const WIDE_CONTAINERS: ColumnDefinition[] = [col('Containers', 'string', 1), col('Images', 'string', 1)];
export const WIDE_SELECTOR: ColumnDefinition = col('Selector', 'string', 1);

/** labels.FormatLabels: `a=b,c=d` with keys sorted, `<none>` when empty. */
export function formatLabelsOrNone(labels: Record<string, string> | undefined | null): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${labels![k]}`).join(',');
}

/** metav1.FormatLabelSelector (`<none>` for an empty selector). */
export function formatSelectorOrNone(ls: LabelSelector | undefined | null): string {
  if (!ls) return '<none>';
  return formatLabelSelector(ls);
}

/** layoutContainerCells: container names and images, comma separated. */
export function containerCells(containers: { name?: string; image?: string }[] | undefined): [string, string] {
  const cs = containers ?? [];
  return [cs.map((c) => c.name ?? '').join(','), cs.map((c) => c.image ?? '').join(',')];
}

/** The pod template's containers of a workload object. */
export function templateContainers(obj: KObject): { name?: string; image?: string }[] {
  return obj.spec?.template?.spec?.containers ?? [];
}

/** printBool / printBoolPtr. */
export function boolPtr(v: boolean | undefined | null): string {
  if (v === undefined || v === null) return '<unset>';
  return v ? 'True' : 'False';
}

/** formatResourceName with kind: `daemonset.apps/kube-proxy`. */
export function kindName(apiVersion: string, kind: string, name: string): string {
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  return `${(group ? `${kind}.${group}` : kind).toLowerCase()}/${name}`;
}

/** helper.GetAccessModesAsString. */
export function accessModes(modes: string[] | undefined): string {
  const m = new Set(modes ?? []);
  const out: string[] = [];
  if (m.has('ReadWriteOnce')) out.push('RWO');
  if (m.has('ReadOnlyMany')) out.push('ROX');
  if (m.has('ReadWriteMany')) out.push('RWX');
  if (m.has('ReadWriteOncePod')) out.push('RWOP');
  return out.join(',');
}

/** `<none>` for an empty string. */
export const orNone = (s: string | undefined | null): string => (s ? s : '<none>');
