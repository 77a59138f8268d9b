import { describe, expect, it } from 'vitest';
import { testFleet, podOf, summary, type TestFleet } from './test-fleet';
import { logTimestamp } from './logs';
import type { KObject } from '../api/types/meta';
import { StatusError } from '../api/errors';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** Advances in 0.1 s steps and records every change of the pod summary with its offset. */
function timeline(t: TestFleet, name: string, seconds: number): { at: number; s: string }[] {
  const t0 = t.clock.now();
  const out: { at: number; s: string }[] = [];
  let last = '';
  for (let i = 0; i <= seconds * 10; i++) {
    const p = t.api.find('Pod', 'default', name);
    const s = p ? summary(p) : 'gone';
    if (s !== last) out.push({ at: Math.round((t.clock.now() - t0) / 100) / 10, s });
    last = s;
    t.advance(0.1);
  }
  return out;
}

/** Advances until every container of the pod has started; returns the ms it started. */
function untilRunning(t: TestFleet, name: string): number {
  for (let i = 0; i < 600; i++) {
    const cs = t.api.find('Pod', 'default', name)?.status?.containerStatuses ?? [];
    if (cs.length && cs.every((c: any) => c.state.running)) return t.clock.now();
    t.advance(0.1);
  }
  throw new Error(`${name} did not start`);
}

const reasons = (t: TestFleet, pod: string, since = 0) => t.log.filter((e) => e.obj === pod && e.ms >= since).map((e) => `${e.type} ${e.reason} ${e.message}`);

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return e instanceof StatusError ? `${e.code} ${e.message}` : (e as Error).message;
  }
  return 'no error';
}

