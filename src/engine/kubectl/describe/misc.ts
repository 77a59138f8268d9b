/**
 * Describers of configuration and namespace objects (describe.go): Namespace (with resource
 * quotas and limit ranges), ConfigMap, Secret, ServiceAccount; and the generic describer
 * (printUnstructuredContent) for kinds without a dedicated one.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { KObject } from '../../api/types/meta';
import { describeEvents, eventsFor, printAnnotations, printLabels, rfc1123z, type DescribeContext } from './common';
import { DescribeWriter, LEVEL_0, LEVEL_1 } from './writer';

export function describeNamespace(ns: KObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${ns.metadata.name}\n`);
  printLabels(w, 'Labels', ns.metadata.labels);
  printAnnotations(w, 'Annotations', ns.metadata.annotations);
  w.write(LEVEL_0, `Status:\t${ns.status?.phase ?? ''}\n`);
  const conds: any[] = ns.status?.conditions ?? [];
  if (conds.length) {
    w.write(LEVEL_0, 'Conditions:\n');
    w.write(LEVEL_1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t------------------\t------\t-------\n');
    for (const c of conds) w.write(LEVEL_1, `${c.type}\t${c.status}\t${rfc1123z(c.lastTransitionTime)}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
  }
  const quotas = ctx.api.list('ResourceQuota', { namespace: ns.metadata.name }).items;
  w.write(LEVEL_0, '\n');
  if (quotas.length === 0) w.write(LEVEL_0, 'No resource quota.\n');
  else {
    w.write(LEVEL_0, 'Resource Quotas\n');
    for (const q of quotas) {
      w.write(LEVEL_1, `Name:\t${q.metadata.name}\n`);
      const scopes: string[] = [...(q.spec?.scopes ?? [])].sort();
      if (scopes.length) w.write(LEVEL_1, `Scopes:\t${scopes.join(', ')}\n`);
      w.write(LEVEL_1, 'Resource\tUsed\tHard\n');
      w.write(LEVEL_1, '--------\t---\t---\n');
      const hard: Record<string, string> = q.status?.hard ?? {};
      const used: Record<string, string> = q.status?.used ?? {};
      for (const r of Object.keys(hard).sort()) w.write(LEVEL_1, `${r}\t${used[r] ?? '0'}\t${hard[r]}\n`);
    }
  }
  const limits = ctx.api.list('LimitRange', { namespace: ns.metadata.name }).items;
  w.write(LEVEL_0, '\n');
  if (limits.length === 0) w.write(LEVEL_0, 'No LimitRange resource.\n');
  else {
    w.write(LEVEL_0, 'Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
    w.write(LEVEL_0, ' ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
    for (const lr of limits) {
      for (const item of lr.spec?.limits ?? []) {
        const names = new Set<string>([
          ...Object.keys(item.max ?? {}),
          ...Object.keys(item.min ?? {}),
          ...Object.keys(item.default ?? {}),
          ...Object.keys(item.defaultRequest ?? {}),
          ...Object.keys(item.maxLimitRequestRatio ?? {}),
        ]);
        for (const r of [...names].sort()) {
          const v = (m: Record<string, string> | undefined): string => m?.[r] ?? '-';
          w.write(LEVEL_0, ` ${item.type}\t${r}\t${v(item.min)}\t${v(item.max)}\t${v(item.defaultRequest)}\t${v(item.default)}\t${v(item.maxLimitRequestRatio)}\n`);
        }
      }
    }
  }
  return w.toString();
}

export function describeConfigMap(cm: KObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${cm.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${cm.metadata.namespace}\n`);
  printLabels(w, 'Labels', cm.metadata.labels);
  printAnnotations(w, 'Annotations', cm.metadata.annotations);
  w.write(LEVEL_0, '\nData\n====\n');
  // Go's map order is random; sorted keys are one of the orders kubectl prints.
  const data = (cm.data ?? {}) as Record<string, string>;
  for (const k of Object.keys(data).sort()) {
    w.write(LEVEL_0, `${k}:\n----\n`);
    w.write(LEVEL_0, `${data[k]}\n`);
    w.write(LEVEL_0, '\n');
  }
  w.write(LEVEL_0, '\nBinaryData\n====\n');
  const bin = (cm.binaryData ?? {}) as Record<string, string>;
  for (const k of Object.keys(bin).sort()) w.write(LEVEL_0, `${k}: ${base64Length(bin[k])} bytes\n`);
  w.write(LEVEL_0, '\n');
  describeEvents(w, eventsFor(ctx, cm), ctx.now);
  return w.toString();
}

/** Decoded length of base64 text. */
function base64Length(s: string): number {
  const clean = s.replace(/\s/g, '');
  const pad = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.floor((clean.length * 3) / 4) - pad;
}

