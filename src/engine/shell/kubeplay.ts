/**
 * `kubeplay`: the playground's own command, for what only a simulator can do to a cluster:
 * fail and recover nodes, add and remove them, kill a pod's containers. It acts through the
 * cluster's NodeFleet (src/engine/kubelet), the way a real outage would act on the machines;
 * Kubernetes then reacts on its own (node-controller taints, evictions, restarts).
 */
import type { Cluster } from '../cluster';
import type { Program, ProcessContext } from './process';

/** The NodeFleet operations kubeplay uses; each is optional until the fleet provides it. */
interface FleetOps {
  add?(spec: { name: string; controlPlane?: boolean }): void;
  remove?(name: string): void;
  fail?(name: string): void;
  recover?(name: string): void;
  killPod?(namespace: string, name: string, container?: string): void;
}

const HELP = `kubeplay controls the simulated machines behind the cluster.

 Node commands:
  node fail NAME      Stop the node's kubelet, as if the machine lost power or network
  node recover NAME   Bring a failed node back
  node add [NAME]     Join a new worker node (default name: the next node-N)
  node remove NAME    Shut a node down and delete its Node object

 Pod commands:
  pod kill [-n NAMESPACE] NAME [-c CONTAINER]
                      Kill the pod's containers (or one container), as an OOM kill or crash would

Examples:
  # Watch Kubernetes notice a dead node: NotReady after about 40s, pods evicted after 5m
  kubeplay node fail node-2
  sleep 60
  kubectl get nodes

  # Crash a container and see the restart count go up
  kubeplay pod kill web-7d4b9c6f5-x2x9k

Usage:
  kubeplay node (fail|recover|add|remove) [NAME] [options]
  kubeplay pod kill NAME [options]
`;

const NODE_HELP = `Fail, recover, add or remove a node of the simulated cluster.

Usage:
  kubeplay node fail NAME
  kubeplay node recover NAME
  kubeplay node add [NAME]
  kubeplay node remove NAME
`;

const POD_HELP = `Kill the containers of a pod (all of them, or one with -c).

Usage:
  kubeplay pod kill NAME [-n NAMESPACE] [-c CONTAINER]
  kubeplay pod kill NAMESPACE/NAME [-c CONTAINER]
`;

function fleet(c: Cluster): FleetOps {
  return c.nodes as unknown as FleetOps;
}

function missing(ctx: ProcessContext, what: string): number {
  ctx.err.write(`kubeplay: ${what} is not available yet in this build of the simulator\n`);
  return 1;
}

function nodeExists(c: Cluster, name: string): boolean {
  return c.api.find('Node', undefined, name) !== undefined;
}

function runNode(args: string[], ctx: ProcessContext): number {
  const [verb, name, ...rest] = args;
  if (verb === undefined || verb === '--help' || verb === '-h' || name === '--help' || name === '-h') {
    ctx.out.write(NODE_HELP);
    return verb === undefined ? 1 : 0;
  }
  if (rest.length > 0) {
    ctx.err.write(`kubeplay: unexpected arguments: ${rest.join(' ')}\nSee 'kubeplay node --help'.\n`);
    return 1;
  }
  const c = ctx.cluster;
  const f = fleet(c);
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
      if (!f.add) return missing(ctx, 'node add');
      f.add({ name: n });
      c.clock.settle();
      ctx.out.write(`node/${n} joined the cluster\n`);
      return 0;
    }
    case 'fail':
    case 'recover':
    case 'remove': {
      if (name === undefined) {
        ctx.err.write(`kubeplay: node ${verb} needs a node name\nSee 'kubeplay node --help'.\n`);
        return 1;
      }
      if (!nodeExists(c, name)) {
        ctx.err.write(`kubeplay: node "${name}" not found\n`);
        return 1;
      }
      const op = f[verb];
      if (!op) return missing(ctx, `node ${verb}`);
      op.call(c.nodes, name);
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
      ctx.err.write(`kubeplay: unknown node command "${verb}"\nSee 'kubeplay node --help'.\n`);
      return 1;
  }
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
  const names: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
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
  const f = fleet(ctx.cluster);
  if (!f.killPod) return missing(ctx, 'pod kill');
  f.killPod.call(ctx.cluster.nodes, namespace, name, container);
  ctx.cluster.clock.settle();
  ctx.out.write(`pod/${name} killed${container ? ` (container ${container})` : ''}\n`);
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
    default:
      ctx.err.write(`kubeplay: unknown command "${group}"\nRun 'kubeplay --help' for usage.\n`);
      return 1;
  }
};
