/**
 * Cluster data is text. Whatever a program prints (pod logs, annotations, event messages,
 * ConfigMap data) passes through `terminalText` before it reaches xterm, so that a log line
 * cannot move the cursor, retitle the window, or write to the clipboard (OSC 52).
 *
 * Only the line editor's own ANSI output (prompt, cursor moves) reaches the terminal unfiltered.
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

/** Cluster text ready for xterm: controls stripped, LF turned into CR LF. */
export function terminalText(text: string): string {
  return stripControls(text).replace(/\n/g, '\r\n');
}
