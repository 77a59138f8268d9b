/**
 * `kubectl rollout status (TYPE NAME | TYPE/NAME) [flags]`
 * (k8s.io/kubectl/pkg/cmd/rollout/rollout_status.go): prints the status viewer's line for the
 * object and then for every change of it (a watch: repeated lines included, as kubectl prints
 * them), until the rollout is done, fails, or `--timeout` passes. Several objects (`-l`, a type
 * without a name, several names) are watched one after the other; errors are reported at the
 * end, and `No resources found in <ns> namespace.` when nothing matched.
 */
import type { KObject } from '../../../api/types/meta';
import type { LongRunning } from '../../../shell/process';
import type { Command, Kctx } from '../../command';
import { AggregateError, CmdError, formatError } from '../../errors';
import { boolFlag, durationFlag, intFlag, stringFlag } from '../../flags';
import { statusViewerFor } from '../../viewers/rollout-status';
import { groupKind, noResourcesFound, rolloutTargets, ROLLOUT_TARGET_FLAGS } from './common';

export const MSG_TIMED_OUT = 'timed out waiting for the condition';

/**
 * Watches one object until its rollout is done (0), fails (an error), or the deadline passes;
 * undefined while it goes on.
 */
function watchStatus(k: Kctx, first: KObject, revision: number, watch: boolean, timeoutMs: number): { poll(): number | undefined; stop(): void; deadline?: number } {
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
  const poll = (): number | undefined => {
    while (queue.length) {
      const obj = queue.shift()!;
      if (obj === 'deleted') {
        stop();
        throw new CmdError('object has been deleted');
      }
      const st = viewer(obj, revision);
      if (st.error) {
        stop();
        throw new CmdError(st.error);
      }
      k.out.write(st.message);
      if (st.done || !watch) {
        stop();
        return 0;
      }
    }
    if (deadline !== undefined && clock.now() >= deadline) {
      stop();
      throw new CmdError(MSG_TIMED_OUT);
    }
    return undefined;
  };
  return { poll, stop, deadline };
}

export const rolloutStatus: Command<void> = {
  name: 'status',
  help: '',
  flags: [...ROLLOUT_TARGET_FLAGS, intFlag('revision'), durationFlag('timeout'), boolFlag('watch', { short: 'w', default: true }), stringFlag('kustomize', { short: 'k' })],
  run: (_o, k) => {
    const revision = k.flags.int('revision');
    if (k.args.length === 0 && k.flags.strings('filename').length === 0 && !k.flags.string('kustomize')) {
      throw new CmdError('required resource not specified');
    }
    if (revision < 0) throw new CmdError(`revision must be a positive integer: ${revision}`);
    const { items, errors } = rolloutTargets(k);
    const watch = k.flags.bool('watch');
    const timeout = k.flags.duration('timeout');
    // The builder's visitor goes through the objects one after the other, each watched until
    // its rollout is done; errors are collected and reported at the end (ContinueOnError).
    const errs: unknown[] = [...errors];
    let i = 0;
    let current: ReturnType<typeof watchStatus> | undefined;
    const finish = (): number => {
      if (errs.length) throw new AggregateError(errs);
      if (items.length === 0) noResourcesFound(k);
      return 0;
    };
    /** Advances through the objects; undefined while one is being watched. */
    const step = (): number | undefined => {
      for (;;) {
        if (current) {
          try {
            if (current.poll() === undefined) return undefined;
          } catch (e) {
            errs.push(e);
          }
          current = undefined;
          i++;
        }
        if (i >= items.length) return finish();
        const { info, obj } = items[i];
        if (!statusViewerFor(info.kind) || info.group !== 'apps') {
          errs.push(new CmdError(`no status viewer has been implemented for ${groupKind(info)}`));
          i++;
          continue;
        }
        current = watchStatus(k, obj, revision, watch, timeout);
      }
    };
    const code = step();
    if (code !== undefined) return code;
    const run: LongRunning = {
      get deadlineMs() {
        return current?.deadline;
      },
      poll: () => {
        try {
          return step();
        } catch (e) {
          const { text, code: c } = formatError(e);
          k.err.write(text);
          return c;
        }
      },
      cancel() {
        current?.stop();
        return 130;
      },
    };
    return run;
  },
};
