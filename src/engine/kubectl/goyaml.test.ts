/**
 * The go-yaml port against real kubectl v1.32.5: testdata/yaml-golden.json holds 309 manifests
 * (45 written by hand: tabs, indentation, quotes, flow collections, anchors and merge keys,
 * YAML 1.1 scalars, block scalars, directives, control characters, BOM, CRLF...; the rest
 * random mutations of a Deployment) with what `kubectl create -f <name> --validate=false
 * --dry-run=client -o json` printed for each: the parse error, or the decoded fields (printed
 * as Python's json.dumps(sort_keys=True) so that numbers keep their JSON form).
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster';
import golden from './testdata/yaml-golden.json';
import { yamlToJson, YamlError } from './goyaml';
import { MemFs, runKubectl } from './testing';

const cluster = createCluster({ bare: true });

/** json.dumps(v, sort_keys=True, ensure_ascii=False). */
function pyDump(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return `[${v.map(pyDump).join(', ')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}: ${pyDump(o[k])}`)
      .join(', ')}}`;
  }
  if (typeof v === 'number' && !Number.isInteger(v)) return String(v);
  return JSON.stringify(v);
}

describe('kubectl reads YAML manifests as kubectl v1.32 does', () => {
  it.each(golden.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = runKubectl(cluster, ['create', '-f', c.name, '--validate=false', '--dry-run=client', '-o', 'json'], {
      fs: new MemFs({ [c.name]: c.yaml }),
    });
    let got: string;
    try {
      const o = JSON.parse(r.out) as Record<string, unknown>;
      const pick: Record<string, unknown> = {};
      for (const k of c.fields.split(',')) pick[k] = o[k] ?? null;
      got = pyDump(pick);
    } catch {
      got = (r.out + r.err).trim();
    }
    expect(got).toBe(c.want);
  });
});

describe('yamlToJson', () => {
  it('resolves YAML 1.1 scalars as go-yaml v2 does', () => {
    expect(yamlToJson('a: yes\nb: off\nc: 0644\nd: 1_000\ne: 0x1F\nf: ~\ng: 2024-01-01\nh: "yes"\n')).toEqual({
      a: true,
      b: false,
      c: 420,
      d: 1000,
      e: 31,
      f: null,
      g: '2024-01-01',
      h: 'yes',
    });
  });

  it('merges << keys and resolves aliases', () => {
    expect(yamlToJson('base: &b {p: 1, q: 2}\nm:\n  <<: *b\n  q: 3\n')).toEqual({ base: { p: 1, q: 2 }, m: { p: 1, q: 3 } });
    // `y` is a YAML 1.1 boolean, so the key becomes "true" (as in real kubectl).
    expect(yamlToJson('y: 1\n')).toEqual({ true: 1 });
  });

  it('reports the scanner line one-based and the parser line as go-yaml does', () => {
    const err = (t: string) => {
      try {
        yamlToJson(t);
      } catch (e) {
        return e instanceof YamlError ? e.message : String(e);
      }
      return '';
    };
    expect(err('a:\n\tb: 2\n')).toBe('yaml: line 2: found character that cannot start any token');
    expect(err('a: 1\n\tb: 2\n')).toBe('yaml: line 2: found a tab character that violates indentation');
    expect(err('a:\n  b: 1\n c: 2\n')).toBe('yaml: line 2: did not find expected key');
    expect(err('a: "x\n')).toBe('yaml: line 2: found unexpected end of stream');
    expect(err('a: \x07\n')).toBe('yaml: control characters are not allowed');
  });
});
