import { describe, expect, it } from 'vitest';
import { EngineHost } from './host';
import type { NamespaceView, Push } from './protocol';

function mustFlush(h: EngineHost): Push {
  const p = h.flush();
  if (!p) throw new Error('expected a push');
  return p;
}

describe('EngineHost', () => {
  it('sends every view on the first flush, then nothing until something changes', () => {
    const h = new EngineHost({ nodes: 1, seed: 1 });
    const first = mustFlush(h);
    expect(first.resync).toBe(true);
    const ns = first.deltas.find((d) => d.kind === 'Namespace')!.upsert as NamespaceView[];
    expect(ns.map((n) => n.name).sort()).toEqual(['default', 'kube-flannel', 'kube-node-lease', 'kube-public', 'kube-system']);
    expect(h.flush()).toBeUndefined();
  });

  it('coalesces several writes of one object into one upsert', () => {
    const h = new EngineHost({ nodes: 1 });
    h.flush();
    const api = h.current.api;
    api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } });
    api.patch('Namespace', undefined, 'team-a', 'merge', { metadata: { labels: { a: 'b' } } });
    const p = mustFlush(h);
    expect(p.resync).toBe(false);
    expect(p.deltas).toEqual([{ kind: 'Namespace', upsert: [{ key: 'team-a', name: 'team-a', phase: 'Active' }], remove: [] }]);
  });

  it('sends the key of a removed object', () => {
    const h = new EngineHost({ nodes: 1 });
    const api = h.current.api;
    h.flush();
    api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'gone' } });
    h.flush();
    api.delete('Namespace', undefined, 'gone');
    const p = mustFlush(h);
    const d = p.deltas.find((x) => x.kind === 'Namespace')!;
    // A namespace is first marked Terminating; the view says so.
    expect(d.upsert).toEqual([{ key: 'gone', name: 'gone', phase: 'Terminating' }]);
    h.current.api.finalizeNamespace('gone');
    h.current.api.finalizeNamespace('gone');
    expect(mustFlush(h).deltas.find((x) => x.kind === 'Namespace')!.remove).toEqual(['gone']);
  });

  it('advances simulated time by wall time times speed, and not while paused', () => {
    const h = new EngineHost({ nodes: 1 });
    const t0 = h.status().nowMs;
    h.tick(100);
    expect(h.status().nowMs).toBe(t0 + 100);
    h.setSpeed(60);
    h.tick(100);
    expect(h.status().nowMs).toBe(t0 + 100 + 6000);
    h.setPaused(true);
    h.tick(100);
    expect(h.status().nowMs).toBe(t0 + 6100);
  });

  it('caps one tick at a second of wall time (a throttled tab does not jump)', () => {
    const h = new EngineHost({ nodes: 1 });
    const t0 = h.status().nowMs;
    h.setSpeed(10);
    h.tick(60_000);
    expect(h.status().nowMs).toBe(t0 + 10_000);
  });

  it('refuses a speed the controls do not offer', () => {
    const h = new EngineHost({ nodes: 1 });
    expect(() => h.setSpeed(3 as never)).toThrow('unsupported speed 3');
  });

  it('starts a fresh cluster on reset and asks the UI to resync', () => {
    const h = new EngineHost({ nodes: 1 });
    h.current.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'mine' } });
    h.flush();
    const s = h.start({ nodes: 2 });
    expect(s.generation).toBe(2);
    expect(s.nodes).toBe(2);
    const p = mustFlush(h);
    expect(p.resync).toBe(true);
    const names = (p.deltas.find((d) => d.kind === 'Namespace')!.upsert as NamespaceView[]).map((n) => n.name);
    expect(names).not.toContain('mine');
  });

  it('echoes typed keys and answers an unknown command as bash does', () => {
    const h = new EngineHost({ nodes: 1 });
    const prompt = h.openTerminal('t', 80);
    expect(prompt).toContain('$');
    const out = h.input('t', 'nosuchcmd\r');
    expect(out).toContain('nosuchcmd\r\n');
    expect(out).toContain('bash: nosuchcmd: command not found\r\n');
  });
});

