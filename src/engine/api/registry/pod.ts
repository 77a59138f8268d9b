/**
 * Pod strategy (pkg/registry/core/pod/strategy.go) with what a v1.32 apiserver does to a pod on
 * the way in: scheme defaulting (pkg/apis/core/v1/defaults.go), the admission plugins every
 * kubeadm cluster runs (ServiceAccount, Priority, DefaultTolerationSeconds), status Pending +
 * qosClass on create, and validation (pkg/apis/core/validation: ValidatePodCreate,
 * ValidatePodUpdate) with the real field paths and messages.
 */
import {
  duplicate,
  forbiddenField,
  invalidValue,
  notFoundField,
  notSupported,
  required,
  badRequest,
  forbidden,
  type FieldError,
} from '../errors';
import type { KObject } from '../types/meta';
import type { Strategy, StrategyContext } from './strategy';
import { MSG_DNS1123_LABEL, validateLabels, validateNameValue, validateQualifiedName, isDns1123Label } from '../validation';
import { canonicalQuantity, compare, parseQuantity, add, MSG_QUANTITY_SYNTAX, type Quantity } from '../../kubelet/quantity';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Obj = Record<string, any>;

export const SERVICE_ACCOUNT_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
export const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';
/** Built-in PriorityClasses (pkg/apis/scheduling: SystemCriticalPriority + 1000 ...). */
export const SYSTEM_PRIORITY_CLASSES: Record<string, number> = {
  'system-node-critical': 2000001000,
  'system-cluster-critical': 2000000000,
};

export const MSG_POD_UPDATE_FORBIDDEN =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const MSG_ENV_NAME =
  "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')";

// ---- defaulting ------------------------------------------------------------------------------

/** The image's tag (after the last `/`), '' when none; a digest counts as a tag. */
function imageTag(image: string): string {
  if (image.includes('@')) return '@';
  const slash = image.lastIndexOf('/');
  const last = image.slice(slash + 1);
  const colon = last.indexOf(':');
  return colon < 0 ? '' : last.slice(colon + 1);
}

