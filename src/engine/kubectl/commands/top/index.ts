/**
 * `kubectl top pod|node` (k8s.io/kubectl/pkg/cmd/top top_pod.go, top_node.go and
 * pkg/metricsutil/metrics_printer.go) over the cluster's simulated Metrics API
 * (controllers/hpa/metrics.ts), served once the metrics-server addon runs (else
 * `error: Metrics API not available`, as on a fresh kubeadm or kind cluster): `NAME  CPU(cores)  MEMORY(bytes)` per pod (`--containers`,
 * `-A`, `--sum`, `--sort-by=cpu|memory`), `NAME  CPU(cores)  CPU(%)  MEMORY(bytes)  MEMORY(%)`
 * per node (percentages of allocatable, or capacity with `--show-capacity`), CPU as `<n>m`,
 * memory as `<n>Mi`; nodes without metrics print `<unknown>`; pods too new for a metrics
 * window give `error: metrics not available yet`.
 */
import type { Command, Kctx } from '../../command';
import { CmdError } from '../../errors';
import { ALL_NAMESPACES_FLAG, boolFlag, FIELD_SELECTOR_FLAG, SELECTOR_FLAG, stringFlag } from '../../flags';
import { TabWriter } from '../../printers/table';
import { notFound } from '../../../api/errors';
import type { KObject } from '../../../api/types/meta';
import { metricsOf, type PodUsage } from '../../../controllers/hpa/metrics';
import { metricsApiAvailable } from '../../../controllers/hpa/metrics-server-addon';
import { milliValue, quantityValue } from '../../../scheduler/resources';

export const MSG_METRICS_API = 'Metrics API not available';
export const MSG_NOT_READY = 'metrics not available yet';
const MI = 1024 * 1024;

const cpuText = (m: number): string => `${m}m`;
const memText = (b: number): string => `${Math.floor(b / MI)}Mi`;

interface PodRow {
  namespace: string;
  name: string;
  usage: PodUsage;
  cpu: number;
  memory: number;
}

function sortRows<T extends { cpu: number; memory: number }>(rows: T[], sortBy: string): void {
  if (sortBy === 'cpu') rows.sort((a, b) => b.cpu - a.cpu);
  else if (sortBy === 'memory') rows.sort((a, b) => b.memory - a.memory);
}

function validateSortBy(k: Kctx, sortBy: string): void {
  if (sortBy !== '' && sortBy !== 'cpu' && sortBy !== 'memory') throw new CmdError('--sort-by accepts only cpu or memory');
  void k;
}

/** A writer whose rows end with a tab, as fmt.Fprintf(out, "%v\t", value) leaves them. */
function trailingTabs(w: TabWriter): TabWriter {
  const add = w.add.bind(w);
  w.add = (cells: string[]) => add([...cells, '']);
  return w;
}

