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
import { auth } from './auth';
import { autoscale } from './autoscale';
import { clusterInfo } from './cluster-info';
import { config } from './config';
import { cordon } from './cordon';
import { cp } from './cp';
import { create } from './create';
import { del } from './delete';
import { describe } from './describe';
import { drain } from './drain';
import { edit } from './edit';
import { events } from './events';
import { exec } from './exec';
import { explain } from './explain';
import { expose } from './expose';
import { get } from './get';
import { label } from './label';
import { logs } from './logs';
import { patch } from './patch';
import { portForward } from './port-forward';
import { replace } from './replace';
import { rollout } from './rollout';
import { run } from './run';
import { scale } from './scale';
import { set } from './set';
import { taint } from './taint';
import { top } from './top';
import { uncordon } from './uncordon';
import { version } from './version';
import { wait } from './wait';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const COMMANDS: Command<any>[] = [
  annotate,
  apiResources,
  apiVersions,
  apply,
  auth,
  autoscale,
  clusterInfo,
  config,
  cordon,
  cp,
  create,
  del,
  describe,
  drain,
  edit,
  events,
  exec,
  explain,
  expose,
  get,
  label,
  logs,
  patch,
  portForward,
  replace,
  rollout,
  run,
  scale,
  set,
  taint,
  top,
  uncordon,
  version,
  wait,
];

/** Every top-level command of kubectl v1.32 (for "Did you mean this?" suggestions). */
export const KUBECTL_COMMAND_NAMES: readonly string[] = [
  'annotate', 'api-resources', 'api-versions', 'apply', 'attach', 'auth', 'autoscale', 'certificate',
  'cluster-info', 'completion', 'config', 'cordon', 'cp', 'create', 'debug', 'delete', 'describe', 'diff',
  'drain', 'edit', 'events', 'exec', 'explain', 'expose', 'get', 'kustomize', 'label', 'logs', 'options',
  'patch', 'plugin', 'port-forward', 'proxy', 'replace', 'rollout', 'run', 'scale', 'set', 'taint', 'top',
  'uncordon', 'version', 'wait',
];
