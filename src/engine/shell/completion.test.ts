import { beforeAll, describe, expect, it } from 'vitest';
import { createCluster } from '../cluster';
import { createCompleter } from './completion';
import { Shell } from './shell';

let shell: Shell;
let complete: (line: string) => string[];

beforeAll(() => {
  shell = new Shell({ cluster: createCluster({ nodes: 2 }), mode: 'script' });
  const sink = { write: () => {} };
  shell.run('mkdir -p manifests/dev; touch app.yaml manifests/web.yaml .hidden; alias k=kubectl; export MYVAR=1', sink, sink);
  const completer = createCompleter(shell);
  complete = (line) => {
    const r = completer(line, line.length);
    const word = line.slice(r.start);
    return r.candidates.filter((c) => c.startsWith(word));
  };
});

describe('shell completion', () => {
  it('offers commands in command position', () => {
    expect(complete('kub')).toEqual(['kubectl', 'kubeplay']);
    expect(complete('echo hi; hist')).toEqual(['history']);
    expect(complete('cat x | gr')).toEqual(['grep']);
  });

  it('offers files, directories with a slash, hidden files only when asked', () => {
    expect(complete('cat ')).toEqual(['app.yaml', 'manifests/']);
    expect(complete('cat manifests/')).toEqual(['manifests/dev/', 'manifests/web.yaml']);
    expect(complete('cat .h')).toEqual(['.hidden']);
    expect(complete('cd ')).toEqual(['manifests/']);
    expect(complete('echo x > a')).toEqual(['app.yaml']);
  });

  it('offers variables after $', () => {
    expect(complete('echo $MYV')).toEqual(['$MYVAR']);
  });
});

describe('kubectl completion', () => {
  it('offers sub-commands, through aliases too', () => {
    expect(complete('kubectl ge')).toEqual(['get']);
    expect(complete('k de')).toEqual(['debug', 'delete', 'describe']);
    expect(complete('kubectl rollout ')).toEqual(['history', 'pause', 'restart', 'resume', 'status', 'undo']);
  });

  it('offers resource types as api-resources -o name prints them', () => {
    expect(complete('kubectl get po')).toEqual(['poddisruptionbudgets.policy', 'pods', 'podtemplates']);
    expect(complete('kubectl get deploy')).toEqual(['deployments.apps']);
    expect(complete('kubectl rollout status ')).toEqual(['daemonsets.apps', 'deployments.apps', 'statefulsets.apps']);
  });

  it('offers object names from the cluster, in the namespace asked for', () => {
    expect(complete('kubectl get nodes ')).toEqual(['control-plane', 'node-1', 'node-2']);
    expect(complete('kubectl describe no n')).toEqual(['node-1', 'node-2']);
    expect(complete('kubectl -n kube-system get pods etcd')).toEqual(['etcd-control-plane']);
    expect(complete('kubectl get deploy -n kube-system ')).toEqual(['coredns']);
    expect(complete('kubectl get deploy/')).toEqual([]);
    expect(complete('kubectl --namespace=kube-system get deploy/c')).toEqual(['deploy/coredns']);
    expect(complete('kubectl logs -n kube-system kube-sch')).toEqual(['kube-scheduler-control-plane']);
  });

  it('offers flag values: namespaces, output formats, files', () => {
    expect(complete('kubectl get pods -n kube-')).toEqual(['kube-flannel', 'kube-node-lease', 'kube-public', 'kube-system']);
    expect(complete('kubectl get pods -o j')).toEqual(['json', 'jsonpath', 'jsonpath-as-json', 'jsonpath-file']);
    expect(complete('kubectl get pods --output=ya')).toEqual(['--output=yaml']);
    expect(complete('kubectl apply -f ')).toEqual(['app.yaml', 'manifests/']);
  });

  it('offers flags of the command and the global ones', () => {
    expect(complete('kubectl get --all')).toEqual(['--all-namespaces', '--allow-missing-template-keys']);
    expect(complete('kubectl get --names')).toEqual(['--namespace']);
  });
});

describe('kubeplay completion', () => {
  it('offers its commands and node names', () => {
    expect(complete('kubeplay ')).toEqual(['node', 'pod']);
    expect(complete('kubeplay node ')).toEqual(['add', 'fail', 'recover', 'remove']);
    expect(complete('kubeplay node fail node')).toEqual(['node-1', 'node-2']);
  });
});
