/**
 * Service strategy: what the apiserver does to a Service on create and update.
 *
 * Follows, in upstream's order:
 * - defaulting, pkg/apis/core/v1/defaults.go SetDefaults_Service (type, sessionAffinity and its
 *   ClientIP config, port protocol and targetPort, externalTrafficPolicy, internalTrafficPolicy,
 *   allocateLoadBalancerNodePorts);
 * - pkg/registry/core/service/storage: NormalizeClusterIPs, patchAllocatedValues (an update
 *   without clusterIP/nodePort keeps the allocated ones), initIPFamilyFields and the
 *   ClusterIP/NodePort allocation of alloc.go, which run in BeginCreate/BeginUpdate, before
 *   validation;
 * - pkg/registry/core/service/strategy.go (status cleared on create, kept on update,
 *   dropTypeDependentFields);
 * - pkg/apis/core/validation ValidateService / ValidateServiceUpdate, with their messages.
 */
import { GoLiteral, internalError, invalid, invalidValue, notSupported, required, forbiddenField, duplicate, type FieldError } from '../errors';
import type { KObject } from '../types/meta';
import type { Strategy, StrategyContext } from './strategy';
import { validateLabels } from '../validation';
import { AllocationError, nodePortsOf, serviceAllocations } from '../../network/allocators';
import { isIP, isIPv4, isIPv6, parseCidr } from '../../network/ip';

export const DEFAULT_CLIENT_IP_TIMEOUT = 10800;
export const MAX_CLIENT_IP_TIMEOUT = 86400;

const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const AFFINITY_TYPES = ['ClientIP', 'None'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const TRAFFIC_POLICIES = ['Cluster', 'Local'];
const IP_FAMILIES = ['IPv4', 'IPv6'];
const IP_FAMILY_POLICIES = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];

export const MSG_PORT_RANGE = 'must be between 1 and 65535, inclusive';
export const MSG_VALID_IP = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Spec = any;

/** NodePort or LoadBalancer, or a ClusterIP service with external IPs (apiservice.ExternallyAccessible). */
export function externallyAccessible(spec: Spec): boolean {
  return (
    spec.type === 'LoadBalancer' ||
    spec.type === 'NodePort' ||
    (spec.type === 'ClusterIP' && (spec.externalIPs?.length ?? 0) > 0)
  );
}

/** apiservice.NeedsHealthCheck: LoadBalancer with externalTrafficPolicy Local. */
export function needsHealthCheck(spec: Spec): boolean {
  return spec.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local';
}

function isHeadless(spec: Spec): boolean {
  return Array.isArray(spec.clusterIPs) && spec.clusterIPs.length === 1 && spec.clusterIPs[0] === 'None';
}

