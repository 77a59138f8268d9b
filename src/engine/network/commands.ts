/**
 * The playground's network commands for the learner's terminal:
 * - `kubeplay traffic SERVICE`: the traffic generator (./traffic.ts) as a command that runs on
 *   simulated time and prints the per-pod distribution when it ends;
 * - `kubeplay addon enable|disable|list [ingress]`: installs ingress-nginx (./ingress-addon.ts),
 *   as `minikube addons enable ingress` does;
 * - `curl` on the learner's machine, outside the cluster (the docker bridge 172.18.0.1 of a
 *   kind network): it reaches node IPs (NodePorts), LoadBalancer IPs and the ingress address,
 *   never ClusterIPs or cluster DNS names.
 */
import type { Cluster } from '../cluster';
import type { LongRunning, ProcessContext, ProcessResult, Program } from '../shell/process';
import { runNetworkCommand } from './clients';
import { disableIngressAddon, enableIngressAddon, ingressAddonEnabled } from './ingress-addon';
import { disableMetricsServerAddon, enableMetricsServerAddon, metricsServerAddonEnabled } from '../controllers/hpa/metrics-server-addon';
import { networkOf, type Source } from './pod-network';
import { TrafficGenerator, formatDistribution } from './traffic';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

export const TRAFFIC_HELP = `Send HTTP requests to a Service at a steady rate and show which pods answered them.

Each request goes the way a real one does: DNS, kube-proxy's choice of an endpoint, the pod's
server. Pods that are not ready, or are being replaced by a rollout, stop getting requests.

Examples:
  # 10 requests per second to the Service web for 10 seconds, from a node
  kubeplay traffic web

  # 50 requests per second for 30 seconds, from a pod (uses the cluster DNS)
  kubeplay traffic web --rate 50 --duration 30 --from client

Options:
    --duration=10: Seconds to send requests for.
    --from='': Pod to send from (NAME or NAMESPACE/NAME); by default the node control-plane.
    -n, --namespace='default': Namespace of the Service (and of --from).
    --path='/': Path of the requests.
    --rate=10: Requests per second.

Usage:
  kubeplay traffic SERVICE [--rate N] [--duration S] [--from POD] [--path PATH] [-n NAMESPACE]
`;

export const ADDON_HELP = `Enable or disable playground addons.

Addons:
  ingress          The ingress-nginx controller (v1.12.2), as its cloud manifest installs it:
                   namespace ingress-nginx, a LoadBalancer Service, the IngressClass nginx
  metrics-server   metrics-server v0.7.2 in kube-system: the Metrics API behind kubectl top
                   and the HorizontalPodAutoscaler

Usage:
  kubeplay addon list
  kubeplay addon enable (ingress|metrics-server)
  kubeplay addon disable (ingress|metrics-server)
`;

interface TrafficArgs {
  service: string;
  namespace: string;
  rate: number;
  duration: number;
  from?: string;
  path: string;
}

function parseTrafficArgs(args: string[], ctx: ProcessContext): TrafficArgs | string {
  const o: TrafficArgs = { service: '', namespace: ctx.env.KUBEPLAY_NAMESPACE ?? 'default', rate: 10, duration: 10, path: '/' };
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const m = /^(--rate|--duration|--from|--path|-n|--namespace)(?:=(.*))?$/.exec(args[i]);
    if (!m) {
      if (args[i].startsWith('-')) return `unknown flag: ${args[i]}`;
      positional.push(args[i]);
      continue;
    }
    const v = m[2] ?? args[++i];
    if (v === undefined) return `flag needs an argument: ${m[1]}`;
    if (m[1] === '--rate' || m[1] === '--duration') {
      const n = Number(v);
      if (!Number.isFinite(n) || n <= 0 || (m[1] === '--rate' && (!Number.isInteger(n) || n > 1000))) {
        return `invalid argument "${v}" for "${m[1]}": ${m[1] === '--rate' ? 'must be a whole number from 1 to 1000' : 'must be a positive number of seconds'}`;
      }
      if (m[1] === '--rate') o.rate = n;
      else o.duration = n;
    } else if (m[1] === '--from') o.from = v;
    else if (m[1] === '--path') o.path = v.startsWith('/') ? v : `/${v}`;
    else o.namespace = v;
  }
  if (positional.length !== 1) return 'traffic needs exactly one Service name';
  o.service = positional[0].replace(/^(services?|svc)\//, '');
  return o;
}

