/** `kubectl describe pod` (describe.go describePod). */
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { KObject } from '../../api/types/meta';
import { quantityValue } from '../../scheduler/resources';
import { since } from '../printers/duration';
import {
  describeContainers,
  describeEvents,
  describeResources,
  describeVolumes,
  eventsFor,
  printAnnotations,
  printController,
  printLabels,
  printTolerations,
  rfc1123z,
  type DescribeContext,
} from './common';
import { DescribeWriter, LEVEL_0, LEVEL_1 } from './writer';

const QOS_RESOURCES = ['cpu', 'memory'];

/** qos.GetPodQOS: status.qosClass, else computed from requests and limits. */
export function podQOS(pod: KObject): string {
  if (pod.status?.qosClass) return pod.status.qosClass;
  const requests = new Map<string, number>();
  const limits = new Map<string, number>();
  let guaranteed = true;
  for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
    for (const [name, q] of Object.entries<string>(c.resources?.requests ?? {})) {
      const v = quantityValue(q);
      if (QOS_RESOURCES.includes(name) && v > 0) requests.set(name, (requests.get(name) ?? 0) + v);
    }
    const found = new Set<string>();
    for (const [name, q] of Object.entries<string>(c.resources?.limits ?? {})) {
      const v = quantityValue(q);
      if (QOS_RESOURCES.includes(name) && v > 0) {
        found.add(name);
        limits.set(name, (limits.get(name) ?? 0) + v);
      }
    }
    if (!QOS_RESOURCES.every((r) => found.has(r))) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, v] of requests) if (limits.get(name) !== v) guaranteed = false;
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}

/**
 * EnvValueRetriever: kubectl's scheme converts only the default field labels
 * (metadata.name, metadata.namespace); every other fieldRef prints empty.
 */
function resolver(pod: KObject): (e: any) => string {
  return (e) => {
    const path: string = e.valueFrom?.fieldRef?.fieldPath ?? '';
    if (path === 'metadata.name') return pod.metadata.name ?? '';
    if (path === 'metadata.namespace') return pod.metadata.namespace ?? '';
    return '';
  };
}

export function describePod(pod: KObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  const spec = pod.spec ?? {};
  const status = pod.status ?? {};
  w.write(LEVEL_0, `Name:\t${pod.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${pod.metadata.namespace}\n`);
  if (spec.priority !== undefined && spec.priority !== null) w.write(LEVEL_0, `Priority:\t${spec.priority}\n`);
  if (spec.priorityClassName) w.write(LEVEL_0, `Priority Class Name:\t${spec.priorityClassName}\n`);
  if (spec.runtimeClassName) w.write(LEVEL_0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
  if (spec.serviceAccountName) w.write(LEVEL_0, `Service Account:\t${spec.serviceAccountName}\n`);
  w.write(LEVEL_0, spec.nodeName ? `Node:\t${spec.nodeName}/${status.hostIP ?? ''}\n` : 'Node:\t<none>\n');
  if (status.startTime) w.write(LEVEL_0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
  printLabels(w, 'Labels', pod.metadata.labels);
  printAnnotations(w, 'Annotations', pod.metadata.annotations);
  if (pod.metadata.deletionTimestamp && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
    w.write(LEVEL_0, `Status:\tTerminating (lasts ${since(pod.metadata.deletionTimestamp, ctx.now)})\n`);
    w.write(LEVEL_0, `Termination Grace Period:\t${pod.metadata.deletionGracePeriodSeconds ?? 0}s\n`);
  } else {
    w.write(LEVEL_0, `Status:\t${status.phase ?? ''}\n`);
  }
  if (status.reason) w.write(LEVEL_0, `Reason:\t${status.reason}\n`);
  if (status.message) w.write(LEVEL_0, `Message:\t${status.message}\n`);
  const seccomp = spec.securityContext?.seccompProfile;
  if (seccomp) {
    w.write(LEVEL_0, `SeccompProfile:\t${seccomp.type}\n`);
    if (seccomp.type === 'Localhost') w.write(LEVEL_0, `LocalhostProfile:\t${seccomp.localhostProfile}\n`);
  }
  w.write(LEVEL_0, `IP:\t${status.podIP ?? ''}\n`);
  const ips: { ip: string }[] = status.podIPs ?? [];
  if (ips.length === 0) w.write(LEVEL_0, 'IPs:\t<none>\n');
  else {
    w.write(LEVEL_0, 'IPs:\n');
    for (const ip of ips) w.write(LEVEL_1, `IP:\t${ip.ip}\n`);
  }
  const controlledBy = printController(pod);
  if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
  if (status.nominatedNodeName) w.write(LEVEL_0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
  if (spec.resources) {
    w.write(LEVEL_0, 'Resources:\n');
    describeResources(w, spec.resources, LEVEL_1);
  }
  const resolve = resolver(pod);
  if (spec.initContainers?.length) describeContainers(w, 'Init Containers', spec.initContainers, status.initContainerStatuses, '', resolve);
  describeContainers(w, 'Containers', spec.containers, status.containerStatuses, '', resolve);
  if (spec.readinessGates?.length) {
    w.write(LEVEL_0, 'Readiness Gates:\n  Type\tStatus\n');
    for (const g of spec.readinessGates) {
      const c = (status.conditions ?? []).find((x: any) => x.type === g.conditionType);
      w.write(LEVEL_1, `${g.conditionType} \t${c ? c.status : '<none>'} \n`);
    }
  }
  if (status.conditions?.length) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\n');
    for (const c of status.conditions) w.write(LEVEL_1, `${c.type} \t${c.status} \n`);
  }
  describeVolumes(w, spec.volumes, '');
  w.write(LEVEL_0, `QoS Class:\t${podQOS(pod)}\n`);
  printLabels(w, 'Node-Selectors', spec.nodeSelector);
  printTolerations(w, 'Tolerations', spec.tolerations);
  const tscs: any[] = [...(spec.topologySpreadConstraints ?? [])].sort((a, b) => (a.topologyKey < b.topologyKey ? -1 : 1));
  tscs.forEach((t, i) => {
    w.write(LEVEL_0, i === 0 ? 'Topology Spread Constraints:\t' : '\t');
    let s = `${t.topologyKey}:${t.whenUnsatisfiable} when max skew ${t.maxSkew} is exceeded`;
    if (t.labelSelector) {
      const keys = Object.keys(t.labelSelector.matchLabels ?? {}).sort();
      s += ` for selector ${keys.map((k) => `${k}=${t.labelSelector.matchLabels[k]}`).join(',') || '<none>'}`;
    }
    w.write(LEVEL_0, `${s}\n`);
  });
  describeEvents(w, eventsFor(ctx, pod), ctx.now);
  return w.toString();
}
