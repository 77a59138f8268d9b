/**
 * The generators against the real kubectl v1.32: every case runs `kubectl <case>
 * --dry-run=client -o yaml` through our kubectl and the real binary (talking to a recording fake
 * apiserver for discovery only) and compares stdout, stderr and the exit code. Without the
 * binary the comparison is skipped; the literal expectations below still run.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCluster } from '../../../cluster';
import { MemFs, runKubectl } from '../../testing';
import { hasRealKubectl, startFakeApiServer, type FakeApiServer } from '../../../node/kubectl-oracle';

const cluster = createCluster({ bare: true });
const dir = mkdtempSync(join(tmpdir(), 'kubeplay-gen-'));
const FILES: Record<string, string> = {
  'app.conf': 'server {\n  listen 80;\n}\n',
  'conf/a.txt': 'alpha\n',
  'conf/b.txt': 'beta',
  'app.env': '# comment\nMODE=prod\n\n  LEVEL=debug\nEMPTY=\n',
  'bad.env': '1BAD=x\n',
  // A self-signed P-256 pair (openssl req -x509 -newkey ec), valid for tls.X509KeyPair.
  'tls.crt': '-----BEGIN CERTIFICATE-----\nMIIBezCCASGgAwIBAgIUIxkkt2ELSqS0ixi6ubAdC8NwpsEwCgYIKoZIzj0EAwIw\nEzERMA8GA1UEAwwIa3ViZXBsYXkwHhcNMjYxMTI2MTc0OTI2WhcNMzYxMTIzMTc0\nOTI2WjATMREwDwYDVQQDDAhrdWJlcGxheTBZMBMGByqGSM49AgEGCCqGSM49AwEH\nA0IABJfCTxWdUMi46KbXfq2x1Hjkb5MzsCgf3EQoe/k3dqoPN+DLmeqGj6BsFfPp\nih2i1X/c9XMGNMLsmyNSywSmJDSjUzBRMB0GA1UdDgQWBBTLA0U9h2kEnO0QCefW\nJyKHeNYCajAfBgNVHSMEGDAWgBTLA0U9h2kEnO0QCefWJyKHeNYCajAPBgNVHRMB\nAf8EBTADAQH/MAoGCCqGSM49BAMCA0gAMEUCIATm3acnajNEc4EXXKet8bGNyVwK\nayh+1UO9h0CHJdKBAiEA/ARZBLUfgyzv+yI7iu/2KSg8NK/zF7cxuIlu5+3dzjg=\n-----END CERTIFICATE-----\n',
  'tls.key': '-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg5ZdUD5IGckxhchKj\nCavikrC63/Jdh2CgSKRR+Iq1DFChRANCAASXwk8VnVDIuOim136tsdR45G+TM7Ao\nH9xEKHv5N3aqDzfgy5nqho+gbBXz6YodotV/3PVzBjTC7JsjUssEpiQ0\n-----END PRIVATE KEY-----\n',
};
for (const [p, c] of Object.entries(FILES)) {
  mkdirSync(join(dir, p, '..'), { recursive: true });
  writeFileSync(join(dir, p), c);
}
const fs = new MemFs(Object.fromEntries(Object.entries(FILES).map(([p, c]) => [join(dir, p), c])), dir);

const CASES: string[] = [
  'create deployment web --image=nginx',
  'create deployment web --image=nginx:1.27 --replicas=3 --port=80',
  'create deployment web --image=nginx --image=redis',
  'create deployment web --image=busybox -- sleep 3600',
  'create deployment web --image=nginx --image=redis -- sleep 1',
  'create deployment web',
  'create deployment --image=nginx',
  'create deployment a b --image=nginx',
  'create deployment web --image=nginx -n dev',
  'create deploy web --image=registry.k8s.io/pause@sha256:abc',
  'create service clusterip web --tcp=80:8080',
  'create service clusterip web --tcp=80:8080 --tcp=443',
  'create service clusterip hl --clusterip=None',
  'create service clusterip web',
  'create service clusterip web --tcp=80:http',
  'create service clusterip web --tcp=abc',
  'create service nodeport web --tcp=80:8080 --node-port=30080',
  'create service nodeport web --tcp=80 --clusterip=None',
  'create service loadbalancer lb --tcp=80',
  'create service externalname ext --external-name=example.com',
  'create service externalname ext --external-name=Bad_Name',
  'create service externalname ext',
  'create svc clusterip web --tcp=80 -n dev',
  'create namespace dev',
  'create ns dev',
  'create namespace',
  'create configmap cm --from-literal=a=1 --from-literal=b=two',
  'create configmap cm --from-literal=a',
  'create configmap cm --from-literal=a=1 --from-literal=a=2',
  'create configmap cm --from-literal=bad/key=1',
  'create configmap cm',
  'create configmap cm --from-file=app.conf',
  'create configmap cm --from-file=nginx.conf=app.conf',
  'create configmap cm --from-file=conf',
  'create configmap cm --from-file=missing.conf',
  'create configmap cm --from-env-file=app.env',
  'create configmap cm --from-env-file=bad.env',
  'create configmap cm --from-env-file=app.env --from-literal=a=1',
  'create cm cm --from-literal=a=1 -n dev',
  'create secret generic s --from-literal=user=admin --from-literal=pass=s3cr3t!',
  'create secret generic s',
  'create secret generic s --from-file=app.conf --type=Opaque',
  'create secret generic s --from-env-file=app.env',
  'create secret docker-registry reg --docker-username=u --docker-password=p --docker-email=e@x.io',
  'create secret docker-registry reg --docker-username=u --docker-password=p --docker-server=ghcr.io',
  'create secret docker-registry reg --docker-username=u',
  'create secret tls t --cert=missing.crt --key=missing.key',
  'create secret tls t',
  'create configmap cm --from-literal=a=1 --append-hash',
  'create configmap cm --append-hash',
  'create configmap cm --from-file=conf --from-literal=x=<&> --append-hash',
  'create configmap cm --from-env-file=app.env --append-hash -n dev',
  'create secret generic s --from-literal=a=1 --append-hash',
  'create secret generic s --append-hash',
  'create secret generic s --type=foo --from-literal=a=1 --append-hash',
  'create secret generic s --from-file=app.conf --append-hash',
  'create secret docker-registry reg --docker-username=u --docker-password=p --append-hash',
  'create secret tls t --cert=tls.crt --key=tls.key',
  'create secret tls t --cert=tls.crt --key=tls.key --append-hash',
  'create job j --image=busybox',
  'create job j --image=busybox -- echo hi',
  'create job j',
  'create job j --image=busybox --from=cronjob/x',
  'create cronjob cj --image=busybox --schedule=*/5 * * * * -- date',
  'create cronjob cj --image=busybox',
  'create cronjob cj --image=busybox --schedule=@hourly --restart=Never',
  'create cj cj --image=busybox --schedule=@daily -n dev',
  'create serviceaccount sa',
  'create sa sa -n dev',
  'create role r --verb=get,list --resource=pods,deployments.apps',
  'create role r --verb=get --verb=watch --resource=po --resource=rs.apps --resource-name=a --resource-name=b',
  'create role r --verb=get --resource=pods/log',
  'create role r --verb=bind --resource=pods',
  'create role r --resource=pods',
  'create role r --verb=get',
  'create role r --verb=frob --resource=pods',
  'create clusterrole cr --verb=get,list,watch --resource=nodes',
  'create rolebinding rb --role=r --user=bob --group=devs --serviceaccount=default:sa',
  'create rolebinding rb --clusterrole=view --serviceaccount=dev:ci -n dev',
  'create rolebinding rb --user=bob',
  'create rolebinding rb --role=r --serviceaccount=bad',
  'create clusterrolebinding crb --clusterrole=cluster-admin --user=admin',
  'create clusterrolebinding crb --user=admin',
  'create pdb p --selector=app=web --min-available=1',
  'create pdb p --selector=app=web --max-unavailable=25%',
  'create pdb p --selector=app=web',
  'create pdb p --min-available=1',
  'create poddisruptionbudget p --selector=app=web --min-available=1 --max-unavailable=1',
  'create quota q --hard=cpu=1000m,memory=1Gi,pods=10',
  'create quota q --hard=cpu',
  'create quota q --hard=pods=5 --scopes=BestEffort',
  'create priorityclass pc --value=1000 --description=high',
  'create priorityclass pc --value=10 --global-default --preemption-policy=Never',
  'create ingress ing --rule=foo.com/bar*=svc:80',
  'create ingress ing --rule=foo.com/a=a:80 --rule=foo.com/b*=b:http --rule=bar.com/=c:8080,tls=cert --class=nginx',
  'create ingress ing --default-backend=svc:80 --annotation=a=b',
  'create ingress ing',
  'create ingress ing --rule=bad',
  'create',
  'create foo',
  'run web --image=nginx',
  'run web --image=nginx --port=80 --env=A=1 --env=B=two --labels=app=web,tier=fe -- sh -c echo',
  'run web --image=busybox --command --restart=Never -- sleep 10',
  'run web --image=nginx --image-pull-policy=IfNotPresent --annotations=a=b --privileged',
  'run web --image=nginx --expose --port=80',
  'run web --image=nginx --expose',
  'run web --image=nginx --restart=Sometimes',
  'run web --image=nginx --env=1A=x',
  'run web --image=nginx --labels=bad',
  'run web --image=nginx -t',
  'run web',
  'run --image=nginx',
  'run web --image=Nginx',
  'run web --image=nginx -n dev',
  'run web --image=nginx --rm',
  'run web --image=nginx -it',
  'run x --image=nginx --overrides={"spec":{"restartPolicy":"Never","containers":[{"name":"x","image":"busybox","args":["sleep","1"]}]},"metadata":{"labels":{"extra":"1"}},"bogus":1}',
  'run x --image=nginx --overrides={"spec":{"nodeSelector":{},"hostname":"","priority":0,"containers":[{"name":"x","image":"y","ports":[]}]}}',
  'run x --image=nginx --overrides={"metadata":{"labels":null}}',
  'run x --image=nginx --overrides={bad',
  'run x --image=nginx --overrides=null',
  'run x --image=nginx --overrides=[1]',
  'run x --image=nginx --overrides={"spec":{"containers":"x"}}',
  'run x --image=nginx --overrides={"kind":"Nope"}',
  'run x --image=nginx --overrides={"apiVersion":"apps/v1"}',
  'run x --image=nginx --overrides={"kind":null}',
  'run x --image=nginx --overrides={"apiVersion":null}',
  'run x --image=nginx --overrides={"spec":{"containers":[{"name":"x","image":"y","ports":[{"containerPort":"80"}]}]}}',
  'run x --image=nginx --override-type=json --overrides=[{"op":"add","path":"/spec/hostname","value":"h"}]',
  'run x --image=nginx --override-type=json --overrides=[{"op":"bad"}]',
  'run x --image=nginx --override-type=json --overrides={}',
  'run x --image=nginx --override-type=json --overrides={bad',
  'run x --image=nginx --override-type=json --overrides=[1',
  'run x --image=nginx --override-type=json --overrides=[{"op":"remove","path":"/nope"}]',
  'run x --image=nginx --override-type=strategic --overrides={"spec":{"containers":[{"name":"x","args":["a"]}]}}',
  'run x --image=nginx --override-type=strategic --overrides=[1]',
  'run x --image=nginx --override-type=foo --overrides={}',
  'run x --image=nginx --port=80 --expose --overrides={"spec":{"hostname":"h"}}',
  'expose deployment web --overrides={"spec":{"type":"NodePort","ports":[{"port":80,"nodePort":30080}]}}',
  'expose deployment web --overrides={"spec":{"ports":"x"}}',
  'expose deployment web --override-type=strategic --overrides={"spec":{"ports":[{"port":80,"name":"http"}]}}',
  'expose deployment web --port=80 --target-port=8080',
  'expose deployment web',
  'expose deploy/web --type=NodePort --name=web-np',
  'expose pod multi',
  'expose pod bare',
  'expose service web --port=443 --name=web2 --type=LoadBalancer',
  'expose configmap cm',
  'expose deployment nope',
  'autoscale deployment web --max=5 --min=2 --cpu-percent=80',
  'autoscale deploy/web --max=5 --name=hpa',
  'autoscale deployment web',
  'autoscale deployment web --max=2 --min=3',
  'autoscale pod multi --max=3',
];

