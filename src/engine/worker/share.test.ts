import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { EngineHost } from './host';
import { validateJournal } from './share';

describe('share manifests', () => {
  it('lists what the learner made as clean manifests, not what controllers made', () => {
    const h = new EngineHost({ nodes: 1, seed: 1 });
    h.openTerminal('t', 200);
    h.input('t', 'kubectl create namespace shop\r');
    h.input('t', 'kubectl create deployment web --image=nginx:1.26 --replicas=2 -n shop\r');
    h.input('t', 'kubectl expose deployment web --port=80 -n shop\r');
    h.input('t', 'kubectl create configmap settings --from-literal=mode=demo\r');
    for (let i = 0; i < 10; i++) h.tick(1000);
    const docs = parseAllDocuments(h.shareManifests()).map((d) => d.toJS());
    expect(docs.map((d) => `${d.kind} ${d.metadata.namespace ?? ''}/${d.metadata.name}`)).toEqual([
      'Namespace /shop',
      'ConfigMap default/settings',
      'Service shop/web',
      'Deployment shop/web',
    ]);
    const svc = docs[2];
    expect(svc.spec.clusterIP).toBeUndefined();
    expect(svc.status).toBeUndefined();
    expect(Object.keys(docs[3].metadata).sort()).toEqual(['labels', 'name', 'namespace']);
    expect(docs[3].spec.template.spec.containers[0].image).toBe('nginx:1.26');
  });

  it('applies on a fresh cluster to the same objects', () => {
    const a = new EngineHost({ nodes: 1, seed: 1 });
    a.openTerminal('t', 200);
    a.input('t', 'kubectl create deployment web --image=nginx --replicas=3\r');
    a.input('t', 'kubectl expose deployment web --port=80 --type=NodePort\r');
    const text = a.shareManifests();
    const b = new EngineHost({ nodes: 1, seed: 9 });
    b.openTerminal('t', 200);
    b.writeFile('/home/learner/s.yaml', text);
    const out = b.input('t', 'kubectl apply -f s.yaml\r');
    expect(out).toContain('service/web created');
    expect(out).toContain('deployment.apps/web created');
    expect(b.current.api.find('Deployment', 'default', 'web')!.spec!.replicas).toBe(3);
  });
});

describe('validateJournal', () => {
  const ok = { version: 1, nodes: 3, seed: 1, endMs: 2000, entries: [{ t: 1000, op: 'input', term: 'main', input: 'kubectl get pods' }] };

  it('accepts a saved session', () => {
    expect(validateJournal(JSON.parse(JSON.stringify(ok)))).toEqual(ok);
  });

  it.each([
    [null, 'not a KubePlay session'],
    [{ ...ok, version: 2 }, 'unsupported session version'],
    [{ ...ok, nodes: 1000 }, 'bad node count'],
    [{ ...ok, seed: 'x' }, 'bad seed'],
    [{ ...ok, entries: {} }, 'bad action list'],
    [{ ...ok, entries: [{ t: 1, op: 'eval', code: 'x' }] }, 'action 1: unknown action'],
    [{ ...ok, entries: [{ t: 1, op: 'input', term: 'main', input: 42 }] }, 'action 1: bad input'],
    [{ ...ok, entries: [{ t: 1, op: 'input', term: 'main', input: 'ls', extra: 1 }] }, 'action 1: bad input'],
    [{ ...ok, entries: [{ t: 1, op: 'write', path: 'relative', content: '' }] }, 'action 1: bad write'],
    [{ ...ok, entries: [{ t: 5, op: 'poll', term: 'main' }, { t: 4, op: 'poll', term: 'main' }] }, 'action 2: time goes backwards'],
    [{ ...ok, endMs: 10 }, 'the session ends before its last action'],
  ])('refuses %j', (value, message) => {
    expect(() => validateJournal(value)).toThrow(message);
  });

  it('imports through the host, or says why not', () => {
    const h = new EngineHost({ nodes: 1 });
    expect(() => h.importSession({ version: 1 })).toThrow('cannot import this file: bad node count');
    const a = new EngineHost({ nodes: 2, seed: 4 });
    a.openTerminal('t', 100);
    a.input('t', 'kubectl create namespace imported\r');
    h.importSession(JSON.parse(JSON.stringify(a.journal())));
    expect(h.current.api.find('Namespace', undefined, 'imported')).toBeDefined();
    expect(h.status()).toMatchObject({ nodes: 2, seed: 4 });
  });
});
