/**
 * Defaults and validation of the pod templates embedded in workloads (Deployment, ReplicaSet,
 * DaemonSet, StatefulSet, Job, CronJob): pkg/apis/core/v1/defaults.go (SetDefaults_PodSpec,
 * SetDefaults_Container, probes, ports, volumes) and pkg/apis/core/validation
 * (ValidatePodTemplateSpec, the container checks) with the apiserver's messages.
 */
import { duplicate, invalidValue, notSupported, required, type FieldError } from '../errors';
import type { KObject } from '../types/meta';
import { validateAnnotations, validateLabels, validateNameValue } from '../validation';

/** The image pull policy the apiserver defaults: Always for `:latest` or no tag, else IfNotPresent. */
export function defaultPullPolicy(image: string): string {
  if (image.includes('@')) return 'IfNotPresent';
  const lastSlash = image.lastIndexOf('/');
  const colon = image.indexOf(':', lastSlash + 1);
  const tag = colon < 0 ? '' : image.slice(colon + 1);
  return tag === '' || tag === 'latest' ? 'Always' : 'IfNotPresent';
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

function defaultProbe(p: Any): void {
  if (!p) return;
  p.timeoutSeconds ??= 1;
  p.periodSeconds ??= 10;
  p.successThreshold ??= 1;
  p.failureThreshold ??= 3;
  if (p.httpGet) {
    p.httpGet.path ??= '/';
    p.httpGet.scheme ??= 'HTTP';
  }
}

function defaultContainer(c: Any, hostNetwork: boolean): void {
  if (c.image !== undefined && c.imagePullPolicy === undefined) c.imagePullPolicy = defaultPullPolicy(String(c.image));
  c.terminationMessagePath ??= '/dev/termination-log';
  c.terminationMessagePolicy ??= 'File';
  c.resources ??= {};
  for (const p of c.ports ?? []) {
    p.protocol ??= 'TCP';
    if (hostNetwork && p.hostPort === undefined) p.hostPort = p.containerPort;
  }
  for (const e of c.env ?? []) {
    if (e.valueFrom?.fieldRef) e.valueFrom.fieldRef.apiVersion ??= 'v1';
  }
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
}

/** SetDefaults_PodSpec and friends, applied in place to a pod spec. */
export function defaultPodSpec(spec: Any, opts: { restartPolicy?: string } = {}): void {
  if (!spec || typeof spec !== 'object') return;
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.restartPolicy ??= opts.restartPolicy ?? 'Always';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.securityContext ??= {};
  spec.schedulerName ??= 'default-scheduler';
  const hostNetwork = spec.hostNetwork === true;
  for (const c of spec.initContainers ?? []) defaultContainer(c, hostNetwork);
  for (const c of spec.containers ?? []) defaultContainer(c, hostNetwork);
  for (const v of spec.volumes ?? []) {
    if (v.configMap) v.configMap.defaultMode ??= 420;
    if (v.secret) v.secret.defaultMode ??= 420;
    if (v.downwardAPI) v.downwardAPI.defaultMode ??= 420;
    if (v.projected) v.projected.defaultMode ??= 420;
    if (v.hostPath) v.hostPath.type ??= '';
  }
}

/**
 * Defaults a workload's `spec.template` in place. The template's metadata carries
 * `creationTimestamp: null`, as the apiserver serialises the zero time of an embedded ObjectMeta.
 */
export function defaultPodTemplate(template: Any, opts: { restartPolicy?: string } = {}): void {
  if (!template || typeof template !== 'object') return;
  template.metadata ??= {};
  if (template.metadata.creationTimestamp === undefined) template.metadata.creationTimestamp = null;
  template.spec ??= {};
  defaultPodSpec(template.spec, opts);
}

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

function validateContainers(list: Any[] | undefined, path: string, names: Set<string>, requireOne: boolean): FieldError[] {
  const errs: FieldError[] = [];
  if (!Array.isArray(list) || list.length === 0) {
    if (requireOne) errs.push(required(path));
    return errs;
  }
  list.forEach((c: Any, i: number) => {
    const p = `${path}[${i}]`;
    if (!c || typeof c !== 'object') {
      errs.push(required(`${p}.name`));
      return;
    }
    if (!c.name) errs.push(required(`${p}.name`));
    else {
      errs.push(...validateNameValue(String(c.name), 'label', `${p}.name`));
      if (names.has(c.name)) errs.push(duplicate(`${p}.name`, c.name));
      names.add(c.name);
    }
    if (!c.image || String(c.image).trim() === '') errs.push(required(`${p}.image`));
    if (c.imagePullPolicy !== undefined && !PULL_POLICIES.includes(c.imagePullPolicy)) {
      errs.push(notSupported(`${p}.imagePullPolicy`, c.imagePullPolicy, PULL_POLICIES));
    }
    (c.ports ?? []).forEach((port: Any, j: number) => {
      const pp = `${p}.ports[${j}]`;
      const n = port?.containerPort;
      if (n === undefined) errs.push(required(`${pp}.containerPort`));
      else if (!Number.isInteger(n) || n < 1 || n > 65535) errs.push(invalidValue(`${pp}.containerPort`, n, 'must be between 1 and 65535, inclusive'));
      if (port?.hostPort !== undefined && port.hostPort !== 0 && (!Number.isInteger(port.hostPort) || port.hostPort < 1 || port.hostPort > 65535)) {
        errs.push(invalidValue(`${pp}.hostPort`, port.hostPort, 'must be between 1 and 65535, inclusive'));
      }
      if (port?.protocol !== undefined && !PROTOCOLS.includes(port.protocol)) errs.push(notSupported(`${pp}.protocol`, port.protocol, PROTOCOLS));
    });
  });
  return errs;
}

/** ValidatePodTemplateSpec: labels, annotations and the pod spec, at `path` (e.g. `spec.template`). */
export function validatePodTemplate(template: Any, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!template || typeof template !== 'object') return [required(path)];
  errs.push(...validateLabels(template.metadata?.labels, `${path}.metadata.labels`));
  errs.push(...validateAnnotations(template.metadata?.annotations, `${path}.metadata.annotations`));
  errs.push(...validatePodSpec(template.spec, `${path}.spec`));
  return errs;
}

