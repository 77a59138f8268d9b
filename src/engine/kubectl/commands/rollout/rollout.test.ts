import { describe, expect, it } from 'vitest';
import { createCluster } from '../../../cluster';
import { isLongRunning } from '../../../shell/process';
import { MemFs, runKubectl } from '../../testing';

function setup() {
  const cluster = createCluster({ nodes: 2 });
  const fs = new MemFs({});
  const run = (line: string) => {
    const r = runKubectl(cluster, line, { fs });
    let code = r.code;
    for (let i = 0; i < 600 && code === undefined && isLongRunning(r.result); i++) {
      cluster.advance(1);
      code = r.result.poll();
    }
    return { out: r.out, err: r.err, code };
  };
  return { cluster, run };
}

describe('kubectl rollout and set image', () => {
  it('follows a rollout to the end', () => {
    const { run } = setup();
    run('create deployment web --image=nginx:1.26 --replicas=3');
    const r = run('rollout status deployment/web');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const lines = r.out.trimEnd().split('\n');
    expect(lines[lines.length - 1]).toBe('deployment "web" successfully rolled out');
    for (const l of lines.slice(0, -1)) {
      expect(l).toMatch(/^Waiting for deployment "web" rollout to finish: (\d+ out of 3 new replicas have been updated|\d+ old replicas are pending termination|\d of 3 updated replicas are available)\.\.\.$|^Waiting for deployment spec update to be observed\.\.\.$/);
    }
  });

  it('updates the image, keeps history and rolls back', () => {
    const { run } = setup();
    run('create deployment web --image=nginx:1.26 --replicas=2');
    run('rollout status deploy/web');
    expect(run('set image deployment/web nginx=nginx:1.27')).toEqual({ out: 'deployment.apps/web image updated\n', err: '', code: 0 });
    expect(run('set image deployment/web nginx=nginx:1.27')).toEqual({ out: '', err: '', code: 0 });
    expect(run('set image deployment/web nope=x')).toEqual({ out: '', err: 'error: unable to find container named "nope"\n', code: 1 });
    run('rollout status deploy/web');
    expect(run('rollout history deployment/web').out).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');
    expect(run('rollout undo deployment/web')).toEqual({ out: 'deployment.apps/web rolled back\n', err: '', code: 0 });
    expect(run('rollout undo deployment/web --to-revision=9')).toEqual({ out: '', err: 'error: unable to find specified revision 9 in history\n', code: 1 });
    run('rollout status deploy/web');
    expect(run('rollout history deployment/web').out).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n');
  });

  it('pauses, resumes and restarts', () => {
    const { run } = setup();
    run('create deployment web --image=nginx');
    expect(run('rollout pause deploy/web')).toEqual({ out: 'deployment.apps/web paused\n', err: '', code: 0 });
    expect(run('rollout pause deploy/web')).toEqual({ out: '', err: 'error: deployments.apps "web" is already paused\n', code: 1 });
    expect(run('rollout restart deploy/web')).toEqual({ out: '', err: 'error: deployments.apps "web" can\'t restart paused deployment (run rollout resume first)\n', code: 1 });
    expect(run('rollout undo deploy/web').err).toBe('error: no rollout history found for deployment "web"\n');
    expect(run('rollout resume deploy/web')).toEqual({ out: 'deployment.apps/web resumed\n', err: '', code: 0 });
    expect(run('rollout resume deploy/web')).toEqual({ out: '', err: 'error: deployments.apps "web" is not paused\n', code: 1 });
    expect(run('rollout restart deploy/web')).toEqual({ out: 'deployment.apps/web restarted\n', err: '', code: 0 });
    expect(run('rollout restart deploy/web --dry-run=client')).toEqual({ out: '', err: "error: unknown flag: --dry-run\nSee 'kubectl rollout restart --help' for usage.\n", code: 1 });
    expect(run('rollout status')).toEqual({ out: '', err: 'error: required resource not specified\n', code: 1 });
  });

  it('shows the template a dry-run undo would restore', () => {
    const { run, cluster } = setup();
    run('create deployment web --image=nginx:1.26');
    run('rollout status deploy/web');
    run('set image deployment/web nginx=nginx:1.27');
    run('rollout status deploy/web');
    const hash = cluster.api.list('ReplicaSet', { namespace: 'default' }).items.find((rs) => rs.spec.template.spec.containers[0].image === 'nginx:1.26')!.metadata.labels!['pod-template-hash'];
    expect(run('rollout undo deploy/web --dry-run=client')).toEqual({
      out: `deployment.apps/web Pod Template:
  Labels:\tapp=web
\tpod-template-hash=${hash}
  Containers:
   nginx:
    Image:\tnginx:1.26
    Port:\t<none>
    Host Port:\t<none>
    Environment:\t<none>
    Mounts:\t<none>
  Volumes:\t<none>
  Node-Selectors:\t<none>
  Tolerations:\t<none>
 (dry run)
`,
      err: '',
      code: 0,
    });
    expect(run('rollout history deploy/web -o name').out).toMatch(/^replicaset\.apps\/web-\w+\nreplicaset\.apps\/web-\w+\n$/);
    expect(run('rollout status deploy')).toEqual({ out: 'deployment "web" successfully rolled out\n', err: '', code: 0 });
  });
});
