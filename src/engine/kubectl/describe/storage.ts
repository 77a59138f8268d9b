/** Describers of storage objects (describe.go): PersistentVolumeClaim, PersistentVolume, StorageClass. */
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { KObject } from '../../api/types/meta';
import { accessModes, formatLabelsOrNone } from '../printers/columns/util';
import { pvClass } from '../printers/columns/persistentvolume';
import { pvcClass } from '../printers/columns/persistentvolumeclaim';
import { isDefaultClass } from '../printers/columns/storageclass';
import { since } from '../printers/duration';
import { describeEvents, eventsFor, printAnnotations, printLabels, rfc1123z, type DescribeContext } from './common';
import { DescribeWriter, LEVEL_0, LEVEL_1, LEVEL_2 } from './writer';

/** Go's %v of a []string: `[a b]`. */
const goList = (xs: string[] | undefined): string => `[${(xs ?? []).join(' ')}]`;

export function describePersistentVolumeClaim(pvc: KObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  const spec = pvc.spec ?? {};
  w.write(LEVEL_0, `Name:\t${pvc.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${pvc.metadata.namespace}\n`);
  w.write(LEVEL_0, `StorageClass:\t${pvcClass(pvc)}\n`);
  if (pvc.metadata.deletionTimestamp) w.write(LEVEL_0, `Status:\tTerminating (lasts ${since(pvc.metadata.deletionTimestamp, ctx.now)})\n`);
  else w.write(LEVEL_0, `Status:\t${pvc.status?.phase ?? ''}\n`);
  w.write(LEVEL_0, `Volume:\t${spec.volumeName ?? ''}\n`);
  printLabels(w, 'Labels', pvc.metadata.labels);
  printAnnotations(w, 'Annotations', pvc.metadata.annotations);
  w.write(LEVEL_0, `Finalizers:\t${goList(pvc.metadata.finalizers)}\n`);
  const bound = !!spec.volumeName;
  w.write(LEVEL_0, `Capacity:\t${bound ? (pvc.status?.capacity?.storage ?? '0') : ''}\n`);
  w.write(LEVEL_0, `Access Modes:\t${bound ? accessModes(pvc.status?.accessModes) : ''}\n`);
  if (spec.volumeMode) w.write(LEVEL_0, `VolumeMode:\t${spec.volumeMode}\n`);
  if (spec.dataSource) {
    w.write(LEVEL_0, 'DataSource:\n');
    if (spec.dataSource.apiGroup) w.write(LEVEL_1, `APIGroup:\t${spec.dataSource.apiGroup}\n`);
    w.write(LEVEL_1, `Kind:\t${spec.dataSource.kind}\n`);
    w.write(LEVEL_1, `Name:\t${spec.dataSource.name}\n`);
  }
  // getPodsForPVC: pods of the namespace with a volume using this claim, sorted by name.
  const pods = ctx.api
    .list('Pod', { namespace: pvc.metadata.namespace })
    .items.filter((p) => (p.spec?.volumes ?? []).some((v: any) => v.persistentVolumeClaim?.claimName === pvc.metadata.name))
    .map((p) => p.metadata.name!)
    .sort();
  w.write(LEVEL_0, 'Used By:\t');
  if (pods.length === 0) w.writeLine('<none>');
  else pods.forEach((p, i) => w.write(LEVEL_0, `${i === 0 ? '' : '\t'}${p}\n`));
  const conds: any[] = pvc.status?.conditions ?? [];
  if (conds.length) {
    w.write(LEVEL_0, 'Conditions:\n');
    w.write(LEVEL_1, 'Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of conds) {
      w.write(LEVEL_1, `${c.type} \t${c.status} \t${rfc1123z(c.lastProbeTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
    }
  }
  describeEvents(w, eventsFor(ctx, pvc), ctx.now);
  return w.toString();
}

export function describePersistentVolume(pv: KObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  const spec = pv.spec ?? {};
  w.write(LEVEL_0, `Name:\t${pv.metadata.name}\n`);
  printLabels(w, 'Labels', pv.metadata.labels);
  printAnnotations(w, 'Annotations', pv.metadata.annotations);
  w.write(LEVEL_0, `Finalizers:\t${goList(pv.metadata.finalizers)}\n`);
  w.write(LEVEL_0, `StorageClass:\t${pvClass(pv)}\n`);
  if (pv.metadata.deletionTimestamp) w.write(LEVEL_0, `Status:\tTerminating (lasts ${since(pv.metadata.deletionTimestamp, ctx.now)})\n`);
  else w.write(LEVEL_0, `Status:\t${pv.status?.phase ?? ''}\n`);
  w.write(LEVEL_0, `Claim:\t${spec.claimRef ? `${spec.claimRef.namespace ?? ''}/${spec.claimRef.name ?? ''}` : ''}\n`);
  w.write(LEVEL_0, `Reclaim Policy:\t${spec.persistentVolumeReclaimPolicy ?? ''}\n`);
  w.write(LEVEL_0, `Access Modes:\t${accessModes(spec.accessModes)}\n`);
  if (spec.volumeMode) w.write(LEVEL_0, `VolumeMode:\t${spec.volumeMode}\n`);
  w.write(LEVEL_0, `Capacity:\t${spec.capacity?.storage ?? '0'}\n`);
  // Simplification: node affinity terms are summarised only when absent.
  w.write(LEVEL_0, 'Node Affinity:\t');
  w.writeLine(spec.nodeAffinity?.required ? '' : '<none>');
  w.write(LEVEL_0, `Message:\t${pv.status?.message ?? ''}\n`);
  w.write(LEVEL_0, 'Source:\n');
  if (spec.hostPath) {
    w.write(LEVEL_2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${spec.hostPath.path}\n    HostPathType:\t${spec.hostPath.type ?? '<none>'}\n`);
  } else if (spec.local) {
    w.write(LEVEL_2, `Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n    Path:\t${spec.local.path}\n`);
  } else if (spec.nfs) {
    w.write(LEVEL_2, `Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${spec.nfs.server}\n    Path:\t${spec.nfs.path}\n    ReadOnly:\t${spec.nfs.readOnly === true}\n`);
  }
  describeEvents(w, eventsFor(ctx, pv), ctx.now);
  return w.toString();
}

export function describeStorageClass(sc: KObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${sc.metadata.name}\n`);
  w.write(LEVEL_0, `IsDefaultClass:\t${isDefaultClass(sc) ? 'Yes' : 'No'}\n`);
  w.write(LEVEL_0, `Annotations:\t${formatLabelsOrNone(sc.metadata.annotations)}\n`);
  w.write(LEVEL_0, `Provisioner:\t${(sc.provisioner as string) ?? ''}\n`);
  w.write(LEVEL_0, `Parameters:\t${formatLabelsOrNone(sc.parameters as Record<string, string>)}\n`);
  const ave = sc.allowVolumeExpansion as boolean | undefined;
  w.write(LEVEL_0, `AllowVolumeExpansion:\t${ave === undefined || ave === null ? '<unset>' : ave ? 'True' : 'False'}\n`);
  const opts = (sc.mountOptions as string[]) ?? [];
  if (opts.length === 0) w.write(LEVEL_0, 'MountOptions:\t<none>\n');
  else {
    w.write(LEVEL_0, 'MountOptions:\n');
    for (const o of opts) w.write(LEVEL_1, `${o}\n`);
  }
  if (sc.reclaimPolicy) w.write(LEVEL_0, `ReclaimPolicy:\t${sc.reclaimPolicy}\n`);
  if (sc.volumeBindingMode) w.write(LEVEL_0, `VolumeBindingMode:\t${sc.volumeBindingMode}\n`);
  describeEvents(w, eventsFor(ctx, sc), ctx.now);
  return w.toString();
}
