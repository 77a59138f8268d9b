/**
 * Label and field selectors (k8s.io/apimachinery/pkg/labels and pkg/fields): parsing of the
 * string form used by `-l` and `--field-selector`, conversion of metav1.LabelSelector, and
 * matching.
 */
import { badRequest } from './errors';

export type Labels = Readonly<Record<string, string>> | undefined;

export type Operator = '=' | '!=' | 'in' | 'notin' | 'exists' | '!' | 'gt' | 'lt';

export interface Requirement {
  key: string;
  op: Operator;
  values: string[];
}

/** A parsed selector: all requirements must hold. Empty matches everything. */
export type Selector = Requirement[];

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

export function matchesRequirement(labels: Labels, r: Requirement): boolean {
  const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key);
  const v = has ? labels![r.key] : undefined;
  switch (r.op) {
    case '=':
      return has && v === r.values[0];
    case '!=':
      return !has || v !== r.values[0];
    case 'in':
      return has && r.values.includes(v!);
    case 'notin':
      return !has || !r.values.includes(v!);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
      return has && Number(v) > Number(r.values[0]);
    case 'lt':
      return has && Number(v) < Number(r.values[0]);
  }
}

export function matches(selector: Selector, labels: Labels): boolean {
  for (let i = 0; i < selector.length; i++) if (!matchesRequirement(labels, selector[i])) return false;
  return true;
}

/**
 * metav1.LabelSelectorAsSelector. A nil selector matches nothing; an empty one everything
 * (callers decide which they have).
 */
export function fromLabelSelector(ls: LabelSelector | undefined | null): Selector {
  if (!ls) return [];
  const out: Selector = [];
  for (const [k, v] of Object.entries(ls.matchLabels ?? {})) out.push({ key: k, op: '=', values: [v] });
  for (const e of ls.matchExpressions ?? []) {
    const op = e.operator;
    if (op === 'In') out.push({ key: e.key, op: 'in', values: [...(e.values ?? [])] });
    else if (op === 'NotIn') out.push({ key: e.key, op: 'notin', values: [...(e.values ?? [])] });
    else if (op === 'Exists') out.push({ key: e.key, op: 'exists', values: [] });
    else if (op === 'DoesNotExist') out.push({ key: e.key, op: '!', values: [] });
    else throw badRequest(`"${op}" is not a valid label selector operator`);
  }
  return out;
}

/** Whether a metav1.LabelSelector matches a label set (nil selector: nothing). */
export function labelSelectorMatches(ls: LabelSelector | undefined | null, labels: Labels): boolean {
  if (!ls) return false;
  return matches(fromLabelSelector(ls), labels);
}

/** A label set as a selector string `a=b,c=d`, keys sorted (labels.SelectorFromSet(...).String()). */
export function formatLabels(labels: Labels): string {
  if (!labels) return '';
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join(',');
}

/** Selector.String(), as kubectl describe prints it. */
export function formatSelector(sel: Selector): string {
  return [...sel]
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((r) => {
      switch (r.op) {
        case '=':
          return `${r.key}=${r.values[0]}`;
        case '!=':
          return `${r.key}!=${r.values[0]}`;
        case 'in':
          return `${r.key} in (${[...r.values].sort().join(',')})`;
        case 'notin':
          return `${r.key} notin (${[...r.values].sort().join(',')})`;
        case 'exists':
          return r.key;
        case '!':
          return `!${r.key}`;
        case 'gt':
          return `${r.key}>${r.values[0]}`;
        case 'lt':
          return `${r.key}<${r.values[0]}`;
      }
    })
    .join(',');
}

/** A LabelSelector in kubectl describe's form (`app=web`, `app in (a,b)`). */
export function formatLabelSelector(ls: LabelSelector | undefined | null): string {
  if (!ls) return '<none>';
  const s = formatSelector(fromLabelSelector(ls));
  return s === '' ? '<none>' : s;
}

// ---- string parsing (labels.Parse) -------------------------------------------------------

