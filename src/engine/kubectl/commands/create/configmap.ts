/**
 * `kubectl create configmap NAME [--from-file=[key=]source] [--from-literal=key1=value1]
 * [--from-env-file=file] [--append-hash]` (k8s.io/kubectl/pkg/cmd/create/create_configmap.go).
 */
import type { KObject } from '../../../api/types/meta';
import { CmdError } from '../../errors';
import { boolFlag, stringArrayFlag, stringSliceFlag } from '../../flags';
import { generatorCommand, objectMeta } from './common';
import { parseLiteralSource, readEnvFileSources, readFileSources } from './sources';
import { configMapHash } from '../util/hash';

const CONFIGMAP_KEY = /^[-._a-zA-Z0-9]+$/;

/** validateNewConfigMap. */
export function checkConfigMapKey(data: Record<string, string>, key: string, name: string): void {
  const errs: string[] = [];
  if (key.length > 253) errs.push('must be no more than 253 characters');
  if (!CONFIGMAP_KEY.test(key)) {
    errs.push("a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')");
  }
  if (key === '.') errs.push("must not be '.'");
  else if (key === '..') errs.push("must not be '..'");
  else if (key.startsWith('..')) errs.push("must not start with '..'");
  if (errs.length) throw new CmdError(`${JSON.stringify(key)} is not a valid key name for a ConfigMap: ${errs.join(',')}`);
  if (key in data) {
    throw new CmdError(`cannot add key ${JSON.stringify(key)}, another key by that name already exists in Data for ConfigMap ${JSON.stringify(name)}`);
  }
}

export const createConfigMap = generatorCommand({
  name: 'configmap',
  aliases: ['cm'],
  flags: [stringSliceFlag('from-file'), stringArrayFlag('from-literal'), stringSliceFlag('from-env-file'), boolFlag('append-hash')],
  generate(k, name) {
    const files = k.flags.strings('from-file');
    const literals = k.flags.strings('from-literal');
    const envFiles = k.flags.strings('from-env-file');
    if (envFiles.length > 0 && (files.length > 0 || literals.length > 0)) {
      throw new CmdError('from-env-file cannot be combined with from-file or from-literal');
    }
    const data: Record<string, string> = {};
    const add = ([key, value]: [string, string]) => {
      checkConfigMapKey(data, key, name);
      data[key] = value;
    };
    // createConfigMap: file sources, then literals, then env files.
    readFileSources(k, files).forEach(add);
    literals.map(parseLiteralSource).forEach(add);
    readEnvFileSources(k, envFiles, 'env config file cannot be a directory').forEach(add);
    const finalName = k.flags.bool('append-hash') ? `${name}-${configMapHash({ name, data })}` : name;
    const obj: KObject = {
      kind: 'ConfigMap',
      apiVersion: 'v1',
      metadata: objectMeta(finalName, { namespace: k.namespaceExplicit ? k.namespace : undefined }),
    };
    if (Object.keys(data).length) obj.data = data;
    return { object: obj, errorPrefix: 'failed to create configmap: ', namespaceSet: true };
  },
});
