import { describe, expect, it } from 'vitest';
import { netFixture } from './testing';
import { LoadBalancerController } from './loadbalancer';
import { EventRecorder } from '../api/events';
import { ControllerManager } from '../controllers/manager';
import { runNetworkCommand } from './clients';

function setup() {
  const f = netFixture();
  const m = new ControllerManager(f.api, f.clock);
  m.add(new LoadBalancerController(f.api, f.clock, new EventRecorder(f.api, { component: 'service-controller' })));
  return f;
}

const lb = (name: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'default' },
  spec: { type: 'LoadBalancer', selector: { app: 'web' }, ports: [{ port: 80 }], ...extra },
});

describe('simulated load balancer', () => {
  it('stays pending for a few seconds, then gets the first pool address with events', () => {
    const f = setup();
    f.api.create(lb('web'));
    f.clock.advance(1);
    expect(f.api.get('Service', 'default', 'web').status).toEqual({ loadBalancer: {} });
    f.clock.advance(3);
    expect(f.api.get('Service', 'default', 'web').status.loadBalancer).toEqual({ ingress: [{ ip: '172.18.255.200', ipMode: 'VIP' }] });
    f.api.create(lb('web2'));
    f.clock.advance(5);
    expect(f.api.get('Service', 'default', 'web2').status.loadBalancer.ingress[0].ip).toBe('172.18.255.201');
    const events = f.api.list('Event').items.filter((e) => (e.involvedObject as { name: string }).name === 'web').map((e) => `${e.type} ${e.reason} ${e.message}`);
    expect(events).toEqual(['Normal EnsuringLoadBalancer Ensuring load balancer', 'Normal EnsuredLoadBalancer Ensured load balancer']);
  });

  it('releases the address when the type changes and ignores other load balancer classes', () => {
    const f = setup();
    const s = f.api.create(lb('web'));
    f.clock.advance(5);
    const cur = f.api.get('Service', 'default', 'web');
    f.api.update({ ...cur, spec: { ...cur.spec, type: 'ClusterIP' } });
    f.clock.advance(1);
    expect(f.api.get('Service', 'default', 'web').status).toEqual({ loadBalancer: {} });
    void s;
    f.api.create(lb('other', { loadBalancerClass: 'example.com/lb' }));
    f.clock.advance(10);
    expect(f.api.get('Service', 'default', 'other').status).toEqual({ loadBalancer: {} });
  });

  it('carries traffic from outside to the pods through the LoadBalancer IP', () => {
    const f = setup();
    f.api.create(lb('web'));
    f.pod('web-a', { node: 'node-1', image: 'nginx', labels: { app: 'web' } });
    f.clock.advance(5);
    const r = runNetworkCommand(f.net, { kind: 'external' }, ['curl', '-s', 'http://172.18.255.200/'])!;
    expect(r.code).toBe(0);
    expect(r.out).toContain('<title>Welcome to nginx!</title>');
  });
});