const KEY_RE = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const VALUE_RE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function checkKey(key: string): void {
  if (!KEY_RE.test(key) || key.length === 0) {
    throw badRequest(
      `unable to parse requirement: invalid label key "${key}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
    );
  }
}

function checkValue(v: string): void {
  if (!VALUE_RE.test(v) || v.length > 63) {
    throw badRequest(
      `unable to parse requirement: values[0][${v}]: Invalid value: "${v}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
    );
  }
}

/** Splits on commas that are not inside parentheses. */
function splitTop(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** Parses `-l` syntax: `app=web,tier!=db,env in (a,b),!legacy,release`. */
export function parseSelector(input: string): Selector {
  const s = input.trim();
  if (s === '') return [];
  const out: Selector = [];
  for (const raw of splitTop(s)) {
    const part = raw.trim();
    if (part === '') throw badRequest(`found '', expected: !, identifier, or 'end of string'`);
    let m: RegExpMatchArray | null;
    if ((m = part.match(/^!\s*(\S+)$/))) {
      checkKey(m[1]);
      out.push({ key: m[1], op: '!', values: [] });
    } else if ((m = part.match(/^(\S+?)\s+(in|notin)\s*\((.*)\)$/))) {
      checkKey(m[1]);
      const values = m[3].split(',').map((v) => v.trim());
      values.forEach(checkValue);
      out.push({ key: m[1], op: m[2] as 'in' | 'notin', values });
    } else if ((m = part.match(/^([^=!<>\s]+)\s*(==|=|!=|>|<)\s*(.*)$/))) {
      checkKey(m[1]);
      const v = m[3].trim();
      const op = m[2] === '!=' ? '!=' : m[2] === '>' ? 'gt' : m[2] === '<' ? 'lt' : '=';
      if (op === '=' || op === '!=') checkValue(v);
      out.push({ key: m[1], op, values: [v] });
    } else if (/^[^\s=!()]+$/.test(part)) {
      checkKey(part);
      out.push({ key: part, op: 'exists', values: [] });
    } else {
      throw badRequest(`unable to parse requirement: found '${part}', expected: in, notin, =, ==, !=, gt, lt`);
    }
  }
  return out;
}

// ---- field selectors ---------------------------------------------------------------------

export interface FieldRequirement {
  field: string;
  op: '=' | '!=';
  value: string;
}

/** Parses `--field-selector` syntax: `status.phase=Running,spec.nodeName!=node-1`. */
export function parseFieldSelector(input: string): FieldRequirement[] {
  const s = input.trim();
  if (s === '') return [];
  return s.split(',').map((part) => {
    const m = part.match(/^([^=!]+)(==|=|!=)(.*)$/);
    if (!m) throw badRequest(`invalid selector: '${input}'; can't understand '${part}'`);
    return { field: m[1].trim(), op: m[2] === '!=' ? '!=' : '=', value: m[3].trim() };
  });
}

/** Field selector keys the apiserver accepts per kind (besides metadata.name/namespace). */
export const FIELD_SELECTOR_FIELDS: Record<string, string[]> = {
  Pod: ['spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.nominatedNodeName'],
  Event: ['involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid', 'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'reason', 'reportingComponent', 'source', 'type'],
  Node: ['spec.unschedulable'],
  Namespace: ['status.phase'],
  Secret: ['type'],
  ReplicaSet: ['status.replicas'],
  Job: ['status.successful'],
};

/** Reads a dotted field path from an object as a string, for field selectors. */
export function fieldValue(obj: unknown, path: string): string {
  let cur: unknown = obj;
  for (const p of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return '';
    cur = (cur as Record<string, unknown>)[p];
  }
  if (cur === undefined || cur === null) return '';
  return String(cur);
}

export function matchesFields(obj: unknown, reqs: FieldRequirement[]): boolean {
  for (const r of reqs) {
    const v = fieldValue(obj, r.field);
    if (r.op === '=' ? v !== r.value : v === r.value) return false;
  }
  return true;
}
