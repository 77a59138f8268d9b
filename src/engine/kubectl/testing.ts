/**
 * Test helpers for kubectl commands: run a command line against a cluster with an in-memory
 * file system and capture stdout, stderr and the exit code.
 */
import { ApiServer } from '../api/server';
import type { KObject } from '../api/types/meta';
import type { Cluster } from '../cluster';
import { SimClock } from '../core/clock';
import { Rng } from '../core/rng';
import { isLongRunning, type FileSystem, type ProcessContext, type ProcessResult } from '../shell/process';
import { kubectl } from './kubectl';

/** A minimal in-memory FileSystem (the shell has the real one). */
export class MemFs implements FileSystem {
  readonly files = new Map<string, string>();
  constructor(
    files: Record<string, string> = {},
    private cwd = '/root',
  ) {
    for (const [p, c] of Object.entries(files)) this.files.set(this.resolve(p), c);
  }
  resolve(path: string): string {
    const abs = path.startsWith('/') ? path : `${this.cwd}/${path}`;
    const parts: string[] = [];
    for (const seg of abs.split('/')) {
      if (seg === '' || seg === '.') continue;
      if (seg === '..') parts.pop();
      else parts.push(seg);
    }
    return '/' + parts.join('/');
  }
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
    const p = this.resolve(path) + '/';
    for (const k of this.files.keys()) if (k.startsWith(p)) return true;
    return false;
  }
  list(dir: string): string[] {
    const p = this.resolve(dir) + '/';
    const out = new Set<string>();
    for (const k of this.files.keys()) {
      if (!k.startsWith(p)) continue;
      const rest = k.slice(p.length);
      out.add(p + rest.split('/')[0]);
    }
    return [...out].sort();
  }
}

export interface RunResult {
  out: string;
  err: string;
  code: number | undefined;
  result: ProcessResult;
}

/** Splits a command line on spaces, honouring single and double quotes (enough for tests). */
export function splitWords(line: string): string[] {
  const words: string[] = [];
  let cur = '';
  let quote = '';
  let has = false;
  for (const c of line) {
    if (quote) {
      if (c === quote) quote = '';
      else cur += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      has = true;
    } else if (c === ' ') {
      if (has || cur) words.push(cur);
      cur = '';
      has = false;
    } else cur += c;
  }
  if (has || cur) words.push(cur);
  return words;
}

/** Runs `kubectl <line>` (the line may start with `kubectl`); a LongRunning is returned as is. */
export function runKubectl(
  cluster: Cluster,
  line: string | string[],
  opts: { fs?: MemFs; stdin?: string; env?: Record<string, string>; tty?: boolean } = {},
): RunResult {
  let words = typeof line === 'string' ? splitWords(line) : line;
  if (words[0] === 'kubectl') words = words.slice(1);
  let out = '';
  let err = '';
  const ctx: ProcessContext = {
    cluster,
    out: { write: (t) => void (out += t) },
    err: { write: (t) => void (err += t) },
    stdin: opts.stdin,
    fs: opts.fs ?? new MemFs(),
    env: opts.env ?? {},
    mode: 'script',
    tty: opts.tty ?? false,
    columns: 120,
  };
  const result = kubectl(words, ctx);
  const r: RunResult = {
    get out() {
      return out;
    },
    get err() {
      return err;
    },
    code: isLongRunning(result) ? undefined : result,
    result,
  };
  return r;
}

/**
 * A cluster stand-in holding exactly the given objects at simulated time `nowIso` (no
 * controllers, scheduler or kubelets): for printer and command tests that must not depend on
 * the behaviour of other components. Objects are stored in order, so resourceVersions are
 * 1, 2, 3 ... in that order.
 */
export function seededCluster(objects: readonly KObject[], nowIso: string): Cluster {
  const clock = new SimClock(Date.parse(nowIso));
  const api = new ApiServer(clock, new Rng(1));
  for (const o of objects) api.store.put(o.kind!, structuredClone(o) as KObject);
  return { api, clock, rng: api.rng } as unknown as Cluster;
}