const LIVE: Record<string, object> = {
  'deployments/web': {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80, protocol: 'TCP' }] }] } },
    },
  },
  'pods/multi': {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'multi', namespace: 'default', labels: { run: 'multi' } },
    spec: { containers: [{ name: 'a', image: 'nginx', ports: [{ containerPort: 80, protocol: 'TCP' }, { containerPort: 53, protocol: 'UDP' }] }] },
  },
  'pods/bare': {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'bare', namespace: 'default' },
    spec: { containers: [{ name: 'a', image: 'nginx' }] },
  },
  'services/web': {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
    spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 80, protocol: 'TCP' }] },
  },
  'configmaps/cm': { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', namespace: 'default' }, data: { a: 'b' } },
};

/** Arguments of a case plus the dry-run and output flags (before a `--`, if any). */
function argv(line: string, extra: string[]): string[] {
  const words = line.split(' ');
  // `--schedule=*/5 * * * *` is one shell word in the case list.
  const joined: string[] = [];
  for (const w of words) {
    if (joined.length && joined[joined.length - 1].startsWith('--schedule=*') && /^[*\d]/.test(w)) joined[joined.length - 1] += ` ${w}`;
    else joined.push(w);
  }
  const dash = joined.indexOf('--');
  return dash < 0 ? [...joined, ...extra] : [...joined.slice(0, dash), ...extra, ...joined.slice(dash)];
}

