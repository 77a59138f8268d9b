/**
 * The terminal's line editor: GNU Readline's emacs mode as bash presents it (readline(3)
 * "Commands for Moving", "Commands for Manipulating the History", "Killing and Yanking",
 * "Completing"), as a pure state machine. It takes the bytes xterm sends (keys, escape
 * sequences, pastes) and returns the ANSI text to write back, plus an event when a line is
 * submitted, Ctrl-C is pressed, or Ctrl-D ends input. The same code runs under Node in tests.
 *
 * Rendering redraws the edited region (prompt and buffer, which may wrap over several rows)
 * from its first row on every change, which keeps the cursor arithmetic in one place.
 *
 * Simplification: no vi mode, no undo, no numeric arguments, no `--More--` pager for long
 * completion lists.
 */

/** What the completer offers for the word before the cursor. */
export interface CompletionResult {
  /** Index in the line where the word being completed starts (it ends at the cursor). */
  start: number;
  /** Full replacements for that word. */
  candidates: string[];
  /** What the listing shows per candidate (default: the candidate), e.g. a file's base name. */
  display?: string[];
  /** A unique completion gets no trailing space (e.g. `--output=`); names ending in `/` never do. */
  noSpace?: boolean;
}

export type Completer = (line: string, cursor: number) => CompletionResult;

export type EditorEvent =
  | { type: 'submit'; line: string }
  | { type: 'interrupt' }
  | { type: 'eof' };

export interface EditorOutput {
  /** ANSI text for the terminal. */
  output: string;
  /** At most one event; input after it stays queued until the next `start`. */
  event?: EditorEvent;
}

export interface EditorOptions {
  /** The history, oldest first; read live (the shell appends to it). */
  history?: readonly string[];
  completer?: Completer;
  columns?: number;
}

/** Readline asks before listing this many completions or more (completion-query-items). */
export const COMPLETION_QUERY_ITEMS = 100;

const BELL = '\x07';

interface SearchState {
  query: string;
  /** History index of the current match, or -1 for none yet. */
  index: number;
  failed: boolean;
  original: { buf: string; pos: number };
}

