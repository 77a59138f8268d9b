/**
 * `-o yaml` exactly as kubectl prints it. kubectl's YAMLPrinter calls sigs.k8s.io/yaml.Marshal,
 * which marshals the object to JSON, decodes that JSON into generic maps and re-encodes it with
 * its fork of gopkg.in/yaml.v2. So, whatever the Go struct order:
 *
 * - map keys are sorted at every level with yaml.v2's key order (sorter.go: digit runs compare
 *   numerically, a letter sorts after a non-letter);
 * - sequences inside mappings are not indented (`containers:\n- image: nginx`);
 * - strings that would read back as another type (`"1"`, `"true"`, `""`, timestamps such as
 *   `"2026-11-26T09:00:00Z"`) are double-quoted; strings that can't be plain are single-quoted
 *   (`'*'`), or double-quoted when they hold special characters; multi-line strings use the
 *   literal style (`|`, `|-`, `|+`);
 * - long plain and quoted scalars fold at spaces once the line passes 80 columns, continuing
 *   two columns deeper (yaml.v2's best_width).
 *
 * The emitter logic follows yaml.v2's emitterc.go (yaml_emitter_analyze_scalar,
 * yaml_emitter_select_scalar_style, the write_*_scalar functions) and resolve.go.
 */

const BEST_WIDTH = 80;
const BEST_INDENT = 2;

// ---- key order (yaml.v2 sorter.go) ---------------------------------------------------------

const isLetter = (c: string): boolean => /\p{L}/u.test(c);
const isDigit = (c: string): boolean => c >= '0' && c <= '9';

/** yaml.v2's keyList.Less for string keys. */
export function yamlKeyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]);
    const bl = isLetter(br[i]);
    if (al && bl) return ar[i] < br[i];
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10 + (ar[ai].charCodeAt(0) - 48);
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10 + (br[bi].charCodeAt(0) - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i] < br[i];
  }
  return ar.length < br.length;
}

export function yamlKeyCompare(a: string, b: string): number {
  return yamlKeyLess(a, b) ? -1 : yamlKeyLess(b, a) ? 1 : 0;
}

// ---- resolve (yaml.v2 resolve.go) -----------------------------------------------------------

const RESOLVE_WORDS = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON',
  'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF',
  '~', 'null', 'Null', 'NULL',
  '.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF',
  '<<',
]);
const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/** Go's strconv.ParseInt(s, 0, 64) succeeds. */
function goParsesInt(s: string): boolean {
  return /^[-+]?(0[xX](_?[0-9a-fA-F])+|0[bB](_?[01])+|0[oO](_?[0-7])+|0(_?[0-7])*|[1-9](_?[0-9])*)$/.test(s);
}

/** Go's time.Parse with yaml.v2's timestamp layouts (parseTimestamp). */
function isTimestamp(s: string): boolean {
  let i = 0;
  while (i < s.length && isDigit(s[i])) i++;
  if (i !== 4 || i === s.length || s[i] !== '-') return false;
  const date = String.raw`\d{4}-\d{1,2}-\d{1,2}`;
  const time = String.raw`\d{1,2}:\d{1,2}:\d{1,2}(\.\d+)?`;
  const zone = String.raw`(Z|[+-]\d{2}:\d{2})`;
  return (
    new RegExp(`^${date}[Tt]${time}${zone}$`).test(s) ||
    new RegExp(`^${date} ${time}$`).test(s) ||
    new RegExp(`^${date}$`).test(s)
  );
}

/** Whether a plain scalar would read back as something other than a string. */
function resolvesToNonString(s: string): boolean {
  if (s === '') return true;
  if (RESOLVE_WORDS.has(s)) return true;
  const c = s[0];
  if ('+-.0123456789'.includes(c)) {
    const plain = s.replace(/_/g, '');
    if (goParsesInt(plain) || goParsesInt(s)) return true;
    if (YAML_FLOAT.test(plain)) return true;
    if (/^[-+]?0b[01]+$/.test(plain)) return true;
    if (isTimestamp(s)) return true;
  }
  return BASE60_FLOAT.test(s);
}

// ---- scalar analysis (yaml_emitter_analyze_scalar) -------------------------------------------