/** SetDefaults_Container's imagePullPolicy: Always for `:latest` or no tag, else IfNotPresent. */
export function defaultPullPolicy(image: string): string {
  const tag = imageTag(image ?? '');
  return tag === '' || tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultProbe(p: Obj | undefined): void {
  if (!p) return;
  p.timeoutSeconds ??= 1;
  p.periodSeconds ??= 10;
  p.successThreshold ??= 1;
  p.failureThreshold ??= 3;
  if (p.httpGet) {
    p.httpGet.path ??= '/';
    p.httpGet.scheme ??= 'HTTP';
  }
  if (p.grpc) p.grpc.service ??= '';
}

function defaultHandler(h: Obj | undefined): void {
  if (h?.httpGet) {
    h.httpGet.path ??= '/';
    h.httpGet.scheme ??= 'HTTP';
  }
}

function defaultContainer(c: Obj, hostNetwork: boolean): void {
  c.terminationMessagePath ??= '/dev/termination-log';
  c.terminationMessagePolicy ??= 'File';
  c.imagePullPolicy ??= defaultPullPolicy(c.image);
  c.resources ??= {};
  for (const p of c.ports ?? []) {
    p.protocol ??= 'TCP';
    if (hostNetwork && p.hostPort === undefined && p.containerPort !== undefined) p.hostPort = p.containerPort;
  }
  for (const e of c.env ?? []) {
    if (e.valueFrom?.fieldRef) e.valueFrom.fieldRef.apiVersion ??= 'v1';
  }
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
  defaultHandler(c.lifecycle?.postStart);
  defaultHandler(c.lifecycle?.preStop);
  // Requests default to limits when only limits are given (SetDefaults_Pod).
  const limits = c.resources.limits;
  if (limits && Object.keys(limits).length) {
    const requests = (c.resources.requests ??= {});
    for (const [k, v] of Object.entries(limits)) if (requests[k] === undefined) requests[k] = v;
  }
}

function defaultVolume(v: Obj): void {
  const sources = ['hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi', 'glusterfs', 'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile', 'configMap', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected', 'portworxVolume', 'scaleIO', 'storageos', 'csi', 'ephemeral', 'image'];
  if (!sources.some((s) => v[s] !== undefined)) v.emptyDir = {};
  if (v.secret) v.secret.defaultMode ??= 420;
  if (v.configMap) v.configMap.defaultMode ??= 420;
  if (v.downwardAPI) {
    v.downwardAPI.defaultMode ??= 420;
    for (const i of v.downwardAPI.items ?? []) if (i.fieldRef) i.fieldRef.apiVersion ??= 'v1';
  }
  if (v.projected) {
    v.projected.defaultMode ??= 420;
    for (const s of v.projected.sources ?? []) {
      if (s.serviceAccountToken) s.serviceAccountToken.expirationSeconds ??= 3600;
      for (const i of s.downwardAPI?.items ?? []) if (i.fieldRef) i.fieldRef.apiVersion ??= 'v1';
    }
  }
  if (v.hostPath) v.hostPath.type ??= '';
  if (v.iscsi) v.iscsi.iscsiInterface ??= 'default';
  if (v.azureDisk) {
    v.azureDisk.cachingMode ??= 'ReadWrite';
    v.azureDisk.fsType ??= 'ext4';
    v.azureDisk.readOnly ??= false;
    v.azureDisk.kind ??= 'Shared';
  }
}

/** Scheme defaulting of a pod spec (also used for pod templates by other registries). */
export function defaultPodSpec(spec: Obj): void {
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.restartPolicy ??= 'Always';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.securityContext ??= {};
  spec.schedulerName ??= 'default-scheduler';
  spec.enableServiceLinks ??= true;
  if (spec.serviceAccountName && !spec.serviceAccount) spec.serviceAccount = spec.serviceAccountName;
  if (spec.serviceAccount && !spec.serviceAccountName) spec.serviceAccountName = spec.serviceAccount;
  const hostNetwork = spec.hostNetwork === true;
  for (const c of spec.initContainers ?? []) defaultContainer(c, hostNetwork);
  for (const c of spec.containers ?? []) defaultContainer(c, hostNetwork);
  for (const v of spec.volumes ?? []) defaultVolume(v);
  for (const t of spec.tolerations ?? []) if (t.operator === undefined && t.key !== undefined) t.operator = 'Equal';
}

/** Whether `tolerations` already tolerate a NoExecute taint with this key. */
function tolerates(tolerations: Obj[], key: string): boolean {
  return tolerations.some(
    (t) =>
      (t.effect === undefined || t.effect === '' || t.effect === 'NoExecute') &&
      ((t.operator === 'Exists' && (t.key === undefined || t.key === '')) || t.key === key),
  );
}

/** The admission plugins of a kubeadm apiserver, on create. */
function admit(pod: KObject, ctx: StrategyContext): void {
  const spec = pod.spec as Obj;
  const mirror = pod.metadata.annotations?.[MIRROR_ANNOTATION] !== undefined;
  // ServiceAccount admission (plugin/pkg/admission/serviceaccount): mirror pods are left alone.
  if (!mirror) {
    spec.serviceAccountName ||= 'default';
    spec.serviceAccount = spec.serviceAccountName;
    if (spec.automountServiceAccountToken !== false && !hasTokenVolume(spec)) {
      const name = `kube-api-access-${ctx.rng.suffix(5)}`;
      (spec.volumes ??= []).push({
        name,
        projected: {
          defaultMode: 420,
          sources: [
            { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
            { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
            { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
          ],
        },
      });
      for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
        const mounts: Obj[] = (c.volumeMounts ??= []);
        if (!mounts.some((m) => m.mountPath === SERVICE_ACCOUNT_MOUNT_PATH)) {
          mounts.push({ mountPath: SERVICE_ACCOUNT_MOUNT_PATH, name, readOnly: true });
        }
      }
    }
  }
  // Priority admission: the value of the PriorityClass, 0 without one.
  if (spec.priority === undefined) {
    const pcName = spec.priorityClassName as string | undefined;
    let value = 0;
    let policy: string | undefined;
    if (pcName) {
      const pc = ctx.store.get('PriorityClass', pcName);
      if (pc) {
        value = (pc.value as number) ?? 0;
        policy = pc.preemptionPolicy as string | undefined;
      } else if (SYSTEM_PRIORITY_CLASSES[pcName] !== undefined) {
        value = SYSTEM_PRIORITY_CLASSES[pcName];
      } else {
        throw forbidden('pods', pod.metadata.name ?? '', `no PriorityClass with name ${pcName} was found`);
      }
    }
    spec.priority = value;
    spec.preemptionPolicy ??= policy ?? 'PreemptLowerPriority';
  }
  spec.preemptionPolicy ??= 'PreemptLowerPriority';
  // DefaultTolerationSeconds admission.
  const tolerations: Obj[] = (spec.tolerations ??= []);
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    if (!tolerates(tolerations, key)) {
      tolerations.push({ effect: 'NoExecute', key, operator: 'Exists', tolerationSeconds: 300 });
    }
  }
}

function hasTokenVolume(spec: Obj): boolean {
  return (spec.volumes ?? []).some((v: Obj) => typeof v.name === 'string' && v.name.startsWith('kube-api-access-'));
}

/** v1 qos.GetPodQOS. */
export function podQOSClass(spec: Obj): string {
  const requests = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  let guaranteed = true;
  const zero = parseQuantity('0')!;
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    for (const [name, v] of Object.entries((c.resources?.requests ?? {}) as Obj)) {
      if (name !== 'cpu' && name !== 'memory') continue;
      const q = parseQuantity(v);
      if (!q || compare(q, zero) <= 0) continue;
      requests.set(name, requests.has(name) ? add(requests.get(name)!, q) : q);
    }
    const found = new Set<string>();
    for (const [name, v] of Object.entries((c.resources?.limits ?? {}) as Obj)) {
      if (name !== 'cpu' && name !== 'memory') continue;
      const q = parseQuantity(v);
      if (!q || compare(q, zero) <= 0) continue;
      found.add(name);
      limits.set(name, limits.has(name) ? add(limits.get(name)!, q) : q);
    }
    if (!found.has('cpu') || !found.has('memory')) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, req] of requests) {
      const lim = limits.get(name);
      if (!lim || compare(lim, req) !== 0) {
        guaranteed = false;
        break;
      }
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}

/** Canonicalizes every quantity (the apiserver stores Quantity.String()); throws 400 on bad syntax. */
function canonicalizeResources(spec: Obj, kind = 'Pod'): void {
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
    for (const part of ['limits', 'requests']) {
      const m = c.resources?.[part] as Obj | undefined;
      if (!m) continue;
      for (const [k, v] of Object.entries(m)) {
        const canon = canonicalQuantity(v);
        if (canon === undefined) throw badRequest(`${kind} in version "v1" cannot be handled as a ${kind}: ${MSG_QUANTITY_SYNTAX}`);
        m[k] = canon;
      }
    }
  }
  for (const v of spec.volumes ?? []) {
    if (v.emptyDir?.sizeLimit !== undefined) {
      const canon = canonicalQuantity(v.emptyDir.sizeLimit);
      if (canon === undefined) throw badRequest(`${kind} in version "v1" cannot be handled as a ${kind}: ${MSG_QUANTITY_SYNTAX}`);
      v.emptyDir.sizeLimit = canon;
    }
  }
}

// ---- validation ------------------------------------------------------------------------------

const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);

