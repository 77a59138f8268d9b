/**
 * Puts an apply error at the right line: `kubectl apply` reports invalid fields by path
 * (`The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or
 * equal to 0`); this finds the line of each path in the YAML the learner wrote.
 */
import { isMap, isSeq, LineCounter, parseAllDocuments, type Node } from 'yaml';

export interface FieldProblem {
  field: string;
  message: string;
  /** 1-based line and column of the field in the file. */
  line: number;
  column: number;
}

/** `spec.containers[0].image` -> ['spec', 'containers', 0, 'image']. */
export function parseFieldPath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]|\[([^\]]+)\]/g)) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else out.push(m[3]);
  }
  return out;
}

/** Field errors of kubectl's Invalid message: `<field>: <detail>` parts after `is invalid: `. */
export function fieldErrors(output: string): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  for (const line of output.split('\n')) {
    const at = line.indexOf(' is invalid: ');
    if (at < 0) continue;
    const rest = line.slice(at + ' is invalid: '.length);
    const body = rest.startsWith('[') && rest.endsWith(']') ? rest.slice(1, -1) : rest;
    for (const part of body.split(/, (?=[a-zA-Z][\w.[\]-]*: )/)) {
      const m = /^([a-zA-Z][\w.[\]-]*): (.*)$/.exec(part);
      if (m) out.push({ field: m[1], message: m[2] });
    }
  }
  return out;
}

/**
 * The deepest node along `path` in the document whose `kind` and `metadata.name` match (any
 * document when `name` is undefined); its 1-based line and column.
 */
export function locateField(yamlText: string, path: (string | number)[], name?: string): { line: number; column: number } | undefined {
  const lc = new LineCounter();
  const docs = parseAllDocuments(yamlText, { lineCounter: lc });
  if (!Array.isArray(docs)) return undefined;
  for (const doc of docs) {
    if (name !== undefined && doc.getIn(['metadata', 'name']) !== name) continue;
    let node: unknown = doc.contents;
    let found: Node | undefined = (doc.contents as Node | null) ?? undefined;
    for (const seg of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === seg);
        if (!pair) break;
        found = (pair.key as Node) ?? found;
        node = pair.value;
      } else if (isSeq(node) && typeof seg === 'number') {
        const item = node.items[seg] as Node | undefined;
        if (!item) break;
        found = item;
        node = item;
      } else break;
    }
    if (found?.range) {
      const pos = lc.linePos(found.range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return undefined;
}

/** Every field problem in kubectl's output, placed in the file. */
export function problemsIn(yamlText: string, output: string): FieldProblem[] {
  const name = /is invalid:/.test(output) ? /"([^"]+)" is invalid:/.exec(output)?.[1] : undefined;
  return fieldErrors(output).map((e) => {
    const pos = locateField(yamlText, parseFieldPath(e.field), name) ?? { line: 1, column: 1 };
    return { ...e, ...pos };
  });
}
