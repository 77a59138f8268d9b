/**
 * The shell's lexer and parser: bash's token rules (bash(1) "QUOTING", "REDIRECTION",
 * "Here Documents", POSIX XCU 2.3 token recognition) turned into the tree of ./ast.ts.
 *
 * Hand-written because the libraries that split shell words (shell-quote) ignore heredocs.
 * It is one recursive-descent parser working on characters with one token of look-ahead:
 * `$(...)` and backquotes parse their inner list with the same machinery, and pending
 * heredocs are read when the newline token that ends their command is consumed, as bash does.
 *
 * Input that is not finished yet (an open quote, a pending heredoc, a trailing `|`, `&&` or
 * backslash, an `if` without `fi`) throws `Incomplete`, which is how the terminal knows to show
 * the `> ` prompt and how `play` knows to read the next line of the script.
 */
import type {
  AndOr,
  Assignment,
  Command,
  List,
  Pipeline,
  Redirect,
  RedirectOp,
  SimpleCommand,
  Word,
  WordPart,
} from './ast';

/** The input ended before the construct did. */
export class Incomplete extends Error {
  constructor(
    /** `quote`: inside quotes (detail: the quote); `heredoc`: in a heredoc body (detail: its delimiter); `more`: anything else. */
    readonly what: 'quote' | 'heredoc' | 'more',
    readonly detail = '',
  ) {
    super(what === 'quote' ? `unexpected EOF while looking for matching \`${detail}'` : 'syntax error: unexpected end of file');
    this.name = 'Incomplete';
  }
}

/** A syntax error; `message` is bash's text without the `bash: ` prefix. */
export class ShellSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShellSyntaxError';
  }
}

export interface ParseOptions {
  /**
   * The input ends here for good (the end of a script): a heredoc without its delimiter ends at
   * the end of input with bash's warning instead of throwing Incomplete.
   */
  eof?: boolean;
  /** Alias lookup for the first word of simple commands. */
  alias?: (name: string) => string | undefined;
  /** Line number of the input's first line, for the heredoc warning (default 1). */
  firstLine?: number;
}

export interface ParseResult {
  list: List;
  /** Warnings bash prints while reading (without the `bash: ` prefix). */
  warnings: string[];
}

/** Parses a complete input (one or more lines). Throws Incomplete or ShellSyntaxError. */
export function parse(src: string, opts: ParseOptions = {}): ParseResult {
  const p = new Parser(src, opts);
  const list = p.parseProgram();
  return { list, warnings: p.warnings };
}

/** Whether the input needs more lines before it can run (the terminal's `> ` prompt). */
export function needsMore(src: string, alias?: (name: string) => string | undefined): boolean {
  try {
    parse(src, { alias });
    return false;
  } catch (e) {
    if (e instanceof Incomplete) return true;
    return false;
  }
}

/** Parses the text of a heredoc body or other expandable text (`$`, backquote and `\` active). */
export function parseExpandable(text: string): Word {
  return new Parser(text, {}).readHeredocBody();
}

type Tok =
  | { t: 'word'; word: Word; start: number; end: number }
  | { t: 'op'; op: string; start: number; end: number }
  | { t: 'redir'; op: RedirectOp; fd?: number; start: number; end: number }
  | { t: 'eof'; start: number; end: number };

const RESERVED = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'for', 'in', 'while', 'until', '{', '}', '!', 'case', 'esac', 'function', 'select', '[[', ']]']);

/** Operators, longest first. */
const OPS: [string, 'op' | 'redir'][] = [
  ['&>>', 'redir'],
  ['<<<', 'redir'],
  ['<<-', 'redir'],
  ['&&', 'op'],
  ['||', 'op'],
  [';;', 'op'],
  ['|&', 'op'],
  ['&>', 'redir'],
  ['<<', 'redir'],
  ['>>', 'redir'],
  ['>|', 'redir'],
  ['<>', 'redir'],
  ['>&', 'redir'],
  ['<&', 'redir'],
  ['&', 'op'],
  [';', 'op'],
  ['|', 'op'],
  ['(', 'op'],
  [')', 'op'],
  ['<', 'redir'],
  ['>', 'redir'],
];

