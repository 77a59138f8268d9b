import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster';
import { isLongRunning, type ProcessContext } from '../../shell/process';
import { kubectl } from '../kubectl';
import { MemFs, runKubectl } from '../testing';
import { goJsonIndent } from './apply-last-applied';

const LA = `apiVersion: v1
kind: ConfigMap
metadata:
  name: la
  labels:
    app: x
data:
  b: "2"
  a: "1 <&>"
`;
const LA2 = `apiVersion: v1
kind: ConfigMap
metadata:
  name: la
data:
  a: changed
  c: "3"
`;

function setup() {
  const cluster = createCluster({ bare: true });
  const fs = new MemFs({ 'la.yaml': LA, 'la2.yaml': LA2 });
  const run = (line: string) => {
    const r = runKubectl(cluster, line, { fs });
    return { out: r.out, err: r.err, code: r.code };
  };
  run('apply -f la.yaml');
  run('create cm plain --from-literal=x=1');
  return { cluster, fs, run };
}

const LA_YAML = 'apiVersion: v1\ndata:\n  a: 1 <&>\n  b: "2"\nkind: ConfigMap\nmetadata:\n  annotations: {}\n  labels:\n    app: x\n  name: la\n  namespace: default\n';

// Texts of the real kubectl v1.32.5 running the same commands against the simulated cluster.
describe('kubectl apply view-last-applied / set-last-applied / edit-last-applied', () => {
  it('views the annotation as YAML or as the indented stored JSON', () => {
    const { run } = setup();
    expect(run('apply view-last-applied cm/la')).toEqual({ out: LA_YAML, err: '', code: 0 });
    expect(run('apply view-last-applied configmap la -o json').out).toBe(
      '{\n  "apiVersion": "v1",\n  "data": {\n    "a": "1 \\u003c\\u0026\\u003e",\n    "b": "2"\n  },\n  "kind": "ConfigMap",\n  "metadata": {\n    "annotations": {},\n    "labels": {\n      "app": "x"\n    },\n    "name": "la",\n    "namespace": "default"\n  }\n}\n',
    );
    expect(run('apply view-last-applied cm/la -o wide')).toEqual({
      out: '',
      err: "error: Unexpected -o output mode: wide, the flag 'output' must be one of yaml|json\nSee 'kubectl apply view-last-applied -h' for help and examples\n",
      code: 1,
    });
    expect(run('apply view-last-applied cm/plain')).toEqual({ out: '', err: '', code: 0 });
    expect(run('apply view-last-applied cm la plain').out).toBe(LA_YAML);
    expect(run('apply view-last-applied cm -l app=x').out).toBe(LA_YAML);
    expect(run('apply view-last-applied -f la.yaml').out).toBe(LA_YAML);
    expect(run('apply view-last-applied cm/nope')).toEqual({ out: '', err: 'Error from server (NotFound): configmaps "nope" not found\n', code: 1 });
    expect(run('apply view-last-applied').err).toBe(
      "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
    );
  });

  it('sets the annotation from a file', () => {
    const { run, fs } = setup();
    expect(run('apply set-last-applied -f la.yaml')).toEqual({ out: 'configmap/la configured\n', err: '', code: 0 });
    expect(run('apply set-last-applied -f la2.yaml')).toEqual({ out: 'configmap/la configured\n', err: '', code: 0 });
    expect(run('apply view-last-applied cm/la').out).toBe('apiVersion: v1\ndata:\n  a: changed\n  c: "3"\nkind: ConfigMap\nmetadata:\n  name: la\n  namespace: default\n');
    expect(run('apply set-last-applied -f la2.yaml --dry-run=client')).toEqual({ out: 'set-last-applied la: no changes required.\n', err: '', code: 0 });
    expect(run('apply set-last-applied -f la.yaml --dry-run=client -o name')).toEqual({ out: 'configmap/la\n', err: '', code: 0 });
    fs.write('plain.yaml', run('create cm plain --from-literal=x=1 --dry-run=client -o yaml').out);
    expect(run('apply set-last-applied -f plain.yaml')).toEqual({
      out: '',
      err: 'error: no last-applied-configuration annotation found on resource: plain, to create the annotation, run the command with --create-annotation\n',
      code: 1,
    });
    expect(run('apply set-last-applied -f plain.yaml --create-annotation')).toEqual({ out: 'configmap/plain configured\n', err: '', code: 0 });
    expect(run('get cm plain -o jsonpath={.metadata.annotations}').out).toBe(
      '{"kubectl.kubernetes.io/last-applied-configuration":"{\\"apiVersion\\":\\"v1\\",\\"data\\":{\\"x\\":\\"1\\"},\\"kind\\":\\"ConfigMap\\",\\"metadata\\":{\\"creationTimestamp\\":null,\\"name\\":\\"plain\\",\\"namespace\\":\\"default\\"}}\\n"}',
    );
    expect(run('get cm la -o jsonpath={.data}').out).toBe('{"a":"1 \\u003c\\u0026\\u003e","b":"2"}');
    expect(run('apply set-last-applied cm/la').err).toMatch(/^error: You must provide one or more resources by argument or filename\./);
    expect(run('delete cm la')).toEqual({ out: 'configmap "la" deleted\n', err: '', code: 0 });
    expect(run('apply set-last-applied -f la.yaml')).toEqual({ out: '', err: 'Error from server (NotFound): configmaps "la" not found\n', code: 1 });
  });

  it('edits the annotation in the editor', async () => {
    const { cluster, fs, run } = setup();
    let opened = '';
    const ctxFor = (answer: (text: string) => string | undefined) => {
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
          edit: (_path, text) => {
            opened = text;
            return Promise.resolve(answer(text));
          },
        },
      };
      return { ctx, result: () => ({ out, err }) };
    };
    const edit = async (answer: (text: string) => string | undefined) => {
      const { ctx, result } = ctxFor(answer);
      const r = kubectl(['apply', 'edit-last-applied', 'cm/la'], ctx);
      await Promise.resolve();
      const code = isLongRunning(r) ? r.poll() : r;
      return { ...result(), code };
    };
    expect(await edit((t) => t)).toEqual({ out: '', err: 'Edit cancelled, no changes made.\n', code: 0 });
    expect(opened).toBe(
      "# Please edit the 'last-applied-configuration' annotations below.\n# Lines beginning with a '#' will be ignored, and an empty file will abort the edit.\n#\n" + LA_YAML,
    );
    expect(await edit((t) => t.replace('b: "2"', 'b: "22"'))).toEqual({ out: 'configmap/la edited\n', err: '', code: 0 });
    expect(run('apply view-last-applied cm/la').out).toBe(LA_YAML.replace('b: "2"', 'b: "22"'));
    expect(run('apply edit-last-applied cm/plain')).toEqual({
      out: '',
      err: 'error: no last-applied-configuration annotation found on resources, to create the annotation, use command `kubectl apply set-last-applied --create-annotation`\n',
      code: 1,
    });
    expect(run('apply edit-last-applied cm/la -o wide').err).toBe('error: unable to match a printer suitable for the output format "wide", allowed formats are: json,yaml\n');
    expect(run('apply edit-last-applied cm/la').err).toBe('error: unable to launch the editor "vi"\n');
  });

  it('indents JSON as encoding/json does', () => {
    expect(goJsonIndent('{"a":[],"b":{},"c":[1,{"d":"x,y:z"}]}\n', '  ')).toBe('{\n  "a": [],\n  "b": {},\n  "c": [\n    1,\n    {\n      "d": "x,y:z"\n    }\n  ]\n}\n');
  });
});
