import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster';
import { runKubectl } from '../testing';

// Texts of the real kubectl v1.32.5 running the same commands against the simulated cluster.
function setup() {
  const cluster = createCluster({ nodes: 1 });
  const run = (line: string, stdin?: string) => {
    const r = runKubectl(cluster, `${line} --wait=false`, { stdin });
    return { out: r.out, err: r.err, code: r.code };
  };
  run('run del1 --image=nginx');
  run('run del2 --image=nginx');
  return { cluster, run };
}

const ASK = 'Do you want to continue? (y/n): ';

describe('kubectl delete --interactive', () => {
  it('lists the objects and cancels without a y on stdin', () => {
    const { run, cluster } = setup();
    expect(run('delete pod del1 del2 -i')).toEqual({ out: `You are about to delete the following 2 resource(s):\npod/del1\npod/del2\n${ASK}deletion is cancelled\n`, err: '', code: 0 });
    expect(run('delete pod del1 -i', 'n\n')).toEqual({ out: `You are about to delete the following 1 resource(s):\npod/del1\n${ASK}deletion is cancelled\n`, err: '', code: 0 });
    expect(run('delete pod del1 --interactive', 'yes\n')).toEqual({ out: `You are about to delete the following 1 resource(s):\npod/del1\n${ASK}deletion is cancelled\n`, err: '', code: 0 });
    expect(cluster.api.find('Pod', 'default', 'del1')?.metadata.deletionTimestamp).toBeUndefined();
  });

  it('deletes what it listed after y, names included that do not exist', () => {
    const { run, cluster } = setup();
    expect(run('delete pod del1 nope -i', '  Y  extra')).toEqual({
      out: `You are about to delete the following 2 resource(s):\npod/del1\npod/nope\n${ASK}pod "del1" deleted\n`,
      err: 'Error from server (NotFound): pods "nope" not found\n',
      code: 1,
    });
    const del1 = cluster.api.find('Pod', 'default', 'del1');
    expect(del1 === undefined || del1.metadata.deletionTimestamp !== undefined).toBe(true);
    expect(run('delete pod nope -i --ignore-not-found', 'y')).toEqual({ out: `You are about to delete the following 1 resource(s):\npod/nope\n${ASK}`, err: '', code: 0 });
    expect(run('delete pod -l run=zz -i', 'y')).toEqual({ out: 'No resources found\n', err: '', code: 0 });
    expect(run('delete pod del2 -i --dry-run=client', 'y\n')).toEqual({ out: `You are about to delete the following 1 resource(s):\npod/del2\n${ASK}pod "del2" deleted (dry run)\n`, err: '', code: 0 });
    expect(run('delete pods -l run=del2 -i -o name', 'y')).toEqual({ out: `You are about to delete the following 1 resource(s):\npod/del2\n${ASK}pod/del2\n`, err: '', code: 0 });
    expect(run('delete pod del2 -i --raw /api', 'y')).toEqual({ out: '', err: 'error: --interactive can not be used with --raw\n', code: 1 });
  });

  it('treats a missing named object as found without --interactive too', () => {
    const { run } = setup();
    expect(run('delete pod nope --ignore-not-found')).toEqual({ out: '', err: '', code: 0 });
    expect(run('delete pod -l run=zz')).toEqual({ out: 'No resources found\n', err: '', code: 0 });
  });
});
