/**
 * `kubectl create pdb|quota|priorityclass|ingress` basics
 * (k8s.io/kubectl/pkg/cmd/create/create_pdb.go, create_quota.go, create_priorityclass.go,
 * create_ingress.go).
 */
import type { KObject } from '../../../api/types/meta';
import { canonicalQuantity } from '../../../kubelet/quantity';
import { parseSelector } from '../../../api/selectors';
import { CmdError } from '../../errors';
import { boolFlag, intFlag, stringArrayFlag, stringFlag } from '../../flags';
import { generatorCommand, objectMeta } from './common';

/** intstr.Parse: a number, or a string (e.g. a percentage). */
function intOrString(s: string): number | string {
  return /^-?\d+$/.test(s) ? Number(s) : s;
}

/** metav1.ParseToLabelSelector for `a=b,c in (d)`. */
function labelSelector(s: string): Record<string, unknown> {
  const reqs = parseSelector(s);
  const matchLabels: Record<string, string> = {};
  const matchExpressions: Record<string, unknown>[] = [];
  for (const r of reqs) {
    if (r.op === '=') matchLabels[r.key] = r.values[0];
    else {
      const ops: Record<string, string> = { in: 'In', notin: 'NotIn', exists: 'Exists', '!': 'DoesNotExist', '!=': 'NotIn' };
      const op = ops[r.op] ?? r.op;
      matchExpressions.push({ key: r.key, operator: op, ...(r.values.length ? { values: r.values } : {}) });
    }
  }
  const sel: Record<string, unknown> = {};
  if (Object.keys(matchLabels).length) sel.matchLabels = matchLabels;
  if (matchExpressions.length) sel.matchExpressions = matchExpressions;
  return sel;
}

export const createPdb = generatorCommand({
  name: 'poddisruptionbudget',
  aliases: ['pdb'],
  flags: [stringFlag('min-available'), stringFlag('max-unavailable'), stringFlag('selector')],
  generate(k, name) {
    const min = k.flags.string('min-available');
    const max = k.flags.string('max-unavailable');
    const sel = k.flags.string('selector');
    if (!sel) throw new CmdError('a selector must be specified');
    if (!min && !max) throw new CmdError('one of min-available or max-unavailable must be specified');
    if (min && max) throw new CmdError('min-available and max-unavailable cannot be both specified');
    if (min && !/^[0-9]+%?$/.test(min)) throw new CmdError('invalid format specified for min-available');
    if (max && !/^[0-9]+%?$/.test(max)) throw new CmdError('invalid format specified for max-unavailable');
    const spec: Record<string, unknown> = {};
    if (min) spec.minAvailable = intOrString(min);
    spec.selector = labelSelector(sel);
    if (max) spec.maxUnavailable = intOrString(max);
    const obj: KObject = {
      kind: 'PodDisruptionBudget',
      apiVersion: 'policy/v1',
      metadata: objectMeta(name, { namespace: k.namespaceExplicit ? k.namespace : undefined }),
      spec,
      status: { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 },
    };
    return { object: obj, errorPrefix: 'failed to create poddisruptionbudgets: ', namespaceSet: true };
  },
});

