/**
 * `kubectl logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]` (k8s.io/kubectl/pkg/cmd/logs/logs.go,
 * polymorphichelpers/logsforobject.go, podcmd.FindOrDefaultContainerByName): the container
 * log the kubelet keeps (cluster.nodes.logs), `--tail`, `--since`, `--timestamps`,
 * `--previous`, `--prefix`, `--all-containers`, `-l` (10 lines per pod by default), controllers
 * by their first pod (`Found 3 pods, using pod/...`), and `-f` following until Ctrl-C or the
 * container exits.
 */
import { isStatusError } from '../../api/errors';
import { fromLabelSelector, matches, parseSelector } from '../../api/selectors';
import type { KObject } from '../../api/types/meta';
import { logTimestamp, type LogLine } from '../../kubelet';
import type { LogOptions } from '../../kubelet';
import type { LongRunning } from '../../shell/process';
import type { Command, Kctx } from '../command';
import { CmdError } from '../errors';
import { boolFlag, durationFlag, intFlag, SELECTOR_FLAG, stringFlag } from '../flags';
import { mappingFor } from '../refs';

const USAGE = "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command";
const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';

interface Request {
  pod: KObject;
  container: string;
}

/** podutils.ByLogging: the pod kubectl reads first. */
export function byLogging(a: KObject, b: KObject): number {
  const an = !!a.spec?.nodeName;
  const bn = !!b.spec?.nodeName;
  if (a.spec?.nodeName !== b.spec?.nodeName && (!an || !bn)) return an ? -1 : 1;
  const rank: Record<string, number> = { Running: 0, Unknown: 1, Pending: 2 };
  const ra = rank[a.status?.phase] ?? 0;
  const rb = rank[b.status?.phase] ?? 0;
  if (ra !== rb) return ra - rb;
  const ready = (p: KObject) => (p.status?.conditions ?? []).find((c: { type: string }) => c.type === 'Ready');
  const ar = ready(a)?.status === 'True';
  const br = ready(b)?.status === 'True';
  if (ar !== br) return ar ? -1 : 1;
  if (ar && br) {
    const ta = ready(a)?.lastTransitionTime ?? '';
    const tb = ready(b)?.lastTransitionTime ?? '';
    if (ta !== tb) return ta < tb ? -1 : 1;
  }
  const restarts = (p: KObject) => Math.max(0, ...((p.status?.containerStatuses ?? []) as { restartCount: number }[]).map((c) => c.restartCount));
  if (restarts(a) !== restarts(b)) return restarts(b) - restarts(a);
  const ca = a.metadata.creationTimestamp ?? '';
  const cb = b.metadata.creationTimestamp ?? '';
  return ca < cb ? -1 : ca > cb ? 1 : 0;
}

function allContainerNames(pod: KObject): string {
  return [
    ...(pod.spec?.containers ?? []).map((c: { name: string }) => c.name),
    ...(pod.spec?.ephemeralContainers ?? []).map((c: { name: string }) => `${c.name} (ephem)`),
    ...(pod.spec?.initContainers ?? []).map((c: { name: string }) => `${c.name} (init)`),
  ].join(', ');
}

/** The requests for one pod: the named container, all, or the default one. */
function podRequests(k: Kctx, pod: KObject, container: string, all: boolean): Request[] {
  if (all) {
    return [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? []), ...(pod.spec?.ephemeralContainers ?? [])].map(
      (c: { name: string }) => ({ pod, container: c.name }),
    );
  }
  if (container) {
    // findContainerByName: the client checks the name before asking for the log.
    const spec = pod.spec ?? {};
    const names = [...(spec.containers ?? []), ...(spec.initContainers ?? []), ...(spec.ephemeralContainers ?? [])].map((c: { name: string }) => c.name);
    if (!names.includes(container)) throw new CmdError(`container ${container} is not valid for pod ${pod.metadata.name}`);
    return [{ pod, container }];
  }
  const annotated = pod.metadata.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
  const containers = (pod.spec?.containers ?? []) as { name: string }[];
  if (annotated && [...containers, ...(pod.spec?.initContainers ?? [])].some((c: { name: string }) => c.name === annotated)) {
    return [{ pod, container: annotated }];
  }
  const first = containers[0]?.name ?? '';
  if (containers.length > 1 || (pod.spec?.initContainers ?? []).length > 0 || (pod.spec?.ephemeralContainers ?? []).length > 0) {
    k.err.write(`Defaulted container ${JSON.stringify(first)} out of: ${allContainerNames(pod)}\n`);
  }
  return [{ pod, container: first }];
}

