import { describe, expect, it } from 'vitest';
import { EngineHost } from './host';

function setup() {
  const h = new EngineHost({ nodes: 2, seed: 5 });
  h.openTerminal('t', 200);
  const sh = (line: string) => h.input('t', `${line}\r`);
  const wait = (s: number) => {
    for (let i = 0; i < s; i++) h.tick(1000);
  };
  return { h, sh, wait };
}

describe('why', () => {
  it('walks a pod back to the Deployment the learner created, with each controller\'s event', () => {
    const { h, sh, wait } = setup();
    sh('kubectl create deployment web --image=nginx:1.26 --replicas=2');
    wait(20);
    const pod = h.current.api.store.list('Pod', 'default')[0];
    const rs = h.current.api.store.list('ReplicaSet', 'default')[0];
    const chain = h.why('Pod', `default/${pod.metadata.name}`)!;
    expect(chain.steps.map((s) => `${s.kind} ${s.name} by ${s.createdBy}`)).toEqual([
      'Deployment web by kubectl',
      `ReplicaSet ${rs.metadata.name} by deployment-controller`,
      `Pod ${pod.metadata.name} by replicaset-controller`,
    ]);
    expect(chain.steps[1].detail).toContain('revision 1');
    expect(chain.steps[1].cause.map((e) => e.message)).toEqual([`Scaled up replica set ${rs.metadata.name} from 0 to 2`]);
    expect(chain.steps[2].cause.map((e) => `${e.source} ${e.reason} ${e.message}`)).toEqual([
      `replicaset-controller SuccessfulCreate Created pod: ${pod.metadata.name}`,
    ]);
    expect(chain.kubelet!.map((e) => e.reason)).toEqual(['Pulling', 'Pulled', 'Created', 'Started']);
    expect(chain.steps[2].events.map((e) => e.reason)).toEqual(['Scheduled']);
  });

  it('shows every node\'s part in the scheduling decision', () => {
    const { h, sh, wait } = setup();
    sh('kubectl run one --image=nginx');
    wait(5);
    const s = h.why('Pod', 'default/one')!.scheduling!;
    const node = h.current.api.find('Pod', 'default', 'one')!.spec!.nodeName;
    expect(s.outcome).toBe('Scheduled');
    expect(s.node).toBe(node);
    expect(s.nodes[0]).toMatchObject({ node, verdict: 'chosen' });
    const cp = s.nodes.find((n) => n.node === 'control-plane')!;
    expect(cp).toEqual({
      node: 'control-plane',
      verdict: 'rejected',
      plugin: 'TaintToleration',
      reasons: ['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'],
    });
    const other = s.nodes.find((n) => n.verdict === 'feasible')!;
    expect(other.total).toBeLessThanOrEqual(s.nodes[0].total!);
    expect(Object.keys(other.scores!).length).toBeGreaterThan(0);
  });

  it('says why a pod is not scheduled', () => {
    const { h, sh, wait } = setup();
    h.writeFile('/home/learner/big.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: big\nspec:\n  containers:\n  - name: a\n    image: nginx\n    resources:\n      requests:\n        cpu: "64"\n');
    sh('kubectl apply -f big.yaml');
    wait(3);
    const s = h.why('Pod', 'default/big')!.scheduling!;
    expect(s.outcome).toBe('Unschedulable');
    expect(s.nodes.filter((n) => n.verdict === 'rejected').map((n) => n.reasons![0]).sort()).toEqual([
      'Insufficient cpu',
      'Insufficient cpu',
      'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }',
    ]);
  });

  it('lists what a Deployment made and what a Service selects; the cluster made its own objects', () => {
    const { h, sh, wait } = setup();
    sh('kubectl create deployment web --image=nginx --replicas=2');
    sh('kubectl expose deployment web --port=80');
    wait(10);
    expect(h.why('Deployment', 'default/web')!.children.map((c) => c.kind)).toEqual(['ReplicaSet']);
    expect(h.why('Service', 'default/web')!.children.map((c) => c.kind)).toEqual(['Pod', 'Pod']);
    expect(h.why('Deployment', 'kube-system/coredns')!.steps[0].createdBy).toBe('kubeadm');
    expect(h.why('Pod', 'default/none')).toBeUndefined();
  });
});