export const createQuota = generatorCommand({
  name: 'quota',
  aliases: ['resourcequota'],
  flags: [stringFlag('hard'), stringFlag('scopes')],
  generate(k, name) {
    const hard: Record<string, string> = {};
    const spec = k.flags.string('hard');
    if (spec) {
      for (const stmt of spec.split(',')) {
        const parts = stmt.split('=');
        if (parts.length !== 2) throw new CmdError(`Invalid argument syntax ${stmt}, expected <resource>=<value>`);
        const q = canonicalQuantity(parts[1]);
        if (q === undefined) throw new CmdError("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
        hard[parts[0]] = q;
      }
    }
    const quotaSpec: Record<string, unknown> = {};
    if (Object.keys(hard).length) quotaSpec.hard = hard;
    const scopes = k.flags.string('scopes');
    if (scopes) {
      const list = scopes.split(',');
      if (list.some((s) => s === '')) throw new CmdError('invalid resource quota scope ""');
      quotaSpec.scopes = list;
    }
    const obj: KObject = {
      kind: 'ResourceQuota',
      apiVersion: 'v1',
      metadata: objectMeta(name, { namespace: k.namespaceExplicit ? k.namespace : undefined }),
      spec: quotaSpec,
      status: {},
    };
    return { object: obj, errorPrefix: 'failed to create quota: ', namespaceSet: true };
  },
});

export const createPriorityClass = generatorCommand({
  name: 'priorityclass',
  aliases: ['pc'],
  flags: [intFlag('value'), boolFlag('global-default'), stringFlag('description'), stringFlag('preemption-policy', { default: 'PreemptLowerPriority' })],
  generate(k, name) {
    const obj: KObject = {
      kind: 'PriorityClass',
      apiVersion: 'scheduling.k8s.io/v1',
      metadata: objectMeta(name),
      value: k.flags.int('value'),
    };
    if (k.flags.bool('global-default')) obj.globalDefault = true;
    if (k.flags.string('description')) obj.description = k.flags.string('description');
    obj.preemptionPolicy = k.flags.string('preemption-policy');
    return { object: obj, errorPrefix: 'failed to create priorityclass: ' };
  },
});

const RULE = /^([\w*\-.]*)(\/.*)=([\w-]+):([\w-]+)(,(tls)=?([\w-]+)?)?/;

function backend(svc: string): Record<string, unknown> {
  const [n, port] = svc.split(':');
  return { service: { name: n, port: /^-?\d+$/.test(port) ? { number: Number(port) } : { name: port } } };
}

export const createIngress = generatorCommand({
  name: 'ingress',
  aliases: ['ing'],
  flags: [stringFlag('class'), stringFlag('default-backend'), stringArrayFlag('rule'), stringArrayFlag('annotation')],
  generate(k, name) {
    const rulesIn = k.flags.strings('rule');
    const def = k.flags.string('default-backend');
    const anns = k.flags.strings('annotation');
    if (!def && rulesIn.length === 0) {
      throw new CmdError('not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)');
    }
    for (const r of rulesIn) if (!RULE.test(r)) throw new CmdError(`rule ${r} is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]`);
    for (const a of anns) if (!a.includes('=')) throw new CmdError(`annotation ${a} is invalid and should be in format key=[value]`);
    if (def && def.split(':').length !== 2) throw new CmdError('default-backend should be in format servicename:serviceport');
    const annotations: Record<string, string> = {};
    for (const a of anns) {
      const i = a.indexOf('=');
      annotations[a.slice(0, i)] = a.slice(i + 1);
    }
    const spec: Record<string, unknown> = {};
    if (k.flags.string('class')) spec.ingressClassName = k.flags.string('class');
    if (def) spec.defaultBackend = backend(def);
    const tls: { hosts?: string[]; secretName?: string }[] = [];
    const seen = new Set<string>();
    for (const r of rulesIn) {
      const parts = r.split(',');
      if (parts.length !== 2) continue;
      const host = r.split('/')[0];
      const sn = parts[1].split('=');
      const secret = sn.length > 1 ? sn[1] : '';
      const idx = tls.findIndex((t) => (t.secretName ?? '') === secret);
      if (seen.has(host)) continue;
      if (idx > -1) {
        (tls[idx].hosts ??= []).push(host);
        seen.add(host);
        continue;
      }
      const t: { hosts?: string[]; secretName?: string } = {};
      if (host) t.hosts = [host];
      if (secret) t.secretName = secret;
      if (t.hosts || t.secretName) tls.push(t);
      seen.add(host);
    }
    if (tls.length) spec.tls = tls;
    const rules: { host?: string; http: { paths: Record<string, unknown>[] } }[] = [];
    for (const r of rulesIn) {
      const noTls = r.split(',')[0];
      const slash = noTls.indexOf('/');
      const host = noTls.slice(0, slash);
      const [p, svc] = noTls.slice(slash + 1).split('=');
      let path = `/${p}`;
      let pathType = 'Exact';
      if (path.endsWith('*')) {
        pathType = 'Prefix';
        path = path.slice(0, -1);
      }
      const ip = { path, pathType, backend: backend(svc) };
      const idx = rules.findIndex((x) => (x.host ?? '') === host);
      if (idx > -1) {
        rules[idx].http.paths.push(ip);
        continue;
      }
      rules.push({ ...(host ? { host } : {}), http: { paths: [ip] } });
    }
    if (rules.length) spec.rules = rules;
    const obj: KObject = {
      kind: 'Ingress',
      apiVersion: 'networking.k8s.io/v1',
      metadata: objectMeta(name, { namespace: k.namespaceExplicit ? k.namespace : undefined, annotations }),
      spec,
      status: { loadBalancer: {} },
    };
    return { object: obj, errorPrefix: 'failed to create ingress: ', namespaceSet: true };
  },
});
