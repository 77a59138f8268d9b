/**
 * A simulated cluster: the apiserver, the controller manager, the scheduler and one kubelet per
 * node, all on one SimClock and one seeded Rng.
 */
import { SimClock, DEFAULT_EPOCH_MS } from './core/clock';
import { Rng } from './core/rng';
import { ApiServer } from './api/server';
import { EventRecorder, type EventSource } from './api/events';
import { ControllerManager } from './controllers/manager';
import { startControllers } from './controllers';
import { startScheduler, type SchedulerHandle } from './scheduler';
import { NodeFleet } from './kubelet';
import { bootstrap } from './bootstrap';
import { attachNetwork } from './network/attach';

export interface ClusterOptions {
  /** Worker nodes (default 3). */
  nodes?: number;
  /** Seed of every random choice (default 1). */
  seed?: number;
  /** Simulated start time in ms (default DEFAULT_EPOCH_MS). */
  epochMs?: number;
  /** Skip creating the default workloads (tests that want an empty cluster). */
  bare?: boolean;
}

/** What components are built from; passed to every start function. */
export interface ClusterParts {
  api: ApiServer;
  clock: SimClock;
  rng: Rng;
  manager: ControllerManager;
  recorder(source: EventSource): EventRecorder;
  /** Errors nothing else reports (a reconcile that threw): kept for the UI and tests. */
  internalErrors: string[];
}

/** Seconds of simulated time a fresh cluster has already run when handed out. */
export const BOOT_SECONDS = 300;

export class Cluster implements ClusterParts {
  readonly clock: SimClock;
  readonly rng: Rng;
  readonly api: ApiServer;
  readonly manager: ControllerManager;
  readonly scheduler: SchedulerHandle;
  readonly nodes: NodeFleet;
  readonly internalErrors: string[] = [];

  constructor(readonly options: ClusterOptions = {}) {
    const seed = options.seed ?? 1;
    this.clock = new SimClock(options.epochMs ?? DEFAULT_EPOCH_MS);
    this.rng = new Rng(seed);
    this.api = new ApiServer(this.clock, this.rng);
    this.manager = new ControllerManager(this.api, this.clock, (c, k, e) => {
      const msg = `${c} ${k}: ${e instanceof Error ? e.stack ?? e.message : String(e)}`;
      if (this.internalErrors.length < 100) this.internalErrors.push(msg);
    });
    this.clock.onHotLoop = (msg) => this.internalErrors.push(msg);
    this.nodes = new NodeFleet(this);
    this.scheduler = startScheduler(this);
    startControllers(this);
    attachNetwork(this);
    bootstrap(this, { workers: options.nodes ?? 3, bare: options.bare ?? false });
  }

  recorder(source: EventSource): EventRecorder {
    return new EventRecorder(this.api, source);
  }

  /** Runs the cluster for `seconds` of simulated time. */
  advance(seconds: number): void {
    this.clock.advance(seconds);
  }
}

/** A fresh default cluster (CONTRACT.md section 2), already booted for BOOT_SECONDS. */
export function createCluster(options: ClusterOptions = {}): Cluster {
  const c = new Cluster(options);
  c.advance(BOOT_SECONDS);
  return c;
}
