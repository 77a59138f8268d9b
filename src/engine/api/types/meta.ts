/**
 * The generic object shape the store holds. Kind-specific types come from `kubernetes-types`
 * (re-exported in ./index.ts); the store itself only needs metadata.
 */

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  managedFields?: unknown[];
}

/** Any Kubernetes object. */
export interface KObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  spec?: any;
  status?: any;
  [field: string]: unknown;
}

/** Deep-readonly view of an object handed out by the store. */
export type Frozen<T> = T extends (infer U)[]
  ? readonly Frozen<U>[]
  : T extends object
    ? { readonly [K in keyof T]: Frozen<T[K]> }
    : T;

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchEvent<T extends KObject = KObject> {
  type: WatchEventType;
  object: T;
  /** The previous version for MODIFIED and DELETED. */
  old?: T;
}

/** `namespace/name` for namespaced objects, `name` for cluster-scoped ones. */
export function keyOf(obj: { metadata: ObjectMeta }): string {
  const m = obj.metadata;
  return m.namespace ? `${m.namespace}/${m.name}` : m.name!;
}

export function makeKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

export function splitKey(key: string): { namespace?: string; name: string } {
  const i = key.indexOf('/');
  return i < 0 ? { name: key } : { namespace: key.slice(0, i), name: key.slice(i + 1) };
}

/**
 * A deep copy of a store object that may be changed freely. JSON-like data (plain objects,
 * arrays, scalars: what the store holds) is copied by a plain recursion, several times faster
 * than structuredClone (controllers copy a pod template for every pod they create); anything
 * else goes to structuredClone.
 */
export function clone<T>(obj: T): T {
  if (obj === null || typeof obj !== 'object') return typeof obj === 'function' ? structuredClone(obj) : obj;
  if (Array.isArray(obj)) {
    const out = new Array(obj.length);
    for (let i = 0; i < obj.length; i++) out[i] = clone(obj[i]);
    return out as T;
  }
  const proto = Object.getPrototypeOf(obj);
  if (proto !== Object.prototype && proto !== null) return structuredClone(obj);
  const out: Record<string, unknown> = {};
  for (const k in obj) out[k] = clone((obj as Record<string, unknown>)[k]);
  return out as T;
}

/** The controller owner reference (controller: true), if any. */
export function controllerRef(obj: { metadata: ObjectMeta }): OwnerReference | undefined {
  const refs = obj.metadata.ownerReferences;
  if (!refs) return undefined;
  for (let i = 0; i < refs.length; i++) if (refs[i].controller) return refs[i];
  return undefined;
}
