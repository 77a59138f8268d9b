/**
 * `kubeplay`: the playground's own command, for what only a simulator can do to a cluster:
 * fail and recover nodes, add and remove them, kill a pod's containers, load a workload's pods
 * with CPU (the metrics source of controllers/hpa/metrics.ts). It acts through the
 * cluster's NodeFleet (src/engine/kubelet), the way a real outage would act on the machines;
 * Kubernetes then reacts on its own (node-controller taints, evictions, restarts).
 */
import type { Cluster } from '../cluster';
import type { Program, ProcessContext } from './process';
import { kubeplayAddon, kubeplayTraffic } from '../network/commands';
import { metricsOf } from '../controllers/hpa/metrics';
import type { LabelSelector } from '../api/selectors';

const HELP = `kubeplay controls the simulated machines behind the cluster.

 Node commands:
  node fail NAME      Stop the node's kubelet, as if the machine lost power or network
  node recover NAME   Bring a failed node back
  node add [NAME] [--cpu N] [--memory SIZE]
                      Join a new worker node (default name: the next node-N; default size:
                      2 CPUs and 3.8Gi of memory, SIZE like 8Gi or 512Mi)
  node remove NAME    Shut a node down and delete its Node object

 Pod commands:
  pod kill [-n NAMESPACE] NAME [-c CONTAINER] [--oom]
                      Kill a container's main process (the first container unless -c is
                      given), as a crash (exit code 137) or, with --oom, the OOM killer would

 Load commands:
  load WORKLOAD CPU [-n NAMESPACE]
                      Make a workload's pods busy: CPU (like 500m or 2) in total, spread over
                      its running pods, as kubectl top and the HorizontalPodAutoscaler see it
                      (CPU 0 stops it)

 Network commands:
  traffic SERVICE [--rate N] [--duration S] [--from POD]
                      Send HTTP requests to a Service and show which pods answered
  addon (enable|disable) ingress
                      Install or remove the ingress-nginx controller

Examples:
  # Watch Kubernetes notice a dead node: NotReady after about 40s, pods evicted after 5m
  kubeplay node fail node-2
  sleep 60
  kubectl get nodes

  # Crash a container and see the restart count go up
  kubeplay pod kill web-7d4b9c6f5-x2x9k

  # Drive an autoscaled Deployment without a load generator pod
  kubeplay load deployment/php-apache 1

Usage:
  kubeplay node (fail|recover|add|remove) [NAME] [options]
  kubeplay pod kill NAME [options]
  kubeplay load WORKLOAD CPU [options]
  kubeplay traffic SERVICE [options]
  kubeplay addon (enable|disable|list) [ADDON]
`;

const NODE_HELP = `Fail, recover, add or remove a node of the simulated cluster.

Usage:
  kubeplay node fail NAME
  kubeplay node recover NAME
  kubeplay node add [NAME] [--cpu N] [--memory SIZE]
  kubeplay node remove NAME
`;

const POD_HELP = `Kill the main process of a pod's container (the first one, or the one named with -c).
The kubelet then restarts it according to the pod's restartPolicy.

Usage:
  kubeplay pod kill NAME [-n NAMESPACE] [-c CONTAINER] [--oom]
  kubeplay pod kill NAMESPACE/NAME [-c CONTAINER] [--oom]
`;

const LOAD_HELP = `Set a CPU load on the pods of a Deployment, ReplicaSet, StatefulSet or DaemonSet: CPU in
total (like 500m, 1 or 1.5 cores), spread evenly over its running pods, on top of what the pods
use anyway. kubectl top and the HorizontalPodAutoscaler see it through the Metrics API (enable
it with: kubeplay addon enable metrics-server). A CPU of 0 removes the load. Without arguments,
lists the loads that are set.

Usage:
  kubeplay load (deployment|replicaset|statefulset|daemonset)/NAME CPU [-n NAMESPACE]
  kubeplay load NAME CPU [-n NAMESPACE]     (NAME is a Deployment)
  kubeplay load

Examples:
  # Load php-apache with two cores: the HPA scales it out
  kubeplay load deployment/php-apache 2

  # Stop the load: the HPA scales back in after its 5 minute stabilization window
  kubeplay load deployment/php-apache 0
`;

