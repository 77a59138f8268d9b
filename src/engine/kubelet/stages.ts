/**
 * The lifecycle table of the simulated kubelet: the steps a pod worker's SyncPod goes through
 * (pkg/kubelet/kuberuntime/kuberuntime_manager.go SyncPod: sandbox, init containers one at a
 * time, then every regular container: pull, create, start) and how long each takes on the
 * SimClock. Image pulls take their time from images.ts; everything else is here.
 *
 * The kubelet asks `nextStage(state)` which row applies; rows are checked in order, as
 * computePodActions orders its decisions.
 */

export type StageName = 'terminate' | 'mount' | 'sandbox' | 'init' | 'containers' | 'idle';

export interface StageState {
  deleting: boolean;
  volumesReady: boolean;
  sandboxReady: boolean;
  initDone: boolean;
}

export interface Stage {
  name: StageName;
  /** Whether this row is the pod's next step. */
  match(s: StageState): boolean;
  /** Simulated seconds the step takes (before jitter), or 0. */
  delay: number;
  /** The row that usually follows. */
  next: StageName;
}

/** The rows, in computePodActions order. */
export const STAGES: readonly Stage[] = [
  { name: 'terminate', match: (s) => s.deleting, delay: 0, next: 'idle' },
  { name: 'mount', match: (s) => !s.volumesReady, delay: 0.1, next: 'sandbox' },
  // RunPodSandbox + the CNI ADD of flannel (host-local IPAM).
  { name: 'sandbox', match: (s) => !s.sandboxReady, delay: 0.6, next: 'init' },
  { name: 'init', match: (s) => !s.initDone, delay: 0, next: 'containers' },
  { name: 'containers', match: () => true, delay: 0, next: 'idle' },
];

/** The first row that matches. */
export function nextStage(s: StageState): Stage {
  return STAGES.find((r) => r.match(s))!;
}

/** Per-container step durations (seconds). */
export const CONTAINER_STEPS = {
  /** CreateContainer (snapshot + OCI spec). */
  create: 0.08,
  /** StartContainer (runc start). */
  start: 0.12,
  /** Time a SIGKILL'd process takes to go. */
  kill: 0.05,
} as const;

/** Back-offs of the kubelet (pkg/kubelet: backOffPeriod, MaxContainerBackOff). */
export const BACKOFF = {
  initialSeconds: 10,
  maxSeconds: 300,
  /** An entry older than 2 x max since its last update starts over (flowcontrol.Backoff). */
  resetSeconds: 600,
} as const;

/** Volume mount retries (nestedpendingoperations: 500 ms doubling to 2m2s). */
export const MOUNT_BACKOFF = { initialSeconds: 0.5, maxSeconds: 122 } as const;

/** After a failed image pull the next sync (a PLEG event) comes about a second later. */
export const RESYNC_AFTER_ERROR_SECONDS = 1;

/** The default grace period floor when killing containers (minimumGracePeriodInSeconds). */
export const MIN_GRACE_SECONDS = 2;

/** Go duration text of whole seconds: 10s, 1m20s, 5m0s. */
export function goSeconds(sec: number): string {
  const s = Math.round(sec);
  if (s < 60) return `${s}s`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}h${m}m${s % 60}s` : `${m}m${s % 60}s`;
}

/** flowcontrol.Backoff for one key: 10 s doubling to 300 s. */
export class Backoff {
  private entries = new Map<string, { backoff: number; lastUpdate: number }>();

  constructor(
    private initial: number = BACKOFF.initialSeconds,
    private max: number = BACKOFF.maxSeconds,
  ) {}

  /** The current back-off of a key, in seconds (0 if none). */
  get(key: string): number {
    return this.entries.get(key)?.backoff ?? 0;
  }

  /** IsInBackOffSince: now - eventTime < backoff (entries older than 2 x max are expired). */
  inBackoffSince(key: string, eventMs: number, nowMs: number): boolean {
    const e = this.entries.get(key);
    if (!e) return false;
    if (eventMs - e.lastUpdate > this.max * 2000) return false;
    return nowMs - eventMs < e.backoff * 1000;
  }

  /** IsInBackOffSinceUpdate: now - lastUpdate < backoff. */
  inBackoffSinceUpdate(key: string, nowMs: number): boolean {
    const e = this.entries.get(key);
    if (!e) return false;
    if (nowMs - e.lastUpdate > this.max * 2000) return false;
    return nowMs - e.lastUpdate < e.backoff * 1000;
  }

  /** When the back-off measured from `fromMs` ends. */
  until(key: string, fromMs: number): number {
    return fromMs + this.get(key) * 1000;
  }

  /** Next: the first call sets the initial back-off, later ones double it up to max. */
  next(key: string, eventMs: number, nowMs: number): void {
    const e = this.entries.get(key);
    if (!e || eventMs - e.lastUpdate > this.max * 2000) {
      this.entries.set(key, { backoff: this.initial, lastUpdate: nowMs });
    } else {
      e.backoff = Math.min(e.backoff * 2, this.max);
      e.lastUpdate = nowMs;
    }
  }

  delete(prefix: string): void {
    for (const k of [...this.entries.keys()]) if (k.startsWith(prefix)) this.entries.delete(k);
  }
}
