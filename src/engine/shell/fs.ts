/**
 * The in-memory file system of a shell session: files written with `cat > app.yaml <<EOF`,
 * `kubectl ... -o yaml > x.yaml` or the editor, read back by `kubectl apply -f`, `cat`, `ls`.
 * Paths are POSIX paths; the session starts in the home directory `/home/learner`.
 *
 * Simplification: no permissions, owners, links or special files besides `/dev/null`.
 */
import type { FileSystem } from './process';

export const HOME = '/home/learner';

export interface Entry {
  name: string;
  path: string;
  dir: boolean;
  size: number;
  mtimeMs: number;
}

interface FileNode {
  content: string;
  mtimeMs: number;
}

export class MemoryFS implements FileSystem {
  private files = new Map<string, FileNode>();
  private dirs = new Map<string, number>();
  /** The working directory (absolute). */
  cwd: string;

  constructor(
    private now: () => number = () => 0,
    home: string = HOME,
  ) {
    for (const d of ['/', '/home', home, '/tmp', '/dev']) this.dirs.set(d, now());
    this.cwd = home;
  }

  resolve(path: string): string {
    const abs = path.startsWith('/') ? path : `${this.cwd}/${path}`;
    const out: string[] = [];
    for (const seg of abs.split('/')) {
      if (seg === '' || seg === '.') continue;
      if (seg === '..') out.pop();
      else out.push(seg);
    }
    return '/' + out.join('/');
  }

  read(path: string): string | undefined {
    const p = this.resolve(path);
    if (p === '/dev/null') return '';
    return this.files.get(p)?.content;
  }

  /** Writes a file, creating missing parent directories (programs may write anywhere). */
  write(path: string, content: string): void {
    const p = this.resolve(path);
    if (p === '/dev/null') return;
    this.mkdirs(parentOf(p));
    this.files.set(p, { content, mtimeMs: this.now() });
  }

  append(path: string, text: string): void {
    const p = this.resolve(path);
    if (p === '/dev/null') return;
    this.write(p, (this.files.get(p)?.content ?? '') + text);
  }

  /** Removes a file (not a directory); false if there was none. */
  remove(path: string): boolean {
    return this.files.delete(this.resolve(path));
  }

  /** Removes a directory and everything under it. */
  removeTree(path: string): boolean {
    const p = this.resolve(path);
    if (!this.dirs.has(p) || p === '/') return false;
    const prefix = p + '/';
    for (const f of [...this.files.keys()]) if (f.startsWith(prefix)) this.files.delete(f);
    for (const d of [...this.dirs.keys()]) if (d.startsWith(prefix)) this.dirs.delete(d);
    this.dirs.delete(p);
    return true;
  }

  isDir(path: string): boolean {
    return this.dirs.has(this.resolve(path));
  }

  isFile(path: string): boolean {
    const p = this.resolve(path);
    return this.files.has(p) || p === '/dev/null';
  }

  exists(path: string): boolean {
    return this.isDir(path) || this.isFile(path);
  }

  /** Creates one directory; its parent must exist. */
  mkdir(path: string): 'ok' | 'exists' | 'noparent' {
    const p = this.resolve(path);
    if (this.exists(p)) return 'exists';
    if (!this.dirs.has(parentOf(p))) return 'noparent';
    this.dirs.set(p, this.now());
    return 'ok';
  }

  /** Creates a directory and its missing parents (`mkdir -p`); false if a file is in the way. */
  mkdirs(path: string): boolean {
    const p = this.resolve(path);
    if (this.dirs.has(p)) return true;
    if (this.files.has(p)) return false;
    if (!this.mkdirs(parentOf(p))) return false;
    this.dirs.set(p, this.now());
    return true;
  }

  /** Updates the modification time, creating an empty file if absent. */
  touch(path: string): void {
    const p = this.resolve(path);
    const f = this.files.get(p);
    if (f) f.mtimeMs = this.now();
    else if (this.dirs.has(p)) this.dirs.set(p, this.now());
    else this.files.set(p, { content: '', mtimeMs: this.now() });
  }

  stat(path: string): Entry | undefined {
    const p = this.resolve(path);
    const name = p === '/' ? '/' : p.slice(p.lastIndexOf('/') + 1);
    const f = this.files.get(p);
    if (f) return { name, path: p, dir: false, size: utf8Length(f.content), mtimeMs: f.mtimeMs };
    const d = this.dirs.get(p);
    if (d !== undefined) return { name, path: p, dir: true, size: 4096, mtimeMs: d };
    return undefined;
  }

  /** Files (absolute paths) directly in a directory, sorted. */
  list(dir: string): string[] {
    return this.entries(dir)
      .filter((e) => !e.dir)
      .map((e) => e.path);
  }

  /** Files and directories directly in a directory, sorted by name. */
  entries(dir: string): Entry[] {
    const d = this.resolve(dir);
    const prefix = d === '/' ? '/' : d + '/';
    const out: Entry[] = [];
    const direct = (p: string): boolean => p.startsWith(prefix) && p.length > prefix.length && !p.slice(prefix.length).includes('/');
    for (const p of this.files.keys()) if (direct(p)) out.push(this.stat(p)!);
    for (const p of this.dirs.keys()) if (direct(p)) out.push(this.stat(p)!);
    return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Every file path, sorted (for completion and tests). */
  allFiles(): string[] {
    return [...this.files.keys()].sort();
  }
}

export function parentOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}

/** Byte length of a string in UTF-8 (what `ls -l` and `wc -c` count). */
export function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}
