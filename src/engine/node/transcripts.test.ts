/**
 * Golden transcripts: every `src/engine/testdata/transcripts/*.sh` and every `examples/*.sh`
 * runs through the same code as `npm run play` and must print exactly its `.out` file
 * (examples keep theirs in `testdata/transcripts/examples/`). `UPDATE_GOLDEN=1` rewrites the
 * `.out` files; review the diff like code.
 *
 * A script may start with a line `# play: --nodes N --seed S` to run on another cluster.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { playScript, type PlayOptions } from '../shell/script';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');
const transcripts = join(root, 'src/engine/testdata/transcripts');
const examples = join(root, 'examples');
const update = process.env.UPDATE_GOLDEN === '1';

function optionsOf(script: string): PlayOptions {
  const m = /^# play:(.*)$/m.exec(script.split('\n')[0] ?? '');
  const opts: PlayOptions = {};
  if (!m) return opts;
  const nodes = /--nodes[= ](\d+)/.exec(m[1]);
  const seed = /--seed[= ](\d+)/.exec(m[1]);
  if (nodes) opts.nodes = Number(nodes[1]);
  if (seed) opts.seed = Number(seed[1]);
  return opts;
}

function cases(dir: string, goldenDir: string): [string, string, string][] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sh'))
    .sort()
    .map((f) => [f, join(dir, f), join(goldenDir, f.replace(/\.sh$/, '.out'))]);
}

function check(script: string, golden: string): void {
  const text = readFileSync(script, 'utf8');
  const got = playScript(text, optionsOf(text));
  if (update) {
    mkdirSync(dirname(golden), { recursive: true });
    writeFileSync(golden, got);
    return;
  }
  if (!existsSync(golden)) throw new Error(`missing golden file ${golden}; run with UPDATE_GOLDEN=1`);
  expect(got).toBe(readFileSync(golden, 'utf8'));
}

describe('golden transcripts', () => {
  const all = [...cases(transcripts, transcripts), ...cases(examples, join(transcripts, 'examples'))];
  it('has scripts to check', () => {
    expect(all.length).toBeGreaterThan(0);
  });
  it.each(all)('%s prints its golden transcript', (_name, script, golden) => {
    check(script, golden);
  });
});

describe('the play command', () => {
  const play = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/engine/node/play.ts'), ...args], {
      cwd: root,
      encoding: 'utf8',
    });

  it('prints the same transcript as the test runner and exits 0', () => {
    const script = join(transcripts, 'shell-basics.sh');
    const out = execFileSync(process.execPath, ['--import', 'tsx', join(root, 'src/engine/node/play.ts'), script, '--nodes', '2'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(out).toBe(playScript(readFileSync(script, 'utf8'), { nodes: 2 }));
  });

  it('fails with a clear message when the file cannot be read', () => {
    const r = play('no/such/file.sh');
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('play: cannot read no/such/file.sh: No such file or directory\n');
  });

  it('rejects a bad option value', () => {
    const r = play('x.sh', '--nodes', 'many');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('play: --nodes needs a non-negative integer, got "many"');
  });
});
