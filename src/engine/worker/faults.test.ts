import { describe, expect, it } from 'vitest';
import { EngineHost } from './host';

function setup() {
  const h = new EngineHost({ nodes: 1, seed: 4 });
  h.openTerminal('t', 200);
  const wait = (s: number) => {
    for (let i = 0; i < s; i++) h.tick(1000);
  };
  const pod = (name: string) => h.current.api.find('Pod', 'default', name)!;
  const waiting = (name: string) => (pod(name).status as any)?.containerStatuses?.[0]?.state?.waiting?.reason;
  return { h, wait, pod, waiting };
}

describe('fault injection from the inspector', () => {
  it('crashes a pod\'s container, and the kubelet restarts it', () => {
    const { h, wait, pod } = setup();
    h.input('t', 'kubectl run web --image=nginx\r');
    wait(20);
    h.crashPod('default', 'web', false);
    wait(15);
    const cs = (pod('web').status as any).containerStatuses[0];
    expect(cs.restartCount).toBe(1);
    expect(cs.lastState.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
  });

  it('makes pulls of an image fail until the fault is cleared, and says so in the status', () => {
    const { h, wait, waiting } = setup();
    h.injectPullFault('redis', 'unauthorized');
    expect(h.status().pullFaults).toEqual([{ image: 'redis', fault: 'unauthorized' }]);
    h.input('t', 'kubectl run cache --image=redis:7\r');
    wait(10);
    expect(['ErrImagePull', 'ImagePullBackOff']).toContain(waiting('cache'));
    expect(h.diagnose('Pod', 'default/cache').map((x) => x.code)).toEqual(['ImagePullAccess']);
    h.injectPullFault('redis', null);
    expect(h.status().pullFaults).toEqual([]);
    wait(60);
    expect(waiting('cache')).toBeUndefined();
  });

  it('names a rate limit and an unreachable registry as such', () => {
    const { h, wait } = setup();
    h.injectPullFault('redis', 'ratelimit');
    h.injectPullFault('busybox', 'unavailable');
    h.input('t', 'kubectl run cache --image=redis:7\r');
    h.input('t', 'kubectl run box --image=busybox -- sleep 3600\r');
    wait(10);
    expect(h.diagnose('Pod', 'default/cache').map((x) => x.code)).toEqual(['ImagePullRateLimit']);
    expect(h.diagnose('Pod', 'default/box').map((x) => x.code)).toEqual(['ImagePullUnreachable']);
  });

  it('replays faults from the journal', () => {
    const { h, wait } = setup();
    h.input('t', 'kubectl run web --image=nginx\r');
    wait(20);
    h.crashPod('default', 'web', true);
    h.injectPullFault('redis', 'ratelimit');
    wait(5);
    const b = new EngineHost();
    b.restore(JSON.parse(JSON.stringify(h.journal())));
    expect(b.current.api.find('Pod', 'default', 'web')!.status).toEqual(h.current.api.find('Pod', 'default', 'web')!.status);
    expect(b.status().pullFaults).toEqual([{ image: 'redis', fault: 'ratelimit' }]);
  });

  it('refuses a fault it does not know and a malformed image', () => {
    const { h } = setup();
    expect(() => h.injectPullFault('redis', 'gone' as never)).toThrow('unknown pull fault gone');
    expect(() => h.injectPullFault('redis; rm -rf', 'notfound')).toThrow('invalid image reference');
  });
});