/** Workload kinds a load can be set on: resource names -> kind and group for output. */
const LOAD_KINDS: Record<string, { kind: string; resource: string }> = {
  deployment: { kind: 'Deployment', resource: 'deployment.apps' },
  deployments: { kind: 'Deployment', resource: 'deployment.apps' },
  deploy: { kind: 'Deployment', resource: 'deployment.apps' },
  'deployment.apps': { kind: 'Deployment', resource: 'deployment.apps' },
  replicaset: { kind: 'ReplicaSet', resource: 'replicaset.apps' },
  replicasets: { kind: 'ReplicaSet', resource: 'replicaset.apps' },
  rs: { kind: 'ReplicaSet', resource: 'replicaset.apps' },
  statefulset: { kind: 'StatefulSet', resource: 'statefulset.apps' },
  statefulsets: { kind: 'StatefulSet', resource: 'statefulset.apps' },
  sts: { kind: 'StatefulSet', resource: 'statefulset.apps' },
  daemonset: { kind: 'DaemonSet', resource: 'daemonset.apps' },
  daemonsets: { kind: 'DaemonSet', resource: 'daemonset.apps' },
  ds: { kind: 'DaemonSet', resource: 'daemonset.apps' },
};

/** A CPU quantity (`500m`, `2`, `1.5`) in millicores, or undefined. */
function parseCpuMillis(s: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?|\.\d+)(m?)$/.exec(s);
  if (!m) return undefined;
  const v = m[2] === 'm' ? Number(m[1]) : Number(m[1]) * 1000;
  return Number.isFinite(v) ? Math.round(v) : undefined;
}

function formatCpu(millis: number): string {
  return millis % 1000 === 0 ? String(millis / 1000) : `${millis}m`;
}

function runLoad(args: string[], ctx: ProcessContext): number {
  let namespace = ctx.env.KUBEPLAY_NAMESPACE ?? 'default';
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--help' || a === '-h') {
      ctx.out.write(LOAD_HELP);
      return 0;
    }
    const flag = /^(-n|--namespace)(?:=(.*))?$/.exec(a);
    if (flag) {
      const v = flag[2] ?? args[++i];
      if (v === undefined) return usage(ctx, `flag needs an argument: ${flag[1]}`, 'load');
      namespace = v;
      continue;
    }
    if (a.startsWith('-') && !/^-?\d/.test(a)) return usage(ctx, `unknown flag: ${a}`, 'load');
    positional.push(a);
  }
  const metrics = metricsOf(ctx.cluster);
  if (positional.length === 0) {
    const loads = metrics.listLoads().sort((a, b) => (a.namespace + a.name < b.namespace + b.name ? -1 : 1));
    if (loads.length === 0) {
      ctx.out.write('No loads set.\n');
      return 0;
    }
    const rows = [['NAMESPACE', 'WORKLOAD', 'CPU'], ...loads.map((l) => [l.namespace, l.name, formatCpu(l.cpu)])];
    const w = [0, 1].map((c) => Math.max(...rows.map((r) => r[c].length)));
    for (const r of rows) ctx.out.write(`${r[0].padEnd(w[0])}   ${r[1].padEnd(w[1])}   ${r[2]}\n`);
    return 0;
  }
  if (positional.length !== 2) return usage(ctx, 'load needs a workload and a CPU amount, like: kubeplay load deployment/web 500m', 'load');
  const [ref, cpuText] = positional;
  const cpu = parseCpuMillis(cpuText);
  if (cpu === undefined) return usage(ctx, `invalid CPU "${cpuText}": use cores (1, 0.5) or millicores (500m)`, 'load');
  let type = 'deployment';
  let name = ref;
  const slash = ref.indexOf('/');
  if (slash >= 0) {
    type = ref.slice(0, slash).toLowerCase();
    name = ref.slice(slash + 1);
  }
  const k = LOAD_KINDS[type];
  if (!k) return usage(ctx, `cannot load a "${type}": use a deployment, replicaset, statefulset or daemonset`, 'load');
  const obj = ctx.cluster.api.find(k.kind, namespace, name);
  if (!obj) {
    ctx.err.write(`kubeplay: ${k.resource} "${name}" not found in namespace "${namespace}"\n`);
    return 1;
  }
  const selector = obj.spec?.selector as LabelSelector | undefined;
  if (!selector) {
    ctx.err.write(`kubeplay: ${k.resource} "${name}" has no selector\n`);
    return 1;
  }
  metrics.setLoad(namespace, `${k.resource}/${name}`, selector, cpu);
  ctx.cluster.clock.settle();
  ctx.out.write(cpu > 0 ? `${k.resource}/${name} loaded with ${formatCpu(cpu)} CPU\n` : `${k.resource}/${name} unloaded\n`);
  return 0;
}

