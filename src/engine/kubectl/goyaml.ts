/**
 * YAML as kubectl reads manifests: sigs.k8s.io/yaml's YAMLToJSON over its fork of go-yaml v2
 * (gopkg.in/yaml.v2 v2.4.0: readerc.go, scannerc.go, parserc.go, decode.go, resolve.go),
 * ported closely so that a broken manifest fails with go-yaml's own words and line
 * (`yaml: line 4: found character that cannot start any token`, `did not find expected key`,
 * `control characters are not allowed` ...), and values resolve as YAML 1.1 does in go-yaml
 * (`yes`/`no`/`on`/`off` are booleans, `0644` is octal, `1_000` is an int, timestamps stay strings).
 *
 * Only what YAMLToJSON needs is ported: the reader (UTF-8, with its 512-byte chunks so the
 * control-character check fires when go-yaml would), the scanner and parser state machines,
 * the node composer (anchors, aliases, `<<` merge keys), scalar resolution and the conversion
 * of keys to JSON strings. Only the first document of the input is decoded, as yaml.Unmarshal does.
 */

export class YamlError extends Error {}

// ---- reader ----------------------------------------------------------------------------

interface Mark {
  index: number;
  line: number;
  column: number;
}

const enum T {
  NONE,
  STREAM_START,
  STREAM_END,
  VERSION_DIRECTIVE,
  TAG_DIRECTIVE,
  DOCUMENT_START,
  DOCUMENT_END,
  BLOCK_SEQUENCE_START,
  BLOCK_MAPPING_START,
  BLOCK_END,
  FLOW_SEQUENCE_START,
  FLOW_SEQUENCE_END,
  FLOW_MAPPING_START,
  FLOW_MAPPING_END,
  BLOCK_ENTRY,
  FLOW_ENTRY,
  KEY,
  VALUE,
  ALIAS,
  ANCHOR,
  TAG,
  SCALAR,
}

const enum Style {
  ANY,
  PLAIN,
  SINGLE_QUOTED,
  DOUBLE_QUOTED,
  LITERAL,
  FOLDED,
}

interface Token {
  typ: T;
  start: Mark;
  end: Mark;
  value?: number[];
  suffix?: number[];
  prefix?: number[];
  style?: Style;
  major?: number;
  minor?: number;
}

const enum E {
  NONE,
  STREAM_START,
  STREAM_END,
  DOCUMENT_START,
  DOCUMENT_END,
  ALIAS,
  SCALAR,
  SEQUENCE_START,
  SEQUENCE_END,
  MAPPING_START,
  MAPPING_END,
}

interface Event {
  typ: E;
  start: Mark;
  end: Mark;
  anchor?: number[];
  tag?: number[];
  value?: number[];
  implicit?: boolean;
  quotedImplicit?: boolean;
  style?: Style;
}

const enum S {
  STREAM_START,
  IMPLICIT_DOCUMENT_START,
  DOCUMENT_START,
  DOCUMENT_CONTENT,
  DOCUMENT_END,
  BLOCK_NODE,
  BLOCK_NODE_OR_INDENTLESS_SEQUENCE,
  FLOW_NODE,
  BLOCK_SEQUENCE_FIRST_ENTRY,
  BLOCK_SEQUENCE_ENTRY,
  INDENTLESS_SEQUENCE_ENTRY,
  BLOCK_MAPPING_FIRST_KEY,
  BLOCK_MAPPING_KEY,
  BLOCK_MAPPING_VALUE,
  FLOW_SEQUENCE_FIRST_ENTRY,
  FLOW_SEQUENCE_ENTRY,
  FLOW_SEQUENCE_ENTRY_MAPPING_KEY,
  FLOW_SEQUENCE_ENTRY_MAPPING_VALUE,
  FLOW_SEQUENCE_ENTRY_MAPPING_END,
  FLOW_MAPPING_FIRST_KEY,
  FLOW_MAPPING_KEY,
  FLOW_MAPPING_VALUE,
  FLOW_MAPPING_EMPTY_VALUE,
  END,
}

const enum ErrKind {
  NONE,
  READER,
  SCANNER,
  PARSER,
}

interface SimpleKey {
  possible: boolean;
  required: boolean;
  tokenNumber: number;
  mark: Mark;
}

