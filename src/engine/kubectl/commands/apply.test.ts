import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster';
import { isLongRunning } from '../../shell/process';
import { MemFs, runKubectl } from '../testing';
import { LAST_APPLIED_ANNOTATION } from '../../api/patch/last-applied';

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web, tier: fe}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: nginx
        image: nginx:1.26
        env:
        - {name: A, value: "1"}
        - {name: B, value: "2"}
`;
const SVC = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
  - port: 80
`;

function setup() {
  const cluster = createCluster({ nodes: 1 });
  const fs = new MemFs({ 'web.yaml': WEB, 'svc.yaml': SVC, 'all/web.yaml': WEB, 'all/svc.yaml': SVC });
  const run = (line: string, stdin?: string) => {
    const r = runKubectl(cluster, line, { fs, stdin });
    let code = r.code;
    for (let i = 0; i < 300 && code === undefined && isLongRunning(r.result); i++) {
      cluster.advance(1);
      code = r.result.poll();
    }
    return { out: r.out, err: r.err, code };
  };
  return { cluster, fs, run };
}

describe('kubectl apply', () => {
  it('creates, then reports unchanged, then configured', () => {
    const { run, fs } = setup();
    expect(run('apply -f web.yaml')).toEqual({ out: 'deployment.apps/web created\n', err: '', code: 0 });
    expect(run('apply -f web.yaml')).toEqual({ out: 'deployment.apps/web unchanged\n', err: '', code: 0 });
    fs.write('web.yaml', WEB.replace('replicas: 2', 'replicas: 3'));
    expect(run('apply -f web.yaml')).toEqual({ out: 'deployment.apps/web configured\n', err: '', code: 0 });
  });

  it('stores the last-applied annotation as kubectl writes it', () => {
    const { run, cluster } = setup();
    run('apply -f svc.yaml');
    const svc = cluster.api.get('Service', 'default', 'web');
    expect(svc.metadata.annotations?.[LAST_APPLIED_ANNOTATION]).toBe(
      '{"apiVersion":"v1","kind":"Service","metadata":{"annotations":{},"name":"web","namespace":"default"},"spec":{"ports":[{"port":80}],"selector":{"app":"web"}}}\n',
    );
  });

  it('removes what was dropped from the file and keeps what others added', () => {
    const { run, fs, cluster } = setup();
    run('apply -f web.yaml');
    run('label deployment web extra=1 --overwrite');
    fs.write('web.yaml', WEB.replace(', tier: fe', '').replace('        - {name: B, value: "2"}\n', ''));
    expect(run('apply -f web.yaml').out).toBe('deployment.apps/web configured\n');
    const d = cluster.api.get('Deployment', 'default', 'web');
    expect(d.metadata.labels).toEqual({ app: 'web', extra: '1' });
    expect(d.spec.template.spec.containers[0].env).toEqual([{ name: 'A', value: '1' }]);
  });

  it('applies a directory and stdin, several documents in order', () => {
    const { run } = setup();
    expect(run('apply -f all').out).toBe('service/web created\ndeployment.apps/web created\n');
    expect(run('apply -f -', `${WEB}---\n${SVC}`).out).toBe('deployment.apps/web unchanged\nservice/web unchanged\n');
  });

  it('warns about a missing annotation on objects created imperatively', () => {
    const { run } = setup();
    run('create -f web.yaml');
    expect(run('apply -f web.yaml')).toEqual({
      out: 'deployment.apps/web configured\n',
      err: `Warning: resource deployments/web is missing the ${LAST_APPLIED_ANNOTATION} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`,
      code: 0,
    });
  });

  it('prints dry runs without changing anything', () => {
    const { run, cluster } = setup();
    expect(run('apply -f web.yaml --dry-run=client').out).toBe('deployment.apps/web created (dry run)\n');
    expect(run('apply -f web.yaml --dry-run=server').out).toBe('deployment.apps/web created (server dry run)\n');
    expect(cluster.api.find('Deployment', 'default', 'web')).toBeUndefined();
  });

  it('fails as kubectl does without files and on a bad path', () => {
    const { run } = setup();
    expect(run('apply')).toEqual({ out: '', err: "error: must specify one of -f and -k\n", code: 1 });
    expect(run('apply -f nope.yaml')).toEqual({ out: '', err: 'error: the path "nope.yaml" does not exist\n', code: 1 });
  });

  it('reports an invalid object with the server text and its source', () => {
    const { run } = setup();
    const bad = SVC.replace('port: 80', 'port: 0');
    const r = run('apply -f -', bad);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      'The Service "web" is invalid: \n* spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive\n* spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive\n',
    );
  });
});
