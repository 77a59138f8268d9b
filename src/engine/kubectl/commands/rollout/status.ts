/**
 * `kubectl rollout status (TYPE NAME | TYPE/NAME) [flags]`
 * (k8s.io/kubectl/pkg/cmd/rollout/rollout_status.go): prints the status viewer's line for the
 * object and then for every change of it (a watch: repeated lines included, as kubectl prints
 * them), until the rollout is done, fails, or `--timeout` passes.
 */
import type { KObject } from '../../../api/types/meta';
import type { LongRunning } from '../../../shell/process';
import type { Command, Kctx } from '../../command';
import { CmdError } from '../../errors';
import { boolFlag, durationFlag, intFlag, stringFlag } from '../../flags';
import { statusViewerFor } from '../../viewers/rollout-status';
import { rolloutTargets, ROLLOUT_TARGET_FLAGS } from './common';

export const MSG_TIMED_OUT = 'timed out waiting for the condition';

function watchStatus(k: Kctx, first: KObject, revision: number, watch: boolean, timeoutMs: number): number | LongRunning {
  const kind = first.kind!;
  const viewer = statusViewerFor(kind)!;
  const ns = first.metadata.namespace;
  const name = first.metadata.name!;
  const queue: (KObject | 'deleted')[] = [first];
  const stop = k.api.watch(
    kind,
    (ev) => {
      if (ev.object.metadata.name !== name) return;
      queue.push(ev.type === 'DELETED' ? 'deleted' : ev.object);
    },
    { namespace: ns },
  );
  const clock = k.cluster.clock;
  const deadline = timeoutMs > 0 ? clock.now() + timeoutMs : undefined;
  const drain = (): number | undefined => {
    while (queue.length) {
      const obj = queue.shift()!;
      if (obj === 'deleted') {
        stop();
        k.err.write('error: object has been deleted\n');
        return 1;
      }
      const st = viewer(obj, revision);
      if (st.error) {
        stop();
        k.err.write(`error: ${st.error}\n`);
        return 1;
      }
      k.out.write(st.message);
      if (st.done || !watch) {
        stop();
        return 0;
      }
    }
    if (deadline !== undefined && clock.now() >= deadline) {
      stop();
      k.err.write(`error: ${MSG_TIMED_OUT}\n`);
      return 1;
    }
    return undefined;
  };
  const code = drain();
  if (code !== undefined) return code;
  return {
    deadlineMs: deadline,
    poll: drain,
    cancel() {
      stop();
      return 130;
    },
  };
}

export const rolloutStatus: Command<void> = {
  name: 'status',
  help: '',
  flags: [...ROLLOUT_TARGET_FLAGS, intFlag('revision'), durationFlag('timeout'), boolFlag('watch', { short: 'w', default: true }), stringFlag('kustomize', { short: 'k' })],
  run: (_o, k) => {
    const revision = k.flags.int('revision');
    const { items, errors } = rolloutTargets(k);
    if (revision < 0) throw new CmdError(`revision must be a positive integer: ${revision}`);
    if (errors.length) throw errors[0];
    if (items.length !== 1) throw new CmdError('rollout status is only supported on individual resources and resource collections are not supported yet');
    const { info, obj } = items[0];
    if (!statusViewerFor(info.kind)) throw new CmdError(`no status viewer has been implemented for ${info.kind}`);
    return watchStatus(k, obj, revision, k.flags.bool('watch'), k.flags.duration('timeout'));
  },
};
