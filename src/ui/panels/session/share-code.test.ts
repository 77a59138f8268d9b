import { describe, expect, it } from 'vitest';
import { decodeScenario, encodeScenario, SHARE_PREFIX } from './share-code';

const steps = (id: string) => (id === 'services' ? 5 : undefined);
const DEPLOY = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n';

async function rawLink(json: string): Promise<string> {
  const stream = new Blob([new TextEncoder().encode(json)]).stream().pipeThrough(new CompressionStream('deflate'));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  return SHARE_PREFIX + btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

describe('share links', () => {
  it('round-trip manifests and a lesson step', async () => {
    const link = await encodeScenario({ manifests: DEPLOY, lesson: { id: 'services', step: 2 } });
    expect(link.startsWith('#share=')).toBe(true);
    const s = await decodeScenario(link, steps);
    expect(s.objects).toEqual([{ kind: 'Deployment', name: 'web' }]);
    expect(s.lesson).toEqual({ id: 'services', step: 2 });
    expect(s.manifests).toBe(DEPLOY);
  });

  it.each([
    ['a kind that is not allowed', JSON.stringify({ v: 1, manifests: 'apiVersion: v1\nkind: Node\nmetadata:\n  name: x\n' }), 'manifest 1: kind Node is not allowed'],
    ['a bad name', JSON.stringify({ v: 1, manifests: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: "../x"\n' }), 'manifest 1: bad name'],
    ['YAML aliases', JSON.stringify({ v: 1, manifests: 'apiVersion: v1\nkind: ConfigMap\nmetadata: &m\n  name: a\ndata:\n  x: *m\n' }), 'manifest 1:'],
    ['extra fields', JSON.stringify({ v: 1, manifests: '', run: 'rm -rf /' }), 'the link holds no scenario'],
    ['an unknown lesson', JSON.stringify({ v: 1, manifests: '', lesson: { id: 'nope', step: 0 } }), 'there is no lesson "nope"'],
    ['a step out of range', JSON.stringify({ v: 1, manifests: '', lesson: { id: 'services', step: 9 } }), 'bad lesson step in the link'],
    ['nothing at all', JSON.stringify({ v: 1, manifests: '' }), 'the scenario is empty'],
  ])('refuse %s', async (_what, json, message) => {
    await expect(decodeScenario(await rawLink(json), steps)).rejects.toThrow(message);
  });

  it('refuse damaged and oversized links', async () => {
    await expect(decodeScenario('#share=%%%', steps)).rejects.toThrow('the link is damaged (not base64url)');
    await expect(decodeScenario('#share=AAAA', steps)).rejects.toThrow('the link is damaged');
    const big = await rawLink(JSON.stringify({ v: 1, manifests: 'x'.repeat(600_000) }));
    await expect(decodeScenario(big, steps)).rejects.toThrow('the scenario is too large');
  });
});
