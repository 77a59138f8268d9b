import { describe, expect, it } from 'vitest';
import { EngineHost } from './host';
import type { Hint } from './protocol';

/** A host with a terminal; `sh` runs a line and returns the explanation of its command. */
function setup() {
  const h = new EngineHost({ nodes: 2, seed: 3 });
  h.openTerminal('t', 200);
  const sh = (line: string): Hint | undefined => {
    h.flush();
    h.input('t', `${line}\r`);
    const hints = h.flush()?.hints ?? [];
    const mine = hints.filter((x) => x.input === line);
    expect(mine).toHaveLength(1);
    return mine[0].hint;
  };
  const wait = (seconds: number) => {
    for (let i = 0; i < seconds; i++) h.tick(1000);
  };
  const apply = (yaml: string) => {
    h.writeFile('/home/learner/x.yaml', yaml);
    sh('kubectl apply -f x.yaml');
  };
  return { h, sh, wait, apply };
}

const POD = (name: string, spec: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
${spec}`;

describe('explanations of terminal commands', () => {
  it('says nothing when a command went fine', () => {
    const { sh } = setup();
    expect(sh('kubectl get nodes')).toBeUndefined();
  });

  it('suggests the close name behind a NotFound typo', () => {
    const { sh } = setup();
    sh('kubectl create deployment web --image=nginx');
    expect(sh('kubectl get deployment wbe')).toEqual({
      code: 'NotFoundTypo',
      vars: { name: 'wbe', guess: 'web', resource: 'deployments' },
      try: 'kubectl get deployment web',
    });
  });

  it('points at the namespace that has the object', () => {
    const { sh } = setup();
    sh('kubectl create namespace team');
    sh('kubectl create configmap settings -n team --from-literal=a=b');
    expect(sh('kubectl get configmap settings')).toEqual({
      code: 'NotFoundNamespace',
      vars: { name: 'settings', namespace: 'default', other: 'team' },
      try: 'kubectl get configmap settings -n team',
    });
  });

  it('suggests a resource type for a misspelled one', () => {
    const { sh } = setup();
    expect(sh('kubectl get deploymnets')).toMatchObject({ code: 'UnknownResource', vars: { typed: 'deploymnets', guess: 'deployments' } });
  });

  it('explains ImagePullBackOff with the image and what to look at', () => {
    const { sh, wait } = setup();
    sh('kubectl run bad --image=nginx:1.161');
    wait(30);
    const out = sh('kubectl get pods');
    expect(out?.code).toBe('ImagePull');
    expect(out?.vars.pod).toBe('bad');
    expect(out?.vars.image).toBe('nginx:1.161');
    expect(out?.try).toBe('kubectl describe pod bad');
  });

  it('explains CrashLoopBackOff and suggests the previous logs', () => {
    const { sh, wait } = setup();
    sh("kubectl run crash --image=busybox -- sh -c 'exit 1'");
    wait(60);
    expect(sh('kubectl get pod crash')).toEqual({ code: 'CrashLoop', vars: { pod: 'crash', container: 'crash' }, try: 'kubectl logs crash --previous' });
  });

  it('explains CreateContainerConfigError with the kubelet message', () => {
    const { sh, wait, apply } = setup();
    apply(POD('needs-config', `  containers:\n  - name: app\n    image: nginx\n    envFrom:\n    - configMapRef:\n        name: missing\n`));
    wait(20);
    expect(sh('kubectl get pods')).toEqual({
      code: 'ConfigError',
      vars: { pod: 'needs-config', message: 'configmap "missing" not found' },
      try: 'kubectl describe pod needs-config',
    });
  });

  it('explains a pod too big for every node', () => {
    const { sh, wait, apply } = setup();
    apply(POD('big', `  containers:\n  - name: app\n    image: nginx\n    resources:\n      requests:\n        cpu: "64"\n`));
    wait(5);
    expect(sh('kubectl describe pod big')).toEqual({
      code: 'SchedulingInsufficient',
      vars: { pod: 'big', nodes: '3', count: '2', reason: 'Insufficient cpu', resource: 'cpu' },
      try: 'kubectl describe nodes',
    });
  });

  it('explains a node selector that no node matches', () => {
    const { sh, wait, apply } = setup();
    apply(POD('picky', `  nodeSelector:\n    disktype: ssd\n  containers:\n  - name: app\n    image: nginx\n`));
    wait(5);
    expect(sh('kubectl get pods')).toMatchObject({ code: 'SchedulingSelector', vars: { pod: 'picky', count: '2' } });
  });

  it('explains a Service whose selector matches no pod', () => {
    const { sh } = setup();
    sh('kubectl create service clusterip nowhere --tcp=80:80');
    expect(sh('kubectl get endpoints nowhere')).toEqual({
      code: 'ServiceNoPods',
      vars: { service: 'nowhere', selector: 'app=nowhere' },
      try: 'kubectl get pods --show-labels',
    });
  });

  it('explains a claim that waits for its first pod', () => {
    const { sh, wait, apply } = setup();
    apply(`apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
`);
    wait(5);
    expect(sh('kubectl get pvc data')).toMatchObject({ code: 'ClaimWaitsForPod', vars: { claim: 'data', reason: 'WaitForFirstConsumer' } });
  });
});

describe('explanations of objects', () => {
  it('finds the image problem of a Deployment through its ReplicaSet', () => {
    const { h, sh, wait } = setup();
    sh('kubectl create deployment web --image=nginx:no-such-tag --replicas=2');
    wait(30);
    const hints = h.diagnose('Deployment', 'default/web');
    expect(hints.map((x) => x.code)).toEqual(['ImagePull']);
  });

  it('has nothing to say about a healthy pod or a missing object', () => {
    const { h, sh, wait } = setup();
    sh('kubectl run ok --image=nginx');
    wait(20);
    expect(h.diagnose('Pod', 'default/ok')).toEqual([]);
    expect(h.diagnose('Pod', 'default/none')).toEqual([]);
  });
});

describe('explanations that wait', () => {
  it('does not blame a Service whose pods are still starting, but does once they had time', () => {
    const { h, sh, wait } = setup();
    sh('kubectl create deployment slow --image=nginx:no-such-tag');
    sh('kubectl expose deployment slow --port=80');
    expect(sh('kubectl get svc slow')).toBeUndefined();
    wait(70);
    expect(sh('kubectl get endpoints slow')).toMatchObject({ code: 'ServiceNotReady', vars: { service: 'slow', pods: '1' } });
    expect(h.diagnose('Service', 'default/slow').map((x) => x.code)).toEqual(['ServiceNotReady']);
  });
});