function utf8Bytes(text: string): number[] {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

function utf8String(b: number[]): string {
  let s = '';
  for (let i = 0; i < b.length; ) {
    const c = b[i];
    let cp: number;
    if (c < 0x80) {
      cp = c;
      i += 1;
    } else if ((c & 0xe0) === 0xc0) {
      cp = ((c & 0x1f) << 6) | (b[i + 1] & 0x3f);
      i += 2;
    } else if ((c & 0xf0) === 0xe0) {
      cp = ((c & 0x0f) << 12) | ((b[i + 1] & 0x3f) << 6) | (b[i + 2] & 0x3f);
      i += 3;
    } else {
      cp = ((c & 0x07) << 18) | ((b[i + 1] & 0x3f) << 12) | ((b[i + 2] & 0x3f) << 6) | (b[i + 3] & 0x3f);
      i += 4;
    }
    s += String.fromCodePoint(cp);
  }
  return s;
}

function width(b: number): number {
  if ((b & 0x80) === 0) return 1;
  if ((b & 0xe0) === 0xc0) return 2;
  if ((b & 0xf0) === 0xe0) return 3;
  if ((b & 0xf8) === 0xf0) return 4;
  return 0;
}

const copyMark = (m: Mark): Mark => ({ index: m.index, line: m.line, column: m.column });

const MAX_FLOW_LEVEL = 10000;

const codes = (chars: string): Set<number> => new Set(chars.split('').map((c) => c.charCodeAt(0)));
/** Characters that cannot start a plain scalar (the indicators). */
const INDICATORS = codes('-?:,[]{}#&*!|>\'"%@`');
const URI_CHARS = codes(";/?:@&=+$,.!~*'()[]%");
/** Double-quoted escapes and the UTF-8 bytes they stand for. */
const ESCAPES: Record<number, number[]> = {
  48: [0],
  97: [7],
  98: [8],
  116: [9],
  9: [9],
  110: [10],
  118: [11],
  102: [12],
  114: [13],
  101: [0x1b],
  32: [32],
  34: [34],
  39: [39],
  92: [92],
  78: [0xc2, 0x85],
  95: [0xc2, 0xa0],
  76: [0xe2, 0x80, 0xa8],
  80: [0xe2, 0x80, 0xa9],
};
const MAX_INDENTS = 10000;

class Parser {
  // reader
  private readonly buf: number[];
  private decoded = 0;
  private eof = false;
  unread = 0;
  pos = 0;
  mark: Mark = { index: 0, line: 0, column: 0 };
  // errors
  error = ErrKind.NONE;
  problem = '';
  problemMark: Mark = { index: 0, line: 0, column: 0 };
  context = '';
  contextMark: Mark = { index: 0, line: 0, column: 0 };
  // scanner
  private streamStartProduced = false;
  private streamEndProduced = false;
  private flowLevel = 0;
  private tokens: Token[] = [];
  private tokensHead = 0;
  private tokensParsed = 0;
  private tokenAvailable = false;
  private indent = 0;
  private indents: number[] = [];
  private simpleKeyAllowed = false;
  private simpleKeys: SimpleKey[] = [];
  private simpleKeysByTok = new Map<number, number>();
  // parser
  state: S = S.STREAM_START;
  private states: S[] = [];
  private marks: Mark[] = [];
  private tagDirectives: { handle: number[]; prefix: number[] }[] = [];

  constructor(private readonly input: number[]) {
    // The BOM is consumed with the encoding; the buffer gets a NUL terminator past the end.
    let start = 0;
    if (input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf) start = 3;
    this.buf = input.slice(start);
    this.decoded = 0;
    for (let i = 0; i < 8; i++) this.buf.push(0);
    this.inputLength = input.length - start;
  }
  private readonly inputLength: number;

  // -- reader (readerc.go) --

  /** yaml_parser_update_buffer: decodes 512-byte raw chunks until `length` characters are unread. */
  updateBuffer(length: number): boolean {
    while (this.unread < length) {
      if (this.eof) {
        return true;
      }
      const end = Math.min(this.decoded + 512, this.inputLength);
      let p = this.decoded;
      while (p < this.inputLength) {
        const b = this.buf[p];
        const w = width(b);
        if (w === 0 || p + w > end) break;
        let value: number;
        if (w === 1) value = b;
        else if (w === 2) value = ((b & 0x1f) << 6) | (this.buf[p + 1] & 0x3f);
        else if (w === 3) value = ((b & 0x0f) << 12) | ((this.buf[p + 1] & 0x3f) << 6) | (this.buf[p + 2] & 0x3f);
        else value = ((b & 0x07) << 18) | ((this.buf[p + 1] & 0x3f) << 12) | ((this.buf[p + 2] & 0x3f) << 6) | (this.buf[p + 3] & 0x3f);
        const ok =
          value === 0x09 ||
          value === 0x0a ||
          value === 0x0d ||
          (value >= 0x20 && value <= 0x7e) ||
          value === 0x85 ||
          (value >= 0xa0 && value <= 0xd7ff) ||
          (value >= 0xe000 && value <= 0xfffd) ||
          (value >= 0x10000 && value <= 0x10ffff);
        if (!ok) {
          this.error = ErrKind.READER;
          this.problem = 'control characters are not allowed';
          return false;
        }
        p += w;
        this.unread++;
      }
      this.decoded = p;
      if (p >= this.inputLength) {
        this.eof = true;
        this.unread++; // the NUL terminator
        return true;
      }
    }
    return true;
  }

  private cache(length: number): boolean {
    return this.unread >= length || this.updateBuffer(length);
  }

  // -- character classes (yamlprivateh.go) --
  private b(i = 0): number {
    return this.buf[this.pos + i] ?? 0;
  }
  private isAlpha(i = 0): boolean {
    const c = this.b(i);
    return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45;
  }
  private isDigit(i = 0): boolean {
    const c = this.b(i);
    return c >= 48 && c <= 57;
  }
  private isHex(i = 0): boolean {
    const c = this.b(i);
    return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
  }
  private asHex(i = 0): number {
    const c = this.b(i);
    if (c >= 65 && c <= 70) return c - 55;
    if (c >= 97 && c <= 102) return c - 87;
    return c - 48;
  }
  private isZ(i = 0): boolean {
    return this.b(i) === 0;
  }
  private isBom(i = 0): boolean {
    return this.b(i) === 0xef && this.b(i + 1) === 0xbb && this.b(i + 2) === 0xbf;
  }
  private isSpace(i = 0): boolean {
    return this.b(i) === 32;
  }
  private isTab(i = 0): boolean {
    return this.b(i) === 9;
  }
  private isBlank(i = 0): boolean {
    return this.b(i) === 32 || this.b(i) === 9;
  }
  private isBreak(i = 0): boolean {
    const c = this.b(i);
    return (
      c === 13 ||
      c === 10 ||
      (c === 0xc2 && this.b(i + 1) === 0x85) ||
      (c === 0xe2 && this.b(i + 1) === 0x80 && (this.b(i + 2) === 0xa8 || this.b(i + 2) === 0xa9))
    );
  }
  private isCrlf(i = 0): boolean {
    return this.b(i) === 13 && this.b(i + 1) === 10;
  }
  private isBreakz(i = 0): boolean {
    return this.isBreak(i) || this.b(i) === 0;
  }
  private isBlankz(i = 0): boolean {
    return this.isBlank(i) || this.isBreakz(i);
  }

  private skip(): void {
    this.mark.index++;
    this.mark.column++;
    this.unread--;
    this.pos += width(this.buf[this.pos]) || 1;
  }
  private skipLine(): void {
    if (this.isCrlf()) {
      this.mark.index += 2;
      this.mark.column = 0;
      this.mark.line++;
      this.unread -= 2;
      this.pos += 2;
    } else if (this.isBreak()) {
      this.mark.index++;
      this.mark.column = 0;
      this.mark.line++;
      this.unread--;
      this.pos += width(this.buf[this.pos]) || 1;
    }
  }
  private read(s: number[]): void {
    const w = width(this.buf[this.pos]) || 1;
    for (let k = 0; k < w; k++) s.push(this.buf[this.pos + k]);
    this.pos += w;
    this.mark.index++;
    this.mark.column++;
    this.unread--;
  }
  private readLine(s: number[]): void {
    const c = this.b();
    if (c === 13 && this.b(1) === 10) {
      s.push(10);
      this.pos += 2;
      this.mark.index++;
      this.unread--;
    } else if (c === 13 || c === 10) {
      s.push(10);
      this.pos += 1;
    } else if (c === 0xc2 && this.b(1) === 0x85) {
      s.push(10);
      this.pos += 2;
    } else if (c === 0xe2 && this.b(1) === 0x80 && (this.b(2) === 0xa8 || this.b(2) === 0xa9)) {
      s.push(c, this.b(1), this.b(2));
      this.pos += 3;
    } else return;
    this.mark.index++;
    this.mark.column = 0;
    this.mark.line++;
    this.unread--;
  }

  // -- scanner errors --
  private scannerError(context: string, contextMark: Mark, problem: string): false {
    this.error = ErrKind.SCANNER;
    this.context = context;
    this.contextMark = copyMark(contextMark);
    this.problem = problem;
    this.problemMark = copyMark(this.mark);
    return false;
  }

  // -- tokens queue --
  private insertToken(pos: number, token: Token): void {
    if (pos < 0) {
      this.tokens.push(token);
      return;
    }
    this.tokens.splice(this.tokensHead + pos, 0, token);
  }

  fetchMoreTokens(): boolean {
    for (;;) {
      if (this.tokensHead !== this.tokens.length) {
        const headTokIdx = this.simpleKeysByTok.get(this.tokensParsed);
        if (headTokIdx === undefined) break;
        const [valid, ok] = this.simpleKeyIsValid(this.simpleKeys[headTokIdx]);
        if (!ok) return false;
        if (!valid) break;
      }
      if (!this.fetchNextToken()) return false;
    }
    this.tokenAvailable = true;
    return true;
  }

  private fetchNextToken(): boolean {
    if (!this.cache(1)) return false;
    if (!this.streamStartProduced) return this.fetchStreamStart();
    if (!this.scanToNextToken()) return false;
    if (!this.unrollIndent(this.mark.column)) return false;
    if (!this.cache(4)) return false;
    if (this.isZ()) return this.fetchStreamEnd();
    const c = this.b();
    if (this.mark.column === 0 && c === 37 /* % */) return this.fetchDirective();
    if (this.mark.column === 0 && c === 45 && this.b(1) === 45 && this.b(2) === 45 && this.isBlankz(3)) {
      return this.fetchDocumentIndicator(T.DOCUMENT_START);
    }
    if (this.mark.column === 0 && c === 46 && this.b(1) === 46 && this.b(2) === 46 && this.isBlankz(3)) {
      return this.fetchDocumentIndicator(T.DOCUMENT_END);
    }
    if (c === 91) return this.fetchFlowCollectionStart(T.FLOW_SEQUENCE_START);
    if (c === 123) return this.fetchFlowCollectionStart(T.FLOW_MAPPING_START);
    if (c === 93) return this.fetchFlowCollectionEnd(T.FLOW_SEQUENCE_END);
    if (c === 125) return this.fetchFlowCollectionEnd(T.FLOW_MAPPING_END);
    if (c === 44) return this.fetchFlowEntry();
    if (c === 45 && this.isBlankz(1)) return this.fetchBlockEntry();
    if (c === 63 && (this.flowLevel > 0 || this.isBlankz(1))) return this.fetchKey();
    if (c === 58 && (this.flowLevel > 0 || this.isBlankz(1))) return this.fetchValue();
    if (c === 42) return this.fetchAnchor(T.ALIAS);
    if (c === 38) return this.fetchAnchor(T.ANCHOR);
    if (c === 33) return this.fetchTag();
    if (c === 124 && this.flowLevel === 0) return this.fetchBlockScalar(true);
    if (c === 62 && this.flowLevel === 0) return this.fetchBlockScalar(false);
    if (c === 39) return this.fetchFlowScalar(true);
    if (c === 34) return this.fetchFlowScalar(false);
    if (
      !(this.isBlankz() || INDICATORS.has(c)) ||
      (c === 45 && !this.isBlank(1)) ||
      (this.flowLevel === 0 && (c === 63 || c === 58) && !this.isBlankz(1))
    ) {
      return this.fetchPlainScalar();
    }
    return this.scannerError('while scanning for the next token', this.mark, 'found character that cannot start any token');
  }

  private simpleKeyIsValid(k: SimpleKey): [boolean, boolean] {
    if (!k.possible) return [false, true];
    if (k.mark.line < this.mark.line || k.mark.index + 1024 < this.mark.index) {
      if (k.required) return [false, this.scannerError('while scanning a simple key', k.mark, "could not find expected ':'")];
      k.possible = false;
      return [false, true];
    }
    return [true, true];
  }

  private saveSimpleKey(): boolean {
    const required = this.flowLevel === 0 && this.indent === this.mark.column;
    if (this.simpleKeyAllowed) {
      const k: SimpleKey = {
        possible: true,
        required,
        tokenNumber: this.tokensParsed + (this.tokens.length - this.tokensHead),
        mark: copyMark(this.mark),
      };
      if (!this.removeSimpleKey()) return false;
      this.simpleKeys[this.simpleKeys.length - 1] = k;
      this.simpleKeysByTok.set(k.tokenNumber, this.simpleKeys.length - 1);
    }
    return true;
  }

  private removeSimpleKey(): boolean {
    const i = this.simpleKeys.length - 1;
    const k = this.simpleKeys[i];
    if (k.possible) {
      if (k.required) return this.scannerError('while scanning a simple key', k.mark, "could not find expected ':'");
      k.possible = false;
      this.simpleKeysByTok.delete(k.tokenNumber);
    }
    return true;
  }

  private increaseFlowLevel(): boolean {
    this.simpleKeys.push({
      possible: false,
      required: false,
      tokenNumber: this.tokensParsed + (this.tokens.length - this.tokensHead),
      mark: copyMark(this.mark),
    });
    this.flowLevel++;
    if (this.flowLevel > MAX_FLOW_LEVEL) {
      return this.scannerError('while increasing flow level', this.simpleKeys[this.simpleKeys.length - 1].mark, `exceeded max depth of ${MAX_FLOW_LEVEL}`);
    }
    return true;
  }

  private decreaseFlowLevel(): boolean {
    if (this.flowLevel > 0) {
      this.flowLevel--;
      const last = this.simpleKeys.length - 1;
      this.simpleKeysByTok.delete(this.simpleKeys[last].tokenNumber);
      this.simpleKeys.pop();
    }
    return true;
  }

  private rollIndent(column: number, number: number, typ: T, mark: Mark): boolean {
    if (this.flowLevel > 0) return true;
    if (this.indent < column) {
      this.indents.push(this.indent);
      this.indent = column;
      if (this.indents.length > MAX_INDENTS) {
        return this.scannerError('while increasing indent level', this.simpleKeys[this.simpleKeys.length - 1].mark, `exceeded max depth of ${MAX_INDENTS}`);
      }
      if (number > -1) number -= this.tokensParsed;
      this.insertToken(number, { typ, start: copyMark(mark), end: copyMark(mark) });
    }
    return true;
  }

  private unrollIndent(column: number): boolean {
    if (this.flowLevel > 0) return true;
    while (this.indent > column) {
      this.insertToken(-1, { typ: T.BLOCK_END, start: copyMark(this.mark), end: copyMark(this.mark) });
      this.indent = this.indents.pop()!;
    }
    return true;
  }

  private fetchStreamStart(): boolean {
    this.indent = -1;
    this.simpleKeys.push({ possible: false, required: false, tokenNumber: 0, mark: { index: 0, line: 0, column: 0 } });
    this.simpleKeysByTok = new Map();
    this.simpleKeyAllowed = true;
    this.streamStartProduced = true;
    this.insertToken(-1, { typ: T.STREAM_START, start: copyMark(this.mark), end: copyMark(this.mark) });
    return true;
  }

  private fetchStreamEnd(): boolean {
    if (this.mark.column !== 0) {
      this.mark.column = 0;
      this.mark.line++;
    }
    if (!this.unrollIndent(-1)) return false;
    if (!this.removeSimpleKey()) return false;
    this.simpleKeyAllowed = false;
    this.insertToken(-1, { typ: T.STREAM_END, start: copyMark(this.mark), end: copyMark(this.mark) });
    return true;
  }

  private fetchDirective(): boolean {
    if (!this.unrollIndent(-1)) return false;
    if (!this.removeSimpleKey()) return false;
    this.simpleKeyAllowed = false;
    const token = this.scanDirective();
    if (!token) return false;
    this.insertToken(-1, token);
    return true;
  }

  private fetchDocumentIndicator(typ: T): boolean {
    if (!this.unrollIndent(-1)) return false;
    if (!this.removeSimpleKey()) return false;
    this.simpleKeyAllowed = false;
    const start = copyMark(this.mark);
    this.skip();
    this.skip();
    this.skip();
    this.insertToken(-1, { typ, start, end: copyMark(this.mark) });
    return true;
  }

  private fetchFlowCollectionStart(typ: T): boolean {
    if (!this.saveSimpleKey()) return false;
    if (!this.increaseFlowLevel()) return false;
    this.simpleKeyAllowed = true;
    const start = copyMark(this.mark);
    this.skip();
    this.insertToken(-1, { typ, start, end: copyMark(this.mark) });
    return true;
  }

  private fetchFlowCollectionEnd(typ: T): boolean {
    if (!this.removeSimpleKey()) return false;
    if (!this.decreaseFlowLevel()) return false;
    this.simpleKeyAllowed = false;
    const start = copyMark(this.mark);
    this.skip();
    this.insertToken(-1, { typ, start, end: copyMark(this.mark) });
    return true;
  }

  private fetchFlowEntry(): boolean {
    if (!this.removeSimpleKey()) return false;
    this.simpleKeyAllowed = true;
    const start = copyMark(this.mark);
    this.skip();
    this.insertToken(-1, { typ: T.FLOW_ENTRY, start, end: copyMark(this.mark) });
    return true;
  }

  private fetchBlockEntry(): boolean {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) return this.scannerError('', this.mark, 'block sequence entries are not allowed in this context');
      if (!this.rollIndent(this.mark.column, -1, T.BLOCK_SEQUENCE_START, this.mark)) return false;
    }
    if (!this.removeSimpleKey()) return false;
    this.simpleKeyAllowed = true;
    const start = copyMark(this.mark);
    this.skip();
    this.insertToken(-1, { typ: T.BLOCK_ENTRY, start, end: copyMark(this.mark) });
    return true;
  }

  private fetchKey(): boolean {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) return this.scannerError('', this.mark, 'mapping keys are not allowed in this context');
      if (!this.rollIndent(this.mark.column, -1, T.BLOCK_MAPPING_START, this.mark)) return false;
    }
    if (!this.removeSimpleKey()) return false;
    this.simpleKeyAllowed = this.flowLevel === 0;
    const start = copyMark(this.mark);
    this.skip();
    this.insertToken(-1, { typ: T.KEY, start, end: copyMark(this.mark) });
    return true;
  }

  private fetchValue(): boolean {
    const k = this.simpleKeys[this.simpleKeys.length - 1];
    const [valid, ok] = this.simpleKeyIsValid(k);
    if (!ok) return false;
    if (valid) {
      this.insertToken(k.tokenNumber - this.tokensParsed, { typ: T.KEY, start: copyMark(k.mark), end: copyMark(k.mark) });
      if (!this.rollIndent(k.mark.column, k.tokenNumber, T.BLOCK_MAPPING_START, k.mark)) return false;
      k.possible = false;
      this.simpleKeysByTok.delete(k.tokenNumber);
      this.simpleKeyAllowed = false;
    } else {
      if (this.flowLevel === 0) {
        if (!this.simpleKeyAllowed) return this.scannerError('', this.mark, 'mapping values are not allowed in this context');
        if (!this.rollIndent(this.mark.column, -1, T.BLOCK_MAPPING_START, this.mark)) return false;
      }
      this.simpleKeyAllowed = this.flowLevel === 0;
    }
    const start = copyMark(this.mark);
    this.skip();
    this.insertToken(-1, { typ: T.VALUE, start, end: copyMark(this.mark) });
    return true;
  }

  private fetchAnchor(typ: T): boolean {
    if (!this.saveSimpleKey()) return false;
    this.simpleKeyAllowed = false;
    const token = this.scanAnchor(typ);
    if (!token) return false;
    this.insertToken(-1, token);
    return true;
  }

  private fetchTag(): boolean {
    if (!this.saveSimpleKey()) return false;
    this.simpleKeyAllowed = false;
    const token = this.scanTag();
    if (!token) return false;
    this.insertToken(-1, token);
    return true;
  }

  private fetchBlockScalar(literal: boolean): boolean {
    if (!this.removeSimpleKey()) return false;
    this.simpleKeyAllowed = true;
    const token = this.scanBlockScalar(literal);
    if (!token) return false;
    this.insertToken(-1, token);
    return true;
  }

  private fetchFlowScalar(single: boolean): boolean {
    if (!this.saveSimpleKey()) return false;
    this.simpleKeyAllowed = false;
    const token = this.scanFlowScalar(single);
    if (!token) return false;
    this.insertToken(-1, token);
    return true;
  }

  private fetchPlainScalar(): boolean {
    if (!this.saveSimpleKey()) return false;
    this.simpleKeyAllowed = false;
    const token = this.scanPlainScalar();
    if (!token) return false;
    this.insertToken(-1, token);
    return true;
  }

  private scanToNextToken(): boolean {
    for (;;) {
      if (!this.cache(1)) return false;
      if (this.mark.column === 0 && this.isBom()) this.skip();
      if (!this.cache(1)) return false;
      while (this.b() === 32 || ((this.flowLevel > 0 || !this.simpleKeyAllowed) && this.b() === 9)) {
        this.skip();
        if (!this.cache(1)) return false;
      }
      if (this.b() === 35) {
        while (!this.isBreakz()) {
          this.skip();
          if (!this.cache(1)) return false;
        }
      }
      if (this.isBreak()) {
        if (!this.cache(2)) return false;
        this.skipLine();
        if (this.flowLevel === 0) this.simpleKeyAllowed = true;
      } else break;
    }
    return true;
  }

  private scanDirective(): Token | undefined {
    const start = copyMark(this.mark);
    this.skip();
    const name = this.scanDirectiveName(start);
    if (!name) return undefined;
    let token: Token;
    const n = utf8String(name);
    if (n === 'YAML') {
      const v = this.scanVersionDirectiveValue(start);
      if (!v) return undefined;
      token = { typ: T.VERSION_DIRECTIVE, start, end: copyMark(this.mark), major: v[0], minor: v[1] };
    } else if (n === 'TAG') {
      const v = this.scanTagDirectiveValue(start);
      if (!v) return undefined;
      token = { typ: T.TAG_DIRECTIVE, start, end: copyMark(this.mark), value: v[0], prefix: v[1] };
    } else {
      this.scannerError('while scanning a directive', start, 'found unknown directive name');
      return undefined;
    }
    if (!this.cache(1)) return undefined;
    while (this.isBlank()) {
      this.skip();
      if (!this.cache(1)) return undefined;
    }
    if (this.b() === 35) {
      while (!this.isBreakz()) {
        this.skip();
        if (!this.cache(1)) return undefined;
      }
    }
    if (!this.isBreakz()) {
      this.scannerError('while scanning a directive', start, 'did not find expected comment or line break');
      return undefined;
    }
    if (this.isBreak()) {
      if (!this.cache(2)) return undefined;
      this.skipLine();
    }
    return token;
  }

  private scanDirectiveName(start: Mark): number[] | undefined {
    if (!this.cache(1)) return undefined;
    const s: number[] = [];
    while (this.isAlpha()) {
      this.read(s);
      if (!this.cache(1)) return undefined;
    }
    if (s.length === 0) {
      this.scannerError('while scanning a directive', start, 'could not find expected directive name');
      return undefined;
    }
    if (!this.isBlankz()) {
      this.scannerError('while scanning a directive', start, 'found unexpected non-alphabetical character');
      return undefined;
    }
    return s;
  }

  private scanVersionDirectiveValue(start: Mark): [number, number] | undefined {
    if (!this.cache(1)) return undefined;
    while (this.isBlank()) {
      this.skip();
      if (!this.cache(1)) return undefined;
    }
    const major = this.scanVersionDirectiveNumber(start);
    if (major === undefined) return undefined;
    if (this.b() !== 46) {
      this.scannerError('while scanning a %YAML directive', start, "did not find expected digit or '.' character");
      return undefined;
    }
    this.skip();
    const minor = this.scanVersionDirectiveNumber(start);
    if (minor === undefined) return undefined;
    return [major, minor];
  }

  private scanVersionDirectiveNumber(start: Mark): number | undefined {
    if (!this.cache(1)) return undefined;
    let value = 0;
    let length = 0;
    while (this.isDigit()) {
      length++;
      if (length > 2) {
        this.scannerError('while scanning a %YAML directive', start, 'found extremely long version number');
        return undefined;
      }
      value = value * 10 + (this.b() - 48);
      this.skip();
      if (!this.cache(1)) return undefined;
    }
    if (length === 0) {
      this.scannerError('while scanning a %YAML directive', start, 'did not find expected version number');
      return undefined;
    }
    return value;
  }

  private scanTagDirectiveValue(start: Mark): [number[], number[]] | undefined {
    if (!this.cache(1)) return undefined;
    while (this.isBlank()) {
      this.skip();
      if (!this.cache(1)) return undefined;
    }
    const handle = this.scanTagHandle(true, start);
    if (!handle) return undefined;
    if (!this.cache(1)) return undefined;
    if (!this.isBlank()) {
      this.scannerError('while scanning a %TAG directive', start, 'did not find expected whitespace');
      return undefined;
    }
    while (this.isBlank()) {
      this.skip();
      if (!this.cache(1)) return undefined;
    }
    const prefix = this.scanTagUri(true, undefined, start);
    if (!prefix) return undefined;
    if (!this.cache(1)) return undefined;
    if (!this.isBlankz()) {
      this.scannerError('while scanning a %TAG directive', start, 'did not find expected whitespace or line break');
      return undefined;
    }
    return [handle, prefix];
  }

  private scanAnchor(typ: T): Token | undefined {
    const s: number[] = [];
    const start = copyMark(this.mark);
    this.skip();
    if (!this.cache(1)) return undefined;
    while (this.isAlpha()) {
      this.read(s);
      if (!this.cache(1)) return undefined;
    }
    const end = copyMark(this.mark);
    const c = this.b();
    if (s.length === 0 || !(this.isBlankz() || [63, 58, 44, 93, 125, 37, 64, 96].includes(c))) {
      this.scannerError(typ === T.ANCHOR ? 'while scanning an anchor' : 'while scanning an alias', start, 'did not find expected alphabetic or numeric character');
      return undefined;
    }
    return { typ, start, end, value: s };
  }

  private scanTag(): Token | undefined {
    let handle: number[] = [];
    let suffix: number[] = [];
    const start = copyMark(this.mark);
    if (!this.cache(2)) return undefined;
    if (this.b(1) === 60) {
      this.skip();
      this.skip();
      const u = this.scanTagUri(false, undefined, start);
      if (!u) return undefined;
      suffix = u;
      if (this.b() !== 62) {
        this.scannerError('while scanning a tag', start, "did not find the expected '>'");
        return undefined;
      }
      this.skip();
    } else {
      const h = this.scanTagHandle(false, start);
      if (!h) return undefined;
      handle = h;
      if (handle[0] === 33 && handle.length > 1 && handle[handle.length - 1] === 33) {
        const u = this.scanTagUri(false, undefined, start);
        if (!u) return undefined;
        suffix = u;
      } else {
        const u = this.scanTagUri(false, handle, start);
        if (!u) return undefined;
        suffix = u;
        handle = [33];
        if (suffix.length === 0) [handle, suffix] = [suffix, handle];
      }
    }
    if (!this.cache(1)) return undefined;
    if (!this.isBlankz()) {
      this.scannerError('while scanning a tag', start, 'did not find expected whitespace or line break');
      return undefined;
    }
    return { typ: T.TAG, start, end: copyMark(this.mark), value: handle, suffix };
  }

  private tagError(directive: boolean, start: Mark, problem: string): false {
    return this.scannerError(directive ? 'while parsing a %TAG directive' : 'while parsing a tag', start, problem);
  }

  private scanTagHandle(directive: boolean, start: Mark): number[] | undefined {
    if (!this.cache(1)) return undefined;
    if (this.b() !== 33) {
      this.tagError(directive, start, "did not find expected '!'");
      return undefined;
    }
    const s: number[] = [];
    this.read(s);
    if (!this.cache(1)) return undefined;
    while (this.isAlpha()) {
      this.read(s);
      if (!this.cache(1)) return undefined;
    }
    if (this.b() === 33) this.read(s);
    else if (directive && !(s.length === 1 && s[0] === 33)) {
      this.tagError(directive, start, "did not find expected '!'");
      return undefined;
    }
    return s;
  }

  private scanTagUri(directive: boolean, head: number[] | undefined, start: Mark): number[] | undefined {
    const s: number[] = [];
    let hasTag = (head?.length ?? 0) > 0;
    if (head && head.length > 1) s.push(...head.slice(1));
    if (!this.cache(1)) return undefined;
    while (this.isAlpha() || URI_CHARS.has(this.b())) {
      if (this.b() === 37) {
        if (!this.scanUriEscapes(directive, start, s)) return undefined;
      } else this.read(s);
      if (!this.cache(1)) return undefined;
      hasTag = true;
    }
    if (!hasTag) {
      this.tagError(directive, start, 'did not find expected tag URI');
      return undefined;
    }
    return s;
  }

  private scanUriEscapes(directive: boolean, start: Mark, s: number[]): boolean {
    let w = 1024;
    while (w > 0) {
      if (!this.cache(3)) return false;
      if (!(this.b() === 37 && this.isHex(1) && this.isHex(2))) return this.tagError(directive, start, 'did not find URI escaped octet');
      const octet = (this.asHex(1) << 4) + this.asHex(2);
      if (w === 1024) {
        w = width(octet);
        if (w === 0) return this.tagError(directive, start, 'found an incorrect leading UTF-8 octet');
      } else if ((octet & 0xc0) !== 0x80) return this.tagError(directive, start, 'found an incorrect trailing UTF-8 octet');
      s.push(octet);
      this.skip();
      this.skip();
      this.skip();
      w--;
    }
    return true;
  }

  private scanBlockScalar(literal: boolean): Token | undefined {
    const start = copyMark(this.mark);
    this.skip();
    if (!this.cache(1)) return undefined;
    let chomping = 0;
    let increment = 0;
    if (this.b() === 43 || this.b() === 45) {
      chomping = this.b() === 43 ? 1 : -1;
      this.skip();
      if (!this.cache(1)) return undefined;
      if (this.isDigit()) {
        if (this.b() === 48) {
          this.scannerError('while scanning a block scalar', start, 'found an indentation indicator equal to 0');
          return undefined;
        }
        increment = this.b() - 48;
        this.skip();
      }
    } else if (this.isDigit()) {
      if (this.b() === 48) {
        this.scannerError('while scanning a block scalar', start, 'found an indentation indicator equal to 0');
        return undefined;
      }
      increment = this.b() - 48;
      this.skip();
      if (!this.cache(1)) return undefined;
      if (this.b() === 43 || this.b() === 45) {
        chomping = this.b() === 43 ? 1 : -1;
        this.skip();
      }
    }
    if (!this.cache(1)) return undefined;
    while (this.isBlank()) {
      this.skip();
      if (!this.cache(1)) return undefined;
    }
    if (this.b() === 35) {
      while (!this.isBreakz()) {
        this.skip();
        if (!this.cache(1)) return undefined;
      }
    }
    if (!this.isBreakz()) {
      this.scannerError('while scanning a block scalar', start, 'did not find expected comment or line break');
      return undefined;
    }
    if (this.isBreak()) {
      if (!this.cache(2)) return undefined;
      this.skipLine();
    }
    const endRef = { mark: copyMark(this.mark) };
    const indentRef = { v: 0 };
    if (increment > 0) indentRef.v = this.indent >= 0 ? this.indent + increment : increment;
    const s: number[] = [];
    let leadingBreak: number[] = [];
    let trailingBreaks: number[] = [];
    if (!this.scanBlockScalarBreaks(indentRef, trailingBreaks, start, endRef)) return undefined;
    if (!this.cache(1)) return undefined;
    let leadingBlank = false;
    let trailingBlank = false;
    while (this.mark.column === indentRef.v && !this.isZ()) {
      trailingBlank = this.isBlank();
      if (!literal && !leadingBlank && !trailingBlank && leadingBreak.length > 0 && leadingBreak[0] === 10) {
        if (trailingBreaks.length === 0) s.push(32);
      } else s.push(...leadingBreak);
      leadingBreak = [];
      s.push(...trailingBreaks);
      trailingBreaks = [];
      leadingBlank = this.isBlank();
      while (!this.isBreakz()) {
        this.read(s);
        if (!this.cache(1)) return undefined;
      }
      if (!this.cache(2)) return undefined;
      this.readLine(leadingBreak);
      if (!this.scanBlockScalarBreaks(indentRef, trailingBreaks, start, endRef)) return undefined;
    }
    if (chomping !== -1) s.push(...leadingBreak);
    if (chomping === 1) s.push(...trailingBreaks);
    return { typ: T.SCALAR, start, end: endRef.mark, value: s, style: literal ? Style.LITERAL : Style.FOLDED };
  }

  private scanBlockScalarBreaks(indent: { v: number }, breaks: number[], start: Mark, end: { mark: Mark }): boolean {
    end.mark = copyMark(this.mark);
    let maxIndent = 0;
    for (;;) {
      if (!this.cache(1)) return false;
      while ((indent.v === 0 || this.mark.column < indent.v) && this.isSpace()) {
        this.skip();
        if (!this.cache(1)) return false;
      }
      if (this.mark.column > maxIndent) maxIndent = this.mark.column;
      if ((indent.v === 0 || this.mark.column < indent.v) && this.isTab()) {
        return this.scannerError('while scanning a block scalar', start, 'found a tab character where an indentation space is expected');
      }
      if (!this.isBreak()) break;
      if (!this.cache(2)) return false;
      this.readLine(breaks);
      end.mark = copyMark(this.mark);
    }
    if (indent.v === 0) {
      indent.v = maxIndent;
      if (indent.v < this.indent + 1) indent.v = this.indent + 1;
      if (indent.v < 1) indent.v = 1;
    }
    return true;
  }

  private docIndicatorAhead(): boolean {
    return (
      this.mark.column === 0 &&
      ((this.b() === 45 && this.b(1) === 45 && this.b(2) === 45) || (this.b() === 46 && this.b(1) === 46 && this.b(2) === 46)) &&
      this.isBlankz(3)
    );
  }

  private scanFlowScalar(single: boolean): Token | undefined {
    const start = copyMark(this.mark);
    this.skip();
    const s: number[] = [];
    let leadingBreak: number[] = [];
    let trailingBreaks: number[] = [];
    let whitespaces: number[] = [];
    for (;;) {
      if (!this.cache(4)) return undefined;
      if (this.docIndicatorAhead()) {
        this.scannerError('while scanning a quoted scalar', start, 'found unexpected document indicator');
        return undefined;
      }
      if (this.isZ()) {
        this.scannerError('while scanning a quoted scalar', start, 'found unexpected end of stream');
        return undefined;
      }
      let leadingBlanks = false;
      while (!this.isBlankz()) {
        const c = this.b();
        if (single && c === 39 && this.b(1) === 39) {
          s.push(39);
          this.skip();
          this.skip();
        } else if (single && c === 39) break;
        else if (!single && c === 34) break;
        else if (!single && c === 92 && this.isBreak(1)) {
          if (!this.cache(3)) return undefined;
          this.skip();
          this.skipLine();
          leadingBlanks = true;
          break;
        } else if (!single && c === 92) {
          let codeLength = 0;
          const e = this.b(1);
          const bytes = ESCAPES[e];
          if (bytes) s.push(...bytes);
          else if (e === 120) codeLength = 2;
          else if (e === 117) codeLength = 4;
          else if (e === 85) codeLength = 8;
          else {
            this.scannerError('while parsing a quoted scalar', start, 'found unknown escape character');
            return undefined;
          }
          this.skip();
          this.skip();
          if (codeLength > 0) {
            if (!this.cache(codeLength)) return undefined;
            let value = 0;
            for (let k = 0; k < codeLength; k++) {
              if (!this.isHex(k)) {
                this.scannerError('while parsing a quoted scalar', start, 'did not find expected hexdecimal number');
                return undefined;
              }
              value = value * 16 + this.asHex(k);
            }
            if ((value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff) {
              this.scannerError('while parsing a quoted scalar', start, 'found invalid Unicode character escape code');
              return undefined;
            }
            s.push(...utf8Bytes(String.fromCodePoint(value)));
            for (let k = 0; k < codeLength; k++) this.skip();
          }
        } else this.read(s);
        if (!this.cache(2)) return undefined;
      }
      if (!this.cache(1)) return undefined;
      if (single ? this.b() === 39 : this.b() === 34) break;
      while (this.isBlank() || this.isBreak()) {
        if (this.isBlank()) {
          if (!leadingBlanks) this.read(whitespaces);
          else this.skip();
        } else {
          if (!this.cache(2)) return undefined;
          if (!leadingBlanks) {
            whitespaces = [];
            this.readLine(leadingBreak);
            leadingBlanks = true;
          } else this.readLine(trailingBreaks);
        }
        if (!this.cache(1)) return undefined;
      }
      if (leadingBlanks) {
        if (leadingBreak.length > 0 && leadingBreak[0] === 10) {
          if (trailingBreaks.length === 0) s.push(32);
          else s.push(...trailingBreaks);
        } else {
          s.push(...leadingBreak, ...trailingBreaks);
        }
        trailingBreaks = [];
        leadingBreak = [];
      } else {
        s.push(...whitespaces);
        whitespaces = [];
      }
    }
    this.skip();
    return { typ: T.SCALAR, start, end: copyMark(this.mark), value: s, style: single ? Style.SINGLE_QUOTED : Style.DOUBLE_QUOTED };
  }

  private scanPlainScalar(): Token | undefined {
    const s: number[] = [];
    let leadingBreak: number[] = [];
    let trailingBreaks: number[] = [];
    let whitespaces: number[] = [];
    let leadingBlanks = false;
    const indent = this.indent + 1;
    const start = copyMark(this.mark);
    let end = copyMark(this.mark);
    for (;;) {
      if (!this.cache(4)) return undefined;
      if (this.docIndicatorAhead()) break;
      if (this.b() === 35) break;
      while (!this.isBlankz()) {
        const c = this.b();
        if ((c === 58 && this.isBlankz(1)) || (this.flowLevel > 0 && (c === 44 || c === 63 || c === 91 || c === 93 || c === 123 || c === 125))) break;
        if (leadingBlanks || whitespaces.length > 0) {
          if (leadingBlanks) {
            if (leadingBreak[0] === 10) {
              if (trailingBreaks.length === 0) s.push(32);
              else s.push(...trailingBreaks);
            } else s.push(...leadingBreak, ...trailingBreaks);
            trailingBreaks = [];
            leadingBreak = [];
            leadingBlanks = false;
          } else {
            s.push(...whitespaces);
            whitespaces = [];
          }
        }
        this.read(s);
        end = copyMark(this.mark);
        if (!this.cache(2)) return undefined;
      }
      if (!(this.isBlank() || this.isBreak())) break;
      if (!this.cache(1)) return undefined;
      while (this.isBlank() || this.isBreak()) {
        if (this.isBlank()) {
          if (leadingBlanks && this.mark.column < indent && this.isTab()) {
            this.scannerError('while scanning a plain scalar', start, 'found a tab character that violates indentation');
            return undefined;
          }
          if (!leadingBlanks) this.read(whitespaces);
          else this.skip();
        } else {
          if (!this.cache(2)) return undefined;
          if (!leadingBlanks) {
            whitespaces = [];
            this.readLine(leadingBreak);
            leadingBlanks = true;
          } else this.readLine(trailingBreaks);
        }
        if (!this.cache(1)) return undefined;
      }
      if (this.flowLevel === 0 && this.mark.column < indent) break;
    }
    if (leadingBlanks) this.simpleKeyAllowed = true;
    return { typ: T.SCALAR, start, end, value: s, style: Style.PLAIN };
  }

  // -- parser (parserc.go) --

  private peekToken(): Token | undefined {
    if (this.tokenAvailable || this.fetchMoreTokens()) return this.tokens[this.tokensHead];
    return undefined;
  }

  private skipToken(): void {
    this.tokenAvailable = false;
    this.tokensParsed++;
    this.streamEndProduced = this.tokens[this.tokensHead].typ === T.STREAM_END;
    this.tokensHead++;
  }

  /** yaml_parser_parse: the next event, or undefined on error. */
  parse(): Event | undefined {
    if (this.streamEndProduced || this.error !== ErrKind.NONE || this.state === S.END) return { typ: E.NONE, start: copyMark(this.mark), end: copyMark(this.mark) };
    return this.stateMachine();
  }

  private parserError(problem: string, mark: Mark): undefined {
    this.error = ErrKind.PARSER;
    this.problem = problem;
    this.problemMark = copyMark(mark);
    return undefined;
  }

  private parserErrorContext(context: string, contextMark: Mark, problem: string, problemMark: Mark): undefined {
    this.error = ErrKind.PARSER;
    this.context = context;
    this.contextMark = copyMark(contextMark);
    this.problem = problem;
    this.problemMark = copyMark(problemMark);
    return undefined;
  }

  private stateMachine(): Event | undefined {
    switch (this.state) {
      case S.STREAM_START:
        return this.parseStreamStart();
      case S.IMPLICIT_DOCUMENT_START:
        return this.parseDocumentStart(true);
      case S.DOCUMENT_START:
        return this.parseDocumentStart(false);
      case S.DOCUMENT_CONTENT:
        return this.parseDocumentContent();
      case S.DOCUMENT_END:
        return this.parseDocumentEnd();
      case S.BLOCK_NODE:
        return this.parseNode(true, false);
      case S.BLOCK_NODE_OR_INDENTLESS_SEQUENCE:
        return this.parseNode(true, true);
      case S.FLOW_NODE:
        return this.parseNode(false, false);
      case S.BLOCK_SEQUENCE_FIRST_ENTRY:
        return this.parseBlockSequenceEntry(true);
      case S.BLOCK_SEQUENCE_ENTRY:
        return this.parseBlockSequenceEntry(false);
      case S.INDENTLESS_SEQUENCE_ENTRY:
        return this.parseIndentlessSequenceEntry();
      case S.BLOCK_MAPPING_FIRST_KEY:
        return this.parseBlockMappingKey(true);
      case S.BLOCK_MAPPING_KEY:
        return this.parseBlockMappingKey(false);
      case S.BLOCK_MAPPING_VALUE:
        return this.parseBlockMappingValue();
      case S.FLOW_SEQUENCE_FIRST_ENTRY:
        return this.parseFlowSequenceEntry(true);
      case S.FLOW_SEQUENCE_ENTRY:
        return this.parseFlowSequenceEntry(false);
      case S.FLOW_SEQUENCE_ENTRY_MAPPING_KEY:
        return this.parseFlowSequenceEntryMappingKey();
      case S.FLOW_SEQUENCE_ENTRY_MAPPING_VALUE:
        return this.parseFlowSequenceEntryMappingValue();
      case S.FLOW_SEQUENCE_ENTRY_MAPPING_END:
        return this.parseFlowSequenceEntryMappingEnd();
      case S.FLOW_MAPPING_FIRST_KEY:
        return this.parseFlowMappingKey(true);
      case S.FLOW_MAPPING_KEY:
        return this.parseFlowMappingKey(false);
      case S.FLOW_MAPPING_VALUE:
        return this.parseFlowMappingValue(false);
      case S.FLOW_MAPPING_EMPTY_VALUE:
        return this.parseFlowMappingValue(true);
      default:
        throw new Error('invalid parser state');
    }
  }

  private popState(): void {
    this.state = this.states.pop()!;
  }

  private parseStreamStart(): Event | undefined {
    const token = this.peekToken();
    if (!token) return undefined;
    if (token.typ !== T.STREAM_START) return this.parserError('did not find expected <stream-start>', token.start);
    this.state = S.IMPLICIT_DOCUMENT_START;
    this.skipToken();
    return { typ: E.STREAM_START, start: token.start, end: token.end };
  }

  private parseDocumentStart(implicit: boolean): Event | undefined {
    let token = this.peekToken();
    if (!token) return undefined;
    if (!implicit) {
      while (token.typ === T.DOCUMENT_END) {
        this.skipToken();
        token = this.peekToken();
        if (!token) return undefined;
      }
    }
    if (implicit && token.typ !== T.VERSION_DIRECTIVE && token.typ !== T.TAG_DIRECTIVE && token.typ !== T.DOCUMENT_START && token.typ !== T.STREAM_END) {
      if (!this.processDirectives()) return undefined;
      this.states.push(S.DOCUMENT_END);
      this.state = S.BLOCK_NODE;
      return { typ: E.DOCUMENT_START, start: token.start, end: token.end };
    }
    if (token.typ !== T.STREAM_END) {
      const start = token.start;
      if (!this.processDirectives()) return undefined;
      token = this.peekToken();
      if (!token) return undefined;
      if (token.typ !== T.DOCUMENT_START) return this.parserError('did not find expected <document start>', token.start);
      this.states.push(S.DOCUMENT_END);
      this.state = S.DOCUMENT_CONTENT;
      const end = token.end;
      this.skipToken();
      return { typ: E.DOCUMENT_START, start, end };
    }
    this.state = S.END;
    this.skipToken();
    return { typ: E.STREAM_END, start: token.start, end: token.end };
  }

  private parseDocumentContent(): Event | undefined {
    const token = this.peekToken();
    if (!token) return undefined;
    if ([T.VERSION_DIRECTIVE, T.TAG_DIRECTIVE, T.DOCUMENT_START, T.DOCUMENT_END, T.STREAM_END].includes(token.typ)) {
      this.popState();
      return this.emptyScalar(token.start);
    }
    return this.parseNode(true, false);
  }

  private parseDocumentEnd(): Event | undefined {
    const token = this.peekToken();
    if (!token) return undefined;
    const start = token.start;
    let end = token.start;
    let implicit = true;
    if (token.typ === T.DOCUMENT_END) {
      end = token.end;
      this.skipToken();
      implicit = false;
    }
    this.tagDirectives = [];
    this.state = S.DOCUMENT_START;
    return { typ: E.DOCUMENT_END, start, end, implicit };
  }

  private parseNode(block: boolean, indentlessSequence: boolean): Event | undefined {
    let token = this.peekToken();
    if (!token) return undefined;
    if (token.typ === T.ALIAS) {
      this.popState();
      this.skipToken();
      return { typ: E.ALIAS, start: token.start, end: token.end, anchor: token.value };
    }
    let start = token.start;
    let end = token.start;
    let tagToken = false;
    let tagHandle: number[] = [];
    let tagSuffix: number[] | undefined = [];
    let anchor: number[] | undefined;
    let tagMark = token.start;
    if (token.typ === T.ANCHOR) {
      anchor = token.value;
      start = token.start;
      end = token.end;
      this.skipToken();
      token = this.peekToken();
      if (!token) return undefined;
      if (token.typ === T.TAG) {
        tagToken = true;
        tagHandle = token.value ?? [];
        tagSuffix = token.suffix;
        tagMark = token.start;
        end = token.end;
        this.skipToken();
        token = this.peekToken();
        if (!token) return undefined;
      }
    } else if (token.typ === T.TAG) {
      tagToken = true;
      tagHandle = token.value ?? [];
      tagSuffix = token.suffix;
      start = token.start;
      tagMark = token.start;
      end = token.end;
      this.skipToken();
      token = this.peekToken();
      if (!token) return undefined;
      if (token.typ === T.ANCHOR) {
        anchor = token.value;
        end = token.end;
        this.skipToken();
        token = this.peekToken();
        if (!token) return undefined;
      }
    }
    let tag: number[] = [];
    if (tagToken) {
      if (tagHandle.length === 0) {
        tag = tagSuffix ?? [];
      } else {
        const h = utf8String(tagHandle);
        const d = this.tagDirectives.find((x) => utf8String(x.handle) === h);
        if (d) tag = [...d.prefix, ...(tagSuffix ?? [])];
        if (tag.length === 0) return this.parserErrorContext('while parsing a node', start, 'found undefined tag handle', tagMark);
      }
    }
    const implicit = tag.length === 0;
    if (indentlessSequence && token.typ === T.BLOCK_ENTRY) {
      end = token.end;
      this.state = S.INDENTLESS_SEQUENCE_ENTRY;
      return { typ: E.SEQUENCE_START, start, end, anchor, tag, implicit };
    }
    if (token.typ === T.SCALAR) {
      let plainImplicit = false;
      let quotedImplicit = false;
      end = token.end;
      if ((tag.length === 0 && token.style === Style.PLAIN) || (tag.length === 1 && tag[0] === 33)) plainImplicit = true;
      else if (tag.length === 0) quotedImplicit = true;
      this.popState();
      this.skipToken();
      return { typ: E.SCALAR, start, end, anchor, tag, value: token.value, implicit: plainImplicit, quotedImplicit, style: token.style };
    }
    if (token.typ === T.FLOW_SEQUENCE_START) {
      this.state = S.FLOW_SEQUENCE_FIRST_ENTRY;
      return { typ: E.SEQUENCE_START, start, end: token.end, anchor, tag, implicit };
    }
    if (token.typ === T.FLOW_MAPPING_START) {
      this.state = S.FLOW_MAPPING_FIRST_KEY;
      return { typ: E.MAPPING_START, start, end: token.end, anchor, tag, implicit };
    }
    if (block && token.typ === T.BLOCK_SEQUENCE_START) {
      this.state = S.BLOCK_SEQUENCE_FIRST_ENTRY;
      return { typ: E.SEQUENCE_START, start, end: token.end, anchor, tag, implicit };
    }
    if (block && token.typ === T.BLOCK_MAPPING_START) {
      this.state = S.BLOCK_MAPPING_FIRST_KEY;
      return { typ: E.MAPPING_START, start, end: token.end, anchor, tag, implicit };
    }
    if ((anchor?.length ?? 0) > 0 || tag.length > 0) {
      this.popState();
      return { typ: E.SCALAR, start, end, anchor, tag, implicit, quotedImplicit: false, style: Style.PLAIN, value: [] };
    }
    return this.parserErrorContext(block ? 'while parsing a block node' : 'while parsing a flow node', start, 'did not find expected node content', token.start);
  }

  private parseBlockSequenceEntry(first: boolean): Event | undefined {
    if (first) {
      const t = this.peekToken()!;
      this.marks.push(t.start);
      this.skipToken();
    }
    let token = this.peekToken();
    if (!token) return undefined;
    if (token.typ === T.BLOCK_ENTRY) {
      const mark = token.end;
      this.skipToken();
      token = this.peekToken();
      if (!token) return undefined;
      if (token.typ !== T.BLOCK_ENTRY && token.typ !== T.BLOCK_END) {
        this.states.push(S.BLOCK_SEQUENCE_ENTRY);
        return this.parseNode(true, false);
      }
      this.state = S.BLOCK_SEQUENCE_ENTRY;
      return this.emptyScalar(mark);
    }
    if (token.typ === T.BLOCK_END) {
      this.popState();
      this.marks.pop();
      this.skipToken();
      return { typ: E.SEQUENCE_END, start: token.start, end: token.end };
    }
    const contextMark = this.marks.pop()!;
    return this.parserErrorContext('while parsing a block collection', contextMark, "did not find expected '-' indicator", token.start);
  }

  private parseIndentlessSequenceEntry(): Event | undefined {
    let token = this.peekToken();
    if (!token) return undefined;
    if (token.typ === T.BLOCK_ENTRY) {
      const mark = token.end;
      this.skipToken();
      token = this.peekToken();
      if (!token) return undefined;
      if (token.typ !== T.BLOCK_ENTRY && token.typ !== T.KEY && token.typ !== T.VALUE && token.typ !== T.BLOCK_END) {
        this.states.push(S.INDENTLESS_SEQUENCE_ENTRY);
        return this.parseNode(true, false);
      }
      this.state = S.INDENTLESS_SEQUENCE_ENTRY;
      return this.emptyScalar(mark);
    }
    this.popState();
    return { typ: E.SEQUENCE_END, start: token.start, end: token.start };
  }

  private parseBlockMappingKey(first: boolean): Event | undefined {
    if (first) {
      const t = this.peekToken()!;
      this.marks.push(t.start);
      this.skipToken();
    }
    let token = this.peekToken();
    if (!token) return undefined;
    if (token.typ === T.KEY) {
      const mark = token.end;
      this.skipToken();
      token = this.peekToken();
      if (!token) return undefined;
      if (token.typ !== T.KEY && token.typ !== T.VALUE && token.typ !== T.BLOCK_END) {
        this.states.push(S.BLOCK_MAPPING_VALUE);
        return this.parseNode(true, true);
      }
      this.state = S.BLOCK_MAPPING_VALUE;
      return this.emptyScalar(mark);
    }
    if (token.typ === T.BLOCK_END) {
      this.popState();
      this.marks.pop();
      this.skipToken();
      return { typ: E.MAPPING_END, start: token.start, end: token.end };
    }
    const contextMark = this.marks.pop()!;
    return this.parserErrorContext('while parsing a block mapping', contextMark, 'did not find expected key', token.start);
  }

  private parseBlockMappingValue(): Event | undefined {
    let token = this.peekToken();
    if (!token) return undefined;
    if (token.typ === T.VALUE) {
      const mark = token.end;
      this.skipToken();
      token = this.peekToken();
      if (!token) return undefined;
      if (token.typ !== T.KEY && token.typ !== T.VALUE && token.typ !== T.BLOCK_END) {
        this.states.push(S.BLOCK_MAPPING_KEY);
        return this.parseNode(true, true);
      }
      this.state = S.BLOCK_MAPPING_KEY;
      return this.emptyScalar(mark);
    }
    this.state = S.BLOCK_MAPPING_KEY;
    return this.emptyScalar(token.start);
  }

  private parseFlowSequenceEntry(first: boolean): Event | undefined {
    if (first) {
      const t = this.peekToken()!;
      this.marks.push(t.start);
      this.skipToken();
    }
    let token = this.peekToken();
    if (!token) return undefined;
    if (token.typ !== T.FLOW_SEQUENCE_END) {
      if (!first) {
        if (token.typ === T.FLOW_ENTRY) {
          this.skipToken();
          token = this.peekToken();
          if (!token) return undefined;
        } else {
          const contextMark = this.marks.pop()!;
          return this.parserErrorContext('while parsing a flow sequence', contextMark, "did not find expected ',' or ']'", token.start);
        }
      }
      if (token.typ === T.KEY) {
        this.state = S.FLOW_SEQUENCE_ENTRY_MAPPING_KEY;
        this.skipToken();
        return { typ: E.MAPPING_START, start: token.start, end: token.end, implicit: true };
      } else if (token.typ !== T.FLOW_SEQUENCE_END) {
        this.states.push(S.FLOW_SEQUENCE_ENTRY);
        return this.parseNode(false, false);
      }
    }
    this.popState();
    this.marks.pop();
    this.skipToken();
    return { typ: E.SEQUENCE_END, start: token.start, end: token.end };
  }

  private parseFlowSequenceEntryMappingKey(): Event | undefined {
    const token = this.peekToken();
    if (!token) return undefined;
    if (token.typ !== T.VALUE && token.typ !== T.FLOW_ENTRY && token.typ !== T.FLOW_SEQUENCE_END) {
      this.states.push(S.FLOW_SEQUENCE_ENTRY_MAPPING_VALUE);
      return this.parseNode(false, false);
    }
    const mark = token.end;
    this.skipToken();
    this.state = S.FLOW_SEQUENCE_ENTRY_MAPPING_VALUE;
    return this.emptyScalar(mark);
  }

  private parseFlowSequenceEntryMappingValue(): Event | undefined {
    const token = this.peekToken();
    if (!token) return undefined;
    if (token.typ === T.VALUE) {
      this.skipToken();
      const t2 = this.peekToken();
      if (!t2) return undefined;
      if (t2.typ !== T.FLOW_ENTRY && t2.typ !== T.FLOW_SEQUENCE_END) {
        this.states.push(S.FLOW_SEQUENCE_ENTRY_MAPPING_END);
        return this.parseNode(false, false);
      }
    }
    this.state = S.FLOW_SEQUENCE_ENTRY_MAPPING_END;
    return this.emptyScalar(token.start);
  }

  private parseFlowSequenceEntryMappingEnd(): Event | undefined {
    const token = this.peekToken();
    if (!token) return undefined;
    this.state = S.FLOW_SEQUENCE_ENTRY;
    return { typ: E.MAPPING_END, start: token.start, end: token.start };
  }

  private parseFlowMappingKey(first: boolean): Event | undefined {
    if (first) {
      const t = this.peekToken()!;
      this.marks.push(t.start);
      this.skipToken();
    }
    let token = this.peekToken();
    if (!token) return undefined;
    if (token.typ !== T.FLOW_MAPPING_END) {
      if (!first) {
        if (token.typ === T.FLOW_ENTRY) {
          this.skipToken();
          token = this.peekToken();
          if (!token) return undefined;
        } else {
          const contextMark = this.marks.pop()!;
          return this.parserErrorContext('while parsing a flow mapping', contextMark, "did not find expected ',' or '}'", token.start);
        }
      }
      if (token.typ === T.KEY) {
        this.skipToken();
        token = this.peekToken();
        if (!token) return undefined;
        if (token.typ !== T.VALUE && token.typ !== T.FLOW_ENTRY && token.typ !== T.FLOW_MAPPING_END) {
          this.states.push(S.FLOW_MAPPING_VALUE);
          return this.parseNode(false, false);
        }
        this.state = S.FLOW_MAPPING_VALUE;
        return this.emptyScalar(token.start);
      } else if (token.typ !== T.FLOW_MAPPING_END) {
        this.states.push(S.FLOW_MAPPING_EMPTY_VALUE);
        return this.parseNode(false, false);
      }
    }
    this.popState();
    this.marks.pop();
    this.skipToken();
    return { typ: E.MAPPING_END, start: token.start, end: token.end };
  }

  private parseFlowMappingValue(empty: boolean): Event | undefined {
    let token = this.peekToken();
    if (!token) return undefined;
    if (empty) {
      this.state = S.FLOW_MAPPING_KEY;
      return this.emptyScalar(token.start);
    }
    if (token.typ === T.VALUE) {
      this.skipToken();
      token = this.peekToken();
      if (!token) return undefined;
      if (token.typ !== T.FLOW_ENTRY && token.typ !== T.FLOW_MAPPING_END) {
        this.states.push(S.FLOW_MAPPING_KEY);
        return this.parseNode(false, false);
      }
    }
    this.state = S.FLOW_MAPPING_KEY;
    return this.emptyScalar(token.start);
  }

  private emptyScalar(mark: Mark): Event {
    return { typ: E.SCALAR, start: mark, end: mark, value: [], implicit: true, style: Style.PLAIN };
  }

  private processDirectives(): boolean {
    let version = false;
    let token = this.peekToken();
    if (!token) return false;
    while (token.typ === T.VERSION_DIRECTIVE || token.typ === T.TAG_DIRECTIVE) {
      if (token.typ === T.VERSION_DIRECTIVE) {
        if (version) {
          this.parserError('found duplicate %YAML directive', token.start);
          return false;
        }
        if (token.major !== 1 || token.minor !== 1) {
          this.parserError('found incompatible YAML document', token.start);
          return false;
        }
        version = true;
      } else {
        if (!this.appendTagDirective({ handle: token.value ?? [], prefix: token.prefix ?? [] }, false, token.start)) return false;
      }
      this.skipToken();
      token = this.peekToken();
      if (!token) return false;
    }
    for (const d of [
      { handle: [33], prefix: [33] },
      { handle: [33, 33], prefix: utf8Bytes('tag:yaml.org,2002:') },
    ]) {
      if (!this.appendTagDirective(d, true, token.start)) return false;
    }
    return true;
  }

  private appendTagDirective(value: { handle: number[]; prefix: number[] }, allowDuplicates: boolean, mark: Mark): boolean {
    const h = utf8String(value.handle);
    if (this.tagDirectives.some((d) => utf8String(d.handle) === h)) {
      if (allowDuplicates) return true;
      this.parserError('found duplicate %TAG directive', mark);
      return false;
    }
    this.tagDirectives.push({ handle: [...value.handle], prefix: [...value.prefix] });
    return true;
  }
}

