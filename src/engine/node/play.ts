/**
 * `npm run --silent play -- FILE [--nodes N] [--seed S]` (CONTRACT.md section 1): runs a session
 * script through the playground's shell against a fresh default cluster in simulated time and
 * prints the transcript. Exit status 0 whatever the commands did; non-zero only when FILE cannot
 * be read or the arguments are wrong.
 */
import { readFileSync } from 'node:fs';
import { newPlaySession, runScript } from '../shell/script';

const USAGE = 'usage: npm run --silent play -- FILE [--nodes N] [--seed S]\n';

interface Args {
  file: string;
  nodes: number;
  seed: number;
}

function parseArgs(argv: string[]): Args | string {
  let file: string | undefined;
  let nodes = 3;
  let seed = 1;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const m = /^--(nodes|seed)(?:=(.*))?$/.exec(a);
    if (m) {
      const v = m[2] ?? argv[++i];
      if (v === undefined || !/^\d+$/.test(v)) return `play: --${m[1]} needs a non-negative integer, got ${v === undefined ? 'nothing' : `"${v}"`}\n`;
      if (m[1] === 'nodes') nodes = Number(v);
      else seed = Number(v);
    } else if (a === '-h' || a === '--help') {
      return USAGE;
    } else if (a.startsWith('--') && a !== '--') {
      return `play: unknown option ${a}\n${USAGE}`;
    } else if (a !== '--') {
      if (file !== undefined) return `play: only one FILE, got "${file}" and "${a}"\n${USAGE}`;
      file = a;
    }
  }
  if (file === undefined) return `play: missing FILE\n${USAGE}`;
  return { file, nodes, seed };
}

function main(): number {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    process.stderr.write(args);
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(args.file, 'utf8');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const reason = err.code === 'ENOENT' ? 'No such file or directory' : err.code === 'EISDIR' ? 'Is a directory' : err.code === 'EACCES' ? 'Permission denied' : err.message;
    process.stderr.write(`play: cannot read ${args.file}: ${reason}\n`);
    return 1;
  }
  const { shell } = newPlaySession({ nodes: args.nodes, seed: args.seed });
  // Output is buffered in chunks: thousands of small synchronous writes to a pipe are slow.
  let buf = '';
  const out = {
    write(t: string) {
      buf += t;
      if (buf.length > 1 << 16) {
        process.stdout.write(buf);
        buf = '';
      }
    },
  };
  runScript(text, shell, out);
  process.stdout.write(buf);
  return 0;
}

process.exitCode = main();
