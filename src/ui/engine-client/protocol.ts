/**
 * The worker protocol as the rest of the UI sees it: its constants and types, re-exported so
 * that only engine-client imports from src/engine.
 */
export { PULL_FAULTS, SPEEDS, VIEW_KINDS, isPushMessage } from '../../engine/worker/protocol';
export type * from '../../engine/worker/protocol';
