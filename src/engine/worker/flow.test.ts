import { describe, expect, it } from 'vitest';
import { EngineHost } from './host';
import type { FlowView } from './protocol';

function run(line: string, seconds = 20): { h: EngineHost; flow: FlowView } {
  const h = new EngineHost({ nodes: 1, seed: 8 });
  h.openTerminal('t', 200);
  h.flush();
  h.input('t', `${line}\r`);
  for (let i = 0; i < seconds; i++) h.tick(1000);
  let flow: FlowView | null | undefined;
  for (let p = h.flush(); p; p = h.flush()) if (p.flow !== undefined) flow = p.flow;
  return { h, flow: flow! };
}

const hop = (s: { from: string; to: string }) => `${s.from} > ${s.to}`;

describe('request flow of the last action', () => {
  it('follows kubectl create deployment through the apiserver, etcd, the controllers, the scheduler, the kubelet and flannel', () => {
    const { flow } = run('kubectl create deployment web --image=nginx');
    expect(flow.action).toBe('kubectl create deployment web --image=nginx');
    const hops = flow.steps.map(hop);
    expect(hops.slice(0, 2)).toEqual(['kubectl > kube-apiserver', 'kube-apiserver > etcd']);
    expect(flow.steps[0].label).toBe('create Deployment default/web');
    const order = (from: string, label: RegExp) => flow.steps.findIndex((s) => s.from === from && label.test(s.label));
    const scaled = order('kube-controller-manager', /^ScalingReplicaSet: Scaled up replica set web-/);
    const created = order('kube-controller-manager', /^SuccessfulCreate: Created pod: web-/);
    const scheduled = order('kube-scheduler', /^Scheduled: Successfully assigned default\/web-/);
    const cni = order('kubelet', /^CNI ADD: the network of pod web-/);
    const pulling = order('kubelet', /^Pulling: Pulling image "nginx"/);
    const started = order('kubelet', /^Started: Started container nginx/);
    const ip = order('kubelet', /^status: pod web-\S+ has IP 10\.244\.1\.\d+ \(from flannel\)$/);
    expect([scaled, created, scheduled, cni, pulling, started, ip].every((i) => i > 1)).toBe(true);
    expect(scaled).toBeLessThan(created);
    expect(created).toBeLessThan(scheduled);
    expect(scheduled).toBeLessThan(cni);
    expect(cni).toBeLessThan(pulling);
    expect(pulling).toBeLessThan(started);
    expect(flow.steps[cni].to).toBe('flannel');
    expect(flow.steps[scaled].detail).toBe('deployment-controller');
    expect(flow.steps[started].detail).toBe('node-1');
    // Only the apiserver talks to etcd; everything else talks to the apiserver.
    expect(flow.steps.every((s) => (s.to === 'etcd' ? s.from === 'kube-apiserver' : s.from === 'kube-apiserver' || s.to === 'kube-apiserver' || s.to === 'flannel'))).toBe(true);
  });

  it('shows kube-proxy taking the new endpoints of a Service', () => {
    const { h } = run('kubectl create deployment web --image=nginx');
    h.input('t', 'kubectl expose deployment web --port=80\r');
    for (let i = 0; i < 5; i++) h.tick(1000);
    let flow: FlowView | null | undefined;
    for (let p = h.flush(); p; p = h.flush()) if (p.flow !== undefined) flow = p.flow;
    expect(flow!.action).toBe('kubectl expose deployment web --port=80');
    expect(flow!.steps.map((s) => `${hop(s)} ${s.label}`)).toContain('kube-apiserver > kube-proxy kube-proxy on every node rewrites the rules of Service default/web');
  });

  it('keeps the last flow when a command only reads', () => {
    const { h, flow } = run('kubectl create namespace a', 1);
    h.input('t', 'kubectl get pods\r');
    h.tick(100);
    const p = h.flush();
    expect(p?.flow === undefined || p.flow?.id === flow.id).toBe(true);
  });
});
