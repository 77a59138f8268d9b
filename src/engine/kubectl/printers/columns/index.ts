/**
 * The table of every kind the apiserver serves (printers.go AddHandlers), by kind. Kinds
 * without an entry use the default NAME / CREATED AT table, as the apiserver does.
 */
import type { KObject } from '../../../api/types/meta';
import type { Table } from '../table';
import { clusterRoleBindingTable } from './clusterrolebinding';
import { componentStatusTable } from './componentstatus';
import { configMapTable } from './configmap';
import { controllerRevisionTable } from './controllerrevision';
import { cronJobTable } from './cronjob';
import { daemonSetTable } from './daemonset';
import { defaultTable } from './default';
import { deploymentTable } from './deployment';
import { endpointsTable } from './endpoints';
import { endpointSliceTable } from './endpointslice';
import { eventTable } from './event';
import { horizontalPodAutoscalerTable } from './horizontalpodautoscaler';
import { ingressTable } from './ingress';
import { ingressClassTable } from './ingressclass';
import { jobTable } from './job';
import { leaseTable } from './lease';
import { namespaceTable } from './namespace';
import { networkPolicyTable } from './networkpolicy';
import { nodeTable } from './node';
import { persistentVolumeTable } from './persistentvolume';
import { persistentVolumeClaimTable } from './persistentvolumeclaim';
import { podTable } from './pod';
import { podDisruptionBudgetTable } from './poddisruptionbudget';
import { podTemplateTable } from './podtemplate';
import { priorityClassTable } from './priorityclass';
import { replicaSetTable } from './replicaset';
import { replicationControllerTable } from './replicationcontroller';
import { resourceQuotaTable } from './resourcequota';
import { roleBindingTable } from './rolebinding';
import { secretTable } from './secret';
import { serviceTable } from './service';
import { serviceAccountTable } from './serviceaccount';
import { statefulSetTable } from './statefulset';
import { storageClassTable } from './storageclass';
import type { KindTable } from './types';

export const TABLES: Record<string, KindTable> = {
  ClusterRoleBinding: clusterRoleBindingTable,
  ComponentStatus: componentStatusTable,
  ConfigMap: configMapTable,
  ControllerRevision: controllerRevisionTable,
  CronJob: cronJobTable,
  DaemonSet: daemonSetTable,
  Deployment: deploymentTable,
  Endpoints: endpointsTable,
  EndpointSlice: endpointSliceTable,
  Event: eventTable,
  HorizontalPodAutoscaler: horizontalPodAutoscalerTable,
  Ingress: ingressTable,
  IngressClass: ingressClassTable,
  Job: jobTable,
  Lease: leaseTable,
  Namespace: namespaceTable,
  NetworkPolicy: networkPolicyTable,
  Node: nodeTable,
  PersistentVolume: persistentVolumeTable,
  PersistentVolumeClaim: persistentVolumeClaimTable,
  Pod: podTable,
  PodDisruptionBudget: podDisruptionBudgetTable,
  PodTemplate: podTemplateTable,
  PriorityClass: priorityClassTable,
  ReplicaSet: replicaSetTable,
  ReplicationController: replicationControllerTable,
  ResourceQuota: resourceQuotaTable,
  RoleBinding: roleBindingTable,
  Secret: secretTable,
  Service: serviceTable,
  ServiceAccount: serviceAccountTable,
  StatefulSet: statefulSetTable,
  StorageClass: storageClassTable,
};

export type { KindTable };

export function tableFor(kind: string): KindTable {
  return TABLES[kind] ?? defaultTable;
}

/** The metav1.Table (columns and rows) of objects of one kind at simulated time `nowMs`. */
export function buildTable(kind: string, objects: readonly KObject[], nowMs: number): Table {
  const t = tableFor(kind);
  return { columns: t.columns, rows: objects.map((o) => ({ cells: t.row(o, nowMs), object: o })) };
}

/**
 * The metav1.Table the apiserver returns for `Accept: application/json;as=Table;v=v1;g=meta.k8s.io`
 * (for the HTTP apiserver). `includeObject` is the request's includeObject parameter:
 * `Object` embeds each object, `Metadata` (the default) a PartialObjectMetadata, `None` nothing.
 */
export function toMetaTable(
  kind: string,
  objects: readonly KObject[],
  nowMs: number,
  opts: { resourceVersion?: string; includeObject?: 'None' | 'Metadata' | 'Object' } = {},
): Record<string, unknown> {
  const t = buildTable(kind, objects, nowMs);
  const include = opts.includeObject ?? 'Metadata';
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion: opts.resourceVersion ?? '' },
    // Simplification: column descriptions (swagger docs) are left empty; kubectl does not print them.
    columnDefinitions: t.columns.map((c) => ({ name: c.name, type: c.type, format: c.format ?? '', description: c.description ?? '', priority: c.priority ?? 0 })),
    rows: t.rows.map((r) => {
      const row: Record<string, unknown> = { cells: r.cells };
      if (include === 'Object') row.object = r.object;
      else if (include === 'Metadata') {
        row.object = { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: r.object.metadata };
      }
      return row;
    }),
  };
}
