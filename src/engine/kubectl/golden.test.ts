/**
 * Whole-output comparisons with real kubectl v1.32.5. testdata/state.json is a snapshot of a
 * simulated cluster (deployment mid-rollout, a crash-looping pod, an unschedulable pod, a
 * multi-container pod with an init container, a job, a cron job, services, config maps ...).
 * testdata/golden.json holds what the real kubectl printed for each command while reading
 * exactly these objects over HTTP from a fake apiserver (timestamps shifted to the wall clock
 * and shifted back in the output), so these tests compare our output byte for byte with it.
 */
import { describe, expect, it } from 'vitest';
import type { KObject } from '../api/types/meta';
import golden from './testdata/golden.json';
import state from './testdata/state.json';
import { runKubectl, seededCluster } from './testing';

const cluster = seededCluster(state.objects as unknown as KObject[], state.now);

describe('kubectl read commands against real kubectl v1.32 output', () => {
  it.each(golden)('$cmd prints what kubectl v1.32 prints', ({ cmd, out, err, code }) => {
    const r = runKubectl(cluster, cmd);
    expect(r.out).toBe(out);
    expect(r.err).toBe(err);
    expect(r.code ?? 0).toBe(code);
  });
});
