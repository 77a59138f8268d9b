import { describe, expect, it } from 'vitest';
import type { KObject } from '../../api/types/meta';
import { isLongRunning } from '../../shell/process';
import { runKubectl, seededCluster } from '../testing';

const pod = (name: string, phase: string, extra: object = {}): KObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', creationTimestamp: '2026-11-26T09:00:00Z', uid: `uid-${name}`, labels: { app: 'web' } },
  spec: { containers: [{ name: 'c', image: 'nginx' }], nodeName: 'node-1' },
  status: { phase, ...extra },
});
const ns: KObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default', creationTimestamp: '2026-11-26T08:00:00Z' }, status: { phase: 'Active' } };

describe('kubectl get -w', () => {
  it('prints the list, then one row per watch event with the widths remembered', () => {
    const c = seededCluster([ns, pod('web-1', 'Running')], '2026-11-26T09:05:00Z');
    const r = runKubectl(c, 'get pods -w');
    expect(isLongRunning(r.result)).toBe(true);
    if (!isLongRunning(r.result)) return;
    expect(r.out).toBe('NAME    READY   STATUS    RESTARTS   AGE\nweb-1   0/1     Running   0          5m\n');
    c.api.store.put('Pod', pod('web-2', 'Pending'));
    c.api.store.put('Pod', { ...pod('web-1', 'Running'), metadata: { ...pod('web-1', 'Running').metadata, labels: { app: 'other' } } });
    expect(r.result.poll()).toBeUndefined();
    expect(r.out).toBe(
      'NAME    READY   STATUS    RESTARTS   AGE\nweb-1   0/1     Running   0          5m\nweb-2   0/1     Pending   0          5m\nweb-1   0/1     Running   0          5m\n',
    );
    expect(r.result.cancel()).toBe(130);
  });

  it('filters watch events by label selector and prints EVENT with --output-watch-events', () => {
    const c = seededCluster([ns], '2026-11-26T09:05:00Z');
    const r = runKubectl(c, 'get pods -l app=web -w --output-watch-events');
    if (!isLongRunning(r.result)) throw new Error('expected a watch');
    expect(r.out).toBe('');
    c.api.store.put('Pod', { ...pod('other', 'Running'), metadata: { ...pod('other', 'Running').metadata, labels: {} } });
    c.api.store.put('Pod', pod('web-1', 'Pending'));
    c.api.store.remove('Pod', 'default/web-1');
    r.result.poll();
    // Each event is flushed as it arrives (as kubectl does): the DELETED row widens the first
    // column only from its own line on.
    expect(r.out).toBe('EVENT   NAME    READY   STATUS    RESTARTS   AGE\nADDED   web-1   0/1     Pending   0          5m\nDELETED   web-1   0/1     Pending   0          5m\n');
  });

  it('stops at --request-timeout', () => {
    const c = seededCluster([ns], '2026-11-26T09:05:00Z');
    const r = runKubectl(c, 'get pods -w --request-timeout=5s');
    if (!isLongRunning(r.result)) throw new Error('expected a watch');
    expect(r.err).toBe('');
    expect(r.result.deadlineMs).toBe(Date.parse('2026-11-26T09:05:05Z'));
    c.clock.advance(5);
    expect(r.result.poll()).toBe(0);
  });

  it('refuses to watch several resource types', () => {
    const c = seededCluster([ns], '2026-11-26T09:05:00Z');
    const r = runKubectl(c, 'get pods,svc -w');
    expect(r.err).toBe('error: you may only specify a single resource type\n');
  });
});

describe('kubectl get errors', () => {
  const c = seededCluster([ns], '2026-11-26T09:05:00Z');
  it.each([
    [
      'get',
      'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples\n',
    ],
    ['get pods -o foo', 'error: unable to match a printer suitable for the output format "foo", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n'],
    ['get pods', 'No resources found in default namespace.\n'],
    ['get nodes', 'No resources found\n'],
    ['get pods -A', 'No resources found\n'],
    ['get pod x -A', 'error: a resource cannot be retrieved by name across all namespaces\n'],
    ['get deploy/web svc', "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'\n"],
    ['get pods x -l app=web', 'error: name cannot be provided when a selector is specified\n'],
  ])('kubectl %s', (line, err) => {
    expect(runKubectl(c, line).err).toBe(err);
  });
});

describe('kubectl get --raw', () => {
  const c = seededCluster([ns, pod('web-1', 'Running')], '2026-11-26T09:05:00Z');
  it.each([
    ['get --raw /healthz', 'ok', ''],
    ['get --raw /nope', '', 'Error from server (NotFound): the server could not find the requested resource\n'],
    ['get pods --raw /api', '', 'error: arguments may not be passed when --raw is specified\n'],
  ])('kubectl %s', (line, out, err) => {
    const r = runKubectl(c, line);
    expect(r.out).toBe(out);
    expect(r.err).toBe(err);
  });

  it('returns the object JSON the apiserver sends', () => {
    const r = runKubectl(c, 'get --raw /api/v1/namespaces/default/pods?labelSelector=app%3Dweb');
    const list = JSON.parse(r.out) as { kind: string; items: KObject[] };
    expect(list.kind).toBe('PodList');
    expect(list.items.map((p) => p.metadata.name)).toEqual(['web-1']);
  });
});
