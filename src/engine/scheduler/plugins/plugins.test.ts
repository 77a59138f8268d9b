import { describe, expect, it } from 'vitest';
import { CycleState, NodeInfo, PodInfo, type Handle, type MaybeStatus, type PreFilterResult } from '../types';
import { nodeObject, podObject, type NodeOpts, type PodOpts } from '../testing';
import { nodeResourcesFit, leastAllocatedScore } from './node-resources-fit';
import { taintToleration } from './taint-toleration';
import { nodeAffinity } from './node-affinity';
import { nodePorts } from './node-ports';
import { nodeUnschedulable } from './node-unschedulable';
import { nodeName } from './node-name';
import { balancedScore } from './balanced-allocation';
import { imageScore, normalizedImageName } from './image-locality';
import { podTopologySpread } from './pod-topology-spread';
import { interPodAffinity } from './inter-pod-affinity';
import { isPreFilterResult } from '../types';

function nodeInfo(name: string, o: NodeOpts = {}, pods: PodInfo[] = []): NodeInfo {
  const n = new NodeInfo(name);
  n.setNode(nodeObject(name, o));
  for (const p of pods) n.addPod(p);
  return n;
}

function podInfo(name: string, o: PodOpts = {}): PodInfo {
  const p = podObject(name, o);
  p.metadata.uid = `uid-${name}`;
  return new PodInfo(p);
}

function handle(nodes: NodeInfo[]): Handle {
  return {
    nodeInfos: () => nodes,
    nodeInfo: (n) => nodes.find((x) => x.name === n),
    havePodsWithAffinity: () => nodes.filter((n) => n.podsWithAffinity > 0),
    havePodsWithRequiredAntiAffinity: () => nodes.filter((n) => n.podsWithRequiredAntiAffinity > 0),
    imageNumNodes: (img) => nodes.filter((n) => n.images.has(img)).length,
    namespaceLabels: () => ({}),
    defaultSelector: () => [],
    podCountsOnNodes: (ns, sel) => (node) => {
      let c = 0;
      for (const p of nodes.find((n) => n.name === node)?.pods.values() ?? []) {
        if (p.namespace === ns && !p.terminating && sel.every((r) => p.labels?.[r.key] === r.values[0])) c++;
      }
      return c;
    },
  };
}

/** Runs PreFilter (if any) then Filter; the status text as `Code: reasons`, or 'ok'. */
function runFilter(
  plugin: { preFilter?: (s: CycleState, p: PodInfo, h: Handle) => MaybeStatus | PreFilterResult; filter: (s: CycleState, p: PodInfo, n: NodeInfo, h: Handle) => MaybeStatus },
  pod: PodInfo,
  node: NodeInfo,
  all: NodeInfo[] = [node],
): string {
  const state = new CycleState();
  const h = handle(all);
  const pre = plugin.preFilter?.(state, pod, h);
  if (pre && !isPreFilterResult(pre)) {
    if (pre.code === 5) return 'skip';
    return `${['Success', 'Error', 'Unschedulable', 'UnschedulableAndUnresolvable'][pre.code]}: ${pre.message()}`;
  }
  const s = plugin.filter(state, pod, node, h);
  return s === null ? 'ok' : `${['Success', 'Error', 'Unschedulable', 'UnschedulableAndUnresolvable'][s.code]}: ${s.message()}`;
}

