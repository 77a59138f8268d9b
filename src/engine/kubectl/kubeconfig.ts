/**
 * The session's kubeconfig (client-go's clientcmd: clusters, users, contexts,
 * current-context). It lives where kubectl keeps it, in the shell's file system at
 * `$KUBECONFIG` or `/root/.kube/config`, so that `kubectl config set-context --current
 * --namespace=dev` changes the default namespace of later commands in the same session.
 * Until a command changes it, the file holds what kubeadm's admin.conf holds.
 */
import { parse } from 'yaml';
import type { FileSystem } from '../shell/process';
import { toYaml } from './printers/yaml';

export interface NamedCluster {
  name: string;
  cluster: { server: string; 'certificate-authority-data'?: string; [k: string]: unknown };
}
export interface NamedContext {
  name: string;
  context: { cluster: string; user: string; namespace?: string; [k: string]: unknown };
}
export interface NamedUser {
  name: string;
  user: Record<string, unknown>;
}

export interface KubeConfigData {
  apiVersion: 'v1';
  kind: 'Config';
  clusters: NamedCluster[] | null;
  contexts: NamedContext[] | null;
  'current-context': string;
  preferences: Record<string, unknown>;
  users: NamedUser[] | null;
}

export const DEFAULT_KUBECONFIG_PATH = '/root/.kube/config';
/** kubeadm's API endpoint: the control-plane node's InternalIP (CONVENTIONS.md). */
export const API_SERVER_URL = 'https://172.18.0.2:6443';

/** Stand-ins for the PEM blobs of admin.conf (kubectl prints them as DATA+OMITTED). */
const CA_DATA = 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUJkekNDQVIyZ0F3SUJBZ0lCQURBS0JnZ3Foa2pPUFFRREFqQWpNU0V3SHdZRFZRUUREQmhyCi0tLS0tRU5EIENFUlRJRklDQVRFLS0tLS0K';
const CERT_DATA = 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSURLVENDQWhHZ0F3SUJBZ0lJU2ltdWxhdGVkQ2VydEFkbWluCi0tLS0tRU5EIENFUlRJRklDQVRFLS0tLS0K';
const KEY_DATA = 'LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQpNSUlFb3dJQkFBS0NBUUVBU2ltdWxhdGVkS2V5Ci0tLS0tRU5EIFJTQSBQUklWQVRFIEtFWS0tLS0tCg==';

/** admin.conf as kubeadm writes it. */
export function defaultKubeConfig(): KubeConfigData {
  return {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'kubernetes', cluster: { 'certificate-authority-data': CA_DATA, server: API_SERVER_URL } }],
    contexts: [{ name: 'kubernetes-admin@kubernetes', context: { cluster: 'kubernetes', user: 'kubernetes-admin' } }],
    'current-context': 'kubernetes-admin@kubernetes',
    preferences: {},
    users: [{ name: 'kubernetes-admin', user: { 'client-certificate-data': CERT_DATA, 'client-key-data': KEY_DATA } }],
  };
}

/** The kubeconfig of one kubectl invocation, with the `--context`/`--kubeconfig` overrides. */
export class KubeConfig {
  readonly data: KubeConfigData;

  constructor(
    private readonly fs: FileSystem,
    readonly path: string,
    /** `--context`, if given. */
    readonly contextOverride = '',
  ) {
    const text = fs.read(path);
    let data: KubeConfigData | undefined;
    if (text !== undefined) {
      try {
        data = parse(text) as KubeConfigData;
      } catch {
        // Simplification: an unreadable kubeconfig is treated as empty rather than failing.
        data = undefined;
      }
    }
    this.data = data ?? defaultKubeConfig();
    this.data.clusters ??= null;
    this.data.contexts ??= null;
    this.data.users ??= null;
    this.data.preferences ??= {};
    this.data['current-context'] ??= '';
  }

  /** Where the kubeconfig is: `--kubeconfig`, `$KUBECONFIG`, or ~/.kube/config. */
  static resolvePath(flag: string, env: Record<string, string>): string {
    if (flag) return flag;
    const fromEnv = env.KUBECONFIG?.split(':')[0];
    return fromEnv || DEFAULT_KUBECONFIG_PATH;
  }

  /** The name of the context in use. */
  currentContextName(): string {
    return this.contextOverride || this.data['current-context'];
  }

  context(name = this.currentContextName()): NamedContext | undefined {
    return this.data.contexts?.find((c) => c.name === name);
  }

  /** The namespace of the current context, or `default`. */
  namespace(): string {
    return this.context()?.context.namespace || 'default';
  }

  /** The API server URL of the current context's cluster. */
  server(): string {
    const ctx = this.context();
    const cluster = this.data.clusters?.find((c) => c.name === ctx?.context.cluster);
    return cluster?.cluster.server ?? API_SERVER_URL;
  }

  /** Writes the kubeconfig back (clientcmd.ModifyConfig). */
  save(): void {
    this.fs.write(this.path, toYaml(this.data));
  }
}
