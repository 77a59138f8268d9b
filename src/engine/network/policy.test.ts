import { describe, expect, it } from 'vitest';
import { netFixture, type NetFixture } from './testing';
import { runNetworkCommand } from './clients';
import { NGINX_WELCOME } from './servers';
import type { Source } from './pod-network';

const pod = (name: string, namespace = 'default'): Source => ({ kind: 'pod', namespace, name });
const run = (f: NetFixture, src: Source, line: string) => runNetworkCommand(f.net, src, line.split(' '))!;

function policy(f: NetFixture, name: string, spec: Record<string, unknown>, namespace = 'default'): void {
  f.api.create({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec });
}

/** web (2 nginx pods behind Service web), db (a pod with a named port), clients in two namespaces. */
function app(f: NetFixture): void {
  f.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'other', labels: { team: 'blue' } } });
  f.api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80 }] } });
  f.pod('web-a', { node: 'node-1', image: 'nginx:1.27', labels: { app: 'web' } });
  f.pod('web-b', { node: 'node-2', image: 'nginx:1.27', labels: { app: 'web' } });
  f.pod('db', { node: 'node-3', image: 'hashicorp/http-echo', args: ['-text=db', '-listen=:5432'], labels: { app: 'db' }, ports: [{ name: 'pg', containerPort: 5432 }] });
  f.pod('frontend', { node: 'node-1', image: 'busybox', labels: { role: 'frontend' } });
  f.pod('stranger', { node: 'node-2', image: 'busybox' });
  f.pod('remote', { node: 'node-3', image: 'busybox', namespace: 'other', labels: { role: 'frontend' } });
  f.settle();
}

const ip = (f: NetFixture, name: string, ns = 'default'): string => f.api.get('Pod', ns, name).status.podIP;

