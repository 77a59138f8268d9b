import { describe, expect, it } from 'vitest';
import { createCluster } from '../../../cluster';
import { runKubectl } from '../../testing';

// Expected texts are those of the real kubectl v1.32.5 running the same commands against the
// simulated cluster over HTTP.
function setup() {
  const cluster = createCluster({ nodes: 1 });
  const run = (line: string | string[], stdin?: string) => {
    const r = runKubectl(cluster, line, { stdin });
    return { out: r.out, err: r.err, code: r.code };
  };
  run('create deployment envd --image=nginx:1.26');
  run('create cm cfg --from-literal=db.host=x --from-literal=PORT=5432 --from-literal=a-b=1');
  run('create secret generic sec --from-literal=password=p');
  return { cluster, run };
}

const ok = (out: string, err = '') => ({ out, err, code: 0 });
const fail = (err: string) => ({ out: '', err, code: 1 });

describe('kubectl set env', () => {
  it('adds variables from literals, a ConfigMap and a Secret and lists them', () => {
    const { run } = setup();
    expect(run('set env deploy/envd --list')).toEqual(ok('# Deployment envd, container nginx\n'));
    expect(run('set env deploy/envd')).toEqual(ok(''));
    expect(run('set env deploy/envd A=1 B=2')).toEqual(ok('deployment.apps/envd env updated\n'));
    expect(run(['set', 'env', 'deploy/envd', '--from=configmap/cfg', '--dry-run=client', '-o', 'jsonpath={.spec.template.spec.containers[0].env}'])).toEqual(
      ok(
        '[{"name":"A","value":"1"},{"name":"B","value":"2"},{"name":"PORT","valueFrom":{"configMapKeyRef":{"key":"PORT","name":"cfg"}}},{"name":"A_B","valueFrom":{"configMapKeyRef":{"key":"a-b","name":"cfg"}}},{"name":"DB_HOST","valueFrom":{"configMapKeyRef":{"key":"db.host","name":"cfg"}}}]',
        'Warning: key a-b transferred to A_B\nWarning: key db.host transferred to DB_HOST\n',
      ),
    );
    expect(run('set env deploy/envd --from=configmap/cfg')).toEqual(
      ok('deployment.apps/envd env updated\n', 'Warning: key a-b transferred to A_B\nWarning: key db.host transferred to DB_HOST\n'),
    );
    expect(run('set env deploy/envd --from=secret/sec --prefix=MY_')).toEqual(ok('deployment.apps/envd env updated\n', 'Warning: key password transferred to PASSWORD\n'));
    expect(run('set env deploy/envd --list')).toEqual(
      ok(
        '# Deployment envd, container nginx\nA=1\nB=2\n# PORT from configmap cfg, key PORT\n# A_B from configmap cfg, key a-b\n# DB_HOST from configmap cfg, key db.host\n# MY_PASSWORD from secret sec, key password\n',
      ),
    );
    expect(run('set env deploy/envd --list --resolve')).toEqual(ok('# Deployment envd, container nginx\nA=1\nB=2\nPORT=5432\nA_B=1\nDB_HOST=x\nMY_PASSWORD=p\n'));
    expect(run('set env deploy/envd -e C=3 --keys=PORT --from=cm/cfg')).toEqual(ok('deployment.apps/envd env updated\n'));
    expect(run(['set', 'env', 'deploy/envd', 'X=1', '-c', 'ng*'])).toEqual(ok('deployment.apps/envd env updated\n'));
    // `-e KEY-` removes the variable, then kubectl finds no variable was given.
    expect(run('set env deploy/envd -e B-')).toEqual(fail('error: at least one environment variable must be provided\n'));
    expect(run('set env deploy/envd -', 'FROM_STDIN=yes # comment\nnoeq\n')).toEqual(ok('deployment.apps/envd env updated\n'));
    expect(run('set env deploy/envd --list')).toEqual(
      ok(
        '# Deployment envd, container nginx\nA=1\n# PORT from configmap cfg, key PORT\n# A_B from configmap cfg, key a-b\n# DB_HOST from configmap cfg, key db.host\n# MY_PASSWORD from secret sec, key password\nC=3\nX=1\nFROM_STDIN=yes \n',
      ),
    );
  });

  it('resolves field references and reports references it cannot resolve', () => {
    const { run } = setup();
    run([
      'patch', 'deploy', 'envd', '--type=json', '-p',
      '[{"op":"add","path":"/spec/template/spec/containers/0/env","value":[{"name":"POD","valueFrom":{"fieldRef":{"fieldPath":"metadata.labels"}}},{"name":"MISSING","valueFrom":{"configMapKeyRef":{"name":"cfg","key":"nokey"}}},{"name":"GONE","valueFrom":{"secretKeyRef":{"name":"nosec","key":"k"}}}]}]',
    ]);
    expect(run('set env deploy/envd --list --resolve')).toEqual(
      ok(
        '# Deployment envd, container nginx\nPOD=app="envd"\n# MISSING from configmap cfg, key nokey\n# GONE from secret nosec, key k\n',
        'error retrieving reference for GONE: secrets "nosec" not found\nerror retrieving reference for MISSING: key nokey not found in config map cfg\n',
      ),
    );
  });

  it('rejects bad input with kubectl errors', () => {
    const { run } = setup();
    run('set env deploy/envd A=1');
    expect(run('set env deploy/envd --keys=PORT')).toEqual(fail('error: when specifying --keys, a configmap or secret must be provided with --from\n'));
    expect(run('set env deploy/envd --from=deploy/envd')).toEqual(fail('error: unsupported resource specified in --from\n'));
    expect(run('set env deploy/envd --from=cm/nope')).toEqual(fail('Error from server (NotFound): configmaps "nope" not found\n'));
    expect(run('set env deploy/envd A- A=3')).toEqual(fail('error: can not both modify and remove the same environment variable in the same command\n'));
    expect(run('set env deploy/envd 1A=3')).toEqual(
      fail(
        `error: "1A" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')\n`,
      ),
    );
    expect(run('set env deploy/envd A=1 deploy/x')).toEqual(fail('error: all resources must be specified before environment changes: deploy/envd A=1 deploy/x\n'));
    expect(run('set env deploy/envd A=9 --overwrite=false')).toEqual(fail("error: deployments/envd 'A' already has a value (1), and --overwrite is false\n"));
    expect(run('set env deploy/envd --list -c nope')).toEqual(ok('', 'Warning: Deployment/envd does not have any containers matching "nope"\n'));
    expect(run('set env cm/cfg A=1')).toEqual(fail('error: configmaps/cfg the object is not a pod or does not have a pod template: *v1.ConfigMap\n'));
    expect(run('set env deploy/envd --list -o yaml')).toEqual(fail('error: --list and --output may not be specified together\n'));
  });
});
