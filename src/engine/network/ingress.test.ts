import { describe, expect, it } from 'vitest';
import { netFixture, type NetFixture } from './testing';
import { runNetworkCommand } from './clients';
import { addAccessLogSink } from './http-exchange';
import { buildServers, selectLocation, selectServer } from './ingress';
import { enableIngressAddon, ingressNginxManifest } from './ingress-addon';
import { NGINX_WELCOME } from './servers';
import { ControllerManager } from '../controllers/manager';
import { LoadBalancerController } from './loadbalancer';
import { IngressNginxController } from '../controllers/ingress';
import { EventRecorder } from '../api/events';
import type { KObject } from '../api/types/meta';
import type { Source } from './pod-network';

const OUTSIDE: Source = { kind: 'external' };
const LB_IP = '172.18.255.200';

function ingress(name: string, spec: Record<string, unknown>, namespace = 'default', annotations?: Record<string, string>): KObject {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name, namespace, annotations }, spec } as KObject;
}

const rule = (host: string | undefined, paths: [string, string, string, number][]) => ({
  ...(host ? { host } : {}),
  http: { paths: paths.map(([path, pathType, service, number]) => ({ path, pathType, backend: { service: { name: service, port: { number } } } })) },
});

/** A cluster with the ingress addon's Service and IngressClass and one running controller pod. */
function withController(seed = 1): NetFixture & { controller: KObject } {
  const f = netFixture(seed);
  const m = new ControllerManager(f.api, f.clock, (c, k, e) => {
    throw new Error(`${c} ${k}: ${String(e)}`);
  });
  m.add(new LoadBalancerController(f.api, f.clock, new EventRecorder(f.api, { component: 'service-controller' })));
  m.add(new IngressNginxController(f.api, f.clock, new EventRecorder(f.api, { component: 'nginx-ingress-controller' })));
  const manifest = ingressNginxManifest();
  for (const kind of ['Namespace', 'Service', 'IngressClass']) for (const o of manifest.filter((x) => x.kind === kind)) f.api.create(o);
  const dep = manifest.find((o) => o.kind === 'Deployment')!;
  const c = dep.spec.template.spec.containers[0];
  const controller = f.pod('ingress-nginx-controller-7d4db76476-x2vqm', {
    node: 'node-2',
    namespace: 'ingress-nginx',
    image: c.image,
    args: c.args,
    labels: dep.spec.template.metadata.labels,
    ports: c.ports,
  });
  f.clock.advance(5);
  return Object.assign(f, { controller });
}

function whoamiApp(f: NetFixture, name = 'web', replicas = 3): void {
  f.api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec: { selector: { app: name }, ports: [{ port: 80 }] } });
  for (let i = 0; i < replicas; i++) f.pod(`${name}-${'abc'[i]}`, { node: `node-${i + 1}`, image: 'traefik/whoami', labels: { app: name } });
  f.settle();
}

const curl = (f: NetFixture, args: string[], src: Source = OUTSIDE) => runNetworkCommand(f.net, src, ['curl', ...args])!;

describe('ingress-nginx routing model', () => {
  const servers = buildServers([
    ingress('a', { rules: [rule('foo.example.com', [['/api', 'Prefix', 'api', 80], ['/exact', 'Exact', 'exact', 80], ['/impl', 'ImplementationSpecific', 'impl', 80]])] }),
    ingress('b', { rules: [rule(undefined, [['/', 'Prefix', 'catchall', 80]]), rule('*.wild.test', [['/', 'Prefix', 'wild', 80]])] }),
    ingress('c', { rules: [rule('foo.example.com', [['/api', 'Prefix', 'later', 80]])] }),
  ]);
  it.each([
    ['foo.example.com', '/api', 'default-api-80'],
    ['foo.example.com', '/api/', 'default-api-80'],
    ['foo.example.com', '/api/v1?x=1', 'default-api-80'],
    ['foo.example.com', '/apix', 'upstream-default-backend'],
    ['foo.example.com', '/exact', 'default-exact-80'],
    ['foo.example.com', '/exact/', 'upstream-default-backend'],
    ['foo.example.com', '/impl', 'default-impl-80'],
    ['foo.example.com', '/implementation', 'default-impl-80'],
    ['FOO.example.com:80', '/api', 'default-api-80'],
    ['bar.example.com', '/anything', 'default-catchall-80'],
    ['a.wild.test', '/', 'default-wild-80'],
    ['a.b.wild.test', '/', 'default-catchall-80'],
    [undefined, '/x', 'default-catchall-80'],
  ])('sends Host %s path %s to %s', (host, path, upstream) => {
    expect(selectLocation(selectServer(servers, host), path).upstream.name).toBe(upstream);
  });

  it('uses an Ingress defaultBackend for the catch-all server and its hosts', () => {
    const s = buildServers([ingress('d', { defaultBackend: { service: { name: 'fallback', port: { name: 'http' } } } }), ingress('e', { defaultBackend: { service: { name: 'other', port: { number: 8080 } } }, rules: [rule('x.test', [['/a', 'Exact', 'a', 80]])] })]);
    expect(selectLocation(selectServer(s, 'nope'), '/').upstream.name).toBe('default-fallback-http');
    expect(selectLocation(selectServer(s, 'x.test'), '/b').upstream.name).toBe('default-other-8080');
  });
});

