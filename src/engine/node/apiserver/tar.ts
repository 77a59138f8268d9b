/**
 * `tar` inside the simulated containers, as `kubectl cp` runs it through exec
 * (k8s.io/kubectl/pkg/cmd/cp/cp.go): `tar cf - PATH` streams an archive of a file or directory
 * to kubectl, and `tar -xmf - [-C DIR]` (with `--no-same-permissions --no-same-owner` for
 * `--no-preserve`) unpacks the archive kubectl sends. The archive is POSIX ustar (the format
 * both GNU and busybox tar write, and Go's archive/tar reads); files are read and written through
 * the container's file system by the kubelet simulation (cluster.nodes.readFile, and `sh -c` with
 * printf/mkdir).
 *
 * Simplification: text files only (NUL bytes do not survive the shell), no symlinks, modes
 * 0644/0755 and owner root; names up to 100 bytes (plus the 155-byte ustar prefix).
 */
import type { Cluster } from '../../cluster';

const BLOCK = 512;

export interface TarEntry {
  name: string;
  /** Directory entries have no content. */
  dir: boolean;
  content: Buffer;
  mode: number;
  mtimeSeconds: number;
}

function octal(n: number, width: number): string {
  return n.toString(8).padStart(width - 1, '0') + '\0';
}

function header(e: TarEntry): Buffer {
  const h = Buffer.alloc(BLOCK);
  let name = e.dir && !e.name.endsWith('/') ? `${e.name}/` : e.name;
  let prefix = '';
  if (Buffer.byteLength(name) > 100) {
    const cut = name.lastIndexOf('/', name.length - 2);
    prefix = name.slice(0, cut);
    name = name.slice(cut + 1);
  }
  h.write(name, 0, 100, 'utf8');
  h.write(octal(e.mode, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii');
  h.write(octal(0, 8), 116, 'ascii');
  h.write(octal(e.dir ? 0 : e.content.length, 12), 124, 'ascii');
  h.write(octal(e.mtimeSeconds, 12), 136, 'ascii');
  h.write('        ', 148, 'ascii');
  h.write(e.dir ? '5' : '0', 156, 'ascii');
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  h.write('root', 265, 'ascii');
  h.write('root', 297, 'ascii');
  h.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'ascii');
  return h;
}

/** A ustar archive of the entries, ended by two zero blocks. */
export function writeTar(entries: TarEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    parts.push(header(e));
    if (!e.dir && e.content.length) {
      parts.push(e.content);
      const pad = (BLOCK - (e.content.length % BLOCK)) % BLOCK;
      if (pad) parts.push(Buffer.alloc(pad));
    }
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  return Buffer.concat(parts);
}

function cstr(b: Buffer): string {
  const z = b.indexOf(0);
  return (z < 0 ? b : b.subarray(0, z)).toString('utf8');
}

/** The entries of a ustar (or GNU/PAX-tolerant) archive; throws on a malformed one. */
export function readTar(buf: Buffer): TarEntry[] {
  const out: TarEntry[] = [];
  let off = 0;
  let longName: string | undefined;
  while (off + BLOCK <= buf.length) {
    const h = buf.subarray(off, off + BLOCK);
    if (h.every((b) => b === 0)) break;
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i];
    const stored = parseInt(cstr(h.subarray(148, 156)).trim() || '0', 8);
    if (stored !== sum) throw new Error('archive/tar: invalid tar header');
    const size = parseInt(cstr(h.subarray(124, 136)).trim() || '0', 8);
    const type = String.fromCharCode(h[156] || 0x30);
    const prefix = cstr(h.subarray(345, 500));
    let name = cstr(h.subarray(0, 100));
    if (prefix) name = `${prefix}/${name}`;
    const content = buf.subarray(off + BLOCK, off + BLOCK + size);
    if (content.length < size) throw new Error('unexpected EOF');
    off += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'L') {
      longName = cstr(content);
      continue;
    }
    if (type === 'x' || type === 'g') continue; // PAX headers: nothing we need
    if (longName !== undefined) {
      name = longName;
      longName = undefined;
    }
    const mode = parseInt(cstr(h.subarray(100, 108)).trim() || '644', 8);
    const mtimeSeconds = parseInt(cstr(h.subarray(136, 148)).trim() || '0', 8);
    if (type === '5') out.push({ name: name.replace(/\/$/, ''), dir: true, content: Buffer.alloc(0), mode, mtimeSeconds });
    else if (type === '0' || type === '\0' || type === '7') out.push({ name, dir: false, content: Buffer.from(content), mode, mtimeSeconds });
  }
  return out;
}

