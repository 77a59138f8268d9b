/** ConfigMaps (printers.go printConfigMap): DATA counts data and binaryData keys. */
import type { KindTable } from './types';
import { AGE, NAME, col, since } from './util';

export const configMapTable: KindTable = {
  columns: [NAME, col('Data'), AGE],
  row: (o, now) => [
    o.metadata.name!,
    Object.keys((o.data as object) ?? {}).length + Object.keys((o.binaryData as object) ?? {}).length,
    since(o.metadata.creationTimestamp, now),
  ],
};
