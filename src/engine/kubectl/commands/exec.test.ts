import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster';
import { isLongRunning } from '../../shell/process';
import { MemFs, runKubectl } from '../testing';

// Texts of the real kubectl v1.32.5 running the same commands against the simulated cluster.
describe('kubectl exec -f', () => {
  it('finds the pod of a manifest, or the pod of a controller in it', () => {
    const cluster = createCluster({ nodes: 1 });
    const fs = new MemFs();
    const run = (line: string) => {
      const r = runKubectl(cluster, line, { fs });
      let code = r.code;
      for (let i = 0; i < 120 && code === undefined && isLongRunning(r.result); i++) {
        cluster.advance(1);
        code = r.result.poll();
      }
      return { out: r.out, err: r.err, code };
    };
    run('run expod --image=nginx');
    run('create deployment exdep --image=nginx');
    run('wait --for=condition=Ready pod/expod --timeout=60s');
    run('rollout status deploy/exdep');
    fs.write('expod.yaml', run('get pod expod -o yaml').out);
    fs.write('exdep.yaml', run('get deploy exdep -o yaml').out);
    fs.write('both.yaml', `${fs.read('expod.yaml')}---\n${fs.read('exdep.yaml')}`);
    expect(run('exec -f expod.yaml -- hostname')).toEqual({ out: 'expod\n', err: '', code: 0 });
    expect(run('exec -f exdep.yaml -- echo hi')).toEqual({ out: 'hi\n', err: '', code: 0 });
    expect(run('exec expod -f expod.yaml -- hostname')).toEqual({ out: '', err: 'error: resource/name arguments cannot be provided when a path is specified\n', code: 1 });
    expect(run('exec -f both.yaml -- hostname')).toEqual({ out: '', err: 'error: cannot exec into multiple objects at a time\n', code: 1 });
    expect(run('exec -f expod.yaml hostname').err).toBe(
      "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n",
    );
    run('delete pod expod --now');
    expect(run('exec -f expod.yaml -- hostname')).toEqual({ out: '', err: 'Error from server (NotFound): pods "expod" not found\n', code: 1 });
  });
});
