/** NodeName filter (pkg/scheduler/framework/plugins/nodename): spec.nodeName must name the node. */
import { unresolvable, type FilterPlugin } from '../types';

export const NODE_NAME = 'NodeName';
/** nodename.ErrReason */
export const ErrReasonNodeName = "node(s) didn't match the requested node name";

export const nodeName: FilterPlugin = {
  name: NODE_NAME,
  passesAll: (pod) => !pod.pod.spec?.nodeName,
  filter(_state, pod, node) {
    const want = pod.pod.spec?.nodeName as string | undefined;
    if (!want || want === node.name) return null;
    return unresolvable(ErrReasonNodeName);
  },
};
