/**
 * Cluster data is text. Whatever a program prints (pod logs, annotations, event messages,
 * ConfigMap data) passes through `terminalText` before it reaches xterm, so that a log line
 * cannot move the cursor, retitle the window, write to the clipboard (OSC 52), or make the
 * terminal answer a query (`ESC [6n`) that would arrive as typed input.
 *
 * Colours survive (SGR `ESC [...m` and erase-in-line `ESC [K`, as `ls --color` and
 * `grep --color` print them, and as a real terminal shows coloured logs), and so does `clear`
 * when it is the whole write. The line editor's own ANSI output reaches the terminal unfiltered.
 */

// ESC followed by: CSI (`[` params final), OSC (`]` ... BEL or ST), DCS/SOS/PM/APC (`P X ^ _`
// ... ST), or a single two-byte sequence; then C1 controls (U+0080-U+009F, e.g. 8-bit CSI), and
// the C0 controls other than TAB and LF (CR included: a bare CR rewrites the line).
const ESCAPES =
  /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][\s\S]*?(?:\x07|\x1b\\|$)|\x1b[PX^_][\s\S]*?(?:\x1b\\|$)|\x1b[ -/]*[0-~]?|[\x80-\x9f]|[\x00-\x08\x0b-\x1f\x7f]/g;

/** Removes every control sequence and control character except TAB and LF. */
export function stripControls(text: string): string {
  return text.replace(ESCAPES, '');
}

/** What `clear` writes on a terminal (ncurses' clear for xterm-256color). */
export const CLEAR_SCREEN = '\x1b[H\x1b[2J\x1b[3J';

// Colour (SGR with numeric parameters) and erase-in-line: harmless, kept.
const KEPT = /(\x1b\[[0-9;:]*m|\x1b\[K)/;

/** Program output ready for xterm: unsafe controls stripped, LF turned into CR LF. */
export function terminalText(text: string): string {
  if (text === CLEAR_SCREEN) return text;
  return text
    .split(KEPT)
    .map((part, i) => (i % 2 === 1 ? part : stripControls(part)))
    .join('')
    .replace(/\n/g, '\r\n');
}
