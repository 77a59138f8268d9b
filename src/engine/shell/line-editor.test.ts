import { Terminal } from '@xterm/headless';
import { describe, expect, it } from 'vitest';
import { displayMatchList, LineEditor, type Completer, type EditorEvent } from './line-editor';

/** An editor wired to a headless xterm, so tests check what the screen really shows. */
function harness(opts: { cols?: number; history?: string[]; completer?: Completer } = {}) {
  const cols = opts.cols ?? 80;
  const term = new Terminal({ cols, rows: 12, allowProposedApi: true });
  const editor = new LineEditor({ columns: cols, history: opts.history ?? [], completer: opts.completer });
  const events: EditorEvent[] = [];
  let written = '';
  const write = (s: string) =>
    new Promise<void>((resolve) => {
      written += s;
      term.write(s, resolve);
    });
  return {
    editor,
    events,
    get written() {
      return written;
    },
    async start(prompt = '$ ') {
      const r = editor.start(prompt);
      if (r.event) events.push(r.event);
      await write(r.output);
    },
    async type(data: string) {
      const r = editor.feed(data);
      if (r.event) events.push(r.event);
      await write(r.output);
    },
    screen(): string[] {
      const b = term.buffer.active;
      const lines: string[] = [];
      for (let i = 0; i < b.length; i++) lines.push(b.getLine(i)!.translateToString(true));
      while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
      return lines;
    },
    cursor(): [number, number] {
      const b = term.buffer.active;
      return [b.cursorY + b.viewportY, b.cursorX];
    },
  };
}

const LEFT = '\x1b[D';
const RIGHT = '\x1b[C';
const UP = '\x1b[A';
const DOWN = '\x1b[B';

describe('editing', () => {
  it('echoes typed text after the prompt and submits it on Enter', async () => {
    const h = harness();
    await h.start();
    await h.type('kubectl get pods');
    expect(h.screen()).toEqual(['$ kubectl get pods']);
    expect(h.cursor()).toEqual([0, 18]);
    await h.type('\r');
    expect(h.events).toEqual([{ type: 'submit', line: 'kubectl get pods' }]);
    expect(h.cursor()).toEqual([1, 0]);
  });

  it('moves the cursor and inserts in the middle', async () => {
    const h = harness();
    await h.start();
    await h.type('kubectl get pds');
    await h.type(LEFT + LEFT);
    await h.type('o');
    expect(h.screen()).toEqual(['$ kubectl get pods']);
    expect(h.cursor()).toEqual([0, 16]);
    expect(h.editor.line).toBe('kubectl get pods');
  });

  it.each([
    ['Ctrl-A then text inserts at the start', 'get\x01kubectl ', 'kubectl get', 8],
    ['Ctrl-E moves to the end', 'abc\x01\x05d', 'abcd', 4],
    ['Ctrl-K kills to the end of the line', 'kubectl get pods\x01\x1bf\x0b', 'kubectl', 7],
    ['Ctrl-U kills to the start of the line', 'kubectl get pods\x15', '', 0],
    ['Ctrl-W kills the previous whitespace-separated word', 'kubectl get deploy/web\x17', 'kubectl get ', 12],
    ['Alt-Backspace kills the previous alphanumeric word', 'kubectl get deploy/web\x1b\x7f', 'kubectl get deploy/', 19],
    ['Ctrl-Y yanks what was killed', 'abc def\x17\x01\x19', 'defabc ', 3],
    ['Backspace deletes before the cursor', 'abcd\x7f\x7f', 'ab', 2],
    ['Delete deletes under the cursor', 'abcd' + LEFT + LEFT + '\x1b[3~', 'abd', 2],
    ['Ctrl-D deletes under the cursor on a non-empty line', 'abcd\x01\x04', 'bcd', 0],
    ['Home and End keys', 'bc\x1b[Ha\x1b[Fd', 'abcd', 4],
    ['Ctrl-Left and Ctrl-Right move by words', 'one two three\x1b[1;5D\x1b[1;5D\x1b[1;5C', 'one two three', 7],
    ['Ctrl-T transposes characters', 'ab\x14', 'ba', 2],
  ])('%s', async (_name, keys, line, cursor) => {
    const h = harness();
    await h.start();
    await h.type(keys);
    expect(h.editor.line).toBe(line);
    expect(h.editor.cursor).toBe(cursor);
    expect(h.screen()).toEqual([`$ ${line}`]);
    expect(h.cursor()).toEqual([0, 2 + cursor]);
  });

  it('prints ^C and reports an interrupt on Ctrl-C', async () => {
    const h = harness();
    await h.start();
    await h.type('kubectl get po\x03');
    expect(h.events).toEqual([{ type: 'interrupt' }]);
    expect(h.screen()).toEqual(['$ kubectl get po^C']);
    expect(h.cursor()).toEqual([1, 0]);
  });

  it('reports end of input on Ctrl-D on an empty line', async () => {
    const h = harness();
    await h.start();
    await h.type('\x04');
    expect(h.events).toEqual([{ type: 'eof' }]);
  });

  it('keeps input after a submitted line for the next prompt (a pasted script)', async () => {
    const h = harness();
    await h.start();
    await h.type('echo one\recho two\r');
    expect(h.events).toEqual([{ type: 'submit', line: 'echo one' }]);
    await h.start();
    expect(h.events[1]).toEqual({ type: 'submit', line: 'echo two' });
    expect(h.screen()).toEqual(['$ echo one', '$ echo two']);
  });

  it('queues typing while a command runs, and reports Ctrl-C at once', async () => {
    const h = harness();
    await h.start();
    await h.type('sleep 5\r');
    await h.type('ls');
    expect(h.editor.feed('\x03')).toEqual({ output: '^C', event: { type: 'interrupt' } });
    await h.type('pwd');
    await h.start();
    expect(h.editor.line).toBe('pwd');
  });

  it('ignores bracketed-paste markers and unknown escape sequences', async () => {
    const h = harness();
    await h.start();
    await h.type('\x1b[200~kubectl\x1b[201~ \x1b[15~get');
    expect(h.editor.line).toBe('kubectl get');
  });
});

