/**
 * `kubectl expose (-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP]
 * [--target-port=number-or-name] [--name=name] [--external-ip=...] [--type=type]`
 * (k8s.io/kubectl/pkg/cmd/expose/expose.go, the service/v2 generator of
 * k8s.io/kubectl/pkg/generate/versioned/service.go, polymorphichelpers for selectors, ports
 * and protocols of pods, services, deployments, replica sets and replication controllers).
 */
import type { KObject } from '../../api/types/meta';
import type { Command, Kctx } from '../command';
import { CmdError } from '../errors';
import { boolFlag, FILENAME_FLAGS, stringFlag } from '../flags';
import { fetchTargets, resolveTargets } from '../refs';
import { objectMeta } from './create/common';
import { parseLabels } from './run';
import { applyOverrides, OVERRIDE_FLAGS } from './util/override';
import { checkOutput, dryRunStrategy, MUTATION_PRINT_FLAGS, printObject, requestBody } from './util/output';
import { withApplyAnnotation } from '../../api/patch/last-applied';

export interface ExposeParams {
  name: string;
  selector: Record<string, string>;
  labels?: Record<string, string>;
  /** Port numbers as strings (several make `port-1`, `port-2` ...). */
  ports: string[];
  /** port -> protocol, from the exposed object's containers. */
  protocols?: Record<string, string>;
  protocol?: string;
  portName?: string;
  targetPort?: string;
  externalIP?: string;
  type?: string;
  loadBalancerIP?: string;
  sessionAffinity?: string;
  clusterIP?: string;
}

/** generateService (service/v2), in Go struct field order. */
export function generateExposeService(p: ExposeParams): KObject {
  const ports = p.ports.map((ps, i) => {
    if (!/^[+-]?\d+$/.test(ps)) throw new CmdError(`strconv.Atoi: parsing ${JSON.stringify(ps)}: invalid syntax`);
    const name = p.ports.length > 1 ? `port-${i + 1}` : (p.portName ?? '');
    let protocol = p.protocol ?? '';
    const hasMap = p.protocols && Object.keys(p.protocols).length > 0;
    if (!protocol && !hasMap) protocol = 'TCP';
    else if (!protocol && hasMap) protocol = p.protocols![ps] ?? 'TCP';
    const sp: Record<string, unknown> = {};
    if (name) sp.name = name;
    sp.protocol = protocol;
    sp.port = Number(ps);
    const t = p.targetPort;
    sp.targetPort = t ? (/^[+-]?\d+$/.test(t) ? Number(t) : t) : Number(ps);
    return sp;
  });
  const spec: Record<string, unknown> = {};
  if (ports.length) spec.ports = ports;
  spec.selector = p.selector;
  if (p.clusterIP) spec.clusterIP = p.clusterIP;
  if (p.type) spec.type = p.type;
  if (p.externalIP) spec.externalIPs = [p.externalIP];
  if (p.sessionAffinity) {
    if (p.sessionAffinity !== 'None' && p.sessionAffinity !== 'ClientIP') throw new CmdError(`unknown session affinity: ${p.sessionAffinity}`);
    spec.sessionAffinity = p.sessionAffinity;
  }
  if (p.type === 'LoadBalancer' && p.loadBalancerIP) spec.loadBalancerIP = p.loadBalancerIP;
  return {
    kind: 'Service',
    apiVersion: 'v1',
    metadata: objectMeta(p.name, { labels: p.labels }),
    spec,
    status: { loadBalancer: {} },
  };
}

const EXPOSABLE = ['ReplicationController', 'Service', 'Pod', 'Deployment', 'ReplicaSet'];

/** MapBasedSelectorForObject. */
function selectorFor(obj: KObject): Record<string, string> {
  switch (obj.kind) {
    case 'Pod':
      if (!obj.metadata.labels || Object.keys(obj.metadata.labels).length === 0) {
        throw new CmdError(`couldn't retrieve selectors via --selector flag or introspection: the pod has no labels and cannot be exposed`);
      }
      return obj.metadata.labels;
    case 'Service':
      if (!obj.spec?.selector || Object.keys(obj.spec.selector).length === 0) {
        throw new CmdError(`couldn't retrieve selectors via --selector flag or introspection: the service has no pod selector set`);
      }
      return obj.spec.selector;
    case 'ReplicationController':
      return obj.spec?.selector ?? {};
    default: {
      const sel = obj.spec?.selector ?? {};
      if (sel.matchExpressions?.length) {
        throw new CmdError(`couldn't retrieve selectors via --selector flag or introspection: couldn't convert expressions - "${JSON.stringify(sel.matchExpressions)}" to map-based selector format`);
      }
      return sel.matchLabels ?? {};
    }
  }
}