/** `8Gi`, `512Mi`, `4000000Ki`, `2G` -> KiB. */
function parseMemoryKi(s: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|K|M|G|T)?$/.exec(s);
  if (!m) return undefined;
  const mult: Record<string, number> = { '': 1 / 1024, Ki: 1, Mi: 1024, Gi: 1024 ** 2, Ti: 1024 ** 3, K: 1000 / 1024, M: 1e6 / 1024, G: 1e9 / 1024, T: 1e12 / 1024 };
  const ki = Math.floor(Number(m[1]) * mult[m[2] ?? '']);
  return ki > 0 ? ki : undefined;
}

function nodeExists(c: Cluster, name: string): boolean {
  return c.api.find('Node', undefined, name) !== undefined;
}

function runNode(args: string[], ctx: ProcessContext): number {
  const positional: string[] = [];
  let cpu: number | undefined;
  let memoryKi: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--help' || a === '-h') {
      ctx.out.write(NODE_HELP);
      return 0;
    }
    const flag = /^--(cpu|memory)(?:=(.*))?$/.exec(a);
    if (flag) {
      const v = flag[2] ?? args[++i];
      if (flag[1] === 'cpu') {
        cpu = v !== undefined && /^\d+$/.test(v) && Number(v) > 0 ? Number(v) : undefined;
        if (cpu === undefined) return usage(ctx, `invalid --cpu "${v ?? ''}": must be a whole number of CPUs`, 'node');
      } else {
        memoryKi = v === undefined ? undefined : parseMemoryKi(v);
        if (memoryKi === undefined) return usage(ctx, `invalid --memory "${v ?? ''}": use a size like 8Gi or 512Mi`, 'node');
      }
      continue;
    }
    if (a.startsWith('-')) return usage(ctx, `unknown flag: ${a}`, 'node');
    positional.push(a);
  }
  const [verb, name, ...rest] = positional;
  if (verb === undefined) {
    ctx.out.write(NODE_HELP);
    return 1;
  }
  if (rest.length > 0) return usage(ctx, `unexpected arguments: ${rest.join(' ')}`, 'node');
  if ((cpu !== undefined || memoryKi !== undefined) && verb !== 'add') return usage(ctx, '--cpu and --memory only apply to node add', 'node');
  const c = ctx.cluster;
  const fleet = c.nodes;
  switch (verb) {
    case 'add': {
      let n = name;
      if (n === undefined) {
        let i = 1;
        while (nodeExists(c, `node-${i}`)) i++;
        n = `node-${i}`;
      }
      if (nodeExists(c, n)) {
        ctx.err.write(`kubeplay: node "${n}" already exists\n`);
        return 1;
      }
      if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(n) || n.length > 63) {
        ctx.err.write(`kubeplay: invalid node name "${n}": must be a lowercase RFC 1123 subdomain\n`);
        return 1;
      }
      fleet.add({ name: n, cpu, memoryKi });
      c.clock.settle();
      ctx.out.write(`node/${n} joined the cluster\n`);
      return 0;
    }
    case 'fail':
    case 'recover':
    case 'remove': {
      if (name === undefined) return usage(ctx, `node ${verb} needs a node name`, 'node');
      if (!nodeExists(c, name)) {
        ctx.err.write(`kubeplay: node "${name}" not found\n`);
        return 1;
      }
      if (verb === 'fail' && fleet.isFailed(name)) {
        ctx.err.write(`kubeplay: node "${name}" has already failed\n`);
        return 1;
      }
      if (verb === 'recover' && !fleet.isFailed(name)) {
        ctx.err.write(`kubeplay: node "${name}" is not failed\n`);
        return 1;
      }
      if (verb === 'fail') fleet.fail(name);
      else if (verb === 'recover') fleet.recover(name);
      else fleet.remove(name);
      c.clock.settle();
      const msg = {
        fail: `node/${name} failed: its kubelet stopped posting status`,
        recover: `node/${name} recovered: its kubelet is running again`,
        remove: `node/${name} removed`,
      }[verb];
      ctx.out.write(msg + '\n');
      return 0;
    }
    default:
      return usage(ctx, `unknown node command "${verb}"`, 'node');
  }
}

