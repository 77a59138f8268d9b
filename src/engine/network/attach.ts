/**
 * Plugs the network into a cluster's machines (the NodeFleet of src/engine/kubelet):
 * - a node the fleet has failed or removed answers nothing (PodNetwork's nodeUp);
 * - `wget`, `curl` and `nslookup` run inside containers (`kubectl exec`, `kubectl run -it`,
 *   exec probes, container commands) go through the network (runNetworkCommand), with the
 *   flavour of nslookup and the curl version the container's image has;
 * - servers' access-log lines (nginx, httpd, ingress-nginx) are appended to the container logs
 *   that `kubectl logs` reads.
 */
import type { KObject } from '../api/types/meta';
import type { Cluster } from '../cluster';
import { addAccessLogSink } from './access-log';
import { runNetworkCommand, type CommandOptions } from './clients';
import { networkOf, type PodNetwork } from './pod-network';
import { parseImage } from './servers';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

/** Images whose nslookup is bind-utils' (dnsutils), not busybox's. */
const BIND_NSLOOKUP = ['nicolaka/netshoot', 'tutum/dnsutils', 'registry.k8s.io/e2e-test-images/jessie-dnsutils', 'gcr.io/kubernetes-e2e-test-images/dnsutils', 'infoblox/dnstools', 'ubuntu', 'debian'];

/** What the container's image makes of the network commands. */
export function commandOptionsFor(pod: KObject | undefined, container?: string): CommandOptions {
  const containers: Any[] = pod?.spec?.containers ?? [];
  const c = containers.find((x) => x.name === container) ?? containers[0];
  const { repo, tag } = parseImage(String(c?.image ?? ''));
  const opts: CommandOptions = { columns: 80 };
  if (BIND_NSLOOKUP.includes(repo)) opts.nslookupFlavor = 'bind';
  if (repo === 'curlimages/curl' && /^\d+\.\d+\.\d+$/.test(tag)) opts.curlVersion = tag;
  return opts;
}

/** Wires the network into the cluster's fleet (once per cluster). Returns the network. */
export function attachNetwork(c: Cluster): PodNetwork {
  const fleet = c.nodes;
  const net = networkOf(c, { nodeUp: (n) => fleet.info(n) !== undefined && !fleet.isFailed(n) });
  if (fleet.network) return net;
  fleet.network = {
    run(from, argv) {
      const pod = c.api.find('Pod', from.namespace, from.pod);
      return runNetworkCommand(net, { kind: 'pod', namespace: from.namespace, name: from.pod }, argv, commandOptionsFor(pod));
    },
  };
  addAccessLogSink(net, (pod, container, line) => {
    try {
      fleet.appendLog(pod.metadata.namespace!, pod.metadata.name!, container, line);
    } catch {
      // The pod is gone from its node (deleted meanwhile): the line has nowhere to go.
    }
  });
  return net;
}