describe('EngineHost terminals and journal', () => {
  it('runs kubectl in the terminal against the cluster', () => {
    const h = new EngineHost({ nodes: 1 });
    h.openTerminal('t', 120);
    const out = h.input('t', 'kubectl create namespace team-a\r');
    expect(out).toContain('namespace/team-a created\r\n');
    expect(h.current.api.find('Namespace', undefined, 'team-a')).toBeDefined();
  });

  it('rebuilds the same cluster and files from its journal', () => {
    const a = new EngineHost({ nodes: 1, seed: 7 });
    a.openTerminal('t', 120);
    a.tick(1000);
    a.input('t', 'kubectl create namespace team-a\r');
    a.setSpeed(60);
    a.tick(500);
    a.writeFile('/home/learner/app.yaml', 'kind: Namespace\n');
    a.input('t', 'echo hello > notes.txt\r');
    a.tick(200);
    const saved = a.journal();
    expect(saved.entries.map((e) => e.op)).toEqual(['input', 'write', 'input']);

    const b = new EngineHost();
    b.restore(JSON.parse(JSON.stringify(saved)));
    expect(b.status()).toMatchObject({ nowMs: a.status().nowMs, nodes: 1, seed: 7, restored: 3 });
    const ns = (h: EngineHost) => h.current.api.get('Namespace', undefined, 'team-a');
    expect(ns(b).metadata).toEqual(ns(a).metadata);
    expect(b.fs.read('/home/learner/notes.txt')).toBe('hello\n');
    expect(b.fs.read('/home/learner/app.yaml')).toBe('kind: Namespace\n');
    expect(b.journal()).toEqual(saved);
    expect(b.current.api.store.revision).toBe(a.current.api.store.revision);
  });

  it('refuses a journal it does not understand', () => {
    const h = new EngineHost({ nodes: 1 });
    expect(() => h.restore({ version: 2 } as never)).toThrow('unsupported saved session');
  });
});

describe('EngineHost step', () => {
  it('runs until something happens and names it', () => {
    const h = new EngineHost({ nodes: 1 });
    const t0 = h.status().nowMs;
    const before = h.current.manager.reconciles;
    const r = h.step();
    const reconciled = h.current.manager.reconciles > before;
    expect(reconciled || r.changes.length > 0).toBe(true);
    if (reconciled) expect(r.summary.startsWith(h.current.manager.lastWork)).toBe(true);
    if (r.changes.length > 0) expect(r.summary).toContain(r.changes[0]);
    expect(r.nowMs).toBeGreaterThanOrEqual(t0);
    expect(h.status().lastStep).toBe(r.summary);
  });
});

describe('EngineHost foreground commands', () => {
  /** Terminal text without ANSI sequences. */
  const plain = (s: string) => s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '');

  it('keeps a blocking command in the foreground until simulated time lets it finish', () => {
    const h = new EngineHost({ nodes: 1 });
    h.openTerminal('t', 120);
    const started = plain(h.input('t', 'sleep 2; echo done\r'));
    expect(started).toMatch(/echo done\n$/);
    h.tick(1000);
    expect(plain(h.flush()?.terminal.map((o) => o.data).join('') ?? '')).toBe('');
    h.tick(1000);
    h.tick(100);
    const out = plain(h.flush()!.terminal.map((o) => o.data).join(''));
    expect(out).toMatch(/^done\nlearner@control-plane:~\$ $/);
  });

  it('cancels the foreground command on Ctrl-C and shows a new prompt', () => {
    const h = new EngineHost({ nodes: 1 });
    h.openTerminal('t', 120);
    h.input('t', 'sleep 100\r');
    expect(plain(h.input('t', '\x03'))).toBe('^C\nlearner@control-plane:~$ ');
    expect(h.journal().entries.map((e) => e.op)).toEqual(['input', 'interrupt']);
  });

  it('runs keys typed during a command once it finishes, as bash does', () => {
    const h = new EngineHost({ nodes: 1 });
    h.openTerminal('t', 120);
    h.input('t', 'sleep 1\r');
    expect(h.input('t', 'echo next\r')).toBe('');
    h.tick(1000);
    h.tick(100);
    const out = plain(h.flush()!.terminal.map((o) => o.data).join(''));
    expect(out).toContain('echo next\nnext\n');
  });

  it('reads a heredoc over several lines with the > prompt', () => {
    const h = new EngineHost({ nodes: 1 });
    h.openTerminal('t', 120);
    expect(plain(h.input('t', 'cat > a.txt <<EOF\r'))).toContain('\n> ');
    h.input('t', 'hello\r');
    h.input('t', 'EOF\r');
    expect(h.fs.read('/home/learner/a.txt')).toBe('hello\n');
  });
});

