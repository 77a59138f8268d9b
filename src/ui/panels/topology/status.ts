/**
 * Pod status categories of the topology legend, from the STATUS text `kubectl get pods` prints
 * (the worker computes it as kubectl's printPod does), and the colour of each.
 */

export const CATEGORIES = [
  'Running',
  'Pending',
  'ContainerCreating',
  'Terminating',
  'Failed',
  'CrashLoopBackOff',
  'Completed',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Colours chosen to stay apart for the common colour-vision deficiencies and on projectors. */
export const CATEGORY_COLOUR: Record<Category, string> = {
  Running: '#22c55e',
  Pending: '#a3a3a3',
  ContainerCreating: '#38bdf8',
  Terminating: '#a78bfa',
  Failed: '#ef4444',
  CrashLoopBackOff: '#f97316',
  Completed: '#475569',
};

/** Waiting reasons that mean the container cannot start (back-off or a bad image/config). */
const BACKOFF = new Set([
  'CrashLoopBackOff',
  'ErrImagePull',
  'ImagePullBackOff',
  'InvalidImageName',
  'ErrImageNeverPull',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
]);

const CREATING = new Set(['ContainerCreating', 'PodInitializing']);
const FAILED = new Set(['Failed', 'Error', 'OOMKilled', 'ContainerCannotRun', 'DeadlineExceeded', 'Evicted', 'Unknown', 'NodeLost']);

/** The legend category of a pod from its STATUS text and phase. */
export function categoryOf(status: string, phase = ''): Category {
  if (status === 'Terminating') return 'Terminating';
  if (status === 'Running' || status === 'NotReady') return 'Running';
  if (status === 'Completed' || status === 'Succeeded') return 'Completed';
  if (BACKOFF.has(status) || status.startsWith('Init:') && BACKOFF.has(status.slice(5))) return 'CrashLoopBackOff';
  if (CREATING.has(status) || /^Init:\d+\/\d+$/.test(status)) return 'ContainerCreating';
  if (FAILED.has(status) || /^(Init:)?(ExitCode|Signal):/.test(status) || status.startsWith('Init:')) return 'Failed';
  if (status === 'Pending' || status === 'SchedulingGated') return 'Pending';
  if (phase === 'Running') return 'Running';
  if (phase === 'Succeeded') return 'Completed';
  if (phase === 'Failed') return 'Failed';
  return 'Pending';
}

/** A stable hue per owner (`ReplicaSet/web-7d4b9c`), so a workload's pods share a ring colour. */
export function ownerHue(owner: string): number {
  let h = 2166136261;
  for (let i = 0; i < owner.length; i++) {
    h ^= owner.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return (h >>> 0) % 360;
}