function usage(ctx: ProcessContext, msg: string, group: string): number {
  ctx.err.write(`kubeplay: ${msg}\nSee 'kubeplay ${group} --help'.\n`);
  return 1;
}

function runPod(args: string[], ctx: ProcessContext): number {
  const [verb, ...rest] = args;
  if (verb === undefined || verb === '--help' || verb === '-h' || rest.includes('--help') || rest.includes('-h')) {
    ctx.out.write(POD_HELP);
    return verb === undefined ? 1 : 0;
  }
  if (verb !== 'kill') {
    ctx.err.write(`kubeplay: unknown pod command "${verb}"\nSee 'kubeplay pod --help'.\n`);
    return 1;
  }
  let namespace = ctx.env.KUBEPLAY_NAMESPACE ?? 'default';
  let container: string | undefined;
  let oom = false;
  const names: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '--oom') {
      oom = true;
      continue;
    }
    const flag = /^(-n|--namespace|-c|--container)(?:=(.*))?$/.exec(a);
    if (flag) {
      const v = flag[2] ?? rest[++i];
      if (v === undefined) {
        ctx.err.write(`kubeplay: flag needs an argument: ${flag[1]}\n`);
        return 1;
      }
      if (flag[1] === '-n' || flag[1] === '--namespace') namespace = v;
      else container = v;
    } else names.push(a);
  }
  if (names.length !== 1) {
    ctx.err.write(`kubeplay: pod kill needs exactly one pod name\nSee 'kubeplay pod --help'.\n`);
    return 1;
  }
  let name = names[0].replace(/^(pods?|po)\//, '');
  if (name.includes('/')) [namespace, name] = name.split('/', 2);
  const pod = ctx.cluster.api.find('Pod', namespace, name);
  if (!pod) {
    ctx.err.write(`kubeplay: pod "${name}" not found in namespace "${namespace}"\n`);
    return 1;
  }
  if (container !== undefined) {
    const all = [...(pod.spec?.containers ?? [])].map((x: { name: string }) => x.name);
    if (!all.includes(container)) {
      ctx.err.write(`kubeplay: container "${container}" not found in pod "${name}"\n`);
      return 1;
    }
  }
  const target = container ?? (pod.spec?.containers?.[0]?.name as string | undefined);
  if (!ctx.cluster.nodes.kill(namespace, name, container, { oom })) {
    ctx.err.write(`kubeplay: container "${target ?? ''}" of pod "${name}" is not running\n`);
    return 1;
  }
  ctx.cluster.clock.settle();
  ctx.out.write(`pod/${name} container ${target ?? ''} killed${oom ? ' (OOMKilled)' : ''}\n`);
  return 0;
}

export const kubeplay: Program = (args, ctx) => {
  const [group, ...rest] = args;
  switch (group) {
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      ctx.out.write(HELP);
      return 0;
    case 'node':
    case 'nodes':
      return runNode(rest, ctx);
    case 'pod':
    case 'pods':
      return runPod(rest, ctx);
    case 'load':
      return runLoad(rest, ctx);
    case 'traffic':
      return kubeplayTraffic(rest, ctx);
    case 'addon':
    case 'addons':
      return kubeplayAddon(rest, ctx);
    default:
      ctx.err.write(`kubeplay: unknown command "${group}"\nRun 'kubeplay --help' for usage.\n`);
      return 1;
  }
};
