import { describe, expect, it } from 'vitest';
import { stripControls, terminalText } from './sanitize';

describe('stripControls', () => {
  it.each([
    ['plain text stays', 'NAME   READY\nweb    1/1', 'NAME   READY\nweb    1/1'],
    ['tabs and newlines stay', 'a\tb\nc', 'a\tb\nc'],
    ['CSI colour codes go', '\x1b[31mred\x1b[0m', 'red'],
    ['cursor movement goes', 'x\x1b[2J\x1b[Hy', 'xy'],
    ['OSC title with BEL goes', '\x1b]0;pwned\x07after', 'after'],
    ['OSC 52 clipboard with ST goes', '\x1b]52;c;ZXZpbA==\x1b\\ok', 'ok'],
    ['DCS goes', '\x1bPq#0;2;0;0;0\x1b\\ok', 'ok'],
    ['8-bit CSI goes', '\x9b31mred', '31mred'],
    ['bare CR and backspace go', 'abc\rdef\b', 'abcdef'],
    ['two-byte ESC sequences go', '\x1bcreset\x1b7', 'reset'],
    ['unicode text stays', '容器 ✓ naïve', '容器 ✓ naïve'],
  ])('%s', (_name, input, want) => {
    expect(stripControls(input)).toBe(want);
  });
});

describe('terminalText', () => {
  it('turns LF into CR LF after stripping', () => {
    expect(terminalText('a\r\nb\n\x1b[2Jc\n')).toBe('a\r\nb\r\nc\r\n');
  });

  it('keeps colours and erase-in-line, as ls and grep print them', () => {
    expect(terminalText('\x1b[01;34mdir\x1b[0m \x1b[01;31m\x1b[Kmatch\x1b[m\x1b[K')).toBe(
      '\x1b[01;34mdir\x1b[0m \x1b[01;31m\x1b[Kmatch\x1b[m\x1b[K',
    );
  });

  it('strips a cursor-position query that would make the terminal type an answer', () => {
    expect(terminalText('log line\x1b[6n\n')).toBe('log line\r\n');
  });

  it('strips OSC even between colours', () => {
    expect(terminalText('\x1b[31m\x1b]52;c;aGk=\x07red\x1b[0m')).toBe('\x1b[31mred\x1b[0m');
  });

  it('lets clear through only as a whole write', () => {
    expect(terminalText('\x1b[H\x1b[2J\x1b[3J')).toBe('\x1b[H\x1b[2J\x1b[3J');
    expect(terminalText('x\x1b[H\x1b[2J\x1b[3J')).toBe('x');
  });
});
