import { describe, expect, it } from 'vitest';
import { createCluster } from '../../../cluster';
import { isLongRunning } from '../../../shell/process';
import { MemFs, runKubectl } from '../../testing';

const DS = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: fluentd
  annotations:
    kubernetes.io/change-cause: initial
spec:
  selector:
    matchLabels:
      app: fluentd
  template:
    metadata:
      labels:
        app: fluentd
    spec:
      containers:
      - name: fluentd
        image: nginx:1.26
`;

const STS = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: web
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.26
`;

function template(app: string, container: string, image: string, extra = ''): string {
  return `Pod Template:
  Labels:\tapp=${app}
${extra}  Containers:
   ${container}:
    Image:\t${image}
    Port:\t<none>
    Host Port:\t<none>
    Environment:\t<none>
    Mounts:\t<none>
  Volumes:\t<none>
  Node-Selectors:\t<none>
  Tolerations:\t<none>
`;
}

function setup() {
  const cluster = createCluster({ nodes: 3 });
  const fs = new MemFs({ 'ds.yaml': DS, 'sts.yaml': STS });
  const run = (line: string | string[]) => {
    const r = runKubectl(cluster, line, { fs });
    let code = r.code;
    for (let i = 0; i < 600 && code === undefined && isLongRunning(r.result); i++) {
      cluster.advance(1);
      code = r.result.poll();
    }
    return { out: r.out, err: r.err, code };
  };
  run('apply -f ds.yaml');
  run('apply -f sts.yaml');
  run('rollout status ds/fluentd');
  run('rollout status sts/web');
  return { cluster, run };
}

