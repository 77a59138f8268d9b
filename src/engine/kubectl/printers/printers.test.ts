import { describe, expect, it } from 'vitest';
import type { KObject } from '../../api/types/meta';
import { humanDuration } from './duration';
import { goTemplate } from './go-template';
import { printJson } from './json';
import { jsonPath } from './jsonpath';
import { podRow, podTable } from './columns/pod';
import { printTable, TabWriter } from './table';
import { toYaml, yamlKeyCompare } from './yaml';

import configmapJson from './testdata/configmap-strings.json?raw';
import configmapYaml from './testdata/configmap-strings.yaml?raw';
import deploymentJson from './testdata/deployment-dry-run.json?raw';

const FILES: Record<string, string> = {
  'configmap-strings.json': configmapJson,
  'configmap-strings.yaml': configmapYaml,
  'deployment-dry-run.json': deploymentJson,
};
const data = (f: string): string => FILES[f];

describe('yaml printer', () => {
  it('prints every kind of string exactly as kubectl v1.32 does', () => {
    // testdata: `kubectl create configmap --from-literal=... --dry-run=client -o json|yaml`.
    expect(toYaml(JSON.parse(data('configmap-strings.json')))).toBe(data('configmap-strings.yaml'));
  });

  it('sorts keys as yaml.v2 does', () => {
    expect(['b', '10key', '9key', '_a', 'Ab', 'a1', 'a01', '1'].sort(yamlKeyCompare)).toEqual(['_a', '1', '9key', '10key', 'Ab', 'a1', 'a01', 'b']);
  });

  it('nests lists in maps without indentation and maps in lists after the dash', () => {
    expect(toYaml({ spec: { containers: [{ name: 'a', ports: [{ containerPort: 80 }] }], empty: [], none: {} } })).toBe(
      'spec:\n  containers:\n  - name: a\n    ports:\n    - containerPort: 80\n  empty: []\n  none: {}\n',
    );
  });
});

describe('json printer', () => {
  it('indents with 4 spaces, sorts keys and escapes HTML characters as Go does', () => {
    expect(printJson({ b: '<none>', a: [1, { d: true, c: null }] })).toBe(
      '{\n    "a": [\n        1,\n        {\n            "c": null,\n            "d": true\n        }\n    ],\n    "b": "\\u003cnone\\u003e"\n}\n',
    );
  });
});

describe('jsonpath', () => {
  const dep = JSON.parse(data('deployment-dry-run.json'));
  // Expected outputs captured from kubectl.1.32 create deployment web --image=nginx --replicas=2 --dry-run=client -o jsonpath=...
  it.each([
    ['{.metadata.creationTimestamp}', 'null'],
    ['{.metadata.labels}', '{"app":"web"}'],
    ['{.spec.template.spec.containers[*].name}', 'nginx'],
    ['{.metadata.nope}', ''],
    ['{range .spec.template.spec.containers[*]}{.name}{"\\t"}{.image}{"\\n"}{end}', 'nginx\tnginx\n'],
    ['{.spec.replicas}', '2'],
    ['x{.kind}y', 'xDeploymenty'],
    ['{.spec.template.spec.containers[?(@.name=="nginx")].image}', 'nginx'],
    ['{$.kind}', 'Deployment'],
    ['{.spec.strategy}', '{}'],
    ['{.kind} {.apiVersion}', 'Deployment apps/v1'],
    ['{.metadata.labels.*}', 'web'],
    ['{.spec.template.spec.containers[-1:].image}', 'nginx'],
    ["{.metadata['name']}", 'web'],
    ['{.spec.selector.matchLabels}', '{"app":"web"}'],
  ])('evaluates %s', (template, want) => {
    expect(jsonPath(template, dep)).toBe(want);
  });

  it.each([
    ['{.a', 'error parsing jsonpath {.a, unclosed action'],
    ['{["kind"]}', 'error parsing jsonpath {["kind"]}, invalid array index "kind"'],
  ])('rejects %s', (template, msg) => {
    expect(() => jsonPath(template, dep)).toThrow(msg);
  });
});

describe('go-template', () => {
  const dep = JSON.parse(data('deployment-dry-run.json'));
  // Captured from kubectl.1.32 ... -o go-template=...
  it.each([
    ['{{.metadata.name}} {{.spec.replicas}} {{range .spec.template.spec.containers}}{{.image}}{{end}}', 'web 2 nginx'],
    ['{{.metadata.labels}} {{.spec.template.spec.containers}} {{.metadata.nope}} {{index .metadata.labels "app"}}', 'map[app:web] [map[image:nginx name:nginx resources:map[]]] <no value> web'],
    ['{{len .spec.template.spec.containers}} {{if .spec.replicas}}yes{{else}}no{{end}} {{printf "%s-%d" .metadata.name 3}}', '1 yes web-3'],
  ])('executes %s', (template, want) => {
    expect(goTemplate(template, dep)).toBe(want);
  });
});