/** SetDefaults_Service. */
export function defaultService(svc: KObject): void {
  const spec = (svc.spec ??= {});
  if (!spec.sessionAffinity) spec.sessionAffinity = 'None';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP') {
    if (spec.sessionAffinityConfig?.clientIP?.timeoutSeconds == null) {
      spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: DEFAULT_CLIENT_IP_TIMEOUT } };
    }
  }
  if (!spec.type) spec.type = 'ClusterIP';
  for (const p of spec.ports ?? []) {
    if (!p.protocol) p.protocol = 'TCP';
    if (p.targetPort === undefined || p.targetPort === null || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
  if (externallyAccessible(spec) && !spec.externalTrafficPolicy) spec.externalTrafficPolicy = 'Cluster';
  if (spec.internalTrafficPolicy == null && ['NodePort', 'LoadBalancer', 'ClusterIP'].includes(spec.type)) {
    spec.internalTrafficPolicy = 'Cluster';
  }
  if (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts == null) spec.allocateLoadBalancerNodePorts = true;
}

/** NormalizeClusterIPs: keeps clusterIP and clusterIPs in step. */
function normalizeClusterIPs(spec: Spec, old?: Spec): void {
  if (!old) {
    if (spec.clusterIP && !(spec.clusterIPs?.length > 0)) spec.clusterIPs = [spec.clusterIP];
    return;
  }
  // clusterIP cleared (e.g. a type change to ExternalName): clear clusterIPs when unchanged.
  if (old.clusterIP && !spec.clusterIP) {
    if (!(spec.clusterIPs?.length > 0) || sameList(spec.clusterIPs, old.clusterIPs)) delete spec.clusterIPs;
    return;
  }
  // clusterIP kept, clusterIPs dropped (an old client): restore them.
  if (old.clusterIP && spec.clusterIP === old.clusterIP && !(spec.clusterIPs?.length > 0)) {
    spec.clusterIPs = [...(old.clusterIPs ?? [old.clusterIP])];
    return;
  }
  // clusterIP changed while clusterIPs are the old ones: the user meant the singular field.
  if (old.clusterIP && spec.clusterIP && spec.clusterIP !== old.clusterIP && sameList(spec.clusterIPs, old.clusterIPs)) {
    spec.clusterIPs = [spec.clusterIP, ...(spec.clusterIPs ?? []).slice(1)];
  }
}

function sameList(a: unknown[] | undefined, b: unknown[] | undefined): boolean {
  return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
}

function needsClusterIP(spec: Spec): boolean {
  return spec.type !== 'ExternalName';
}

function needsNodePort(spec: Spec): boolean {
  return spec.type === 'NodePort' || spec.type === 'LoadBalancer';
}

/** patchAllocatedValues: an update that omits allocated values keeps them. */
function patchAllocatedValues(spec: Spec, old: Spec): void {
  if (needsClusterIP(old) && needsClusterIP(spec)) {
    if (!spec.clusterIP) spec.clusterIP = old.clusterIP;
    if (!(spec.clusterIPs?.length > 0) && old.clusterIPs?.length > 0) spec.clusterIPs = [...old.clusterIPs];
  }
  if (needsNodePort(old) && needsNodePort(spec)) {
    const usedNew = new Set((spec.ports ?? []).map((p: Spec) => p.nodePort).filter(Boolean));
    const used = new Set((old.ports ?? []).map((p: Spec) => p.nodePort).filter((n: number) => usedNew.has(n)));
    const byName = new Map<string, number>();
    for (const p of old.ports ?? []) byName.set(p.name ?? '', p.nodePort);
    for (const p of spec.ports ?? []) {
      if (!p.nodePort) {
        const v = byName.get(p.name ?? '');
        if (v && !used.has(v)) p.nodePort = v;
      }
    }
  }
  if (needsHealthCheck(old) && needsHealthCheck(spec) && !spec.healthCheckNodePort) {
    spec.healthCheckNodePort = old.healthCheckNodePort;
  }
}

/** dropTypeDependentFields (strategy.go): what a type change leaves behind. */
function dropTypeDependentFields(spec: Spec, old: Spec): void {
  if (needsClusterIP(old) && !needsClusterIP(spec)) {
    if (sameList(spec.clusterIPs, old.clusterIPs) || !(spec.clusterIPs?.length > 0)) {
      delete spec.clusterIP;
      delete spec.clusterIPs;
    }
    if (sameList(spec.ipFamilies, old.ipFamilies)) delete spec.ipFamilies;
    if (spec.ipFamilyPolicy === old.ipFamilyPolicy) delete spec.ipFamilyPolicy;
  }
  if (needsNodePort(old) && !needsNodePort(spec)) {
    for (let i = 0; i < (spec.ports ?? []).length; i++) {
      const p = spec.ports[i];
      const o = (old.ports ?? []).find((x: Spec) => x.name === p.name && x.port === p.port);
      if (o && p.nodePort === o.nodePort) delete p.nodePort;
    }
  }
  if (old.type === 'LoadBalancer' && spec.type !== 'LoadBalancer') {
    if (spec.allocateLoadBalancerNodePorts === old.allocateLoadBalancerNodePorts) delete spec.allocateLoadBalancerNodePorts;
    if (spec.loadBalancerClass === old.loadBalancerClass) delete spec.loadBalancerClass;
  }
  if (needsHealthCheck(old) && !needsHealthCheck(spec) && spec.healthCheckNodePort === old.healthCheckNodePort) {
    delete spec.healthCheckNodePort;
  }
  if (!externallyAccessible(spec) && spec.externalTrafficPolicy === old.externalTrafficPolicy) {
    delete spec.externalTrafficPolicy;
  }
}

/** initIPFamilyFields for a single-stack IPv4 cluster. Throws Invalid like the apiserver. */
function initIPFamilyFields(svc: KObject, old: KObject | undefined): void {
  const spec = svc.spec;
  if (spec.type === 'ExternalName') return;
  if (spec.ipFamilyPolicy == null) {
    if (old?.spec?.ipFamilyPolicy != null) spec.ipFamilyPolicy = old.spec.ipFamilyPolicy;
    else if (spec.clusterIP === 'None' && !hasSelector(spec)) spec.ipFamilyPolicy = 'RequireDualStack';
    else spec.ipFamilyPolicy = 'SingleStack';
  }
  const pre = validateClusterIPsRelatedFields(spec);
  if (pre.length > 0) throw invalid('Service', '', svc.metadata.name ?? '', pre);
  const errs: FieldError[] = [];
  if (spec.ipFamilyPolicy === 'SingleStack') {
    if (spec.clusterIPs?.length === 2) {
      errs.push(invalidValue('spec.ipFamilyPolicy', spec.ipFamilyPolicy, "must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified"));
    }
    if (spec.ipFamilies?.length === 2) {
      errs.push(invalidValue('spec.ipFamilyPolicy', spec.ipFamilyPolicy, "must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified"));
    }
  }
  const families: string[] = (spec.ipFamilies ??= []);
  (spec.clusterIPs ?? []).forEach((ip: string, i: number) => {
    if (ip === 'None') return;
    const fam = isIPv6(ip) ? 'IPv6' : 'IPv4';
    if (i >= families.length) {
      if (fam !== 'IPv4') errs.push(invalidValue(`spec.clusterIPs[${i}]`, spec.clusterIPs, `${fam} is not configured on this cluster`));
      else families.push(fam);
    }
  });
  if (errs.length) throw invalid('Service', '', svc.metadata.name ?? '', errs);
  if (spec.clusterIP === 'None' && !hasSelector(spec)) {
    if (families.length === 0) families.push('IPv4');
    if (families.length < 2 && spec.ipFamilyPolicy !== 'SingleStack') families.push(families[0] === 'IPv4' ? 'IPv6' : 'IPv4');
    return;
  }
  if (spec.ipFamilyPolicy === 'RequireDualStack') {
    errs.push(invalidValue('spec.ipFamilyPolicy', spec.ipFamilyPolicy, 'this cluster is not configured for dual-stack services'));
  }
  families.forEach((f, i) => {
    if (f !== 'IPv4') errs.push(invalidValue(`spec.ipFamilies[${i}]`, f, 'not configured on this cluster'));
  });
  if (errs.length) throw invalid('Service', '', svc.metadata.name ?? '', errs);
  if (families.length === 0) families.push('IPv4');
}

function hasSelector(spec: Spec): boolean {
  return spec.selector != null && Object.keys(spec.selector).length > 0;
}

/** allocClusterIPs: a ClusterIP for services that need one (not headless, not ExternalName). */
function allocateClusterIP(svc: KObject, ctx: StrategyContext): void {
  const spec = svc.spec;
  if (spec.type === 'ExternalName') return;
  if (spec.clusterIPs?.[0] === 'None') return;
  const alloc = serviceAllocations(ctx.store);
  const wanted: string | undefined = spec.clusterIPs?.[0];
  try {
    const ip = wanted ? alloc.allocateIP(wanted) : alloc.allocateNextIP(ctx.rng);
    spec.clusterIP = ip;
    spec.clusterIPs = [ip, ...(spec.clusterIPs ?? []).slice(1)];
  } catch (e) {
    if (!(e instanceof AllocationError)) throw e;
    throw invalid('Service', '', svc.metadata.name ?? '', [
      invalidValue('spec.clusterIPs', spec.clusterIPs, `failed to allocate IP ${wanted}: ${e.message}`),
    ]);
  }
}

function shouldAllocateNodePorts(spec: Spec): boolean {
  if (spec.type === 'NodePort') return true;
  if (spec.type === 'LoadBalancer') return spec.allocateLoadBalancerNodePorts !== false;
  return false;
}

/** initNodePorts / updateNodePorts of alloc.go, and the health-check node port. */
function allocateNodePorts(svc: KObject, old: KObject | undefined, ctx: StrategyContext): void {
  const spec = svc.spec;
  const name = svc.metadata.name ?? '';
  const alloc = serviceAllocations(ctx.store);
  const oldPorts = new Set(old ? nodePortsOf(old) : []);
  const taken = new Set<number>();
  const claim = (port: number, field: string): void => {
    if (oldPorts.has(port) || taken.has(port)) {
      taken.add(port);
      return;
    }
    try {
      alloc.allocatePort(port, taken);
    } catch (e) {
      if (!(e instanceof AllocationError)) throw e;
      throw invalid('Service', '', name, [invalidValue(field, port, e.message)]);
    }
    taken.add(port);
  };
  const next = (): number => {
    try {
      const p = alloc.allocateNextPort(ctx.rng, new Set([...taken, ...oldPorts]));
      taken.add(p);
      return p;
    } catch (e) {
      if (!(e instanceof AllocationError)) throw e;
      throw internalError(`failed to allocate a nodePort: ${e.message}`);
    }
  };
  if (needsNodePort(spec)) {
    const byPort = new Map<number, number>();
    (spec.ports ?? []).forEach((p: Spec, i: number) => {
      if (!p.nodePort && !shouldAllocateNodePorts(spec)) return;
      // Ports sharing a port number (TCP and UDP 53) share their node port (findRequestedNodePort).
      const shared = byPort.get(p.port);
      if (p.nodePort) {
        if (p.nodePort !== shared) claim(p.nodePort, `spec.ports[${i}].nodePort`);
      } else if (shared) {
        p.nodePort = shared;
      } else {
        const requested = (spec.ports as Spec[]).slice(i + 1).find((q) => q.port === p.port && q.nodePort)?.nodePort;
        if (requested) {
          claim(requested, `spec.ports[${i}].nodePort`);
          p.nodePort = requested;
        } else {
          p.nodePort = next();
        }
      }
      byPort.set(p.port, p.nodePort);
    });
  }
  if (needsHealthCheck(spec)) {
    if (spec.healthCheckNodePort) {
      if (!old || spec.healthCheckNodePort !== old.spec?.healthCheckNodePort) {
        claim(spec.healthCheckNodePort, 'spec.healthCheckNodePort');
      }
    } else {
      spec.healthCheckNodePort = next();
    }
  }
}

export const serviceStrategy: Strategy = {
  statusSubresource: true,
  prepareForCreate(obj, ctx) {
    defaultService(obj);
    delete obj.status;
    normalizeClusterIPs(obj.spec);
    initIPFamilyFields(obj, undefined);
    allocateClusterIP(obj, ctx);
    allocateNodePorts(obj, undefined, ctx);
    obj.status = { loadBalancer: {} };
  },
  prepareForUpdate(obj, old, ctx) {
    defaultService(obj);
    normalizeClusterIPs(obj.spec, old.spec);
    patchAllocatedValues(obj.spec, old.spec);
    dropTypeDependentFields(obj.spec, old.spec);
    initIPFamilyFields(obj, old);
    // Type change from ExternalName (or from headless is not allowed): allocate what is missing.
    if (old.spec?.type === 'ExternalName' && obj.spec.type !== 'ExternalName') allocateClusterIP(obj, ctx);
    allocateNodePorts(obj, old, ctx);
  },
  validate(obj) {
    return validateService(obj);
  },
  validateUpdate(obj, old) {
    return validateServiceUpdate(obj, old);
  },
};

/** ValidateServiceClusterIPsRelatedFields. */
export function validateClusterIPsRelatedFields(spec: Spec): FieldError[] {
  if (spec.type === 'ExternalName') return [];
  const errs: FieldError[] = [];
  const ips: string[] = spec.clusterIPs ?? [];
  if (spec.clusterIP) {
    if (ips.length === 0) errs.push(required('spec.clusterIPs'));
    else if (ips[0] !== spec.clusterIP) errs.push(invalidValue('spec.clusterIPs', ips, 'first value must match `clusterIP`'));
  } else if (ips.length !== 0) {
    errs.push(invalidValue('spec.clusterIPs', ips, 'must be empty when `clusterIP` is not specified'));
  }
  const seen = new Set<string>();
  (spec.ipFamilies ?? []).forEach((f: string, i: number) => {
    if (!IP_FAMILIES.includes(f)) errs.push(notSupported(`spec.ipFamilies[${i}]`, f, IP_FAMILIES));
    if (seen.has(f)) errs.push(duplicate(`spec.ipFamilies[${i}]`, f));
    seen.add(f);
  });
  if (spec.ipFamilyPolicy != null && !IP_FAMILY_POLICIES.includes(spec.ipFamilyPolicy)) {
    errs.push(notSupported('spec.ipFamilyPolicy', spec.ipFamilyPolicy, IP_FAMILY_POLICIES));
  }
  let badIPs = false;
  ips.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (ips.length > 1) {
        badIPs = true;
        errs.push(invalidValue('spec.clusterIPs', ips, "'None' must be the first and only value"));
      }
      return;
    }
    if (!isIP(ip)) {
      badIPs = true;
      errs.push(invalidValue(`spec.clusterIPs[${i}]`, ip, MSG_VALID_IP));
    }
  });
  if (ips.length > 2) errs.push(invalidValue('spec.clusterIPs', ips, 'may only hold up to 2 values'));
  if (badIPs) return errs;
  if (ips.length > 1 && isIPv4(ips[0]) === isIPv4(ips[1])) {
    errs.push(invalidValue('spec.clusterIPs', ips, 'may specify no more than one IP for each IP family'));
  }
  if (!isHeadless(spec) && ips.length > 0 && (spec.ipFamilies?.length ?? 0) > 0) {
    ips.forEach((ip, i) => {
      const f = spec.ipFamilies[i];
      if (f === 'IPv4' && isIPv6(ip)) errs.push(invalidValue(`spec.clusterIPs[${i}]`, ip, `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``));
      if (f === 'IPv6' && !isIPv6(ip)) errs.push(invalidValue(`spec.clusterIPs[${i}]`, ip, `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``));
    });
  }
  return errs;
}