function isPortName(name: string): string[] {
  const errs: string[] = [];
  if (name.length > 15) errs.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(name)) errs.push("must contain only lowercase alphanumerics and '-'");
  if (!/[a-z]/.test(name)) errs.push('must contain at least one letter');
  if (name.includes('--')) errs.push("must not contain consecutive hyphens");
  if (name.startsWith('-') || name.endsWith('-')) errs.push("must not begin or end with a hyphen");
  return errs;
}

const PORT_RANGE = 'must be between 1 and 65535, inclusive';

function validateProbe(p: Obj | undefined, path: string, liveness: boolean): FieldError[] {
  if (!p) return [];
  const errs: FieldError[] = [];
  const handlers = ['exec', 'httpGet', 'tcpSocket', 'grpc'].filter((h) => p[h] !== undefined);
  if (handlers.length === 0) errs.push(required(path, 'must specify a handler type'));
  else if (handlers.length > 1) errs.push(forbiddenField(`${path}.${handlers[1]}`, 'may not specify more than 1 handler type'));
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    if (typeof p[f] === 'number' && p[f] < 0) errs.push(invalidValue(`${path}.${f}`, p[f], 'must be greater than or equal to 0'));
  }
  if (liveness && p.successThreshold !== undefined && p.successThreshold !== 1) {
    errs.push(invalidValue(`${path}.successThreshold`, p.successThreshold, 'must be 1'));
  }
  if (p.httpGet) {
    const port = p.httpGet.port;
    errs.push(...validatePortRef(port, `${path}.httpGet.port`));
    if (!['HTTP', 'HTTPS'].includes(p.httpGet.scheme)) errs.push(notSupported(`${path}.httpGet.scheme`, p.httpGet.scheme, ['HTTP', 'HTTPS']));
  }
  if (p.tcpSocket) errs.push(...validatePortRef(p.tcpSocket.port, `${path}.tcpSocket.port`));
  if (p.exec && (!Array.isArray(p.exec.command) || p.exec.command.length === 0)) errs.push(required(`${path}.exec.command`, ''));
  return errs;
}

