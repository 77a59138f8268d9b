/**
 * Plain-language explanations: after a terminal command, or for an object in the inspector, a
 * short diagnosis of the problem the learner is looking at (a typo that made a NotFound, a pod
 * in ImagePullBackOff or CrashLoopBackOff, a pod the scheduler cannot place and why, a Service
 * whose selector matches nothing, a claim that waits) and one command to try next.
 *
 * The diagnosis is data (a code and values); the UI words it in the learner's language and
 * shows it outside the terminal's text, so kubectl's output stays byte for byte. It reads the
 * cluster as `kubectl describe` would (conditions, container states, events) and never changes
 * anything. Not an upstream component: it puts into words what the troubleshooting pages of
 * kubernetes.io (debug-application, debug-pods, debug-service) teach.
 */
import type { Cluster } from '../cluster';
import type { KObject } from '../api/types/meta';
import { RESOURCES, resolveResource } from '../api/resources';
import { labelSelectorMatches } from '../api/selectors';
import type { Hint } from './protocol';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

const NOT_FOUND = /Error from server \(NotFound\): ([\w.-]+) "([^"]+)" not found/;
const NO_RESOURCE = /the server doesn't have a resource type "([^"]+)"/;
/** How long pods may take to become ready before a Service without ready pods is a problem. */
const STARTUP_GRACE_MS = 60_000;
const POD_PROBLEMS = ['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'CrashLoopBackOff', 'CreateContainerConfigError', 'Pending'];

/** Edit distance counting a swap of two neighbours as one edit (`wbe` -> `web` is 1). */
export function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The closest candidate within a small edit distance (or sharing a prefix), if any. */
function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = distance(word, c);
    const limit = Math.max(1, Math.min(3, Math.floor(word.length / 3)));
    if ((d <= limit || (word.length >= 3 && c.startsWith(word))) && d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best;
}

/** The namespace a command line names (`-n x`, `--namespace=x`), else `default`. */
function namespaceOf(input: string): string {
  const m = /(?:^|\s)(?:-n|--namespace)(?:=|\s+)([\w.-]+)/.exec(input);
  return m ? m[1] : 'default';
}

/** What went wrong in a terminal command, from its output and the cluster; undefined if nothing. */
export function diagnoseCommand(cluster: Cluster, input: string, output: string): Hint | undefined {
  const nf = NOT_FOUND.exec(output);
  if (nf) return notFoundHint(cluster, input, nf[1], nf[2]);
  const nr = NO_RESOURCE.exec(output);
  if (nr) {
    const names = RESOURCES.flatMap((r) => [r.plural, r.singular, ...r.shortNames]);
    const guess = closest(nr[1].toLowerCase(), names);
    return { code: 'UnknownResource', vars: { typed: nr[1], guess: guess ?? '' }, try: 'kubectl api-resources' };
  }
  const ns = namespaceOf(input);
  const text = `${input}\n${output}`;
  // Pods that the output or the command names and that are in trouble.
  if (POD_PROBLEMS.some((p) => output.includes(p)) || output.includes('FailedScheduling')) {
    for (const pod of cluster.api.store.list('Pod')) {
      if (!text.includes(pod.metadata.name!)) continue;
      if (pod.metadata.namespace !== ns && !/(?:^|\s)(?:-A|--all-namespaces)\b/.test(input)) continue;
      const h = podHint(cluster, pod);
      if (h) return h;
    }
  }
  // Services and claims the command names.
  for (const word of new Set(input.split(/[\s/]+/))) {
    const svc = cluster.api.find('Service', ns, word);
    if (svc && /(?:^|\s)(?:get|describe)\s+(?:svc|services?|endpoints?|ep|endpointslices?)\b|\b(?:wget|curl)\s|kubeplay\s+traffic\b/.test(input)) {
      const h = serviceHint(cluster, svc);
      if (h) return h;
    }
    const pvc = cluster.api.find('PersistentVolumeClaim', ns, word);
    if (pvc && /\b(pvc|persistentvolumeclaims?)\b/.test(input)) {
      const h = claimHint(cluster, pvc);
      if (h) return h;
    }
  }
  return undefined;
}

function notFoundHint(cluster: Cluster, input: string, resource: string, name: string): Hint {
  const info = resolveResource(resource);
  const ns = namespaceOf(input);
  const kind = info?.kind;
  if (kind) {
    if (info.namespaced) {
      const elsewhere = cluster.api.store.list(kind).find((o) => o.metadata.name === name && o.metadata.namespace !== ns);
      if (elsewhere) {
        return { code: 'NotFoundNamespace', vars: { name, namespace: ns, other: elsewhere.metadata.namespace! }, try: `${input.trim()} -n ${elsewhere.metadata.namespace}` };
      }
    }
    const names = cluster.api.store.list(kind, info.namespaced ? ns : undefined).map((o) => o.metadata.name!);
    const guess = closest(name, names);
    const list = `kubectl get ${info.plural}${info.namespaced && ns !== 'default' ? ` -n ${ns}` : ''}`;
    if (guess) return { code: 'NotFoundTypo', vars: { name, guess, resource: info.plural }, try: input.trim().replace(name, guess) };
    return { code: 'NotFound', vars: { name, resource: info.plural, namespace: ns }, try: list };
  }
  return { code: 'NotFound', vars: { name, resource, namespace: ns }, try: `kubectl get ${resource}` };
}

/** The first container state worth explaining. */
function waitingState(pod: KObject): { name: string; image: string; reason: string; message: string } | undefined {
  const st: Any = pod.status ?? {};
  for (const c of [...(st.initContainerStatuses ?? []), ...(st.containerStatuses ?? [])]) {
    const w = c.state?.waiting;
    if (w?.reason && w.reason !== 'ContainerCreating' && w.reason !== 'PodInitializing') {
      return { name: c.name, image: c.image ?? '', reason: w.reason, message: w.message ?? '' };
    }
  }
  return undefined;
}

/** A pod's problem: image pulls, crash loops, missing config, or why it is not scheduled. */
export function podHint(cluster: Cluster, pod: KObject): Hint | undefined {
  const name = pod.metadata.name!;
  const nsFlag = pod.metadata.namespace === 'default' ? '' : ` -n ${pod.metadata.namespace}`;
  const w = waitingState(pod);
  if (w && (w.reason === 'ErrImagePull' || w.reason === 'ImagePullBackOff' || w.reason === 'InvalidImageName' || w.reason === 'ErrImageNeverPull')) {
    const code = pullFailureCode(lastPullError(cluster, pod) ?? w.message);
    return { code, vars: { pod: name, image: w.image, reason: w.reason }, try: `kubectl describe pod ${name}${nsFlag}` };
  }
  if (w?.reason === 'CrashLoopBackOff') {
    return { code: 'CrashLoop', vars: { pod: name, container: w.name }, try: `kubectl logs ${name}${nsFlag} --previous` };
  }
  if (w?.reason === 'CreateContainerConfigError') {
    return { code: 'ConfigError', vars: { pod: name, message: w.message }, try: `kubectl describe pod ${name}${nsFlag}` };
  }
  const cond = ((pod.status as Any)?.conditions ?? []).find((c: Any) => c.type === 'PodScheduled');
  if (!pod.spec?.nodeName && cond?.status === 'False' && cond.reason === 'Unschedulable') {
    return schedulingHint(pod, String(cond.message ?? ''), nsFlag);
  }
  if (!pod.spec?.nodeName && pod.metadata.deletionTimestamp === undefined) {
    for (const v of (pod.spec?.volumes ?? []) as Any[]) {
      const claim = v.persistentVolumeClaim?.claimName;
      const pvc = claim && cluster.api.find('PersistentVolumeClaim', pod.metadata.namespace, claim);
      const h = pvc && claimHint(cluster, pvc);
      if (h) return h;
    }
  }
  return undefined;
}

/** The containerd error of the pod's latest failed pull (its `Failed` event), if any. */
function lastPullError(cluster: Cluster, pod: KObject): string | undefined {
  let best: Any;
  for (const e of cluster.api.store.list('Event', pod.metadata.namespace) as Any[]) {
    if (e.involvedObject?.uid !== pod.metadata.uid || e.reason !== 'Failed' || !String(e.message).startsWith('Failed to pull image')) continue;
    if (!best || String(e.lastTimestamp) >= String(best.lastTimestamp)) best = e;
  }
  return best?.message;
}

/** What a pull error says, in the registry's terms (kubelet/images.ts pullError). */
function pullFailureCode(message: string): Hint['code'] {
  if (/pull access denied/.test(message)) return 'ImagePullAccess';
  if (/no such host/.test(message)) return 'ImagePullHost';
  if (/429 Too Many Requests/.test(message)) return 'ImagePullRateLimit';
  if (/i\/o timeout/.test(message)) return 'ImagePullUnreachable';
  return 'ImagePull';
}

/**
 * Why the scheduler found no node, from the FailedScheduling message
 * (`0/4 nodes are available: 1 node(s) had untolerated taint {...}, 3 Insufficient cpu. ...`):
 * the reason that ruled out the most nodes, the control plane's own taint last.
 */
export function schedulingHint(pod: KObject, message: string, nsFlag = ''): Hint {
  const name = pod.metadata.name!;
  const m = /^0\/(\d+) nodes are available: (.*?)(?:\. preemption:.*)?$/s.exec(message);
  const parts = m ? m[2].replace(/\.$/, '').split(/, (?=\d+ )/) : [];
  const reasons = parts
    .map((p) => /^(\d+) (.*)$/.exec(p))
    .filter((x): x is RegExpExecArray => x !== null)
    .map((x) => ({ n: Number(x[1]), text: x[2] }))
    .sort((a, b) => b.n - a.n || Number(/control-plane/.test(a.text)) - Number(/control-plane/.test(b.text)));
  const top = reasons.find((r) => !/node-role\.kubernetes\.io\/control-plane/.test(r.text)) ?? reasons[0];
  const vars = { pod: name, nodes: m?.[1] ?? '?', count: String(top?.n ?? 0), reason: top?.text ?? message };
  const describe = `kubectl describe pod ${name}${nsFlag}`;
  if (!top) return { code: 'SchedulingOther', vars, try: describe };
  const insufficient = /^Insufficient (\S+)/.exec(top.text);
  if (insufficient) return { code: 'SchedulingInsufficient', vars: { ...vars, resource: insufficient[1] }, try: 'kubectl describe nodes' };
  const taint = /untolerated taint \{([^}]*)\}/.exec(top.text);
  if (taint) return { code: 'SchedulingTaint', vars: { ...vars, taint: taint[1].replace(/: $/, '') }, try: 'kubectl describe nodes | grep Taints' };
  if (/node affinity\/selector/.test(top.text)) return { code: 'SchedulingSelector', vars, try: 'kubectl get nodes --show-labels' };
  if (/PersistentVolumeClaim|persistentvolumeclaim/.test(top.text)) return { code: 'SchedulingVolume', vars, try: 'kubectl get pvc' };
  if (/unschedulable/.test(top.text)) return { code: 'SchedulingCordoned', vars, try: 'kubectl get nodes' };
  return { code: 'SchedulingOther', vars, try: describe };
}

