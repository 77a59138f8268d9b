/**
 * The ustar writer and reader behind `kubectl cp`, checked against GNU tar on this machine
 * (archives written here must list and extract with it, and its archives must read here), and
 * the tar commands run in a simulated container.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster';
import { readTar, runTar, writeTar } from './tar';

const GNU_TAR = ['/usr/bin/tar', '/bin/tar'].find((p) => existsSync(p));
const dir = mkdtempSync(join(tmpdir(), 'kubeplay-tar-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!GNU_TAR)('ustar against GNU tar', () => {
  it('writes archives GNU tar lists and extracts', () => {
    const long = `${'d'.repeat(60)}/${'e'.repeat(60)}/file.txt`;
    const archive = writeTar([
      { name: 'etc', dir: true, content: Buffer.alloc(0), mode: 0o755, mtimeSeconds: 1_700_000_000 },
      { name: 'etc/hostname', dir: false, content: Buffer.from('box\n'), mode: 0o644, mtimeSeconds: 1_700_000_000 },
      { name: long, dir: false, content: Buffer.alloc(1000, 'x'), mode: 0o644, mtimeSeconds: 1_700_000_000 },
    ]);
    writeFileSync(join(dir, 'a.tar'), archive);
    const listing = execFileSync(GNU_TAR!, ['tf', join(dir, 'a.tar')]).toString();
    expect(listing).toBe(`etc/\netc/hostname\n${long}\n`);
    const out = join(dir, 'out');
    mkdirSync(out);
    execFileSync(GNU_TAR!, ['xf', join(dir, 'a.tar'), '-C', out]);
    expect(readFileSync(join(out, 'etc/hostname'), 'utf8')).toBe('box\n');
    expect(readFileSync(join(out, long), 'utf8')).toBe('x'.repeat(1000));
  });

  it('reads what GNU tar writes, directories and files', () => {
    const src = join(dir, 'src');
    mkdirSync(join(src, 'sub'), { recursive: true });
    writeFileSync(join(src, 'a.txt'), 'alpha\n');
    writeFileSync(join(src, 'sub', 'b.txt'), 'beta\n');
    const archive = execFileSync(GNU_TAR!, ['cf', '-', '--format=gnu', '-C', dir, 'src']);
    const entries = readTar(archive);
    expect(entries.map((e) => [e.name, e.dir, e.content.toString()]).sort()).toEqual([
      ['src', true, ''],
      ['src/a.txt', false, 'alpha\n'],
      ['src/sub', true, ''],
      ['src/sub/b.txt', false, 'beta\n'],
    ]);
  });

  it('refuses a corrupt header', () => {
    const archive = writeTar([{ name: 'f', dir: false, content: Buffer.from('x'), mode: 0o644, mtimeSeconds: 0 }]);
    archive[0] ^= 1;
    expect(() => readTar(archive)).toThrow('archive/tar: invalid tar header');
  });
});

describe('tar in a simulated container', () => {
  const cluster = createCluster({ nodes: 1, seed: 5 });
  cluster.api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'] }] } });
  cluster.advance(20);

  it('unpacks what kubectl cp sends, then archives it back', () => {
    const archive = writeTar([
      { name: 'data', dir: true, content: Buffer.alloc(0), mode: 0o755, mtimeSeconds: 0 },
      { name: "data/it's.txt", dir: false, content: Buffer.from("it's\nhere\n"), mode: 0o644, mtimeSeconds: 0 },
    ]);
    expect(runTar(cluster, 'default', 'p', 'c', ['tar', '-xmf', '-', '-C', '/tmp'], archive, true)).toMatchObject({ exitCode: 0, stderr: '' });
    expect(cluster.nodes.readFile('default', 'p', 'c', "/tmp/data/it's.txt")).toBe("it's\nhere\n");
    const back = runTar(cluster, 'default', 'p', 'c', ['tar', 'cf', '-', '/tmp/data'], Buffer.alloc(0), true)!;
    expect(back.stderr).toBe("tar: removing leading '/' from member names\n");
    expect(readTar(back.stdout).map((e) => [e.name, e.dir, e.content.toString()])).toEqual([
      ['tmp/data', true, ''],
      ["tmp/data/it's.txt", false, "it's\nhere\n"],
    ]);
  });

  it('fails on a missing path as tar does, and leaves other commands alone', () => {
    expect(runTar(cluster, 'default', 'p', 'c', ['tar', 'cf', '-', '/nope'], Buffer.alloc(0), true)).toMatchObject({
      exitCode: 1,
      stderr: "tar: removing leading '/' from member names\ntar: can't open '/nope': No such file or directory\n",
    });
    expect(runTar(cluster, 'default', 'p', 'c', ['tar', 'cf', '-', 'nope'], Buffer.alloc(0), false)).toMatchObject({
      exitCode: 2,
      stderr: 'tar: nope: Cannot stat: No such file or directory\ntar: Exiting with failure status due to previous errors\n',
    });
    expect(runTar(cluster, 'default', 'p', 'c', ['ls', '/'], Buffer.alloc(0), true)).toBeUndefined();
  });
});