interface Analysis {
  multiline: boolean;
  flowPlain: boolean;
  blockPlain: boolean;
  singleQuoted: boolean;
  block: boolean;
}

const isBreakCh = (c: string | undefined): boolean =>
  c === '\r' || c === '\n' || c === '\u0085' || c === '\u2028' || c === '\u2029';
const isSpaceCh = (c: string | undefined): boolean => c === ' ';
const isBlankCh = (c: string | undefined): boolean => c === ' ' || c === '\t';

/** yaml.v2's is_printable, which looks at UTF-8 bytes: NEL and 4-byte characters (emoji) are not. */
function isPrintable(c: string): boolean {
  const cp = c.codePointAt(0)!;
  return cp === 0x0a || (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff);
}

function analyze(value: string): Analysis {
  if (value.length === 0) {
    return { multiline: false, flowPlain: false, blockPlain: true, singleQuoted: true, block: false };
  }
  const ch = [...value];
  let blockIndicators = false;
  let flowIndicators = false;
  let lineBreaks = false;
  let specialCharacters = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let precededByWhitespace = true;
  let previousSpace = false;
  let previousBreak = false;
  if (value.startsWith('---') || value.startsWith('...')) {
    blockIndicators = true;
    flowIndicators = true;
  }
  for (let i = 0; i < ch.length; i++) {
    const c = ch[i];
    const followedByWhitespace = i + 1 >= ch.length || isBlankCh(ch[i + 1]) || isBreakCh(ch[i + 1]);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) {
        flowIndicators = true;
        blockIndicators = true;
      } else if (c === '?' || c === ':') {
        flowIndicators = true;
        if (followedByWhitespace) blockIndicators = true;
      } else if (c === '-') {
        if (followedByWhitespace) {
          flowIndicators = true;
          blockIndicators = true;
        }
      }
    } else {
      if (',?[]{}'.includes(c)) flowIndicators = true;
      else if (c === ':') {
        flowIndicators = true;
        if (followedByWhitespace) blockIndicators = true;
      } else if (c === '#' && precededByWhitespace) {
        flowIndicators = true;
        blockIndicators = true;
      }
    }
    if (!isPrintable(c)) specialCharacters = true;
    if (isSpaceCh(c)) {
      if (i === 0) leadingSpace = true;
      if (i === ch.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreakCh(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === ch.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlankCh(c) || isBreakCh(c);
  }
  const a: Analysis = { multiline: lineBreaks, flowPlain: true, blockPlain: true, singleQuoted: true, block: true };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
    a.flowPlain = false;
    a.blockPlain = false;
  }
  if (trailingSpace) a.block = false;
  if (breakSpace) {
    a.flowPlain = false;
    a.blockPlain = false;
    a.singleQuoted = false;
  }
  if (spaceBreak || specialCharacters) {
    a.flowPlain = false;
    a.blockPlain = false;
    a.singleQuoted = false;
    a.block = false;
  }
  if (lineBreaks) {
    a.flowPlain = false;
    a.blockPlain = false;
  }
  if (flowIndicators) a.flowPlain = false;
  if (blockIndicators) a.blockPlain = false;
  return a;
}

// ---- the emitter ---------------------------------------------------------------------------------

type Style = 'plain' | 'single' | 'double' | 'literal';

/** A minimal yaml.v2 emitter state: the text, the column, and the whitespace/indention flags. */
class Emitter {
  out = '';
  column = 0;
  whitespace = true;
  indention = true;
  indent = -1;

  put(s: string): void {
    this.out += s;
    this.column += [...s].length;
  }

  putBreak(): void {
    this.out += '\n';
    this.column = 0;
  }

  writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.putBreak();
    while (this.column < indent) this.put(' ');
    this.whitespace = true;
    this.indention = true;
  }

  writeIndicator(ind: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    this.put(ind);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  /** Writes a scalar at the current position; `indent` is where folded lines continue. */
  scalar(value: string, style: Style, simpleKey: boolean, indent: number): void {
    const saved = this.indent;
    this.indent = indent;
    const allowBreaks = !simpleKey;
    switch (style) {
      case 'plain':
        this.writePlain(value, allowBreaks);
        break;
      case 'single':
        this.writeSingle(value, allowBreaks);
        break;
      case 'double':
        this.writeDouble(value, allowBreaks);
        break;
      case 'literal':
        this.writeLiteral(value);
        break;
    }
    this.indent = saved;
  }

  private writePlain(value: string, allowBreaks: boolean): void {
    if (!this.whitespace) this.put(' ');
    const ch = [...value];
    let spaces = false;
    for (let i = 0; i < ch.length; i++) {
      const c = ch[i];
      if (isSpaceCh(c)) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && !isSpaceCh(ch[i + 1])) {
          this.writeIndent();
        } else {
          this.put(c);
        }
        spaces = true;
      } else {
        this.put(c);
        this.indention = false;
        spaces = false;
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  private writeSingle(value: string, allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    const ch = [...value];
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < ch.length; i++) {
      const c = ch[i];
      if (isSpaceCh(c)) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < ch.length - 1 && !isSpaceCh(ch[i + 1])) {
          this.writeIndent();
        } else {
          this.put(c);
        }
        spaces = true;
      } else if (isBreakCh(c)) {
        if (!breaks && c === '\n') this.putBreak();
        this.putBreak();
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (c === "'") this.put("'");
        this.put(c);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.writeIndicator("'", false, false, false);
  }

  private writeDouble(value: string, allowBreaks: boolean): void {
    this.writeIndicator('"', true, false, false);
    const ch = [...value];
    let spaces = false;
    for (let i = 0; i < ch.length; i++) {
      const c = ch[i];
      const cp = c.codePointAt(0)!;
      if (!isPrintable(c) || cp === 0xfeff || isBreakCh(c) || c === '"' || c === '\\') {
        this.put('\\');
        const simple: Record<number, string> = {
          0x00: '0', 0x07: 'a', 0x08: 'b', 0x09: 't', 0x0a: 'n', 0x0b: 'v', 0x0c: 'f', 0x0d: 'r',
          0x1b: 'e', 0x22: '"', 0x5c: '\\', 0x85: 'N', 0xa0: '_', 0x2028: 'L', 0x2029: 'P',
        };
        if (simple[cp] !== undefined) this.put(simple[cp]);
        else if (cp <= 0xff) this.put('x' + cp.toString(16).toUpperCase().padStart(2, '0'));
        else if (cp <= 0xffff) this.put('u' + cp.toString(16).toUpperCase().padStart(4, '0'));
        else this.put('U' + cp.toString(16).toUpperCase().padStart(8, '0'));
        spaces = false;
      } else if (isSpaceCh(c)) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < ch.length - 1) {
          this.writeIndent();
          if (isSpaceCh(ch[i + 1])) this.put('\\');
        } else {
          this.put(c);
        }
        spaces = true;
      } else {
        this.put(c);
        spaces = false;
      }
    }
    this.writeIndicator('"', false, false, false);
  }

  private writeLiteral(value: string): void {
    this.writeIndicator('|', true, false, false);
    const ch = [...value];
    if (isSpaceCh(ch[0]) || isBreakCh(ch[0])) this.writeIndicator(String(BEST_INDENT), false, false, false);
    const last = ch[ch.length - 1];
    if (!isBreakCh(last)) this.writeIndicator('-', false, false, false);
    else if (ch.length === 1 || isBreakCh(ch[ch.length - 2])) this.writeIndicator('+', false, false, false);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (const c of ch) {
      if (isBreakCh(c)) {
        this.putBreak();
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.put(c);
        this.indention = false;
        breaks = false;
      }
    }
  }
}

/** The style yaml.v2 picks for a string (encode.go stringv + select_scalar_style). */
function stringStyle(s: string, simpleKey: boolean): Style {
  const a = analyze(s);
  let style: Style;
  if (s.includes('\n')) style = 'literal';
  else if (!resolvesToNonString(s)) style = 'plain';
  else style = 'double';
  if (style === 'plain') {
    if (!a.blockPlain) style = 'single';
    if (s.length === 0 && simpleKey) style = 'single';
  }
  if (style === 'single' && !a.singleQuoted) style = 'double';
  if (style === 'literal' && (!a.block || simpleKey)) style = 'double';
  return style;
}