function validatePortRef(port: unknown, path: string): FieldError[] {
  if (typeof port === 'number') return port >= 1 && port <= 65535 ? [] : [invalidValue(path, port, PORT_RANGE)];
  if (typeof port === 'string') {
    if (port === '') return [required(path, '')];
    return isPortName(port).map((m) => invalidValue(path, port, m));
  }
  return [required(path, '')];
}

function validateResources(res: Obj | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!res) return errs;
  const check = (part: 'limits' | 'requests'): void => {
    for (const [name, v] of Object.entries((res[part] ?? {}) as Obj)) {
      const fp = `${path}.${part}[${name}]`;
      if (!name.includes('/') && !STANDARD_CONTAINER_RESOURCES.has(name) && !name.startsWith('hugepages-')) {
        errs.push(invalidValue(fp, name, 'must be a standard resource for containers'));
        continue;
      }
      const q = parseQuantity(v);
      if (!q) continue;
      if (q.num < 0n) errs.push(invalidValue(fp, String(v), 'must be greater than or equal to 0'));
      if (part === 'requests') {
        const lim = res.limits?.[name];
        const lq = lim !== undefined ? parseQuantity(lim) : undefined;
        if (lq) {
          const overcommit = !name.startsWith('hugepages-') && (STANDARD_CONTAINER_RESOURCES.has(name) || !name.includes('/'));
          if (!overcommit && compare(q, lq) !== 0) {
            errs.push(invalidValue(`${path}.requests`, String(v), `must be equal to ${name} limit of ${lim}`));
          } else if (compare(q, lq) > 0) {
            errs.push(invalidValue(`${path}.requests`, String(v), `must be less than or equal to ${name} limit of ${lim}`));
          }
        }
      }
    }
  };
  check('limits');
  check('requests');
  return errs;
}

