/**
 * Rollout status text per kind (k8s.io/kubectl/pkg/polymorphichelpers/rollout_status.go):
 * the line `kubectl rollout status` prints for an object, and whether the rollout is done.
 */
import type { KObject } from '../../api/types/meta';

export interface RolloutStatus {
  message: string;
  done: boolean;
  /** A failure (progress deadline exceeded, revision mismatch). */
  error?: string;
}

const REVISION = 'deployment.kubernetes.io/revision';

/** DeploymentStatusViewer.Status. */
export function deploymentStatus(d: KObject, revision = 0): RolloutStatus {
  const name = d.metadata.name;
  if (revision > 0) {
    const cur = Number(d.metadata.annotations?.[REVISION] ?? 'NaN');
    if (Number.isNaN(cur)) return { message: '', done: false, error: `cannot get the revision of deployment "${name}": strconv.ParseInt: parsing "": invalid syntax` };
    if (cur !== revision) return { message: '', done: false, error: `desired revision (${revision}) is different from the running revision (${cur})` };
  }
  const st = d.status ?? {};
  if ((d.metadata.generation ?? 0) <= (st.observedGeneration ?? 0)) {
    const cond = (st.conditions ?? []).find((c: { type: string }) => c.type === 'Progressing');
    if (cond?.reason === 'ProgressDeadlineExceeded') {
      return { message: '', done: false, error: `deployment "${name}" exceeded its progress deadline` };
    }
    const replicas = d.spec?.replicas;
    const updated = st.updatedReplicas ?? 0;
    if (replicas !== undefined && updated < replicas) {
      return { message: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${replicas} new replicas have been updated...\n`, done: false };
    }
    if ((st.replicas ?? 0) > updated) {
      return { message: `Waiting for deployment "${name}" rollout to finish: ${(st.replicas ?? 0) - updated} old replicas are pending termination...\n`, done: false };
    }
    if ((st.availableReplicas ?? 0) < updated) {
      return { message: `Waiting for deployment "${name}" rollout to finish: ${st.availableReplicas ?? 0} of ${updated} updated replicas are available...\n`, done: false };
    }
    return { message: `deployment "${name}" successfully rolled out\n`, done: true };
  }
  return { message: 'Waiting for deployment spec update to be observed...\n', done: false };
}

/** DaemonSetStatusViewer.Status. */
export function daemonSetStatus(ds: KObject): RolloutStatus {
  const name = ds.metadata.name;
  if ((ds.spec?.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') {
    return { message: '', done: true, error: 'rollout status is only available for RollingUpdate strategy type' };
  }
  const st = ds.status ?? {};
  if ((ds.metadata.generation ?? 0) <= (st.observedGeneration ?? 0)) {
    const desired = st.desiredNumberScheduled ?? 0;
    if ((st.updatedNumberScheduled ?? 0) < desired) {
      return { message: `Waiting for daemon set "${name}" rollout to finish: ${st.updatedNumberScheduled ?? 0} out of ${desired} new pods have been updated...\n`, done: false };
    }
    if ((st.numberAvailable ?? 0) < desired) {
      return { message: `Waiting for daemon set "${name}" rollout to finish: ${st.numberAvailable ?? 0} of ${desired} updated pods are available...\n`, done: false };
    }
    return { message: `daemon set "${name}" successfully rolled out\n`, done: true };
  }
  return { message: 'Waiting for daemon set spec update to be observed...\n', done: false };
}

/** StatefulSetStatusViewer.Status. */
export function statefulSetStatus(sts: KObject): RolloutStatus {
  const spec = sts.spec ?? {};
  if ((spec.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') {
    return { message: '', done: true, error: 'rollout status is only available for RollingUpdate strategy type' };
  }
  const st = sts.status ?? {};
  if (!st.observedGeneration || (sts.metadata.generation ?? 0) > st.observedGeneration) {
    return { message: 'Waiting for statefulset spec update to be observed...\n', done: false };
  }
  if (spec.replicas !== undefined && (st.readyReplicas ?? 0) < spec.replicas) {
    return { message: `Waiting for ${spec.replicas - (st.readyReplicas ?? 0)} pods to be ready...\n`, done: false };
  }
  const ru = spec.updateStrategy?.rollingUpdate;
  if (ru) {
    if (spec.replicas !== undefined && ru.partition !== undefined) {
      if ((st.updatedReplicas ?? 0) < spec.replicas - ru.partition) {
        return { message: `Waiting for partitioned roll out to finish: ${st.updatedReplicas ?? 0} out of ${spec.replicas - ru.partition} new pods have been updated...\n`, done: false };
      }
    }
    return { message: `partitioned roll out complete: ${st.updatedReplicas ?? 0} new pods have been updated...\n`, done: true };
  }
  if (st.updateRevision !== st.currentRevision) {
    return { message: `waiting for statefulset rolling update to complete ${st.updatedReplicas ?? 0} pods at revision ${st.updateRevision}...\n`, done: false };
  }
  return { message: `statefulset rolling update complete ${st.currentReplicas ?? 0} pods at revision ${st.currentRevision}...\n`, done: true };
}

/** The status viewer of a kind, if kubectl has one. */
export function statusViewerFor(kind: string): ((obj: KObject, revision: number) => RolloutStatus) | undefined {
  if (kind === 'Deployment') return deploymentStatus;
  if (kind === 'DaemonSet') return (o) => daemonSetStatus(o);
  if (kind === 'StatefulSet') return (o) => statefulSetStatus(o);
  return undefined;
}