describe('NodeResourcesFit filter', () => {
  const busy = (cpu: string, memory: string): PodInfo[] => [podInfo('existing', { cpu, memory })];
  it.each([
    ['fits on an empty node', { cpu: '1', memory: '1Gi' }, {}, [], 'ok'],
    ['too much cpu', { cpu: '3' }, {}, [], 'Unschedulable: Insufficient cpu'],
    ['too much memory', { memory: '5Gi' }, {}, [], 'Unschedulable: Insufficient memory'],
    ['both, cpu first', { cpu: '3', memory: '5Gi' }, {}, [], 'Unschedulable: Insufficient cpu, Insufficient memory'],
    ['counts what pods already request', { cpu: '1500m' }, {}, busy('1', '0'), 'Unschedulable: Insufficient cpu'],
    ['exactly the rest fits', { cpu: '1' }, {}, busy('1', '0'), 'ok'],
    ['pod count limit', {}, { pods: '1' }, busy('0', '0'), 'Unschedulable: Too many pods'],
    ['pod count and cpu', { cpu: '3' }, { pods: '1' }, busy('0', '0'), 'Unschedulable: Too many pods, Insufficient cpu'],
    ['a best-effort pod only needs a pod slot', {}, {}, busy('2', '4Gi'), 'ok'],
  ] as [string, PodOpts, NodeOpts, PodInfo[], string][])('%s', (_name, pod, node, pods, want) => {
    expect(runFilter(nodeResourcesFit, podInfo('p', pod), nodeInfo('n', node, pods))).toBe(want);
  });

  it('takes the max of init containers against the sum of containers', () => {
    const p = podObject('p', { cpu: '500m' });
    p.spec.initContainers = [{ name: 'init', image: 'busybox', resources: { requests: { cpu: '1800m' } } }];
    const info = new PodInfo(p);
    expect(info.req.milliCPU).toBe(1800);
    expect(runFilter(nodeResourcesFit, info, nodeInfo('n', {}, busy('300m', '0')))).toBe('Unschedulable: Insufficient cpu');
  });

  it('adds restartable init containers (sidecars) to the containers', () => {
    const p = podObject('p', { cpu: '500m' });
    p.spec.initContainers = [{ name: 'side', image: 'envoy', restartPolicy: 'Always', resources: { requests: { cpu: '200m' } } }];
    expect(new PodInfo(p).req.milliCPU).toBe(700);
  });
});

describe('TaintToleration filter', () => {
  const cp = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };
  it.each([
    ['no taints', [], undefined, 'ok'],
    ['control-plane taint', [cp], undefined, 'UnschedulableAndUnresolvable: node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'],
    ['taint with a value', [{ key: 'gpu', value: 'true', effect: 'NoExecute' }], undefined, 'UnschedulableAndUnresolvable: node(s) had untolerated taint {gpu: true}'],
    ['PreferNoSchedule does not filter', [{ key: 'soft', effect: 'PreferNoSchedule' }], undefined, 'ok'],
    ['tolerated by Exists', [cp], [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }], 'ok'],
    ['tolerated by an empty key Exists', [cp], [{ operator: 'Exists' }], 'ok'],
    ['Equal needs the same value', [{ key: 'gpu', value: 'true', effect: 'NoSchedule' }], [{ key: 'gpu', value: 'false', effect: 'NoSchedule' }], 'UnschedulableAndUnresolvable: node(s) had untolerated taint {gpu: true}'],
    ['the first untolerated taint is reported', [{ key: 'a', effect: 'NoSchedule' }, { key: 'b', effect: 'NoSchedule' }], [{ key: 'a', operator: 'Exists' }], 'UnschedulableAndUnresolvable: node(s) had untolerated taint {b: }'],
  ] as [string, NodeOpts['taints'], unknown[] | undefined, string][])('%s', (_n, taints, tolerations, want) => {
    const pod = podInfo('p', { spec: tolerations ? { tolerations } : {} });
    expect(runFilter(taintToleration, pod, nodeInfo('n', { taints }))).toBe(want);
  });
});