export function describeSecret(secret: KObject): string {
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${secret.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${secret.metadata.namespace}\n`);
  printLabels(w, 'Labels', secret.metadata.labels);
  printAnnotations(w, 'Annotations', secret.metadata.annotations);
  w.write(LEVEL_0, `\nType:\t${secret.type ?? ''}\n`);
  w.write(LEVEL_0, '\nData\n====\n');
  const data = (secret.data ?? {}) as Record<string, string>;
  for (const k of Object.keys(data).sort()) {
    if (k === 'token' && secret.type === 'kubernetes.io/service-account-token') w.write(LEVEL_0, `${k}:\t${atobText(data[k])}\n`);
    else w.write(LEVEL_0, `${k}:\t${base64Length(data[k])} bytes\n`);
  }
  return w.toString();
}

function atobText(s: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  let buf = 0;
  let bits = 0;
  for (const c of s.replace(/=+$/, '')) {
    const v = alphabet.indexOf(c);
    if (v < 0) continue;
    buf = (buf << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += String.fromCharCode((buf >> bits) & 0xff);
    }
  }
  return out;
}

export function describeServiceAccount(sa: KObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${sa.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${sa.metadata.namespace}\n`);
  printLabels(w, 'Labels', sa.metadata.labels);
  printAnnotations(w, 'Annotations', sa.metadata.annotations);
  const secrets = ctx.api.list('Secret', { namespace: sa.metadata.namespace }).items;
  const tokens = secrets.filter(
    (s) => s.type === 'kubernetes.io/service-account-token' && s.metadata.annotations?.['kubernetes.io/service-account.name'] === sa.metadata.name,
  );
  const existing = new Set(secrets.map((s) => s.metadata.name));
  const groups: [string, string[]][] = [
    ['Image pull secrets:', ((sa.imagePullSecrets as { name: string }[]) ?? []).map((s) => s.name)],
    ['Mountable secrets: ', ((sa.secrets as { name: string }[]) ?? []).map((s) => s.name)],
    ['Tokens:            ', tokens.map((s) => s.metadata.name!)],
  ];
  groups.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  for (const [header, names] of groups) {
    if (names.length === 0) {
      w.write(LEVEL_0, `${header}\t<none>\n`);
      continue;
    }
    let prefix = header;
    for (const n of names) {
      w.write(LEVEL_0, `${prefix}\t${n}${existing.has(n) ? '' : ' (not found)'}\n`);
      prefix = '                   ';
    }
  }
  describeEvents(w, eventsFor(ctx, sa), ctx.now);
  return w.toString();
}

const ACRONYMS = ['API', 'URL', 'UID', 'OSB', 'GUID'];

/** smartLabelFor: `apiVersion` -> `API Version`, `holderIdentity` -> `Holder Identity`. */
export function smartLabel(field: string): string {
  if (/[^\p{L}-]/u.test(field)) return field;
  const parts = field.split(/(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/);
  return parts
    .filter((p) => p !== '_')
    .map((p) => (ACRONYMS.includes(p.toUpperCase()) ? p.toUpperCase() : p[0].toUpperCase() + p.slice(1)))
    .join(' ');
}

function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  return String(v);
}

function printUnstructured(w: DescribeWriter, level: number, content: Record<string, unknown>, prefix: string, skip: string[]): void {
  for (const field of Object.keys(content).sort()) {
    const value = content[field];
    const expr = `${prefix}.${field}`;
    if (skip.includes(expr)) continue;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      w.write(level, `${smartLabel(field)}:\n`);
      printUnstructured(w, level + 1, value as Record<string, unknown>, expr, skip);
    } else if (Array.isArray(value)) {
      w.write(level, `${smartLabel(field)}:\n`);
      for (const child of value) {
        if (child !== null && typeof child === 'object' && !Array.isArray(child)) printUnstructured(w, level + 1, child as Record<string, unknown>, expr, skip);
        else w.write(level + 1, `${goValue(child)}\n`);
      }
    } else {
      w.write(level, `${smartLabel(field)}:\t${goValue(value)}\n`);
    }
  }
}

