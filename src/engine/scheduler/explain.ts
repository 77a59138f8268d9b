/**
 * Explanations of scheduling decisions, as kube-scheduler-simulator shows them: for the latest
 * attempt of each pod, what every PreFilter plugin said, which filter rejected which node and
 * why, every scoring plugin's normalized score per feasible node with the weighted total, the
 * node chosen, the sampling (numFeasibleNodesToFind, start index) and preemption.
 *
 * Not an upstream component: kube-scheduler only logs this at high verbosity. Memory stays
 * bounded: only the latest decision per pod is kept, in typed arrays (one byte per normalized
 * score), and it is dropped when the pod is deleted.
 */
import type { PreFilterRecord } from './framework';
import { CODE_NAMES, type Code, type Status } from './types';

/** A rejected node in an explanation. */
export interface FilteredNode {
  node: string;
  plugin: string;
  code: string;
  reasons: string[];
}

/** A scored node in an explanation. */
export interface ScoredNode {
  node: string;
  /** Normalized score (0..100) per plugin, before weights. */
  scores: Record<string, number>;
  /** Sum of weight x normalized score. */
  total: number;
}

/** What `SchedulerHandle.explain(podKey)` returns. */
export interface Explanation {
  pod: string;
  uid: string;
  /** Scheduling attempts of this pod so far (this one included). */
  attempt: number;
  /** Simulated time of the decision (RFC 3339). */
  time: string;
  outcome: 'Scheduled' | 'Unschedulable' | 'Error';
  /** The node chosen (Scheduled). */
  node?: string;
  /** The FailedScheduling message (Unschedulable, Error). */
  message?: string;
  nominatedNode?: string;
  sampling: {
    numAllNodes: number;
    /** numFeasibleNodesToFind and the percentage it came from. */
    numNodesToFind: number;
    percentageOfNodesToScore: number;
    /** Round-robin start index into the node list. */
    startIndex: number;
    /** Nodes run through the filters. */
    evaluated: number;
    feasible: number;
    /** Nodes a PreFilter plugin narrowed the search to. */
    preFilterNodes?: number;
    /** The nominated node tried first and taken. */
    nominated?: string;
  };
  preFilter: PreFilterRecord[];
  filtered: FilteredNode[];
  /** Score plugins that ran, with their weights. */
  scorePlugins: { name: string; weight: number }[];
  /** Feasible nodes by total score, best first; empty when only one node was feasible. */
  scores: ScoredNode[];
  preemption?: { node?: string; victims?: string[]; nodes: { node: string; result: string }[] };
}

/** Interned node names shared by all stored explanations (the scheduler cache). */
export interface NodeNameTable {
  id(name: string): number;
  readonly names: readonly string[];
}

/** One decision, compactly. */
interface Stored {
  uid: string;
  attempt: number;
  time: string;
  outcome: Explanation['outcome'];
  node?: string;
  message?: string;
  nominatedNode?: string;
  sampling: Explanation['sampling'];
  preFilter: PreFilterRecord[];
  filteredNodes: Int32Array;
  filteredStatus: Uint16Array;
  statuses: { plugin: string; code: Code; reasons: readonly string[] }[];
  scorePlugins: { name: string; weight: number }[];
  scoredNodes: Int32Array;
  normalized: Uint8Array;
  preemption?: Explanation['preemption'];
}

export interface DecisionRecord {
  uid: string;
  attempt: number;
  time: string;
  outcome: Explanation['outcome'];
  node?: string;
  message?: string;
  nominatedNode?: string;
  sampling: Explanation['sampling'];
  preFilter: PreFilterRecord[];
  rejected: Map<string, Status>;
  scorePlugins: { name: string; weight: number }[];
  scoredNodes: readonly { id: number }[];
  normalized?: Uint8Array;
  preemption?: Explanation['preemption'];
}

export class Explanations {
  constructor(private names: NodeNameTable) {}
  private byPod = new Map<string, Stored>();

  get size(): number {
    return this.byPod.size;
  }

  record(podKey: string, r: DecisionRecord): void {
    const statuses: Stored['statuses'] = [];
    const statusIdx = new Map<string, number>();
    const fn = new Int32Array(r.rejected.size);
    const fs = new Uint16Array(r.rejected.size);
    let i = 0;
    for (const [node, s] of r.rejected) {
      const k = `${s.plugin}\0${s.code}\0${s.reasons.join('\0')}`;
      let idx = statusIdx.get(k);
      if (idx === undefined) {
        idx = statuses.length;
        statuses.push({ plugin: s.plugin, code: s.code, reasons: s.reasons });
        statusIdx.set(k, idx);
      }
      fn[i] = this.names.id(node);
      fs[i] = idx;
      i++;
    }
    const sn = new Int32Array(r.normalized ? r.scoredNodes.length : 0);
    if (r.normalized) for (let j = 0; j < sn.length; j++) sn[j] = r.scoredNodes[j].id;
    // Normalized scores are integers in 0..100: one byte each.
    const norm = r.normalized ?? new Uint8Array(0);
    this.byPod.set(podKey, {
      uid: r.uid,
      attempt: r.attempt,
      time: r.time,
      outcome: r.outcome,
      node: r.node,
      message: r.message,
      nominatedNode: r.nominatedNode,
      sampling: r.sampling,
      preFilter: r.preFilter,
      filteredNodes: fn,
      filteredStatus: fs,
      statuses,
      scorePlugins: r.scorePlugins,
      scoredNodes: sn,
      normalized: norm,
      preemption: r.preemption,
    });
  }

  delete(podKey: string): void {
    this.byPod.delete(podKey);
  }

  get(podKey: string, uid?: string): Explanation | undefined {
    const s = this.byPod.get(podKey);
    if (!s || (uid !== undefined && s.uid !== uid)) return undefined;
    const names = this.names.names;
    const filtered: FilteredNode[] = [];
    for (let i = 0; i < s.filteredNodes.length; i++) {
      const st = s.statuses[s.filteredStatus[i]];
      filtered.push({ node: names[s.filteredNodes[i]], plugin: st.plugin, code: CODE_NAMES[st.code], reasons: [...st.reasons] });
    }
    const k = s.scorePlugins.length;
    const scores: ScoredNode[] = [];
    for (let i = 0; i < s.scoredNodes.length; i++) {
      const rec: Record<string, number> = {};
      let total = 0;
      for (let j = 0; j < k; j++) {
        const v = s.normalized[i * k + j];
        rec[s.scorePlugins[j].name] = v;
        total += v * s.scorePlugins[j].weight;
      }
      scores.push({ node: names[s.scoredNodes[i]], scores: rec, total });
    }
    // Best first; ties keep node order.
    scores.sort((a, b) => b.total - a.total);
    return {
      pod: podKey,
      uid: s.uid,
      attempt: s.attempt,
      time: s.time,
      outcome: s.outcome,
      node: s.node,
      message: s.message,
      nominatedNode: s.nominatedNode,
      sampling: { ...s.sampling },
      preFilter: s.preFilter.map((p) => ({ ...p })),
      filtered,
      scorePlugins: s.scorePlugins.map((p) => ({ ...p })),
      scores,
      preemption: s.preemption,
    };
  }
}
