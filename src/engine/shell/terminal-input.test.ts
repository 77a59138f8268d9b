import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster';
import { Shell } from './shell';
import { TerminalInput } from './terminal-input';
import { stripAnsi } from './line-editor';

function setup() {
  const shell = new Shell({ cluster: new Cluster({ bare: true, nodes: 0 }), mode: 'interactive', tty: false });
  return { shell, input: new TerminalInput(shell, 80) };
}

describe('TerminalInput', () => {
  it('shows the prompt and returns a complete input on Enter', () => {
    const { input } = setup();
    expect(input.start().output).toBe('\r\x1b[Jlearner@control-plane:~$ ');
    const r = input.feed('echo hi\r');
    expect(r.input).toBe('echo hi');
    expect(input.editing).toBe(false);
  });

  it('asks for more lines with > until a heredoc is complete', () => {
    const { input } = setup();
    input.start();
    let r = input.feed('cat <<EOF\r');
    expect(r.input).toBeUndefined();
    expect(stripAnsi(r.output)).toContain('> ');
    r = input.feed('hello\r');
    expect(r.input).toBeUndefined();
    r = input.feed('EOF\r');
    expect(r.input).toBe('cat <<EOF\nhello\nEOF');
  });

  it('abandons a half-typed multi-line input on Ctrl-C with a new prompt', () => {
    const { input } = setup();
    input.start();
    input.feed('echo "open\r');
    const r = input.feed('\x03');
    expect(r.input).toBeUndefined();
    expect(stripAnsi(r.output)).toBe('\r> ^C\r\n\rlearner@control-plane:~$ ');
    expect(input.feed('echo ok\r').input).toBe('echo ok');
  });

  it('keeps type-ahead for the next prompt, e.g. a pasted script', () => {
    const { input } = setup();
    input.start();
    expect(input.feed('echo 1\recho 2\r').input).toBe('echo 1');
    expect(input.start().input).toBe('echo 2');
  });

  it('recalls what the shell ran with Up', () => {
    const { input, shell } = setup();
    input.start();
    const cmd = input.feed('echo recalled\r').input!;
    shell.run(cmd, { write: () => {} }, { write: () => {} });
    input.start();
    input.feed('\x1b[A');
    expect(input.editor.line).toBe('echo recalled');
  });

  it('colours the prompt on a colour terminal', () => {
    const shell = new Shell({ cluster: new Cluster({ bare: true, nodes: 0 }), mode: 'interactive', tty: true });
    expect(new TerminalInput(shell).start().output).toBe(
      '\r\x1b[J\x1b[01;32mlearner@control-plane\x1b[00m:\x1b[01;34m~\x1b[00m$ ',
    );
  });
});