function containersOf(obj: KObject): { ports?: { containerPort: number; protocol?: string }[] }[] {
  if (obj.kind === 'Pod') return obj.spec?.containers ?? [];
  return obj.spec?.template?.spec?.containers ?? [];
}

/** PortsForObject. */
function portsFor(obj: KObject): string[] {
  if (obj.kind === 'Service') return (obj.spec?.ports ?? []).map((p: { port: number }) => String(p.port));
  return containersOf(obj).flatMap((c) => (c.ports ?? []).map((p) => String(p.containerPort)));
}

/** ProtocolsForObject. */
function protocolsFor(obj: KObject): Record<string, string> {
  const out: Record<string, string> = {};
  if (obj.kind === 'Service') {
    for (const p of obj.spec?.ports ?? []) out[String(p.port)] = p.protocol ?? 'TCP';
  } else {
    for (const c of containersOf(obj)) for (const p of c.ports ?? []) out[String(p.containerPort)] = p.protocol ?? 'TCP';
  }
  return out;
}

export const expose: Command<void> = {
  name: 'expose',
  help: '',
  flags: [
    ...FILENAME_FLAGS,
    ...MUTATION_PRINT_FLAGS,
    stringFlag('cluster-ip'),
    stringFlag('external-ip'),
    stringFlag('field-manager', { default: 'kubectl-expose' }),
    stringFlag('labels', { short: 'l' }),
    stringFlag('load-balancer-ip'),
    stringFlag('name'),
    ...OVERRIDE_FLAGS,
    stringFlag('port'),
    stringFlag('protocol'),
    boolFlag('save-config'),
    stringFlag('selector'),
    stringFlag('session-affinity'),
    stringFlag('target-port'),
    stringFlag('type'),
  ],
  run: (_o, k: Kctx) => {
    const dryRun = dryRunStrategy(k);
    checkOutput(k);
    // The generator copies --type as given: the apiserver's validation rejects an unknown one.
    const type = k.flags.string('type');
    const targets = resolveTargets(k, { args: k.args, filenames: k.flags.strings('filename'), recursive: k.flags.bool('recursive') });
    const { groups, errors } = fetchTargets(k.api, targets);
    if (errors.length) throw errors[0];
    for (const g of groups) {
      for (const obj0 of g.objects) {
        const obj = { ...obj0, kind: g.info.kind } as KObject;
        if (!EXPOSABLE.includes(g.info.kind)) {
          throw new CmdError(`cannot expose a ${g.info.kind}${g.info.group ? `.${g.info.group}` : ''}`);
        }
        const name = (k.flags.string('name') || obj.metadata.name!).slice(0, 63);
        const selector = k.flags.string('selector') ? parseLabels(k.flags.string('selector')) : selectorFor(obj);
        const headless = k.flags.string('cluster-ip') === 'None';
        let ports = k.flags.string('port') ? [k.flags.string('port')] : portsFor(obj);
        if (ports.length === 0 && !headless) throw new CmdError("couldn't find port via --port flag or introspection");
        if (ports.length > 1) ports = ports.join(',').split(',');
        const labels = k.flags.string('labels') ? parseLabels(k.flags.string('labels')) : obj.metadata.labels;
        let svc = generateExposeService({
          name,
          selector,
          labels,
          ports,
          protocols: protocolsFor(obj),
          protocol: k.flags.string('protocol') || undefined,
          targetPort: k.flags.string('target-port') || undefined,
          externalIP: k.flags.string('external-ip') || undefined,
          type: type || undefined,
          loadBalancerIP: k.flags.string('load-balancer-ip') || undefined,
          sessionAffinity: k.flags.string('session-affinity') || undefined,
          clusterIP: k.flags.string('cluster-ip') || undefined,
        });
        svc = applyOverrides(k, svc);
        if (dryRun === 'client') {
          if (k.namespaceExplicit) svc.metadata = { name: svc.metadata.name, namespace: k.namespace, ...svc.metadata };
          printObject(k, svc, 'exposed', dryRun, true);
          continue;
        }
        if (k.flags.bool('save-config')) svc = withApplyAnnotation(svc);
        const created = k.api.create(requestBody(svc), { namespace: k.namespace, dryRun: dryRun === 'server' });
        printObject(k, created, 'exposed', dryRun);
      }
    }
  },
};
