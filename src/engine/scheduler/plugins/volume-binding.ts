/**
 * VolumeBinding (pkg/scheduler/framework/plugins/volumebinding: volume_binding.go and the
 * SchedulerVolumeBinder of binder.go), as kube-scheduler v1.32 runs it:
 * - PreFilter: Skip for pods without PersistentVolumeClaims; a missing, lost or deleting claim
 *   rejects the pod (`persistentvolumeclaim "x" not found` ...), and so does an unbound claim of
 *   a class without WaitForFirstConsumer (`pod has unbound immediate PersistentVolumeClaims`),
 *   both UnschedulableAndUnresolvable. (v1.32 no longer narrows the nodes to a bound local
 *   volume's node in PreFilter: kubernetes#127584.)
 * - Filter: a bound claim's volume must exist (`node(s) unavailable due to one or more pvc(s)
 *   bound to non-existent pv(s)`) and its node affinity must admit the node (`node(s) had volume
 *   node affinity conflict`: kind's local-path volumes are pinned to the node they were created
 *   on); an unbound WaitForFirstConsumer claim needs an Available volume that fits and admits the
 *   node (a static binding, smallest first) or a class that can provision there (provisioner
 *   other than kubernetes.io/no-provisioner, allowedTopologies matching the node), else
 *   `node(s) didn't find available persistent volumes to bind`.
 * - PreBind (the binding cycle, ./scheduler.ts): static bindings get the volume's claimRef (as
 *   the PV controller would) and claims to provision get the `volume.kubernetes.io/selected-node`
 *   annotation; then the pod waits, unbound and Pending, until the PV controller and the
 *   provisioner have bound every claim (checked every second, bindTimeoutSeconds 600), and only
 *   then is bound to the node.
 *
 * Simplification: no CSI storage capacity, volume limits or Score (VolumeCapacityPriority is
 * alpha and off); the assume cache is the store itself.
 */
import type { KObject } from '../../api/types/meta';
import type { ApiServer } from '../../api/server';
import { isStatusError } from '../../api/errors';
import { fromLabelSelector, matches, type LabelSelector } from '../../api/selectors';
import { quantityValue } from '../resources';
import { termMatchesNode, type NodeSelectorTerm } from './node-affinity';
import {
  Code,
  SKIP,
  Status,
  unresolvable,
  type CycleState,
  type FilterPlugin,
  type Handle,
  type MaybeStatus,
  type NodeInfo,
  type PodInfo,
  type PreBindPlugin,
  type PreBindResult,
  type PreFilterPlugin,
} from '../types';

export const VOLUME_BINDING = 'VolumeBinding';
/** volumebinding.ErrReasonBindConflict */
export const ErrReasonBindConflict = "node(s) didn't find available persistent volumes to bind";
/** volumebinding.ErrReasonNodeConflict */
export const ErrReasonNodeConflict = 'node(s) had volume node affinity conflict';
/** volumebinding.ErrReasonPVNotExist */
export const ErrReasonPVNotExist = 'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)';
export const ErrUnboundImmediate = 'pod has unbound immediate PersistentVolumeClaims';
/** VolumeBindingArgs.BindTimeoutSeconds default. */
export const BIND_TIMEOUT_SECONDS = 600;

export const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';
const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
const NO_PROVISIONER = 'kubernetes.io/no-provisioner';

const STATE_KEY = 'VolumeBinding';

interface PodVolumes {
  /** Unbound claim -> the Available volume chosen for it on this node. */
  staticBindings: [KObject, KObject][];
  /** Unbound claims the class's provisioner will create volumes for. */
  provisions: KObject[];
}

