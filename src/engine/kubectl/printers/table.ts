/**
 * Human-readable tables as kubectl prints them: the server's metav1.Table (columns + rows, see
 * ./columns) decorated client-side (k8s.io/cli-runtime/pkg/printers/tableprinter.go:
 * decorateTable, printTable: NAMESPACE column for -A, `kind/name` when several kinds are
 * printed, -L label columns, --show-labels, -o wide priority columns, --no-headers) and laid
 * out by github.com/liggitt/tabwriter with kubectl's settings (minwidth 6, padding 3,
 * RememberWidths so that rows printed later, as in `get -w`, keep earlier widths).
 */
import type { KObject } from '../../api/types/meta';

export type Cell = string | number | boolean | null;

export interface ColumnDefinition {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  /** `name` marks the column that holds the object name. */
  format?: string;
  /** 0: always shown; 1: only with `-o wide`. */
  priority?: number;
  description?: string;
}

export interface TableRow {
  cells: Cell[];
  object: KObject;
}

/** A metav1.Table without the wire wrapping. */
export interface Table {
  columns: ColumnDefinition[];
  rows: TableRow[];
}

export interface PrintOptions {
  wide?: boolean;
  noHeaders?: boolean;
  withNamespace?: boolean;
  /** `deployment.apps`: prefix names as `deployment.apps/web` (several kinds printed). */
  kindPrefix?: string;
  showLabels?: boolean;
  /** `-L` label keys. */
  columnLabels?: string[];
}

/** labels.FormatLabels: `a=b,c=d` sorted by key, `<none>` when empty. */
function formatLabelsOrNone(labels: Record<string, string>): string {
  const keys = Object.keys(labels).sort();
  return keys.length ? keys.map((k) => `${k}=${labels[k]}`).join(',') : '<none>';
}

/** formatLabelHeaders: `-L app.kubernetes.io/name` -> `NAME`. */
function labelHeader(key: string): string {
  const parts = key.split('/');
  return parts[parts.length - 1].toUpperCase();
}

/**
 * printers.EscapeTerminal: ESC and CR shown as `^[` and `\r` so that cluster data cannot drive
 * the terminal (kubectl escapes table cells and describe output this way).
 */
export function escapeTerminal(s: string): string {
  return s.replace(/\x1b/g, '^[').replace(/\r/g, '\\r');
}

function cellText(c: Cell): string {
  if (c === null || c === undefined) return '';
  if (typeof c === 'string') {
    const i = c.search(/[\f\n\r]/);
    return escapeTerminal(i >= 0 ? c.slice(0, i) + '...' : c);
  }
  return escapeTerminal(String(c));
}

/**
 * The lines (cells separated by tabs) of a decorated table: header first unless suppressed
 * or the table is empty.
 */
export function tableLines(table: Table, o: PrintOptions = {}): string[][] {
  const cols: { def: ColumnDefinition; index: number }[] = [];
  table.columns.forEach((def, index) => {
    if (o.wide || !def.priority) cols.push({ def, index });
  });
  const nameIndex = o.kindPrefix ? table.columns.findIndex((c) => c.format === 'name' && c.type === 'string') : -1;
  const lines: string[][] = [];
  if (table.rows.length === 0) return lines;
  if (!o.noHeaders) {
    const header: string[] = [];
    if (o.withNamespace) header.push('NAMESPACE');
    for (const c of cols) header.push(c.def.name.toUpperCase());
    for (const l of o.columnLabels ?? []) header.push(labelHeader(l));
    if (o.showLabels) header.push('LABELS');
    lines.push(header);
  }
  for (const row of table.rows) {
    const line: string[] = [];
    if (o.withNamespace) line.push(row.object.metadata.namespace ?? '');
    for (const c of cols) {
      let text = cellText(row.cells[c.index] ?? null);
      if (c.index === nameIndex) text = `${o.kindPrefix}/${text}`;
      line.push(text);
    }
    const labels = row.object.metadata.labels ?? {};
    for (const l of o.columnLabels ?? []) line.push(escapeTerminal(labels[l] ?? ''));
    if (o.showLabels) line.push(escapeTerminal(formatLabelsOrNone(labels)));
    lines.push(line);
  }
  return lines;
}

