import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster';
import { isLongRunning } from '../../shell/process';
import { MemFs, runKubectl } from '../testing';

function setup() {
  const cluster = createCluster({ nodes: 2 });
  const run = (line: string) => {
    const r = runKubectl(cluster, line, { fs: new MemFs({}) });
    let code = r.code;
    for (let i = 0; i < 600 && code === undefined && isLongRunning(r.result); i++) {
      cluster.advance(1);
      code = r.result.poll();
    }
    return { out: r.out, err: r.err, code };
  };
  return { cluster, run };
}

const podsOn = (cluster: ReturnType<typeof createCluster>, node: string, ns?: string) =>
  cluster.api
    .podsOnNode(node)
    .filter((p) => !ns || p.metadata.namespace === ns)
    .map((p) => `${p.metadata.namespace}/${p.metadata.name}`)
    .sort();

describe('kubectl cordon, uncordon, drain and taint', () => {
  it('cordons and uncordons', () => {
    const { run } = setup();
    expect(run('cordon node-1')).toEqual({ out: 'node/node-1 cordoned\n', err: '', code: 0 });
    expect(run('cordon node-1')).toEqual({ out: 'node/node-1 already cordoned\n', err: '', code: 0 });
    expect(run('uncordon node-1')).toEqual({ out: 'node/node-1 uncordoned\n', err: '', code: 0 });
    expect(run('cordon')).toEqual({ out: '', err: "error: USAGE: cordon NODE [flags]\nSee 'kubectl cordon -h' for help and examples\n", code: 1 });
    expect(run('cordon nope')).toEqual({ out: '', err: 'Error from server (NotFound): nodes "nope" not found\n', code: 1 });
  });

  it('refuses to drain DaemonSet-managed and unmanaged pods', () => {
    const { run, cluster } = setup();
    run('run solo --image=nginx');
    cluster.advance(30);
    const node = cluster.api.get('Pod', 'default', 'solo').spec.nodeName as string;
    const ds = podsOn(cluster, node).filter((p) => p.startsWith('kube-flannel/') || p.includes('/kube-proxy-'));
    const msg = `[cannot delete cannot delete Pods that declare no controller (use --force to override): default/solo, cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${ds.join(', ')}]`;
    expect(run(`drain ${node}`)).toEqual({
      out: `node/${node} cordoned\n`,
      err: `error: unable to drain node "${node}" due to error: ${msg}, continuing command...\nThere are pending nodes to be drained:\n ${node}\nerror: ${msg}\n`,
      code: 1,
    });
  });

  it('drains a node, waiting for the evicted pods', () => {
    const { run, cluster } = setup();
    run('create deployment web --image=nginx --replicas=4');
    cluster.advance(30);
    const evicted = podsOn(cluster, 'node-1').filter((p) => !p.startsWith('kube-flannel/') && !p.includes('/kube-proxy-'));
    const ds = podsOn(cluster, 'node-1').filter((p) => p.startsWith('kube-flannel/') || p.includes('/kube-proxy-'));
    const r = run('drain node-1 --ignore-daemonsets');
    expect(r.err).toBe(`Warning: ignoring DaemonSet-managed Pods: ${ds.join(', ')}\n`);
    expect(r.out).toBe(
      'node/node-1 cordoned\n' +
        evicted.map((p) => `evicting pod ${p}\n`).join('') +
        evicted.map((p) => `pod/${p.split('/')[1]} evicted\n`).join('') +
        'node/node-1 drained\n',
    );
    expect(r.code).toBe(0);
  });

  it('taints and untaints', () => {
    const { run } = setup();
    expect(run('taint nodes node-2 dedicated=gpu:NoSchedule').out).toBe('node/node-2 tainted\n');
    expect(run('taint nodes node-2 dedicated=gpu:NoSchedule').err).toBe(
      'error: node node-2 already has dedicated taint(s) with same effect(s) and --overwrite is false\n',
    );
    expect(run('taint nodes node-2 dedicated=cpu:NoSchedule --overwrite').out).toBe('node/node-2 modified\n');
    expect(run('taint nodes node-2 dedicated:NoSchedule-').out).toBe('node/node-2 untainted\n');
    expect(run('taint nodes node-2 nope-').err).toBe('error: taint "nope" not found\n');
    expect(run('taint nodes node-2 a=b:Sometimes').err).toBe(
      "error: invalid taint effect: Sometimes, unsupported taint effect\nSee 'kubectl taint -h' for help and examples\n",
    );
  });
});
