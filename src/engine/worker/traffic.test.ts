import { describe, expect, it } from 'vitest';
import { EngineHost } from './host';
import type { TrafficPulse } from './protocol';

function serving() {
  const h = new EngineHost({ nodes: 3, seed: 2 });
  h.openTerminal('t', 200);
  h.input('t', 'kubectl create deployment web --image=nginx --replicas=3\r');
  h.input('t', 'kubectl expose deployment web --port=80\r');
  h.setSpeed(10);
  for (let i = 0; i < 6; i++) h.tick(1000);
  h.flush();
  return h;
}

describe('traffic from the UI', () => {
  it('sends requests to a Service, spreads them over its pods and reports each one as a pulse', () => {
    const h = serving();
    h.setSpeed(1);
    h.startTraffic({ namespace: 'default', service: 'web', rps: 10, durationSec: 5 });
    const pulses: TrafficPulse[] = [];
    for (let i = 0; i < 6; i++) {
      h.tick(1000);
      pulses.push(...(h.flush()?.pulses ?? []));
    }
    expect(h.flush()?.traffic).toBeUndefined(); // unchanged since the last push
    expect(pulses).toHaveLength(50);
    expect(pulses.every((x) => x.ok && x.service === 'default/web' && x.pod?.startsWith('default/web-'))).toBe(true);
    const pods = h.current.api.store.list('Pod', 'default').map((x) => `default/${x.metadata.name}`).sort();
    expect([...new Set(pulses.map((x) => x.pod))].sort()).toEqual(pods);
  });

  it('says how the requests were spread, stops, and replays the same from the journal', () => {
    const h = serving();
    h.startTraffic({ namespace: 'default', service: 'web', rps: 20, durationSec: 0 });
    h.tick(1000);
    h.tick(1000);
    const running = h.flush()!.traffic!;
    expect(running).toMatchObject({ service: 'web', rps: 20, running: true, failed: 0 });
    expect(running.byPod.reduce((n, x) => n + x.n, 0)).toBe(running.sent);
    h.stopTraffic();
    h.tick(1000);
    const stopped = h.flush()!.traffic!;
    expect(stopped.running).toBe(false);
    expect(h.journal().entries.map((e) => e.op)).toEqual(['input', 'input', 'traffic', 'trafficStop']);
    const b = new EngineHost();
    b.restore(JSON.parse(JSON.stringify(h.journal())));
    expect(b.flush()!.traffic).toEqual(stopped);
  });

  it('refuses a Service that does not exist or a rate out of range', () => {
    const h = serving();
    expect(() => h.startTraffic({ namespace: 'default', service: 'nope', rps: 10, durationSec: 5 })).toThrow('service "nope" not found in namespace "default"');
    expect(() => h.startTraffic({ namespace: 'default', service: 'web', rps: 0, durationSec: 5 })).toThrow('the rate must be a whole number from 1 to 100 requests per second');
    expect(h.journal().entries.map((e) => e.op)).toEqual(['input', 'input']);
  });
});