/**
 * text/tabwriter as kubectl configures it (minwidth 6, padding 3, pad with spaces) with
 * liggitt/tabwriter's RememberWidths: each flush lays out the buffered lines; a column is as
 * wide as its widest cell plus 3 (at least 6) and never narrower than in an earlier flush.
 * The last cell of a line is not a column and is not padded.
 */
export class TabWriter {
  private lines: string[][] = [];
  private widths: number[] = [];

  constructor(
    private readonly minWidth = 6,
    private readonly padding = 3,
    /** liggitt/tabwriter's RememberWidths (kubectl's printers); off for text/tabwriter (describe). */
    private readonly rememberWidths = true,
  ) {}

  /** Queues a line of cells. */
  add(cells: string[]): void {
    this.lines.push(cells);
  }

  /** Forgets remembered widths (kubectl does this when a new kind starts). */
  resetWidths(): void {
    this.widths = [];
  }

  /** Lays out the queued lines and returns the text. */
  flush(): string {
    const lines = this.lines;
    this.lines = [];
    if (lines.length === 0) return '';
    const n = lines[0].length;
    if (lines.every((l) => l.length === n)) return this.flushUniform(lines, n);
    let out = '';
    // Column blocks: consecutive lines that have a cell in column c (all but their last cell).
    const widths = this.blockWidths(lines);
    for (let li = 0; li < lines.length; li++) {
      const cells = lines[li];
      let text = '';
      for (let c = 0; c < cells.length; c++) {
        if (c === cells.length - 1) {
          text += cells[c];
        } else {
          const w = widths[li][c];
          text += cells[c] + ' '.repeat(Math.max(0, w - runeLength(cells[c])));
        }
      }
      out += text + '\n';
    }
    return out;
  }

  /** Fast path: every line has the same cells, so each column is one block. */
  private flushUniform(lines: string[][], n: number): string {
    const widths: number[] = [];
    for (let c = 0; c < n - 1; c++) {
      let width = this.minWidth;
      for (const line of lines) {
        const w = runeLength(line[c]) + this.padding;
        if (w > width) width = w;
      }
      if (this.rememberWidths) {
        const remembered = this.widths[c];
        if (remembered === undefined || remembered < width) this.widths[c] = width;
        else width = remembered;
      }
      widths.push(width);
    }
    const out: string[] = [];
    for (const line of lines) {
      let text = '';
      for (let c = 0; c < n - 1; c++) text += line[c] + ' '.repeat(Math.max(0, widths[c] - runeLength(line[c])));
      out.push(text + line[n - 1]);
    }
    return out.join('\n') + '\n';
  }

  /** Per line, per column, the width of the block the cell belongs to. */
  private blockWidths(lines: string[][]): number[][] {
    const result = lines.map(() => [] as number[]);
    const maxCols = Math.max(...lines.map((l) => l.length - 1));
    for (let c = 0; c < maxCols; c++) {
      let li = 0;
      while (li < lines.length) {
        if (lines[li].length - 1 <= c) {
          li++;
          continue;
        }
        let end = li;
        let width = this.minWidth;
        while (end < lines.length && lines[end].length - 1 > c) {
          width = Math.max(width, runeLength(lines[end][c]) + this.padding);
          end++;
        }
        if (this.rememberWidths) {
          const remembered = this.widths[c];
          if (remembered === undefined || remembered < width) this.widths[c] = width;
          else width = remembered;
        }
        for (let k = li; k < end; k++) result[k][c] = width;
        li = end;
      }
    }
    return result;
  }
}

function runeLength(s: string): number {
  // Fast path for ASCII text; code points otherwise (tabwriter counts runes).
  let ascii = true;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) > 0x7f) {
      ascii = false;
      break;
    }
  }
  if (ascii) return s.length;
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Prints a table in one go (a fresh tab writer). */
export function printTable(table: Table, o: PrintOptions = {}): string {
  const w = new TabWriter();
  for (const line of tableLines(table, o)) w.add(line);
  return w.flush();
}