/** The pod spec checks of ValidatePodSpec that learners run into. */
export function validatePodSpec(spec: Any, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!spec || typeof spec !== 'object') return [required(`${path}.containers`)];
  const names = new Set<string>();
  errs.push(...validateContainers(spec.containers, `${path}.containers`, names, true));
  errs.push(...validateContainers(spec.initContainers, `${path}.initContainers`, names, false));
  if (spec.restartPolicy !== undefined && !RESTART_POLICIES.includes(spec.restartPolicy)) {
    errs.push(notSupported(`${path}.restartPolicy`, spec.restartPolicy, RESTART_POLICIES));
  }
  if (spec.dnsPolicy !== undefined && !DNS_POLICIES.includes(spec.dnsPolicy)) {
    errs.push(notSupported(`${path}.dnsPolicy`, spec.dnsPolicy, DNS_POLICIES));
  }
  if (spec.terminationGracePeriodSeconds !== undefined && spec.terminationGracePeriodSeconds < 0) {
    errs.push(invalidValue(`${path}.terminationGracePeriodSeconds`, spec.terminationGracePeriodSeconds, 'must be greater than or equal to 0'));
  }
  if (spec.activeDeadlineSeconds !== undefined && spec.activeDeadlineSeconds !== null && !(spec.activeDeadlineSeconds >= 1)) {
    errs.push(invalidValue(`${path}.activeDeadlineSeconds`, spec.activeDeadlineSeconds, 'must be between 1 and 2147483647, inclusive'));
  }
  for (const [k, v] of Object.entries((spec.nodeSelector ?? {}) as Record<string, string>)) {
    errs.push(...validateLabels({ [k]: v }, `${path}.nodeSelector`));
  }
  const volumes = new Set<string>();
  (spec.volumes ?? []).forEach((v: Any, i: number) => {
    const p = `${path}.volumes[${i}]`;
    if (!v?.name) errs.push(required(`${p}.name`));
    else {
      errs.push(...validateNameValue(String(v.name), 'label', `${p}.name`));
      if (volumes.has(v.name)) errs.push(duplicate(`${p}.name`, v.name));
      volumes.add(v.name);
    }
  });
  for (const [list, field] of [[spec.containers, 'containers'], [spec.initContainers, 'initContainers']] as const) {
    (list ?? []).forEach((c: Any, i: number) => {
      (c?.volumeMounts ?? []).forEach((m: Any, j: number) => {
        if (m?.name && !volumes.has(m.name)) errs.push({ type: 'FieldValueNotFound', field: `${path}.${field}[${i}].volumeMounts[${j}].name`, value: m.name });
      });
    });
  }
  return errs;
}

/** Non-negative integer check shared by the workload strategies. */
export function validateNonNegative(value: unknown, field: string): FieldError[] {
  if (value === undefined || value === null) return [];
  if (typeof value !== 'number' || value < 0) return [invalidValue(field, value, 'must be greater than or equal to 0')];
  return [];
}

/** The template of a workload object, if any. */
export function templateOf(obj: KObject): Any {
  return obj.spec?.template;
}
