/**
 * `-o custom-columns=HEADER:.path,...` (k8s.io/kubectl/pkg/cmd/get/customcolumn.go): one
 * column per spec, values from relaxed JSONPath, several values joined with commas, `<none>`
 * when a path finds nothing; laid out with kubectl's tab writer.
 */
import { CmdError } from '../errors';
import { goV } from './gofmt';
import { executeJsonPath, parseJsonPath, relaxedJsonPath } from './jsonpath';
import { TabWriter } from './table';

export interface CustomColumn {
  header: string;
  path: string;
}

/** Parses `NAME:.metadata.name,IMAGE:.spec.containers[*].image`. */
export function parseCustomColumns(spec: string): CustomColumn[] {
  if (spec.length === 0) throw new CmdError('custom-columns format specified but no custom columns given');
  return spec.split(',').map((part) => {
    const i = part.indexOf(':');
    if (i <= 0 || i === part.length - 1 || part.indexOf(':') !== part.lastIndexOf(':') && !part.slice(i + 1).includes('[')) {
      if (i <= 0 || i === part.length - 1) {
        throw new CmdError(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
      }
    }
    return { header: part.slice(0, i), path: relaxedJsonPath(part.slice(i + 1)) };
  });
}

/** The values a column's path finds in an object, as the printer joins them. */
function cellFor(path: string, obj: unknown): string {
  const nodes = parseJsonPath(path);
  const values: unknown[] = [];
  // Collect raw values rather than printed text: custom-columns prints each with %v.
  const collect = { values };
  const text = executeJsonPath(nodes, obj, { allowMissingKeys: true, outputJson: true });
  collect.values.push(...(JSON.parse(text) as unknown[]));
  if (values.length === 0) return '<none>';
  return values.map((v) => goV(v)).join(',');
}

/** Prints objects as custom columns. */
export function printCustomColumns(columns: CustomColumn[], objects: unknown[], noHeaders: boolean, w = new TabWriter()): string {
  if (!noHeaders) w.add(columns.map((c) => c.header));
  for (const o of objects) w.add(columns.map((c) => cellFor(c.path, o)));
  return w.flush();
}
