/**
 * Generic validation shared by every kind (k8s.io/apimachinery/pkg/api/validation and
 * pkg/util/validation): object names, labels, annotations, with the apiserver's messages.
 */
import { invalidValue, required, tooLong, type FieldError } from './errors';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

export const MSG_DNS1123_LABEL =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
export const MSG_DNS1123_SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
export const MSG_DNS1035_LABEL =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const MSG_QUALIFIED_NAME =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const MSG_LABEL_VALUE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

export type NameRule = 'subdomain' | 'label' | 'dns1035' | 'path';

/** Name errors per rule; an empty list when valid. */
export function validateNameValue(name: string, rule: NameRule, field = 'metadata.name'): FieldError[] {
  switch (rule) {
    case 'label':
      if (name.length > 63) return [invalidValue(field, name, 'must be no more than 63 characters')];
      return DNS1123_LABEL.test(name) ? [] : [invalidValue(field, name, MSG_DNS1123_LABEL)];
    case 'dns1035':
      if (name.length > 63) return [invalidValue(field, name, 'must be no more than 63 characters')];
      return DNS1035_LABEL.test(name) ? [] : [invalidValue(field, name, MSG_DNS1035_LABEL)];
    case 'subdomain':
      if (name.length > 253) return [invalidValue(field, name, 'must be no more than 253 characters')];
      return DNS1123_SUBDOMAIN.test(name) ? [] : [invalidValue(field, name, MSG_DNS1123_SUBDOMAIN)];
    case 'path':
      if (name === '.' || name === '..') return [invalidValue(field, name, `may not be '${name}'`)];
      if (/[/%]/.test(name)) return [invalidValue(field, name, `may not contain '/'`)];
      return [];
  }
}

export function isDns1123Label(s: string): boolean {
  return s.length <= 63 && DNS1123_LABEL.test(s);
}

export function isDns1123Subdomain(s: string): boolean {
  return s.length <= 253 && DNS1123_SUBDOMAIN.test(s);
}

/** Errors of a qualified name (label and annotation keys): `prefix/name`. */
export function validateQualifiedName(key: string, field: string): FieldError[] {
  const parts = key.split('/');
  let name = key;
  if (parts.length === 2) {
    const [prefix, n] = parts;
    name = n;
    if (prefix.length === 0) return [invalidValue(field, key, 'prefix part must be non-empty')];
    if (!isDns1123Subdomain(prefix)) return [invalidValue(field, key, `prefix part ${MSG_DNS1123_SUBDOMAIN}`)];
  } else if (parts.length > 2) {
    return [
      invalidValue(
        field,
        key,
        `${MSG_QUALIFIED_NAME.replace('name part must', 'a qualified name must')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
      ),
    ];
  }
  // IsQualifiedName: the length and regex checks of the name part both report.
  const errs: FieldError[] = [];
  if (name.length === 0) errs.push(invalidValue(field, key, 'name part must be non-empty'));
  else if (name.length > 63) errs.push(invalidValue(field, key, 'name part must be no more than 63 characters'));
  if (!QUALIFIED_NAME.test(name)) errs.push(invalidValue(field, key, MSG_QUALIFIED_NAME));
  return errs;
}

export function validateLabels(labels: Record<string, string> | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    errs.push(...validateQualifiedName(k, field));
    if (typeof v !== 'string') continue;
    if (v.length > 63) errs.push(invalidValue(field, v, 'must be no more than 63 characters'));
    else if (!LABEL_VALUE.test(v)) errs.push(invalidValue(field, v, MSG_LABEL_VALUE));
  }
  return errs;
}

const TOTAL_ANNOTATION_SIZE = 256 * 1024;

export function validateAnnotations(ann: Record<string, string> | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  let total = 0;
  for (const [k, v] of Object.entries(ann ?? {})) {
    errs.push(...validateQualifiedName(k.toLowerCase(), field));
    total += k.length + (v?.length ?? 0);
  }
  if (total > TOTAL_ANNOTATION_SIZE) errs.push(tooLong(field, '', TOTAL_ANNOTATION_SIZE));
  return errs;
}

/** ValidateObjectMeta: name (or generateName), labels, annotations. */
export function validateObjectMeta(
  meta: { name?: string; generateName?: string; labels?: Record<string, string>; annotations?: Record<string, string> },
  rule: NameRule,
): FieldError[] {
  const errs: FieldError[] = [];
  if (!meta.name) {
    errs.push(required('metadata.name', 'name or generateName is required'));
  } else {
    errs.push(...validateNameValue(meta.name, rule));
  }
  errs.push(...validateLabels(meta.labels, 'metadata.labels'));
  errs.push(...validateAnnotations(meta.annotations, 'metadata.annotations'));
  return errs;
}

/** The name rule per kind (ValidateXName in pkg/apis/core/validation and friends). */
export function nameRuleFor(kind: string): NameRule {
  switch (kind) {
    case 'Namespace':
      return 'label';
    case 'Service':
      return 'dns1035';
    case 'Node':
    case 'Event':
      return 'subdomain';
    // ValidateRBACName: path.IsValidPathSegmentName (`system:metrics-server` is valid).
    case 'Role':
    case 'ClusterRole':
    case 'RoleBinding':
    case 'ClusterRoleBinding':
      return 'path';
    default:
      return 'subdomain';
  }
}
