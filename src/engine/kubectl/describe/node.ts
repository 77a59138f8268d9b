/** `kubectl describe node` (describe.go describeNode, describeNodeResource). */
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { KObject } from '../../api/types/meta';
import { quantityValue } from '../../scheduler/resources';
import { nodeRoles } from '../printers/columns/node';
import { since } from '../printers/duration';
import { describeEvents, eventsFor, printAnnotations, printLabels, printTaints, rfc1123z, type DescribeContext } from './common';
import { QuantitySum } from './quantity';
import { DescribeWriter, LEVEL_0, LEVEL_1 } from './writer';

/** resourcehelper.PodRequestsAndLimits: container sums, raised to any init container's value. */
export function podRequestsAndLimits(pod: KObject): { requests: Map<string, QuantitySum>; limits: Map<string, QuantitySum> } {
  const sum = (field: 'requests' | 'limits'): Map<string, QuantitySum> => {
    const out = new Map<string, QuantitySum>();
    for (const c of pod.spec?.containers ?? []) {
      for (const [k, v] of Object.entries<string>(c.resources?.[field] ?? {})) {
        if (!out.has(k)) out.set(k, new QuantitySum());
        out.get(k)!.add(v);
      }
    }
    for (const c of pod.spec?.initContainers ?? []) {
      for (const [k, v] of Object.entries<string>(c.resources?.[field] ?? {})) {
        const cur = out.get(k);
        if (!cur || quantityValue(v) * 1000 > cur.milliValue()) {
          const q = new QuantitySum();
          q.add(v);
          out.set(k, q);
        }
      }
    }
    for (const [k, v] of Object.entries<string>(pod.spec?.overhead ?? {})) {
      if (!out.has(k)) out.set(k, new QuantitySum());
      out.get(k)!.add(v);
    }
    return out;
  };
  return { requests: sum('requests'), limits: sum('limits') };
}

const pct = (part: number, whole: number): number => (whole === 0 ? 0 : Math.trunc((part / whole) * 100));

