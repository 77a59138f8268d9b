/**
 * The controllers kube-controller-manager runs, registered with the manager in upstream's
 * order. One line per controller.
 */
import type { ClusterParts } from '../cluster';
import { startEndpointsController } from './endpoints';
import { startEndpointSliceController } from './endpointslice';
import { DaemonSetController } from './daemonset';
import { DeploymentController } from './deployment/controller';
import { GarbageCollector } from './garbage-collector';
import { JobController } from './job';
import { NamespaceController } from './namespace';
import { NodeLifecycleController, TaintEvictionController } from './node-lifecycle';
import { PodGCController } from './podgc';
import { ReplicaSetController } from './replicaset';
import { StatefulSetController } from './statefulset';
import { CronJobController } from './cronjob/controller';
import { HorizontalPodAutoscalerController } from './hpa/controller';
import { PersistentVolumeController } from './storage/pv-controller';
import { LocalPathProvisioner } from './storage/local-path';
import { startLoadBalancerController } from '../network/loadbalancer';
import { startIngressNginxController } from './ingress';

export function startControllers(c: ClusterParts): void {
  c.manager.add(new NamespaceController(c));
  c.manager.add(new GarbageCollector(c));
  c.manager.add(new ReplicaSetController(c));
  c.manager.add(new DeploymentController(c));
  c.manager.add(new DaemonSetController(c));
  c.manager.add(new StatefulSetController(c));
  c.manager.add(new JobController(c));
  c.manager.add(new CronJobController(c));
  c.manager.add(new HorizontalPodAutoscalerController(c));
  c.manager.add(new NodeLifecycleController(c));
  c.manager.add(new TaintEvictionController(c));
  c.manager.add(new PodGCController(c));
  c.manager.add(new PersistentVolumeController(c));
  c.manager.add(new LocalPathProvisioner(c));
  c.manager.add(startEndpointsController(c));
  c.manager.add(startEndpointSliceController(c));
  c.manager.add(startLoadBalancerController(c));
  c.manager.add(startIngressNginxController(c));
}