interface StateData {
  bound: KObject[];
  delayed: KObject[];
  /** Volumes a delayed claim could bind to (Available, of a delayed claim's class). */
  candidates: KObject[];
  byNode: Map<string, PodVolumes>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

/** The claims a pod uses: persistentVolumeClaim volumes and generic ephemeral volumes. */
function podClaims(pod: KObject): { name: string; ephemeral: boolean }[] {
  const out: { name: string; ephemeral: boolean }[] = [];
  for (const v of (pod.spec?.volumes ?? []) as Any[]) {
    if (v.persistentVolumeClaim?.claimName) out.push({ name: v.persistentVolumeClaim.claimName, ephemeral: false });
    else if (v.ephemeral) out.push({ name: `${pod.metadata.name}-${v.name}`, ephemeral: true });
  }
  return out;
}

function claimClass(pvc: KObject): string {
  return pvc.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? pvc.spec?.storageClassName ?? '';
}

function volumeClass(pv: KObject): string {
  return pv.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? pv.spec?.storageClassName ?? '';
}

/** volumeutil.CheckNodeAffinity: a volume without node affinity fits every node. */
function volumeAdmitsNode(pv: KObject, node: NodeInfo): boolean {
  const terms = pv.spec?.nodeAffinity?.required?.nodeSelectorTerms as NodeSelectorTerm[] | undefined;
  if (!terms) return true;
  for (const t of terms) if (termMatchesNode(t, node.name, node.labels)) return true;
  return false;
}

/** checkVolumeSatisfyClaim plus findMatchingVolume's filters (phase, selector, class, mode). */
function volumeFits(pv: KObject, pvc: KObject): boolean {
  if (pv.metadata.deletionTimestamp || pv.spec?.claimRef) return false;
  if (pv.status?.phase !== 'Available') return false;
  if (volumeClass(pv) !== claimClass(pvc)) return false;
  if ((pv.spec?.volumeMode ?? 'Filesystem') !== (pvc.spec?.volumeMode ?? 'Filesystem')) return false;
  const have = new Set<string>(pv.spec?.accessModes ?? []);
  for (const m of (pvc.spec?.accessModes ?? []) as string[]) if (!have.has(m)) return false;
  if (quantityValue(pv.spec?.capacity?.storage) < quantityValue(pvc.spec?.resources?.requests?.storage)) return false;
  if (pvc.spec?.selector && !matches(fromLabelSelector(pvc.spec.selector as LabelSelector), pv.metadata.labels)) return false;
  return true;
}

/** MatchTopologySelectorTerms over a class's allowedTopologies (none: every node). */
function classAllowsNode(cls: KObject, node: NodeInfo): boolean {
  const terms = (cls.allowedTopologies ?? []) as { matchLabelExpressions?: { key: string; values: string[] }[] }[];
  if (terms.length === 0) return true;
  return terms.some((t) => (t.matchLabelExpressions ?? []).every((e) => node.labels !== undefined && e.values.includes(node.labels[e.key])));
}

export const volumeBinding: PreFilterPlugin & FilterPlugin & PreBindPlugin = {
  name: VOLUME_BINDING,

  preFilter(state: CycleState, pod: PodInfo, h: Handle) {
    const claims = podClaims(pod.pod);
    if (claims.length === 0 || !h.get) return SKIP;
    const ns = pod.namespace;
    const bound: KObject[] = [];
    const delayed: KObject[] = [];
    let immediate = 0;
    for (const c of claims) {
      const pvc = h.get('PersistentVolumeClaim', `${ns}/${c.name}`);
      if (!pvc) {
        return unresolvable(c.ephemeral ? `waiting for ephemeral volume controller to create the persistentvolumeclaim "${c.name}"` : `persistentvolumeclaim "${c.name}" not found`);
      }
      if (pvc.status?.phase === 'Lost') return unresolvable(`persistentvolumeclaim "${c.name}" bound to non-existent persistentvolume "${pvc.spec?.volumeName ?? ''}"`);
      if (pvc.metadata.deletionTimestamp) return unresolvable(`persistentvolumeclaim "${c.name}" is being deleted`);
      if (c.ephemeral && !(pvc.metadata.ownerReferences ?? []).some((r) => r.controller && r.uid === pod.uid)) {
        return unresolvable(`PVC ${ns}/${c.name} was not created for pod ${ns}/${pod.name} (pod is not owner)`);
      }
      // GetPodVolumeClaims: bound, delayed-binding or immediate.
      if (pvc.spec?.volumeName) {
        bound.push(pvc);
        continue;
      }
      const cls = claimClass(pvc) ? h.get('StorageClass', claimClass(pvc)) : undefined;
      if (cls?.volumeBindingMode === 'WaitForFirstConsumer') delayed.push(pvc);
      else immediate++;
    }
    if (immediate > 0) return unresolvable(ErrUnboundImmediate);
    const classes = new Set(delayed.map(claimClass));
    const candidates = delayed.length && h.list ? h.list('PersistentVolume').filter((pv) => classes.has(volumeClass(pv)) && !pv.spec?.claimRef) : [];
    const data: StateData = { bound, delayed, candidates, byNode: new Map() };
    state.write(STATE_KEY, data);
    return null;
  },

  filter(state: CycleState, _pod: PodInfo, node: NodeInfo, h: Handle): MaybeStatus {
    const data = state.read<StateData>(STATE_KEY);
    if (!data || !h.get) return null;
    const reasons: string[] = [];
    // checkBoundClaims
    let boundOK = true;
    let pvMissing = false;
    for (const pvc of data.bound) {
      const pv = h.get('PersistentVolume', pvc.spec.volumeName);
      if (!pv) {
        pvMissing = true;
        break;
      }
      if (!volumeAdmitsNode(pv, node)) {
        boundOK = false;
        break;
      }
    }
    if (pvMissing) return unresolvable(ErrReasonPVNotExist);
    if (!boundOK) reasons.push(ErrReasonNodeConflict);
    // findMatchingVolumes + checkVolumeProvisions for the delayed claims.
    const result: PodVolumes = { staticBindings: [], provisions: [] };
    let unboundOK = true;
    const taken = new Set<string>();
    for (const pvc of data.delayed) {
      let best: KObject | undefined;
      for (const pv of data.candidates) {
        if (taken.has(pv.metadata.name!) || !volumeFits(pv, pvc) || !volumeAdmitsNode(pv, node)) continue;
        if (!best || quantityValue(pv.spec?.capacity?.storage) < quantityValue(best.spec?.capacity?.storage)) best = pv;
      }
      if (best) {
        taken.add(best.metadata.name!);
        result.staticBindings.push([pvc, best]);
        continue;
      }
      const cls = h.get('StorageClass', claimClass(pvc));
      if (!cls || !cls.provisioner || cls.provisioner === NO_PROVISIONER || !classAllowsNode(cls, node)) {
        unboundOK = false;
        break;
      }
      result.provisions.push(pvc);
    }
    if (!unboundOK) reasons.push(ErrReasonBindConflict);
    if (reasons.length > 0) return new Status(Code.UnschedulableAndUnresolvable, reasons);
    data.byNode.set(node.name, result);
    return null;
  },

  preBind(state: CycleState, pod: PodInfo, nodeName: string, api: ApiServer, now: number): PreBindResult {
    const data = state.read<StateData>(STATE_KEY);
    const vols = data?.byNode.get(nodeName);
    if (!data || !vols || (vols.staticBindings.length === 0 && vols.provisions.length === 0)) return { status: null };
    const fail = (msg: string): Status => new Status(Code.Error, [`running PreBind plugin "${VOLUME_BINDING}": ${msg}`]);
    // bindAPIUpdate: static bindings first, then the claims to provision.
    try {
      for (const [pvc, pv] of vols.staticBindings) {
        const cur = api.find('PersistentVolume', undefined, pv.metadata.name!);
        if (!cur) return { status: fail(`binding volumes: pv "${pv.metadata.name}" not found`) };
        if (cur.spec?.claimRef) continue;
        const next = structuredClone(cur) as KObject;
        next.spec.claimRef = { kind: 'PersistentVolumeClaim', namespace: pvc.metadata.namespace, name: pvc.metadata.name, uid: pvc.metadata.uid, apiVersion: 'v1', resourceVersion: pvc.metadata.resourceVersion };
        next.metadata.annotations = { ...(next.metadata.annotations ?? {}), [ANN_BOUND_BY_CONTROLLER]: 'yes' };
        api.update(next);
      }
      for (const pvc of vols.provisions) {
        const cur = api.find('PersistentVolumeClaim', pvc.metadata.namespace, pvc.metadata.name!);
        if (!cur) return { status: fail(`binding volumes: persistentvolumeclaim "${pvc.metadata.name}" not found`) };
        if (cur.metadata.annotations?.[ANN_SELECTED_NODE] === nodeName) continue;
        const next = structuredClone(cur) as KObject;
        next.metadata.annotations = { ...(next.metadata.annotations ?? {}), [ANN_SELECTED_NODE]: nodeName };
        api.update(next);
      }
    } catch (e) {
      if (!isStatusError(e)) throw e;
      return { status: fail(`binding volumes: ${e.message}`) };
    }
    const claims = [...vols.staticBindings.map(([c]) => c), ...vols.provisions];
    const deadline = now + BIND_TIMEOUT_SECONDS * 1000;
    // checkBindings, polled every second until every claim is bound or the timeout.
    return {
      wait(t: number): MaybeStatus | undefined {
        for (const c of claims) {
          const pvc = api.find('PersistentVolumeClaim', c.metadata.namespace, c.metadata.name!);
          if (!pvc || pvc.metadata.uid !== c.metadata.uid) return fail(`binding volumes: persistentvolumeclaim "${c.metadata.name}" not found`);
          const selected = pvc.metadata.annotations?.[ANN_SELECTED_NODE];
          if (!pvc.spec?.volumeName && vols.provisions.includes(c) && selected !== nodeName) {
            // The provisioner gave up on this node (it removed the annotation): reschedule.
            return fail(`binding volumes: provisioning failed for PVC "${c.metadata.name}"`);
          }
          const done = !!pvc.spec?.volumeName && pvc.metadata.annotations?.[ANN_BIND_COMPLETED] !== undefined;
          if (!done) return t >= deadline ? fail('binding volumes: context deadline exceeded') : undefined;
          const pv = api.find('PersistentVolume', undefined, pvc.spec.volumeName);
          if (!pv || pv.spec?.claimRef?.uid !== pvc.metadata.uid) return t >= deadline ? fail('binding volumes: context deadline exceeded') : undefined;
        }
        void pod;
        return null;
      },
    };
  },
};
