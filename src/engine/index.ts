/** The engine's public surface: create a cluster, and the types clients use. */
export { Cluster, createCluster, BOOT_SECONDS, type ClusterOptions, type ClusterParts } from './cluster';
export { StatusError, isStatusError } from './api/errors';
export type { KObject, WatchEvent } from './api/types/meta';
