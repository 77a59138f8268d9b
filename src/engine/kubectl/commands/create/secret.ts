/**
 * `kubectl create secret generic|docker-registry|tls NAME`
 * (k8s.io/kubectl/pkg/cmd/create/create_secret.go, create_secret_docker.go, create_secret_tls.go).
 */
import type { KObject } from '../../../api/types/meta';
import { goJson } from '../../../api/patch/go';
import type { Command, Kctx } from '../../command';
import { secretHash } from '../util/hash';
import { CmdError } from '../../errors';
import { boolFlag, stringArrayFlag, stringFlag, stringSliceFlag } from '../../flags';
import { generatorCommand, objectMeta } from './common';
import { base64, parseLiteralSource, readEnvFileSources, readFileSources } from './sources';

const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;

function addSecretKey(data: Record<string, string>, key: string, value: string): void {
  const errs: string[] = [];
  if (key.length > 253) errs.push('must be no more than 253 characters');
  if (!SECRET_KEY.test(key)) {
    errs.push("a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')");
  }
  if (errs.length) throw new CmdError(`${JSON.stringify(key)} is not valid key name for a Secret ${errs.join(';')}`);
  if (key in data) throw new CmdError(`cannot add key ${key}, another key by that name already exists`);
  data[key] = base64(value);
}

/** The Secret, named `<name>-<hash>` with --append-hash (hash.SecretHash of the data and type). */
const secretObject = (k: Kctx, name: string, namespace: string | undefined, data: Record<string, string> | undefined, type?: string): KObject => {
  const finalName = k.flags.bool('append-hash') ? `${name}-${secretHash({ name, type: type ?? '', data: data ?? {} })}` : name;
  const obj: KObject = { kind: 'Secret', apiVersion: 'v1', metadata: objectMeta(finalName, { namespace }) };
  if (data) obj.data = data;
  if (type) obj.type = type;
  return obj;
};

const generic = generatorCommand({
  name: 'generic',
  flags: [stringSliceFlag('from-file'), stringArrayFlag('from-literal'), stringSliceFlag('from-env-file'), stringFlag('type'), boolFlag('append-hash')],
  generate(k, name) {
    const files = k.flags.strings('from-file');
    const literals = k.flags.strings('from-literal');
    const envFiles = k.flags.strings('from-env-file');
    if (envFiles.length > 0 && (files.length > 0 || literals.length > 0)) {
      throw new CmdError('from-env-file cannot be combined with from-file or from-literal');
    }
    const data: Record<string, string> = {};
    for (const s of literals) addSecretKey(data, ...parseLiteralSource(s));
    for (const [key, v] of readFileSources(k, files)) addSecretKey(data, key, v);
    for (const [key, v] of readEnvFileSources(k, envFiles, 'env secret file cannot be a directory')) addSecretKey(data, key, v);
    const ns = k.namespaceExplicit ? k.namespace : undefined;
    const hasData = literals.length + files.length + envFiles.length > 0;
    return { object: secretObject(k, name, ns, hasData ? data : undefined, k.flags.string('type')), errorPrefix: 'failed to create secret ', namespaceSet: true };
  },
});

const dockerRegistry = generatorCommand({
  name: 'docker-registry',
  flags: [
    stringFlag('docker-username'),
    stringFlag('docker-password'),
    stringFlag('docker-email'),
    stringFlag('docker-server', { default: 'https://index.docker.io/v1/' }),
    stringSliceFlag('from-file'),
    boolFlag('append-hash'),
  ],
  generate(k, name) {
    const files = k.flags.strings('from-file');
    const user = k.flags.string('docker-username');
    const pass = k.flags.string('docker-password');
    const data: Record<string, string> = {};
    if (files.length === 0) {
      if (!user || !pass || !k.flags.string('docker-server')) {
        throw new CmdError('either --from-file or the combination of --docker-username, --docker-password and --docker-server is required');
      }
      const entry: Record<string, string> = { username: user, password: pass };
      const email = k.flags.string('docker-email');
      if (email) entry.email = email;
      entry.auth = base64(`${user}:${pass}`);
      // json.Marshal of DockerConfigJSON: struct field order, HTML-escaped.
      const json = `{"auths":{${goJson(k.flags.string('docker-server'))}:{${Object.entries(entry).map(([key, v]) => `"${key}":${goJson(v)}`).join(',')}}}}`;
      data['.dockerconfigjson'] = base64(json);
    } else {
      for (const [key, v] of readFileSources(k, files)) addSecretKey(data, key, v);
    }
    const ns = k.namespaceExplicit ? k.namespace : undefined;
    return { object: secretObject(k, name, ns, data, 'kubernetes.io/dockerconfigjson'), errorPrefix: 'failed to create secret ', namespaceSet: true };
  },
});

const tls = generatorCommand({
  name: 'tls',
  flags: [stringFlag('cert'), stringFlag('key'), boolFlag('append-hash')],
  generate(k, name) {
    const certPath = k.flags.string('cert');
    const keyPath = k.flags.string('key');
    if (!certPath || !keyPath) throw new CmdError('key and cert must be specified');
    const read = (p: string) => {
      const c = k.proc.fs.read(k.proc.fs.resolve(p));
      if (c === undefined) throw new CmdError(`Cannot read file ${p}, open ${p}: no such file or directory`);
      return c;
    };
    const cert = read(certPath);
    const key = read(keyPath);
    // Simplification: tls.X509KeyPair's cryptographic check is reduced to finding PEM blocks.
    if (!/-----BEGIN [A-Z ]+-----/.test(cert)) throw new CmdError('tls: failed to find any PEM data in certificate input');
    if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(key)) throw new CmdError('tls: failed to find any PEM data in key input');
    const ns = k.namespaceExplicit ? k.namespace : undefined;
    const data = { 'tls.crt': base64(cert), 'tls.key': base64(key) };
    return { object: secretObject(k, name, ns, data, 'kubernetes.io/tls'), errorPrefix: 'failed to create secret ', namespaceSet: true };
  },
});

export const createSecret: Command<void> = {
  name: 'secret',
  help: '',
  flags: [],
  subcommands: [dockerRegistry, generic, tls],
};
