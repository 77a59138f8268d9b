/**
 * NetworkPolicy enforcement (networking.k8s.io/v1), as the API documents it and as policy
 * engines (Calico, Cilium, kube-network-policies) implement it:
 *
 * - A pod is isolated for ingress (egress) when at least one NetworkPolicy of its namespace
 *   selects it (spec.podSelector; `{}` selects every pod) and lists `Ingress` (`Egress`) in
 *   spec.policyTypes (defaulted by the registry: Ingress, plus Egress when egress rules exist).
 *   Policies are additive: an isolated pod accepts a connection when any rule of any policy
 *   selecting it allows it; a selected pod with no rule (or `ingress: []`) denies everything.
 * - A connection needs both the egress side (at the client pod) and the ingress side (at the
 *   server pod) to allow it.
 * - A rule with no `from`/`to` matches every peer; otherwise any peer: `podSelector` alone
 *   selects pods of the policy's namespace, `namespaceSelector` alone every pod of the matching
 *   namespaces, both together the matching pods in the matching namespaces, `ipBlock` an address
 *   in `cidr` and in none of `except`. Selector peers only ever match pod-network pods, never
 *   hostNetwork pods, nodes or outside clients (those have only their address: ipBlock).
 * - A rule with no `ports` matches every port; otherwise a port entry matches the protocol
 *   (default TCP) and the port: a number (up to `endPort` when set), or a named container port
 *   of the destination pod; no port matches every port of that protocol.
 * - Exceptions from the API docs: a pod can always reach itself, and traffic between a pod and
 *   the node it runs on (the node's addresses, cni0/flannel.1 included) is always allowed.
 * - Policies see the packet as it is on the wire: egress after kube-proxy's DNAT (the endpoint
 *   pod and its targetPort, not the ClusterIP), ingress after any SNAT (an external client
 *   masqueraded to a node address no longer matches an ipBlock of the client).
 * A denied connection is dropped: the client times out.
 *
 * Simplification: flannel itself enforces no NetworkPolicy; the playground behaves as if a
 * policy engine ran beside it (as Canal, or kind's kindnet with kube-network-policies, do).
 * `NetworkOptions.enforceNetworkPolicies: false` turns enforcement off.
 */
import type { ApiServer } from '../api/server';
import type { KObject } from '../api/types/meta';
import { labelSelectorMatches } from '../api/selectors';
import { cidrContains, parseCidr } from './ip';

 
type Any = any;

/** One end of a connection as the policy engine sees it. */
export interface PolicyEnd {
  ip: string;
  /** The pod that has this address on the pod network (not for hostNetwork pods). */
  pod?: KObject;
}

export interface PolicyQuery {
  /** The client: for egress, the pod that sends (before SNAT). */
  src: PolicyEnd;
  /** The address the server sees the connection come from (after any SNAT). */
  seenSrcIP: string;
  /** The server after DNAT. */
  dst: PolicyEnd;
  port: number;
  protocol: string;
  /** Addresses of the client pod's node (always allowed for egress). */
  srcNodeIPs: string[];
  /** Addresses of the server pod's node (always allowed for ingress). */
  dstNodeIPs: string[];
}

export type PolicyVerdict = { allowed: true } | { allowed: false; direction: 'Egress' | 'Ingress'; pod: string; policies: string[]; why: string };

const ALLOWED: PolicyVerdict = { allowed: true };

function isPodNetworkPod(pod: KObject | undefined): pod is KObject {
  return !!pod && !pod.spec?.hostNetwork;
}

/** The policies of `pod`'s namespace that isolate it in `direction`. */
export function policiesSelecting(api: ApiServer, pod: KObject, direction: 'Ingress' | 'Egress'): KObject[] {
  const out: KObject[] = [];
  for (const np of api.store.list('NetworkPolicy', pod.metadata.namespace)) {
    const types: string[] = np.spec?.policyTypes ?? ['Ingress'];
    if (!types.includes(direction)) continue;
    if (!labelSelectorMatches(np.spec?.podSelector ?? {}, pod.metadata.labels)) continue;
    out.push(np);
  }
  return out;
}

function ipBlockMatches(block: Any, ip: string): boolean {
  const c = parseCidr(String(block.cidr ?? ''));
  if (!c || !cidrContains(c, ip)) return false;
  for (const e of (block.except as string[] | undefined) ?? []) {
    const x = parseCidr(e);
    if (x && cidrContains(x, ip)) return false;
  }
  return true;
}

