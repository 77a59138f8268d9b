import { describe, expect, it } from 'vitest';
import { Diagnosis, fitErrorMessage, numFeasibleNodesToFind } from './framework';
import { Code, Status } from './types';
import { newSchedHarness } from './testing';

function diag(statuses: [string, Code, string[]][]): Diagnosis {
  const d = new Diagnosis();
  for (const [node, code, reasons] of statuses) d.nodeToStatus.set(node, new Status(code, reasons));
  return d;
}

describe('FitError message', () => {
  it('counts reasons over nodes and sorts "<count> <reason>" strings', () => {
    const d = diag([
      ['n1', Code.Unschedulable, ['Insufficient cpu']],
      ['n2', Code.Unschedulable, ['Insufficient cpu', 'Insufficient memory']],
      ['cp', Code.UnschedulableAndUnresolvable, ['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }']],
      ['n3', Code.UnschedulableAndUnresolvable, ["node(s) didn't match Pod's node affinity/selector"]],
    ]);
    expect(fitErrorMessage(4, d)).toBe(
      "0/4 nodes are available: 1 Insufficient memory, 1 node(s) didn't match Pod's node affinity/selector, " +
        '1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu.',
    );
  });

  it('puts a PreFilter rejection in place of the per-node reasons', () => {
    const d = new Diagnosis();
    d.preFilterMsg = 'pod affinity terms conflict';
    d.postFilterMsg = 'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.';
    expect(fitErrorMessage(3, d)).toBe(
      '0/3 nodes are available: pod affinity terms conflict. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
  });

  it('counts nodes outside a PreFilter node subset with the absent status', () => {
    const d = diag([['node-2', Code.Unschedulable, ['Insufficient cpu']]]);
    d.absentStatus = new Status(Code.UnschedulableAndUnresolvable, ["node(s) didn't satisfy plugin(s) [NodeAffinity]"]);
    d.absentSet = true;
    expect(fitErrorMessage(4, d)).toBe("0/4 nodes are available: 1 Insufficient cpu, 3 node(s) didn't satisfy plugin(s) [NodeAffinity].");
  });
});

describe('numFeasibleNodesToFind', () => {
  it.each([
    [3, 3, 100],
    [99, 99, 100],
    [100, 100, 50],
    [200, 100, 49],
    [1000, 420, 42],
    [5000, 500, 10],
    [6000, 300, 5],
  ])('%i nodes -> %i (%i %%)', (nodes, count, pct) => {
    expect(numFeasibleNodesToFind(nodes)).toEqual({ count, percentage: pct });
  });
});

describe('sampling on a large cluster', () => {
  it('evaluates numFeasibleNodesToFind nodes and starts the next pod where the last stopped', () => {
    const h = newSchedHarness();
    for (let i = 1; i <= 200; i++) h.addNode(`node-${i}`);
    h.addPod('a');
    h.addPod('b');
    h.settle();
    const a = h.scheduler.explain('default/a')!;
    const b = h.scheduler.explain('default/b')!;
    expect(a.sampling).toMatchObject({ numAllNodes: 200, numNodesToFind: 100, percentageOfNodesToScore: 49, startIndex: 0, evaluated: 100, feasible: 100 });
    expect(b.sampling).toMatchObject({ startIndex: 100, evaluated: 100 });
    expect(a.scores).toHaveLength(100);
    expect(a.scores.map((s) => s.node)).toContain(a.node);
  });
});