const PORT_NAME_CHARS = /^[-a-z0-9]+$/;
const PORT_NAME_LETTER = /[a-z]/;

/** validation.IsValidPortName. */
export function portNameErrors(name: string): string[] {
  const errs: string[] = [];
  if (name.length > 15) errs.push('must be no more than 15 characters');
  if (!PORT_NAME_CHARS.test(name)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!PORT_NAME_LETTER.test(name)) errs.push('must contain at least one letter (a-z)');
  if (name.includes('--')) errs.push('must not contain consecutive hyphens');
  if (name.startsWith('-') || name.endsWith('-')) errs.push('must not begin or end with a hyphen');
  return errs;
}

function validPortNum(n: unknown): boolean {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 65535;
}

/** ValidatePortNumOrName. */
export function validatePortNumOrName(v: unknown, field: string): FieldError[] {
  if (typeof v === 'number') return validPortNum(v) ? [] : [invalidValue(field, v, MSG_PORT_RANGE)];
  if (typeof v === 'string') return portNameErrors(v).map((m) => invalidValue(field, v, m));
  return [invalidValue(field, v, MSG_PORT_RANGE)];
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const MSG_DNS1123_LABEL =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const MSG_DNS1123_SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

function validateServicePort(p: Spec, requireName: boolean, names: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (requireName && !p.name) errs.push(required(`${path}.name`));
  else if (p.name) {
    if (p.name.length > 63) errs.push(invalidValue(`${path}.name`, p.name, 'must be no more than 63 characters'));
    else if (!DNS1123_LABEL.test(p.name)) errs.push(invalidValue(`${path}.name`, p.name, MSG_DNS1123_LABEL));
    if (names.has(p.name)) errs.push(duplicate(`${path}.name`, p.name));
    else names.add(p.name);
  }
  if (!validPortNum(p.port)) errs.push(invalidValue(`${path}.port`, p.port ?? 0, MSG_PORT_RANGE));
  if (!p.protocol) errs.push(required(`${path}.protocol`));
  else if (!PROTOCOLS.includes(p.protocol)) errs.push(notSupported(`${path}.protocol`, p.protocol, PROTOCOLS));
  errs.push(...validatePortNumOrName(p.targetPort, `${path}.targetPort`));
  return errs;
}

/** Go's %#v of a core.ServicePort key, as field.Duplicate prints it. */
function servicePortKey(protocol: string, port: number): string {
  return `core.ServicePort{Name:"", Protocol:"${protocol}", AppProtocol:(*string)(nil), Port:${port}, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`;
}

/** ValidateService (pkg/apis/core/validation), spec part; metadata is checked by the server. */
export function validateService(svc: KObject): FieldError[] {
  const spec = svc.spec ?? {};
  const errs: FieldError[] = [];
  const headless = isHeadless(spec);
  const ports: Spec[] = spec.ports ?? [];
  if (ports.length === 0 && !headless && spec.type !== 'ExternalName') errs.push(required('spec.ports'));
  switch (spec.type) {
    case 'LoadBalancer':
      if (headless) errs.push(invalidValue('spec.clusterIPs[0]', spec.clusterIPs[0], "may not be set to 'None' for LoadBalancer services"));
      break;
    case 'NodePort':
      if (headless) errs.push(invalidValue('spec.clusterIPs[0]', spec.clusterIPs[0], "may not be set to 'None' for NodePort services"));
      break;
    case 'ExternalName': {
      if ((spec.clusterIPs?.length ?? 0) > 0) errs.push(forbiddenField('spec.clusterIPs', 'may not be set for ExternalName services'));
      if ((spec.ipFamilies?.length ?? 0) > 0) errs.push(forbiddenField('spec.ipFamilies', 'may not be set for ExternalName services'));
      if (spec.ipFamilyPolicy != null) errs.push(forbiddenField('spec.ipFamilyPolicy', 'may not be set for ExternalName services'));
      const cname = String(spec.externalName ?? '').replace(/\.$/, '');
      if (cname.length > 0) {
        if (cname.length > 253) errs.push(invalidValue('spec.externalName', cname, 'must be no more than 253 characters'));
        else if (!DNS1123_SUBDOMAIN.test(cname)) errs.push(invalidValue('spec.externalName', cname, MSG_DNS1123_SUBDOMAIN));
      } else errs.push(required('spec.externalName'));
      break;
    }
  }
  const names = new Set<string>();
  ports.forEach((p, i) => errs.push(...validateServicePort(p, ports.length > 1, names, `spec.ports[${i}]`)));
  if (spec.selector != null) errs.push(...validateLabels(spec.selector, 'spec.selector'));
  if (!spec.sessionAffinity) errs.push(required('spec.sessionAffinity'));
  else if (!AFFINITY_TYPES.includes(spec.sessionAffinity)) errs.push(notSupported('spec.sessionAffinity', spec.sessionAffinity, AFFINITY_TYPES));
  if (spec.sessionAffinity === 'ClientIP') {
    const cfg = spec.sessionAffinityConfig;
    const when = 'when session affinity type is ClientIP';
    if (cfg == null) errs.push(required('spec.sessionAffinityConfig', when));
    else if (cfg.clientIP == null) errs.push(required('spec.sessionAffinityConfig.clientIP', when));
    else if (cfg.clientIP.timeoutSeconds == null) errs.push(required('spec.sessionAffinityConfig.clientIP.timeoutSeconds', when));
    else {
      const t = cfg.clientIP.timeoutSeconds;
      if (t <= 0 || t > MAX_CLIENT_IP_TIMEOUT) {
        errs.push(invalidValue('spec.sessionAffinityConfig.clientIP.timeoutSeconds', t, `must be greater than 0 and less than ${MAX_CLIENT_IP_TIMEOUT}`));
      }
    }
  } else if (spec.sessionAffinity === 'None' && spec.sessionAffinityConfig != null) {
    errs.push(forbiddenField('spec.sessionAffinityConfig', 'must not be set when session affinity is None'));
  }
  errs.push(...validateClusterIPsRelatedFields(spec));
  (spec.externalIPs ?? []).forEach((ip: string, i: number) => {
    if (!isIP(ip)) errs.push(invalidValue(`spec.externalIPs[${i}]`, ip, MSG_VALID_IP));
  });
  if (!spec.type) errs.push(required('spec.type'));
  else if (!SERVICE_TYPES.includes(spec.type)) errs.push(notSupported('spec.type', spec.type, SERVICE_TYPES));
  if (spec.type === 'ClusterIP') {
    ports.forEach((p, i) => {
      if (p.nodePort) errs.push(forbiddenField(`spec.ports[${i}].nodePort`, "may not be used when `type` is 'ClusterIP'"));
    });
  }
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    if (!p.nodePort) return;
    const k = `${p.protocol}/${p.nodePort}`;
    if (nodePorts.has(k)) errs.push(duplicate(`spec.ports[${i}].nodePort`, p.nodePort));
    nodePorts.add(k);
  });
  const seenPorts = new Set<string>();
  ports.forEach((p, i) => {
    const k = `${p.protocol}/${p.port}`;
    if (seenPorts.has(k)) errs.push(duplicate(`spec.ports[${i}]`, new GoLiteral(servicePortKey(p.protocol, p.port))));
    seenPorts.add(k);
  });
  if ((spec.loadBalancerSourceRanges?.length ?? 0) > 0) {
    if (spec.type !== 'LoadBalancer') errs.push(forbiddenField('spec.LoadBalancerSourceRanges', "may only be used when `type` is 'LoadBalancer'"));
    (spec.loadBalancerSourceRanges as string[]).forEach((r, i) => {
      if (!parseCidr(r.trim())) {
        errs.push(invalidValue(`spec.LoadBalancerSourceRanges[${i}]`, r.trim(), 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'));
      }
    });
  }
  if (spec.allocateLoadBalancerNodePorts != null && spec.type !== 'LoadBalancer') {
    errs.push(forbiddenField('spec.allocateLoadBalancerNodePorts', "may only be used when `type` is 'LoadBalancer'"));
  }
  if (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts == null) errs.push(required('allocateLoadBalancerNodePorts'));
  if (spec.loadBalancerClass != null && spec.type !== 'LoadBalancer') {
    errs.push(forbiddenField('spec.loadBalancerClass', "may only be used when `type` is 'LoadBalancer'"));
  }
  if (!externallyAccessible(spec)) {
    if (spec.externalTrafficPolicy) {
      errs.push(invalidValue('spec.externalTrafficPolicy', spec.externalTrafficPolicy, 'may only be set for externally-accessible services'));
    }
  } else if (!spec.externalTrafficPolicy) errs.push(required('spec.externalTrafficPolicy'));
  else if (!TRAFFIC_POLICIES.includes(spec.externalTrafficPolicy)) {
    errs.push(notSupported('spec.externalTrafficPolicy', spec.externalTrafficPolicy, TRAFFIC_POLICIES));
  }
  if (!needsHealthCheck(spec)) {
    if (spec.healthCheckNodePort) {
      errs.push(invalidValue('spec.healthCheckNodePort', spec.healthCheckNodePort, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
    }
  } else if (!spec.healthCheckNodePort) errs.push(required('spec.healthCheckNodePort'));
  if (spec.internalTrafficPolicy == null) {
    if (['NodePort', 'LoadBalancer', 'ClusterIP'].includes(spec.type)) errs.push(required('spec.internalTrafficPolicy'));
  } else if (!TRAFFIC_POLICIES.includes(spec.internalTrafficPolicy)) {
    errs.push(notSupported('spec.internalTrafficPolicy', spec.internalTrafficPolicy, TRAFFIC_POLICIES));
  }
  if (spec.trafficDistribution != null && spec.trafficDistribution !== 'PreferClose') {
    errs.push(notSupported('spec.trafficDistribution', spec.trafficDistribution, ['PreferClose']));
  }
  return errs;
}

/** ValidateServiceUpdate's update-only checks (ValidateService itself runs as validate). */
export function validateServiceUpdate(svc: KObject, old: KObject): FieldError[] {
  const spec = svc.spec ?? {};
  const o = old.spec ?? {};
  const errs: FieldError[] = [];
  if (spec.type !== 'ExternalName' && o.type !== 'ExternalName' && !(isHeadless(spec) && isHeadless(o))) {
    const a: string[] = o.clusterIPs ?? [];
    const b: string[] = spec.clusterIPs ?? [];
    if (a.length === b.length) {
      a.forEach((ip, i) => {
        if (ip !== b[i]) errs.push(invalidValue(`spec.clusterIPs[${i}]`, b, 'may not change once set'));
      });
    } else if (a.length > b.length) {
      if (b.length === 0) errs.push(invalidValue('spec.clusterIPs[0]', b, 'primary clusterIP can not be unset'));
      if (a.length > 0 && b.length > 0 && b[0] !== a[0]) errs.push(invalidValue('spec.clusterIPs[0]', b, 'may not change once set'));
    } else if (a.length > 0 && b[0] !== a[0]) {
      errs.push(invalidValue('spec.clusterIPs[0]', b, 'may not change once set'));
    }
  }
  if (o.type === 'LoadBalancer' && spec.type === 'LoadBalancer' && (o.loadBalancerClass ?? null) !== (spec.loadBalancerClass ?? null)) {
    errs.push(invalidValue('spec.loadBalancerClass', spec.loadBalancerClass ?? null, 'may not change once set'));
  }
  if (needsHealthCheck(o) && needsHealthCheck(spec) && spec.healthCheckNodePort !== o.healthCheckNodePort) {
    errs.push(forbiddenField('spec.healthCheckNodePort', 'field is immutable'));
  }
  return errs;
}

/** Status writes default status.loadBalancer.ingress[].ipMode to VIP (LoadBalancerIPMode, beta in 1.30). */
export function defaultLoadBalancerStatus(svc: KObject): void {
  if (svc.spec?.type !== 'LoadBalancer') return;
  for (const ing of svc.status?.loadBalancer?.ingress ?? []) {
    if (ing.ip && ing.ipMode == null) ing.ipMode = 'VIP';
  }
}
