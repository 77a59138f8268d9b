/** ControllerRevisions (printers.go printControllerRevision): CONTROLLER REVISION AGE. */
import { controllerRef } from '../../../api/types/meta';
import type { KindTable } from './types';
import { AGE, NAME, col, kindName, since } from './util';

export const controllerRevisionTable: KindTable = {
  columns: [NAME, col('Controller'), col('Revision'), AGE],
  row(o, now) {
    const ref = controllerRef(o);
    const controller = ref ? kindName(ref.apiVersion, ref.kind, ref.name) : '<none>';
    return [o.metadata.name!, controller, (o.revision as number) ?? 0, since(o.metadata.creationTimestamp, now)];
  },
};
