/**
 * `kubectl config` (k8s.io/kubectl/pkg/cmd/config): view, get-contexts, current-context,
 * use-context, set-context (with --current and --namespace), get-clusters, get-users,
 * delete-context, rename-context, over the session's kubeconfig (../kubeconfig.ts). The
 * current context's namespace becomes the default namespace of later commands.
 */
import type { KObject } from '../../api/types/meta';
import { defineCommand, type Command, type Kctx } from '../command';
import { CmdError } from '../errors';
import { boolFlag, printFlags, stringArrayFlag, stringFlag } from '../flags';
import { HELP } from '../help/texts';
import type { KubeConfigData, NamedCluster, NamedContext, NamedUser } from '../kubeconfig';
import { GENERIC_FORMATS, outputSpec, printObjects } from '../printers/index';
import { TabWriter } from '../printers/table';

const DATA_FIELDS = ['certificate-authority-data', 'client-certificate-data', 'client-key-data'];
const SECRET_FIELDS = ['token', 'password'];

/** clientcmdapi.ShortenConfig + RedactSecrets: what `config view` shows without --raw. */
function redact(data: KubeConfigData): KubeConfigData {
  const copy = structuredClone(data);
  for (const c of copy.clusters ?? []) {
    for (const f of DATA_FIELDS) if (c.cluster[f] !== undefined) c.cluster[f] = 'DATA+OMITTED';
  }
  for (const u of copy.users ?? []) {
    for (const f of DATA_FIELDS) if (u.user[f] !== undefined) u.user[f] = 'DATA+OMITTED';
    for (const f of SECRET_FIELDS) if (u.user[f] !== undefined) u.user[f] = 'REDACTED';
  }
  return copy;
}

/** The typed clientcmd v1.Config field order, for `-o json`. */
function typedOrder(d: KubeConfigData): Record<string, unknown> {
  const cluster = (c: NamedCluster): unknown => {
    const { server, ...rest } = c.cluster;
    return { name: c.name, cluster: { server, ...rest } };
  };
  const ctx = (c: NamedContext): unknown => {
    const { cluster: cl, user, namespace, ...rest } = c.context;
    return { name: c.name, context: { cluster: cl, user, ...(namespace ? { namespace } : {}), ...rest } };
  };
  const user = (u: NamedUser): unknown => ({ name: u.name, user: u.user });
  return {
    kind: 'Config',
    apiVersion: 'v1',
    preferences: d.preferences ?? {},
    clusters: (d.clusters ?? []).map(cluster),
    users: (d.users ?? []).map(user),
    contexts: (d.contexts ?? []).map(ctx),
    'current-context': d['current-context'],
  };
}

const view: Command<void> = {
  name: 'view',
  help: '',
  flags: [...printFlags({ output: 'yaml' }), boolFlag('flatten'), boolFlag('merge', { default: true }), boolFlag('minify'), boolFlag('raw')],
  run(_, k) {
    const f = k.flags;
    let data = k.kubeconfig.data;
    if (f.bool('minify')) {
      const current = k.kubeconfig.currentContextName();
      if (!current) throw new CmdError('current-context must exist in order to minify');
      const ctx = k.kubeconfig.context(current);
      if (!ctx) throw new CmdError(`cannot locate context ${current}`);
      data = {
        ...data,
        'current-context': current,
        contexts: [ctx],
        clusters: (data.clusters ?? []).filter((c) => c.name === ctx.context.cluster),
        users: (data.users ?? []).filter((u) => u.name === ctx.context.user),
      };
    }
    if (!f.bool('raw')) data = redact(data);
    const spec = outputSpec(f.string('output'), f.string('template'), GENERIC_FORMATS, k.proc.fs);
    const obj = (spec.type === 'yaml' ? data : typedOrder(data)) as unknown as KObject;
    k.out.write(printObjects(spec, obj, { sortKeys: false }));
  },
};

const getContexts: Command<void> = {
  name: 'get-contexts',
  help: '',
  flags: [boolFlag('no-headers'), stringFlag('output', { short: 'o' })],
  run(_, k) {
    const output = k.flags.string('output');
    if (output !== '' && output !== 'name') throw new CmdError(`output must be one of '' or 'name': ${output}`);
    const all = k.kubeconfig.data.contexts ?? [];
    const wanted = k.args.length ? k.args : all.map((c) => c.name);
    const w = new TabWriter();
    if (output === '' && !k.flags.bool('no-headers')) w.add(['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE']);
    const missing: string[] = [];
    const current = k.kubeconfig.currentContextName();
    for (const name of [...wanted].sort()) {
      const c = all.find((x) => x.name === name);
      if (!c) {
        missing.push(name);
        continue;
      }
      if (output === 'name') w.add([c.name]);
      else w.add([c.name === current ? '*' : '', c.name, c.context.cluster, c.context.user, c.context.namespace ?? '']);
    }
    k.out.write(w.flush());
    if (missing.length) throw new CmdError(missing.map((m) => `context ${m} not found`).join('\n'));
  },
};

