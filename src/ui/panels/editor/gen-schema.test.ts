import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateSchema, SCHEMA_FILE, TYPES_ROOT } from './gen-schema';
import { KIND_VERSIONS } from './schema';

type Def = { type?: unknown; properties?: Record<string, Def & { $ref?: string }>; required?: string[]; additionalProperties?: unknown };

describe('the bundled Kubernetes schema', () => {
  const generated = generateSchema(TYPES_ROOT) as { definitions: Record<string, Def>; allOf: unknown[] };

  it('is what the generator produces from kubernetes-types (regenerate with gen-schema.ts)', () => {
    expect(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'))).toEqual(generated);
  });

  it('has a case for every served kind, pointing at its definition', () => {
    expect(generated.allOf).toHaveLength(Object.keys(KIND_VERSIONS).length);
    expect(generated.definitions['apps.v1.Deployment'].properties!.kind).toMatchObject({ enum: ['Deployment'] });
    expect(generated.definitions['core.v1.Pod'].properties!.apiVersion).toMatchObject({ enum: ['v1'] });
    expect(generated.definitions['networking.v1.Ingress'].properties!.apiVersion).toMatchObject({ enum: ['networking.k8s.io/v1'] });
  });

  it('knows required fields, int-or-string ports, quantities and unknown fields', () => {
    const defs = generated.definitions;
    expect(defs['apps.v1.DeploymentSpec'].required).toEqual(['selector', 'template']);
    expect(defs['core.v1.Container'].required).toEqual(['name']);
    expect(defs['core.v1.ServicePort'].properties!.targetPort.type).toEqual(['number', 'string']);
    expect(defs['api.resource.Quantity'].type).toEqual(['string', 'number']);
    expect(defs['core.v1.PodSpec'].additionalProperties).toBe(false);
    expect(defs['meta.v1.ObjectMeta'].properties!.labels).toMatchObject({ type: 'object', additionalProperties: { type: 'string' } });
  });

  it('resolves every reference', () => {
    const refs = JSON.stringify(generated).match(/"#\/definitions\/[^"]+"/g) ?? [];
    for (const r of refs) expect(generated.definitions[r.slice(15, -1)], r).toBeDefined();
  });
});
