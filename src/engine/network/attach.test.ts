import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster';
import { networkOf } from './pod-network';
import { NGINX_WELCOME } from './servers';

function cluster() {
  const c = createCluster();
  c.api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } }, spec: { nodeName: 'node-3', containers: [{ name: 'nginx', image: 'nginx:1.27' }] } });
  c.api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
  c.api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'client', namespace: 'default' }, spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'busybox:1.36', args: ['sleep', '3600'] }] } });
  c.advance(15);
  return c;
}

describe('the network wired into the cluster', () => {
  it('runs wget in a container through the pod network and logs the request in the server container', () => {
    const c = cluster();
    const r = c.nodes.exec('default', 'client', undefined, ['wget', '-qO-', 'http://web']);
    expect(r).toEqual({ stdout: NGINX_WELCOME, stderr: '', exitCode: 0 });
    const client = c.api.get('Pod', 'default', 'client').status.podIP;
    const last = c.nodes.logs('default', 'web', 'nginx').at(-1)!;
    expect(last.text).toMatch(new RegExp(`^${client.replace(/\./g, '\\.')} - - \\[26/Nov/2026:09:05:\\d\\d \\+0000\\] "GET / HTTP/1\\.1" 200 615 "-" "Wget" "-"$`));
  });

  it('treats a failed node as unreachable', () => {
    const c = cluster();
    c.nodes.fail('node-3');
    expect(networkOf(c).connect({ kind: 'pod', namespace: 'default', name: 'client' }, c.api.get('Pod', 'default', 'web').status.podIP, 80)).toMatchObject({ ok: false, error: 'timeout', why: 'node node-3 is down' });
    const r = c.nodes.exec('default', 'client', undefined, ['wget', '-qO-', '-T', '3', 'http://web']);
    expect(r).toEqual({ stdout: '', stderr: 'wget: download timed out\n', exitCode: 1 });
  });
});
