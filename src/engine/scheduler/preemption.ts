/**
 * DefaultPreemption, the PostFilter plugin (pkg/scheduler/framework/plugins/defaultpreemption
 * and pkg/scheduler/framework/preemption/preemption.go): when a pod fits nowhere, find nodes
 * where evicting lower-priority pods would make room, pick the best candidate, delete its
 * victims and nominate the node. When no node can help, its message explains why per node
 * (`preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No
 * preemption victims found for incoming pod.`).
 *
 * Simplification: PodDisruptionBudgets are not considered, and the dry run reuses the cycle's
 * PreFilter state (upstream updates PodTopologySpread/InterPodAffinity state per removed pod).
 */
import { Code, Status, type CycleState, type FilterPlugin, type Handle, type MaybeStatus, type NodeInfo, type PodInfo } from './types';
import { Diagnosis, fitErrorMessage, type Framework } from './framework';

export const DEFAULT_PREEMPTION = 'DefaultPreemption';
export const ErrPreemptionNotHelpful = 'Preemption is not helpful for scheduling';
export const ErrNoVictims = 'No preemption victims found for incoming pod';
export const ErrPreemptNever = 'not eligible due to preemptionPolicy=Never.';
export const ErrTerminatingOnNominated = 'not eligible due to a terminating pod on the nominated node.';

/** MinCandidateNodesPercentage and MinCandidateNodesAbsolute defaults. */
const MIN_CANDIDATE_NODES_PERCENTAGE = 10;
const MIN_CANDIDATE_NODES_ABSOLUTE = 100;

export interface Candidate {
  node: string;
  victims: PodInfo[];
}

export interface PreemptionResult {
  /** The PostFilter status message (`preemption: ...`), '' when a candidate was found. */
  message: string;
  code: Code;
  candidate?: Candidate;
  /** NominatingInfo: the node to nominate, '' to clear a nomination, undefined to leave it. */
  nominate?: string;
  /** Per-node outcome of the dry run, for explanations. */
  nodeStatus: Map<string, string>;
}

function podPriority(p: PodInfo): number {
  return p.priority;
}

/** The start time used to break ties (status.startTime, else creation). */
function startTime(p: PodInfo): string {
  return (p.pod.status?.startTime as string | undefined) ?? p.pod.metadata.creationTimestamp ?? '';
}

export interface PreemptionContext {
  fw: Framework;
  h: Handle;
  state: CycleState;
  pod: PodInfo;
  diagnosis: Diagnosis;
  filters: FilterPlugin[];
  randomInt: (n: number) => number;
}

/** Evaluator.Preempt up to choosing a candidate; the caller acts on it. */
export function preempt(ctx: PreemptionContext): PreemptionResult {
  const { pod, h, diagnosis } = ctx;
  const nodeStatus = new Map<string, string>();
  // PodEligibleToPreemptOthers
  if (pod.pod.spec?.preemptionPolicy === 'Never') {
    return { message: `preemption: ${ErrPreemptNever}`, code: Code.Unschedulable, nodeStatus };
  }
  const nominated = pod.pod.status?.nominatedNodeName as string | undefined;
  if (nominated && diagnosis.get(nominated).code !== Code.UnschedulableAndUnresolvable) {
    const n = h.nodeInfo(nominated);
    if (n) {
      for (const p of n.pods.values()) {
        if (p.priority < pod.priority && p.terminating) {
          return { message: `preemption: ${ErrTerminatingOnNominated}`, code: Code.Unschedulable, nodeStatus };
        }
      }
    }
  }
  const all = h.nodeInfos();
  // nodesWherePreemptionMightHelp
  const result = new Diagnosis();
  const potential: NodeInfo[] = [];
  for (const n of all) {
    if (diagnosis.get(n.name).code === Code.UnschedulableAndUnresolvable) {
      result.nodeToStatus.set(n.name, new Status(Code.UnschedulableAndUnresolvable, [ErrPreemptionNotHelpful]));
      nodeStatus.set(n.name, ErrPreemptionNotHelpful);
    } else potential.push(n);
  }
  const candidates: Candidate[] = [];
  if (potential.length > 0) {
    // GetOffsetAndNumCandidates
    let numCandidates = Math.trunc((potential.length * MIN_CANDIDATE_NODES_PERCENTAGE) / 100);
    if (numCandidates < MIN_CANDIDATE_NODES_ABSOLUTE) numCandidates = MIN_CANDIDATE_NODES_ABSOLUTE;
    if (numCandidates > potential.length) numCandidates = potential.length;
    const offset = ctx.randomInt(potential.length);
    for (let i = 0; i < potential.length && candidates.length < numCandidates; i++) {
      const n = potential[(offset + i) % potential.length];
      const r = selectVictimsOnNode(ctx, n);
      if ('victims' in r) {
        candidates.push({ node: n.name, victims: r.victims });
        nodeStatus.set(n.name, `candidate: ${r.victims.length} victim(s)`);
      } else {
        result.nodeToStatus.set(n.name, r.status);
        nodeStatus.set(n.name, r.status.message());
      }
    }
  }
  if (candidates.length === 0) {
    result.absentStatus = new Status(Code.UnschedulableAndUnresolvable, [ErrPreemptionNotHelpful]);
    result.absentSet = true;
    return { message: `preemption: ${fitErrorMessage(all.length, result)}`, code: Code.Unschedulable, nodeStatus, nominate: '' };
  }
  const best = pickOne(candidates);
  return { message: '', code: Code.Success, candidate: best, nodeStatus, nominate: best.node };
}

/** SelectVictimsOnNode: remove every lower-priority pod, check the fit, then reprieve. */
function selectVictimsOnNode(ctx: PreemptionContext, node: NodeInfo): { victims: PodInfo[] } | { status: Status } {
  const { pod } = ctx;
  const copy = node.clone();
  const potential: PodInfo[] = [];
  for (const p of node.pods.values()) {
    if (podPriority(p) < pod.priority) {
      potential.push(p);
      copy.removePod(p.key);
    }
  }
  if (potential.length === 0) return { status: new Status(Code.UnschedulableAndUnresolvable, [ErrNoVictims]) };
  const fits = (): MaybeStatus => ctx.fw.runFilters(ctx.state, pod, copy, ctx.filters, ctx.h);
  const s = fits();
  if (s !== null) return { status: s };
  // Reprieve as many as possible, highest priority first (MoreImportantPod).
  potential.sort((a, b) => b.priority - a.priority || (startTime(a) < startTime(b) ? -1 : startTime(a) > startTime(b) ? 1 : 0));
  const victims: PodInfo[] = [];
  for (const p of potential) {
    copy.addPod(p);
    if (fits() !== null) {
      copy.removePod(p.key);
      victims.push(p);
    }
  }
  return { victims };
}

/** pickOneNodeForPreemption without PDBs: lowest top victim priority, then sum, then count. */
function pickOne(cands: Candidate[]): Candidate {
  const top = (c: Candidate): number => Math.max(...c.victims.map((v) => v.priority));
  const sum = (c: Candidate): number => c.victims.reduce((a, v) => a + v.priority + 2 ** 31, 0);
  let best = cands[0];
  for (const c of cands.slice(1)) {
    const a = [top(c), sum(c), c.victims.length];
    const b = [top(best), sum(best), best.victims.length];
    for (let i = 0; i < a.length; i++) {
      if (a[i] < b[i]) {
        best = c;
        break;
      }
      if (a[i] > b[i]) break;
    }
  }
  return best;
}
