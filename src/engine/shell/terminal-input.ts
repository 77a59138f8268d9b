/**
 * What the browser terminal reads: the line editor (./line-editor.ts) in front of the shell,
 * with bash's prompts. It turns keys into complete inputs the way interactive bash reads them:
 * the primary prompt (PS1) for a new command, `> ` (PS2) while the input needs more lines (an
 * open quote, a heredoc, a trailing `|`), Ctrl-C abandoning the input with `^C`, Tab completion
 * from ./completion.ts and history shared with the shell (`history`, Up, Ctrl-R).
 *
 * The host calls `start()` whenever the shell is ready for a new command (at first and after
 * each command has finished) and `feed()` with what xterm sends. Each call returns the text to
 * write and at most one complete input to run; keys typed after it wait for the next `start()`.
 */
import { createCompleter } from './completion';
import { LineEditor } from './line-editor';
import type { Shell } from './shell';

export interface InputResult {
  /** ANSI text for the terminal (the editor's echo and prompts). */
  output: string;
  /** A complete input to run (several lines joined by `\n`), if Enter finished one. */
  input?: string;
}

export class TerminalInput {
  readonly editor: LineEditor;
  private pending: string[] = [];

  constructor(
    private shell: Shell,
    columns = shell.columns,
  ) {
    this.editor = new LineEditor({ history: shell.history, completer: createCompleter(shell), columns });
  }

  /** Whether the editor is waiting for keys (false while a command runs). */
  get editing(): boolean {
    return this.editor.isActive;
  }

  /** Shows the primary prompt for a new command and processes keys typed ahead. */
  start(): InputResult {
    this.pending = [];
    return this.after(this.editor.start(this.shell.prompt({ color: this.shell.tty })));
  }

  /** Feeds what xterm sent. While a command runs, keys wait (Ctrl-C is the host's business). */
  feed(data: string): InputResult {
    return this.after(this.editor.feed(data));
  }

  /** The terminal changed width. */
  resize(columns: number): string {
    this.shell.columns = columns;
    return this.editor.resize(columns);
  }

  private after(r: ReturnType<LineEditor['feed']>): InputResult {
    let output = r.output;
    let event = r.event;
    while (event) {
      if (event.type === 'submit') {
        this.pending.push(event.line);
        const text = this.pending.join('\n');
        if (this.shell.needsMore(text)) {
          const next = this.editor.start('> ');
          output += next.output;
          event = next.event;
          continue;
        }
        this.pending = [];
        if (text.trim() === '') {
          // An empty line just shows a new prompt (and is not remembered).
          const next = this.editor.start(this.shell.prompt({ color: this.shell.tty }));
          output += next.output;
          event = next.event;
          continue;
        }
        return { output, input: text };
      }
      // Ctrl-C abandons the input; Ctrl-D on an empty line is ignored (the page has no logout).
      this.pending = [];
      const next = this.editor.start(this.shell.prompt({ color: this.shell.tty }));
      output += next.output;
      event = next.event;
    }
    return { output };
  }
}