// ---- composer and decoder (decode.go) ------------------------------------------------------

const enum K {
  DOCUMENT,
  MAPPING,
  SEQUENCE,
  SCALAR,
  ALIAS,
}

interface YNode {
  kind: K;
  line: number;
  tag: string;
  value: string;
  implicit: boolean;
  children: YNode[];
  alias?: YNode;
}

const STR_TAG = 'tag:yaml.org,2002:str';
const NULL_TAG = 'tag:yaml.org,2002:null';
const BOOL_TAG = 'tag:yaml.org,2002:bool';
const INT_TAG = 'tag:yaml.org,2002:int';
const FLOAT_TAG = 'tag:yaml.org,2002:float';
const TIMESTAMP_TAG = 'tag:yaml.org,2002:timestamp';
const BINARY_TAG = 'tag:yaml.org,2002:binary';
const MERGE_TAG = 'tag:yaml.org,2002:merge';
const SEQ_TAG = 'tag:yaml.org,2002:seq';
const MAP_TAG = 'tag:yaml.org,2002:map';

function fail(msg: string): never {
  throw new YamlError(`yaml: ${msg}`);
}

class Composer {
  private event: Event | undefined;
  private anchors = new Map<string, YNode>();
  private initDone = false;

  constructor(private readonly p: Parser) {}

