/**
 * The text machinery of k8s.io/kubectl/pkg/describe: a PrefixWriter (two spaces per level)
 * over a text/tabwriter with minwidth 0 and padding 2 (tabbedString), flushed where
 * describe.go flushes (before the Events table) so that blocks align independently.
 */
import { escapeTerminal, TabWriter } from '../printers/table';

export const LEVEL_0 = 0;
export const LEVEL_1 = 1;
export const LEVEL_2 = 2;
export const LEVEL_3 = 3;
export const LEVEL_4 = 4;

export class DescribeWriter {
  private segments: string[] = [''];

  /** Writes text at an indentation level (the text may hold tabs and newlines). */
  write(level: number, text: string): void {
    // prefixWriter.Write goes through printers.WriteEscaped (WriteLine does not).
    this.segments[this.segments.length - 1] += escapeTerminal('  '.repeat(level) + text);
  }

  /** fmt.Sprintln of one value. */
  writeLine(text: string): void {
    this.segments[this.segments.length - 1] += `${text}\n`;
  }

  /** tabwriter.Flush: what follows aligns on its own. */
  flush(): void {
    this.segments.push('');
  }

  /** The laid-out text. */
  toString(): string {
    return this.segments.map(layout).join('');
  }
}

/** Lays out tab-separated text as text/tabwriter(minwidth 0, padding 2) does. */
export function layout(text: string): string {
  if (text === '') return '';
  const w = new TabWriter(0, 2, false);
  const lines = text.split('\n');
  const trailing = lines[lines.length - 1];
  for (const line of lines.slice(0, -1)) w.add(line.split('\t'));
  return w.flush() + trailing;
}
