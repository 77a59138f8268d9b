/**
 * Helpers shared by the describers (describe.go): labels, annotations, taints, tolerations,
 * the Events table with `(xN over M)`, RFC 1123 dates, containers, volumes, pod templates.
 */
import type { ApiServer } from '../../api/server';
import type { KObject } from '../../api/types/meta';
import { controllerRef } from '../../api/types/meta';
import { goSort } from '../gosort';
import { since } from '../printers/duration';
import { DescribeWriter, LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3 } from './writer';

/** What describers need: the apiserver and the simulated time. */
export interface DescribeContext {
  api: ApiServer;
  now: number;
  showEvents: boolean;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** time.RFC1123Z in UTC: `Thu, 26 Nov 2026 09:00:00 +0000`. */
export function rfc1123z(ts: string | undefined | null): string {
  // A zero time.Time formats as the Go zero date.
  if (!ts) return 'Mon, 01 Jan 0001 00:00:00 +0000';
  const d = new Date(ts);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${p(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

const SKIP_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);
const MAX_ANNOTATION_LEN = 140;

/** printLabelsMultilineWithIndent. */
export function printLabels(
  w: DescribeWriter,
  title: string,
  labels: Record<string, string> | undefined | null,
  initialIndent = '',
  innerIndent = '\t',
): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((k, i) => {
    if (i !== 0) w.write(LEVEL_0, `${initialIndent}${innerIndent}`);
    w.write(LEVEL_0, `${k}=${labels![k]}\n`);
  });
}

function shorten(s: string, max: number): string {
  return s.length > max ? s.slice(0, max) + '...' : s;
}

/** printAnnotationsMultiline (last-applied-configuration is skipped). */
export function printAnnotations(w: DescribeWriter, title: string, annotations: Record<string, string> | undefined | null): void {
  w.write(LEVEL_0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {})
    .filter((k) => !SKIP_ANNOTATIONS.has(k))
    .sort();
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((k, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t');
    const value = annotations![k].replace(/\n$/, '');
    if (value.length + k.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(LEVEL_0, `${k}:\n`);
      for (const s of value.split('\n')) w.write(LEVEL_0, `\t  ${shorten(s, MAX_ANNOTATION_LEN - 2)}\n`);
    } else {
      w.write(LEVEL_0, `${k}: ${value}\n`);
    }
  });
}

interface Taint {
  key: string;
  value?: string;
  effect: string;
}

/** Taint.ToString: `key=value:effect` or `key:effect`. */
export function taintString(t: Taint): string {
  return t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`;
}

/** printTaintsMultilineWithIndent (sorted by effect, then key). */
export function printTaints(w: DescribeWriter, title: string, taints: Taint[] | undefined, initialIndent = '', innerIndent = '\t'): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  const list = [...(taints ?? [])];
  if (list.length === 0) {
    w.writeLine('<none>');
    return;
  }
  list.sort((a, b) => {
    const ka = `${a.effect},${a.key}`;
    const kb = `${b.effect},${b.key}`;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  list.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, `${initialIndent}${innerIndent}`);
    w.write(LEVEL_0, `${taintString(t)}\n`);
  });
}

interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

/** printTolerationsMultilineWithIndent. */
export function printTolerations(w: DescribeWriter, title: string, tolerations: Toleration[] | undefined, initialIndent = '', innerIndent = '\t'): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  const list = [...(tolerations ?? [])];
  if (list.length === 0) {
    w.writeLine('<none>');
    return;
  }
  // sort.Slice is not stable: ties keep their order here.
  list.sort((a, b) => ((a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0));
  list.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, `${initialIndent}${innerIndent}`);
    let s = t.key ?? '';
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) s += ` for ${t.tolerationSeconds}s`;
    w.write(LEVEL_0, `${s}\n`);
  });
}

/** `Kind/name` of the controller owner (printController). */
export function printController(obj: KObject): string {
  const ref = controllerRef(obj);
  return ref ? `${ref.kind}/${ref.name}` : '';
}

/** util/event.SortableEvents: by lastTimestamp (a zero time sorts first). */
const lastTimestamp = (e: KObject): number => (e.lastTimestamp ? Date.parse(e.lastTimestamp as string) : -Infinity);

/**
 * searchEvents: the events of an object (by involvedObject name, namespace, kind and uid),
 * or undefined when events are not shown.
 */
export function eventsFor(ctx: DescribeContext, obj: KObject): KObject[] | undefined {
  if (!ctx.showEvents) return undefined;
  const ns = obj.metadata.namespace;
  // Cluster-scoped objects: kubectl searches every namespace with a field selector.
  const items = ctx.api.list('Event', { namespace: ns }).items;
  const byUid = (uid: string | undefined): KObject[] =>
    items.filter((e) => {
      const inv = (e.involvedObject ?? {}) as { kind?: string; name?: string; namespace?: string; uid?: string };
      // GetFieldSelector(name, namespace, kind, uid); describe pod clears the kind.
      const kindOk = obj.kind === 'Pod' || inv.kind === obj.kind;
      return inv.name === obj.metadata.name && kindOk && (inv.namespace ?? '') === (ns ?? '') && inv.uid === uid;
    });
  // Node events carry the node's uid (controllers) or its name (kubelet): kubectl queries both
  // and appends the second result to the first.
  if (obj.kind === 'Node') return [...byUid(obj.metadata.uid), ...byUid(obj.metadata.name)];
  return byUid(obj.metadata.uid);
}

/** DescribeEvents: `Events:  <none>` or the Type/Reason/Age/From/Message table. */
export function describeEvents(w: DescribeWriter, events: KObject[] | undefined, now: number): void {
  if (!events) return;
  if (events.length === 0) {
    w.write(LEVEL_0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  const sorted = goSort([...events], (a, b) => lastTimestamp(a) < lastTimestamp(b)).map((e) => ({ e }));
  w.write(LEVEL_0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(LEVEL_1, '----\t------\t----\t----\t-------\n');
  for (const { e } of sorted) {
    let first = since(e.eventTime as string, now);
    if (!e.eventTime) first = since(e.firstTimestamp as string, now);
    const series = e.series as { lastObservedTime?: string; count?: number } | undefined;
    let interval: string;
    if (series) interval = `${since(series.lastObservedTime, now)} (x${series.count} over ${first})`;
    else if (((e.count as number) ?? 0) > 1) interval = `${since(e.lastTimestamp as string, now)} (x${e.count} over ${first})`;
    else interval = first;
    const src = (e.source ?? {}) as { component?: string };
    const source = src.component || (e.reportingComponent as string) || '';
    w.write(LEVEL_1, `${e.type ?? ''}\t${e.reason ?? ''}\t${interval}\t${source}\t${((e.message as string) ?? '').trim()}\n`);
  }
}

/** describeResources: Limits and Requests, resource names sorted. */
export function describeResources(w: DescribeWriter, res: { limits?: Record<string, string>; requests?: Record<string, string> } | undefined, level: number): void {
  if (!res) return;
  const limits = res.limits ?? {};
  const requests = res.requests ?? {};
  if (Object.keys(limits).length > 0) w.write(level, 'Limits:\n');
  for (const k of Object.keys(limits).sort()) w.write(level + 1, `${k}:\t${limits[k]}\n`);
  if (Object.keys(requests).length > 0) w.write(level, 'Requests:\n');
  for (const k of Object.keys(requests).sort()) w.write(level + 1, `${k}:\t${requests[k]}\n`);
}

interface Probe {
  exec?: { command?: string[] };
  httpGet?: { scheme?: string; host?: string; port?: number | string; path?: string };
  tcpSocket?: { host?: string; port?: number | string };
  grpc?: { port?: number; service?: string };
  initialDelaySeconds?: number;
  timeoutSeconds?: number;
  periodSeconds?: number;
  successThreshold?: number;
  failureThreshold?: number;
}

/** DescribeProbe: `http-get http://:80/ delay=0s timeout=1s period=10s #success=1 #failure=3`. */
export function describeProbe(p: Probe): string {
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 0}s period=${p.periodSeconds ?? 0}s #success=${p.successThreshold ?? 0} #failure=${p.failureThreshold ?? 0}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${attrs}`;
  if (p.httpGet) {
    const scheme = (p.httpGet.scheme ?? 'HTTP').toLowerCase();
    const port = p.httpGet.port === undefined ? '' : String(p.httpGet.port);
    const host = port ? `${p.httpGet.host ?? ''}:${port}` : (p.httpGet.host ?? '');
    return `http-get ${scheme}://${host}${p.httpGet.path ?? ''} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ''}:${p.tcpSocket.port ?? ''} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port ?? 0} ${p.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

interface ContainerState {
  running?: { startedAt?: string };
  waiting?: { reason?: string; message?: string };
  terminated?: { reason?: string; message?: string; exitCode?: number; signal?: number; startedAt?: string; finishedAt?: string };
}

function describeStatus(w: DescribeWriter, name: string, state: ContainerState | undefined): void {
  if (state?.running) {
    w.write(LEVEL_2, `${name}:\tRunning\n`);
    w.write(LEVEL_3, `Started:\t${rfc1123z(state.running.startedAt)}\n`);
  } else if (state?.waiting) {
    w.write(LEVEL_2, `${name}:\tWaiting\n`);
    if (state.waiting.reason) w.write(LEVEL_3, `Reason:\t${state.waiting.reason}\n`);
  } else if (state?.terminated) {
    const t = state.terminated;
    w.write(LEVEL_2, `${name}:\tTerminated\n`);
    if (t.reason) w.write(LEVEL_3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(LEVEL_3, `Message:\t${t.message}\n`);
    w.write(LEVEL_3, `Exit Code:\t${t.exitCode ?? 0}\n`);
    if ((t.signal ?? 0) > 0) w.write(LEVEL_3, `Signal:\t${t.signal}\n`);
    w.write(LEVEL_3, `Started:\t${rfc1123z(t.startedAt)}\n`);
    w.write(LEVEL_3, `Finished:\t${rfc1123z(t.finishedAt)}\n`);
  } else {
    w.write(LEVEL_2, `${name}:\tWaiting\n`);
  }
}

/* eslint-disable @typescript-eslint/no-explicit-any */
type Container = any;
type ContainerStatus = any;

/** describeContainers: one block per container, with its state when statuses are given. */
export function describeContainers(
  w: DescribeWriter,
  label: string,
  containers: Container[] | undefined,
  statuses: ContainerStatus[] | undefined,
  space: string,
  resolve?: (e: any) => string,
): void {
  const list: Container[] = containers ?? [];
  const byName = new Map<string, ContainerStatus>();
  for (const s of statuses ?? []) byName.set(s.name, s);
  w.write(LEVEL_0, `${space}${label}:${list.length === 0 ? ' <none>' : ''}\n`);
  const nameIndent = space ? ' ' : '';
  for (const c of list) {
    const status = byName.get(c.name);
    w.write(LEVEL_1, `${nameIndent}${c.name}:\n`);
    if (status) w.write(LEVEL_2, `Container ID:\t${status.containerID ?? ''}\n`);
    w.write(LEVEL_2, `Image:\t${c.image ?? ''}\n`);
    if (status) w.write(LEVEL_2, `Image ID:\t${status.imageID ?? ''}\n`);
    const ports = (c.ports ?? []).map((p: any) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ');
    w.write(LEVEL_2, ports.includes(',') ? `Ports:\t${ports}\n` : `Port:\t${ports || '<none>'}\n`);
    const hostPorts = (c.ports ?? []).map((p: any) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`).join(', ');
    w.write(LEVEL_2, hostPorts.includes(',') ? `Host Ports:\t${hostPorts}\n` : `Host Port:\t${hostPorts || '<none>'}\n`);
    if (c.command?.length) {
      w.write(LEVEL_2, 'Command:\n');
      for (const x of c.command) for (const s of String(x).split('\n')) w.write(LEVEL_3, `${s}\n`);
    }
    if (c.args?.length) {
      w.write(LEVEL_2, 'Args:\n');
      for (const x of c.args) for (const s of String(x).split('\n')) w.write(LEVEL_3, `${s}\n`);
    }
    if (status) {
      describeStatus(w, 'State', status.state);
      if (status.lastState?.terminated) describeStatus(w, 'Last State', status.lastState);
      w.write(LEVEL_2, `Ready:\t${status.ready ? 'True' : 'False'}\n`);
      w.write(LEVEL_2, `Restart Count:\t${status.restartCount ?? 0}\n`);
    }
    describeResources(w, c.resources, LEVEL_2);
    if (c.livenessProbe) w.write(LEVEL_2, `Liveness:\t${describeProbe(c.livenessProbe)}\n`);
    if (c.readinessProbe) w.write(LEVEL_2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`);
    if (c.startupProbe) w.write(LEVEL_2, `Startup:\t${describeProbe(c.startupProbe)}\n`);
    if (c.envFrom?.length) {
      w.write(LEVEL_2, 'Environment Variables from:\n');
      for (const e of c.envFrom) {
        const from = e.configMapRef ? 'ConfigMap' : e.secretRef ? 'Secret' : '';
        const ref = e.configMapRef ?? e.secretRef ?? {};
        const optional = ref.optional === true;
        if (!e.prefix) w.write(LEVEL_3, `${ref.name ?? ''}\t${from}\tOptional: ${optional}\n`);
        else w.write(LEVEL_3, `${ref.name ?? ''}\t${from} with prefix '${e.prefix}'\tOptional: ${optional}\n`);
      }
    }
    const env: any[] = c.env ?? [];
    w.write(LEVEL_2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`);
    for (const e of env) {
      if (!e.valueFrom) {
        String(e.value ?? '')
          .split('\n')
          .forEach((s: string, i: number) => w.write(LEVEL_3, i === 0 ? `${e.name}:\t${s}\n` : `\t${s}\n`));
        continue;
      }
      const vf = e.valueFrom;
      if (vf.fieldRef) w.write(LEVEL_3, `${e.name}:\t${resolve ? resolve(e) : ''} (${vf.fieldRef.apiVersion ?? 'v1'}:${vf.fieldRef.fieldPath})\n`);
      else if (vf.resourceFieldRef) w.write(LEVEL_3, `${e.name}:\t${resolve ? resolve(e) : ''} (${vf.resourceFieldRef.resource})\n`);
      else if (vf.secretKeyRef) {
        w.write(LEVEL_3, `${e.name}:\t<set to the key '${vf.secretKeyRef.key}' in secret '${vf.secretKeyRef.name}'>\tOptional: ${vf.secretKeyRef.optional === true}\n`);
      } else if (vf.configMapKeyRef) {
        w.write(LEVEL_3, `${e.name}:\t<set to the key '${vf.configMapKeyRef.key}' of config map '${vf.configMapKeyRef.name}'>\tOptional: ${vf.configMapKeyRef.optional === true}\n`);
      }
    }
    const mounts: any[] = [...(c.volumeMounts ?? [])].sort((a, b) => (a.mountPath < b.mountPath ? -1 : a.mountPath > b.mountPath ? 1 : 0));
    w.write(LEVEL_2, `Mounts:${mounts.length === 0 ? '\t<none>' : ''}\n`);
    for (const m of mounts) {
      const flags = [m.readOnly ? 'ro' : 'rw'];
      if (m.subPath) flags.push(`path=${JSON.stringify(m.subPath)}`);
      w.write(LEVEL_3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`);
    }
  }
}

/** describeVolumes for the common volume sources. */
export function describeVolumes(w: DescribeWriter, volumes: any[] | undefined, space: string): void {
  const list: any[] = volumes ?? [];
  if (list.length === 0) {
    w.write(LEVEL_0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(LEVEL_0, `${space}Volumes:\n`);
  const nameIndent = space ? ' ' : '';
  for (const v of list) {
    w.write(LEVEL_1, `${nameIndent}${v.name}:\n`);
    if (v.hostPath) {
      w.write(LEVEL_2, 'Type:\tHostPath (bare host directory volume)\n');
      w.write(LEVEL_2, `Path:\t${v.hostPath.path}\n`);
      w.write(LEVEL_2, `HostPathType:\t${v.hostPath.type ?? '<none>'}\n`);
    } else if (v.emptyDir) {
      w.write(LEVEL_2, 'Type:\tEmptyDir (a temporary directory that shares a pod\'s lifetime)\n');
      w.write(LEVEL_2, `Medium:\t${v.emptyDir.medium ?? ''}\n`);
      w.write(LEVEL_2, `SizeLimit:\t${v.emptyDir.sizeLimit ?? '<unset>'}\n`);
    } else if (v.secret) {
      w.write(LEVEL_2, 'Type:\tSecret (a volume populated by a Secret)\n');
      w.write(LEVEL_2, `SecretName:\t${v.secret.secretName ?? ''}\n`);
      w.write(LEVEL_2, `Optional:\t${v.secret.optional === true}\n`);
    } else if (v.configMap) {
      w.write(LEVEL_2, 'Type:\tConfigMap (a volume populated by a ConfigMap)\n');
      w.write(LEVEL_2, `Name:\t${v.configMap.name ?? ''}\n`);
      w.write(LEVEL_2, `Optional:\t${v.configMap.optional === true}\n`);
    } else if (v.persistentVolumeClaim) {
      w.write(LEVEL_2, 'Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n');
      w.write(LEVEL_2, `ClaimName:\t${v.persistentVolumeClaim.claimName}\n`);
      w.write(LEVEL_2, `ReadOnly:\t${v.persistentVolumeClaim.readOnly === true}\n`);
    } else if (v.projected) {
      w.write(LEVEL_2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
      for (const s of v.projected.sources ?? []) {
        // Simplification: kubectl prints a set *bool with %v (a pointer address); we print the value.
        const optional = (o: { optional?: boolean }): string => (o.optional === undefined || o.optional === null ? '<nil>' : String(o.optional));
        if (s.secret) w.write(LEVEL_2, `SecretName:\t${s.secret.name}\n    SecretOptionalName:\t${optional(s.secret)}\n`);
        else if (s.downwardAPI) w.write(LEVEL_2, 'DownwardAPI:\ttrue\n');
        else if (s.configMap) w.write(LEVEL_2, `ConfigMapName:\t${s.configMap.name}\n    ConfigMapOptional:\t${optional(s.configMap)}\n`);
        else if (s.serviceAccountToken) w.write(LEVEL_2, `TokenExpirationSeconds:\t${s.serviceAccountToken.expirationSeconds ?? 0}\n`);
      }
    } else if (v.downwardAPI) {
      w.write(LEVEL_2, 'Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n');
      for (const item of v.downwardAPI.items ?? []) {
        if (item.fieldRef) w.write(LEVEL_3, `${item.fieldRef.fieldPath} -> ${item.path}\n`);
        if (item.resourceFieldRef) w.write(LEVEL_3, `${item.resourceFieldRef.resource} -> ${item.path}\n`);
      }
    } else {
      w.write(LEVEL_2, `<unknown>\n`);
    }
  }
}

/** DescribePodTemplate. */
export function describePodTemplate(w: DescribeWriter, template: any): void {
  w.write(LEVEL_0, 'Pod Template:\n');
  if (!template) {
    w.write(LEVEL_1, '<unset>');
    return;
  }
  const spec = template.spec ?? {};
  printLabels(w, '  Labels', template.metadata?.labels);
  if (Object.keys(template.metadata?.annotations ?? {}).length > 0) printAnnotations(w, '  Annotations', template.metadata.annotations);
  if (spec.serviceAccountName) w.write(LEVEL_1, `Service Account:\t${spec.serviceAccountName}\n`);
  if (spec.initContainers?.length) describeContainers(w, 'Init Containers', spec.initContainers, undefined, '  ');
  describeContainers(w, 'Containers', spec.containers, undefined, '  ');
  describeVolumes(w, spec.volumes, '  ');
  if (spec.priorityClassName) w.write(LEVEL_1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  printLabels(w, '  Node-Selectors', spec.nodeSelector);
  printTolerations(w, '  Tolerations', spec.tolerations);
}

/** Pod phase counts of a controller's pods (getPodStatusForController). */
export function podPhaseCounts(pods: KObject[]): { running: number; waiting: number; succeeded: number; failed: number } {
  const c = { running: 0, waiting: 0, succeeded: 0, failed: 0 };
  for (const p of pods) {
    switch (p.status?.phase) {
      case 'Running':
        c.running++;
        break;
      case 'Pending':
        c.waiting++;
        break;
      case 'Succeeded':
        c.succeeded++;
        break;
      case 'Failed':
        c.failed++;
        break;
    }
  }
  return c;
}

/** The pods a controller owns (by controller reference, as the describers filter them). */
export function ownedPods(ctx: DescribeContext, owner: KObject): KObject[] {
  return ctx.api
    .dependents(owner.metadata.uid!)
    .filter(([kind, o]) => kind === 'Pod' && controllerRef(o)?.uid === owner.metadata.uid)
    .map(([, o]) => o);
}

/** `<none>` for an empty string. */
export const orNone = (s: string | undefined | null): string => (s ? s : '<none>');
