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
    expect(run('rollout pause deploy/web').out).toBe('deployment.apps/web paused\n');
    expect(run('rollout pause deploy/web').out).toBe('deployment.apps/web already paused\n');
    expect(run('rollout undo deploy/web').err).toBe('error: no rollout history found for deployment "web"\n');
    expect(run('rollout resume deploy/web').out).toBe('deployment.apps/web resumed\n');
    expect(run('rollout restart deploy/web').out).toBe('deployment.apps/web restarted\n');
    expect(run('rollout status')).toEqual({ out: '', err: 'error: required resource not specified\n', code: 1 });
  });
});
