import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster';
import { isLongRunning } from '../../shell/process';
import { MemFs, runKubectl } from '../testing';

function setup() {
  const cluster = createCluster({ nodes: 1 });
  const fs = new MemFs({
    'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  a: "1"\n',
    'cm2.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  a: "2"\n',
  });
  const run = (line: string, opts: { env?: Record<string, string> } = {}) => {
    const r = runKubectl(cluster, line, { fs, env: opts.env });
    let code = r.code;
    for (let i = 0; i < 300 && code === undefined && isLongRunning(r.result); i++) {
      cluster.advance(1);
      code = r.result.poll();
    }
    return { out: r.out, err: r.err, code };
  };
  return { cluster, run };
}

describe('kubectl wait', () => {
  it('waits for a condition, for a jsonpath value and for deletion', () => {
    const { run } = setup();
    run('create deployment web --image=nginx --replicas=2');
    expect(run('wait --for=condition=Available deployment/web')).toEqual({ out: 'deployment.apps/web condition met\n', err: '', code: 0 });
    expect(run("wait --for=jsonpath={.status.readyReplicas}=2 deploy/web")).toEqual({ out: 'deployment.apps/web condition met\n', err: '', code: 0 });
    run('run tmp --image=nginx');
    expect(run('wait --for=condition=Ready pod/tmp --timeout=60s').out).toBe('pod/tmp condition met\n');
    run('delete pod tmp --wait=false');
    expect(run('wait --for=delete pod/tmp --timeout=60s').out).toBe('pod/tmp condition met\n');
  });

  it('times out with kubectl message', () => {
    const { run } = setup();
    run('create deployment web --image=nginx');
    expect(run('wait --for=condition=Nope deploy/web --timeout=5s')).toEqual({
      out: '',
      err: 'error: timed out waiting for the condition on deployments/web\n',
      code: 1,
    });
    expect(run('wait --for=bogus deploy/web').err).toBe('error: unrecognized condition: "bogus"\n');
  });
});

describe('kubectl replace, exec, edit, autoscale, auth, top, port-forward', () => {
  it('replaces and force-replaces', () => {
    const { run, cluster } = setup();
    expect(run('replace -f cm.yaml').err).toBe('Error from server (NotFound): error when replacing "cm.yaml": configmaps "cm" not found\n');
    run('create -f cm.yaml');
    expect(run('replace -f cm2.yaml')).toEqual({ out: 'configmap/cm replaced\n', err: '', code: 0 });
    expect(cluster.api.get('ConfigMap', 'default', 'cm').data).toEqual({ a: '2' });
    expect(run('replace --force -f cm.yaml')).toEqual({ out: 'configmap "cm" deleted\nconfigmap/cm replaced\n', err: '', code: 0 });
  });

  it('runs commands in a container', () => {
    const { run, cluster } = setup();
    run('run box --image=busybox -- sleep 3600');
    cluster.advance(30);
    expect(run('exec box -- echo hello')).toEqual({ out: 'hello\n', err: '', code: 0 });
    expect(run('exec box -- sh -c "exit 3"')).toEqual({ out: '', err: 'command terminated with exit code 3\n', code: 3 });
    expect(run('exec box echo hi').err).toBe(
      "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n",
    );
  });

  it('fails to edit without an editor as kubectl does', () => {
    const { run } = setup();
    run('create -f cm.yaml');
    expect(run('edit cm/cm')).toEqual({ out: '', err: 'error: unable to launch the editor "vi"\n', code: 1 });
    expect(run('edit cm/cm', { env: { KUBE_EDITOR: 'nano' } }).err).toBe('error: unable to launch the editor "nano"\n');
  });

  it('autoscales, answers can-i and has no metrics', () => {
    const { run, cluster } = setup();
    run('create deployment web --image=nginx');
    expect(run('autoscale deployment web --min=2 --max=5 --cpu-percent=70')).toEqual({
      out: 'horizontalpodautoscaler.autoscaling/web autoscaled\n',
      err: '',
      code: 0,
    });
    expect(cluster.api.get('HorizontalPodAutoscaler', 'default', 'web').spec.maxReplicas).toBe(5);
    expect(run('auth can-i create deployments')).toEqual({ out: 'yes\n', err: '', code: 0 });
    expect(run('top pods')).toEqual({ out: '', err: 'error: Metrics API not available\n', code: 1 });
    expect(run('top node')).toEqual({ out: '', err: 'error: Metrics API not available\n', code: 1 });
  });
});

describe('kubectl run attached', () => {
  it('shows the output of a throw-away pod and deletes it', () => {
    const { run, cluster } = setup();
    expect(run('run -it --rm tmp --image=busybox --restart=Never -- echo hello')).toEqual({
      out: 'hello\npod "tmp" deleted\n',
      err: 'Unable to use a TTY - input is not a terminal or the right kind of file\n',
      code: 0,
    });
    expect(cluster.api.find('Pod', 'default', 'tmp')).toBeUndefined();
    expect(run('run tmp --image=busybox --rm').err).toBe("error: --rm should only be used for attached containers\nSee 'kubectl run -h' for help and examples\n");
  });
});