function ours(line: string, extra: string[]) {
  const r = runKubectl(cluster, argv(line, extra), { fs });
  return { out: r.out, err: r.err, code: r.code };
}

describe('create generators', () => {
  it('prints a deployment as kubectl does', () => {
    expect(ours('create deployment web --image=nginx:1.27 --replicas=3 --port=80', ['--dry-run=client', '-o', 'yaml']).out).toBe(
      `apiVersion: apps/v1
kind: Deployment
metadata:
  creationTimestamp: null
  labels:
    app: web
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  strategy: {}
  template:
    metadata:
      creationTimestamp: null
      labels:
        app: web
    spec:
      containers:
      - image: nginx:1.27
        name: nginx
        ports:
        - containerPort: 80
        resources: {}
status: {}
`,
    );
  });

  it('prints the dry-run line without -o', () => {
    expect(ours('create deployment web --image=nginx', ['--dry-run=client']).out).toBe('deployment.apps/web created (dry run)\n');
    expect(ours('create secret generic s --from-literal=a=b', ['--dry-run=client']).out).toBe('secret/s created (dry run)\n');
  });

  it('names --append-hash objects with the hash kubectl computes', () => {
    // Names printed by the real kubectl v1.32.5 for the same commands.
    const name = (words: string[]) => runKubectl(cluster, [...words, '--append-hash', '--dry-run=client', '-o', 'name'], { fs }).out;
    expect(name(['create', 'cm', 'x', '--from-literal=a=1'])).toBe('configmap/x-m8mt92gg65\n');
    expect(name(['create', 'cm', 'x'])).toBe('configmap/x-62ctbmbfd2\n');
    expect(name(['create', 'cm', 'x', '--from-literal=a=\b<\u00e9\u2028', '--from-literal=b=2'])).toBe('configmap/x-f995t9m5fb\n');
    expect(name(['create', 'secret', 'generic', 's', '--from-literal=a=1'])).toBe('secret/s-gtkfk5m49d\n');
    expect(name(['create', 'secret', 'generic', 's'])).toBe('secret/s-6cmg28h685\n');
    expect(name(['create', 'secret', 'generic', 's', '--type=foo', '--from-literal=a=1'])).toBe('secret/s-74597m7f4h\n');
  });

  it('prints an overridden object as Go encodes the struct', () => {
    const r = ours('run x --image=nginx --overrides={"spec":{"nodeSelector":{},"hostname":"","priority":0,"containers":[{"name":"x","image":"y","ports":[]}]}}', ['--dry-run=client', '-o', 'json']);
    // The real kubectl v1.32.5's output for the same command.
    expect(r).toEqual({
      out: `{
    "kind": "Pod",
    "apiVersion": "v1",
    "metadata": {
        "name": "x",
        "creationTimestamp": null,
        "labels": {
            "run": "x"
        }
    },
    "spec": {
        "containers": [
            {
                "name": "x",
                "image": "y",
                "resources": {}
            }
        ],
        "restartPolicy": "Always",
        "dnsPolicy": "ClusterFirst",
        "priority": 0
    },
    "status": {}
}
`,
      err: '',
      code: 0,
    });
  });

  it('prints -o json in Go struct order', () => {
    expect(ours('create namespace dev', ['--dry-run=client', '-o', 'json']).out).toBe(
      '{\n    "kind": "Namespace",\n    "apiVersion": "v1",\n    "metadata": {\n        "name": "dev",\n        "creationTimestamp": null\n    },\n    "spec": {},\n    "status": {}\n}\n',
    );
  });

  describe.skipIf(!hasRealKubectl)('against the real kubectl v1.32', () => {
    let server: FakeApiServer;
    beforeAll(async () => {
      server = await startFakeApiServer(LIVE);
      for (const obj of Object.values(LIVE)) cluster.api.create(structuredClone(obj) as never, { namespace: 'default' });
    });
    afterAll(async () => {
      await server.close();
    });

    it.each(CASES)('kubectl %s', async (line) => {
      const extra = ['--dry-run=client', '-o', 'yaml'];
      const real = await server.kubectl(['--kubeconfig=/dev/null', ...argv(line, extra)], undefined, dir);
      const mine = ours(line, extra);
      expect({ out: mine.out, err: mine.err, code: mine.code }).toEqual({ out: real.out, err: real.err, code: real.code });
    });
  });
});