export const logs: Command<void> = {
  name: 'logs',
  help: '',
  flags: [
    SELECTOR_FLAG,
    boolFlag('all-containers'),
    boolFlag('all-pods'),
    stringFlag('container', { short: 'c' }),
    boolFlag('follow', { short: 'f' }),
    boolFlag('ignore-errors'),
    boolFlag('insecure-skip-tls-verify-backend'),
    intFlag('limit-bytes'),
    intFlag('max-log-requests', { default: 5 }),
    durationFlag('pod-running-timeout', { default: 20000 }),
    boolFlag('prefix'),
    boolFlag('previous', { short: 'p' }),
    durationFlag('since'),
    stringFlag('since-time'),
    intFlag('tail', { default: -1 }),
    boolFlag('timestamps'),
  ],
  run: (_o, k) => {
    const selector = k.flags.string('selector');
    let container = k.flags.string('container');
    const args = k.args;
    let resourceArg = '';
    if (args.length === 0) {
      if (!selector) throw k.usageError(USAGE);
    } else if (args.length === 1) {
      resourceArg = args[0];
      if (selector) throw k.usageError('only a selector (-l) or a POD name is allowed');
    } else if (args.length === 2) {
      resourceArg = args[0];
      if (container) throw new CmdError('only one of -c or an inline [CONTAINER] arg is allowed');
      container = args[1];
    } else throw k.usageError(USAGE);
    const all = k.flags.bool('all-containers');
    const prefix = k.flags.bool('prefix') || k.flags.bool('all-pods');
    const since = k.flags.duration('since');
    const sinceTime = k.flags.string('since-time');
    if (sinceTime && since) throw new CmdError('at most one of `sinceTime` or `sinceSeconds` may be specified');
    if (all && container) throw new CmdError(`--all-containers=true should not be specified with container name ${container}`);
    if (k.flags.changed('limit-bytes') && k.flags.int('limit-bytes') < 1) throw new CmdError('--limit-bytes must be greater than 0');
    if (k.flags.changed('since') && since < 1) throw new CmdError('--since must be greater than 0');
    const tail = k.flags.int('tail');
    if (tail < -1) throw new CmdError('--tail must be greater than or equal to -1');
    const opts: LogOptions = { previous: k.flags.bool('previous') };
    if (since) opts.sinceSeconds = Math.round(since / 1000);
    if (sinceTime) opts.sinceTime = sinceTime;
    if (k.flags.changed('limit-bytes')) opts.limitBytes = k.flags.int('limit-bytes');
    if (selector && tail === -1 && !k.flags.changed('tail')) opts.tailLines = 10;
    else if (tail !== -1) opts.tailLines = tail;

    // Which pods.
    let requests: Request[] = [];
    if (selector) {
      const sel = parseSelector(selector);
      const pods = k.api.list('Pod', { namespace: k.namespace }).items.filter((p) => matches(sel, p.metadata.labels));
      if (pods.length === 0) k.err.write(`No resources found in ${k.namespace} namespace.\n`);
      for (const p of pods) requests.push(...podRequests(k, p, container, all));
    } else {
      const slash = resourceArg.indexOf('/');
      const info = slash < 0 ? mappingFor('pods') : mappingFor(resourceArg.slice(0, slash));
      const name = slash < 0 ? resourceArg : resourceArg.slice(slash + 1);
      let obj: KObject;
      try {
        obj = k.api.get(info.kind, k.namespace, name);
      } catch (e) {
        if (isStatusError(e) && e.reason === 'NotFound') throw new CmdError(`error from server (NotFound): ${e.message} in namespace ${JSON.stringify(k.namespace)}`);
        throw e;
      }
      if (info.kind === 'Pod') requests = podRequests(k, obj, container, all);
      else {
        const sel = obj.spec?.selector;
        if (!sel) throw new CmdError(`cannot get the logs from *${info.version}.${info.kind}: selector for *${info.version}.${info.kind} not implemented`);
        const selector2 = info.kind === 'Service' || info.kind === 'ReplicationController' ? fromLabelSelector({ matchLabels: sel }) : fromLabelSelector(sel);
        const pods = k.api.list('Pod', { namespace: k.namespace }).items.filter((p) => matches(selector2, p.metadata.labels)).sort(byLogging);
        if (pods.length === 0) throw new CmdError(`timed out waiting for the condition`);
        if (pods.length > 1 && !k.flags.bool('all-pods')) k.err.write(`Found ${pods.length} pods, using pod/${pods[0].metadata.name}\n`);
        for (const p of k.flags.bool('all-pods') ? pods : [pods[0]]) requests.push(...podRequests(k, p, container, all));
      }
    }

    const stamp = k.flags.bool('timestamps');
    const format = (r: Request, l: LogLine) =>
      `${prefix ? `[pod/${r.pod.metadata.name}/${r.container}] ` : ''}${stamp ? `${logTimestamp(l)} ` : ''}${l.text}\n`;
    const nodes = k.cluster.nodes;
    const ignore = k.flags.bool('ignore-errors');
    if (!k.flags.bool('follow')) {
      for (const r of requests) {
        try {
          for (const l of nodes.logs(r.pod.metadata.namespace!, r.pod.metadata.name!, r.container, opts)) k.out.write(format(r, l));
        } catch (e) {
          if (!ignore) throw e;
          k.out.write(`error: ${(e as Error).message}\n`);
        }
      }
      return;
    }
    if (requests.length > k.flags.int('max-log-requests')) {
      throw new CmdError(`you are attempting to follow ${requests.length} log streams, but maximum allowed concurrency is ${k.flags.int('max-log-requests')}, use --max-log-requests to increase the limit`);
    }
    let open = requests.length;
    const stops: (() => void)[] = [];
    for (const r of requests) {
      stops.push(
        nodes.followLogs(r.pod.metadata.namespace!, r.pod.metadata.name!, r.container, opts, {
          line: (l) => k.out.write(format(r, l)),
          end: () => {
            open--;
          },
        }),
      );
    }
    const lr: LongRunning = {
      poll: () => (open <= 0 ? 0 : undefined),
      cancel() {
        for (const s of stops) s();
        return 130;
      },
    };
    return open <= 0 ? 0 : lr;
  },
};
