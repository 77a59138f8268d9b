/**
 * The worker's view of the engine shell (src/engine/shell) and of its line editor: the two
 * ports a TerminalSession needs. Everything shell-specific stays behind these functions so the
 * session and the server do not depend on the shell's internals.
 *
 * Interim: until src/engine/shell lands, a minimal in-memory file system, a word splitter and an
 * append-only line editor stand in.
 */
import type { FileSystem, ProcessContext, ProcessResult } from '../shell/process';

export interface ShellPort {
  fs: FileSystem;
  run(line: string, ctx: ProcessContext): ProcessResult;
}

export interface EditorPort {
  prompt(): string;
  /** Feeds raw terminal input; returns what to echo and the lines completed by Enter. */
  feed(data: string, columns: number): { output: string; lines: string[] };
}

const PROMPT = '\x1b[1;32m$\x1b[0m ';

class MemFs implements FileSystem {
  private files = new Map<string, string>();
  private cwd = '/root';
  read(path: string): string | undefined {
    return this.files.get(this.resolve(path));
  }
  write(path: string, content: string): void {
    this.files.set(this.resolve(path), content);
  }
  remove(path: string): boolean {
    return this.files.delete(this.resolve(path));
  }
  isDir(path: string): boolean {
    const p = this.resolve(path).replace(/\/$/, '') + '/';
    for (const k of this.files.keys()) if (k.startsWith(p)) return true;
    return false;
  }
  list(dir: string): string[] {
    const p = this.resolve(dir).replace(/\/$/, '') + '/';
    return [...this.files.keys()].filter((k) => k.startsWith(p) && !k.slice(p.length).includes('/')).sort();
  }
  resolve(path: string): string {
    return path.startsWith('/') ? path : `${this.cwd}/${path}`;
  }
}

export function createShell(fs?: FileSystem): ShellPort {
  const files = fs ?? new MemFs();
  return {
    fs: files,
    run(line, ctx) {
      const words = line.trim().split(/\s+/).filter(Boolean);
      if (words.length === 0) return 0;
      ctx.err.write(`bash: ${words[0]}: command not found\n`);
      return 127;
    },
  };
}

export function createFileSystem(): FileSystem {
  return new MemFs();
}

export function createLineEditor(_shell: ShellPort): EditorPort {
  let buf = '';
  return {
    prompt: () => PROMPT,
    feed(data) {
      let output = '';
      const lines: string[] = [];
      for (const ch of data) {
        if (ch === '\r' || ch === '\n') {
          lines.push(buf);
          buf = '';
          output += '\r\n';
        } else if (ch === '\x7f' || ch === '\b') {
          if (buf) {
            buf = buf.slice(0, -1);
            output += '\b \b';
          }
        } else if (ch === '\x03') {
          buf = '';
          output += '^C\r\n' + PROMPT;
        } else if (ch >= ' ') {
          buf += ch;
          output += ch;
        }
      }
      return { output, lines };
    },
  };
}
