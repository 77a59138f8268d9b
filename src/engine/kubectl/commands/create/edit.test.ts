import { describe, expect, it } from 'vitest';
import { createCluster } from '../../../cluster';
import { isLongRunning, type ProcessContext } from '../../../shell/process';
import { kubectl } from '../../kubectl';
import { MemFs, runKubectl } from '../../testing';

const LA = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: la\n  labels:\n    app: x\ndata:\n  b: "2"\n  a: "1 <&>"\n';

describe('kubectl create --edit', () => {
  const cluster = createCluster({ bare: true });
  const fs = new MemFs({ 'la.yaml': LA });
  let opened = '';
  const run = async (args: string[], answer: (text: string) => string | undefined) => {
    let out = '';
    let err = '';
    const ctx: ProcessContext = {
      cluster,
      out: { write: (t) => void (out += t) },
      err: { write: (t) => void (err += t) },
      fs,
      env: {},
      mode: 'script',
      tty: false,
      columns: 120,
      host: {
        edit: (_p, text) => {
          opened = text;
          return Promise.resolve(answer(text));
        },
      },
    };
    const r = kubectl(args, ctx);
    await Promise.resolve();
    const code = isLongRunning(r) ? r.poll() : r;
    return { out, err, code };
  };

  // What the real kubectl v1.32.5 shows and prints with KUBE_EDITOR scripts doing the same edits.
  it('opens the file object with its namespace and creates what is saved', async () => {
    expect(await run(['create', '-f', 'la.yaml', '--edit'], (t) => t)).toEqual({ out: '', err: 'Edit cancelled, no changes made.\n', code: 0 });
    expect(opened).toBe(
      "# Please edit the object below. Lines beginning with a '#' will be ignored,\n# and an empty file will abort the edit. If an error occurs while saving this file will be\n# reopened with the relevant failures.\n#\napiVersion: v1\ndata:\n  a: 1 <&>\n  b: \"2\"\nkind: ConfigMap\nmetadata:\n  labels:\n    app: x\n  name: la\n  namespace: default\n",
    );
    expect(await run(['create', '-f', 'la.yaml', '--edit'], (t) => t.replace('name: la', 'name: la-edited'))).toEqual({ out: 'configmap/la-edited created\n', err: '', code: 0 });
    expect(cluster.api.find('ConfigMap', 'default', 'la-edited')?.data).toEqual({ a: '1 <&>', b: '2' });
    expect(await run(['create', '-f', 'la.yaml', '--edit'], () => undefined)).toEqual({ out: '', err: 'Edit cancelled, no changes made.\n', code: 0 });
  });

  it('refuses output formats the editor cannot show, and fails without an editor', () => {
    expect(runKubectl(cluster, 'create -f la.yaml --edit -o name', { fs }).err).toBe(
      'error: unable to match a printer suitable for the output format "name", allowed formats are: json,yaml\n',
    );
    expect(runKubectl(cluster, 'create -f la.yaml --edit', { fs }).err).toBe('error: unable to launch the editor "vi"\n');
  });
});
