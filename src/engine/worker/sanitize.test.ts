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
    expect(terminalText('a\r\nb\n\x1b[1mc\x1b[0m\n')).toBe('a\r\nb\r\nc\r\n');
  });
});