describe('ingress-nginx controller', () => {
  it('publishes the load balancer address in the status of its Ingresses, and records Sync events', () => {
    const f = withController();
    expect(f.api.get('Service', 'ingress-nginx', 'ingress-nginx-controller').status.loadBalancer.ingress[0].ip).toBe(LB_IP);
    f.api.create(ingress('web', { ingressClassName: 'nginx', rules: [rule('web.example.com', [['/', 'Prefix', 'web', 80]])] }));
    f.api.create(ingress('noclass', { rules: [rule('other.example.com', [['/', 'Prefix', 'web', 80]])] }));
    f.clock.advance(30);
    // The status syncer runs every 60 s from the leader's start (t=0 here): not yet.
    expect(f.api.get('Ingress', 'default', 'web').status).toEqual({ loadBalancer: {} });
    f.clock.advance(30);
    expect(f.api.get('Ingress', 'default', 'web').status).toEqual({ loadBalancer: { ingress: [{ ip: LB_IP }] } });
    expect(f.api.get('Ingress', 'default', 'noclass').status).toEqual({ loadBalancer: {} });
    type Ev = { involvedObject: { name: string }; type: string; reason: string; message: string; count: number; source: { component: string } };
    const all = f.api.store.list('Event', 'default') as unknown as Ev[];
    const events = all.filter((e) => e.involvedObject.name === 'web');
    expect(events.map((e) => [e.type, e.reason, e.message, e.count, e.source.component])).toEqual([['Normal', 'Sync', 'Scheduled for sync', 2, 'nginx-ingress-controller']]);
    expect(all.filter((e) => e.involvedObject.name === 'noclass')).toEqual([]);
    // Nothing changes: no new write, no new event.
    const rv = f.api.get('Ingress', 'default', 'web').metadata.resourceVersion;
    f.clock.advance(120);
    expect(f.api.get('Ingress', 'default', 'web').metadata.resourceVersion).toBe(rv);
  });

  it('writes the status at once for Ingresses that exist when it starts leading, and removes it on shutdown', () => {
    const f = netFixture();
    const m = new ControllerManager(f.api, f.clock);
    m.add(new IngressNginxController(f.api, f.clock, new EventRecorder(f.api, { component: 'nginx-ingress-controller' })));
    f.api.create({ apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'nginx' }, spec: { controller: 'k8s.io/ingress-nginx' } });
    f.api.create(ingress('web', { ingressClassName: 'nginx', rules: [rule('web.example.com', [['/', 'Prefix', 'web', 80]])] }));
    f.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ingress-nginx' } });
    f.pod('ingress-nginx-controller-abc', { node: 'node-1', namespace: 'ingress-nginx', image: 'registry.k8s.io/ingress-nginx/controller:v1.12.2', args: ['/nginx-ingress-controller', '--publish-status-address=localhost'] });
    f.clock.advance(1);
    expect(f.api.get('Ingress', 'default', 'web').status).toEqual({ loadBalancer: { ingress: [{ hostname: 'localhost' }] } });
    f.api.delete('Pod', 'ingress-nginx', 'ingress-nginx-controller-abc', { gracePeriodSeconds: 0 });
    f.clock.advance(1);
    expect(f.api.get('Ingress', 'default', 'web').status).toEqual({ loadBalancer: {} });
  });
});