export function describeNode(node: KObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  const status = node.status ?? {};
  const info = status.nodeInfo ?? {};
  w.write(LEVEL_0, `Name:\t${node.metadata.name}\n`);
  const roles = nodeRoles(node);
  w.write(LEVEL_0, `Roles:\t${roles.length ? roles.join(',') : '<none>'}\n`);
  printLabels(w, 'Labels', node.metadata.labels);
  printAnnotations(w, 'Annotations', node.metadata.annotations);
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(node.metadata.creationTimestamp)}\n`);
  printTaints(w, 'Taints', node.spec?.taints);
  w.write(LEVEL_0, `Unschedulable:\t${node.spec?.unschedulable === true}\n`);
  const lease = ctx.api.find('Lease', 'kube-node-lease', node.metadata.name!);
  w.write(LEVEL_0, 'Lease:\n');
  w.write(LEVEL_1, `HolderIdentity:\t${lease?.spec?.holderIdentity ?? '<unset>'}\n`);
  w.write(LEVEL_1, `AcquireTime:\t${lease?.spec?.acquireTime ? rfc1123z(lease.spec.acquireTime) : '<unset>'}\n`);
  w.write(LEVEL_1, `RenewTime:\t${lease?.spec?.renewTime ? rfc1123z(lease.spec.renewTime) : '<unset>'}\n`);
  const conds: any[] = status.conditions ?? [];
  if (conds.length) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of conds) {
      w.write(LEVEL_1, `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
    }
  }
  w.write(LEVEL_0, 'Addresses:\n');
  for (const a of status.addresses ?? []) w.write(LEVEL_1, `${a.type}:\t${a.address}\n`);
  const printList = (list: Record<string, string>): void => {
    for (const k of Object.keys(list).sort()) w.write(LEVEL_0, `  ${k}:\t${list[k]}\n`);
  };
  if (Object.keys(status.capacity ?? {}).length) {
    w.write(LEVEL_0, 'Capacity:\n');
    printList(status.capacity);
  }
  if (Object.keys(status.allocatable ?? {}).length) {
    w.write(LEVEL_0, 'Allocatable:\n');
    printList(status.allocatable);
  }
  w.write(LEVEL_0, 'System Info:\n');
  w.write(LEVEL_0, `  Machine ID:\t${info.machineID ?? ''}\n`);
  w.write(LEVEL_0, `  System UUID:\t${info.systemUUID ?? ''}\n`);
  w.write(LEVEL_0, `  Boot ID:\t${info.bootID ?? ''}\n`);
  w.write(LEVEL_0, `  Kernel Version:\t${info.kernelVersion ?? ''}\n`);
  w.write(LEVEL_0, `  OS Image:\t${info.osImage ?? ''}\n`);
  w.write(LEVEL_0, `  Operating System:\t${info.operatingSystem ?? ''}\n`);
  w.write(LEVEL_0, `  Architecture:\t${info.architecture ?? ''}\n`);
  w.write(LEVEL_0, `  Container Runtime Version:\t${info.containerRuntimeVersion ?? ''}\n`);
  w.write(LEVEL_0, `  Kubelet Version:\t${info.kubeletVersion ?? ''}\n`);
  w.write(LEVEL_0, `  Kube-Proxy Version:\t${info.kubeProxyVersion ?? ''}\n`);
  if (node.spec?.podCIDR) w.write(LEVEL_0, `PodCIDR:\t${node.spec.podCIDR}\n`);
  if (node.spec?.podCIDRs?.length) w.write(LEVEL_0, `PodCIDRs:\t${node.spec.podCIDRs.join(',')}\n`);
  if (node.spec?.providerID) w.write(LEVEL_0, `ProviderID:\t${node.spec.providerID}\n`);

  // Non-terminated pods: spec.nodeName=<node>, phase not Succeeded/Failed, in list order.
  const pods = ctx.api
    .list('Pod', { fieldSelector: `spec.nodeName=${node.metadata.name}` })
    .items.filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
  const alloc: Record<string, string> = Object.keys(status.allocatable ?? {}).length ? status.allocatable : (status.capacity ?? {});
  const cpuAlloc = Math.round(quantityValue(alloc.cpu ?? '0') * 1000);
  const memAlloc = quantityValue(alloc.memory ?? '0');
  const esAlloc = quantityValue(alloc['ephemeral-storage'] ?? '0');
  w.write(LEVEL_0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(LEVEL_1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(LEVEL_1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const totalReq = new Map<string, QuantitySum>();
  const totalLim = new Map<string, QuantitySum>();
  const get = (m: Map<string, QuantitySum>, k: string): QuantitySum => m.get(k) ?? new QuantitySum();
  for (const p of pods) {
    const { requests, limits } = podRequestsAndLimits(p);
    for (const [k, v] of requests) {
      if (!totalReq.has(k)) totalReq.set(k, new QuantitySum());
      totalReq.get(k)!.add(v.toString());
    }
    for (const [k, v] of limits) {
      if (!totalLim.has(k)) totalLim.set(k, new QuantitySum());
      totalLim.get(k)!.add(v.toString());
    }
    const cr = get(requests, 'cpu');
    const cl = get(limits, 'cpu');
    const mr = get(requests, 'memory');
    const ml = get(limits, 'memory');
    w.write(
      LEVEL_1,
      `${p.metadata.namespace}\t${p.metadata.name}\t\t${cr} (${pct(cr.milliValue(), cpuAlloc)}%)\t${cl} (${pct(cl.milliValue(), cpuAlloc)}%)\t${mr} (${pct(mr.value(), memAlloc)}%)\t${ml} (${pct(ml.value(), memAlloc)}%)\t${since(p.metadata.creationTimestamp, ctx.now)}\n`,
    );
  }
  w.write(LEVEL_0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(LEVEL_1, 'Resource\tRequests\tLimits\n');
  w.write(LEVEL_1, '--------\t--------\t------\n');
  const cr = get(totalReq, 'cpu');
  const cl = get(totalLim, 'cpu');
  const mr = get(totalReq, 'memory');
  const ml = get(totalLim, 'memory');
  const er = get(totalReq, 'ephemeral-storage');
  const el = get(totalLim, 'ephemeral-storage');
  w.write(LEVEL_1, `cpu\t${cr} (${pct(cr.milliValue(), cpuAlloc)}%)\t${cl} (${pct(cl.milliValue(), cpuAlloc)}%)\n`);
  w.write(LEVEL_1, `memory\t${mr} (${pct(mr.value(), memAlloc)}%)\t${ml} (${pct(ml.value(), memAlloc)}%)\n`);
  w.write(LEVEL_1, `ephemeral-storage\t${er} (${pct(er.value(), esAlloc)}%)\t${el} (${pct(el.value(), esAlloc)}%)\n`);
  const standard = new Set(['cpu', 'memory', 'ephemeral-storage', 'storage', 'pods']);
  const names = Object.keys(alloc).sort();
  for (const r of names.filter((n) => n.startsWith('hugepages-'))) {
    const rq = get(totalReq, r);
    const lm = get(totalLim, r);
    const a = quantityValue(alloc[r]);
    w.write(LEVEL_1, `${r}\t${rq} (${pct(rq.value(), a)}%)\t${lm} (${pct(lm.value(), a)}%)\n`);
  }
  for (const r of names.filter((n) => !n.startsWith('hugepages-') && !standard.has(n))) {
    w.write(LEVEL_1, `${r}\t${get(totalReq, r)}\t${get(totalLim, r)}\n`);
  }
  describeEvents(w, eventsFor(ctx, node), ctx.now);
  return w.toString();
}