  private failParse(): never {
    const p = this.p;
    let line = 0;
    if (p.problemMark.line !== 0) {
      line = p.problemMark.line;
      if (p.error === ErrKind.SCANNER) line++;
    } else if (p.contextMark.line !== 0) line = p.contextMark.line;
    const where = line !== 0 ? `line ${line}: ` : '';
    fail(`${where}${p.problem || 'unknown problem parsing YAML content'}`);
  }

  private peek(): E {
    if (this.event) return this.event.typ;
    const ev = this.p.parse();
    if (!ev) this.failParse();
    this.event = ev;
    return ev.typ;
  }

  private expect(e: E): void {
    if (!this.event) {
      const ev = this.p.parse();
      if (!ev) this.failParse();
      this.event = ev;
    }
    if (this.event.typ === E.STREAM_END) fail('attempted to go past the end of stream; corrupted value?');
    if (this.event.typ !== e) {
      this.p.problem = `expected ${e} event but got ${this.event.typ}`;
      this.failParse();
    }
    this.event = undefined;
  }

  parse(): YNode | undefined {
    if (!this.initDone) {
      this.expect(E.STREAM_START);
      this.initDone = true;
    }
    switch (this.peek()) {
      case E.SCALAR:
        return this.scalar();
      case E.ALIAS:
        return this.alias();
      case E.MAPPING_START:
        return this.collection(K.MAPPING, E.MAPPING_START, E.MAPPING_END);
      case E.SEQUENCE_START:
        return this.collection(K.SEQUENCE, E.SEQUENCE_START, E.SEQUENCE_END);
      case E.DOCUMENT_START:
        return this.document();
      case E.STREAM_END:
        return undefined;
      default:
        throw new YamlError('yaml: attempted to parse unknown event');
    }
  }

