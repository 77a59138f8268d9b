import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { freeName, TEMPLATES } from './templates';
import { KIND_VERSIONS } from './schema';

describe('templates', () => {
  it.each(TEMPLATES.map((t) => [t.kind, t] as const))('%s parses as one object of its kind and apiVersion', (kind, t) => {
    const docs = parseAllDocuments(t.yaml);
    expect(docs).toHaveLength(1);
    expect(docs[0].errors).toEqual([]);
    const obj = docs[0].toJS() as { kind: string; apiVersion: string; metadata: { name: string } };
    expect(obj.kind).toBe(kind);
    expect(obj.apiVersion).toBe(KIND_VERSIONS[kind]);
    expect(obj.metadata.name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
  });

  it('names files uniquely', () => {
    expect(freeName('pod.yaml', [])).toBe('pod.yaml');
    expect(freeName('pod.yaml', ['pod.yaml', 'pod-2.yaml'])).toBe('pod-3.yaml');
  });
});