function validateContainer(c: Obj, path: string, volumes: Set<string>, isInit: boolean): FieldError[] {
  const errs: FieldError[] = [];
  if (!c.name) errs.push(required(`${path}.name`, ''));
  else errs.push(...validateNameValue(c.name, 'label', `${path}.name`));
  if (!c.image) errs.push(required(`${path}.image`, ''));
  else if (c.image !== String(c.image).trim()) errs.push(invalidValue(`${path}.image`, c.image, 'must not have leading or trailing whitespace'));
  if (!['File', 'FallbackToLogsOnError'].includes(c.terminationMessagePolicy)) {
    errs.push(notSupported(`${path}.terminationMessagePolicy`, c.terminationMessagePolicy, ['File', 'FallbackToLogsOnError']));
  }
  const portNames = new Set<string>();
  (c.ports ?? []).forEach((p: Obj, i: number) => {
    const pp = `${path}.ports[${i}]`;
    if (p.name) {
      const msgs = isPortName(p.name);
      if (msgs.length) for (const m of msgs) errs.push(invalidValue(`${pp}.name`, p.name, m));
      else if (portNames.has(p.name)) errs.push(duplicate(`${pp}.name`, p.name));
      else portNames.add(p.name);
    }
    if (!p.containerPort) errs.push(required(`${pp}.containerPort`, ''));
    else if (!(p.containerPort >= 1 && p.containerPort <= 65535)) errs.push(invalidValue(`${pp}.containerPort`, p.containerPort, PORT_RANGE));
    if (p.hostPort && !(p.hostPort >= 1 && p.hostPort <= 65535)) errs.push(invalidValue(`${pp}.hostPort`, p.hostPort, PORT_RANGE));
    if (!p.protocol) errs.push(required(`${pp}.protocol`, ''));
    else if (!['SCTP', 'TCP', 'UDP'].includes(p.protocol)) errs.push(notSupported(`${pp}.protocol`, p.protocol, ['SCTP', 'TCP', 'UDP']));
  });
  (c.env ?? []).forEach((e: Obj, i: number) => {
    const ep = `${path}.env[${i}]`;
    if (!e.name) errs.push(required(`${ep}.name`, ''));
    else if (!ENV_NAME.test(e.name)) errs.push(invalidValue(`${ep}.name`, e.name, MSG_ENV_NAME));
    if (e.valueFrom) {
      const refs = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'].filter((r) => e.valueFrom[r]);
      if (e.value) errs.push(invalidValue(`${ep}.valueFrom`, '', 'may not be specified when `value` is not empty'));
      if (refs.length === 0) errs.push(invalidValue(`${ep}.valueFrom`, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
      for (const r of ['configMapKeyRef', 'secretKeyRef']) {
        const ref = e.valueFrom[r];
        if (!ref) continue;
        if (!ref.name) errs.push(required(`${ep}.valueFrom.${r}.name`, ''));
        if (!ref.key) errs.push(required(`${ep}.valueFrom.${r}.key`, ''));
      }
    }
  });
  const mountPaths = new Set<string>();
  (c.volumeMounts ?? []).forEach((m: Obj, i: number) => {
    const mp = `${path}.volumeMounts[${i}]`;
    if (!m.name) errs.push(required(`${mp}.name`, ''));
    else if (!volumes.has(m.name)) errs.push(notFoundField(`${mp}.name`, m.name));
    if (!m.mountPath) errs.push(required(`${mp}.mountPath`, ''));
    else if (mountPaths.has(m.mountPath)) errs.push(invalidValue(`${mp}.mountPath`, m.mountPath, 'must be unique'));
    if (m.mountPath) mountPaths.add(m.mountPath);
  });
  if (!['Always', 'IfNotPresent', 'Never'].includes(c.imagePullPolicy)) {
    errs.push(notSupported(`${path}.imagePullPolicy`, c.imagePullPolicy, ['Always', 'IfNotPresent', 'Never']));
  }
  errs.push(...validateResources(c.resources, `${path}.resources`));
  if (isInit) {
    if (c.livenessProbe && c.restartPolicy !== 'Always') errs.push(forbiddenField(`${path}.livenessProbe`, 'may not be set for init containers without restartPolicy=Always'));
    if (c.readinessProbe && c.restartPolicy !== 'Always') errs.push(forbiddenField(`${path}.readinessProbe`, 'may not be set for init containers without restartPolicy=Always'));
    if (c.startupProbe && c.restartPolicy !== 'Always') errs.push(forbiddenField(`${path}.startupProbe`, 'may not be set for init containers without restartPolicy=Always'));
    if (c.restartPolicy !== undefined && c.restartPolicy !== 'Always') errs.push(notSupported(`${path}.restartPolicy`, c.restartPolicy, ['Always']));
  }
  return errs;
}

function validateToleration(t: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (t.key) errs.push(...validateQualifiedName(t.key, `${path}.key`));
  if (!t.key && t.operator !== 'Exists') {
    errs.push(invalidValue(`${path}.operator`, t.operator, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
  }
  if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute') {
    errs.push(invalidValue(`${path}.effect`, t.effect, 'effect must be \'NoExecute\' when `tolerationSeconds` is set'));
  }
  switch (t.operator) {
    case 'Equal':
    case '':
    case undefined:
      break;
    case 'Exists':
      if (t.value) errs.push(invalidValue(`${path}.operator`, t.value, 'value must be empty when `operator` is \'Exists\''));
      break;
    default:
      errs.push(notSupported(`${path}.operator`, t.operator, ['Equal', 'Exists']));
  }
  if (t.effect && !['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(t.effect)) {
    errs.push(notSupported(`${path}.effect`, t.effect, ['NoSchedule', 'PreferNoSchedule', 'NoExecute']));
  }
  return errs;
}

/** ValidatePodSpec (the subset the playground's manifests exercise), in upstream order. */
export function validatePodSpec(spec: Obj | undefined, path = 'spec'): FieldError[] {
  const errs: FieldError[] = [];
  spec ??= {};
  const volumes = new Set<string>();
  (spec.volumes ?? []).forEach((v: Obj, i: number) => {
    const vp = `${path}.volumes[${i}]`;
    if (!v.name) errs.push(required(`${vp}.name`, ''));
    else if (!isDns1123Label(v.name)) errs.push(invalidValue(`${vp}.name`, v.name, MSG_DNS1123_LABEL));
    else if (volumes.has(v.name)) errs.push(duplicate(`${vp}.name`, v.name));
    if (v.name) volumes.add(v.name);
    if (v.configMap && !v.configMap.name) errs.push(required(`${vp}.configMap.name`, ''));
    if (v.secret && !v.secret.secretName) errs.push(required(`${vp}.secret.secretName`, ''));
    if (v.persistentVolumeClaim && !v.persistentVolumeClaim.claimName) errs.push(required(`${vp}.persistentVolumeClaim.claimName`, ''));
    if (v.hostPath && !v.hostPath.path) errs.push(required(`${vp}.hostPath.path`, ''));
  });
  const names = new Set<string>();
  const containers: Obj[] = spec.containers ?? [];
  if (containers.length === 0) errs.push(required(`${path}.containers`, ''));
  containers.forEach((c, i) => {
    const cp = `${path}.containers[${i}]`;
    errs.push(...validateContainer(c, cp, volumes, false));
    if (c.name && names.has(c.name)) errs.push(duplicate(`${cp}.name`, c.name));
    else if (c.name) names.add(c.name);
    if (c.restartPolicy !== undefined) errs.push(forbiddenField(`${cp}.restartPolicy`, 'may not be set for non-init containers'));
    errs.push(...validateProbe(c.livenessProbe, `${cp}.livenessProbe`, true));
    errs.push(...validateProbe(c.readinessProbe, `${cp}.readinessProbe`, false));
    errs.push(...validateProbe(c.startupProbe, `${cp}.startupProbe`, true));
  });
  (spec.initContainers ?? []).forEach((c: Obj, i: number) => {
    const cp = `${path}.initContainers[${i}]`;
    errs.push(...validateContainer(c, cp, volumes, true));
    if (c.name && names.has(c.name)) errs.push(duplicate(`${cp}.name`, c.name));
    else if (c.name) names.add(c.name);
  });
  const hostPorts = new Set<string>();
  containers.forEach((c, i) => {
    (c.ports ?? []).forEach((p: Obj, j: number) => {
      if (!p.hostPort) return;
      const key = `${p.protocol}/${p.hostIP ?? ''}/${p.hostPort}`;
      if (hostPorts.has(key)) errs.push(duplicate(`${path}.containers[${i}].ports[${j}]`, key));
      hostPorts.add(key);
    });
  });
  if (!['Always', 'OnFailure', 'Never'].includes(spec.restartPolicy)) {
    if (!spec.restartPolicy) errs.push(required(`${path}.restartPolicy`, ''));
    else errs.push(notSupported(`${path}.restartPolicy`, spec.restartPolicy, ['Always', 'OnFailure', 'Never']));
  }
  if (!['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'].includes(spec.dnsPolicy)) {
    errs.push(notSupported(`${path}.dnsPolicy`, spec.dnsPolicy, ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None']));
  }
  errs.push(...validateLabels(spec.nodeSelector, `${path}.nodeSelector`));
  if (spec.serviceAccountName) errs.push(...validateNameValue(spec.serviceAccountName, 'subdomain', `${path}.serviceAccountName`));
  if (spec.nodeName) errs.push(...validateNameValue(spec.nodeName, 'subdomain', `${path}.nodeName`));
  if (spec.activeDeadlineSeconds !== undefined && spec.activeDeadlineSeconds !== null) {
    const v = spec.activeDeadlineSeconds;
    if (!(Number.isInteger(v) && v >= 1 && v <= 2147483647)) {
      errs.push(invalidValue(`${path}.activeDeadlineSeconds`, v, 'must be between 1 and 2147483647, inclusive'));
    }
  }
  if (spec.hostname) errs.push(...validateNameValue(spec.hostname, 'label', `${path}.hostname`));
  if (spec.subdomain) errs.push(...validateNameValue(spec.subdomain, 'label', `${path}.subdomain`));
  (spec.tolerations ?? []).forEach((t: Obj, i: number) => errs.push(...validateToleration(t, `${path}.tolerations[${i}]`)));
  return errs;
}

// ---- update ----------------------------------------------------------------------------------

function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Obj).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${stable(x)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** Leaf paths that differ between two values, as `- path: old` / `+ path: new` lines. */
function diffLines(a: unknown, b: unknown, path: string, out: string[]): void {
  if (stable(a) === stable(b)) return;
  const isObj = (x: unknown): x is Obj => !!x && typeof x === 'object';
  if (isObj(a) && isObj(b) && Array.isArray(a) === Array.isArray(b)) {
    const keys = Array.isArray(a)
      ? [...Array(Math.max(a.length, (b as unknown[]).length)).keys()].map(String)
      : [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) diffLines(a[k as keyof typeof a], (b as Obj)[k], Array.isArray(a) ? `${path}[${k}]` : `${path}.${k}`, out);
    return;
  }
  if (a !== undefined) out.push(`- \t${path}: ${JSON.stringify(a)}`);
  if (b !== undefined) out.push(`+ \t${path}: ${JSON.stringify(b)}`);
}

/** ValidatePodSpecificUpdate: the only mutable parts of a pod spec. */
export function validatePodUpdate(spec: Obj, oldSpec: Obj): FieldError[] {
  const errs: FieldError[] = [];
  const munged = structuredClone(spec) as Obj;
  const sameLen = (a?: Obj[], b?: Obj[]) => (a?.length ?? 0) === (b?.length ?? 0);
  if (sameLen(munged.containers, oldSpec.containers)) {
    (munged.containers ?? []).forEach((c: Obj, i: number) => {
      if (c.image) c.image = oldSpec.containers[i].image;
    });
  }
  if (sameLen(munged.initContainers, oldSpec.initContainers)) {
    (munged.initContainers ?? []).forEach((c: Obj, i: number) => {
      if (c.image) c.image = oldSpec.initContainers[i].image;
    });
  }
  const oldAds = oldSpec.activeDeadlineSeconds;
  const newAds = spec.activeDeadlineSeconds;
  if (newAds !== undefined && newAds !== null && (oldAds === undefined || oldAds === null || newAds <= oldAds)) {
    munged.activeDeadlineSeconds = oldAds;
  } else if (oldAds !== undefined && oldAds !== null && newAds !== oldAds) {
    errs.push(invalidValue('spec.activeDeadlineSeconds', newAds ?? null, 'must be specified when previously set'));
  }
  const oldTol: Obj[] = oldSpec.tolerations ?? [];
  const newTol: Obj[] = spec.tolerations ?? [];
  const kept = oldTol.every((t) => newTol.some((n) => stable({ ...n, tolerationSeconds: undefined }) === stable({ ...t, tolerationSeconds: undefined })));
  if (kept) munged.tolerations = oldSpec.tolerations;
  if (oldSpec.terminationGracePeriodSeconds < 0 && spec.terminationGracePeriodSeconds === 1) {
    munged.terminationGracePeriodSeconds = oldSpec.terminationGracePeriodSeconds;
  }
  if (stable(munged) !== stable(oldSpec)) {
    const lines: string[] = [];
    diffLines(oldSpec, munged, 'spec', lines);
    // Simplification: upstream prints a go-cmp diff of core.PodSpec; we list the changed fields.
    errs.push(forbiddenField('spec', `${MSG_POD_UPDATE_FORBIDDEN}\n${lines.join('\n')}\n`));
  }
  return errs;
}

export const podStrategy: Strategy = {
  statusSubresource: true,
  prepareForCreate(obj, ctx) {
    const spec = (obj.spec ??= {}) as Obj;
    defaultPodSpec(spec);
    canonicalizeResources(spec);
    admit(obj, ctx);
    obj.status = { phase: 'Pending', qosClass: podQOSClass(spec) };
  },
  prepareForUpdate(obj, old) {
    const spec = (obj.spec ??= {}) as Obj;
    defaultPodSpec(spec);
    canonicalizeResources(spec);
    obj.status = old.status === undefined ? undefined : structuredClone(old.status);
    if (obj.status === undefined) delete obj.status;
  },
  validate(obj) {
    return validatePodSpec(obj.spec);
  },
  validateUpdate(obj, old) {
    return validatePodUpdate(obj.spec ?? {}, old.spec ?? {});
  },
};