describe('wrapping', () => {
  it('edits a line longer than the terminal is wide', async () => {
    const h = harness({ cols: 20 });
    await h.start();
    await h.type('kubectl get pods --all-namespaces -o wide');
    expect(h.screen()).toEqual(['$ kubectl get pods -', '-all-namespaces -o w', 'ide']);
    expect(h.cursor()).toEqual([2, 3]);
    await h.type('\x01');
    expect(h.cursor()).toEqual([0, 2]);
    await h.type('X');
    expect(h.screen()).toEqual(['$ Xkubectl get pods ', '--all-namespaces -o ', 'wide']);
    await h.type('\x05\x7f\x7f\x7f\x7f\x7f');
    expect(h.screen()).toEqual(['$ Xkubectl get pods ', '--all-namespaces -o']);
    expect(h.cursor()).toEqual([1, 19]);
  });

  it('wraps exactly at the edge with the cursor on the next row', async () => {
    const h = harness({ cols: 10 });
    await h.start();
    await h.type('12345678');
    expect(h.screen()).toEqual(['$ 12345678']);
    expect(h.cursor()).toEqual([1, 0]);
    await h.type('9');
    expect(h.screen()).toEqual(['$ 12345678', '9']);
    await h.type('\x7f');
    expect(h.cursor()).toEqual([1, 0]);
    await h.type(LEFT);
    expect(h.cursor()).toEqual([0, 9]);
  });
});

