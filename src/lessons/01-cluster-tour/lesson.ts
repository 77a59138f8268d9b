/** Lesson 1: what a cluster is made of, seen through kubectl. */
import { defineLesson } from '../types';
import { exists } from '../checks';

export default defineLesson({
  id: 'cluster-tour',
  title: { en: 'What is Kubernetes? A tour of the cluster', zh: '什么是 Kubernetes？集群导览' },
  summary: {
    en: 'Kubernetes runs containers on a group of machines (nodes) and keeps them the way you declared. Meet the nodes and the control plane that manages them.',
    zh: 'Kubernetes 在一组机器（节点）上运行容器，并让它们始终保持你声明的状态。先认识节点以及管理它们的控制平面。',
  },
  setup: [],
  steps: [
    {
      text: {
        en: 'List the machines of the cluster. One is the `control-plane` node; the others are workers where your applications run.',
        zh: '列出集群中的机器。其中一台是 `control-plane`（控制平面）节点，其余是运行应用的工作节点。',
      },
      hint: 'kubectl get nodes',
    },
    {
      text: {
        en: 'The control plane itself runs as pods in the `kube-system` namespace: etcd (the database), kube-apiserver, kube-scheduler and kube-controller-manager, plus CoreDNS and kube-proxy.',
        zh: '控制平面本身以 Pod 的形式运行在 `kube-system` 命名空间中：etcd（数据库）、kube-apiserver、kube-scheduler 和 kube-controller-manager，以及 CoreDNS 和 kube-proxy。',
      },
      hint: 'kubectl get pods -n kube-system -o wide',
    },
    {
      text: {
        en: 'Look at one worker in detail: its capacity, conditions and the pods it runs.',
        zh: '详细查看一个工作节点：它的容量、状态条件以及运行在上面的 Pod。',
      },
      hint: 'kubectl describe node node-1',
    },
    {
      text: {
        en: 'Namespaces divide the cluster into named spaces. Create your own namespace called `playground`.',
        zh: '命名空间把集群划分成多个有名字的空间。创建一个名为 `playground` 的命名空间。',
      },
      hint: 'kubectl create namespace playground',
      check: (c) => exists(c, 'Namespace', 'playground'),
    },
  ],
  recap: {
    en: 'A cluster is nodes plus a control plane. You talk to the API server with kubectl; everything else (scheduling, controllers, kubelets) reacts to what is stored there.',
    zh: '集群由节点和控制平面组成。你用 kubectl 与 API Server 对话；其他一切（调度器、控制器、kubelet）都根据其中存储的状态做出反应。',
  },
});