/** The generic describer (genericDescriber): every field of the object, then events. */
export function describeGeneric(obj: KObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  printLabels(w, 'Labels', obj.metadata.labels);
  printAnnotations(w, 'Annotations', obj.metadata.annotations);
  printUnstructured(w, LEVEL_0, JSON.parse(JSON.stringify(obj)) as Record<string, unknown>, '', [
    '.metadata.managedFields',
    '.metadata.name',
    '.metadata.namespace',
    '.metadata.labels',
    '.metadata.annotations',
  ]);
  describeEvents(w, eventsFor(ctx, obj), ctx.now);
  return w.toString();
}

function limitRangeRows(w: DescribeWriter, lr: KObject, prefix: string): void {
  for (const item of (lr.spec?.limits ?? []) as any[]) {
    const names = new Set<string>([
      ...Object.keys(item.max ?? {}),
      ...Object.keys(item.min ?? {}),
      ...Object.keys(item.default ?? {}),
      ...Object.keys(item.defaultRequest ?? {}),
      ...Object.keys(item.maxLimitRequestRatio ?? {}),
    ]);
    // Go ranges over a map here (random order); sorted names are one of kubectl's orders.
    for (const r of [...names].sort()) {
      const v = (m: Record<string, string> | undefined): string => m?.[r] ?? '-';
      w.write(LEVEL_0, `${prefix}${item.type}\t${r}\t${v(item.min)}\t${v(item.max)}\t${v(item.defaultRequest)}\t${v(item.default)}\t${v(item.maxLimitRequestRatio)}\n`);
    }
  }
}

export function describeLimitRange(lr: KObject): string {
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${lr.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${lr.metadata.namespace}\n`);
  w.write(LEVEL_0, 'Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
  w.write(LEVEL_0, '----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
  limitRangeRows(w, lr, '');
  return w.toString();
}

const QUOTA_SCOPE_HELP: Record<string, string> = {
  Terminating: 'Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.',
  NotTerminating: 'Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.',
  BestEffort: 'Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.',
  NotBestEffort: 'Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.',
};

export function describeResourceQuota(q: KObject): string {
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${q.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${q.metadata.namespace}\n`);
  const scopes: string[] = [...(q.spec?.scopes ?? [])].sort();
  if (scopes.length) {
    w.write(LEVEL_0, `Scopes:\t${scopes.join(', ')}\n`);
    for (const s of scopes) if (QUOTA_SCOPE_HELP[s]) w.write(LEVEL_0, ` * ${QUOTA_SCOPE_HELP[s]}\n`);
  }
  w.write(LEVEL_0, 'Resource\tUsed\tHard\n');
  w.write(LEVEL_0, '--------\t----\t----\n');
  const hard: Record<string, string> = q.status?.hard ?? {};
  const used: Record<string, string> = q.status?.used ?? {};
  // Simplification: a used quantity is printed as stored, not re-formatted to the hard one's format.
  for (const r of Object.keys(hard).sort()) w.write(LEVEL_0, `${r}\t${used[r] ?? '0'}\t${hard[r]}\n`);
  return w.toString();
}

export function describeIngressClass(ic: KObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${ic.metadata.name}\n`);
  printLabels(w, 'Labels', ic.metadata.labels);
  printAnnotations(w, 'Annotations', ic.metadata.annotations);
  w.write(LEVEL_0, `Controller:\t${ic.spec?.controller ?? ''}\n`);
  const p = ic.spec?.parameters;
  if (p) {
    w.write(LEVEL_0, 'Parameters:\n');
    if (p.apiGroup) w.write(LEVEL_1, `APIGroup:\t${p.apiGroup}\n`);
    w.write(LEVEL_1, `Kind:\t${p.kind}\n`);
    w.write(LEVEL_1, `Name:\t${p.name}\n`);
  }
  describeEvents(w, eventsFor(ctx, ic), ctx.now);
  return w.toString();
}
