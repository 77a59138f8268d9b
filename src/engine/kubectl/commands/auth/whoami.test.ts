import { describe, expect, it } from 'vitest';
import { createCluster } from '../../../cluster';
import { runKubectl } from '../../testing';

const cluster = createCluster({ bare: true });
const run = (line: string) => {
  const r = runKubectl(cluster, line);
  return { out: r.out, err: r.err, code: r.code };
};

describe('kubectl auth whoami', () => {
  // Texts of the real kubectl v1.32.5 against the simulated cluster over HTTP.
  it('prints the kubeadm admin as the apiserver authenticates its client certificate', () => {
    expect(run('auth whoami')).toEqual({
      out: 'ATTRIBUTE   VALUE\nUsername    kubernetes-admin\nGroups      [kubeadm:cluster-admins system:authenticated]\n',
      err: '',
      code: 0,
    });
    expect(run('auth whoami -o yaml').out).toBe(
      'apiVersion: authentication.k8s.io/v1\nkind: SelfSubjectReview\nmetadata:\n  creationTimestamp: null\nstatus:\n  userInfo:\n    groups:\n    - kubeadm:cluster-admins\n    - system:authenticated\n    username: kubernetes-admin\n',
    );
    expect(run('auth whoami -o json').out).toBe(
      '{\n    "kind": "SelfSubjectReview",\n    "apiVersion": "authentication.k8s.io/v1",\n    "metadata": {\n        "creationTimestamp": null\n    },\n    "status": {\n        "userInfo": {\n            "username": "kubernetes-admin",\n            "groups": [\n                "kubeadm:cluster-admins",\n                "system:authenticated"\n            ]\n        }\n    }\n}\n',
    );
    expect(run('auth whoami -o name').out).toBe('selfsubjectreview.authentication.k8s.io/<unknown>\n');
    expect(run('auth whoami -o jsonpath={.status.userInfo.username}').out).toBe('kubernetes-admin');
    expect(run('auth whoami -o wide')).toEqual({
      out: '',
      err: 'error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n',
      code: 1,
    });
  });

  it('shows an impersonated user as the impersonation filter builds it', () => {
    expect(run('auth whoami --as=jane').out).toBe('ATTRIBUTE   VALUE\nUsername    jane\nGroups      [system:authenticated]\n');
    expect(run('auth whoami --as=system:serviceaccount:dev:ci').out).toBe(
      'ATTRIBUTE   VALUE\nUsername    system:serviceaccount:dev:ci\nGroups      [system:serviceaccounts system:serviceaccounts:dev system:authenticated]\n',
    );
    expect(run('auth whoami --as=jane --as-group=devs --as-uid=42').out).toBe('ATTRIBUTE   VALUE\nUsername    jane\nUID         42\nGroups      [devs system:authenticated]\n');
    expect(run('auth whoami --as=system:anonymous').out).toBe('ATTRIBUTE   VALUE\nUsername    system:anonymous\nGroups      [system:unauthenticated]\n');
  });
});