describe('NodeAffinity filter', () => {
  const zoneA = { labels: { zone: 'a', size: '8' } };
  const req = (terms: unknown[]) => ({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } } });
  it.each([
    ['no selector or affinity is skipped', {}, zoneA, 'skip'],
    ['nodeSelector matches', { nodeSelector: { zone: 'a' } }, zoneA, 'ok'],
    ['nodeSelector does not match', { nodeSelector: { zone: 'b' } }, zoneA, "UnschedulableAndUnresolvable: node(s) didn't match Pod's node affinity/selector"],
    ['In', req([{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a', 'b'] }] }]), zoneA, 'ok'],
    ['NotIn', req([{ matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }]), zoneA, "UnschedulableAndUnresolvable: node(s) didn't match Pod's node affinity/selector"],
    ['DoesNotExist', req([{ matchExpressions: [{ key: 'gpu', operator: 'DoesNotExist' }] }]), zoneA, 'ok'],
    ['Gt', req([{ matchExpressions: [{ key: 'size', operator: 'Gt', values: ['4'] }] }]), zoneA, 'ok'],
    ['Lt', req([{ matchExpressions: [{ key: 'size', operator: 'Lt', values: ['4'] }] }]), zoneA, "UnschedulableAndUnresolvable: node(s) didn't match Pod's node affinity/selector"],
    ['terms are ORed', req([{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['x'] }] }, { matchExpressions: [{ key: 'zone', operator: 'Exists' }] }]), zoneA, 'ok'],
    ['an empty term matches nothing', req([{}]), zoneA, "UnschedulableAndUnresolvable: node(s) didn't match Pod's node affinity/selector"],
    ['selector and affinity both apply', { nodeSelector: { zone: 'a' }, ...req([{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] }]) }, zoneA, "UnschedulableAndUnresolvable: node(s) didn't match Pod's node affinity/selector"],
  ] as [string, Record<string, unknown>, NodeOpts, string][])('%s', (_n, spec, node, want) => {
    expect(runFilter(nodeAffinity, podInfo('p', { spec }), nodeInfo('n', node))).toBe(want);
  });

  it('narrows a DaemonSet pod to its node by matchFields metadata.name', () => {
    const pod = podInfo('p', { spec: req([{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-2'] }] }]) });
    const r = nodeAffinity.preFilter(new CycleState(), pod, handle([]));
    expect(r).toEqual({ nodeNames: new Set(['node-2']) });
  });
});

describe('other filters', () => {
  it.each([
    ['a free host port', 8080, [], 'ok'],
    ['a used host port', 8080, [podInfo('x', { hostPort: 8080 })], "Unschedulable: node(s) didn't have free ports for the requested pod ports"],
    ['another port is free', 8081, [podInfo('x', { hostPort: 8080 })], 'ok'],
  ] as [string, number, PodInfo[], string][])('NodePorts: %s', (_n, port, pods, want) => {
    expect(runFilter(nodePorts, podInfo('p', { hostPort: port }), nodeInfo('n', {}, pods))).toBe(want);
  });

  it('NodePorts skips pods without host ports', () => {
    expect(runFilter(nodePorts, podInfo('p'), nodeInfo('n'))).toBe('skip');
  });

  it.each([
    ['schedulable node', false, undefined, 'ok'],
    ['cordoned node', true, undefined, 'UnschedulableAndUnresolvable: node(s) were unschedulable'],
    ['cordoned node, tolerated', true, [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }], 'ok'],
  ] as [string, boolean, unknown[] | undefined, string][])('NodeUnschedulable: %s', (_n, cordoned, tolerations, want) => {
    expect(runFilter(nodeUnschedulable, podInfo('p', { spec: tolerations ? { tolerations } : {} }), nodeInfo('n', { unschedulable: cordoned }))).toBe(want);
  });

  it.each([
    ['no nodeName', undefined, 'ok'],
    ['this node', 'n', 'ok'],
    ['another node', 'm', "UnschedulableAndUnresolvable: node(s) didn't match the requested node name"],
  ] as [string, string | undefined, string][])('NodeName: %s', (_n, want, expected) => {
    expect(runFilter(nodeName, podInfo('p', { spec: want ? { nodeName: want } : {} }), nodeInfo('n'))).toBe(expected);
  });
});

describe('PodTopologySpread filter', () => {
  const spread = (maxSkew: number, key = 'zone') => ({
    topologySpreadConstraints: [{ maxSkew, topologyKey: key, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } }],
  });
  const web = (n: string) => podInfo(n, { labels: { app: 'web' } });
  it.each([
    ['skew within maxSkew', 1, 'a', 'ok'],
    ['skew over maxSkew', 1, 'b', "Unschedulable: node(s) didn't match pod topology spread constraints"],
    ['a larger maxSkew allows it', 2, 'b', 'ok'],
  ] as [string, number, string, string][])('%s', (_n, maxSkew, target, want) => {
    // zone a: 0 web pods, zone b: 1 web pod.
    const a = nodeInfo('na', { labels: { zone: 'a' } });
    const b = nodeInfo('nb', { labels: { zone: 'b' } }, [web('w1')]);
    const pod = podInfo('p', { labels: { app: 'web' }, spec: spread(maxSkew) });
    expect(runFilter(podTopologySpread, pod, target === 'a' ? a : b, [a, b])).toBe(want);
  });

  it('rejects a node without the topology label as unresolvable', () => {
    const a = nodeInfo('na', { labels: { zone: 'a' } });
    const none = nodeInfo('nx');
    const pod = podInfo('p', { labels: { app: 'web' }, spec: spread(1) });
    expect(runFilter(podTopologySpread, pod, none, [a, none])).toBe(
      "UnschedulableAndUnresolvable: node(s) didn't match pod topology spread constraints (missing required label)",
    );
  });
});

describe('InterPodAffinity filter', () => {
  const term = (labels: Record<string, string>) => ({ labelSelector: { matchLabels: labels }, topologyKey: 'kubernetes.io/hostname' });
  const db = podInfo('db', { labels: { app: 'db' } });
  it.each([
    ['affinity satisfied', { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'db' })] } }, [db], 'ok'],
    ['affinity not satisfied', { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'db' })] } }, [], "UnschedulableAndUnresolvable: node(s) didn't match pod affinity rules"],
    ['anti-affinity violated', { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'db' })] } }, [db], "Unschedulable: node(s) didn't match pod anti-affinity rules"],
    ['anti-affinity satisfied', { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'cache' })] } }, [db], 'ok'],
  ] as [string, Record<string, unknown>, PodInfo[], string][])('%s', (_n, affinity, pods, want) => {
    const other = nodeInfo('other', {}, pods.length ? [] : [db]);
    const n = nodeInfo('n', {}, pods);
    expect(runFilter(interPodAffinity, podInfo('p', { spec: { affinity } }), n, [n, other])).toBe(want);
  });

  it('keeps existing pods anti-affinity symmetric', () => {
    const guard = podInfo('guard', { spec: { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'web' })] } } } });
    const n = nodeInfo('n', {}, [guard]);
    expect(runFilter(interPodAffinity, podInfo('p', { labels: { app: 'web' } }), n)).toBe(
      "Unschedulable: node(s) didn't satisfy existing pods anti-affinity rules",
    );
  });

  it('lets the first pod of a self-affine group go anywhere', () => {
    const n = nodeInfo('n');
    const pod = podInfo('p', { labels: { app: 'db' }, spec: { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'db' })] } } } });
    expect(runFilter(interPodAffinity, pod, n)).toBe('ok');
  });
});

