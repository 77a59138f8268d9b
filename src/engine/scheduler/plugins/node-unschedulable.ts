/**
 * NodeUnschedulable filter (pkg/scheduler/framework/plugins/nodeunschedulable): a cordoned node
 * (spec.unschedulable) only takes pods tolerating node.kubernetes.io/unschedulable:NoSchedule.
 */
import { tolerationsTolerateTaint, unresolvable, type FilterPlugin, type Toleration } from '../types';

export const NODE_UNSCHEDULABLE = 'NodeUnschedulable';
export const ErrReasonUnschedulable = 'node(s) were unschedulable';
export const ErrReasonUnknownCondition = 'node(s) had unknown conditions';

const UNSCHEDULABLE_TAINT = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };

export const nodeUnschedulable: FilterPlugin = {
  name: NODE_UNSCHEDULABLE,
  filter(_state, pod, node) {
    if (!node.node) return unresolvable(ErrReasonUnknownCondition);
    if (!node.unschedulable) return null;
    if (tolerationsTolerateTaint(pod.pod.spec?.tolerations as Toleration[] | undefined, UNSCHEDULABLE_TAINT)) return null;
    return unresolvable(ErrReasonUnschedulable);
  },
};