describe('humanDuration', () => {
  it.each([
    [45, '45s'], [119, '119s'], [123, '2m3s'], [300, '5m'], [599, '9m59s'], [900, '15m'], [3 * 3600 + 240, '3h4m'],
    [7 * 3600, '7h'], [20 * 3600, '20h'], [51 * 3600, '2d3h'], [400 * 86400, '400d'], [3 * 365 * 86400 + 10 * 86400, '3y10d'],
    [9 * 365 * 86400, '9y'],
  ])('prints %d seconds as %s', (s, want) => {
    expect(humanDuration(s * 1000)).toBe(want);
  });
});

describe('table layout', () => {
  it('pads columns to the widest cell plus 3, at least 6, and leaves the last cell unpadded', () => {
    const w = new TabWriter();
    w.add(['NAME', 'READY', 'AGE']);
    w.add(['a', '1/1', '5m']);
    expect(w.flush()).toBe('NAME   READY   AGE\na      1/1     5m\n');
  });

  it('keeps earlier widths for later flushes (watch rows)', () => {
    const w = new TabWriter();
    w.add(['NAME', 'STATUS']);
    w.add(['web-abcde', 'Running']);
    w.flush();
    w.add(['x', 'Pending']);
    expect(w.flush()).toBe('x           Pending\n');
  });
});

const NOW = Date.parse('2026-11-26T10:00:00Z');
const pod = (status: object, spec: object = {}, meta: object = {}): KObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'default', creationTimestamp: '2026-11-26T09:55:00Z', ...meta },
  spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec },
  status,
});

describe('pod STATUS, READY and RESTARTS', () => {
  it.each([
    ['pending', pod({ phase: 'Pending' }), ['p', '0/1', 'Pending', '0', '5m']],
    [
      'running and ready',
      pod({ phase: 'Running', containerStatuses: [{ name: 'c', ready: true, restartCount: 0, state: { running: {} } }] }),
      ['p', '1/1', 'Running', '0', '5m'],
    ],
    [
      'container creating',
      pod({ phase: 'Pending', containerStatuses: [{ name: 'c', ready: false, state: { waiting: { reason: 'ContainerCreating' } } }] }),
      ['p', '0/1', 'ContainerCreating', '0', '5m'],
    ],
    [
      'crash looping with the last restart age',
      pod({
        phase: 'Running',
        containerStatuses: [
          { name: 'c', ready: false, restartCount: 5, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, finishedAt: '2026-11-26T09:58:00Z' } } },
        ],
      }),
      ['p', '0/1', 'CrashLoopBackOff', '5 (2m ago)', '5m'],
    ],
    [
      'completed',
      pod({ phase: 'Succeeded', containerStatuses: [{ name: 'c', ready: false, state: { terminated: { exitCode: 0, reason: 'Completed' } } }] }),
      ['p', '0/1', 'Completed', '0', '5m'],
    ],
    [
      'waiting for an init container',
      pod(
        { phase: 'Pending', initContainerStatuses: [{ name: 'i', ready: false, state: { running: {} } }] },
        { initContainers: [{ name: 'i', image: 'busybox' }] },
      ),
      ['p', '0/1', 'Init:0/1', '0', '5m'],
    ],
    [
      'terminating',
      pod({ phase: 'Running' }, {}, { deletionTimestamp: '2026-11-26T10:00:30Z' }),
      ['p', '0/1', 'Terminating', '0', '5m'],
    ],
    ['on a lost node', pod({ phase: 'Running', reason: 'NodeLost' }, {}, { deletionTimestamp: '2026-11-26T10:00:30Z' }), ['p', '0/1', 'Unknown', '0', '5m']],
  ])('%s', (_, p, want) => {
    expect(podRow(p, NOW).slice(0, 5)).toEqual(want);
  });

  it('prints a pod table with -o wide columns', () => {
    const p = pod({ phase: 'Running', podIPs: [{ ip: '10.244.1.2' }], containerStatuses: [{ name: 'c', ready: true, state: { running: {} } }] }, { nodeName: 'node-1' });
    const table = { columns: podTable.columns, rows: [{ cells: podRow(p, NOW), object: p }] };
    expect(printTable(table, { wide: true })).toBe(
      'NAME   READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES\n' +
        'p      1/1     Running   0          5m    10.244.1.2   node-1   <none>           <none>\n',
    );
  });
});