describe('ingress-nginx data plane', () => {
  it('proxies by Host to the backend pods with the forwarding headers, from outside through the load balancer', () => {
    const f = withController();
    whoamiApp(f);
    f.api.create(ingress('web', { ingressClassName: 'nginx', rules: [rule('web.example.com', [['/', 'Prefix', 'web', 80]])] }));
    f.settle();
    const r = curl(f, ['-s', '-H', 'Host: web.example.com', `http://${LB_IP}/hello`]);
    expect(r.code).toBe(0);
    const ctl = f.controller.status.podIP;
    expect(r.out).toMatch(
      new RegExp(
        `^Hostname: web-[abc]\nIP: 127\\.0\\.0\\.1\nIP: ::1\nIP: 10\\.244\\.[123]\\.2\nIP: fe80::[0-9a-f:]+\nRemoteAddr: ${ctl.replace(/\./g, '\\.')}:\\d+\n` +
          `GET /hello HTTP/1\\.1\r\nHost: web\\.example\\.com\r\nUser-Agent: curl/8\\.14\\.1\r\nAccept: \\*/\\*\r\n` +
          `X-Forwarded-For: 172\\.18\\.0\\.1\r\nX-Forwarded-Host: web\\.example\\.com\r\nX-Forwarded-Port: 80\r\nX-Forwarded-Proto: http\r\nX-Forwarded-Scheme: http\r\n` +
          `X-Real-Ip: 172\\.18\\.0\\.1\r\nX-Request-Id: [0-9a-f]{32}\r\nX-Scheme: http\r\n\r\n$`,
      ),
    );
  });

  it('answers the default backend 404 page for unknown hosts and paths, as ingress-nginx does', () => {
    const f = withController();
    whoamiApp(f);
    f.api.create(ingress('web', { ingressClassName: 'nginx', rules: [rule('web.example.com', [['/app', 'Exact', 'web', 80]])] }));
    const page = '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
    expect(page.length).toBe(146);
    const r = curl(f, ['-si', `http://${LB_IP}/`]);
    expect(r.out).toBe(`HTTP/1.1 404 Not Found\r\nDate: Thu, 26 Nov 2026 09:00:05 GMT\r\nContent-Type: text/html\r\nContent-Length: 146\r\nConnection: keep-alive\r\n\r\n${page}`);
    expect(curl(f, ['-s', '-H', 'Host: web.example.com', `http://${LB_IP}/app/`]).out).toBe(page);
    expect(curl(f, ['-s', '-o', '/dev/null', '-w', '%{http_code}', '-H', 'Host: web.example.com', `http://${LB_IP}/app`]).out).toBe('200');
    const w = runNetworkCommand(f.net, OUTSIDE, ['wget', '-qO-', `http://${LB_IP}/`])!;
    expect(w).toEqual({ out: '', err: 'wget: server returned error: HTTP/1.1 404 Not Found\n', code: 1 });
  });

  it('passes the upstream response on without its Server header', () => {
    const f = withController();
    f.api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'nginx', namespace: 'default' }, spec: { selector: { app: 'nginx' }, ports: [{ port: 8080, targetPort: 80 }] } });
    f.pod('nginx-a', { node: 'node-1', image: 'nginx:1.27', labels: { app: 'nginx' } });
    f.api.create(ingress('nginx', { ingressClassName: 'nginx', rules: [rule(undefined, [['/', 'Prefix', 'nginx', 8080]])] }));
    f.settle();
    const r = curl(f, ['-si', `http://${LB_IP}/`]);
    expect(r.out).toBe(
      'HTTP/1.1 200 OK\r\nDate: Thu, 26 Nov 2026 09:00:05 GMT\r\nContent-Type: text/html\r\nContent-Length: 615\r\nConnection: keep-alive\r\n' +
        'Last-Modified: Wed, 16 Apr 2025 12:01:11 GMT\r\nETag: "67ff9c07-267"\r\nAccept-Ranges: bytes\r\n\r\n' +
        NGINX_WELCOME,
    );
  });

  it('round-robins over the ready endpoints and answers 503 when there are none', () => {
    const f = withController();
    whoamiApp(f);
    f.api.create(ingress('web', { ingressClassName: 'nginx', rules: [rule('web.example.com', [['/', 'Prefix', 'web', 80]])] }));
    f.settle();
    const served = Array.from({ length: 6 }, () => /^Hostname: (\S+)/.exec(curl(f, ['-s', '-H', 'Host: web.example.com', `http://${LB_IP}/`]).out)![1]);
    expect(served.slice(3)).toEqual(served.slice(0, 3));
    expect(new Set(served.slice(0, 3))).toEqual(new Set(['web-a', 'web-b', 'web-c']));
    for (const p of ['web-a', 'web-b', 'web-c']) f.setReady(p, false);
    const r = curl(f, ['-s', '-H', 'Host: web.example.com', `http://${LB_IP}/`]);
    expect(r.out).toBe('<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n');
  });

  it('is reachable from inside the cluster through the controller Service, and ignores Ingresses of no class', () => {
    const f = withController();
    whoamiApp(f);
    f.pod('client', { node: 'node-3', image: 'busybox' });
    f.api.create(ingress('web', { rules: [rule('web.example.com', [['/', 'Prefix', 'web', 80]])] }));
    f.settle();
    const client: Source = { kind: 'pod', namespace: 'default', name: 'client' };
    const url = 'http://ingress-nginx-controller.ingress-nginx.svc.cluster.local/';
    expect(runNetworkCommand(f.net, client, ['wget', '-qO-', '--header', 'Host: web.example.com', url])!.err).toBe('wget: server returned error: HTTP/1.1 404 Not Found\n');
    f.api.delete('Ingress', 'default', 'web');
    f.api.create(ingress('web', { rules: [rule('web.example.com', [['/', 'Prefix', 'web', 80]])] }, 'default', { 'kubernetes.io/ingress.class': 'nginx' }));
    const r = runNetworkCommand(f.net, client, ['wget', '-qO-', '--header', 'Host: web.example.com', url])!;
    expect(r.out).toMatch(/^Hostname: web-[abc]\n/);
    expect(r.out).toContain(`X-Forwarded-For: ${f.api.get('Pod', 'default', 'client').status.podIP}\r\n`);
  });

  it('logs each routed request in the controller log and the backend log', () => {
    const f = withController();
    f.api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'nginx', namespace: 'default' }, spec: { selector: { app: 'nginx' }, ports: [{ port: 80 }] } });
    f.pod('nginx-a', { node: 'node-1', image: 'nginx:1.27', labels: { app: 'nginx' } });
    f.api.create(ingress('nginx', { ingressClassName: 'nginx', rules: [rule('n.test', [['/', 'Prefix', 'nginx', 80]])] }));
    f.settle();
    const lines: string[] = [];
    addAccessLogSink(f.net, (pod, container, line) => lines.push(`${pod.metadata.name}/${container}: ${line}`));
    curl(f, ['-s', '-H', 'Host: n.test', `http://${LB_IP}/`]);
    curl(f, ['-s', '-H', 'Host: unknown.test', `http://${LB_IP}/`]);
    const ctl = f.controller.status.podIP;
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(`nginx-a/c: ${ctl} - - [26/Nov/2026:09:00:05 +0000] "GET / HTTP/1.1" 200 615 "-" "curl/8.14.1" "172.18.0.1"`);
    expect(lines[1]).toMatch(
      /^ingress-nginx-controller-7d4db76476-x2vqm\/c: 172\.18\.0\.1 - - \[26\/Nov\/2026:09:00:05 \+0000\] "GET \/ HTTP\/1\.1" 200 615 "-" "curl\/8\.14\.1" 70 0\.001 \[default-nginx-80\] \[\] 10\.244\.1\.2:80 615 0\.001 200 [0-9a-f]{32}$/,
    );
  });
});

