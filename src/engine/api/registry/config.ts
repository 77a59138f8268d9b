/**
 * ConfigMap and Secret strategies (pkg/registry/core/configmap, pkg/registry/core/secret,
 * ValidateConfigMap / ValidateSecret in pkg/apis/core/validation): config-key validation,
 * the 1 MiB size limit, `immutable`, Secret type defaulting to Opaque, stringData folded into
 * data, base64 decoding of data, and the per-type required keys.
 */
import { base64Decode, base64Encode, utf8Encode } from '../../core/base64';
import { badRequest, forbiddenField, invalidValue, required, tooLong, type FieldError } from '../errors';
import type { KObject } from '../types/meta';
import type { Strategy } from './strategy';

/** MaxSecretSize / the ConfigMap limit: 1 MiB. */
const MAX_SIZE = 1024 * 1024;

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
const MSG_CONFIG_KEY =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

/** IsConfigMapKey. */
function keyErrors(key: string, field: string): FieldError[] {
  if (key.length > 253) return [invalidValue(field, key, 'must be no more than 253 characters')];
  if (!CONFIG_KEY.test(key)) return [invalidValue(field, key, MSG_CONFIG_KEY)];
  if (key === '.') return [invalidValue(field, key, "must not be '.'")];
  if (key === '..') return [invalidValue(field, key, "must not be '..'")];
  if (key.startsWith('..')) return [invalidValue(field, key, "must not start with '..'")];
  return [];
}

function immutableErrors(obj: KObject, old: KObject): FieldError[] {
  if (old.immutable !== true) return [];
  const errs: FieldError[] = [];
  if (obj.immutable !== true) errs.push(forbiddenField('immutable', 'field is immutable when `immutable` is set'));
  if (JSON.stringify(obj.data ?? {}) !== JSON.stringify(old.data ?? {})) errs.push(forbiddenField('data', 'field is immutable when `immutable` is set'));
  if (JSON.stringify(obj.binaryData ?? {}) !== JSON.stringify(old.binaryData ?? {})) {
    errs.push(forbiddenField('binaryData', 'field is immutable when `immutable` is set'));
  }
  return errs;
}

export const configMapStrategy: Strategy = {
  validate(obj) {
    const errs: FieldError[] = [];
    let size = 0;
    const data = (obj.data ?? {}) as Record<string, string>;
    const binary = (obj.binaryData ?? {}) as Record<string, string>;
    for (const [k, v] of Object.entries(data)) {
      errs.push(...keyErrors(k, `data[${k}]`));
      size += String(v).length;
    }
    for (const [k, v] of Object.entries(binary)) {
      errs.push(...keyErrors(k, `binaryData[${k}]`));
      if (k in data) errs.push(invalidValue(`binaryData[${k}]`, k, 'duplicate of key present in data'));
      size += String(v).length;
    }
    if (size > MAX_SIZE) errs.push(tooLong('', '', MAX_SIZE));
    return errs;
  },
  validateUpdate: immutableErrors,
};

/** Keys each built-in Secret type requires (ValidateSecret). */
const REQUIRED_KEYS: Record<string, string[]> = {
  'kubernetes.io/dockercfg': ['.dockercfg'],
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
  'kubernetes.io/ssh-auth': ['ssh-privatekey'],
};

/** Secret data arrives base64-encoded in JSON; stringData is plain text merged over it. */
function normalizeSecret(obj: KObject): void {
  obj.type ||= 'Opaque';
  const data: Record<string, string> = { ...((obj.data ?? {}) as Record<string, string>) };
  for (const [k, v] of Object.entries(data)) {
    if (typeof v !== 'string' || base64Decode(v) === undefined) {
      // The JSON decoder of []byte fields rejects the request before validation.
      throw badRequest(`Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte ${badByte(String(v))}`);
    }
  }
  for (const [k, v] of Object.entries((obj.stringData ?? {}) as Record<string, unknown>)) data[k] = base64Encode(String(v));
  delete obj.stringData;
  if (Object.keys(data).length > 0) obj.data = data;
  else delete obj.data;
}

/** The offset Go's base64 decoder reports for the first invalid input byte. */
function badByte(s: string): number {
  const i = s.search(/[^A-Za-z0-9+/=]/);
  if (i >= 0) return i;
  const pad = s.indexOf('=');
  return pad >= 0 && pad < s.length - 2 ? pad : Math.floor(s.length / 4) * 4;
}

export const secretStrategy: Strategy = {
  prepareForCreate(obj) {
    normalizeSecret(obj);
  },
  prepareForUpdate(obj) {
    normalizeSecret(obj);
  },
  validate(obj) {
    const errs: FieldError[] = [];
    const data = (obj.data ?? {}) as Record<string, string>;
    let size = 0;
    for (const [k, v] of Object.entries(data)) {
      errs.push(...keyErrors(k, `data[${k}]`));
      size += utf8Encode(base64Decode(v) ?? '').length;
    }
    if (size > MAX_SIZE) errs.push(tooLong('data', '', MAX_SIZE));
    const type = String(obj.type);
    for (const key of REQUIRED_KEYS[type] ?? []) if (!(key in data)) errs.push(required(`data[${key}]`));
    if (type === 'kubernetes.io/service-account-token' && !obj.metadata.annotations?.['kubernetes.io/service-account.name']) {
      errs.push(required('metadata.annotations[kubernetes.io/service-account.name]'));
    }
    if (type === 'kubernetes.io/basic-auth' && !('username' in data) && !('password' in data)) {
      errs.push(required('data[username]'), required('data[password]'));
    }
    return errs;
  },
  validateUpdate(obj, old) {
    const errs = immutableErrors(obj, old);
    if (obj.type !== old.type) errs.push(invalidValue('type', obj.type, 'field is immutable'));
    return errs;
  },
};