const topPod: Command<void> = {
  name: 'pod',
  aliases: ['pods', 'po'],
  help: '',
  flags: [ALL_NAMESPACES_FLAG, boolFlag('containers'), FIELD_SELECTOR_FLAG, boolFlag('no-headers'), SELECTOR_FLAG, stringFlag('sort-by'), boolFlag('sum'), boolFlag('use-protocol-buffers', { default: true })],
  run: (_o, k) => {
    const f = k.flags;
    const all = f.bool('all-namespaces');
    const containers = f.bool('containers');
    const sortBy = f.string('sort-by');
    validateSortBy(k, sortBy);
    if (!metricsApiAvailable(k.api)) throw new CmdError(MSG_METRICS_API);
    const name = k.args[0];
    if (name && all) throw new CmdError('a resource cannot be retrieved by name across all namespaces');
    const metrics = metricsOf(k.cluster);
    const ns = all ? undefined : k.namespace;
    let pods: KObject[];
    if (name) {
      const pod = k.api.find('Pod', k.namespace, name);
      const usage = pod && metrics.podUsage(pod);
      if (!pod || !usage) throw notFound('podmetrics.metrics.k8s.io', `${k.namespace}/${name}`);
      pods = [pod];
    } else {
      pods = k.api.list('Pod', { namespace: ns, labelSelector: f.string('selector') || undefined, fieldSelector: f.string('field-selector') || undefined }).items;
    }
    const rows: PodRow[] = [];
    for (const p of pods) {
      const usage = metrics.podUsage(p);
      if (!usage) continue;
      const cpu = usage.containers.reduce((s, c) => s + c.cpu, 0);
      const memory = usage.containers.reduce((s, c) => s + c.memory, 0);
      rows.push({ namespace: p.metadata.namespace!, name: p.metadata.name!, usage, cpu, memory });
    }
    if (rows.length === 0) {
      // verifyEmptyMetrics: pods exist but none has metrics yet.
      if (pods.length > 0) throw new CmdError(MSG_NOT_READY);
      k.err.write(all ? 'No resources found\n' : `No resources found in ${k.namespace} namespace.\n`);
      return;
    }
    sortRows(rows, sortBy);
    // metrics_printer.go ends every cell with a tab: the last column is padded too.
    const w = trailingTabs(new TabWriter());
    if (!f.bool('no-headers')) {
      const head = containers ? ['POD', 'NAME', 'CPU(cores)', 'MEMORY(bytes)'] : ['NAME', 'CPU(cores)', 'MEMORY(bytes)'];
      w.add(all ? ['NAMESPACE', ...head] : head);
    }
    for (const r of rows) {
      const lead = all ? [r.namespace] : [];
      if (containers) {
        for (const c of r.usage.containers) w.add([...lead, r.name, c.name, cpuText(c.cpu), memText(c.memory)]);
      } else w.add([...lead, r.name, cpuText(r.cpu), memText(r.memory)]);
    }
    if (f.bool('sum')) {
      const cpu = rows.reduce((s, r) => s + r.cpu, 0);
      const memory = rows.reduce((s, r) => s + r.memory, 0);
      const blanks = (all ? 1 : 0) + (containers ? 1 : 0);
      w.add([...Array(blanks).fill(''), '', '________', '________']);
      w.add([...Array(blanks).fill(''), '', cpuText(cpu), memText(memory)]);
    }
    k.out.write(w.flush());
  },
};

const topNode: Command<void> = {
  name: 'node',
  aliases: ['nodes', 'no'],
  help: '',
  flags: [boolFlag('no-headers'), SELECTOR_FLAG, boolFlag('show-capacity'), stringFlag('sort-by'), boolFlag('use-protocol-buffers', { default: true })],
  run: (_o, k) => {
    const f = k.flags;
    const sortBy = f.string('sort-by');
    validateSortBy(k, sortBy);
    if (!metricsApiAvailable(k.api)) throw new CmdError(MSG_METRICS_API);
    const name = k.args[0];
    const metrics = metricsOf(k.cluster);
    let nodes: KObject[];
    if (name) {
      const node = k.api.find('Node', undefined, name);
      if (!node) throw notFound('nodes', name);
      if (!metrics.nodeUsage(node)) throw notFound('nodemetrics.metrics.k8s.io', name);
      nodes = [node];
    } else nodes = k.api.list('Node', { labelSelector: f.string('selector') || undefined }).items;
    const capacity = f.bool('show-capacity');
    const rows: { name: string; cpu: number; memory: number; cpuPct: number; memPct: number }[] = [];
    const missing: string[] = [];
    for (const n of nodes) {
      const u = metrics.nodeUsage(n);
      if (!u) {
        missing.push(n.metadata.name!);
        continue;
      }
      const avail = (capacity ? n.status?.capacity : n.status?.allocatable) ?? {};
      const cpuAvail = milliValue(avail.cpu ?? '0');
      const memAvail = quantityValue(avail.memory ?? '0');
      rows.push({
        name: n.metadata.name!,
        cpu: u.cpu,
        memory: u.memory,
        cpuPct: cpuAvail ? Math.trunc((u.cpu / cpuAvail) * 100) : 0,
        memPct: memAvail ? Math.trunc((u.memory / memAvail) * 100) : 0,
      });
    }
    if (rows.length === 0 && missing.length === 0) {
      k.err.write('No resources found\n');
      return;
    }
    if (rows.length === 0) throw new CmdError(MSG_NOT_READY);
    sortRows(rows, sortBy);
    const w = trailingTabs(new TabWriter());
    if (!f.bool('no-headers')) w.add(['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)']);
    for (const r of rows) w.add([r.name, cpuText(r.cpu), `${r.cpuPct}%`, memText(r.memory), `${r.memPct}%`]);
    for (const m of missing) w.add([m, '<unknown>', '<unknown>', '<unknown>', '<unknown>']);
    k.out.write(w.flush());
  },
};

export const top: Command<void> = {
  name: 'top',
  help: '',
  flags: [],
  subcommands: [topNode, topPod] as Command<never>[],
};