/** Display width of a character in a terminal cell grid (a small wcwidth). */
export function charWidth(ch: string): number {
  const c = ch.codePointAt(0)!;
  if (c === 0) return 0;
  if (c < 32 || (c >= 0x7f && c < 0xa0)) return 0;
  if ((c >= 0x300 && c <= 0x36f) || (c >= 0x200b && c <= 0x200f) || c === 0xfe0f) return 0;
  if (
    (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0xa4cf && c !== 0x303f) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6) ||
    (c >= 0x1f300 && c <= 0x1faff) ||
    (c >= 0x20000 && c <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

/** Removes ANSI escape sequences (for measuring a coloured prompt). */
export function stripAnsi(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g, '');
}

/** Key sequences xterm sends, longest first where they share a prefix. */
const KEYS: [string, string][] = [
  ['\x1b[200~', 'paste-start'],
  ['\x1b[201~', 'paste-end'],
  ['\x1b[1;5D', 'word-left'],
  ['\x1b[1;5C', 'word-right'],
  ['\x1b[1;3D', 'word-left'],
  ['\x1b[1;3C', 'word-right'],
  ['\x1b[3~', 'delete'],
  ['\x1b[1~', 'home'],
  ['\x1b[4~', 'end'],
  ['\x1b[7~', 'home'],
  ['\x1b[8~', 'end'],
  ['\x1b[5~', 'ignore'],
  ['\x1b[6~', 'ignore'],
  ['\x1b[2~', 'ignore'],
  ['\x1b[A', 'up'],
  ['\x1b[B', 'down'],
  ['\x1b[C', 'right'],
  ['\x1b[D', 'left'],
  ['\x1b[H', 'home'],
  ['\x1b[F', 'end'],
  ['\x1bOA', 'up'],
  ['\x1bOB', 'down'],
  ['\x1bOC', 'right'],
  ['\x1bOD', 'left'],
  ['\x1bOH', 'home'],
  ['\x1bOF', 'end'],
  ['\x1b\x7f', 'kill-word-back'],
  ['\x1b\b', 'kill-word-back'],
  ['\x1bb', 'word-left'],
  ['\x1bf', 'word-right'],
  ['\x1bd', 'kill-word'],
  ['\x1b.', 'yank-last-arg'],
  ['\x1b', 'escape'],
  ['\r\n', 'enter'],
  ['\r', 'enter'],
  ['\n', 'enter'],
  ['\x7f', 'backspace'],
  ['\b', 'backspace'],
  ['\t', 'tab'],
  ['\x01', 'home'],
  ['\x02', 'left'],
  ['\x03', 'interrupt'],
  ['\x04', 'delete-or-eof'],
  ['\x05', 'end'],
  ['\x06', 'right'],
  ['\x07', 'abort'],
  ['\x0b', 'kill-line'],
  ['\x0c', 'clear'],
  ['\x0e', 'down'],
  ['\x10', 'up'],
  ['\x12', 'search'],
  ['\x14', 'transpose'],
  ['\x15', 'kill-line-back'],
  ['\x17', 'kill-word-back-ws'],
  ['\x19', 'yank'],
];

export class LineEditor {
  /** Whether the last render filled its last row exactly (the cursor then sits on a fresh row). */
  private endsWrapped = false;
  columns: number;
  private history: readonly string[];
  private completer?: Completer;
  private prompt = '';
  private buf = '';
  private pos = 0;
  private active = false;
  private queue = '';
  /** Row of the cursor, relative to the prompt's first row, after the last render. */
  private cursorRow = 0;
  /** Where history navigation is: history.length means the line being edited. */
  private histIndex = 0;
  private edited = '';
  private search: SearchState | undefined;
  private killed = '';
  /** After a Tab: whether it changed the buffer (undefined when the last key was not Tab). */
  private lastTab: boolean | undefined;
  private asking: { items: string[] } | undefined;
  private inPaste = false;

  constructor(opts: EditorOptions = {}) {
    this.history = opts.history ?? [];
    this.completer = opts.completer;
    this.columns = Math.max(2, opts.columns ?? 80);
  }

  /** The text being edited and the cursor index in it. */
  get line(): string {
    return this.buf;
  }
  get cursor(): number {
    return this.pos;
  }
  get isActive(): boolean {
    return this.active;
  }

  /** Starts a new line after `prompt` and processes input that was typed ahead. */
  start(prompt: string, initial = ''): EditorOutput {
    this.prompt = prompt;
    this.buf = initial;
    this.pos = initial.length;
    this.active = true;
    this.cursorRow = 0;
    this.histIndex = this.history.length;
    this.edited = '';
    this.search = undefined;
    this.lastTab = undefined;
    this.asking = undefined;
    const first = this.render(true);
    const rest = this.process('');
    return { output: first + rest.output, event: rest.event };
  }

  /**
   * Feeds input from the terminal. While no line is being edited (a command runs), input is
   * queued for the next line, except Ctrl-C, which is reported at once (and drops the queue).
   */
  feed(data: string): EditorOutput {
    if (!this.active) {
      const i = data.indexOf('\x03');
      if (i >= 0) {
        this.queue = '';
        return { output: '^C', event: { type: 'interrupt' } };
      }
      this.queue += data;
      return { output: '' };
    }
    return this.process(data);
  }

  /** The terminal was resized: redraws the line for the new width. */
  resize(columns: number): string {
    if (!this.active) {
      this.columns = Math.max(2, columns);
      return '';
    }
    const up = this.cursorRow > 0 ? `\x1b[${this.cursorRow}A` : '';
    this.columns = Math.max(2, columns);
    this.cursorRow = 0;
    return up + '\r' + this.render(true);
  }

  // ---- input processing ----------------------------------------------------------------

  private process(data: string): EditorOutput {
    this.queue += data;
    let out = '';
    while (this.queue.length > 0 && this.active) {
      const [key, text, len] = this.nextKey();
      this.queue = this.queue.slice(len);
      const r = this.handle(key, text);
      out += r.output;
      if (r.event) {
        this.active = false;
        return { output: out, event: r.event };
      }
    }
    return { output: out };
  }

  /** The next key in the queue: [name, literal text, length consumed]. */
  private nextKey(): [string, string, number] {
    const q = this.queue;
    if (this.inPaste) {
      if (q.startsWith('\x1b[201~')) return ['paste-end', '', 6];
    }
    for (const [seq, name] of KEYS) {
      if (q.startsWith(seq)) {
        // An unknown CSI sequence (e.g. F-keys) is swallowed whole rather than typed.
        if (name === 'escape' && q[1] === '[') {
          const m = /^\x1b\[[0-9;]*[~A-Za-z]/.exec(q);
          if (m) return ['ignore', '', m[0].length];
        }
        if (this.inPaste && name !== 'enter' && name !== 'paste-end') break;
        return [name, seq, seq.length];
      }
    }
    const ch = String.fromCodePoint(q.codePointAt(0)!);
    if (ch < ' ' && ch !== '\t') return ['ignore', '', ch.length];
    return ['char', ch, ch.length];
  }

  private handle(key: string, text: string): EditorOutput {
    if (this.asking) return this.answerAsk(key, text);
    if (this.search) return this.handleSearch(key, text);
    const wasTab = this.lastTab;
    if (key !== 'tab') this.lastTab = undefined;
    switch (key) {
      case 'char':
        return this.insert(text);
      case 'paste-start':
        this.inPaste = true;
        return { output: '' };
      case 'paste-end':
        this.inPaste = false;
        return { output: '' };
      case 'enter':
        return this.submit();
      case 'backspace':
        if (this.pos === 0) return { output: BELL };
        return this.edit(this.buf.slice(0, this.prevIndex()) + this.buf.slice(this.pos), this.prevIndex());
      case 'delete':
        if (this.pos >= this.buf.length) return { output: BELL };
        return this.edit(this.buf.slice(0, this.pos) + this.buf.slice(this.nextIndex()), this.pos);
      case 'delete-or-eof':
        if (this.buf === '') {
          return { output: '\r\n', event: { type: 'eof' } };
        }
        if (this.pos >= this.buf.length) return { output: BELL };
        return this.edit(this.buf.slice(0, this.pos) + this.buf.slice(this.nextIndex()), this.pos);
      case 'left':
        return this.move(this.prevIndex());
      case 'right':
        return this.move(this.nextIndex());
      case 'home':
        return this.move(0);
      case 'end':
        return this.move(this.buf.length);
      case 'word-left':
        return this.move(wordStart(this.buf, this.pos));
      case 'word-right':
        return this.move(wordEnd(this.buf, this.pos));
      case 'kill-line':
        this.killed = this.buf.slice(this.pos);
        return this.edit(this.buf.slice(0, this.pos), this.pos);
      case 'kill-line-back':
        this.killed = this.buf.slice(0, this.pos);
        return this.edit(this.buf.slice(this.pos), 0);
      case 'kill-word-back-ws': {
        // Ctrl-W: unix-word-rubout, words separated by whitespace.
        let i = this.pos;
        while (i > 0 && /\s/.test(this.buf[i - 1])) i--;
        while (i > 0 && !/\s/.test(this.buf[i - 1])) i--;
        this.killed = this.buf.slice(i, this.pos);
        return this.edit(this.buf.slice(0, i) + this.buf.slice(this.pos), i);
      }
      case 'kill-word-back': {
        const i = wordStart(this.buf, this.pos);
        this.killed = this.buf.slice(i, this.pos);
        return this.edit(this.buf.slice(0, i) + this.buf.slice(this.pos), i);
      }
      case 'kill-word': {
        const i = wordEnd(this.buf, this.pos);
        this.killed = this.buf.slice(this.pos, i);
        return this.edit(this.buf.slice(0, this.pos) + this.buf.slice(i), this.pos);
      }
      case 'yank':
        if (!this.killed) return { output: '' };
        return this.insert(this.killed);
      case 'yank-last-arg': {
        const last = this.history[this.history.length - 1];
        if (!last) return { output: BELL };
        const words = last.trim().split(/\s+/);
        return this.insert(words[words.length - 1]);
      }
      case 'transpose': {
        if (this.pos === 0 || this.buf.length < 2) return { output: BELL };
        const p = this.pos === this.buf.length ? this.pos - 1 : this.pos;
        const b = this.buf;
        return this.edit(b.slice(0, p - 1) + b[p] + b[p - 1] + b.slice(p + 1), p + 1);
      }
      case 'up':
        return this.historyMove(-1);
      case 'down':
        return this.historyMove(1);
      case 'interrupt':
        this.pos = this.buf.length;
        return { output: this.render() + '^C\r\n', event: { type: 'interrupt' } };
      case 'clear':
        this.cursorRow = 0;
        return { output: '\x1b[H\x1b[2J' + this.render(true) };
      case 'search':
        this.search = { query: '', index: -1, failed: false, original: { buf: this.buf, pos: this.pos } };
        return { output: this.renderSearch() };
      case 'tab':
        return this.complete(wasTab);
      case 'abort':
        return { output: BELL };
      default:
        return { output: '' };
    }
  }

  private prevIndex(): number {
    if (this.pos === 0) return 0;
    const c = this.buf.charCodeAt(this.pos - 1);
    return c >= 0xdc00 && c <= 0xdfff && this.pos >= 2 ? this.pos - 2 : this.pos - 1;
  }

  private nextIndex(): number {
    if (this.pos >= this.buf.length) return this.buf.length;
    const c = this.buf.charCodeAt(this.pos);
    return c >= 0xd800 && c <= 0xdbff ? this.pos + 2 : this.pos + 1;
  }

  private insert(text: string): EditorOutput {
    const clean = text.replace(/\r\n?/g, '\n');
    return this.edit(this.buf.slice(0, this.pos) + clean + this.buf.slice(this.pos), this.pos + clean.length);
  }

  private edit(buf: string, pos: number): EditorOutput {
    this.buf = buf;
    this.pos = pos;
    return { output: this.render() };
  }

  private move(pos: number): EditorOutput {
    if (pos === this.pos) return { output: '' };
    this.pos = pos;
    return { output: this.render() };
  }

  private submit(): EditorOutput {
    this.pos = this.buf.length;
    // A line that exactly fills its last row already left the cursor at the start of the next
    // one: another newline would leave an empty row under the command.
    let out = this.render();
    if (!this.endsWrapped) out += '\r\n';
    this.cursorRow = 0;
    return { output: out, event: { type: 'submit', line: this.buf } };
  }

  private historyMove(dir: -1 | 1): EditorOutput {
    const target = this.histIndex + dir;
    if (target < 0 || target > this.history.length) return { output: BELL };
    if (this.histIndex === this.history.length) this.edited = this.buf;
    this.histIndex = target;
    const text = target === this.history.length ? this.edited : this.history[target];
    return this.edit(text, text.length);
  }

  // ---- reverse-i-search ------------------------------------------------------------------

  private handleSearch(key: string, text: string): EditorOutput {
    const s = this.search!;
    switch (key) {
      case 'char':
        s.query += text;
        this.findMatch(s.index < 0 ? this.history.length - 1 : s.index, false);
        return { output: this.renderSearch() };
      case 'backspace':
        if (s.query === '') return { output: BELL };
        s.query = s.query.slice(0, -1);
        s.index = -1;
        s.failed = false;
        if (s.query === '') {
          this.buf = s.original.buf;
          this.pos = s.original.pos;
        } else this.findMatch(this.history.length - 1, false);
        return { output: this.renderSearch() };
      case 'search':
        if (s.query === '') {
          // Ctrl-R Ctrl-R searches again for the previous search string; none here.
          return { output: this.renderSearch() };
        }
        this.findMatch(s.index < 0 ? this.history.length - 1 : s.index - 1, true);
        return { output: this.renderSearch() };
      case 'abort': {
        this.search = undefined;
        this.buf = s.original.buf;
        this.pos = s.original.pos;
        return { output: this.render() };
      }
      case 'interrupt': {
        this.search = undefined;
        this.pos = this.buf.length;
        return { output: this.render() + '^C\r\n', event: { type: 'interrupt' } };
      }
      case 'enter':
        this.search = undefined;
        return this.submit();
      case 'escape':
        this.search = undefined;
        return { output: this.render() };
      default: {
        // Any other editing key ends the search, keeping the match, and then does its job.
        this.search = undefined;
        if (s.index >= 0) this.histIndex = s.index;
        const redraw = this.render();
        const r = this.handle(key, text);
        return { output: redraw + r.output, event: r.event };
      }
    }
  }

  /** Finds the newest history entry at or before `from` containing the query. */
  private findMatch(from: number, older: boolean): void {
    const s = this.search!;
    for (let i = from; i >= 0; i--) {
      const at = this.history[i].lastIndexOf(s.query);
      if (at >= 0) {
        s.index = i;
        s.failed = false;
        this.buf = this.history[i];
        this.pos = at;
        return;
      }
    }
    s.failed = true;
    void older;
  }

  private renderSearch(): string {
    const s = this.search!;
    const label = `(${s.failed ? 'failed ' : ''}reverse-i-search)\`${s.query}': `;
    return this.renderWith(label, false);
  }

  // ---- completion --------------------------------------------------------------------------

  private complete(wasTab: boolean | undefined): EditorOutput {
    if (!this.completer) return { output: this.insert('\t').output };
    const r = this.completer(this.buf, this.pos);
    const word = this.buf.slice(r.start, this.pos);
    const cands = [...new Set(r.candidates)].filter((c) => c.startsWith(word));
    if (cands.length === 0) {
      this.lastTab = false;
      return { output: BELL };
    }
    if (wasTab === false && cands.length > 1) {
      this.lastTab = false;
      const display = cands.map((c) => r.display?.[r.candidates.indexOf(c)] ?? c);
      return this.listCompletions(display);
    }
    const common = cands.length === 1 ? cands[0] : commonPrefix(cands);
    let insert = common.slice(word.length);
    if (cands.length === 1 && !r.noSpace && !common.endsWith('/') && this.buf[this.pos] !== ' ') insert += ' ';
    if (insert === '') {
      this.lastTab = false;
      return { output: BELL };
    }
    this.lastTab = true;
    // Readline rings the bell when other matches remain, even after inserting their common part.
    const r2 = this.insert(insert);
    return { output: r2.output + (cands.length > 1 ? BELL : '') };
  }

  private listCompletions(items: string[]): EditorOutput {
    const sorted = [...items].sort();
    if (sorted.length >= COMPLETION_QUERY_ITEMS) {
      this.asking = { items: sorted };
      this.pos = this.buf.length;
      const endRender = this.renderCursorAtEnd();
      return { output: `${endRender}\r\nDisplay all ${sorted.length} possibilities? (y or n)` };
    }
    const end = this.renderCursorAtEnd();
    const list = displayMatchList(sorted, this.columns);
    this.cursorRow = 0;
    return { output: end + '\r\n' + list + this.render(true) };
  }

  private answerAsk(key: string, text: string): EditorOutput {
    const items = this.asking!.items;
    if (key === 'char' && (text === 'y' || text === 'Y' || text === ' ')) {
      this.asking = undefined;
      this.cursorRow = 0;
      return { output: '\r\n' + displayMatchList(items, this.columns) + this.render(true) };
    }
    if ((key === 'char' && (text === 'n' || text === 'N')) || key === 'interrupt' || key === 'abort' || key === 'backspace') {
      this.asking = undefined;
      this.cursorRow = 0;
      return { output: '\r\n' + this.render(true) };
    }
    return { output: '' };
  }

  /** Moves the terminal cursor to the end of the rendered text (before printing below it). */
  private renderCursorAtEnd(): string {
    const saved = this.pos;
    this.pos = this.buf.length;
    const out = this.render();
    this.pos = saved;
    return out;
  }

  // ---- rendering -----------------------------------------------------------------------------

  /** Redraws prompt and buffer; `fresh` when the cursor is already at the prompt's start column 0. */
  private render(fresh = false): string {
    return this.renderWith(this.prompt, fresh);
  }

  private renderWith(prompt: string, fresh: boolean): string {
    let out = '';
    if (!fresh && this.cursorRow > 0) out += `\x1b[${this.cursorRow}A`;
    out += '\r\x1b[J';
    const cols = this.columns;
    let row = 0;
    let col = 0;
    const place = (w: number): void => {
      if (col + w > cols) {
        row++;
        col = 0;
      }
      col += w;
    };
    for (const ch of stripAnsi(prompt)) place(charWidth(ch));
    out += prompt;
    let cursor: [number, number] | undefined;
    const at = (): [number, number] => (col >= cols ? [row + 1, 0] : [row, col]);
    let i = 0;
    for (const ch of this.buf) {
      if (i === this.pos) cursor = at();
      if (ch === '\n') {
        out += '\r\n> ';
        row++;
        col = 2;
      } else {
        const shown = ch === '\t' ? ' ' : ch;
        place(charWidth(shown));
        out += shown;
      }
      i += ch.length;
    }
    if (!cursor) cursor = at();
    let endRow = row;
    this.endsWrapped = col >= cols;
    if (col >= cols) {
      // The terminal waits to wrap; make the wrap happen so the cursor position is known.
      out += '\r\n';
      endRow = row + 1;
    }
    const [cr, cc] = cursor;
    const endCol = col >= cols ? 0 : col;
    if (endRow > cr) out += `\x1b[${endRow - cr}A`;
    if (endCol !== cc) out += cc === 0 ? '\r' : endCol > cc ? `\x1b[${endCol - cc}D` : `\x1b[${cc - endCol}C`;
    this.cursorRow = cr;
    return out;
  }
}

/** Readline's rl_display_match_list: columns down then across, each padded to the longest. */
export function displayMatchList(items: string[], width: number): string {
  const max = Math.max(...items.map((s) => [...s].reduce((w, ch) => w + charWidth(ch), 0))) + 2;
  let limit = Math.floor(width / max);
  if (limit !== 1 && limit * max === width) limit--;
  if (limit <= 0) limit = 1;
  const rows = Math.ceil(items.length / limit);
  let out = '';
  for (let r = 0; r < rows; r++) {
    let line = '';
    for (let c = 0; c < limit; c++) {
      const i = r + c * rows;
      if (i >= items.length) break;
      const item = items[i];
      const next = r + (c + 1) * rows;
      const w = [...item].reduce((a, ch) => a + charWidth(ch), 0);
      line += item + (c + 1 < limit && next < items.length ? ' '.repeat(max - w) : '');
    }
    out += line + '\r\n';
  }
  return out;
}

function commonPrefix(xs: string[]): string {
  let p = xs[0];
  for (const x of xs) {
    let i = 0;
    while (i < p.length && i < x.length && p[i] === x[i]) i++;
    p = p.slice(0, i);
  }
  return p;
}

const isWordChar = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9]/.test(c);

/** Readline's backward-word: to the start of the current or previous alphanumeric word. */
function wordStart(s: string, pos: number): number {
  let i = pos;
  while (i > 0 && !isWordChar(s[i - 1])) i--;
  while (i > 0 && isWordChar(s[i - 1])) i--;
  return i;
}

/** Readline's forward-word: to the end of the current or next alphanumeric word. */
function wordEnd(s: string, pos: number): number {
  let i = pos;
  while (i < s.length && !isWordChar(s[i])) i++;
  while (i < s.length && isWordChar(s[i])) i++;
  return i;
}
