/**
 * `kubectl drain NODE` (k8s.io/kubectl/pkg/cmd/drain/drain.go, k8s.io/kubectl/pkg/drain):
 * cordons the node, checks its pods with the drain filters (DaemonSet-managed, mirror, local
 * storage, unreplicated), evicts the rest (`evicting pod ns/name`), waits until each is gone
 * (`pod/name evicted`) and reports `node/NAME drained`.
 * Simplification: eviction is a graceful delete; PodDisruptionBudgets are not consulted.
 */
import type { KObject } from '../../api/types/meta';
import type { LongRunning } from '../../shell/process';
import type { Command, Kctx } from '../command';
import { boolFlag, durationFlag, intFlag, stringFlag } from '../flags';
import { parseSelector, matches } from '../../api/selectors';
import { dryRunStrategy, printObject } from './util/output';
import { cordonNode, NODE_FLAGS, nodesOf } from './util/nodes';

export const MSG_DAEMONSET_FATAL = 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)';
export const MSG_DAEMONSET_WARNING = 'ignoring DaemonSet-managed Pods';
export const MSG_LOCAL_STORAGE_FATAL = 'Pods with local storage (use --delete-emptydir-data to override)';
export const MSG_LOCAL_STORAGE_WARNING = 'deleting Pods with local storage';
export const MSG_UNMANAGED_FATAL = 'cannot delete Pods that declare no controller (use --force to override)';
export const MSG_UNMANAGED_WARNING = 'deleting Pods that declare no controller';
const MIRROR = 'kubernetes.io/config.mirror';

type Verdict = { delete: boolean; kind: 'ok' | 'skip' | 'warning' | 'error'; message?: string };

interface DrainOptions {
  ignoreDaemonSets: boolean;
  deleteEmptyDir: boolean;
  force: boolean;
  podSelector: string;
}

/** The drain filters, in order: the first that does not delete decides. */
function filterPod(k: Kctx, pod: KObject, o: DrainOptions): Verdict {
  const done = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
  const ctrl = pod.metadata.ownerReferences?.find((r) => r.controller);
  let warning: Verdict | undefined;
  // daemonSetFilter
  if (ctrl?.kind === 'DaemonSet' && !done) {
    const ds = k.api.find('DaemonSet', pod.metadata.namespace, ctrl.name);
    if (!ds) {
      if (!o.force) return { delete: false, kind: 'error', message: `daemonsets.apps "${ctrl.name}" not found` };
      warning = { delete: true, kind: 'warning', message: `daemonsets.apps "${ctrl.name}" not found` };
    } else if (!o.ignoreDaemonSets) return { delete: false, kind: 'error', message: MSG_DAEMONSET_FATAL };
    else return { delete: false, kind: 'warning', message: MSG_DAEMONSET_WARNING };
  }
  // mirrorPodFilter
  if (pod.metadata.annotations?.[MIRROR] !== undefined) return { delete: false, kind: 'skip' };
  // localStorageFilter
  if ((pod.spec?.volumes ?? []).some((v: { emptyDir?: unknown }) => v.emptyDir !== undefined) && !done) {
    if (!o.deleteEmptyDir) return { delete: false, kind: 'error', message: MSG_LOCAL_STORAGE_FATAL };
    warning ??= { delete: true, kind: 'warning', message: MSG_LOCAL_STORAGE_WARNING };
  }
  // unreplicatedFilter
  if (!done && !ctrl) {
    if (!o.force) return { delete: false, kind: 'error', message: MSG_UNMANAGED_FATAL };
    warning ??= { delete: true, kind: 'warning', message: MSG_UNMANAGED_WARNING };
  }
  return warning ?? { delete: true, kind: 'ok' };
}

/** utilerrors.NewAggregate(...).Error(). */
function aggregateText(msgs: string[]): string {
  return msgs.length === 1 ? msgs[0] : `[${msgs.join(', ')}]`;
}