const META = new Set([' ', '\t', '\n', ';', '&', '|', '(', ')', '<', '>']);
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SPECIAL_PARAMS = new Set(['?', '$', '#', '!', '@', '*', '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);

interface PendingHeredoc {
  redirect: Redirect;
  strip: boolean;
  line: number;
}

class Parser {
  private pos = 0;
  private cached: Tok | undefined;
  private pending: PendingHeredoc[] = [];
  readonly warnings: string[] = [];

  constructor(
    private src: string,
    private opts: ParseOptions,
  ) {}

  // ---- grammar -------------------------------------------------------------------------

  parseProgram(): List {
    const list = this.parseList(new Set());
    const tok = this.peek();
    if (tok.t !== 'eof') throw this.unexpected(tok);
    if (this.pending.length > 0) this.readHeredocs();
    return list;
  }

  /** A compound list, stopping before EOF, `)` (if in `stops`) or a reserved word in `stops`. */
  private parseList(stops: Set<string>): List {
    const list: List = [];
    for (;;) {
      this.skipNewlines();
      const tok = this.peek();
      if (tok.t === 'eof') break;
      if (tok.t === 'op' && tok.op === ')' && stops.has(')')) break;
      if (tok.t === 'word' && stops.size > 0 && stops.has(reserved(tok.word) ?? '')) break;
      const andOr = this.parseAndOr();
      list.push(andOr);
      const sep = this.peek();
      if (sep.t === 'op' && (sep.op === ';' || sep.op === '&')) {
        this.next();
        if (sep.op === '&') andOr.background = true;
        continue;
      }
      if (sep.t === 'op' && sep.op === '\n') continue;
      break;
    }
    return list;
  }

  private skipNewlines(): void {
    for (;;) {
      const tok = this.peek();
      if (tok.t === 'op' && tok.op === '\n') this.next();
      else return;
    }
  }

  private parseAndOr(): AndOr {
    const first = this.parsePipeline();
    const rest: AndOr['rest'] = [];
    for (;;) {
      const tok = this.peek();
      if (tok.t === 'op' && (tok.op === '&&' || tok.op === '||')) {
        this.next();
        this.skipNewlinesOrMore();
        rest.push({ op: tok.op, pipeline: this.parsePipeline() });
      } else break;
    }
    return { first, rest, background: false };
  }

  /** After `|`, `&&`, `||`: newlines are skipped, and the end of input means "more to come". */
  private skipNewlinesOrMore(): void {
    this.skipNewlines();
    if (this.peek().t === 'eof') throw new Incomplete('more');
  }

  private parsePipeline(): Pipeline {
    let negate = false;
    const tok = this.peek();
    if (tok.t === 'word' && reserved(tok.word) === '!') {
      this.next();
      negate = true;
    }
    const commands: Command[] = [this.parseCommand()];
    const pipeStderr: boolean[] = [];
    for (;;) {
      const t = this.peek();
      if (t.t === 'op' && (t.op === '|' || t.op === '|&')) {
        this.next();
        pipeStderr.push(t.op === '|&');
        this.skipNewlinesOrMore();
        commands.push(this.parseCommand());
      } else break;
    }
    pipeStderr.push(false);
    return { negate, commands, pipeStderr };
  }

  private parseCommand(): Command {
    const tok = this.peek();
    if (tok.t === 'eof') throw new Incomplete('more');
    if (tok.t === 'op' && tok.op === '(') {
      this.next();
      const body = this.parseList(new Set([')']));
      this.expectOp(')');
      if (body.length === 0) throw new ShellSyntaxError("syntax error near unexpected token `)'");
      return { type: 'subshell', body, redirects: this.trailingRedirects() };
    }
    if (tok.t === 'word') {
      const r = reserved(tok.word);
      switch (r) {
        case '{': {
          this.next();
          const body = this.nonEmpty(this.parseList(new Set(['}'])));
          this.expectWord('}');
          return { type: 'group', body, redirects: this.trailingRedirects() };
        }
        case 'if':
          return this.parseIf();
        case 'while':
        case 'until': {
          this.next();
          const cond = this.nonEmpty(this.parseList(new Set(['do'])));
          this.expectWord('do');
          const body = this.nonEmpty(this.parseList(new Set(['done'])));
          this.expectWord('done');
          return { type: 'while', until: r === 'until', cond, body, redirects: this.trailingRedirects() };
        }
        case 'for':
          return this.parseFor();
        case 'then':
        case 'else':
        case 'elif':
        case 'fi':
        case 'do':
        case 'done':
        case '}':
        case 'esac':
          throw this.unexpected(tok);
        case 'case':
        case 'select':
        case 'function':
        case '[[':
          // Simplification: these compound commands are not supported.
          throw new ShellSyntaxError(`${r}: not supported in this shell`);
        default:
          break;
      }
    }
    return this.parseSimple();
  }

  private nonEmpty(list: List): List {
    if (list.length === 0) throw this.unexpected(this.peek());
    return list;
  }

  private parseIf(): Command {
    this.next();
    const clauses: { cond: List; body: List }[] = [];
    let otherwise: List | undefined;
    for (;;) {
      const cond = this.nonEmpty(this.parseList(new Set(['then'])));
      this.expectWord('then');
      const body = this.nonEmpty(this.parseList(new Set(['elif', 'else', 'fi'])));
      clauses.push({ cond, body });
      const tok = this.peek();
      const r = tok.t === 'word' ? reserved(tok.word) : undefined;
      if (r === 'elif') {
        this.next();
        continue;
      }
      if (r === 'else') {
        this.next();
        otherwise = this.nonEmpty(this.parseList(new Set(['fi'])));
      }
      this.expectWord('fi');
      break;
    }
    return { type: 'if', clauses, otherwise, redirects: this.trailingRedirects() };
  }

  private parseFor(): Command {
    this.next();
    const nameTok = this.next();
    if (nameTok.t === 'eof') throw new Incomplete('more');
    if (nameTok.t !== 'word') throw this.unexpected(nameTok);
    const name = this.src.slice(nameTok.start, nameTok.end);
    if (!NAME_RE.test(name)) throw new ShellSyntaxError(`\`${name}': not a valid identifier`);
    let items: Word[] | undefined;
    this.skipNewlines();
    let tok = this.peek();
    if (tok.t === 'word' && reserved(tok.word) === 'in') {
      this.next();
      items = [];
      for (;;) {
        tok = this.peek();
        if (tok.t === 'word') {
          items.push(tok.word);
          this.next();
        } else break;
      }
      if (tok.t === 'op' && (tok.op === ';' || tok.op === '\n')) this.next();
      else if (tok.t === 'eof') throw new Incomplete('more');
      else throw this.unexpected(tok);
    } else if (tok.t === 'op' && tok.op === ';') {
      this.next();
    }
    this.skipNewlines();
    this.expectWord('do');
    const body = this.nonEmpty(this.parseList(new Set(['done'])));
    this.expectWord('done');
    return { type: 'for', name, items, body, redirects: this.trailingRedirects() };
  }

  private trailingRedirects(): Redirect[] {
    const out: Redirect[] = [];
    for (;;) {
      const tok = this.peek();
      if (tok.t !== 'redir') return out;
      this.next();
      out.push(this.redirectFrom(tok));
    }
  }

  private parseSimple(): SimpleCommand {
    const cmd: SimpleCommand = { type: 'simple', assigns: [], words: [], redirects: [] };
    const expanded = new Set<string>();
    let aliasNext = true;
    for (;;) {
      const tok = this.peek();
      if (tok.t === 'redir') {
        this.next();
        cmd.redirects.push(this.redirectFrom(tok));
        continue;
      }
      if (tok.t !== 'word') break;
      if (cmd.words.length === 0) {
        const assign = asAssignment(tok.word);
        if (assign) {
          this.next();
          cmd.assigns.push(assign);
          continue;
        }
      }
      if (aliasNext && this.opts.alias) {
        const name = plainText(tok.word);
        const value = name !== undefined && !expanded.has(name) ? this.opts.alias(name) : undefined;
        if (value !== undefined && name !== undefined) {
          // Alias substitution is textual, as in bash: the value replaces the word in the input.
          expanded.add(name);
          this.src = this.src.slice(0, tok.start) + value + this.src.slice(tok.end);
          this.pos = tok.start;
          this.cached = undefined;
          aliasNext = value.endsWith(' ') || value.endsWith('\t');
          if (aliasNext) this.aliasBoundary = tok.start + value.length;
          continue;
        }
      }
      this.next();
      if (aliasNext && this.aliasBoundary !== undefined && tok.start < this.aliasBoundary) {
        // Still inside an alias value ending in a blank: the word after it is checked too.
        aliasNext = true;
      } else {
        aliasNext = false;
        this.aliasBoundary = undefined;
      }
      cmd.words.push(tok.word);
    }
    this.aliasBoundary = undefined;
    if (cmd.words.length === 0 && cmd.assigns.length === 0 && cmd.redirects.length === 0) {
      const tok = this.peek();
      if (tok.t === 'eof') throw new Incomplete('more');
      throw this.unexpected(tok);
    }
    return cmd;
  }

  private aliasBoundary: number | undefined;

  private redirectFrom(tok: Extract<Tok, { t: 'redir' }>): Redirect {
    const target = this.next();
    if (target.t === 'eof') throw new ShellSyntaxError("syntax error near unexpected token `newline'");
    if (target.t !== 'word') throw this.unexpected(target);
    const r: Redirect = { op: tok.op, target: target.word };
    if (tok.fd !== undefined) r.fd = tok.fd;
    if (tok.op === '<<' || tok.op === '<<-') {
      const quoted = target.word.parts.some((p) => p.kind !== 'lit' || p.quoted);
      const delimiter = delimiterText(this.src.slice(target.start, target.end));
      r.heredoc = { body: { parts: [], text: '' }, delimiter, expand: !quoted };
      this.pending.push({ redirect: r, strip: tok.op === '<<-', line: this.lineAt(tok.start) });
    }
    return r;
  }

  private expectOp(op: string): void {
    const tok = this.next();
    if (tok.t === 'op' && tok.op === op) return;
    if (tok.t === 'eof') throw new Incomplete('more');
    throw this.unexpected(tok);
  }

  private expectWord(w: string): void {
    const tok = this.next();
    if (tok.t === 'word' && reserved(tok.word) === w) return;
    if (tok.t === 'eof') throw new Incomplete('more');
    throw this.unexpected(tok);
  }

  private unexpected(tok: Tok): Error {
    if (tok.t === 'eof') return new Incomplete('more');
    const text = tok.t === 'op' && tok.op === '\n' ? 'newline' : this.src.slice(tok.start, tok.end);
    return new ShellSyntaxError(`syntax error near unexpected token \`${text}'`);
  }

  private lineAt(pos: number): number {
    let n = this.opts.firstLine ?? 1;
    for (let i = 0; i < pos && i < this.src.length; i++) if (this.src[i] === '\n') n++;
    return n;
  }

  // ---- tokens --------------------------------------------------------------------------

  private peek(): Tok {
    if (!this.cached) this.cached = this.lex();
    return this.cached;
  }

  private next(): Tok {
    const tok = this.peek();
    this.cached = undefined;
    this.pos = tok.end;
    if (tok.t === 'op' && tok.op === '\n' && this.pending.length > 0) this.readHeredocs();
    return tok;
  }

  /** Reads the bodies of the heredocs opened on the line that just ended. */
  private readHeredocs(): void {
    const pending = this.pending;
    this.pending = [];
    for (const h of pending) {
      const hd = h.redirect.heredoc!;
      const lines: string[] = [];
      let done = false;
      while (this.pos < this.src.length) {
        let nl = this.src.indexOf('\n', this.pos);
        if (nl < 0) nl = this.src.length;
        let line = this.src.slice(this.pos, nl);
        this.pos = Math.min(nl + 1, this.src.length);
        if (h.strip) line = line.replace(/^\t+/, '');
        if (line === hd.delimiter) {
          done = true;
          break;
        }
        lines.push(line);
      }
      if (!done) {
        if (!this.opts.eof) throw new Incomplete('heredoc', hd.delimiter);
        this.warnings.push(`warning: here-document at line ${h.line} delimited by end-of-file (wanted \`${hd.delimiter}')`);
      }
      const text = lines.length ? lines.join('\n') + '\n' : '';
      hd.body = hd.expand ? parseExpandable(text) : { parts: [{ kind: 'lit', value: text, quoted: true }], text };
    }
    this.cached = undefined;
  }

  private skipBlanks(): void {
    const s = this.src;
    for (;;) {
      const c = s[this.pos];
      if (c === ' ' || c === '\t' || c === '\r') this.pos++;
      else if (c === '\\' && s[this.pos + 1] === '\n') this.pos += 2;
      else if (c === '\\' && this.pos + 1 === s.length) throw new Incomplete('more');
      else if (c === '#') {
        while (this.pos < s.length && s[this.pos] !== '\n') this.pos++;
      } else return;
    }
  }

  private lex(): Tok {
    this.skipBlanks();
    const s = this.src;
    const start = this.pos;
    if (start >= s.length) return { t: 'eof', start, end: start };
    const c = s[start];
    if (c === '\n') return { t: 'op', op: '\n', start, end: start + 1 };
    // An IO number: digits directly before `<` or `>`.
    const io = /^(\d+)(?=[<>])/.exec(s.slice(start, start + 12));
    if (io) {
      const after = start + io[1].length;
      for (const [op, kind] of OPS) {
        if (kind === 'redir' && s.startsWith(op, after) && !op.startsWith('&')) {
          return { t: 'redir', op: op as RedirectOp, fd: Number(io[1]), start, end: after + op.length };
        }
      }
    }
    for (const [op, kind] of OPS) {
      if (s.startsWith(op, start)) {
        if (kind === 'redir') return { t: 'redir', op: op as RedirectOp, start, end: start + op.length };
        return { t: 'op', op, start, end: start + op.length };
      }
    }
    const parts = this.readWord();
    return { t: 'word', word: { parts, text: s.slice(start, this.pos) }, start, end: this.pos };
  }

  /** Reads an unquoted word up to the next metacharacter. */
  private readWord(): WordPart[] {
    const s = this.src;
    const parts = new PartBuilder();
    const start = this.pos;
    if (s[this.pos] === '~') this.readTilde(parts);
    while (this.pos < s.length) {
      const c = s[this.pos];
      if (META.has(c)) break;
      if (c === '\\' && s[this.pos + 1] === '\n') {
        this.pos += 2; // line continuation
        continue;
      }
      this.readWordChar(parts, false);
    }
    if (this.pos === start) throw new ShellSyntaxError(`syntax error near unexpected token \`${s[start]}'`);
    return parts.done();
  }

  private readTilde(parts: PartBuilder): void {
    const s = this.src;
    let end = this.pos + 1;
    while (end < s.length && /[A-Za-z0-9_.-]/.test(s[end])) end++;
    if (end < s.length && !META.has(s[end]) && s[end] !== '/') return;
    parts.push({ kind: 'tilde', user: s.slice(this.pos + 1, end) });
    this.pos = end;
  }

  /** Inside double quotes, after the opening quote; consumes the closing one. */
  private readDouble(parts: PartBuilder): void {
    const s = this.src;
    parts.lit('', true);
    for (;;) {
      if (this.pos >= s.length) throw new Incomplete('quote', '"');
      const c = s[this.pos];
      if (c === '"') {
        this.pos++;
        return;
      }
      if (c === '\\') {
        const n = s[this.pos + 1];
        if (n === undefined) throw new Incomplete('quote', '"');
        if (n === '\n') this.pos += 2;
        else if (n === '$' || n === '`' || n === '"' || n === '\\') {
          parts.lit(n, true);
          this.pos += 2;
        } else {
          parts.lit('\\', true);
          this.pos++;
        }
      } else if (c === '$') {
        this.readDollar(parts, true);
      } else if (c === '`') {
        this.readBackquote(parts, true);
      } else {
        parts.lit(c, true);
        this.pos++;
      }
    }
  }

  /** `$name`, `${...}`, `$(...)`, `$((...))`, `$'...'`, or a literal `$`. */
  private readDollar(parts: PartBuilder, quoted: boolean): void {
    const s = this.src;
    const n = s[this.pos + 1];
    if (n === '(' && s[this.pos + 2] === '(') {
      const end = findArithEnd(s, this.pos + 3);
      if (end >= 0) {
        const expr = new Parser(s.slice(this.pos + 3, end), {}).readHeredocBody();
        parts.push({ kind: 'arith', expr, quoted });
        this.pos = end + 2;
        return;
      }
      if (end === -2) throw new Incomplete('more');
    }
    if (n === '(') {
      this.pos += 2;
      this.cached = undefined;
      const list = this.parseList(new Set([')']));
      this.expectOp(')');
      parts.push({ kind: 'cmd', list, quoted });
      return;
    }
    if (n === '{') {
      this.readBrace(parts, quoted);
      return;
    }
    if (n === "'" && !quoted) {
      const { text, end } = readAnsiC(s, this.pos + 2);
      parts.lit(text, true);
      this.pos = end;
      return;
    }
    if (n === '"' && !quoted) {
      this.pos += 2;
      this.readDouble(parts);
      return;
    }
    if (n !== undefined && SPECIAL_PARAMS.has(n)) {
      parts.push({ kind: 'param', name: n, quoted });
      this.pos += 2;
      return;
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(this.pos + 1, this.pos + 200));
    if (m) {
      parts.push({ kind: 'param', name: m[0], quoted });
      this.pos += 1 + m[0].length;
      return;
    }
    parts.lit('$', quoted);
    this.pos++;
  }

  /** `${name}`, `${#name}`, `${name:-word}` and friends. */
  private readBrace(parts: PartBuilder, quoted: boolean): void {
    const s = this.src;
    const open = this.pos;
    this.pos += 2;
    let length = false;
    if (s[this.pos] === '#' && s[this.pos + 1] !== '}') {
      length = true;
      this.pos++;
    }
    const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[?$#!@*-])/.exec(s.slice(this.pos, this.pos + 200));
    if (!m) {
      const close = s.indexOf('}', this.pos);
      if (close < 0) throw new Incomplete('more');
      throw new ShellSyntaxError(`${s.slice(open, close + 1)}: bad substitution`);
    }
    const name = m[0];
    this.pos += name.length;
    if (s[this.pos] === '}') {
      this.pos++;
      parts.push({ kind: 'param', name, quoted, length: length || undefined });
      return;
    }
    const opm = /^(:?[-+=?]|%%|%|##|#)/.exec(s.slice(this.pos, this.pos + 2));
    if (!opm || length) {
      const close = s.indexOf('}', this.pos);
      if (close < 0) throw new Incomplete('more');
      throw new ShellSyntaxError(`${s.slice(open, close + 1)}: bad substitution`);
    }
    this.pos += opm[0].length;
    const arg = this.readBraceArg(quoted);
    parts.push({ kind: 'param', name, quoted, op: opm[0], arg });
  }

  /** The word inside `${name:-...}` up to the closing brace. */
  private readBraceArg(quoted: boolean): Word {
    const s = this.src;
    const start = this.pos;
    const parts = new PartBuilder();
    for (;;) {
      if (this.pos >= s.length) throw new Incomplete('more');
      const c = s[this.pos];
      if (c === '}') {
        const text = s.slice(start, this.pos);
        this.pos++;
        return { parts: parts.done(), text };
      }
      this.readWordChar(parts, quoted);
    }
  }

  /**
   * One element of a word at the current position: a backslash escape, a single- or
   * double-quoted string, a `$` expansion, a backquote substitution or a literal character.
   * Inside a double-quoted `${...}` (`quoted`), single quotes are literal.
   */
  private readWordChar(parts: PartBuilder, quoted: boolean): void {
    const s = this.src;
    const c = s[this.pos];
    if (c === '\\') {
      if (this.pos + 1 >= s.length) throw new Incomplete('more');
      parts.lit(s[this.pos + 1], true);
      this.pos += 2;
    } else if (c === "'" && !quoted) {
      const end = s.indexOf("'", this.pos + 1);
      if (end < 0) throw new Incomplete('quote', "'");
      parts.lit(s.slice(this.pos + 1, end), true);
      this.pos = end + 1;
    } else if (c === '"') {
      this.pos++;
      this.readDouble(parts);
    } else if (c === '$') {
      this.readDollar(parts, quoted);
    } else if (c === '`') {
      this.readBackquote(parts, quoted);
    } else {
      parts.lit(c, quoted);
      this.pos++;
    }
  }

  /** `` `cmd` ``: the text up to the closing backquote, parsed as a list. */
  private readBackquote(parts: PartBuilder, quoted: boolean): void {
    const s = this.src;
    let i = this.pos + 1;
    let inner = '';
    for (;;) {
      if (i >= s.length) throw new Incomplete('quote', '`');
      const c = s[i];
      if (c === '`') break;
      if (c === '\\' && (s[i + 1] === '`' || s[i + 1] === '\\' || s[i + 1] === '$')) {
        inner += s[i + 1];
        i += 2;
        continue;
      }
      inner += c;
      i++;
    }
    this.pos = i + 1;
    const list = new Parser(inner, { alias: this.opts.alias }).parseProgram();
    parts.push({ kind: 'cmd', list, quoted });
  }

  /** The whole input as a heredoc body: only `$`, backquote and `\` are special. */
  readHeredocBody(): Word {
    const s = this.src;
    const parts = new PartBuilder();
    while (this.pos < s.length) {
      const c = s[this.pos];
      if (c === '\\') {
        const n = s[this.pos + 1];
        if (n === '\n') this.pos += 2;
        else if (n === '$' || n === '`' || n === '\\') {
          parts.lit(n, true);
          this.pos += 2;
        } else {
          parts.lit('\\', true);
          this.pos++;
        }
      } else if (c === '$') {
        this.readDollar(parts, true);
      } else if (c === '`') {
        this.readBackquote(parts, true);
      } else {
        parts.lit(c, true);
        this.pos++;
      }
    }
    return { parts: parts.done(), text: s };
  }
}

/** Collects word parts, merging neighbouring literals of the same quoting. */
class PartBuilder {
  private parts: WordPart[] = [];
  lit(value: string, quoted: boolean): void {
    const last = this.parts[this.parts.length - 1];
    if (last && last.kind === 'lit' && last.quoted === quoted) last.value += value;
    else this.parts.push({ kind: 'lit', value, quoted });
  }
  push(p: WordPart): void {
    this.parts.push(p);
  }
  done(): WordPart[] {
    return this.parts;
  }
}

/** The reserved word a token is, if it is one (unquoted, alone). */
function reserved(w: Word): string | undefined {
  if (w.parts.length !== 1) return undefined;
  const p = w.parts[0];
  if (p.kind !== 'lit' || p.quoted) return undefined;
  return RESERVED.has(p.value) ? p.value : undefined;
}

/** The text of a word made of unquoted literal characters only (alias candidates). */
function plainText(w: Word): string | undefined {
  if (w.parts.length !== 1) return undefined;
  const p = w.parts[0];
  return p.kind === 'lit' && !p.quoted ? p.value : undefined;
}

/** `NAME=value` / `NAME+=value` at the start of a simple command. */
function asAssignment(w: Word): Assignment | undefined {
  const first = w.parts[0];
  if (!first || first.kind !== 'lit' || first.quoted) return undefined;
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(\+?)=/.exec(first.value);
  if (!m) return undefined;
  const rest = first.value.slice(m[0].length);
  const parts: WordPart[] = rest ? [{ kind: 'lit', value: rest, quoted: false }, ...w.parts.slice(1)] : w.parts.slice(1);
  return { name: m[1], append: m[2] === '+', value: { parts, text: w.text.slice(m[0].length) } };
}

/** Quote removal on a heredoc delimiter word (`'EOF'`, `"EOF"`, `\EOF` -> `EOF`). */
function delimiterText(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === "'" || c === '"') continue;
    if (c === '\\' && i + 1 < raw.length) {
      out += raw[++i];
      continue;
    }
    out += c;
  }
  return out;
}

/**
 * The end of `$(( ... ))` starting after `$((`: the index of the closing `))`, -1 when the
 * parentheses do not close as arithmetic (so it is a command substitution of a subshell), -2 at
 * the end of input.
 */
function findArithEnd(s: string, from: number): number {
  let depth = 0;
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (c === '(') depth++;
    else if (c === ')') {
      if (depth > 0) depth--;
      else return s[i + 1] === ')' ? i : s[i + 1] === undefined ? -2 : -1;
    } else if (c === '\n' || c === ';') return -1;
  }
  return -2;
}

/** `$'...'` (ANSI-C quoting): returns the decoded text and the index after the closing quote. */
function readAnsiC(s: string, from: number): { text: string; end: number } {
  let out = '';
  let i = from;
  for (;;) {
    if (i >= s.length) throw new Incomplete('quote', "'");
    const c = s[i];
    if (c === "'") return { text: out, end: i + 1 };
    if (c === '\\' && i + 1 < s.length) {
      const { text, next } = decodeEscape(s, i + 1, true);
      out += text;
      i = next;
      continue;
    }
    out += c;
    i++;
  }
}

/**
 * Decodes one backslash escape of `echo -e` / `$'...'` starting at `i` (after the backslash).
 * `\c` returns `stop` (echo -e stops printing there).
 */
export function decodeEscape(s: string, i: number, ansiC: boolean): { text: string; next: number; stop?: boolean } {
  const c = s[i];
  const simple: Record<string, string> = {
    a: '\x07',
    b: '\b',
    e: '\x1b',
    E: '\x1b',
    f: '\f',
    n: '\n',
    r: '\r',
    t: '\t',
    v: '\v',
    '\\': '\\',
  };
  if (ansiC) {
    simple["'"] = "'";
    simple['"'] = '"';
  }
  if (c in simple) return { text: simple[c], next: i + 1 };
  if (c === 'c' && !ansiC) return { text: '', next: i + 1, stop: true };
  if (c === '0' || (ansiC && /[0-7]/.test(c))) {
    const start = c === '0' && !ansiC ? i + 1 : i;
    const m = /^[0-7]{1,3}/.exec(s.slice(start, start + 3));
    const digits = m ? m[0] : '';
    return { text: String.fromCharCode(parseInt(digits || '0', 8) & 0xff), next: start + digits.length };
  }
  if (c === 'x') {
    const m = /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 1, i + 3));
    if (m) return { text: String.fromCharCode(parseInt(m[0], 16)), next: i + 1 + m[0].length };
  }
  if (c === 'u' || c === 'U') {
    const m = new RegExp(`^[0-9a-fA-F]{1,${c === 'u' ? 4 : 8}}`).exec(s.slice(i + 1, i + 9));
    if (m) return { text: String.fromCodePoint(parseInt(m[0], 16)), next: i + 1 + m[0].length };
  }
  return { text: '\\' + (c ?? ''), next: i + 1 };
}
