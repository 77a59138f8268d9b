/**
 * The syntax tree of the shell language the playground understands: the subset of bash's
 * grammar (bash(1) "SHELL GRAMMAR", POSIX XCU 2.10) that Kubernetes tutorials use: simple
 * commands with assignments and redirections, pipelines, `&&`/`||` lists, subshells, brace
 * groups, `for`, `while`/`until`, `if`, heredocs and word expansions.
 */

/** A piece of a word before expansion. `quoted` parts are not field-split nor globbed. */
export type WordPart =
  | { kind: 'lit'; value: string; quoted: boolean }
  | {
      kind: 'param';
      name: string;
      quoted: boolean;
      /** `${#name}` */
      length?: boolean;
      /** `-`, `:-`, `+`, `:+`, `=`, `:=`, `?`, `:?` */
      op?: string;
      arg?: Word;
    }
  | { kind: 'cmd'; list: List; quoted: boolean }
  | { kind: 'arith'; expr: Word; quoted: boolean }
  /** `~` or `~user` at the start of an unquoted word. */
  | { kind: 'tilde'; user: string };

export interface Word {
  parts: WordPart[];
  /** The word as written in the source (for messages such as `ambiguous redirect`). */
  text: string;
}

export type RedirectOp = '>' | '>>' | '>|' | '<' | '<>' | '>&' | '<&' | '&>' | '&>>' | '<<' | '<<-' | '<<<';

export interface Redirect {
  /** The file descriptor redirected (default 1 for output ops, 0 for input ops). */
  fd?: number;
  op: RedirectOp;
  target: Word;
  /** For `<<` and `<<-`: the body, to be expanded unless the delimiter was quoted. */
  heredoc?: { body: Word; delimiter: string; expand: boolean };
}

export interface Assignment {
  name: string;
  value: Word;
  append: boolean;
}

export interface SimpleCommand {
  type: 'simple';
  assigns: Assignment[];
  words: Word[];
  redirects: Redirect[];
}

export interface Subshell {
  type: 'subshell';
  body: List;
  redirects: Redirect[];
}

export interface Group {
  type: 'group';
  body: List;
  redirects: Redirect[];
}

export interface ForCommand {
  type: 'for';
  name: string;
  /** Undefined for `for x; do` (the positional parameters, i.e. nothing here). */
  items?: Word[];
  body: List;
  redirects: Redirect[];
}

export interface WhileCommand {
  type: 'while';
  until: boolean;
  cond: List;
  body: List;
  redirects: Redirect[];
}

export interface IfCommand {
  type: 'if';
  clauses: { cond: List; body: List }[];
  otherwise?: List;
  redirects: Redirect[];
}

export type Command = SimpleCommand | Subshell | Group | ForCommand | WhileCommand | IfCommand;

export interface Pipeline {
  negate: boolean;
  commands: Command[];
  /** `|&` after command i: its stderr goes down the pipe too. */
  pipeStderr: boolean[];
}

export interface AndOr {
  first: Pipeline;
  rest: { op: '&&' | '||'; pipeline: Pipeline }[];
  /** Ended by `&`. */
  background: boolean;
}

export type List = AndOr[];
