import { describe, expect, it } from 'vitest';
import { SimClock } from '../core/clock';
import { Rng } from '../core/rng';
import { ApiServer } from './server';
import { StatusError } from './errors';

function newApi(): ApiServer {
  const api = new ApiServer(new SimClock(), new Rng(1));
  api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  return api;
}

function statusOf(fn: () => unknown): { code: number; reason: string; message: string } {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatusError) return { code: e.code, reason: e.reason, message: e.message };
    throw e;
  }
  throw new Error('expected a StatusError');
}

const cm = (name: string, data: Record<string, string> = {}) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name },
  data,
});

describe('ApiServer', () => {
  it('assigns uid, resourceVersion and creationTimestamp on create', () => {
    const api = newApi();
    const obj = api.create(cm('a'));
    expect(obj.metadata.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(obj.metadata.namespace).toBe('default');
    expect(Number(obj.metadata.resourceVersion)).toBeGreaterThan(0);
    expect(obj.metadata.creationTimestamp).toBe('2026-11-26T09:00:00Z');
    expect(Object.isFrozen(obj.metadata)).toBe(true);
  });

  it('refuses a duplicate with AlreadyExists', () => {
    const api = newApi();
    api.create(cm('a'));
    expect(statusOf(() => api.create(cm('a')))).toEqual({
      code: 409,
      reason: 'AlreadyExists',
      message: 'configmaps "a" already exists',
    });
  });

  it('answers a stale update with the real Conflict message', () => {
    const api = newApi();
    const v1 = api.create(cm('a'));
    api.update({ ...v1, data: { x: '1' } });
    expect(statusOf(() => api.update({ ...v1, data: { x: '2' } }))).toEqual({
      code: 409,
      reason: 'Conflict',
      message:
        'Operation cannot be fulfilled on configmaps "a": the object has been modified; please apply your changes to the latest version and try again',
    });
  });

  it('rejects an invalid name with the RFC 1123 text', () => {
    const api = newApi();
    expect(statusOf(() => api.create(cm('Web'))).message).toBe(
      `ConfigMap "Web" is invalid: metadata.name: Invalid value: "Web": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    );
  });

  it('refuses content in a missing namespace', () => {
    const api = newApi();
    expect(statusOf(() => api.create({ ...cm('a'), metadata: { name: 'a', namespace: 'nope' } }))).toEqual({
      code: 404,
      reason: 'NotFound',
      message: 'namespaces "nope" not found',
    });
  });

  it('keeps default from being deleted', () => {
    const api = newApi();
    expect(statusOf(() => api.delete('Namespace', undefined, 'default')).message).toBe(
      'namespaces "default" is forbidden: this namespace may not be deleted',
    );
  });

  it('lists by label selector and emits watch events', () => {
    const api = newApi();
    const seen: string[] = [];
    api.watch('ConfigMap', (ev) => seen.push(`${ev.type} ${ev.object.metadata.name}`));
    api.create({ ...cm('a'), metadata: { name: 'a', labels: { app: 'web' } } });
    api.create({ ...cm('b'), metadata: { name: 'b', labels: { app: 'db' } } });
    api.delete('ConfigMap', 'default', 'b');
    expect(api.list('ConfigMap', { labelSelector: 'app in (web,cache)' }).items.map((o) => o.metadata.name)).toEqual(['a']);
    expect(seen).toEqual(['ADDED a', 'ADDED b', 'DELETED b']);
  });

  it('keeps an object with finalizers until they are removed', () => {
    const api = newApi();
    api.create({ ...cm('a'), metadata: { name: 'a', finalizers: ['example.com/hold'] } });
    const marked = api.delete('ConfigMap', 'default', 'a');
    expect(marked.metadata.deletionTimestamp).toBeDefined();
    const cur = api.get('ConfigMap', 'default', 'a');
    api.update({ ...cur, metadata: { ...cur.metadata, finalizers: [] } });
    expect(api.find('ConfigMap', 'default', 'a')).toBeUndefined();
  });
});
