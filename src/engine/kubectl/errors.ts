/**
 * How kubectl reports failures: cmdutil.CheckErr and its helpers
 * (k8s.io/kubectl/pkg/cmd/util/helpers.go: checkErr, StandardErrorMessage, MultilineError,
 * MultipleErrors, UsageErrorf) and cobra's flag and unknown-command errors.
 *
 * Commands throw; `reportError` alone turns an error into the text kubectl prints on stderr
 * and the exit code.
 */
import { isStatusError, StatusError } from '../api/errors';
import { FlagError } from './flags';

/** A plain command error; printed as `error: <message>` (unless it already starts so). */
export class CmdError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CmdError';
  }
}

/** Text printed exactly as given (plus a final newline if missing); e.g. get's preamble. */
export class RawError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'RawError';
  }
}

/** Ends the command with an exit code and no further output (cmdutil.ErrExit). */
export class ExitError extends Error {
  constructor(readonly exitCode = 1) {
    super('exit');
    this.name = 'ExitError';
  }
}

/**
 * meta.NoResourceMatchError: a resource type the RESTMapper does not know, as it reaches
 * checkErr from commands that map types directly (explain). The resource builder wraps it in
 * a plain error instead (`error: the server doesn't have a resource type "x"`).
 */
export class NoResourceMatchError extends Error {
  constructor(
    readonly resource: string,
    readonly group = '',
    readonly version = '',
  ) {
    super(`no matches for ${resource}`);
    this.name = 'NoResourceMatchError';
  }
}

/** utilerrors.Aggregate: several errors printed one per line. */
export class AggregateError extends Error {
  constructor(readonly errors: unknown[]) {
    super(errors.map((e) => messageFor(e)).join('\n'));
    this.name = 'AggregateError';
  }
}

/** cmdutil.UsageErrorf: `<msg>\nSee 'kubectl get -h' for help and examples`. */
export function usageError(commandPath: string, msg: string): CmdError {
  return new CmdError(`${msg}\nSee '${commandPath} -h' for help and examples`);
}

/** The cobra flag-error form: `<msg>\nSee 'kubectl get --help' for usage.`. */
export function flagUsageError(commandPath: string, err: FlagError | string): CmdError {
  const msg = typeof err === 'string' ? err : err.message;
  return new CmdError(`${msg}\nSee '${commandPath} --help' for usage.`);
}

/** StandardErrorMessage: the text for API errors, or undefined for other errors. */
export function standardErrorMessage(e: unknown): string | undefined {
  if (!isStatusError(e)) return undefined;
  if (e.reason === ('Unauthorized' as string)) return `error: You must be logged in to the server (${e.message})`;
  if (e.reason) return `Error from server (${e.reason}): ${e.message}`;
  return `Error from server: ${e.message}`;
}

/** messageForError: the standard message, else the error's own text (no `error:` prefix). */
export function messageFor(e: unknown): string {
  const std = standardErrorMessage(e);
  if (std !== undefined) return std;
  if (e instanceof NoResourceMatchError) return noResourceText(e);
  return e instanceof Error ? e.message : String(e);
}

function noResourceText(e: NoResourceMatchError): string {
  if (e.group && e.version) {
    return `the server doesn't have a resource type "${e.resource}" in group "${e.group}" and version "${e.version}"`;
  }
  if (e.group) return `the server doesn't have a resource type "${e.resource}" in group "${e.group}"`;
  if (e.version) return `the server doesn't have a resource type "${e.resource}" in version "${e.version}"`;
  return `the server doesn't have a resource type "${e.resource}"`;
}

/** MultilineError: one cause inline, several as `* cause` lines under the prefix. */
function multilineError(prefix: string, causes: string[]): string {
  if (causes.length === 1) return `${prefix}${causes[0]}\n`;
  return `${prefix}\n${causes.map((c) => `* ${c}\n`).join('')}`;
}

/** The text checkErr prints for an error (always ending in a newline, or empty) and the exit code. */
export function formatError(e: unknown): { text: string; code: number } {
  if (e instanceof AggregateError && e.errors.length === 1) return formatError(e.errors[0]);
  let text: string;
  let code = 1;
  if (e instanceof ExitError) return { text: '', code: e.exitCode };
  if (e instanceof RawError) {
    text = e.message;
    code = e.exitCode;
  } else if (isStatusError(e) && e.reason === 'Invalid') {
    text = invalidText(e);
  } else if (e instanceof NoResourceMatchError) {
    // checkErr prints a RESTMapper NoResourceMatchError without the `error: ` prefix.
    text = noResourceText(e);
  } else if (e instanceof AggregateError) {
    text = e.errors.map((x) => `${messageFor(x)}\n`).join('');
  } else {
    const std = standardErrorMessage(e);
    if (std !== undefined) text = std;
    else {
      const msg = e instanceof Error ? e.message : String(e);
      text = msg.startsWith('error: ') ? msg : `error: ${msg}`;
      if (e instanceof CmdError) code = e.exitCode;
    }
  }
  if (text.length > 0 && !text.endsWith('\n')) text += '\n';
  return { text, code };
}

/** `The Deployment "web" is invalid: <cause>` or a `* cause` line per field. */
function invalidText(e: StatusError): string {
  const d = e.details;
  let s = 'The request is invalid';
  if (!d || Object.keys(d).length === 0) {
    return e.message ? `${s}: ${e.message}` : s;
  }
  const causes = d.causes ?? [];
  if (d.kind || d.name) s = `The ${d.kind ?? ''} "${d.name ?? ''}" is invalid`;
  else if (e.message && causes.length === 0) s += `: ${e.message}`;
  if (causes.length === 0) return s;
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const c of causes) {
    const msg = `${c.field ?? ''}: ${c.message}`;
    if (seen.has(msg)) continue;
    seen.add(msg);
    lines.push(msg);
  }
  return multilineError(`${s}: `, lines);
}