export const drain: Command<void> = {
  name: 'drain',
  help: '',
  flags: [
    ...NODE_FLAGS,
    intFlag('chunk-size', { default: 500 }),
    boolFlag('delete-emptydir-data'),
    boolFlag('delete-local-data', { hidden: true }),
    boolFlag('disable-eviction'),
    boolFlag('force'),
    intFlag('grace-period', { default: -1 }),
    boolFlag('ignore-daemonsets'),
    boolFlag('ignore-errors'),
    stringFlag('pod-selector'),
    intFlag('skip-wait-for-delete-timeout'),
    durationFlag('timeout'),
  ],
  run: (_o, k) => {
    const nodes = nodesOf(k, 'drain NODE');
    const dryRun = dryRunStrategy(k);
    const o: DrainOptions = {
      ignoreDaemonSets: k.flags.bool('ignore-daemonsets'),
      deleteEmptyDir: k.flags.bool('delete-emptydir-data') || k.flags.bool('delete-local-data'),
      force: k.flags.bool('force'),
      podSelector: k.flags.string('pod-selector'),
    };
    for (const n of nodes) cordonNode(k, n, true);
    const podSel = o.podSelector ? parseSelector(o.podSelector) : undefined;
    const evicting: { node: KObject; pods: KObject[] }[] = [];
    const remaining: string[] = [];
    const fatal: string[] = [];
    for (const node of nodes) {
      const pods = k.api.podsOnNode(node.metadata.name!).filter((p) => !podSel || matches(podSel, p.metadata.labels));
      pods.sort((a, b) => (a.metadata.namespace! + '/' + a.metadata.name!).localeCompare(b.metadata.namespace! + '/' + b.metadata.name!));
      const errors = new Map<string, string[]>();
      const warnings = new Map<string, string[]>();
      const toDelete: KObject[] = [];
      for (const p of pods) {
        const v = filterPod(k, p, o);
        const ref = `${p.metadata.namespace}/${p.metadata.name}`;
        if (v.kind === 'error') errors.set(v.message!, [...(errors.get(v.message!) ?? []), ref]);
        if (v.kind === 'warning') warnings.set(v.message!, [...(warnings.get(v.message!) ?? []), ref]);
        if (v.delete) toDelete.push(p);
      }
      if (errors.size) {
        const msg = aggregateText([...errors].map(([m, ps]) => `cannot delete ${m}: ${ps.join(', ')}`));
        k.err.write(`error: unable to drain node ${JSON.stringify(node.metadata.name)} due to error: ${msg}, continuing command...\n`);
        remaining.push(node.metadata.name!);
        fatal.push(msg);
        continue;
      }
      if (warnings.size) k.warn([...warnings].map(([m, ps]) => `${m}: ${ps.join(', ')}`).join('; '));
      if (dryRun === 'client') {
        for (const p of toDelete) k.out.write(`evicting pod ${p.metadata.namespace}/${p.metadata.name} (dry run)\n`);
        printObject(k, node, 'drained', dryRun);
        continue;
      }
      const grace = k.flags.int('grace-period');
      for (const p of toDelete) {
        k.out.write(`evicting pod ${p.metadata.namespace}/${p.metadata.name}\n`);
        k.api.delete('Pod', p.metadata.namespace, p.metadata.name!, {
          gracePeriodSeconds: grace >= 0 ? grace : undefined,
          dryRun: dryRun === 'server',
        });
      }
      evicting.push({ node, pods: toDelete });
    }
    const finishNodes = (): number => {
      if (remaining.length) {
        k.err.write(`There are pending nodes to be drained:\n${remaining.map((r) => ` ${r}\n`).join('')}`);
        k.err.write(`error: ${aggregateText(fatal)}\n`);
        return 1;
      }
      return 0;
    };
    if (dryRun === 'server') {
      for (const e of evicting) printObject(k, e.node, 'drained', dryRun);
      return finishNodes();
    }
    // Wait for the evicted pods to be gone, node by node.
    const clock = k.cluster.clock;
    const timeout = k.flags.duration('timeout');
    const deadline = timeout > 0 ? clock.now() + timeout : undefined;
    const pending = evicting.map((e) => ({ node: e.node, pods: e.pods.map((p) => ({ pod: p, done: false })) }));
    const step = (): number | undefined => {
      while (pending.length) {
        const cur = pending[0];
        for (const e of cur.pods) {
          if (e.done) continue;
          const live = k.api.find('Pod', e.pod.metadata.namespace, e.pod.metadata.name!);
          if (!live || live.metadata.uid !== e.pod.metadata.uid) {
            e.done = true;
            k.out.write(`pod/${e.pod.metadata.name} evicted\n`);
          }
        }
        if (cur.pods.some((e) => !e.done)) {
          if (deadline !== undefined && clock.now() >= deadline) {
            k.err.write(`error: unable to drain node ${JSON.stringify(cur.node.metadata.name)} due to error: drain did not complete within ${timeout / 1000}s, continuing command...\n`);
            remaining.push(cur.node.metadata.name!);
            fatal.push(`drain did not complete within ${timeout / 1000}s`);
            pending.shift();
            continue;
          }
          return undefined;
        }
        printObject(k, cur.node, 'drained', dryRun);
        pending.shift();
      }
      return finishNodes();
    };
    const first = step();
    if (first !== undefined) return first;
    const lr: LongRunning = { deadlineMs: deadline, poll: step, cancel: () => 130 };
    return lr;
  },
};
