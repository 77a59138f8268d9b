/**
 * Output selection as genericclioptions.PrintFlags does it (`-o` and `--template`): which
 * printer, and its errors (`unable to match a printer suitable for the output format ...`,
 * `template format specified but no template given`). Commands call `outputSpec` once and
 * `printObjects` for the non-table formats.
 */
import type { KObject } from '../../api/types/meta';
import type { FileSystem } from '../../shell/process';
import { CmdError } from '../errors';
import { goSharpV, goStrconvQuote } from './gofmt';
import { parseCustomColumns, printCustomColumns, type CustomColumn } from './custom-columns';
import { goTemplate } from './go-template';
import { printJson } from './json';
import { executeJsonPath, JsonPathError, parseJsonPath } from './jsonpath';
import { printName } from './name';
import { toYaml, yamlMarshalError } from './yaml';

export type OutputSpec =
  | { type: 'table'; wide: boolean }
  | { type: 'json' }
  | { type: 'yaml' }
  | { type: 'name' }
  | { type: 'jsonpath'; template: string; asJson: boolean }
  | { type: 'go-template'; template: string }
  | { type: 'custom-columns'; columns: CustomColumn[] };

/** Formats of commands that print objects (create, apply, ...). */
export const GENERIC_FORMATS = [
  'go-template', 'go-template-file', 'json', 'jsonpath', 'jsonpath-as-json', 'jsonpath-file', 'name', 'template',
  'templatefile', 'yaml',
];
const TEMPLATE_FORMATS = new Set(['custom-columns', 'custom-columns-file', 'go-template', 'go-template-file', 'jsonpath', 'jsonpath-as-json', 'jsonpath-file', 'template', 'templatefile']);
/** get's formats: the generic ones plus tables and custom columns. */
export const GET_FORMATS = [...GENERIC_FORMATS, 'custom-columns', 'custom-columns-file', 'wide'].sort();

/**
 * Resolves `-o` (and `--template`) to a printer spec. `formats` lists what the command accepts;
 * an empty output means a table where tables are allowed.
 */
export function outputSpec(
  output: string,
  template: string,
  formats: readonly string[],
  fs?: FileSystem,
): OutputSpec {
  // `-o FORMAT=ARG` is split only for the template formats (json= or a bare = are unknown formats).
  let eq = output.indexOf('=');
  if (eq >= 0 && !TEMPLATE_FORMATS.has(output.slice(0, eq))) eq = -1;
  let format = eq >= 0 ? output.slice(0, eq) : output;
  let arg = eq >= 0 ? output.slice(eq + 1) : template;
  if (format === '' && template !== '') format = 'go-template';
  if (format === '' || (format === 'wide' && formats.includes('wide'))) {
    if (formats.includes('wide') || format === '') return { type: 'table', wide: format === 'wide' };
  }
  if (!formats.includes(format)) {
    throw new CmdError(
      `unable to match a printer suitable for the output format "${output}", allowed formats are: ${[...formats].sort().join(',')}`,
    );
  }
  if (format.endsWith('-file') || format === 'templatefile') {
    const text = arg ? fs?.read(arg) : undefined;
    if (!arg) throw new CmdError('template format specified but no template given');
    if (text === undefined) throw new CmdError(`error reading ${format === 'custom-columns-file' ? 'template' : '--template'} ${arg}, open ${arg}: no such file or directory`);
    arg = text;
    format = format === 'templatefile' ? 'template' : format.slice(0, -'-file'.length);
  }
  switch (format) {
    case 'json':
      return { type: 'json' };
    case 'yaml':
      return { type: 'yaml' };
    case 'name':
      return { type: 'name' };
    case 'jsonpath':
    case 'jsonpath-as-json':
      if (!arg) throw new CmdError('template format specified but no template given');
      try {
        parseJsonPath(arg);
      } catch (e) {
        if (e instanceof JsonPathError) throw new CmdError(e.message);
        throw e;
      }
      return { type: 'jsonpath', template: arg, asJson: format === 'jsonpath-as-json' };
    case 'go-template':
    case 'template':
      if (!arg) throw new CmdError('template format specified but no template given');
      return { type: 'go-template', template: arg };
    case 'custom-columns':
      return { type: 'custom-columns', columns: parseCustomColumns(arg) };
  }
  throw new CmdError(`unable to match a printer suitable for the output format "${output}", allowed formats are: ${[...formats].sort().join(',')}`);
}

/** The `List` kubectl wraps several objects in for -o json/yaml/jsonpath. */
export function asList(objects: readonly KObject[], resourceVersion = ''): KObject {
  return { apiVersion: 'v1', items: [...objects], kind: 'List', metadata: { resourceVersion } } as unknown as KObject;
}

export interface GenericOptions {
  allowMissingKeys?: boolean;
  noHeaders?: boolean;
  /** Typed objects keep their field order in JSON (dry-run output of generators). */
  sortKeys?: boolean;
}

/**
 * Prints `data` (one object, or a List) with a non-table printer. `-o name` prints each item
 * of a List.
 */
export function printObjects(spec: OutputSpec, data: KObject, o: GenericOptions = {}): string {
  switch (spec.type) {
    case 'json':
      return printJson(data, { sortKeys: o.sortKeys });
    case 'yaml': {
      const err = yamlMarshalError(data);
      if (err) throw new CmdError(err);
      return toYaml(data);
    }
    case 'name': {
      const items = data.kind === 'List' ? ((data.items as KObject[]) ?? []) : [data];
      return items.map((i) => printName(i)).join('');
    }
    case 'jsonpath':
      try {
        return executeJsonPath(parseJsonPath(spec.template), JSON.parse(JSON.stringify(data)), {
          allowMissingKeys: o.allowMissingKeys ?? true,
          outputJson: spec.asJson,
        });
      } catch (e) {
        if (e instanceof JsonPathError) {
          throw new CmdError(`error executing jsonpath ${goStrconvQuote(spec.template)}: Error executing template: ${e.message}. Printing more information for debugging the template:\n\ttemplate was:\n\t\t${spec.template}\n\tobject given to jsonpath engine was:\n\t\t${goSharpV(JSON.parse(JSON.stringify(data)))}\n\n\n`);
        }
        throw e;
      }
    case 'go-template':
      return goTemplate(spec.template, JSON.parse(JSON.stringify(data)));
    case 'custom-columns': {
      const items = data.kind === 'List' ? ((data.items as KObject[]) ?? []) : [data];
      return printCustomColumns(spec.columns, items, o.noHeaders ?? false);
    }
    case 'table':
      throw new Error('printObjects: tables are printed by the command');
  }
}
