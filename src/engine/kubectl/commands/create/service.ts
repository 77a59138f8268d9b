/**
 * `kubectl create service clusterip|nodeport|loadbalancer|externalname NAME`
 * (k8s.io/kubectl/pkg/cmd/create/create_service.go).
 */
import type { KObject } from '../../../api/types/meta';
import type { Command, Kctx } from '../../command';
import { CmdError } from '../../errors';
import { intFlag, stringFlag, stringSliceFlag } from '../../flags';
import { generatorCommand, objectMeta } from './common';

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const PORT_NAME_ERRS = (name: string): string[] => {
  const errs: string[] = [];
  if (name.length > 15) errs.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(name)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (name.includes('--')) errs.push('must not contain consecutive hyphens');
  if (!/[a-z]/.test(name)) errs.push('must contain at least one letter (a-z)');
  if (/^-|-$/.test(name)) errs.push('must not begin or end with a hyphen');
  return errs;
};

/** parsePorts: `port[:targetPort]`; the target may be a number or a port name. */
export function parseServicePorts(spec: string): [number, number | string] {
  const parts = spec.split(':');
  const port = parseUint16(parts[0]);
  if (parts.length === 1) return [port, port];
  const t = parts[1];
  if (/^[+-]?\d+$/.test(t)) {
    const n = Number(t);
    if (n < 1 || n > 65535) throw new CmdError('must be between 1 and 65535, inclusive');
    return [port, n];
  }
  const errs = PORT_NAME_ERRS(t);
  if (errs.length) throw new CmdError(errs.join(','));
  return [port, t];
}

function parseUint16(s: string): number {
  if (!/^\d+$/.test(s)) throw new CmdError(`strconv.ParseUint: parsing ${JSON.stringify(s)}: invalid syntax`);
  const n = Number(s);
  if (n > 65535) throw new CmdError(`strconv.ParseUint: parsing ${JSON.stringify(s)}: value out of range`);
  return n;
}

export interface ServiceParams {
  name: string;
  type: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';
  tcp: string[];
  clusterIP?: string;
  nodePort?: number;
  externalName?: string;
  namespace?: string;
}

/** createService. */
export function generateService(p: ServiceParams): KObject {
  const ports = p.tcp.map((t) => {
    const [port, targetPort] = parseServicePorts(t);
    const sp: Record<string, unknown> = { name: t.replace(/:/g, '-'), protocol: 'TCP', port, targetPort };
    if (p.nodePort) sp.nodePort = p.nodePort;
    return sp;
  });
  const spec: Record<string, unknown> = {};
  if (ports.length) spec.ports = ports;
  spec.selector = { app: p.name };
  if (p.clusterIP) spec.clusterIP = p.clusterIP;
  spec.type = p.type;
  if (p.externalName) spec.externalName = p.externalName;
  return {
    kind: 'Service',
    apiVersion: 'v1',
    metadata: objectMeta(p.name, { namespace: p.namespace, labels: { app: p.name } }),
    spec,
    status: { loadBalancer: {} },
  };
}

function serviceCommand(name: string, type: ServiceParams['type']): Command<void> {
  const flags = [stringSliceFlag('tcp')];
  if (type === 'ClusterIP') flags.push(stringFlag('clusterip'));
  if (type === 'NodePort') flags.push(intFlag('node-port'));
  if (type === 'ExternalName') flags.push(stringFlag('external-name'));
  return generatorCommand({
    name,
    flags,
    required: type === 'ExternalName' ? ['external-name'] : undefined,
    generate(k: Kctx, n: string) {
      const p: ServiceParams = {
        name: n,
        type,
        tcp: k.flags.strings('tcp'),
        clusterIP: type === 'ClusterIP' ? k.flags.string('clusterip') : undefined,
        nodePort: type === 'NodePort' ? k.flags.int('node-port') : undefined,
        externalName: type === 'ExternalName' ? k.flags.string('external-name') : undefined,
        namespace: k.namespaceExplicit ? k.namespace : undefined,
      };
      if (p.clusterIP === 'None' && type !== 'ClusterIP') throw new CmdError('ClusterIP=None can only be used with ClusterIP service type');
      if (p.clusterIP !== 'None' && p.tcp.length === 0 && type !== 'ExternalName') {
        throw new CmdError('at least one tcp port specifier must be provided');
      }
      if (type === 'ExternalName' && !(p.externalName!.length <= 253 && DNS1123_SUBDOMAIN.test(p.externalName!))) {
        throw new CmdError(`invalid service external name ${p.externalName}`);
      }
      return { object: generateService(p), errorPrefix: `failed to create ${type} service: `, namespaceSet: true };
    },
  });
}

export const createService: Command<void> = {
  name: 'service',
  aliases: ['svc'],
  help: '',
  flags: [],
  subcommands: [
    serviceCommand('clusterip', 'ClusterIP'),
    serviceCommand('externalname', 'ExternalName'),
    serviceCommand('loadbalancer', 'LoadBalancer'),
    serviceCommand('nodeport', 'NodePort'),
  ],
};