  private node(kind: K): YNode {
    return { kind, line: this.event!.start.line, tag: '', value: '', implicit: false, children: [] };
  }

  private anchor(n: YNode, anchor: number[] | undefined): void {
    if (anchor !== undefined && anchor.length > 0) this.anchors.set(utf8String(anchor), n);
  }

  private document(): YNode {
    const n = this.node(K.DOCUMENT);
    this.anchors = new Map();
    this.expect(E.DOCUMENT_START);
    const child = this.parse();
    if (child) n.children.push(child);
    this.expect(E.DOCUMENT_END);
    return n;
  }

  private alias(): YNode {
    const n = this.node(K.ALIAS);
    n.value = utf8String(this.event!.anchor ?? []);
    n.alias = this.anchors.get(n.value);
    if (!n.alias) fail(`unknown anchor '${n.value}' referenced`);
    this.expect(E.ALIAS);
    return n;
  }

  private scalar(): YNode {
    const n = this.node(K.SCALAR);
    n.value = utf8String(this.event!.value ?? []);
    n.tag = utf8String(this.event!.tag ?? []);
    n.implicit = this.event!.implicit ?? false;
    this.anchor(n, this.event!.anchor);
    this.expect(E.SCALAR);
    return n;
  }

  private collection(kind: K, start: E, end: E): YNode {
    const n = this.node(kind);
    this.anchor(n, this.event!.anchor);
    this.expect(start);
    while (this.peek() !== end) {
      const child = this.parse();
      if (child) n.children.push(child);
    }
    this.expect(end);
    return n;
  }
}

