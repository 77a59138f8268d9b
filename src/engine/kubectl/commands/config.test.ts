import { describe, expect, it } from 'vitest';
import type { KObject } from '../../api/types/meta';
import { MemFs, runKubectl, seededCluster } from '../testing';

const ns = (name: string): KObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, creationTimestamp: '2026-11-26T09:00:00Z' }, status: { phase: 'Active' } });
const cm = (namespace: string, name: string): KObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace, creationTimestamp: '2026-11-26T09:00:00Z' },
  data: { a: 'b' },
});

describe('kubectl config', () => {
  it('makes the context namespace the default namespace of later commands', () => {
    const c = seededCluster([ns('default'), ns('dev'), cm('dev', 'settings')], '2026-11-26T09:05:00Z');
    const fs = new MemFs();
    expect(runKubectl(c, 'get cm', { fs }).err).toBe('No resources found in default namespace.\n');
    expect(runKubectl(c, 'config set-context --current --namespace=dev', { fs }).out).toBe('Context "kubernetes-admin@kubernetes" modified.\n');
    expect(runKubectl(c, 'get cm', { fs }).out).toBe('NAME       DATA   AGE\nsettings   1      5m\n');
    expect(runKubectl(c, 'config view --minify -o jsonpath={..namespace}', { fs }).out).toBe('dev');
    expect(runKubectl(c, 'config get-contexts', { fs }).out).toBe(
      'CURRENT   NAME                          CLUSTER      AUTHINFO           NAMESPACE\n*         kubernetes-admin@kubernetes   kubernetes   kubernetes-admin   dev\n',
    );
  });

  // Outputs of kubectl.1.32 on an equivalent kubeconfig.
  it('views the kubeconfig with secrets redacted, as kubeadm writes it', () => {
    const c = seededCluster([ns('default')], '2026-11-26T09:05:00Z');
    expect(runKubectl(c, 'config view').out).toBe(`apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: DATA+OMITTED
    server: https://172.18.0.2:6443
  name: kubernetes
contexts:
- context:
    cluster: kubernetes
    user: kubernetes-admin
  name: kubernetes-admin@kubernetes
current-context: kubernetes-admin@kubernetes
kind: Config
preferences: {}
users:
- name: kubernetes-admin
  user:
    client-certificate-data: DATA+OMITTED
    client-key-data: DATA+OMITTED
`);
  });

  it.each([
    ['config use-context nope', '', 'error: no context exists with the name: "nope"\n'],
    ['config get-contexts nope', 'CURRENT   NAME   CLUSTER   AUTHINFO   NAMESPACE\n', 'error: context nope not found\n'],
    ['config delete-cluster nope', '', 'error: cannot delete cluster nope, not in /root/.kube/config\n'],
    ['config current-context', 'kubernetes-admin@kubernetes\n', ''],
    ['config set-cluster dev --server=https://1.2.3.4:6443', 'Cluster "dev" set.\n', ''],
    ['config set-credentials bob --token=abc', 'User "bob" set.\n', ''],
  ])('kubectl %s', (line, out, err) => {
    const c = seededCluster([ns('default')], '2026-11-26T09:05:00Z');
    const r = runKubectl(c, line);
    expect(r.out).toBe(out);
    expect(r.err).toBe(err);
  });

  it('creates, switches to and renames contexts', () => {
    const c = seededCluster([ns('default')], '2026-11-26T09:05:00Z');
    const fs = new MemFs();
    expect(runKubectl(c, 'config set-context dev --cluster=kubernetes --user=kubernetes-admin --namespace=dev', { fs }).out).toBe('Context "dev" created.\n');
    expect(runKubectl(c, 'config use-context dev', { fs }).out).toBe('Switched to context "dev".\n');
    expect(runKubectl(c, 'config current-context', { fs }).out).toBe('dev\n');
    expect(runKubectl(c, 'config rename-context dev dev2', { fs }).out).toBe('Context "dev" renamed to "dev2".\n');
    expect(runKubectl(c, 'config get-contexts -o name', { fs }).out).toBe('dev2\nkubernetes-admin@kubernetes\n');
  });
});