describe('EngineHost attaching a terminal', () => {
  const plain = (s: string) => s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '');

  it('shows exactly one prompt on a terminal that attaches after a restore', () => {
    const a = new EngineHost({ nodes: 1 });
    a.openTerminal('main', 100);
    a.input('main', 'echo hi\r');
    const b = new EngineHost();
    b.restore(a.journal());
    expect(plain(b.openTerminal('main', 120))).toBe('learner@control-plane:~$ ');
  });
});

describe('EngineHost kubectl edit', () => {
  const plain = (s: string) => s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '');
  const output = (h: EngineHost) => plain((h.flush()?.terminal ?? []).map((o) => o.data).join(''));

  function editing(): { h: EngineHost; path: string; text: string } {
    const h = new EngineHost({ nodes: 1 });
    h.openTerminal('t', 120);
    h.input('t', 'kubectl create configmap cfg --from-literal=a=1\r');
    h.flush();
    h.input('t', 'kubectl edit configmap cfg\r');
    const p = h.flush()!;
    expect(p.edits).toEqual([{ id: 1, term: 't', path: '/tmp/kubectl-edit-cfg.yaml' }]);
    const text = h.fs.read('/tmp/kubectl-edit-cfg.yaml')!;
    return { h, path: '/tmp/kubectl-edit-cfg.yaml', text };
  }

  it('writes the object to a file, waits for the editor, and patches what was saved', () => {
    const { h, text } = editing();
    expect(text).toMatch(/^# Please edit the object below\./);
    expect(text).toContain('  a: "1"\n');
    h.tick(5000);
    expect(output(h)).toBe('');
    h.finishEdit('t', text.replace('a: "1"', 'a: "2"'));
    const p = h.flush()!;
    expect(p.edits).toEqual([]);
    expect(plain(p.terminal.map((o) => o.data).join(''))).toBe('configmap/cfg edited\nlearner@control-plane:~$ ');
    expect(h.current.api.find('ConfigMap', 'default', 'cfg')!.data).toEqual({ a: '2' });
  });

  it('cancels without changes when the editor is closed without saving', () => {
    const { h } = editing();
    h.finishEdit('t', null);
    expect(output(h)).toBe('Edit cancelled, no changes made.\nlearner@control-plane:~$ ');
  });

  it('forgets the edit on Ctrl-C', () => {
    const { h } = editing();
    h.input('t', '\x03');
    expect(h.flush()!.edits).toEqual([]);
    expect(() => h.finishEdit('t', 'x')).toThrow('no kubectl edit is waiting in terminal t');
  });

  it('replays a finished edit from the journal to the same result', () => {
    const { h, text } = editing();
    h.tick(3000);
    h.finishEdit('t', text.replace('a: "1"', 'a: "3"'));
    h.tick(1000);
    const b = new EngineHost();
    b.restore(JSON.parse(JSON.stringify(h.journal())));
    expect(b.current.api.find('ConfigMap', 'default', 'cfg')).toEqual(h.current.api.find('ConfigMap', 'default', 'cfg'));
    expect(b.journal()).toEqual(h.journal());
  });

  it('reopens an edit still waiting when the session is restored', () => {
    const { h } = editing();
    const b = new EngineHost();
    b.restore(h.journal());
    expect(b.flush()!.edits).toEqual([{ id: 1, term: 't', path: '/tmp/kubectl-edit-cfg.yaml' }]);
  });
});
