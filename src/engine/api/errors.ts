/**
 * Status errors with the apiserver's reasons, codes and message texts
 * (k8s.io/apimachinery/pkg/api/errors). kubectl formats them; the HTTP apiserver sends them
 * as metav1.Status bodies.
 */

export type StatusReason =
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Invalid'
  | 'Forbidden'
  | 'BadRequest'
  | 'MethodNotAllowed'
  | 'Gone'
  | 'Timeout'
  | 'InternalError'
  | 'Expired'
  | 'NotAcceptable'
  | 'UnsupportedMediaType'
  | 'TooManyRequests';

export interface StatusCause {
  reason?: string;
  message: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  causes?: StatusCause[];
}

/** A failed API call, carrying a metav1.Status. */
export class StatusError extends Error {
  constructor(
    readonly code: number,
    readonly reason: StatusReason,
    message: string,
    readonly details: StatusDetails = {},
  ) {
    super(message);
    this.name = 'StatusError';
  }

  /** The metav1.Status object the apiserver would send. */
  toStatus(): Record<string, unknown> {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      details: Object.keys(this.details).length ? this.details : undefined,
      code: this.code,
    };
  }
}

export function isStatusError(e: unknown): e is StatusError {
  return e instanceof StatusError;
}

/** `resource` is the qualified plural, e.g. `pods` or `deployments.apps`. */
export function notFound(resource: string, name: string): StatusError {
  const [plural, ...g] = resource.split('.');
  return new StatusError(404, 'NotFound', `${resource} "${name}" not found`, {
    name,
    group: g.join('.') || undefined,
    kind: plural,
  });
}

export function alreadyExists(resource: string, name: string): StatusError {
  const [plural, ...g] = resource.split('.');
  return new StatusError(409, 'AlreadyExists', `${resource} "${name}" already exists`, {
    name,
    group: g.join('.') || undefined,
    kind: plural,
  });
}

export const MSG_OPTIMISTIC_LOCK =
  'the object has been modified; please apply your changes to the latest version and try again';

export function conflict(resource: string, name: string, msg: string = MSG_OPTIMISTIC_LOCK): StatusError {
  const [plural, ...g] = resource.split('.');
  return new StatusError(409, 'Conflict', `Operation cannot be fulfilled on ${resource} "${name}": ${msg}`, {
    name,
    group: g.join('.') || undefined,
    kind: plural,
  });
}

export function forbidden(resource: string, name: string, msg: string): StatusError {
  const [plural, ...g] = resource.split('.');
  const target = name ? `${resource} "${name}"` : resource;
  return new StatusError(403, 'Forbidden', `${target} is forbidden: ${msg}`, {
    name: name || undefined,
    group: g.join('.') || undefined,
    kind: plural,
  });
}

export function badRequest(msg: string): StatusError {
  return new StatusError(400, 'BadRequest', msg);
}

export function methodNotAllowed(msg: string): StatusError {
  return new StatusError(405, 'MethodNotAllowed', msg);
}

export function internalError(msg: string): StatusError {
  return new StatusError(500, 'InternalError', `Internal error occurred: ${msg}`);
}

/** A field error as in k8s.io/apimachinery/pkg/util/validation/field. */
export interface FieldError {
  type: FieldErrorType;
  field: string;
  /** The offending value, printed per type (omitted for Required/Forbidden/TooMany). */
  value?: unknown;
  detail?: string;
}

export type FieldErrorType =
  | 'FieldValueRequired'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueDuplicate'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueNotFound'
  | 'FieldValueTypeInvalid'
  | 'FieldValueTooMany';

export const required = (field: string, detail = ''): FieldError => ({ type: 'FieldValueRequired', field, detail });
export const invalidValue = (field: string, value: unknown, detail: string): FieldError => ({
  type: 'FieldValueInvalid',
  field,
  value,
  detail,
});
export const notSupported = (field: string, value: unknown, valid: string[]): FieldError => ({
  type: 'FieldValueNotSupported',
  field,
  value,
  detail: valid.length ? `supported values: ${valid.map((v) => `"${v}"`).join(', ')}` : '',
});
export const duplicate = (field: string, value: unknown): FieldError => ({ type: 'FieldValueDuplicate', field, value });
export const forbiddenField = (field: string, detail: string): FieldError => ({
  type: 'FieldValueForbidden',
  field,
  detail,
});
export const notFoundField = (field: string, value: unknown): FieldError => ({ type: 'FieldValueNotFound', field, value });
export const tooLong = (field: string, value: unknown, max: number): FieldError => ({
  type: 'FieldValueTooLong',
  field,
  value,
  detail: `must have at most ${max} bytes`,
});

const TYPE_TEXT: Record<FieldErrorType, string> = {
  FieldValueRequired: 'Required value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueNotFound: 'Not found',
  FieldValueTypeInvalid: 'Invalid value',
  FieldValueTooMany: 'Too many',
};

/**
 * A field error value already rendered as Go prints it (e.g. the `%#v` of a struct such as
 * `v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, ...}`).
 */
export class GoLiteral {
  constructor(readonly text: string) {}
}

/** Go's %#v of the simple values field errors carry. */
function goValue(v: unknown): string {
  if (v instanceof GoLiteral) return v.text;
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return `[]string{${v.map(goValue).join(', ')}}`;
  // map[string]string (labels, selectors): keys sorted, as fmt prints maps.
  const entries = Object.entries(v as Record<string, unknown>);
  if (entries.every(([, x]) => typeof x === 'string')) {
    return `map[string]string{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, x]) => `${JSON.stringify(k)}:${JSON.stringify(x)}`)
      .join(', ')}}`;
  }
  return JSON.stringify(v);
}

/** field.Error.Error(): `spec.replicas: Invalid value: -1: must be greater than or equal to 0`. */
export function fieldErrorText(e: FieldError): string {
  const head = `${e.field}: ${TYPE_TEXT[e.type]}`;
  const withValue = !['FieldValueRequired', 'FieldValueForbidden', 'FieldValueTooMany'].includes(e.type) && 'value' in e;
  const parts = [head];
  if (withValue) parts.push(goValue(e.value));
  if (e.detail) parts.push(e.detail);
  return parts.join(': ');
}

/**
 * errors.NewInvalid: `Deployment.apps "web" is invalid: spec.replicas: ...`; several causes are
 * listed in brackets: `... is invalid: [a: Required value, b: Invalid value: ...]`.
 */
export function invalid(kind: string, group: string, name: string, errs: FieldError[]): StatusError {
  const qualified = group ? `${kind}.${group}` : kind;
  const texts = errs.map(fieldErrorText);
  const msg = texts.length === 1 ? texts[0] : `[${texts.join(', ')}]`;
  return new StatusError(422, 'Invalid', `${qualified} "${name}" is invalid: ${msg}`, {
    name,
    group: group || undefined,
    kind,
    causes: errs.map((e) => ({
      reason: e.type,
      message: fieldErrorText(e).slice(e.field.length + 2),
      field: e.field,
    })),
  });
}
