/**
 * `kubectl edit` in the browser: the ProcessHost.edit hook (shell/process.ts) that a terminal's
 * shell gets. kubectl writes the object to a temporary file and waits for the editor to close
 * it (k8s.io/kubectl/pkg/cmd/util/editor: LaunchTempFile); here the file is written to the
 * session's file system, the UI opens it in the YAML editor, and the learner's Apply (or Cancel)
 * comes back through `finish`.
 *
 * The promise handed to kubectl settles synchronously when `finish` is called. A real Promise
 * would run kubectl's callback on a later microtask, and a journal replay (which is synchronous)
 * would then poll the command before it saw the saved text; settling in place keeps a replayed
 * edit exactly where it happened.
 */
import type { FileSystem, ProcessHost } from '../shell/process';
import type { EditRequest } from './protocol';

type Callbacks = { ok?: (v: string | undefined) => unknown; fail?: (e: unknown) => unknown };

/** A promise-like value that runs its callbacks as soon as it settles, in the same call. */
export class SyncSettled<T> {
  private settled = false;
  private value?: T;
  private waiting: Callbacks[] = [];

  then(ok?: (v: T) => unknown, fail?: (e: unknown) => unknown): this {
    if (this.settled) ok?.(this.value as T);
    else this.waiting.push({ ok: ok as Callbacks['ok'], fail });
    return this;
  }

  resolve(v: T): void {
    if (this.settled) return;
    this.settled = true;
    this.value = v;
    const w = this.waiting;
    this.waiting = [];
    for (const c of w) c.ok?.(v as string | undefined);
  }
}

interface Pending {
  req: EditRequest;
  result: SyncSettled<string | undefined>;
}

/** The edits that wait for the learner, one per terminal at most (kubectl blocks the shell). */
export class EditBroker {
  private pending = new Map<string, Pending>();
  /** Set when the list changed since the last `take`. */
  private changed = true;
  private nextId = 1;

  constructor(private fs: FileSystem) {}

  /** The ProcessHost a terminal's shell runs with. */
  hostFor(term: string): ProcessHost {
    return {
      edit: (path, content) => {
        this.fs.write(path, content);
        const result = new SyncSettled<string | undefined>();
        this.pending.get(term)?.result.resolve(undefined);
        this.pending.set(term, { req: { id: this.nextId++, term, path }, result });
        this.changed = true;
        // kubectl only calls `then`; see the file comment for why this is not a real Promise.
        return result as unknown as Promise<string | undefined>;
      },
    };
  }

  /** The terminal's edit, if one waits. */
  get(term: string): EditRequest | undefined {
    return this.pending.get(term)?.req;
  }

  /** Ends a terminal's edit with the saved text (undefined: cancelled); false if none waits. */
  finish(term: string, text: string | undefined): boolean {
    const p = this.pending.get(term);
    if (!p) return false;
    this.pending.delete(term);
    this.changed = true;
    p.result.resolve(text);
    return true;
  }

  /** The terminal's command was interrupted or the shell replaced: its edit is gone. */
  drop(term?: string): void {
    for (const [t, p] of this.pending) {
      if (term !== undefined && t !== term) continue;
      this.pending.delete(t);
      p.result.resolve(undefined);
      this.changed = true;
    }
  }

  /** Starts over (a fresh cluster): ids restart, so that a replay numbers edits the same. */
  reset(): void {
    this.drop();
    this.nextId = 1;
    this.changed = true;
  }

  /** The waiting edits if the list changed since the last call (or `force`). */
  take(force = false): EditRequest[] | undefined {
    if (!this.changed && !force) return undefined;
    this.changed = false;
    return [...this.pending.values()].map((p) => p.req);
  }
}
