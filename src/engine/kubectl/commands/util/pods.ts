/**
 * The pod a command attaches to (polymorphichelpers.AttachablePodForObject, used by exec,
 * port-forward and cp): a pod by name, or the first active pod of a controller or service.
 */
import { isStatusError } from '../../../api/errors';
import { fromLabelSelector, matches } from '../../../api/selectors';
import type { KObject } from '../../../api/types/meta';
import type { Kctx } from '../../command';
import { CmdError } from '../../errors';
import { mappingFor } from '../../refs';
import { byLogging } from '../logs';

export function attachablePod(k: Kctx, ref: string): KObject {
  const slash = ref.indexOf('/');
  const info = slash < 0 ? mappingFor('pods') : mappingFor(ref.slice(0, slash));
  const name = slash < 0 ? ref : ref.slice(slash + 1);
  const obj = k.api.get(info.kind, k.namespace, name);
  if (info.kind === 'Pod') return obj;
  const sel = obj.spec?.selector;
  if (!sel) throw new CmdError(`cannot attach to *${info.version}.${info.kind}: selector for *${info.version}.${info.kind} not implemented`);
  const selector = info.kind === 'Service' || info.kind === 'ReplicationController' ? fromLabelSelector({ matchLabels: sel }) : fromLabelSelector(sel);
  const pods = k.api.list('Pod', { namespace: k.namespace }).items.filter((p) => matches(selector, p.metadata.labels));
  if (pods.length === 0) throw new CmdError('timed out waiting for the condition');
  return [...pods].sort(byLogging)[0];
}

export { isStatusError };