const currentContext: Command<void> = {
  name: 'current-context',
  help: '',
  flags: [],
  run(_, k) {
    const current = k.kubeconfig.data['current-context'];
    if (!current) throw new CmdError('current-context is not set');
    k.out.write(`${current}\n`);
  },
};

const useContext: Command<void> = {
  name: 'use-context',
  aliases: ['use'],
  help: '',
  flags: [],
  run(_, k) {
    if (k.args.length !== 1) {
      k.out.write(HELP['config use-context']);
      throw new CmdError(`Unexpected args: [${k.args.join(' ')}]`);
    }
    const name = k.args[0];
    if (!k.kubeconfig.context(name)) throw new CmdError(`no context exists with the name: "${name}"`);
    k.kubeconfig.data['current-context'] = name;
    k.kubeconfig.save();
    k.out.write(`Switched to context "${name}".\n`);
  },
};

const setContext: Command<void> = {
  name: 'set-context',
  help: '',
  flags: [stringFlag('cluster'), boolFlag('current'), stringFlag('namespace'), stringFlag('user')],
  run(_, k) {
    const f = k.flags;
    let name = k.args[0];
    if (f.bool('current')) {
      if (k.args.length > 0) throw new CmdError('you cannot specify both a context name and --current');
      name = k.kubeconfig.currentContextName();
      if (!name) throw new CmdError('no current context is set');
    }
    if (!f.bool('current') && k.args.length === 0) throw new CmdError('you must specify a non-empty context name or --current');
    if (!name || k.args.length > 1) {
      k.out.write(HELP['config set-context']);
      throw new CmdError(`Unexpected args: [${k.args.join(' ')}]`);
    }
    const data = k.kubeconfig.data;
    data.contexts ??= [];
    let ctx = data.contexts.find((c) => c.name === name);
    const created = !ctx;
    if (!ctx) {
      ctx = { name, context: { cluster: '', user: '' } };
      data.contexts.push(ctx);
    }
    if (f.changed('cluster')) ctx.context.cluster = f.string('cluster');
    if (f.changed('user')) ctx.context.user = f.string('user');
    if (f.changed('namespace')) {
      const ns = f.string('namespace');
      if (ns) ctx.context.namespace = ns;
      else delete ctx.context.namespace;
    }
    k.kubeconfig.save();
    k.out.write(`Context "${name}" ${created ? 'created' : 'modified'}.\n`);
  },
};

function listNames(title: string, names: (k: Kctx) => string[]): (o: void, k: Kctx) => void {
  return (_, k) => k.out.write(`${title}\n${names(k).map((n) => `${n}\n`).join('')}`);
}

const getClusters: Command<void> = {
  name: 'get-clusters',
  help: '',
  flags: [],
  run: listNames('NAME', (k) => (k.kubeconfig.data.clusters ?? []).map((c) => c.name)),
};

const getUsers: Command<void> = {
  name: 'get-users',
  help: '',
  flags: [],
  run: listNames('NAME', (k) => (k.kubeconfig.data.users ?? []).map((u) => u.name)),
};

const deleteContext: Command<void> = {
  name: 'delete-context',
  help: '',
  flags: [],
  run(_, k) {
    const name = k.args[0];
    if (!name) throw new CmdError('Unexpected args: []');
    const data = k.kubeconfig.data;
    if (!data.contexts?.some((c) => c.name === name)) throw new CmdError(`cannot delete context ${name}, not in ${k.kubeconfig.path}`);
    if (data['current-context'] === name) k.err.write('warning: this removed your active context, use "kubectl config use-context" to select a different one\n');
    data.contexts = data.contexts.filter((c) => c.name !== name);
    k.kubeconfig.save();
    k.out.write(`deleted context ${name} from ${k.kubeconfig.path}\n`);
  },
};

