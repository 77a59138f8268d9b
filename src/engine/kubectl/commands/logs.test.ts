import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster';
import { isLongRunning } from '../../shell/process';
import { MemFs, runKubectl } from '../testing';

function setup() {
  const cluster = createCluster({ nodes: 1 });
  const fs = new MemFs({
    'two.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: two
spec:
  containers:
  - name: a
    image: busybox
    command: ["sh", "-c", "echo from-a; sleep 3600"]
  - name: b
    image: busybox
    command: ["sh", "-c", "echo from-b; sleep 3600"]
`,
  });
  const run = (line: string, steps = 300) => {
    const r = runKubectl(cluster, line, { fs });
    let code = r.code;
    for (let i = 0; i < steps && code === undefined && isLongRunning(r.result); i++) {
      cluster.advance(1);
      code = r.result.poll();
    }
    return { out: r.out, err: r.err, code, result: r.result };
  };
  return { cluster, run };
}

describe('kubectl logs', () => {
  it('prints a container log and defaults the container of a multi-container pod', () => {
    const { run, cluster } = setup();
    run('run hello --image=busybox --restart=Never -- echo hello world');
    run('apply -f two.yaml');
    cluster.advance(60);
    expect(run('logs hello')).toEqual({ out: 'hello world\n', err: '', code: 0, result: 0 });
    expect(run('logs two')).toEqual({ out: 'from-a\n', err: 'Defaulted container "a" out of: a, b\n', code: 0, result: 0 });
    expect(run('logs two -c b').out).toBe('from-b\n');
    expect(run('logs two b').out).toBe('from-b\n');
    expect(run('logs two --all-containers --prefix').out).toBe('[pod/two/a] from-a\n[pod/two/b] from-b\n');
  });

  it('reports what kubectl reports', () => {
    const { run } = setup();
    expect(run('logs')).toMatchObject({
      err: "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n",
      code: 1,
    });
    expect(run('logs nope')).toMatchObject({
      err: 'error: error from server (NotFound): pods "nope" not found in namespace "default"\n',
      code: 1,
    });
  });

  it('reads a deployment through its first pod', () => {
    const { run, cluster } = setup();
    run('create deployment web --image=nginx --replicas=2');
    cluster.advance(60);
    const r = run('logs deploy/web');
    expect(r.err).toMatch(/^Found 2 pods, using pod\/web-[a-z0-9]+-[a-z0-9]{5}\n$/);
    expect(r.code).toBe(0);
  });
});