export interface TarRun {
  stdout: Buffer;
  stderr: string;
  exitCode: number;
}

const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * Runs `argv` if it is one of the tar invocations of `kubectl cp`; undefined otherwise (the
 * command then runs as any other). `busybox` picks busybox's wording of messages over GNU tar's.
 */
export function runTar(cluster: Cluster, namespace: string, pod: string, container: string, argv: string[], stdin: Buffer, busybox: boolean): TarRun | undefined {
  if ((argv[0] ?? '').split('/').pop() !== 'tar') return undefined;
  const exec = (a: string[]) => cluster.nodes.exec(namespace, pod, container, a);
  // The image must have a shell (and so a tar) at all.
  if (exec(['sh', '-c', 'true']).exitCode !== 0) return undefined;
  const args = argv.slice(1);
  if (args[0] === 'cf' && args[1] === '-' && args.length >= 3) return create(cluster, namespace, pod, container, args.slice(2), busybox);
  const x = args.findIndex((a) => a === '-xmf' || a === 'xmf' || a === '-xf' || a === 'xf');
  if (x >= 0 && args[x + 1] === '-') {
    const c = args.indexOf('-C');
    const dir = c >= 0 ? args[c + 1] : '.';
    return extract(cluster, namespace, pod, container, stdin, dir ?? '.');
  }
  return undefined;
}

function create(cluster: Cluster, namespace: string, pod: string, container: string, paths: string[], busybox: boolean): TarRun {
  const exec = (a: string[]) => cluster.nodes.exec(namespace, pod, container, a);
  const now = Math.floor(cluster.clock.now() / 1000);
  const entries: TarEntry[] = [];
  let stderr = '';
  let exitCode = 0;
  let warned = false;
  const walk = (path: string, member: string): boolean => {
    if (exec(['test', '-d', path]).exitCode === 0) {
      entries.push({ name: member, dir: true, content: Buffer.alloc(0), mode: 0o755, mtimeSeconds: now });
      const ls = exec(['ls', '-a', path]);
      for (const child of ls.stdout.split('\n').filter((n) => n && n !== '.' && n !== '..').sort()) {
        walk(`${path.replace(/\/$/, '')}/${child}`, `${member}/${child}`);
      }
      return true;
    }
    const content = cluster.nodes.readFile(namespace, pod, container, path);
    if (content === undefined) return false;
    entries.push({ name: member, dir: false, content: Buffer.from(content, 'utf8'), mode: 0o644, mtimeSeconds: now });
    return true;
  };
  for (const p of paths) {
    const member = p.replace(/^\/+/, '');
    if (p.startsWith('/') && !warned) {
      warned = true;
      stderr += busybox ? "tar: removing leading '/' from member names\n" : "tar: Removing leading `/' from member names\n";
    }
    if (!walk(p, member)) {
      stderr += busybox ? `tar: can't open '${p}': No such file or directory\n` : `tar: ${p}: Cannot stat: No such file or directory\n`;
      exitCode = busybox ? 1 : 2;
    }
  }
  if (exitCode !== 0 && !busybox) stderr += 'tar: Exiting with failure status due to previous errors\n';
  return { stdout: writeTar(entries), stderr, exitCode };
}

function extract(cluster: Cluster, namespace: string, pod: string, container: string, stdin: Buffer, dir: string): TarRun {
  let entries: TarEntry[];
  try {
    entries = readTar(stdin);
  } catch {
    return { stdout: Buffer.alloc(0), stderr: 'tar: invalid tar magic\n', exitCode: 1 };
  }
  const base = dir.replace(/\/+$/, '') || '/';
  let stderr = '';
  for (const e of entries) {
    const target = e.name.startsWith('/') ? e.name : `${base === '/' ? '' : base}/${e.name}`;
    const parent = target.slice(0, target.lastIndexOf('/')) || '/';
    const script = e.dir ? `mkdir -p ${quote(target)}` : `mkdir -p ${quote(parent)} && printf '%s' ${quote(e.content.toString('utf8'))} > ${quote(target)}`;
    const r = cluster.nodes.exec(namespace, pod, container, ['sh', '-c', script]);
    if (r.exitCode !== 0) stderr += r.stderr || `tar: can't create '${target}'\n`;
  }
  return { stdout: Buffer.alloc(0), stderr, exitCode: stderr ? 1 : 0 };
}