describe('ingress addon', () => {
  it('creates the objects of the cloud manifest and reports them as kubectl apply does', () => {
    const f = netFixture();
    expect(enableIngressAddon(f.api)).toEqual([
      'namespace/ingress-nginx created',
      'serviceaccount/ingress-nginx created',
      'serviceaccount/ingress-nginx-admission created',
      'role.rbac.authorization.k8s.io/ingress-nginx created',
      'role.rbac.authorization.k8s.io/ingress-nginx-admission created',
      'clusterrole.rbac.authorization.k8s.io/ingress-nginx created',
      'clusterrole.rbac.authorization.k8s.io/ingress-nginx-admission created',
      'rolebinding.rbac.authorization.k8s.io/ingress-nginx created',
      'rolebinding.rbac.authorization.k8s.io/ingress-nginx-admission created',
      'clusterrolebinding.rbac.authorization.k8s.io/ingress-nginx created',
      'clusterrolebinding.rbac.authorization.k8s.io/ingress-nginx-admission created',
      'configmap/ingress-nginx-controller created',
      'service/ingress-nginx-controller created',
      'service/ingress-nginx-controller-admission created',
      'deployment.apps/ingress-nginx-controller created',
      'secret/ingress-nginx-admission created',
      'ingressclass.networking.k8s.io/nginx created',
    ]);
    expect(enableIngressAddon(f.api)[0]).toBe('namespace/ingress-nginx unchanged');
    expect(f.api.get('IngressClass', undefined, 'nginx').spec).toEqual({ controller: 'k8s.io/ingress-nginx' });
  });
});
