/**
 * Session scripts (CONTRACT.md section 1): a script is read line by line as the terminal would
 * receive it; each command is echoed the way an interactive bash shows it being typed (`$ ` on
 * its first line, `> ` on continuation and heredoc lines) and followed by what it prints.
 * Blank lines and lines starting with `#` between commands are skipped (inside a heredoc they
 * are part of the body).
 */
import { createCluster, type Cluster } from '../cluster';
import type { Writer } from './process';
import { Shell } from './shell';

/** One command of a script: its physical lines and where it starts (1-based). */
export interface ScriptCommand {
  lines: string[];
  firstLine: number;
  /** The script ended before the command was complete. */
  eof: boolean;
}

/**
 * Splits a script into commands as it goes: a command ends at the first line where the input
 * so far is complete (no open quote, pending heredoc, trailing `|`/`&&`/`\`, unclosed `if`...).
 * `needsMore` is asked again for each command, so aliases defined earlier count.
 */
export function* scriptCommands(text: string, needsMore: (input: string) => boolean): Generator<ScriptCommand> {
  const all = text.replace(/\r\n/g, '\n').split('\n');
  if (all[all.length - 1] === '') all.pop();
  let acc: string[] = [];
  let first = 0;
  for (let i = 0; i < all.length; i++) {
    const line = all[i];
    if (acc.length === 0) {
      const t = line.trim();
      if (t === '' || t.startsWith('#')) continue;
      first = i + 1;
    }
    acc.push(line);
    if (!needsMore(acc.join('\n'))) {
      yield { lines: acc, firstLine: first, eof: false };
      acc = [];
    }
  }
  if (acc.length > 0) yield { lines: acc, firstLine: first, eof: true };
}

/** Runs a script through a shell, writing the transcript; stops early after `exit`. */
export function runScript(text: string, shell: Shell, out: Writer): void {
  for (const cmd of scriptCommands(text, (s) => shell.needsMore(s))) {
    out.write(cmd.lines.map((l, i) => (i === 0 ? `$ ${l}` : `> ${l}`)).join('\n') + '\n');
    shell.run(cmd.lines.join('\n') + '\n', out, out, { eof: true, firstLine: cmd.firstLine });
    if (shell.exited !== undefined) break;
  }
}

export interface PlayOptions {
  nodes?: number;
  seed?: number;
}

/** A fresh default cluster and a script-mode shell on it, as `npm run play` uses. */
export function newPlaySession(opts: PlayOptions = {}): { cluster: Cluster; shell: Shell } {
  const cluster = createCluster({ nodes: opts.nodes ?? 3, seed: opts.seed ?? 1 });
  const shell = new Shell({ cluster, mode: 'script', tty: false, columns: 80 });
  return { cluster, shell };
}

/** Runs a script on a fresh cluster and returns the transcript. */
export function playScript(text: string, opts: PlayOptions = {}): string {
  const { shell } = newPlaySession(opts);
  let transcript = '';
  runScript(text, shell, { write: (t) => (transcript += t) });
  return transcript;
}