describe('kubelet pod lifecycle', () => {
  it('takes nginx from ContainerCreating to Running with the real events and status', () => {
    const t = testFleet();
    const t0 = t.clock.now();
    t.run(podOf('web', [{ name: 'nginx', image: 'nginx' }]));
    t.advance(0.1);
    expect(summary(t.pod('web'))).toBe('Pending nginx:Waiting(ContainerCreating):ready=false:restarts=0');
    expect(t.pod('web').status.podIP).toBeUndefined();
    t.advance(10);
    const ev = reasons(t, 'web', t0);
    expect(ev[0]).toBe('Normal Pulling Pulling image "nginx"');
    expect(ev[1]).toMatch(/^Normal Pulled Successfully pulled image "nginx" in \d+(\.\d+)?m?s \(\d+(\.\d+)?m?s including waiting\)\. Image size: 72195292 bytes\.$/);
    expect(ev.slice(2)).toEqual(['Normal Created Created container: nginx', 'Normal Started Started container nginx']);
    const st = t.pod('web').status;
    expect(st.phase).toBe('Running');
    expect(st.conditions.map((c: any) => `${c.type}=${c.status}`)).toEqual(['PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True']);
    expect(st.conditions.every((c: any) => c.lastProbeTime === null)).toBe(true);
    expect(st.hostIP).toBe('172.18.0.3');
    expect(st.hostIPs).toEqual([{ ip: '172.18.0.3' }]);
    expect(st.podIP).toBe('10.244.1.2');
    expect(st.podIPs).toEqual([{ ip: '10.244.1.2' }]);
    expect(st.qosClass).toBe('BestEffort');
    const cs = st.containerStatuses[0];
    expect(cs.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(cs.image).toBe('docker.io/library/nginx:latest');
    expect(cs.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(cs).toMatchObject({ lastState: {}, name: 'nginx', ready: true, restartCount: 0, started: true });
    expect(Object.keys(cs.state)).toEqual(['running']);
    expect(cs.volumeMounts).toEqual([{ mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: t.pod('web').spec.volumes[0].name, readOnly: true, recursiveReadOnly: 'Disabled' }]);
    expect(t.parts.internalErrors).toEqual([]);
  });

  it('reports a cached image for IfNotPresent and serializes pulls on a node', () => {
    const t = testFleet();
    t.run(podOf('a', [{ name: 'c', image: 'nginx:1.27' }]));
    t.run(podOf('b', [{ name: 'c', image: 'redis:7' }]));
    t.advance(15);
    const waited = ['a', 'b'].map((p) => {
      const m = /in ([\d.]+)(m?s) \(([\d.]+)(m?s) including waiting\)/.exec(reasons(t, p).find((e) => e.includes('Pulled'))!)!;
      const sec = (v: string, u: string) => Number(v) / (u === 'ms' ? 1000 : 1);
      return sec(m[3], m[4]) - sec(m[1], m[2]);
    });
    // One pull at a time on a node: the later one reports the wait in its "including waiting" time.
    expect(Math.max(...waited)).toBeGreaterThan(1);
    expect(Math.min(...waited)).toBeLessThan(0.01);
    t.run(podOf('c', [{ name: 'c', image: 'nginx:1.27' }]));
    t.advance(5);
    expect(reasons(t, 'c')).toEqual([
      'Normal Pulled Container image "nginx:1.27" already present on machine',
      'Normal Created Created container: c',
      'Normal Started Started container c',
    ]);
    expect(t.pod('c').status.podIP).toBe('10.244.1.4');
  });

  it('backs off a crashing container 10s, 20s, 40s, 80s, 160s and caps at 300s', () => {
    const t = testFleet();
    t.run(podOf('crash', [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'echo boom; sleep 1; exit 1'] }]));
    const tl = timeline(t, 'crash', 1000);
    const starts = tl.map((x, i) => ({ ...x, i })).filter((x) => x.s.includes(':Running:'));
    // Each restart comes `backoff` seconds after the exit before it (plus 0.2 s to create and start).
    const gaps = starts.slice(1).map((s) => Math.round(s.at - tl[s.i - 1].at));
    expect(gaps.slice(0, 7)).toEqual([0, 10, 20, 40, 80, 160, 300]);
    expect(tl[starts[2].i - 1].s).toBe('Running app:Waiting(CrashLoopBackOff):ready=false:restarts=1');
    expect(starts.map((s) => s.s.replace(/.*restarts=/, ''))).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8']);
    const pod = t.pod('crash');
    const cs = pod.status.containerStatuses[0];
    expect(cs.state.waiting.reason).toBe('CrashLoopBackOff');
    expect(cs.state.waiting.message).toBe(`back-off 5m0s restarting failed container=app pod=crash_default(${pod.metadata.uid})`);
    expect(cs.lastState.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(pod.status.phase).toBe('Running');
    expect(reasons(t, 'crash')).toContain(`Warning BackOff Back-off restarting failed container app in pod crash_default(${pod.metadata.uid})`);
    expect(t.fleet.logs('default', 'crash', undefined).map((l) => l.text)).toEqual(['boom']);
    expect(t.fleet.logs('default', 'crash', undefined, { previous: true }).map((l) => l.text)).toEqual(['boom']);
  });

  it('fails a pull of an unknown tag with ErrImagePull, then ImagePullBackOff, retrying after 10s and 20s', () => {
    const t = testFleet();
    t.run(podOf('bad', [{ name: 'app', image: 'nginx:1.161' }]));
    const tl = timeline(t, 'bad', 40).map((x) => x.s.replace(/^Pending app:Waiting\((\w+)\).*$/, '$1'));
    expect(tl).toEqual(['Pending ', 'ContainerCreating', 'ErrImagePull', 'ImagePullBackOff', 'ErrImagePull', 'ImagePullBackOff', 'ErrImagePull', 'ImagePullBackOff']);
    const err = 'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.161": failed to resolve reference "docker.io/library/nginx:1.161": docker.io/library/nginx:1.161: not found';
    expect([...new Set(reasons(t, 'bad'))]).toEqual([
      'Normal Pulling Pulling image "nginx:1.161"',
      `Warning Failed Failed to pull image "nginx:1.161": ${err}`,
      'Warning Failed Error: ErrImagePull',
      'Normal BackOff Back-off pulling image "nginx:1.161"',
      'Warning Failed Error: ImagePullBackOff',
    ]);
    const pulls = t.log.filter((e) => e.obj === 'bad' && e.reason === 'Pulling').map((e) => e.ms);
    const fails = t.log.filter((e) => e.obj === 'bad' && e.message === 'Error: ErrImagePull').map((e) => e.ms);
    expect([(pulls[1] - fails[0]) / 1000, (pulls[2] - fails[1]) / 1000]).toEqual([10, 20]);
    expect(t.pod('bad').status.containerStatuses[0].state.waiting).toEqual({ message: 'Back-off pulling image "nginx:1.161"', reason: 'ImagePullBackOff' });
    expect(errorOf(() => t.fleet.logs('default', 'bad', undefined))).toBe('400 container "app" in pod "bad" is waiting to start: trying and failing to pull image');
  });

  it('names the real containerd errors of a missing repository and an invalid reference', () => {
    const t = testFleet();
    t.run(podOf('norepo', [{ name: 'app', image: 'nosuchimage' }]));
    t.run(podOf('upper', [{ name: 'app', image: 'Nginx' }]));
    t.advance(5);
    expect(reasons(t, 'norepo')[1]).toBe(
      'Warning Failed Failed to pull image "nosuchimage": rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/nosuchimage:latest": failed to resolve reference "docker.io/library/nosuchimage:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
    );
    expect(t.pod('upper').status.containerStatuses[0].state.waiting).toEqual({
      message: 'Failed to apply default image tag "Nginx": couldn\'t parse image name "Nginx": invalid reference format: repository name (library/Nginx) must be lowercase',
      reason: 'InvalidImageName',
    });
  });

  it('completes a restartPolicy Never pod as Succeeded or Failed with the terminal conditions', () => {
    const t = testFleet();
    t.run(podOf('ok', [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'echo done'] }], { restartPolicy: 'Never' }));
    t.run(podOf('ko', [{ name: 'c', image: 'busybox:1.36', command: ['false'] }], { restartPolicy: 'Never' }));
    t.advance(10);
    const ok = t.pod('ok').status;
    expect(summary(t.pod('ok'))).toBe('Succeeded c:Terminated(Completed,0):ready=false:restarts=0');
    expect(ok.conditions.map((c: any) => [c.type, c.status, c.reason ?? ''].join('/'))).toEqual([
      'PodReadyToStartContainers/False/',
      'Initialized/True/PodCompleted',
      'Ready/False/PodCompleted',
      'ContainersReady/False/PodCompleted',
      'PodScheduled/True/',
    ]);
    expect(ok.podIP).toBe(t.pod('ok').status.podIPs[0].ip);
    expect(summary(t.pod('ko'))).toBe('Failed c:Terminated(Error,1):ready=false:restarts=0');
    expect(t.pod('ko').status.conditions[2]).toMatchObject({ type: 'Ready', status: 'False', reason: 'PodFailed' });
  });

  it('restarts only failed containers under OnFailure', () => {
    const t = testFleet();
    t.run(podOf('job', [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 1; exit 3'] }], { restartPolicy: 'OnFailure' }));
    t.advance(8);
    expect(t.pod('job').status.containerStatuses[0].restartCount).toBe(1);
    expect(t.pod('job').status.phase).toBe('Running');
  });

  it('runs init containers in order before the app containers', () => {
    const t = testFleet();
    t.run(
      podOf('web', [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'] }], {
        initContainers: [
          { name: 'one', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 2'] },
          { name: 'two', image: 'busybox:1.36', command: ['sh', '-c', 'echo two'] },
        ],
      }),
    );
    t.advance(0.1);
    let st = t.pod('web').status;
    expect(st.conditions[1]).toMatchObject({ type: 'Initialized', status: 'False', reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [one two]' });
    expect(st.containerStatuses[0].state.waiting.reason).toBe('PodInitializing');
    t.advance(10);
    st = t.pod('web').status;
    expect(st.initContainerStatuses.map((c: any) => `${c.name}:${c.state.terminated?.reason}`)).toEqual(['one:Completed', 'two:Completed']);
    expect(st.phase).toBe('Running');
    const order = t.log.filter((e) => e.obj === 'web' && e.reason === 'Started').map((e) => e.message);
    expect(order).toEqual(['Started container one', 'Started container two', 'Started container app']);
  });

  it('fails the pod when an init container fails under restartPolicy Never', () => {
    const t = testFleet();
    t.run(podOf('p', [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '10'] }], { restartPolicy: 'Never', initContainers: [{ name: 'init', image: 'busybox:1.36', command: ['false'] }] }));
    t.advance(5);
    expect(t.pod('p').status.phase).toBe('Failed');
    expect(t.log.some((e) => e.obj === 'p' && e.message === 'Started container app')).toBe(false);
  });

  it('holds Ready until the readiness probe succeeds and fails it on a closed port', () => {
    const t = testFleet();
    t.run(podOf('r', [{ name: 'web', image: 'nginx:1.27', readinessProbe: { httpGet: { path: '/', port: 80 }, initialDelaySeconds: 5, periodSeconds: 5 } }]));
    t.run(podOf('closed', [{ name: 'web', image: 'nginx:1.27', readinessProbe: { tcpSocket: { port: 8080 }, periodSeconds: 5 } }]));
    untilRunning(t, 'r');
    t.advance(4);
    expect(summary(t.pod('r'))).toBe('Running web:Running:ready=false:restarts=0');
    expect(t.pod('r').status.conditions[2]).toMatchObject({ type: 'Ready', status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [web]' });
    t.advance(2);
    expect(summary(t.pod('r'))).toBe('Running web:Running:ready=true:restarts=0');
    untilRunning(t, 'closed');
    t.advance(10);
    // The probe is an HTTP request nginx logs.
    expect(t.fleet.logs('default', 'r', undefined).map((l) => l.text).pop()).toMatch(/^10\.244\.1\.1 - - \[26\/Nov\/2026:09:01:\d\d \+0000\] "GET \/ HTTP\/1\.1" 200 615 "-" "kube-probe\/1\.32" "-"$/);
    const ip = t.pod('closed').status.podIP;
    expect(reasons(t, 'closed')).toContain(`Warning Unhealthy Readiness probe failed: dial tcp ${ip}:8080: connect: connection refused`);
  });

  it('restarts a container whose liveness probe fails, as in the exec liveness example of the docs', () => {
    const t = testFleet();
    t.run(
      podOf('liveness-exec', [
        {
          name: 'liveness',
          image: 'registry.k8s.io/busybox',
          args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'],
          livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 5, periodSeconds: 5 },
        },
      ]),
    );
    t.advance(40);
    expect(t.pod('liveness-exec').status.containerStatuses[0].restartCount).toBe(0);
    t.advance(60);
    const ev = reasons(t, 'liveness-exec');
    expect(ev.filter((e) => e.includes('Unhealthy'))[0]).toBe("Warning Unhealthy Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory");
    expect(ev).toContain('Normal Killing Container liveness failed liveness probe, will be restarted');
    const cs = t.pod('liveness-exec').status.containerStatuses[0];
    expect(cs.restartCount).toBe(1);
    // sh as PID 1 ignores SIGTERM: killed at the end of the 30 s grace period.
    expect(cs.lastState.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
  });

  it('terminates gracefully: Killing events, nginx exits at once, sleep as PID 1 waits out the grace period', () => {
    const t = testFleet();
    t.run(podOf('web', [{ name: 'nginx', image: 'nginx:1.27' }]));
    t.run(podOf('sleeper', [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'] }], { terminationGracePeriodSeconds: 10 }));
    t.advance(10);
    const t0 = t.clock.now();
    t.api.delete('Pod', 'default', 'web');
    t.api.delete('Pod', 'default', 'sleeper');
    t.advance(0.05);
    expect(reasons(t, 'web', t0)).toEqual(['Normal Killing Stopping container nginx']);
    t.advance(1);
    expect(t.api.find('Pod', 'default', 'web')).toBeUndefined();
    expect(t.api.find('Pod', 'default', 'sleeper')?.metadata.deletionTimestamp).toBeDefined();
    t.advance(9);
    expect(t.api.find('Pod', 'default', 'sleeper')).toBeUndefined();
    expect(t.parts.internalErrors).toEqual([]);
  });

  it('kills a container on request (fault injection) and restarts it with exit code 137', () => {
    const t = testFleet();
    t.run(podOf('web', [{ name: 'nginx', image: 'nginx:1.27' }]));
    t.advance(10);
    expect(t.fleet.kill('default', 'web', 'nginx')).toBe(true);
    t.advance(2);
    const cs = t.pod('web').status.containerStatuses[0];
    expect(cs.restartCount).toBe(1);
    expect(cs.lastState.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    expect(cs.state.running).toBeDefined();
  });

  it('gives CreateContainerConfigError for a missing ConfigMap key and FailedMount for a missing volume', () => {
    const t = testFleet();
    t.run(podOf('env', [{ name: 'c', image: 'nginx:1.27', env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'x' } } }] }]));
    t.run(podOf('vol', [{ name: 'c', image: 'nginx:1.27', volumeMounts: [{ name: 'v', mountPath: '/etc/cfg' }] }], { volumes: [{ name: 'v', configMap: { name: 'cfg' } }] }));
    t.advance(10);
    expect(t.pod('env').status.containerStatuses[0].state.waiting).toEqual({ message: 'configmap "cfg" not found', reason: 'CreateContainerConfigError' });
    expect(reasons(t, 'env')).toContain('Warning Failed Error: configmap "cfg" not found');
    expect(reasons(t, 'vol')[0]).toBe('Warning FailedMount MountVolume.SetUp failed for volume "v" : configmap "cfg" not found');
    expect(summary(t.pod('vol'))).toBe('Pending c:Waiting(ContainerCreating):ready=false:restarts=0');
    t.api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'default' }, data: { x: 'hello', 'app.conf': 'a=1\n' } });
    t.advance(60);
    expect(t.pod('env').status.phase).toBe('Running');
    expect(t.pod('vol').status.phase).toBe('Running');
    expect(t.fleet.exec('default', 'vol', undefined, ['cat', '/etc/cfg/app.conf']).stdout).toBe('a=1\n');
    expect(t.fleet.containerEnv('default', 'env')?.X).toBe('hello');
  });
});

describe('container logs', () => {
  it('prints a busybox loop every few seconds with SimClock timestamps, tail and since', () => {
    const t = testFleet();
    t.run(podOf('loop', [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'i=0; while true; do echo "tick $i"; i=$((i+1)); sleep 5; done'] }]));
    untilRunning(t, 'loop');
    t.advance(17);
    const lines = t.fleet.logs('default', 'loop', undefined);
    expect(lines.map((l) => l.text)).toEqual(['tick 0', 'tick 1', 'tick 2', 'tick 3']);
    expect(lines.map((l) => Math.round((l.ms - lines[0].ms) / 1000))).toEqual([0, 5, 10, 15]);
    expect(logTimestamp(lines[0])).toMatch(/^2026-11-26T09:01:0\d\.\d{9}Z$/);
    expect(t.fleet.logs('default', 'loop', 'c', { tailLines: 2 }).map((l) => l.text)).toEqual(['tick 2', 'tick 3']);
    expect(t.fleet.logs('default', 'loop', 'c', { sinceSeconds: 8 }).map((l) => l.text)).toEqual(['tick 2', 'tick 3']);
    expect(t.fleet.logs('default', 'loop', 'c', { sinceSeconds: 3 }).map((l) => l.text)).toEqual(['tick 3']);
  });

  it('follows new lines until the container exits', () => {
    const t = testFleet();
    t.run(podOf('f', [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'echo a; sleep 2; echo b; sleep 2; echo c'] }], { restartPolicy: 'Never' }));
    untilRunning(t, 'f');
    t.advance(3);
    const got: string[] = [];
    let ended = false;
    t.fleet.followLogs('default', 'f', undefined, {}, { line: (l) => got.push(l.text), end: () => (ended = true) });
    expect(got).toEqual(['a', 'b']);
    t.advance(2);
    expect(got).toEqual(['a', 'b', 'c']);
    expect(ended).toBe(true);
  });

  it('answers with the apiserver and kubelet errors', () => {
    const t = testFleet();
    t.run(podOf('two', [{ name: 'a', image: 'nginx:1.27' }, { name: 'b', image: 'nginx:1.27' }]));
    expect(errorOf(() => t.fleet.logs('default', 'two', undefined))).toBe('400 a container name must be specified for pod two, choose one of: [a b]');
    expect(errorOf(() => t.fleet.logs('default', 'two', 'x'))).toBe('400 container x is not valid for pod two');
    t.advance(0.1);
    expect(errorOf(() => t.fleet.logs('default', 'two', 'a'))).toBe('400 container "a" in pod "two" is waiting to start: ContainerCreating');
    t.advance(10);
    expect(errorOf(() => t.fleet.logs('default', 'two', 'a', { previous: true }))).toBe('400 previous terminated container "a" in pod "two" not found');
    expect(errorOf(() => t.fleet.logs('default', 'nope', 'a'))).toBe('404 pods "nope" not found');
  });
});