describe('NetworkPolicy enforcement', () => {
  it('lets everything through while no policy selects a pod', () => {
    const f = netFixture();
    app(f);
    expect(run(f, pod('stranger'), 'wget -qO- http://web').out).toBe(NGINX_WELCOME);
    expect(run(f, pod('remote', 'other'), 'wget -qO- http://web.default').out).toBe(NGINX_WELCOME);
  });

  it('drops connections to pods under a default-deny ingress policy (the client times out), not to others', () => {
    const f = netFixture();
    app(f);
    policy(f, 'default-deny', { podSelector: {}, policyTypes: ['Ingress'] });
    const web = f.api.get('Service', 'default', 'web').spec.clusterIP;
    expect(run(f, pod('stranger'), 'wget -qO- -T 2 http://web')).toEqual({ out: '', err: 'wget: download timed out\n', code: 1, elapsedMs: 2000 });
    expect(run(f, pod('stranger'), 'wget -qO- http://web')).toEqual({ out: '', err: `wget: can't connect to remote host (${web}): Connection timed out\n`, code: 1, elapsedMs: 127_000 });
    const c = f.net.connect(pod('stranger'), ip(f, 'web-a'), 80);
    expect(c).toEqual({ ok: false, error: 'timeout', why: `no NetworkPolicy selecting pod default/web-a (default-deny) allows ingress from ${ip(f, 'stranger')} on TCP/80` });
    // The pods of another namespace are not isolated by a policy of `default`.
    policy(f, 'deny-nothing-here', { podSelector: { matchLabels: { app: 'none' } } }, 'other');
    expect(run(f, pod('stranger'), `wget -qO- http://${ip(f, 'remote', 'other')}:80`).err).toMatch(/Connection refused/);
  });

  it('allows pods by podSelector in the policy namespace only, and by namespaceSelector', () => {
    const f = netFixture();
    app(f);
    policy(f, 'web-from-frontend', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ podSelector: { matchLabels: { role: 'frontend' } } }] }] });
    expect(run(f, pod('frontend'), 'wget -qO- http://web').code).toBe(0);
    expect(run(f, pod('stranger'), 'wget -qO- -T 1 http://web').err).toBe('wget: download timed out\n');
    // Same labels in another namespace: a podSelector alone means "in my namespace".
    expect(run(f, pod('remote', 'other'), 'wget -qO- -T 1 http://web.default').err).toBe('wget: download timed out\n');
    policy(f, 'web-from-blue', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'blue' } }, podSelector: { matchLabels: { role: 'frontend' } } }] }] });
    expect(run(f, pod('remote', 'other'), 'wget -qO- http://web.default').code).toBe(0);
    policy(f, 'web-from-default-ns', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'default' } } }] }] });
    expect(run(f, pod('stranger'), 'wget -qO- http://web').code).toBe(0);
  });

  it('matches ports by number, range and container port name', () => {
    const f = netFixture();
    app(f);
    policy(f, 'db', { podSelector: { matchLabels: { app: 'db' } }, ingress: [{ ports: [{ port: 'pg' }] }] });
    expect(run(f, pod('stranger'), `wget -qO- http://${ip(f, 'db')}:5432`).out).toBe('db\n');
    f.api.delete('NetworkPolicy', 'default', 'db');
    policy(f, 'db', { podSelector: { matchLabels: { app: 'db' } }, ingress: [{ ports: [{ port: 5000, endPort: 5431 }] }] });
    expect(run(f, pod('stranger'), `wget -qO- -T 1 http://${ip(f, 'db')}:5432`).err).toBe('wget: download timed out\n');
    policy(f, 'db-udp', { podSelector: { matchLabels: { app: 'db' } }, ingress: [{ ports: [{ protocol: 'UDP', port: 5432 }] }] });
    expect(run(f, pod('stranger'), `wget -qO- -T 1 http://${ip(f, 'db')}:5432`).err).toBe('wget: download timed out\n');
    policy(f, 'db-range', { podSelector: { matchLabels: { app: 'db' } }, ingress: [{ ports: [{ port: 5400, endPort: 5500 }] }] });
    expect(run(f, pod('stranger'), `wget -qO- http://${ip(f, 'db')}:5432`).out).toBe('db\n');
  });

  it('denies everything with an empty rule list and allows everything with one empty rule', () => {
    const f = netFixture();
    app(f);
    policy(f, 'none', { podSelector: { matchLabels: { app: 'db' } }, ingress: [] });
    expect(f.net.connect(pod('frontend'), ip(f, 'db'), 5432).ok).toBe(false);
    policy(f, 'all', { podSelector: { matchLabels: { app: 'db' } }, ingress: [{}] });
    expect(f.net.connect(pod('frontend'), ip(f, 'db'), 5432).ok).toBe(true);
  });

  it('leaves a pod without DNS under default-deny egress until UDP 53 to kube-dns is allowed', () => {
    const f = netFixture();
    app(f);
    policy(f, 'deny-egress', { podSelector: { matchLabels: { role: 'frontend' } }, policyTypes: ['Egress'] });
    expect(run(f, pod('frontend'), 'wget -qO- http://web')).toEqual({ out: '', err: "wget: bad address 'web'\n", code: 1, elapsedMs: 10_000 });
    expect(run(f, pod('frontend'), 'nslookup web').out).toBe(';; connection timed out; no servers could be reached\n\n');
    policy(f, 'allow-dns', {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }] }],
    });
    // DNS works, the connection to web is still denied: egress is checked after DNAT, on the pod.
    expect(run(f, pod('frontend'), 'wget -qO- -T 3 http://web').err).toBe('wget: download timed out\n');
    policy(f, 'allow-web', { podSelector: { matchLabels: { role: 'frontend' } }, egress: [{ to: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 80 }] }] });
    expect(run(f, pod('frontend'), 'wget -qO- http://web').out).toBe(NGINX_WELCOME);
    // An ipBlock of the ClusterIP does not match: the packet already goes to a pod IP.
    expect(f.net.connect(pod('frontend'), ip(f, 'db'), 5432).ok).toBe(false);
  });

  it('matches ipBlock with except against the address the server sees', () => {
    const f = netFixture();
    app(f);
    f.api.delete('Service', 'default', 'web');
    f.api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { type: 'NodePort', externalTrafficPolicy: 'Local', selector: { app: 'web' }, ports: [{ port: 80 }] } });
    f.settle();
    const np = f.api.get('Service', 'default', 'web').spec.ports[0].nodePort;
    policy(f, 'lan-only', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ ipBlock: { cidr: '172.18.0.0/16', except: ['172.18.0.1/32'] } }] }] });
    // With externalTrafficPolicy Local the client address 172.18.0.1 is kept: excepted.
    expect(f.net.connect({ kind: 'external' }, '172.18.0.3', np)).toMatchObject({ ok: false, error: 'timeout' });
    f.api.delete('NetworkPolicy', 'default', 'lan-only');
    policy(f, 'lan', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ ipBlock: { cidr: '172.18.0.0/16' } }] }] });
    expect(f.net.connect({ kind: 'external' }, '172.18.0.3', np)).toMatchObject({ ok: true, clientIP: '172.18.0.1' });
    // Pod peers are not matched by an ipBlock of another range.
    expect(f.net.connect(pod('frontend'), ip(f, 'web-a'), 80).ok).toBe(false);
  });

  it('always allows a pod to reach itself and its own node to reach it', () => {
    const f = netFixture();
    app(f);
    policy(f, 'default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    expect(f.net.connect(pod('web-a'), ip(f, 'web-a'), 80).ok).toBe(true);
    expect(f.net.connect({ kind: 'node', name: 'node-1' }, ip(f, 'web-a'), 80).ok).toBe(true);
    expect(f.net.connect({ kind: 'node', name: 'node-2' }, ip(f, 'web-a'), 80).ok).toBe(false);
  });

  it('can be switched off', () => {
    const f = netFixture();
    app(f);
    policy(f, 'default-deny', { podSelector: {} });
    const net = new (f.net.constructor as typeof import('./pod-network').PodNetwork)(f.api, f.clock, f.rng, { enforceNetworkPolicies: false });
    expect(net.connect(pod('stranger'), ip(f, 'web-a'), 80).ok).toBe(true);
  });
});
