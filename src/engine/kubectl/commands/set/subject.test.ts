import { describe, expect, it } from 'vitest';
import { createCluster } from '../../../cluster';
import { MemFs, runKubectl } from '../../testing';

// Texts of the real kubectl v1.32.5 running the same commands against the simulated cluster.
function setup() {
  const cluster = createCluster({ bare: true });
  const fs = new MemFs();
  const run = (line: string) => {
    const r = runKubectl(cluster, line, { fs });
    return { out: r.out, err: r.err, code: r.code };
  };
  run('create rolebinding rb --clusterrole=view --user=bob');
  run('create clusterrolebinding crb --clusterrole=view --group=devs');
  run('create cm cmx --from-literal=a=b');
  return { run, fs };
}

const ok = (out: string) => ({ out, err: '', code: 0 });
const fail = (err: string) => ({ out: '', err, code: 1 });

describe('kubectl set subject', () => {
  it('adds sorted, de-duplicated users, groups and service accounts once', () => {
    const { run, fs } = setup();
    expect(run('set subject rolebinding rb --user=alice --user=alice --group=qa --serviceaccount=:ci --serviceaccount=dev:bot')).toEqual(
      ok('rolebinding.rbac.authorization.k8s.io/rb subjects updated\n'),
    );
    expect(run('get rolebinding rb -o jsonpath={.subjects}').out).toBe(
      '[{"apiGroup":"rbac.authorization.k8s.io","kind":"User","name":"bob"},{"apiGroup":"rbac.authorization.k8s.io","kind":"User","name":"alice"},{"apiGroup":"rbac.authorization.k8s.io","kind":"Group","name":"qa"},{"kind":"ServiceAccount","name":"ci","namespace":"default"},{"kind":"ServiceAccount","name":"bot","namespace":"dev"}]',
    );
    expect(run('set subject rolebinding rb --user=alice')).toEqual(ok(''));
    expect(run('set subject rolebinding/rb --user=bob --dry-run=client')).toEqual(ok(''));
    expect(run('set subject rolebinding/rb --user=zed --dry-run=client -o jsonpath={.subjects[*].name}')).toEqual(ok('bob alice qa ci bot zed'));
    expect(run('set subject clusterrolebinding crb --serviceaccount=kube-system:ci -o name')).toEqual(ok('clusterrolebinding.rbac.authorization.k8s.io/crb\n'));
    fs.write('rb.yaml', run('get rolebinding rb -o yaml').out);
    expect(run('set subject -f rb.yaml --local --user=local-user -o jsonpath={.subjects[*].name}')).toEqual(ok('bob alice qa ci bot local-user'));
    expect(run('set subject rolebinding --all --group=allgroup')).toEqual(ok('rolebinding.rbac.authorization.k8s.io/rb subjects updated\n'));
  });

  it('rejects what kubectl rejects', () => {
    const { run } = setup();
    expect(run('set subject clusterrolebinding crb --serviceaccount=:ci')).toEqual(fail('error: serviceaccount must be <namespace>:<name>, namespace must be specified\n'));
    expect(run('set subject clusterrolebinding crb --serviceaccount=ci')).toEqual(fail('error: serviceaccount must be <namespace>:<name>\n'));
    expect(run('set subject cm/cmx --user=a')).toEqual(fail('error: configmaps/cmx setting subjects is only supported for RoleBinding/ClusterRoleBinding\n'));
    expect(run('set subject rolebinding rb')).toEqual(fail('error: you must specify at least one value of user, group or serviceaccount\n'));
    expect(run('set subject rolebinding nope --user=a')).toEqual(fail('Error from server (NotFound): rolebindings.rbac.authorization.k8s.io "nope" not found\n'));
    expect(run('set subject rolebinding rb --user=a --local')).toEqual(
      fail("error: you must specify resources by --filename when --local is set.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n"),
    );
    expect(run('set subject rolebinding rb --user=a --all -l x=y')).toEqual(fail('error: name cannot be provided when a selector is specified\n'));
    expect(run('set subject --user=a').err).toMatch(/^error: You must provide one or more resources by argument or filename\./);
  });
});