describe('history', () => {
  const history = ['kubectl get nodes', 'kubectl run web --image=nginx', 'kubectl get pods'];

  it('walks back and forth with Up and Down, restoring the line being typed', async () => {
    const h = harness({ history });
    await h.start();
    await h.type('draft');
    await h.type(UP);
    expect(h.screen()).toEqual(['$ kubectl get pods']);
    await h.type(UP + UP);
    expect(h.editor.line).toBe('kubectl get nodes');
    await h.type(UP);
    expect(h.written.endsWith('\x07')).toBe(true);
    await h.type(DOWN + DOWN + DOWN);
    expect(h.screen()).toEqual(['$ draft']);
  });

  it('searches backwards with Ctrl-R as bash shows it', async () => {
    const h = harness({ history });
    await h.start();
    await h.type('\x12');
    expect(h.screen()).toEqual(["(reverse-i-search)`': "]);
    await h.type('get');
    expect(h.screen()).toEqual(["(reverse-i-search)`get': kubectl get pods"]);
    expect(h.cursor()).toEqual([0, 33]);
    await h.type('\x12');
    expect(h.screen()).toEqual(["(reverse-i-search)`get': kubectl get nodes"]);
    await h.type('x');
    expect(h.screen()).toEqual(["(failed reverse-i-search)`getx': kubectl get nodes"]);
    await h.type('\x7f');
    await h.type('\r');
    expect(h.events).toEqual([{ type: 'submit', line: 'kubectl get pods' }]);
  });

  it('keeps the match and goes on editing after a movement key in a search', async () => {
    const h = harness({ history });
    await h.start();
    await h.type('\x12run' + RIGHT);
    expect(h.screen()).toEqual(['$ kubectl run web --image=nginx']);
    expect(h.editor.cursor).toBe(9);
  });

  it('restores the original line on Ctrl-G', async () => {
    const h = harness({ history });
    await h.start();
    await h.type('abc\x12run\x07');
    expect(h.screen()).toEqual(['$ abc']);
  });
});

describe('completion', () => {
  const words = ['get', 'describe', 'delete', 'debug', 'diff'];
  const completer: Completer = (line, cursor) => {
    const start = line.lastIndexOf(' ', cursor - 1) + 1;
    return { start, candidates: words };
  };

  it('completes a unique match and adds a space', async () => {
    const h = harness({ completer });
    await h.start();
    await h.type('kubectl ge\t');
    expect(h.editor.line).toBe('kubectl get ');
  });

  it('completes the common prefix, rings, and lists matches on the next Tab', async () => {
    const h = harness({ completer });
    await h.start();
    await h.type('kubectl de\t');
    expect(h.editor.line).toBe('kubectl de');
    expect(h.written.endsWith('\x07')).toBe(true);
    await h.type('\t');
    expect(h.screen()).toEqual(['$ kubectl de', 'debug     delete    describe', '$ kubectl de']);
    expect(h.cursor()).toEqual([2, 12]);
    await h.type('s\t');
    expect(h.editor.line).toBe('kubectl describe ');
  });

  it('lists directories with a slash and adds no space after one', async () => {
    const h = harness({ completer: (_l, c) => ({ start: c - 3, candidates: ['manifests/'] }) });
    await h.start();
    await h.type('ls man\t');
    expect(h.editor.line).toBe('ls manifests/');
  });

  it('asks before listing a hundred matches or more', async () => {
    const many = Array.from({ length: 120 }, (_, i) => `pod-${i}`);
    const h = harness({ completer: (_l, c) => ({ start: c - 4, candidates: many }) });
    await h.start();
    await h.type('k pod-\t\t');
    expect(h.screen()[1]).toBe('Display all 120 possibilities? (y or n)');
    await h.type('n');
    expect(h.screen()).toEqual(['$ k pod-', 'Display all 120 possibilities? (y or n)', '$ k pod-']);
  });

  it('lays out matches as readline does: down then across, padded to the longest', () => {
    expect(displayMatchList(['a', 'bb', 'ccc', 'dddd', 'eeeee'], 20)).toBe('a      dddd\r\nbb     eeeee\r\nccc\r\n');
  });
});

describe('a line that exactly fills the terminal width', () => {
  it('leaves no empty row under the command when it is submitted', async () => {
    const h = harness({ cols: 20 });
    await h.start();
    await h.type('kubectl get nodes!');
    expect(h.screen()).toEqual(['$ kubectl get nodes!']);
    await h.type('\r');
    // Output starts on the row right under the command (a second newline left a blank row).
    expect(h.cursor()).toEqual([1, 0]);
  });
});
