/**
 * The programs every shell session can run besides its builtins and coreutils: `kubectl`
 * (src/engine/kubectl) and `kubeplay` (./kubeplay.ts). Other modules may register more
 * (`registerProgram`), and a Shell can override any of them (tests use fakes).
 */
import { kubectl } from '../kubectl/kubectl';
import { kubeplay } from './kubeplay';
import { hostCurl } from '../network/commands';
import type { Program } from './process';

const registry = new Map<string, Program>([
  ['kubectl', kubectl],
  ['kubeplay', kubeplay],
  // curl on the learner's machine, outside the cluster (NodePorts, LoadBalancer and ingress IPs).
  ['curl', hostCurl],
]);

/** Makes `name` runnable in every shell created afterwards. */
export function registerProgram(name: string, program: Program): void {
  registry.set(name, program);
}

export function registeredPrograms(): ReadonlyMap<string, Program> {
  return registry;
}
