/**
 * The topology's label filter: a label selector in kubectl's `-l` syntax (`app=web`,
 * `tier!=db`, `env in (a,b)`, `env notin (c)`, `release`, `!canary`), requirements ANDed.
 */

export type Requirement =
  | { key: string; op: '=' | '!='; value: string }
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | '!exists' };

const KEY = /^([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?\/)?[a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?$/;
const VALUE = /^([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?)?$/;

/** Splits at commas outside parentheses. */
function splitTop(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
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

/** Parses a selector; undefined when it is not valid. An empty text selects everything. */
export function parseLabelFilter(text: string): Requirement[] | undefined {
  const t = text.trim();
  if (!t) return [];
  const reqs: Requirement[] = [];
  for (const raw of splitTop(t)) {
    const part = raw.trim();
    let m: RegExpExecArray | null;
    if ((m = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(part))) {
      const values = m[3].split(',').map((v) => v.trim());
      if (!KEY.test(m[1]) || values.some((v) => !VALUE.test(v))) return undefined;
      reqs.push({ key: m[1], op: m[2] as 'in' | 'notin', values });
    } else if ((m = /^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(part))) {
      if (!KEY.test(m[1]) || !VALUE.test(m[3])) return undefined;
      reqs.push({ key: m[1], op: m[2] === '!=' ? '!=' : '=', value: m[3] });
    } else if ((m = /^!\s*(\S+)$/.exec(part))) {
      if (!KEY.test(m[1])) return undefined;
      reqs.push({ key: m[1], op: '!exists' });
    } else if (KEY.test(part)) {
      reqs.push({ key: part, op: 'exists' });
    } else {
      return undefined;
    }
  }
  return reqs;
}

export function matchesLabels(reqs: Requirement[], labels: Record<string, string>): boolean {
  for (const r of reqs) {
    const has = Object.prototype.hasOwnProperty.call(labels, r.key);
    const v = labels[r.key];
    switch (r.op) {
      case '=':
        if (!has || v !== r.value) return false;
        break;
      case '!=':
        if (has && v === r.value) return false;
        break;
      case 'in':
        if (!has || !r.values.includes(v)) return false;
        break;
      case 'notin':
        if (has && r.values.includes(v)) return false;
        break;
      case 'exists':
        if (!has) return false;
        break;
      case '!exists':
        if (has) return false;
        break;
    }
  }
  return true;
}