/** A Service whose selector matches no pod, or only pods that are not ready. */
export function serviceHint(cluster: Cluster, svc: KObject): Hint | undefined {
  const selector = (svc.spec as Any)?.selector as Record<string, string> | undefined;
  if (!selector || Object.keys(selector).length === 0 || svc.spec?.type === 'ExternalName') return undefined;
  const ns = svc.metadata.namespace;
  const pods = cluster.api.store
    .list('Pod', ns)
    .filter((p) => !p.metadata.deletionTimestamp && labelSelectorMatches({ matchLabels: selector }, p.metadata.labels));
  const text = Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(',');
  const nsFlag = ns === 'default' ? '' : ` -n ${ns}`;
  if (pods.length === 0) return { code: 'ServiceNoPods', vars: { service: svc.metadata.name!, selector: text }, try: `kubectl get pods --show-labels${nsFlag}` };
  const ready = pods.filter((p) => ((p.status as Any)?.conditions ?? []).some((c: Any) => c.type === 'Ready' && c.status === 'True'));
  // Pods that are still starting will be ready soon: only pods that had time and are not are a problem.
  const now = cluster.clock.now();
  const starting = pods.some((p) => now - Date.parse(p.metadata.creationTimestamp ?? '') < STARTUP_GRACE_MS);
  if (ready.length === 0 && !starting) return { code: 'ServiceNotReady', vars: { service: svc.metadata.name!, selector: text, pods: String(pods.length) }, try: `kubectl get pods -l ${text}${nsFlag}` };
  return undefined;
}

