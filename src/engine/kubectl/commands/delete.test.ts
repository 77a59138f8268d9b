import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster';
import { isLongRunning } from '../../shell/process';
import { MemFs, runKubectl } from '../testing';

function setup() {
  const cluster = createCluster({ nodes: 1 });
  const fs = new MemFs({});
  let polls = 0;
  const run = (line: string) => {
    const r = runKubectl(cluster, line, { fs });
    let code = r.code;
    polls = 0;
    for (; polls < 300 && code === undefined && isLongRunning(r.result); polls++) {
      cluster.advance(1);
      code = r.result.poll();
    }
    return { out: r.out, err: r.err, code };
  };
  return { cluster, run, polls: () => polls };
}

describe('kubectl delete', () => {
  it('deletes by name and prints kind "name" deleted', () => {
    const { run } = setup();
    run('create deployment web --image=nginx');
    run('create configmap cm --from-literal=a=b');
    expect(run('delete deployment web')).toEqual({ out: 'deployment.apps "web" deleted\n', err: '', code: 0 });
    expect(run('delete cm/cm -o name')).toEqual({ out: 'configmap/cm\n', err: '', code: 0 });
  });

  it('reports a missing object and keeps going', () => {
    const { run } = setup();
    run('create configmap a --from-literal=a=b');
    expect(run('delete configmap nope a')).toEqual({
      out: 'configmap "a" deleted\n',
      err: 'Error from server (NotFound): configmaps "nope" not found\n',
      code: 1,
    });
    // A named object is not read first: it counts as found, its NotFound is ignored (real kubectl v1.32.5).
    expect(run('delete configmap nope --ignore-not-found')).toEqual({ out: '', err: '', code: 0 });
  });

  it('waits for a running pod to terminate gracefully', () => {
    const { run, cluster, polls } = setup();
    run('run web --image=nginx');
    cluster.advance(30);
    expect(run('delete pod web')).toEqual({ out: 'pod "web" deleted\n', err: '', code: 0 });
    expect(polls()).toBeGreaterThan(0);
    expect(cluster.api.find('Pod', 'default', 'web')).toBeUndefined();
  });

  it('force deletes with the real warning', () => {
    const { run, cluster } = setup();
    run('run web --image=nginx');
    cluster.advance(30);
    expect(run('delete pod web --force')).toEqual({
      out: 'pod "web" force deleted\n',
      err: 'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n',
      code: 0,
    });
  });

  it('rejects contradictory flags', () => {
    const { run } = setup();
    expect(run('delete pods --all -l app=x').err).toBe("error: setting 'all' parameter but found a non empty selector. \n");
    expect(run('delete pod x --force --grace-period=5').err).toBe('error: --force and --grace-period greater than 0 cannot be specified together\n');
    expect(run('delete pod x --now --grace-period=5').err).toBe('error: --now and --grace-period cannot be specified together\n');
    expect(run('delete pod x -o yaml').err).toBe("error: unexpected -o output mode: yaml. We only support '-o name'\n");
    expect(run('delete pod x --cascade=sideways').err).toBe('error: invalid cascade value (sideways). Must be "background", "foreground", or "orphan".\n');
  });

  it('says No resources found when a selector matches nothing', () => {
    const { run } = setup();
    expect(run('delete pods -l app=none')).toEqual({ out: 'No resources found\n', err: '', code: 0 });
  });
});