describe('exec and http', () => {
  it('runs commands in a container with its environment, files and service links', () => {
    const t = testFleet();
    t.api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'kubernetes', namespace: 'default' }, spec: { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP' }] } });
    t.run(podOf('web', [{ name: 'nginx', image: 'nginx:1.27', env: [{ name: 'GREETING', value: 'hi' }, { name: 'MSG', value: '$(GREETING) there' }] }]));
    t.advance(10);
    const env = t.fleet.exec('default', 'web', undefined, ['env']).stdout;
    expect(env).toContain('HOSTNAME=web\n');
    expect(env).toContain('MSG=hi there\n');
    expect(env).toContain('KUBERNETES_SERVICE_HOST=10.96.0.1\n');
    expect(env).toContain('KUBERNETES_PORT_443_TCP=tcp://10.96.0.1:443\n');
    expect(env).toContain('NGINX_VERSION=1.27.5\n');
    expect(t.fleet.exec('default', 'web', undefined, ['cat', '/etc/resolv.conf']).stdout).toBe('search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
    expect(t.fleet.exec('default', 'web', undefined, ['cat', '/var/run/secrets/kubernetes.io/serviceaccount/namespace']).stdout).toBe('default');
    expect(t.fleet.exec('default', 'web', undefined, ['sh', '-c', 'echo $HOSTNAME > /tmp/x; cat /tmp/x']).stdout).toBe('web\n');
    expect(t.fleet.exec('default', 'web', undefined, ['foo'])).toEqual({
      stdout: '',
      stderr: 'OCI runtime exec failed: exec failed: unable to start container process: exec: "foo": executable file not found in $PATH: unknown\n',
      exitCode: 126,
    });
  });

  it('serves the nginx welcome page and logs the access line', () => {
    const t = testFleet();
    t.run(podOf('web', [{ name: 'nginx', image: 'nginx:1.27' }]));
    t.advance(10);
    const r = t.fleet.http('default', 'web', 80, { method: 'GET', path: '/', clientIP: '10.244.2.5', host: '10.244.1.2', userAgent: 'curl/8.5.0' }) as { status: number; body: string };
    expect(r.status).toBe(200);
    expect(r.body).toContain('<title>Welcome to nginx!</title>');
    expect(t.fleet.logs('default', 'web', undefined).pop()!.text).toMatch(/^10\.244\.2\.5 - - \[26\/Nov\/2026:09:01:\d\d \+0000\] "GET \/ HTTP\/1\.1" 200 615 "-" "curl\/8\.5\.0" "-"$/);
    expect(t.fleet.http('default', 'web', 8080, { method: 'GET', path: '/', clientIP: '10.244.2.5', host: 'x', userAgent: 'curl' })).toEqual({ error: 'dial tcp 10.244.1.2:8080: connect: connection refused' });
  });
});

describe('nodes', () => {
  it('registers nodes with their capacity, conditions, lease and start-up events', () => {
    const t = testFleet();
    const node = t.api.get('Node', undefined, 'node-1');
    expect(node.spec).toEqual({ podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24'] });
    expect(node.status.capacity).toEqual({ cpu: '2', 'ephemeral-storage': '61202244Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '4025972Ki', pods: '110' });
    expect(node.status.allocatable).toEqual({ cpu: '2', 'ephemeral-storage': '56403988071', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '3923572Ki', pods: '110' });
    expect(node.status.conditions.map((c: any) => `${c.type} ${c.status} ${c.reason} ${c.message}`)).toEqual([
      'MemoryPressure False KubeletHasSufficientMemory kubelet has sufficient memory available',
      'DiskPressure False KubeletHasNoDiskPressure kubelet has no disk pressure',
      'PIDPressure False KubeletHasSufficientPID kubelet has sufficient PID available',
      'Ready True KubeletReady kubelet is posting ready status',
    ]);
    expect(node.status.addresses).toEqual([{ address: '172.18.0.3', type: 'InternalIP' }, { address: 'node-1', type: 'Hostname' }]);
    expect(node.status.nodeInfo).toMatchObject({ kubeletVersion: 'v1.32.5', containerRuntimeVersion: 'containerd://1.7.24', osImage: 'Debian GNU/Linux 12 (bookworm)', kernelVersion: '6.8.0-48-generic', operatingSystem: 'linux', architecture: 'amd64' });
    const cp = t.api.get('Node', undefined, 'control-plane');
    expect(cp.spec.taints).toEqual([{ effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' }]);
    expect(cp.metadata.labels!['node-role.kubernetes.io/control-plane']).toBe('');
    expect(reasons(t, 'node-1')).toEqual([
      'Normal Starting Starting kubelet.',
      'Normal NodeHasSufficientMemory Node node-1 status is now: NodeHasSufficientMemory',
      'Normal NodeHasNoDiskPressure Node node-1 status is now: NodeHasNoDiskPressure',
      'Normal NodeHasSufficientPID Node node-1 status is now: NodeHasSufficientPID',
      'Normal NodeAllocatableEnforced Updated Node Allocatable limit across pods',
      'Normal NodeReady Node node-1 status is now: NodeReady',
    ]);
    const lease = t.api.get('Lease', 'kube-node-lease', 'node-1');
    expect(lease.spec).toMatchObject({ holderIdentity: 'node-1', leaseDurationSeconds: 40 });
    expect(lease.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Node', name: 'node-1', uid: node.metadata.uid }]);
    expect(lease.spec.renewTime).toMatch(/^2026-11-26T09:00:5\d\.\d{6}Z$/);
  });

  it('stops renewing the lease and writing status while failed, and catches up on recovery', () => {
    const t = testFleet();
    t.run(podOf('p', [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 5; exit 0'] }], { restartPolicy: 'Never' }));
    t.advance(2);
    t.fleet.fail('node-1');
    const renew = t.api.get('Lease', 'kube-node-lease', 'node-1').spec.renewTime;
    t.advance(60);
    expect(t.api.get('Lease', 'kube-node-lease', 'node-1').spec.renewTime).toBe(renew);
    expect(t.pod('p').status.phase).toBe('Running');
    expect(t.fleet.isFailed('node-1')).toBe(true);
    expect(errorOf(() => t.fleet.logs('default', 'p', undefined))).toBe('500 Get "https://172.18.0.3:10250/containerLogs/default/p/c": dial tcp 172.18.0.3:10250: connect: no route to host');
    t.fleet.recover('node-1');
    t.advance(1);
    expect(t.api.get('Lease', 'kube-node-lease', 'node-1').spec.renewTime).not.toBe(renew);
    expect(t.pod('p').status.phase).toBe('Succeeded');
  });

  it('creates the kubeadm static pods as mirror pods on the control plane and re-creates a deleted mirror', () => {
    const t = testFleet();
    const pods = t.api.list('Pod', { namespace: 'kube-system' }).items;
    expect(pods.map((p) => `${p.metadata.name} ${p.status.phase}`)).toEqual([
      'etcd-control-plane Running',
      'kube-apiserver-control-plane Running',
      'kube-controller-manager-control-plane Running',
      'kube-scheduler-control-plane Running',
    ]);
    const api: KObject = pods[1];
    const node = t.api.get('Node', undefined, 'control-plane');
    expect(api.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', controller: true, kind: 'Node', name: 'control-plane', uid: node.metadata.uid }]);
    expect(api.metadata.annotations!['kubernetes.io/config.source']).toBe('file');
    expect(api.metadata.annotations!['kubernetes.io/config.mirror']).toBe(api.metadata.annotations!['kubernetes.io/config.hash']);
    expect(api.spec).toMatchObject({ hostNetwork: true, priority: 2000001000, priorityClassName: 'system-node-critical', nodeName: 'control-plane' });
    expect(api.spec.tolerations).toEqual([{ effect: 'NoExecute', operator: 'Exists' }]);
    expect(api.spec.volumes.some((v: any) => v.name.startsWith('kube-api-access'))).toBe(false);
    expect(api.status.podIP).toBe('172.18.0.2');
    expect(api.status.qosClass).toBe('Burstable');
    t.api.delete('Pod', 'kube-system', 'kube-apiserver-control-plane');
    t.advance(0.1);
    expect(t.api.find('Pod', 'kube-system', 'kube-apiserver-control-plane')).toBeUndefined();
    t.advance(2);
    expect(t.api.find('Pod', 'kube-system', 'kube-apiserver-control-plane')?.status?.phase).toBe('Running');
  });
});

describe('more kubelet behaviours', () => {
  it('keeps a container not started until its startup probe succeeds', () => {
    const t = testFleet();
    t.run(podOf('slow', [{ name: 'db', image: 'mysql:8.4', env: [{ name: 'MYSQL_ROOT_PASSWORD', value: 'pw' }], startupProbe: { tcpSocket: { port: 3306 }, periodSeconds: 5, failureThreshold: 10 } }]));
    const start = untilRunning(t, 'slow');
    t.advance(5);
    const cs = t.pod('slow').status.containerStatuses[0];
    expect([cs.started, cs.ready]).toEqual([false, false]);
    expect(reasons(t, 'slow')).toContain(`Warning Unhealthy Startup probe failed: dial tcp ${t.pod('slow').status.podIP}:3306: connect: connection refused`);
    t.advance(20);
    const later = t.pod('slow').status.containerStatuses[0];
    expect([later.started, later.ready, later.restartCount]).toEqual([true, true, 0]);
    expect(t.clock.now() - start).toBeGreaterThan(16_000);
    expect(t.fleet.logs('default', 'slow', undefined).pop()!.text).toContain('ready for connections');
  });

  it('refuses to start mysql without a password, as its entrypoint does', () => {
    const t = testFleet();
    t.run(podOf('db', [{ name: 'mysql', image: 'mysql:8.4' }], { restartPolicy: 'Never' }));
    t.advance(30);
    expect(summary(t.pod('db'))).toBe('Failed mysql:Terminated(Error,1):ready=false:restarts=0');
    expect(t.fleet.logs('default', 'db', undefined).map((l) => l.text).slice(3, 5)).toEqual([
      expect.stringMatching(/\[ERROR\] \[Entrypoint\]: Database is uninitialized and password option is not specified$/),
      '    You need to specify one of the following as an environment variable:',
    ]);
  });

  it('gives ErrImageNeverPull for a missing image with pullPolicy Never, and injected pull faults', () => {
    const t = testFleet();
    t.run(podOf('never', [{ name: 'c', image: 'httpd:2.4', imagePullPolicy: 'Never' }]));
    t.fleet.injectImagePullFailure('redis', 'ratelimit');
    t.run(podOf('limited', [{ name: 'c', image: 'redis:7' }]));
    t.advance(5);
    expect(t.pod('never').status.containerStatuses[0].state.waiting).toEqual({ message: 'Container image "httpd:2.4" is not present with pull policy of Never', reason: 'ErrImageNeverPull' });
    expect(reasons(t, 'limited')[1]).toContain('429 Too Many Requests - Server message: toomanyrequests');
    t.fleet.injectImagePullFailure('redis', null);
    t.advance(15);
    expect(t.pod('limited').status.phase).toBe('Running');
  });

  it('fails a pod past activeDeadlineSeconds', () => {
    const t = testFleet();
    t.run(podOf('dl', [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '600'] }], { activeDeadlineSeconds: 10, restartPolicy: 'Never', terminationGracePeriodSeconds: 2 }));
    t.advance(20);
    const st = t.pod('dl').status;
    expect([st.phase, st.reason, st.message]).toEqual(['Failed', 'DeadlineExceeded', 'Pod was active on the node longer than the specified deadline']);
    expect(reasons(t, 'dl')).toContain('Normal DeadlineExceeded Pod was active on the node longer than the specified deadline');
  });

  it('marks readiness false when the UI breaks it and finds pods by IP', () => {
    const t = testFleet();
    t.run(podOf('web', [{ name: 'nginx', image: 'nginx:1.27', readinessProbe: { httpGet: { port: 80 }, periodSeconds: 2, failureThreshold: 1 } }]));
    untilRunning(t, 'web');
    t.advance(3);
    expect(t.pod('web').status.containerStatuses[0].ready).toBe(true);
    t.fleet.setHealth('default', 'web', 'nginx', { ready: false });
    t.advance(3);
    expect(t.pod('web').status.containerStatuses[0].ready).toBe(false);
    expect(t.fleet.podByIP(t.pod('web').status.podIP)).toEqual({ namespace: 'default', name: 'web', node: 'node-1' });
    expect(t.fleet.podByIP('10.244.9.9')).toBeUndefined();
  });

  it('runs hostNetwork pods on the node IP', () => {
    const t = testFleet();
    t.run(podOf('hn', [{ name: 'c', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }], { hostNetwork: true }));
    t.advance(10);
    expect(t.pod('hn').status.podIP).toBe('172.18.0.3');
    expect(t.pod('hn').spec.containers[0].ports).toEqual([{ containerPort: 80, hostPort: 80, protocol: 'TCP' }]);
  });
});