const renameContext: Command<void> = {
  name: 'rename-context',
  help: '',
  flags: [],
  run(_, k) {
    if (k.args.length !== 2) throw new CmdError(`Unexpected args: [${k.args.join(' ')}]`);
    const [from, to] = k.args;
    const data = k.kubeconfig.data;
    const ctx = data.contexts?.find((c) => c.name === from);
    if (!ctx) throw new CmdError(`cannot rename the context "${from}", it's not in ${k.kubeconfig.path}`);
    if (data.contexts?.some((c) => c.name === to)) throw new CmdError(`cannot rename the context "${from}", the context "${to}" already exists in ${k.kubeconfig.path}`);
    ctx.name = to;
    if (data['current-context'] === from) data['current-context'] = to;
    k.kubeconfig.save();
    k.out.write(`Context "${from}" renamed to "${to}".\n`);
  },
};

const setCluster: Command<void> = {
  name: 'set-cluster',
  help: '',
  flags: [
    stringFlag('certificate-authority'),
    boolFlag('embed-certs'),
    boolFlag('insecure-skip-tls-verify'),
    stringFlag('proxy-url'),
    stringFlag('server'),
    stringFlag('tls-server-name'),
  ],
  run(_, k) {
    if (k.args.length !== 1) {
      k.out.write(HELP['config set-cluster']);
      throw new CmdError(`Unexpected args: [${k.args.join(' ')}]`);
    }
    const name = k.args[0];
    const data = k.kubeconfig.data;
    data.clusters ??= [];
    let c = data.clusters.find((x) => x.name === name);
    if (!c) {
      c = { name, cluster: { server: '' } };
      data.clusters.push(c);
    }
    const f = k.flags;
    for (const flag of ['server', 'certificate-authority', 'proxy-url', 'tls-server-name']) {
      if (f.changed(flag)) c.cluster[flag] = f.string(flag);
    }
    if (f.changed('insecure-skip-tls-verify')) c.cluster['insecure-skip-tls-verify'] = f.bool('insecure-skip-tls-verify');
    if (!c.cluster.server) delete (c.cluster as Record<string, unknown>).server;
    k.kubeconfig.save();
    k.out.write(`Cluster "${name}" set.\n`);
  },
};

const setCredentials: Command<void> = {
  name: 'set-credentials',
  help: '',
  flags: [
    stringFlag('auth-provider'),
    stringArrayFlag('auth-provider-arg'),
    stringFlag('client-certificate'),
    stringFlag('client-key'),
    boolFlag('embed-certs'),
    stringFlag('exec-api-version'),
    stringArrayFlag('exec-arg'),
    stringFlag('exec-command'),
    stringArrayFlag('exec-env'),
    stringFlag('password'),
    stringFlag('token'),
    stringFlag('username'),
  ],
  run(_, k) {
    if (k.args.length !== 1) {
      k.out.write(HELP['config set-credentials']);
      throw new CmdError(`Unexpected args: [${k.args.join(' ')}]`);
    }
    const name = k.args[0];
    const data = k.kubeconfig.data;
    data.users ??= [];
    let u = data.users.find((x) => x.name === name);
    if (!u) {
      u = { name, user: {} };
      data.users.push(u);
    }
    for (const flag of ['client-certificate', 'client-key', 'token', 'username', 'password']) {
      if (k.flags.changed(flag)) u.user[flag] = k.flags.string(flag);
    }
    k.kubeconfig.save();
    k.out.write(`User "${name}" set.\n`);
  },
};

function deleteEntry(kind: 'cluster' | 'user'): Command<void> {
  return {
    name: `delete-${kind}`,
    help: '',
    flags: [],
    run(_, k) {
      const name = k.args[0];
      if (!name) throw new CmdError('Unexpected args: []');
      const data = k.kubeconfig.data;
      const list = (kind === 'cluster' ? data.clusters : data.users) ?? [];
      if (!list.some((x) => x.name === name)) throw new CmdError(`cannot delete ${kind} ${name}, not in ${k.kubeconfig.path}`);
      if (kind === 'cluster') data.clusters = data.clusters!.filter((x) => x.name !== name);
      else data.users = data.users!.filter((x) => x.name !== name);
      k.kubeconfig.save();
      k.out.write(`deleted ${kind} ${name} from ${k.kubeconfig.path}\n`);
    },
  };
}

export const config = defineCommand<void>({
  name: 'config',
  help: '',
  flags: [],
  subcommands: [
    currentContext,
    deleteEntry('cluster'),
    deleteContext,
    deleteEntry('user'),
    getClusters,
    getContexts,
    getUsers,
    renameContext,
    setCluster,
    setContext,
    setCredentials,
    useContext,
    view,
  ],
});
