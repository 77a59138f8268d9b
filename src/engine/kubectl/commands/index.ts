/**
 * The registry of kubectl commands the playground runs. One import and one line per command;
 * keep alphabetical. A command kubectl has but that is not registered here answers that it is
 * not available in the playground.
 */
import type { Command } from '../command';
import { annotate } from './annotate';
import { apiResources } from './api-resources';
import { apiVersions } from './api-versions';
import { apply } from './apply';
import { clusterInfo } from './cluster-info';
import { config } from './config';
import { cordon } from './cordon';
import { create } from './create';
import { del } from './delete';
import { drain } from './drain';
import { describe } from './describe';
import { events } from './events';
import { expose } from './expose';
import { explain } from './explain';
import { get } from './get';
import { label } from './label';
import { logs } from './logs';
import { patch } from './patch';
import { rollout } from './rollout';
import { run } from './run';
import { scale } from './scale';
import { set } from './set';
import { taint } from './taint';
import { uncordon } from './uncordon';
import { version } from './version';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const COMMANDS: Command<any>[] = [
  annotate,
  apiResources,
  apiVersions,
  apply,
  clusterInfo,
  config,
  cordon,
  create,
  del,
  drain,
  describe,
  events,
  expose,
  explain,
  get,
  label,
  logs,
  patch,
  rollout,
  run,
  scale,
  set,
  taint,
  uncordon,
  version,
];

/** Every top-level command of kubectl v1.32 (for "Did you mean this?" suggestions). */
export const KUBECTL_COMMAND_NAMES: readonly string[] = [
  'annotate', 'api-resources', 'api-versions', 'apply', 'attach', 'auth', 'autoscale', 'certificate',
  'cluster-info', 'completion', 'config', 'cordon', 'cp', 'create', 'debug', 'delete', 'describe', 'diff',
  'drain', 'edit', 'events', 'exec', 'explain', 'expose', 'get', 'kustomize', 'label', 'logs', 'options',
  'patch', 'plugin', 'port-forward', 'proxy', 'replace', 'rollout', 'run', 'scale', 'set', 'taint', 'top',
  'uncordon', 'version', 'wait',
];