/** Whether a NetworkPolicyPeer matches the other end of the connection. */
function peerMatches(api: ApiServer, policyNs: string, peer: Any, other: PolicyEnd): boolean {
  if (peer.ipBlock) return ipBlockMatches(peer.ipBlock, other.ip);
  if (!isPodNetworkPod(other.pod)) return false;
  const pod = other.pod;
  if (peer.namespaceSelector) {
    const ns = api.find('Namespace', undefined, pod.metadata.namespace!);
    if (!labelSelectorMatches(peer.namespaceSelector, ns?.metadata.labels)) return false;
  } else if (pod.metadata.namespace !== policyNs) {
    return false;
  }
  if (peer.podSelector) return labelSelectorMatches(peer.podSelector, pod.metadata.labels);
  return true;
}

/** The container port named `name` of a pod for a protocol. */
function namedPort(pod: KObject | undefined, name: string, protocol: string): number | undefined {
  for (const c of [...((pod?.spec?.containers as Any[]) ?? []), ...((pod?.spec?.initContainers as Any[]) ?? [])]) {
    for (const p of (c.ports as Any[]) ?? []) if (p.name === name && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
  }
  return undefined;
}

function portMatches(entry: Any, port: number, protocol: string, dstPod: KObject | undefined): boolean {
  if ((entry.protocol ?? 'TCP') !== protocol) return false;
  if (entry.port === undefined || entry.port === null) return true;
  if (typeof entry.port === 'string' && !/^\d+$/.test(entry.port)) return namedPort(dstPod, entry.port, protocol) === port;
  const from = Number(entry.port);
  const to = entry.endPort !== undefined && entry.endPort !== null ? Number(entry.endPort) : from;
  return port >= from && port <= to;
}

function ruleAllows(api: ApiServer, policyNs: string, rule: Any, peers: Any[] | undefined, other: PolicyEnd, port: number, protocol: string, dstPod: KObject | undefined): boolean {
  const ports: Any[] = rule.ports ?? [];
  if (ports.length > 0 && !ports.some((p) => portMatches(p, port, protocol, dstPod))) return false;
  if (!peers || peers.length === 0) return true;
  return peers.some((peer) => peerMatches(api, policyNs, peer, other));
}

function side(api: ApiServer, pod: KObject, direction: 'Ingress' | 'Egress', other: PolicyEnd, port: number, protocol: string, dstPod: KObject | undefined): PolicyVerdict {
  const policies = policiesSelecting(api, pod, direction);
  if (policies.length === 0) return ALLOWED;
  const ns = pod.metadata.namespace!;
  for (const np of policies) {
    const rules: Any[] = (direction === 'Ingress' ? np.spec?.ingress : np.spec?.egress) ?? [];
    for (const rule of rules) {
      if (ruleAllows(api, ns, rule, direction === 'Ingress' ? rule.from : rule.to, other, port, protocol, dstPod)) return ALLOWED;
    }
  }
  const names = policies.map((p) => p.metadata.name!).sort();
  const key = `${ns}/${pod.metadata.name}`;
  const why =
    direction === 'Ingress'
      ? `no NetworkPolicy selecting pod ${key} (${names.join(', ')}) allows ingress from ${other.ip} on ${protocol}/${port}`
      : `no NetworkPolicy selecting pod ${key} (${names.join(', ')}) allows egress to ${other.ip} on ${protocol}/${port}`;
  return { allowed: false, direction, pod: key, policies: names, why };
}

/** Decides a connection: egress at the client pod, then ingress at the server pod. */
export function checkPolicies(api: ApiServer, q: PolicyQuery): PolicyVerdict {
  const srcPod = isPodNetworkPod(q.src.pod) ? q.src.pod : undefined;
  const dstPod = isPodNetworkPod(q.dst.pod) ? q.dst.pod : undefined;
  if (srcPod && dstPod && srcPod.metadata.uid === dstPod.metadata.uid) return ALLOWED;
  if (srcPod && !q.srcNodeIPs.includes(q.dst.ip)) {
    const v = side(api, srcPod, 'Egress', { ip: q.dst.ip, pod: dstPod }, q.port, q.protocol, dstPod);
    if (!v.allowed) return v;
  }
  if (dstPod && !q.dstNodeIPs.includes(q.seenSrcIP)) {
    // The source keeps its pod identity only when the server sees the pod's own address.
    const seenPod = srcPod && srcPod.status?.podIP === q.seenSrcIP ? srcPod : undefined;
    const v = side(api, dstPod, 'Ingress', { ip: q.seenSrcIP, pod: seenPod }, q.port, q.protocol, dstPod);
    if (!v.allowed) return v;
  }
  return ALLOWED;
}
