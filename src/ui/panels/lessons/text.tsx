/**
 * Lesson text (src/lessons: "markdown-ish") to React elements: paragraphs separated by blank
 * lines, inline `code` spans that become clickable chips. Cluster and lesson text is text: this
 * builds elements, never HTML strings (STYLE.md section 8).
 */
import type { ReactNode } from 'react';

export type Segment = { kind: 'text'; text: string } | { kind: 'code'; text: string };

/**
 * Paragraphs of segments. A backtick without its closing partner is kept as a literal
 * character; an empty span (``) is dropped.
 */
export function parseText(text: string): Segment[][] {
  return text
    .replace(/\r\n/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map(parseParagraph);
}

function parseParagraph(p: string): Segment[] {
  const out: Segment[] = [];
  const push = (kind: Segment['kind'], text: string) => {
    if (!text) return;
    const last = out[out.length - 1];
    if (kind === 'text' && last?.kind === 'text') last.text += text;
    else out.push({ kind, text } as Segment);
  };
  let i = 0;
  while (i < p.length) {
    const open = p.indexOf('`', i);
    if (open < 0) {
      push('text', p.slice(i));
      break;
    }
    const close = p.indexOf('`', open + 1);
    if (close < 0) {
      push('text', p.slice(i));
      break;
    }
    push('text', p.slice(i, open));
    push('code', p.slice(open + 1, close));
    i = close + 1;
  }
  return out;
}

/**
 * The elements of a text: one `<p>` per paragraph, plain strings for text, and `chip(code, key)`
 * for each code span.
 */
export function renderText(text: string, chip: (code: string, key: string) => ReactNode): ReactNode[] {
  return parseText(text).map((segs, pi) => (
    <p key={pi}>{segs.map((s, si) => (s.kind === 'text' ? s.text : chip(s.text, `${pi}-${si}`)))}</p>
  ));
}