/** `kubeplay traffic`: returns a LongRunning that ends with the distribution table. */
export function kubeplayTraffic(args: string[], ctx: ProcessContext): ProcessResult {
  if (args.includes('--help') || args.includes('-h')) {
    ctx.out.write(TRAFFIC_HELP);
    return 0;
  }
  const o = parseTrafficArgs(args, ctx);
  if (typeof o === 'string') {
    ctx.err.write(`kubeplay: ${o}\nSee 'kubeplay traffic --help'.\n`);
    return 1;
  }
  const c: Cluster = ctx.cluster;
  const svc = c.api.find('Service', o.namespace, o.service);
  if (!svc) {
    ctx.err.write(`kubeplay: service "${o.service}" not found in namespace "${o.namespace}"\n`);
    return 1;
  }
  const port: Any = (svc.spec?.ports as Any[] | undefined)?.find((p) => (p.protocol ?? 'TCP') === 'TCP');
  if (svc.spec?.type === 'ExternalName' || !port) {
    ctx.err.write(`kubeplay: service "${o.service}" has no TCP port to send HTTP requests to\n`);
    return 1;
  }
  let from: Source;
  let url: string;
  let fromText: string;
  const portPart = port.port === 80 ? '' : `:${port.port}`;
  if (o.from) {
    const [ns, name] = o.from.includes('/') ? o.from.split('/', 2) : [o.namespace, o.from];
    if (!c.api.find('Pod', ns, name.replace(/^(pods?|po)\//, ''))) {
      ctx.err.write(`kubeplay: pod "${name}" not found in namespace "${ns}"\n`);
      return 1;
    }
    from = { kind: 'pod', namespace: ns, name: name.replace(/^(pods?|po)\//, '') };
    // A pod names the Service through the cluster DNS (its search path covers its namespace).
    url = `http://${o.service}${ns === o.namespace ? '' : `.${o.namespace}`}${portPart}${o.path}`;
    fromText = `pod ${ns === o.namespace ? '' : `${ns}/`}${from.name}`;
  } else {
    // Nodes do not use the cluster DNS: they reach the ClusterIP (or, headless, nothing to balance).
    const ip = svc.spec?.clusterIP;
    if (!ip || ip === 'None') {
      ctx.err.write(`kubeplay: service "${o.service}" is headless: use --from POD to resolve its pods through DNS\n`);
      return 1;
    }
    from = { kind: 'node', name: 'control-plane' };
    url = `http://${ip}${portPart}${o.path}`;
    fromText = 'node control-plane';
  }
  const net = networkOf(c);
  const gen = new TrafficGenerator(net, { url, from, rps: o.rate, durationSec: o.duration });
  const total = Math.ceil(o.duration) * o.rate;
  ctx.out.write(`Sending ${o.rate} request${o.rate === 1 ? '' : 's'} per second to ${url} (service ${o.namespace}/${o.service}) from ${fromText} for ${o.duration}s (${total} requests)...\n`);
  const endMs = c.clock.now() + o.duration * 1000;
  gen.start();
  const finish = (): void => {
    gen.stop();
    const s = gen.stats;
    ctx.out.write(formatDistribution(s));
    ctx.out.write(`${s.sent} requests: ${s.ok} succeeded, ${s.failed} failed\n`);
  };
  const lr: LongRunning = {
    poll() {
      if (gen.running && c.clock.now() < endMs) return undefined;
      finish();
      return gen.stats.failed > 0 && gen.stats.ok === 0 ? 1 : 0;
    },
    cancel() {
      finish();
      return 130;
    },
    deadlineMs: endMs + 1000,
  };
  return lr;
}

/** `kubeplay addon ...`. */
export function kubeplayAddon(args: string[], ctx: ProcessContext): number {
  const [verb, name, ...rest] = args;
  if (verb === undefined || verb === '--help' || verb === '-h' || name === '--help') {
    ctx.out.write(ADDON_HELP);
    return verb === undefined ? 1 : 0;
  }
  if (verb === 'list') {
    const st = (on: boolean) => (on ? 'enabled' : 'disabled');
    ctx.out.write(`NAME             STATUS\ningress          ${st(ingressAddonEnabled(ctx.cluster.api))}\nmetrics-server   ${st(metricsServerAddonEnabled(ctx.cluster.api))}\n`);
    return 0;
  }
  if (verb !== 'enable' && verb !== 'disable') {
    ctx.err.write(`kubeplay: unknown addon command "${verb}"\nSee 'kubeplay addon --help'.\n`);
    return 1;
  }
  if (name === undefined || rest.length > 0) {
    ctx.err.write(`kubeplay: addon ${verb} needs exactly one addon name\nSee 'kubeplay addon --help'.\n`);
    return 1;
  }
  if (name !== 'ingress' && name !== 'metrics-server') {
    ctx.err.write(`kubeplay: unknown addon "${name}" (available: ingress, metrics-server)\n`);
    return 1;
  }
  const lines =
    name === 'metrics-server'
      ? verb === 'enable' ? enableMetricsServerAddon(ctx.cluster.api) : disableMetricsServerAddon(ctx.cluster.api)
      : verb === 'enable' ? enableIngressAddon(ctx.cluster.api) : disableIngressAddon(ctx.cluster.api);
  ctx.cluster.clock.settle();
  if (lines.length > 0) ctx.out.write(lines.join('\n') + '\n');
  return 0;
}

/** `curl` on the learner's machine, outside the cluster. */
export const hostCurl: Program = (args, ctx) => {
  const r = runNetworkCommand(networkOf(ctx.cluster), { kind: 'external' }, ['curl', ...args], { columns: ctx.columns, tty: ctx.tty });
  if (!r) return 127;
  for (const [path, content] of r.files ?? []) if (path !== '/dev/null') ctx.fs.write(ctx.fs.resolve(path), content);
  ctx.out.write(r.out);
  ctx.err.write(r.err);
  // Simplification: a connection that times out reports at once, without the wait.
  return r.code;
};