/** A claim that stays Pending, with the PV controller's reason from its latest event. */
export function claimHint(cluster: Cluster, pvc: KObject): Hint | undefined {
  if ((pvc.status as Any)?.phase !== 'Pending') return undefined;
  const ns = pvc.metadata.namespace;
  let latest: Any;
  for (const e of cluster.api.store.list('Event', ns) as Any[]) {
    if (e.involvedObject?.kind !== 'PersistentVolumeClaim' || e.involvedObject?.name !== pvc.metadata.name) continue;
    if (!latest || String(e.lastTimestamp ?? e.eventTime ?? '') >= String(latest.lastTimestamp ?? latest.eventTime ?? '')) latest = e;
  }
  const reason = latest?.reason ?? '';
  const vars = { claim: pvc.metadata.name!, reason, message: latest?.message ?? '' };
  const nsFlag = ns === 'default' ? '' : ` -n ${ns}`;
  if (reason === 'WaitForFirstConsumer') return { code: 'ClaimWaitsForPod', vars, try: `kubectl describe pvc ${pvc.metadata.name}${nsFlag}` };
  return { code: 'ClaimPending', vars, try: `kubectl describe pvc ${pvc.metadata.name}${nsFlag}` };
}

/** The problems of one object for the inspector (its pods' problems for a workload). */
export function diagnoseObject(cluster: Cluster, kind: string, key: string): Hint[] {
  const obj = cluster.api.getByKey(kind, key);
  if (!obj) return [];
  const hints: Hint[] = [];
  const add = (h: Hint | undefined) => {
    if (h && !hints.some((x) => x.code === h.code)) hints.push(h);
  };
  if (kind === 'Pod') add(podHint(cluster, obj));
  else if (kind === 'Service') add(serviceHint(cluster, obj));
  else if (kind === 'PersistentVolumeClaim') add(claimHint(cluster, obj));
  else if (kind === 'Node') {
    const ready = ((obj.status as Any)?.conditions ?? []).find((c: Any) => c.type === 'Ready');
    if (ready && ready.status !== 'True') add({ code: 'NodeNotReady', vars: { node: obj.metadata.name! }, try: `kubectl describe node ${obj.metadata.name}` });
  } else {
    // A workload: its pods (Deployments through their ReplicaSets), the first of each problem.
    const owners = [obj, ...(kind === 'Deployment' ? cluster.api.dependentsOfKind(obj.metadata.uid!, 'ReplicaSet') : [])];
    for (const o of owners) for (const pod of cluster.api.dependentsOfKind(o.metadata.uid!, 'Pod')) add(podHint(cluster, pod));
  }
  return hints.slice(0, 3);
}