describe('kubectl rollout on DaemonSets and StatefulSets', () => {
  it('lists ControllerRevisions with their change cause', () => {
    const { run } = setup();
    expect(run('rollout history ds/fluentd')).toEqual({ out: 'daemonset.apps/fluentd \nREVISION  CHANGE-CAUSE\n1         initial\n\n', err: '', code: 0 });
    expect(run('rollout history sts/web')).toEqual({ out: 'statefulset.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n\n', err: '', code: 0 });
    expect(run('rollout undo ds/fluentd')).toEqual({ out: '', err: 'error: no last revision to roll back to\n', code: 1 });
    expect(run('rollout undo sts/web --dry-run=client')).toEqual({ out: '', err: 'error: no last revision to roll back to\n', code: 1 });
  });

  it('prints the status of a rolling update until every pod is updated', () => {
    const { run } = setup();
    run('set image ds/fluentd fluentd=nginx:1.27');
    expect(run('rollout status ds/fluentd')).toEqual({
      out:
        'Waiting for daemon set spec update to be observed...\n' +
        'Waiting for daemon set "fluentd" rollout to finish: 0 out of 3 new pods have been updated...\n' +
        'Waiting for daemon set "fluentd" rollout to finish: 1 out of 3 new pods have been updated...\n' +
        'Waiting for daemon set "fluentd" rollout to finish: 1 out of 3 new pods have been updated...\n' +
        'Waiting for daemon set "fluentd" rollout to finish: 2 out of 3 new pods have been updated...\n' +
        'Waiting for daemon set "fluentd" rollout to finish: 2 out of 3 new pods have been updated...\n' +
        'Waiting for daemon set "fluentd" rollout to finish: 2 of 3 updated pods are available...\n' +
        'daemon set "fluentd" successfully rolled out\n',
      err: '',
      code: 0,
    });
    run('set image sts/web nginx=nginx:1.27');
    expect(run('rollout status sts/web')).toEqual({
      out:
        'Waiting for statefulset spec update to be observed...\n' +
        'Waiting for partitioned roll out to finish: 0 out of 2 new pods have been updated...\n' +
        'Waiting for 1 pods to be ready...\n' +
        'Waiting for partitioned roll out to finish: 1 out of 2 new pods have been updated...\n' +
        'Waiting for 1 pods to be ready...\n' +
        'partitioned roll out complete: 2 new pods have been updated...\n',
      err: '',
      code: 0,
    });
  });

  it('stops at the partition of a StatefulSet and refuses OnDelete strategies', () => {
    const { run } = setup();
    run(['patch', 'sts/web', '-p', '{"spec":{"updateStrategy":{"rollingUpdate":{"partition":1}}}}']);
    run('set image sts/web nginx=nginx:1.27');
    expect(run('rollout status sts/web --watch=false')).toEqual({ out: 'Waiting for statefulset spec update to be observed...\n', err: '', code: 0 });
    expect(run('rollout status sts/web').out.split('\n').slice(-2)).toEqual(['partitioned roll out complete: 1 new pods have been updated...', '']);
    expect(run('get pods -l app=web -o jsonpath={.items[*].spec.containers[0].image}').out).toBe('nginx:1.26 nginx:1.27');
    run(['patch', 'ds/fluentd', '-p', '{"spec":{"updateStrategy":{"type":"OnDelete","rollingUpdate":null}}}']);
    expect(run('rollout status ds/fluentd')).toEqual({ out: '', err: 'error: rollout status is only available for RollingUpdate strategy type\n', code: 1 });
  });

  it('shows one revision, rolls back to a ControllerRevision and renumbers it', () => {
    const { run } = setup();
    run('set image ds/fluentd fluentd=nginx:1.27');
    run('set image sts/web nginx=nginx:1.27');
    run('rollout status ds/fluentd');
    run('rollout status sts/web');
    expect(run('rollout history ds/fluentd').out).toBe('daemonset.apps/fluentd \nREVISION  CHANGE-CAUSE\n1         initial\n2         initial\n\n');
    expect(run('rollout history sts/web --revision=2')).toEqual({ out: `statefulset.apps/web with revision #2\n${template('web', 'nginx', 'nginx:1.27')}\n`, err: '', code: 0 });
    expect(run('rollout history ds/fluentd --revision=3')).toEqual({ out: '', err: 'error: unable to find the specified revision\n', code: 1 });
    expect(run('rollout undo ds/fluentd --dry-run=client')).toEqual({ out: `daemonset.apps/fluentd will roll back to ${template('fluentd', 'fluentd', 'nginx:1.26')} (dry run)\n`, err: '', code: 0 });
    expect(run('rollout undo ds/fluentd --to-revision=5')).toEqual({ out: '', err: 'error: unable to find specified revision 5 in history\n', code: 1 });
    expect(run('rollout undo ds/fluentd --to-revision=-1')).toEqual({ out: '', err: 'error: unable to find specified revision -1 in history\n', code: 1 });
    expect(run('rollout undo ds/fluentd --to-revision=2')).toEqual({ out: 'daemonset.apps/fluentd skipped rollback (current template already matches revision 2)\n', err: '', code: 0 });
    expect(run('rollout undo sts/web --to-revision=1')).toEqual({ out: 'statefulset.apps/web rolled back\n', err: '', code: 0 });
    expect(run('rollout undo ds/fluentd')).toEqual({ out: 'daemonset.apps/fluentd rolled back\n', err: '', code: 0 });
    run('rollout status ds/fluentd');
    run('rollout status sts/web');
    expect(run('rollout history ds/fluentd sts/web').out).toBe(
      'daemonset.apps/fluentd \nREVISION  CHANGE-CAUSE\n2         initial\n3         initial\n\n' +
        'statefulset.apps/web \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n',
    );
    expect(run('rollout history sts/web --revision=3').out).toBe(`statefulset.apps/web with revision #3\n${template('web', 'nginx', 'nginx:1.26')}\n`);
    expect(run('get ds fluentd -o jsonpath={.spec.template.spec.containers[0].image}').out).toBe('nginx:1.26');
    expect(run('get pods -l app=web -o jsonpath={.items[*].spec.containers[0].image}').out).toBe('nginx:1.26 nginx:1.26');
  });

  it('prints the history objects with -o', () => {
    const { run } = setup();
    run('set image sts/web nginx=nginx:1.27');
    run('rollout status sts/web');
    expect(run('rollout history sts/web -o name').out).toBe('statefulset.apps/web\nstatefulset.apps/web\n');
    expect(run('rollout history sts/web -o jsonpath={.spec.template.spec.containers[0].image},').out).toBe('nginx:1.26,nginx:1.27,');
    // client-go's JSONPath cannot run a range twice: the second object prints nothing.
    expect(run(['rollout', 'history', 'sts/web', '-o', 'jsonpath={range .spec.template.spec.containers[*]}{.image}{"\\n"}{end}']).out).toBe('nginx:1.26\n');
    const yaml = run('rollout history sts/web -o yaml').out;
    expect(yaml.split('\n').filter((l) => l === '---' || l.startsWith('kind:') || l.includes('image:'))).toEqual(['kind: StatefulSet', '      - image: nginx:1.26', '---', 'kind: StatefulSet', '      - image: nginx:1.27']);
    expect(run('rollout history sts/web --revision=9 -o name')).toEqual({ out: '', err: 'panic: reflect: call of reflect.Value.Type on zero Value\n', code: 2 });
  });

  it('refuses pause and resume, restarts with a new revision', () => {
    const { run, cluster } = setup();
    expect(run('rollout pause ds/fluentd')).toEqual({ out: '', err: 'error: daemonsets.apps "fluentd" pausing is not supported\n', code: 1 });
    expect(run('rollout resume sts/web')).toEqual({ out: '', err: 'error: statefulsets.apps "web" resuming is not supported\n', code: 1 });
    expect(run('rollout pause ds/fluentd sts/web')).toEqual({
      out: '',
      err: 'error: daemonsets.apps "fluentd" pausing is not supported\nerror: statefulsets.apps "web" pausing is not supported\n',
      code: 1,
    });
    expect(run('rollout restart ds/fluentd sts/web')).toEqual({ out: 'daemonset.apps/fluentd restarted\nstatefulset.apps/web restarted\n', err: '', code: 0 });
    expect(run('rollout restart ds/fluentd')).toEqual({
      out: '',
      err: 'error: failed to create patch for fluentd: if restart has already been triggered within the past second, please wait before attempting to trigger another\n',
      code: 1,
    });
    run('rollout status ds/fluentd sts/web');
    const at = cluster.clock.rfc3339();
    expect(at).toMatch(/Z$/);
    const restarted = run('rollout history ds/fluentd --revision=2').out;
    expect(restarted).toMatch(/^daemonset\.apps\/fluentd with revision #2\nPod Template:\n  Labels:\tapp=fluentd\n  Annotations:\tkubectl\.kubernetes\.io\/restartedAt: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\n  Containers:\n/);
  });

  it('names the kinds without history, rollbacker or status viewer as kubectl does', () => {
    const { run, cluster } = setup();
    run('create deployment dep --image=nginx:1.26');
    cluster.advance(1);
    const rs = run('get rs -o name').out.trim();
    expect(run(`rollout history ${rs}`)).toEqual({ out: '', err: 'error: no history viewer has been implemented for "ReplicaSet.apps"\n', code: 1 });
    expect(run(`rollout undo ${rs}`)).toEqual({ out: '', err: 'error: no rollbacker has been implemented for "ReplicaSet.apps"\n', code: 1 });
    expect(run(`rollout status ${rs}`)).toEqual({ out: '', err: 'error: no status viewer has been implemented for ReplicaSet.apps\n', code: 1 });
    expect(run('rollout history pod/web-0')).toEqual({ out: '', err: 'error: no history viewer has been implemented for "Pod"\n', code: 1 });
    expect(run('rollout restart svc/kubernetes')).toEqual({ out: '', err: 'error: services "kubernetes" restarting is not supported\n', code: 1 });
    expect(run('rollout status sts -l app=none')).toEqual({ out: '', err: 'No resources found in default namespace.\n', code: 0 });
    expect(run('rollout pause deploy -l app=none')).toEqual({ out: '', err: 'No resources found in default namespace.\n', code: 0 });
    expect(run('rollout history deploy -l app=none')).toEqual({ out: '', err: '', code: 0 });
  });
});
