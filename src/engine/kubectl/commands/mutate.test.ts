import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster';
import { isLongRunning } from '../../shell/process';
import { MemFs, runKubectl } from '../testing';

function setup() {
  const cluster = createCluster({ nodes: 1 });
  const fs = new MemFs({});
  const run = (line: string) => {
    const r = runKubectl(cluster, line, { fs });
    let code = r.code;
    for (let i = 0; i < 300 && code === undefined && isLongRunning(r.result); i++) {
      cluster.advance(1);
      code = r.result.poll();
    }
    return { out: r.out, err: r.err, code };
  };
  run('create deployment web --image=nginx --replicas=2');
  return { cluster, run };
}

describe('kubectl label and annotate', () => {
  it('labels, refuses to overwrite, overwrites and removes', () => {
    const { run, cluster } = setup();
    expect(run('label deploy web tier=fe')).toEqual({ out: 'deployment.apps/web labeled\n', err: '', code: 0 });
    expect(run('label deploy web tier=fe')).toEqual({ out: 'deployment.apps/web not labeled\n', err: '', code: 0 });
    expect(run('label deploy web app=api')).toEqual({
      out: '',
      err: "error: 'app' already has a value (web), and --overwrite is false\n",
      code: 1,
    });
    expect(run('label deploy web app=api --overwrite').out).toBe('deployment.apps/web labeled\n');
    expect(run('label deploy web tier-').out).toBe('deployment.apps/web unlabeled\n');
    expect(run('label deploy web nope-').out).toBe('label "nope" not found.\ndeployment.apps/web not labeled\n');
    expect(cluster.api.get('Deployment', 'default', 'web').metadata.labels).toEqual({ app: 'api' });
  });

  it('checks label arguments as kubectl does', () => {
    const { run } = setup();
    expect(run('label deploy web').err).toBe('error: at least one label update is required\n');
    expect(run('label a=b').err).toBe('error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n');
    expect(run('label deploy web a=b c').err).toBe('error: all resources must be specified before label changes: c\n');
    expect(run('label deploy web a=b a-').err).toBe('error: can not both modify and remove a label in the same command\n');
  });

  it('annotates with --overwrite and key- removal', () => {
    const { run, cluster } = setup();
    expect(run('annotate deploy web note=hello').out).toBe('deployment.apps/web annotated\n');
    expect(run('annotate deploy web note=bye').err).toBe(
      "error: --overwrite is false but found the following declared annotation(s): 'note' already has a value (hello)\n",
    );
    expect(run('annotate deploy web note=bye --overwrite').out).toBe('deployment.apps/web annotated\n');
    expect(cluster.api.get('Deployment', 'default', 'web').metadata.annotations?.note).toBe('bye');
    expect(run('annotate deploy web note-').out).toBe('deployment.apps/web annotated\n');
    expect(cluster.api.get('Deployment', 'default', 'web').metadata.annotations?.note).toBeUndefined();
  });
});

describe('kubectl patch', () => {
  it('applies strategic, merge and json patches', () => {
    const { run, cluster } = setup();
    expect(run(`patch deploy web -p '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.27"}]}}}}'`).out).toBe(
      'deployment.apps/web patched\n',
    );
    expect(cluster.api.get('Deployment', 'default', 'web').spec.template.spec.containers[0].image).toBe('nginx:1.27');
    expect(run(`patch deploy web --type merge -p '{"spec":{"replicas":2}}'`).out).toBe('deployment.apps/web patched (no change)\n');
    expect(run(`patch deploy web --type json -p '[{"op":"replace","path":"/spec/replicas","value":4}]'`).out).toBe('deployment.apps/web patched\n');
    expect(cluster.api.get('Deployment', 'default', 'web').spec.replicas).toBe(4);
  });

  it('reports a failed JSON patch test as the apiserver does', () => {
    const { run } = setup();
    expect(run(`patch deploy web --type json -p '[{"op":"test","path":"/spec/replicas","value":9}]'`)).toEqual({
      out: '',
      err: 'The request is invalid: the server rejected our request due to an error in our request\n',
      code: 1,
    });
  });

  it('checks its flags', () => {
    const { run } = setup();
    expect(run('patch deploy web').err).toBe('error: must specify --patch or --patch-file containing the contents of the patch\n');
    expect(run('patch deploy web -p {} --type foo').err).toBe('error: --type must be one of [json merge strategic], not "foo"\n');
    expect(run('patch deploy nope -p {}').err).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
  });
});

describe('kubectl scale', () => {
  it('scales and checks --current-replicas', () => {
    const { run, cluster } = setup();
    expect(run('scale deploy web --replicas=3')).toEqual({ out: 'deployment.apps/web scaled\n', err: '', code: 0 });
    expect(cluster.api.get('Deployment', 'default', 'web').spec.replicas).toBe(3);
    expect(run('scale deploy web --replicas=1 --current-replicas=2')).toEqual({
      out: '',
      err: 'error: Expected replicas to be 2, was 3\n',
      code: 1,
    });
    expect(run('scale deploy web').err).toBe('error: required flag(s) "replicas" not set\n');
  });
});
