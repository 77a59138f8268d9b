import { describe, expect, it } from 'vitest';
import { netFixture, type NetFixture } from './testing';
import { runNetworkCommand } from './clients';
import { NGINX_WELCOME } from './servers';
import { TrafficGenerator, formatDistribution } from './traffic';
import { addAccessLogSink } from './http-exchange';
import type { Source } from './pod-network';

const client: Source = { kind: 'pod', namespace: 'default', name: 'client' };

function webApp(f: NetFixture, image = 'nginx:1.27', spec: Record<string, unknown> = {}): string {
  f.api.create({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'default' },
    spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: image.startsWith('registry.k8s.io/echoserver') ? 8080 : 80 }], ...spec },
  });
  ['node-1', 'node-2', 'node-3'].forEach((node, i) => f.pod(`web-${'abc'[i]}`, { node, image, labels: { app: 'web' } }));
  f.pod('client', { node: 'node-1', image: 'busybox:1.36' });
  f.settle();
  return f.api.get('Service', 'default', 'web').spec.clusterIP;
}

const run = (f: NetFixture, line: string, src: Source = client) => runNetworkCommand(f.net, src, line.split(' '))!;

describe('pod network and kube-proxy', () => {
  it('serves the nginx welcome page through the service name', () => {
    const f = netFixture();
    webApp(f);
    const r = run(f, 'wget -qO- http://web');
    expect(r).toEqual({ out: NGINX_WELCOME, err: '', code: 0 });
    expect(NGINX_WELCOME.length).toBe(615);
  });

  it('prints busybox wget progress when not quiet', () => {
    const f = netFixture();
    const ip = webApp(f);
    const r = run(f, 'wget http://web');
    expect(r.err).toBe(
      `Connecting to web (${ip}:80)\nsaving to 'index.html'\nindex.html           100% |********************************|   615  0:00:00 ETA\n'index.html' saved\n`,
    );
    expect(r.files).toEqual([['index.html', NGINX_WELCOME]]);
  });

  it('resolves web, web.default, web.default.svc and the FQDN', () => {
    const f = netFixture();
    webApp(f);
    for (const name of ['web', 'web.default', 'web.default.svc', 'web.default.svc.cluster.local']) {
      expect(run(f, `wget -qO- http://${name}`).code).toBe(0);
    }
  });

  it('fails like busybox for an unknown name and for a service without endpoints', () => {
    const f = netFixture();
    webApp(f);
    expect(run(f, 'wget -qO- http://nope')).toEqual({ out: '', err: "wget: bad address 'nope'\n", code: 1, elapsedMs: 0 });
    const empty = f.api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'empty', namespace: 'default' }, spec: { selector: { app: 'none' }, ports: [{ port: 80 }] } });
    f.settle();
    expect(run(f, 'wget -qO- http://empty')).toEqual({ out: '', err: `wget: can't connect to remote host (${empty.spec.clusterIP}): Connection refused\n`, code: 1 });
    expect(run(f, 'curl -s http://empty').code).toBe(7);
    expect(run(f, 'curl http://empty').err).toMatch(/^curl: \(7\) Failed to connect to empty port 80 after \d ms: Couldn't connect to server\n$/);
    expect(run(f, 'curl http://nope').err).toBe('curl: (6) Could not resolve host: nope\n');
  });

  it('answers nslookup as busybox 1.36 does', () => {
    const f = netFixture();
    const ip = webApp(f);
    expect(run(f, 'nslookup web')).toEqual({
      out:
        `Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n` +
        `Name:\tweb.default.svc.cluster.local\nAddress: ${ip}\n\n` +
        `** server can't find web.svc.cluster.local: NXDOMAIN\n\n` +
        `** server can't find web.cluster.local: NXDOMAIN\n\n` +
        `\n` +
        `** server can't find web.svc.cluster.local: NXDOMAIN\n\n` +
        `** server can't find web.cluster.local: NXDOMAIN\n\n`,
      err: '',
      code: 1,
    });
    expect(run(f, 'nslookup web.default.svc.cluster.local')).toEqual({
      out: `Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb.default.svc.cluster.local\nAddress: ${ip}\n\n\n`,
      err: '',
      code: 0,
    });
    expect(run(f, 'nslookup 10.96.0.10').out).toBe(
      'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n10.0.96.10.in-addr.arpa\tname = kube-dns.kube-system.svc.cluster.local\n\n',
    );
  });

  it('fails DNS when CoreDNS has no ready endpoints', () => {
    const f = netFixture();
    webApp(f);
    f.setReady('coredns-7db6d8ff4d-4kq8x', false, 'kube-system');
    expect(run(f, 'nslookup web').out).toBe(';; connection timed out; no servers could be reached\n\n');
    expect(run(f, 'wget -qO- http://web').err).toBe("wget: bad address 'web'\n");
  });

  it('gives headless services per-pod records and ExternalName a CNAME', () => {
    const f = netFixture();
    f.api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'nginx', namespace: 'default' }, spec: { clusterIP: 'None', selector: { app: 'nginx' }, ports: [{ port: 80 }] } });
    f.pod('web-0', { node: 'node-1', image: 'nginx', labels: { app: 'nginx' }, hostname: 'web-0', subdomain: 'nginx' });
    f.pod('web-1', { node: 'node-2', image: 'nginx', labels: { app: 'nginx' }, hostname: 'web-1', subdomain: 'nginx' });
    f.api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'ext', namespace: 'default' }, spec: { type: 'ExternalName', externalName: 'example.com' } });
    f.pod('client', { node: 'node-3', image: 'busybox' });
    f.settle();
    expect(run(f, 'nslookup web-0.nginx.default.svc.cluster.local').out).toBe(
      'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb-0.nginx.default.svc.cluster.local\nAddress: 10.244.1.2\n\n\n',
    );
    expect(f.net.dns.query('nginx.default.svc.cluster.local', 'A').answers.map((a) => a.value)).toEqual(['10.244.1.2', '10.244.2.2']);
    expect(run(f, 'nslookup ext.default.svc.cluster.local').out).toBe(
      'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\next.default.svc.cluster.local\tcanonical name = example.com\n\next.default.svc.cluster.local\tcanonical name = example.com\n\n',
    );
    expect(run(f, 'wget -qO- http://web-0.nginx').out).toBe(NGINX_WELCOME);
  });

  it('spreads requests uniformly over 3 ready pods (seeded)', () => {
    const f = netFixture(7);
    webApp(f);
    const gen = new TrafficGenerator(f.net, { url: 'http://web', from: client, rps: 100, durationSec: 30 }).start();
    f.clock.advance(40);
    expect(gen.stats.sent).toBe(3000);
    expect(gen.stats.failed).toBe(0);
    for (const pod of ['default/web-a', 'default/web-b', 'default/web-c']) {
      const share = gen.stats.byPod.get(pod)! / 3000;
      expect(share).toBeGreaterThan(0.3);
      expect(share).toBeLessThan(0.37);
    }
    expect(formatDistribution(gen.stats)).toMatch(/^POD     REQUESTS   SHARE\nweb-a   \d+ +\d+\.\d%\nweb-b/);
  });

  it('stops sending to a pod that turns unready and resumes when it is ready again', () => {
    const f = netFixture();
    webApp(f);
    f.setReady('web-b', false);
    const gen = new TrafficGenerator(f.net, { url: 'http://web', from: client, rps: 50 });
    for (let i = 0; i < 300; i++) gen.sendOne();
    expect(gen.stats.byPod.get('default/web-b')).toBeUndefined();
    f.setReady('web-b', true);
    for (let i = 0; i < 300; i++) gen.sendOne();
    expect(gen.stats.byPod.get('default/web-b')).toBeGreaterThan(50);
  });

  it('keeps a client on one pod with ClientIP affinity', () => {
    const f = netFixture();
    webApp(f, 'nginx', { sessionAffinity: 'ClientIP' });
    const gen = new TrafficGenerator(f.net, { url: 'http://web', from: client, rps: 1 });
    for (let i = 0; i < 50; i++) gen.sendOne();
    expect(gen.stats.byPod.size).toBe(1);
  });

  it('reaches a NodePort on every node IP from outside, with the source masqueraded', () => {
    const f = netFixture();
    webApp(f, 'traefik/whoami', { type: 'NodePort' });
    const np = f.api.get('Service', 'default', 'web').spec.ports[0].nodePort;
    for (const ip of ['172.18.0.2', '172.18.0.3', '172.18.0.4', '172.18.0.5']) {
      const r = run(f, `curl -s http://${ip}:${np}/`, { kind: 'external' });
      expect(r.code).toBe(0);
      expect(r.out).toMatch(new RegExp(`^Hostname: web-[abc]\nIP: 127\\.0\\.0\\.1\nIP: ::1\nIP: 10\\.244\\.[123]\\.2\nIP: fe80::[0-9a-f:]+\nRemoteAddr: 10\\.244\\.\\d\\.[01]:\\d+\nGET / HTTP/1\\.1\r\nHost: ${ip.replace(/\./g, '\\.')}:${np}\r\nUser-Agent: curl/8\\.14\\.1\r\nAccept: \\*/\\*\r\n\r\n$`));
    }
  });

  it('drops external traffic on nodes without a local endpoint under externalTrafficPolicy Local', () => {
    const f = netFixture();
    f.api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { type: 'NodePort', externalTrafficPolicy: 'Local', selector: { app: 'web' }, ports: [{ port: 80 }] } });
    f.pod('web-a', { node: 'node-1', image: 'traefik/whoami', labels: { app: 'web' } });
    f.settle();
    const np = f.api.get('Service', 'default', 'web').spec.ports[0].nodePort;
    const ok = run(f, `curl -s http://172.18.0.3:${np}/`, { kind: 'external' });
    expect(ok.out).toContain('RemoteAddr: 172.18.0.1:');
    const dropped = run(f, `curl -s -S --connect-timeout 2 http://172.18.0.4:${np}/`, { kind: 'external' });
    expect(dropped.code).toBe(28);
  });

  it('answers with the real formats of echoserver, nginxdemos/hello, http-echo and httpd', () => {
    const f = netFixture();
    f.pod('client', { node: 'node-1', image: 'busybox' });
    f.pod('echo', { node: 'node-2', image: 'registry.k8s.io/echoserver:1.10' });
    f.pod('hello', { node: 'node-2', image: 'nginxdemos/hello:plain-text' });
    f.pod('he', { node: 'node-3', image: 'hashicorp/http-echo', args: ['-text=hello world'] });
    f.pod('httpd', { node: 'node-3', image: 'httpd:2.4' });
    expect(run(f, 'wget -qO- http://10.244.2.2:8080/x?y=1').out).toBe(
      '\n\nHostname: echo\n\nPod Information:\n\t-no pod information available-\n\nServer values:\n\tserver_version=nginx: 1.13.3 - lua: 10008\n\nRequest Information:\n\tclient_address=10.244.1.2\n\tmethod=GET\n\treal path=/x\n\tquery=y=1\n\trequest_version=1.1\n\trequest_scheme=http\n\trequest_uri=http://10.244.2.2:8080/x?y=1\n\nRequest Headers:\n\tconnection=close\n\thost=10.244.2.2:8080\n\tuser-agent=Wget\n\nRequest Body:\n\t-no body in request-\n\n',
    );
    expect(run(f, 'wget -qO- http://10.244.2.3').out).toMatch(/^Server address: 10\.244\.2\.3:80\nServer name: hello\nDate: 26\/Nov\/2026:09:00:00 \+0000\nURI: \/\nRequest ID: [0-9a-f]{32}\n$/);
    expect(run(f, 'wget -qO- http://10.244.3.2:5678').out).toBe('hello world\n');
    expect(run(f, 'wget -qO- http://10.244.3.3').out).toBe('<html><body><h1>It works!</h1></body></html>\n');
    expect(run(f, 'wget -qO- http://10.244.3.3/missing').err).toBe('wget: server returned error: HTTP/1.1 404 Not Found\n');
    expect(run(f, 'wget -qO- http://10.244.3.3:8080').err).toBe("wget: can't connect to remote host (10.244.3.3): Connection refused\n");
  });

  it('writes nginx access-log lines to the serving pod', () => {
    const f = netFixture();
    webApp(f);
    const lines: string[] = [];
    addAccessLogSink(f.net, (pod, container, line) => lines.push(`${pod.metadata.name}/${container}: ${line}`));
    run(f, 'wget -qO- http://10.244.2.2/');
    expect(lines).toEqual(['web-b/c: 10.244.1.3 - - [26/Nov/2026:09:00:00 +0000] "GET / HTTP/1.1" 200 615 "-" "Wget" "-"']);
  });

  it('reaches the apiserver through the kubernetes service', () => {
    const f = netFixture();
    webApp(f);
    const r = run(f, 'curl -sk https://kubernetes/version');
    expect(r.out).toContain('"gitVersion": "v1.32.5"');
    expect(run(f, 'curl -sk https://kubernetes.default.svc/').out).toContain('forbidden: User \\"system:anonymous\\" cannot get path \\"/\\"');
  });
});