describe('scores', () => {
  it.each([
    // cpu (2000 - 100) * 100 / 2000 = 95; memory (4096 - 200) * 100 / 4096 = 95
    ['empty node', '100m', '200Mi', 0, 0, 95],
    // cpu (2000 - 1100) * 100 / 2000 = 45; memory (4096 - 2248) * 100 / 4096 = 45
    ['half used', '100m', '200Mi', 1000, 2 * 1024, 45],
  ] as [string, string, string, number, number, number][])('LeastAllocated: %s', (_n, cpu, mem, usedCPU, usedMiB, want) => {
    const n = nodeInfo('n', { cpu: '2', memory: '4Gi' });
    n.nonZeroCPU = usedCPU;
    n.nonZeroMem = usedMiB * 1024 * 1024;
    expect(leastAllocatedScore(podInfo('p', { cpu, memory: mem }), n)).toBe(want);
  });

  it('LeastAllocated counts 100m and 200Mi for a container without requests', () => {
    const p = podInfo('p');
    expect([p.nonZeroCPU, p.nonZeroMem, p.req.milliCPU, p.req.memory]).toEqual([100, 200 * 1024 * 1024, 0, 0]);
  });

  it.each([
    [[1000, 1024], [2000, 4096], 87],
    [[500, 500], [1000, 1000], 100],
    [[0, 0], [1000, 1000], 100],
    [[1000, 0], [1000, 1000], 50],
  ] as [number[], number[], number][])('BalancedAllocation %j of %j -> %i', (req, alloc, want) => {
    expect(balancedScore(req, alloc)).toBe(want);
  });

  it.each([
    [0, 1, 0],
    [23 * 1024 * 1024, 1, 0],
    [187 * 1024 * 1024, 1, 16],
    [2000 * 1024 * 1024, 1, 100],
    [500 * 1024 * 1024, 2, 24],
  ])('ImageLocality sum %i with %i containers -> %i', (sum, containers, want) => {
    expect(imageScore(sum, containers)).toBe(want);
  });

  it.each([
    ['nginx', 'nginx:latest'],
    ['nginx:1.27', 'nginx:1.27'],
    ['registry:5000/app', 'registry:5000/app:latest'],
    ['registry:5000/app:v1', 'registry:5000/app:v1'],
  ])('normalizes image name %s to %s', (input, want) => {
    expect(normalizedImageName(input)).toBe(want);
  });
});
