/**
 * Ingress strategy (pkg/registry/networking/ingress, pkg/apis/networking/validation) and the
 * DefaultIngressClass admission plugin: an Ingress without spec.ingressClassName gets the
 * IngressClass annotated `ingressclass.kubernetes.io/is-default-class: "true"`.
 */
import { invalidValue, notSupported, required, type FieldError } from '../errors';
import type { KObject } from '../types/meta';
import type { Strategy, StrategyContext } from './strategy';
import { portNameErrors, MSG_PORT_RANGE } from './service';

export const DEFAULT_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';
const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

function validateBackend(b: Any, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (b?.service && b?.resource) return [invalidValue(path, '', 'cannot set both resource and service backends')];
  if (!b?.service && !b?.resource) return [invalidValue(path, '', 'resource or service backend is required')];
  if (b.service) {
    if (!b.service.name) errs.push(required(`${path}.service.name`));
    const port = b.service.port;
    if (!port || (port.name == null && port.number == null)) errs.push(required(`${path}.service.port`, 'port name or number is required'));
    else if (port.name != null && port.number != null) errs.push(invalidValue(`${path}.service.port`, port, 'cannot set both port name & port number'));
    else if (port.number != null && !(Number.isInteger(port.number) && port.number >= 1 && port.number <= 65535)) {
      errs.push(invalidValue(`${path}.service.port.number`, port.number, MSG_PORT_RANGE));
    } else if (port.name != null) {
      for (const m of portNameErrors(port.name)) errs.push(invalidValue(`${path}.service.port.name`, port.name, m));
    }
  }
  return errs;
}

export function validateIngress(obj: KObject): FieldError[] {
  const spec = obj.spec ?? {};
  const errs: FieldError[] = [];
  const rules: Any[] = spec.rules ?? [];
  if (rules.length === 0 && !spec.defaultBackend) {
    errs.push(invalidValue('spec', spec.rules ?? [], 'either `defaultBackend` or `rules` must be specified'));
  }
  if (spec.defaultBackend) errs.push(...validateBackend(spec.defaultBackend, 'spec.defaultBackend'));
  rules.forEach((r, i) => {
    const paths: Any[] = r.http?.paths ?? [];
    if (r.http && paths.length === 0) errs.push(required(`spec.rules[${i}].http.paths`));
    paths.forEach((p, j) => {
      const pp = `spec.rules[${i}].http.paths[${j}]`;
      if (!p.pathType) errs.push(required(`${pp}.pathType`, 'pathType must be specified'));
      else if (!PATH_TYPES.includes(p.pathType)) errs.push(notSupported(`${pp}.pathType`, p.pathType, PATH_TYPES));
      else if (p.pathType !== 'ImplementationSpecific' || p.path) {
        if (!String(p.path ?? '').startsWith('/')) errs.push(invalidValue(`${pp}.path`, p.path ?? '', 'must be an absolute path'));
      }
      errs.push(...validateBackend(p.backend, `${pp}.backend`));
    });
  });
  return errs;
}

function defaultClass(obj: KObject, ctx: StrategyContext): void {
  const spec = (obj.spec ??= {});
  if (spec.ingressClassName || obj.metadata.annotations?.['kubernetes.io/ingress.class']) return;
  const defaults = ctx.store.list('IngressClass').filter((c) => c.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true');
  if (defaults.length > 0) spec.ingressClassName = defaults[0].metadata.name;
}

export const ingressStrategy: Strategy = {
  generation: true,
  statusSubresource: true,
  prepareForCreate(obj, ctx) {
    obj.status = { loadBalancer: {} };
    defaultClass(obj, ctx);
  },
  validate: (obj) => validateIngress(obj),
};
