/**
 * Runs the current step's check on the mirror whenever a push changes it, and records the step
 * as done the first time it passes. Subscribes to the store instead of selecting the mirror, so
 * the panel does not re-render on every push.
 */
import { useEffect, useRef, useState } from 'react';
import type { KObject } from '../../../engine/api/types/meta';
import type { Lesson } from '../../../lessons/types';
import { useCluster, type ClusterState } from '../../state/cluster-store';
import { mirrorView, NotMirroredError } from './cluster-view';
import { completeStep } from './progress';
import { useLessons } from './progress-store';

/** `uncheckable`: the check asks for something the browser does not mirror. */
export type CheckState = 'checking' | 'uncheckable';

export function useStepCheck(lesson: Lesson, index: number, done: boolean): CheckState {
  const [state, setState] = useState<CheckState>('checking');
  const cache = useRef(new WeakMap<object, KObject>());
  const check = lesson.steps[index]?.check;

  useEffect(() => {
    setState('checking');
    if (!check || done) return;
    let last: ClusterState['mirror'] | undefined;
    let warned = false;
    const run = (s: ClusterState): void => {
      const status = s.status;
      if (!status || status.restoring || status.generation < useLessons.getState().awaitGeneration) return;
      if (s.mirror === last) return;
      last = s.mirror;
      try {
        if (check(mirrorView(s.mirror, cache.current))) useLessons.getState().update((p) => completeStep(p, lesson.id, index));
      } catch (e) {
        // A check that throws is not passed; it must not break the store update that ran it.
        if (e instanceof NotMirroredError) setState('uncheckable');
        else if (!warned) {
          warned = true;
          console.warn(`kubeplay: the check of step ${index + 1} of lesson ${lesson.id} failed`, e);
        }
      }
    };
    run(useCluster.getState());
    return useCluster.subscribe(run);
  }, [check, done, lesson.id, index]);

  return state;
}