/** Go's strconv.FormatFloat(f, 'g', -1, 64) for the floats JSON carries. */
function formatFloat(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  const s = String(n);
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Drops undefined members as JSON marshalling does. */
function entriesOf(o: Record<string, unknown>): [string, unknown][] {
  return Object.entries(o).filter(([, v]) => v !== undefined);
}

function emitScalarValue(e: Emitter, v: unknown, indent: number): void {
  if (v === null || v === undefined) return e.scalar('null', 'plain', false, indent);
  if (typeof v === 'boolean') return e.scalar(String(v), 'plain', false, indent);
  if (typeof v === 'number') return e.scalar(formatFloat(v), 'plain', false, indent);
  const s = String(v);
  e.scalar(s, stringStyle(s, false), false, indent);
}

function isEmptyCollection(v: unknown): boolean {
  return (Array.isArray(v) && v.length === 0) || (isPlainObject(v) && entriesOf(v).length === 0);
}

/**
 * Emits a node. `indent` is the block indent of the enclosing collection (-1 at the top), as
 * yaml.v2 tracks it; the node starts at the current column.
 */
function emitNode(e: Emitter, v: unknown, indent: number, inMapping: boolean): void {
  if (Array.isArray(v)) {
    if (v.length === 0) return e.writeIndicator('[]', true, false, false);
    // Block sequences in a mapping are indentless (same column as the key).
    const seqIndent = indent < 0 ? 0 : inMapping && !e.indention ? indent : indent + BEST_INDENT;
    const saved = e.indent;
    for (const item of v) {
      e.indent = seqIndent;
      e.writeIndent();
      e.writeIndicator('-', true, false, true);
      emitNode(e, item, seqIndent, false);
    }
    e.indent = saved;
    return;
  }
  if (isPlainObject(v)) {
    const entries = entriesOf(v);
    if (entries.length === 0) return e.writeIndicator('{}', true, false, false);
    entries.sort((a, b) => yamlKeyCompare(a[0], b[0]));
    const mapIndent = indent < 0 ? 0 : indent + BEST_INDENT;
    const saved = e.indent;
    for (const [k, val] of entries) {
      e.indent = mapIndent;
      e.writeIndent();
      e.scalar(k, stringStyle(k, true), true, mapIndent);
      e.writeIndicator(':', false, false, false);
      if (isEmptyCollection(val) || !(Array.isArray(val) || isPlainObject(val))) {
        emitScalarOrEmpty(e, val, mapIndent);
      } else {
        emitNode(e, val, mapIndent, true);
      }
    }
    e.indent = saved;
    return;
  }
  emitScalarValue(e, v, indent < 0 ? 0 : indent + BEST_INDENT);
}

function emitScalarOrEmpty(e: Emitter, v: unknown, indent: number): void {
  if (Array.isArray(v)) return e.writeIndicator('[]', true, false, false);
  if (isPlainObject(v)) return e.writeIndicator('{}', true, false, false);
  emitScalarValue(e, v, indent + BEST_INDENT);
}

/**
 * sigs.k8s.io/yaml.Marshal reads its own JSON back with yaml.v2, whose reader refuses DEL, the C1
 * controls other than NEL and U+FFFE/U+FFFF (JSON leaves them unescaped): `-o yaml` then fails
 * with this error instead of printing.
 */
export function yamlMarshalError(value: unknown): string | undefined {
  const bad = /[\x7f-\x84\x86-\x9f\ufffe\uffff]/;
  const walk = (v: unknown): boolean => {
    if (typeof v === 'string') return bad.test(v);
    if (Array.isArray(v)) return v.some(walk);
    if (v !== null && typeof v === 'object') return Object.entries(v).some(([k, x]) => bad.test(k) || walk(x));
    return false;
  };
  return walk(value) ? 'yaml: control characters are not allowed' : undefined;
}

/** The YAML text of a JSON-compatible value, as sigs.k8s.io/yaml.Marshal produces it. */
export function toYaml(value: unknown): string {
  const e = new Emitter();
  const plain = JSON.parse(JSON.stringify(value ?? null)) as unknown;
  emitNode(e, plain, -1, false);
  return e.out.endsWith('\n') ? e.out : e.out + '\n';
}

/**
 * kubectl's YAMLPrinter output for several objects: documents separated by `---` (one object
 * prints no separator).
 */
export function printYaml(objects: unknown[]): string {
  return objects.map((o, i) => (i > 0 ? '---\n' : '') + toYaml(o)).join('');
}
