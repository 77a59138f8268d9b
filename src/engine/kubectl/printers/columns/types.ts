/**
 * Column definitions as data: per kind, the metav1.TableColumnDefinitions and the row
 * function of k8s.io/kubernetes/pkg/printers/internalversion/printers.go (what the apiserver
 * returns for `as=Table`). kubectl's terminal tables and the HTTP apiserver's Table responses
 * both use them.
 */
import type { KObject } from '../../../api/types/meta';
import type { Cell, ColumnDefinition } from '../table';

export interface KindTable {
  columns: ColumnDefinition[];
  /** The cells of one object at simulated time `nowMs` (one per column, wide ones included). */
  row(obj: KObject, nowMs: number): Cell[];
}