function shortTag(tag: string): string {
  return tag.startsWith('tag:yaml.org,2002:') ? `!!${tag.slice(18)}` : tag;
}

const RESOLVE_MAP: Record<string, [unknown, string]> = {};
for (const [v, tag, list] of [
  [true, BOOL_TAG, ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']],
  [false, BOOL_TAG, ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']],
  [null, NULL_TAG, ['', '~', 'null', 'Null', 'NULL']],
  [NaN, FLOAT_TAG, ['.nan', '.NaN', '.NAN']],
  [Infinity, FLOAT_TAG, ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']],
  [-Infinity, FLOAT_TAG, ['-.inf', '-.Inf', '-.INF']],
  ['<<', MERGE_TAG, ['<<']],
] as [unknown, string, string[]][]) {
  for (const s of list) RESOLVE_MAP[s] = [v, tag];
}

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

/** strconv.ParseInt(s, 0, 64) within JS numbers (undefined when Go would fail). */
function goParseInt(s: string): number | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return undefined;
  const body = m[2];
  let n: number;
  if (/^0[xX]/.test(body)) n = parseInt(body.slice(2), 16);
  else if (/^0[oO]/.test(body)) n = parseInt(body.slice(2), 8);
  else if (/^0[bB]/.test(body)) n = parseInt(body.slice(2), 2);
  else if (body.length > 1 && body[0] === '0') n = parseInt(body.slice(1), 8);
  else n = Number(body);
  if (m[1] === '-') n = -n;
  // int64 and uint64 both accepted (ParseInt, then ParseUint).
  if (n > 18446744073709551615 || n < -9223372036854775808) return undefined;
  return n;
}

/** Go's parseTimestamp: the formats go-yaml recognizes (the value stays the original string). */
function isTimestamp(s: string): boolean {
  let i = 0;
  for (; i < s.length; i++) if (s[i] < '0' || s[i] > '9') break;
  if (i !== 4 || i === s.length || s[i] !== '-') return false;
  return (
    /^\d{4}-\d{1,2}-\d{1,2}[Tt]\d{1,2}:\d{1,2}:\d{1,2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/.test(s) ||
    /^\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{1,2}:\d{1,2}(\.\d{1,9})?$/.test(s) ||
    /^\d{4}-\d{1,2}-\d{1,2}$/.test(s)
  );
}

/** resolve.go: the tag and value of a scalar. */
function resolve(tag: string, input: string): [string, unknown] {
  const resolvable = ['', STR_TAG, BOOL_TAG, INT_TAG, FLOAT_TAG, NULL_TAG, TIMESTAMP_TAG].includes(tag);
  if (!resolvable) return [tag, input];
  const check = (rtag: string, out: unknown): [string, unknown] => {
    if (tag === '' || tag === rtag || tag === STR_TAG || tag === BINARY_TAG) return [rtag, out];
    if (tag === FLOAT_TAG && rtag === INT_TAG) return [FLOAT_TAG, out];
    fail(`cannot decode ${shortTag(rtag)} \`${input}\` as a ${shortTag(tag)}`);
  };
  const c = input === '' ? '' : input[0];
  let hint = 'N';
  if (input !== '') {
    if (c === '+' || c === '-') hint = 'S';
    else if (c >= '0' && c <= '9') hint = 'D';
    else if ('yYnNtTfFoO~'.includes(c)) hint = 'M';
    else if (c === '.') hint = '.';
    else hint = '';
  }
  if (hint !== '' && tag !== STR_TAG && tag !== BINARY_TAG) {
    const item = RESOLVE_MAP[input];
    if (item) return check(item[1], item[0]);
    if (hint === '.') {
      const f = goParseFloat(input);
      if (f !== undefined) return check(FLOAT_TAG, f);
    } else if (hint === 'D' || hint === 'S') {
      if ((tag === '' || tag === TIMESTAMP_TAG) && isTimestamp(input)) return check(TIMESTAMP_TAG, input);
      const plain = input.replace(/_/g, '');
      const n = goParseInt(plain);
      if (n !== undefined) return check(INT_TAG, n);
      if (YAML_STYLE_FLOAT.test(plain)) {
        const f = goParseFloat(plain);
        if (f !== undefined) return check(FLOAT_TAG, f);
      }
      if (plain.startsWith('0b') && /^[01]+$/.test(plain.slice(2))) return check(INT_TAG, parseInt(plain.slice(2), 2));
      if (plain.startsWith('-0b') && /^[01]+$/.test(plain.slice(3))) return check(INT_TAG, -parseInt(plain.slice(3), 2));
    }
  }
  return check(STR_TAG, input);
}

/** strconv.ParseFloat: decimal and hex floats, inf/infinity/nan, underscores not allowed here. */
function goParseFloat(s: string): number | undefined {
  if (/^[+-]?(inf|infinity)$/i.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  if (/^nan$/i.test(s)) return NaN;
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return Number(s);
  return undefined;
}

/** decode.go for an interface{} target, then sigs.k8s.io/yaml's conversion to JSON values. */
class Decoder {
  private aliases = new Set<YNode>();

  unmarshal(n: YNode): unknown {
    switch (n.kind) {
      case K.DOCUMENT:
        return n.children.length === 1 ? this.unmarshal(n.children[0]) : null;
      case K.ALIAS: {
        if (this.aliases.has(n)) fail(`anchor '${n.value}' value contains itself`);
        this.aliases.add(n);
        const v = this.unmarshal(n.alias!);
        this.aliases.delete(n);
        return v;
      }
      case K.SCALAR:
        return this.scalar(n);
      case K.SEQUENCE:
        return n.children.map((c) => this.unmarshal(c));
      case K.MAPPING:
        return this.mapping(n);
    }
  }

  private scalar(n: YNode): unknown {
    if (n.tag === NULL_TAG || (n.tag === '' && (n.value === 'null' || n.value === '~' || (n.value === '' && n.implicit)))) return null;
    if (n.tag === '' && !n.implicit) return n.value;
    const [tag, resolved] = resolve(n.tag, n.value);
    if (tag === BINARY_TAG) fail('!!binary value contains invalid base64 data');
    if (tag === TIMESTAMP_TAG) return n.value;
    return resolved;
  }

  private mapping(n: YNode): Record<string, unknown> {
    const out = new Map<string, unknown>();
    for (let i = 0; i < n.children.length; i += 2) {
      const k = n.children[i];
      if (k.kind === K.SCALAR && (k.tag === '' || k.tag === MERGE_TAG) && k.implicit && k.value === '<<') {
        this.merge(n.children[i + 1], out);
        continue;
      }
      const key = this.unmarshal(k);
      if (key !== null && typeof key === 'object') fail(`invalid map key: ${JSON.stringify(key)}`);
      out.set(jsonKey(key), this.unmarshal(n.children[i + 1]));
    }
    return Object.fromEntries(out);
  }

  private merge(n: YNode, out: Map<string, unknown>): void {
    const wantMap = () => fail('map merge requires map or sequence of maps as the value');
    const mergeOne = (m: YNode) => {
      const v = this.unmarshal(m);
      if (v === null || typeof v !== 'object' || Array.isArray(v)) wantMap();
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) out.set(k, x);
    };
    if (n.kind === K.MAPPING) mergeOne(n);
    else if (n.kind === K.ALIAS) {
      if (n.alias && n.alias.kind !== K.MAPPING) wantMap();
      mergeOne(n);
    } else if (n.kind === K.SEQUENCE) {
      for (let i = n.children.length - 1; i >= 0; i--) {
        const ni = n.children[i];
        if (ni.kind === K.ALIAS) {
          if (ni.alias && ni.alias.kind !== K.MAPPING) wantMap();
        } else if (ni.kind !== K.MAPPING) wantMap();
        mergeOne(ni);
      }
    } else wantMap();
  }
}

/** sigs.k8s.io/yaml's map key conversion. */
function jsonKey(k: unknown): string {
  if (typeof k === 'string') return k;
  if (typeof k === 'boolean') return k ? 'true' : 'false';
  if (typeof k === 'number') {
    if (Number.isInteger(k)) return String(k);
    if (k === Infinity) return '.inf';
    if (k === -Infinity) return '-.inf';
    if (Number.isNaN(k)) return '.nan';
    return String(Math.fround(k) === k ? k : Number(Math.fround(k).toPrecision(7)));
  }
  throw new YamlError(`unsupported map key of type: <nil>, key: <nil>, value: <nil>`);
}

/**
 * yaml.Unmarshal into interface{} and the JSON conversion: the value of the first document
 * (null for an empty one). Throws YamlError with go-yaml's message (`yaml: line 3: ...`).
 */
export function yamlToJson(text: string): unknown {
  const bytes = utf8Bytes(text.length === 0 ? '\n' : text);
  const p = new Parser(bytes);
  const c = new Composer(p);
  const node = c.parse();
  if (!node) return null;
  const value = new Decoder().unmarshal(node);
  // json.Marshal of the converted object (map keys in sorted order) refuses non-finite floats.
  const nonFinite = (v: unknown): number | undefined => {
    if (typeof v === 'number') return Number.isFinite(v) ? undefined : v;
    if (Array.isArray(v)) {
      for (const x of v) {
        const r = nonFinite(x);
        if (r !== undefined) return r;
      }
      return undefined;
    }
    if (v !== null && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      for (const k of Object.keys(o).sort()) {
        const r = nonFinite(o[k]);
        if (r !== undefined) return r;
      }
    }
    return undefined;
  };
  const bad = nonFinite(value);
  if (bad !== undefined) throw new YamlError(`json: unsupported value: ${Number.isNaN(bad) ? 'NaN' : bad > 0 ? '+Inf' : '-Inf'}`);
  return value;
}
