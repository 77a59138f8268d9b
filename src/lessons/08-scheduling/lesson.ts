/** Lesson 8: how the scheduler places pods: labels, nodeSelector and taints. */
import { defineLesson } from '../types';
import { nodeHasTaint, nodeLabel, podsWith, nodesOf, readyPods } from '../checks';

const SSD = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: fast
spec:
  replicas: 2
  selector:
    matchLabels:
      app: fast
  template:
    metadata:
      labels:
        app: fast
    spec:
      nodeSelector:
        disktype: ssd
      containers:
      - name: nginx
        image: nginx:1.27
`;

export default defineLesson({
  id: 'scheduling',
  title: { en: 'Scheduling', zh: '调度' },
  summary: {
    en: 'The scheduler filters the nodes a pod can run on, scores the rest and binds the pod to the best one. You steer it with labels, selectors and taints.',
    zh: '调度器先过滤出 Pod 可以运行的节点，再为其余节点打分，把 Pod 绑定到最合适的节点上。你可以用标签、选择器和污点来引导它。',
  },
  setup: [],
  steps: [
    {
      text: { en: 'Label `node-2` as having an SSD.', zh: '给 `node-2` 打上拥有 SSD 的标签。' },
      hint: 'kubectl label node node-2 disktype=ssd',
      check: (c) => nodeLabel(c, 'node-2', 'disktype') === 'ssd',
    },
    {
      text: {
        en: 'Apply a Deployment whose pods require `disktype: ssd`. Both replicas land on `node-2`.',
        zh: '应用一个要求 `disktype: ssd` 的 Deployment。两个副本都会被调度到 `node-2`。',
      },
      hint: 'kubectl apply -f fast.yaml\nkubectl get pods -l app=fast -o wide',
      file: { path: 'fast.yaml', content: SSD },
      check: (c) => {
        const pods = podsWith(c, 'default', { app: 'fast' });
        const nodes = nodesOf(pods);
        return readyPods(c, 'default', { app: 'fast' }) === 2 && nodes.size === 1 && nodes.has('node-2');
      },
      settle: 30,
    },
    {
      text: {
        en: 'Ask for a third replica while `node-2` is tainted `NoSchedule`: the new pod stays Pending, and `describe` shows why, node by node.',
        zh: '给 `node-2` 加上 `NoSchedule` 污点后再要求第三个副本：新的 Pod 会保持 Pending，`describe` 会逐个节点说明原因。',
      },
      hint: 'kubectl taint nodes node-2 dedicated=batch:NoSchedule\nkubectl scale deployment fast --replicas=3\nkubectl describe pods -l app=fast',
      check: (c) =>
        nodeHasTaint(c, 'node-2', 'dedicated', 'NoSchedule') &&
        podsWith(c, 'default', { app: 'fast' }).some((p) => !p.spec?.nodeName),
      settle: 10,
    },
    {
      text: {
        en: 'Remove the taint (note the trailing `-`). The pending pod is retried and scheduled.',
        zh: '移除污点（注意末尾的 `-`）。处于 Pending 的 Pod 会被重新尝试调度。',
      },
      hint: 'kubectl taint nodes node-2 dedicated=batch:NoSchedule-',
      check: (c) => !nodeHasTaint(c, 'node-2', 'dedicated') && readyPods(c, 'default', { app: 'fast' }) === 3,
      settle: 30,
    },
  ],
  recap: {
    en: 'Filters decide where a pod may run (resources, selectors, taints); scores decide where it should run. Every Pending pod carries the scheduler\'s reasons in its events.',
    zh: '过滤决定 Pod 可以在哪里运行（资源、选择器、污点）；打分决定它最好在哪里运行。每个 Pending 的 Pod 都在事件中记录了调度器给出的原因。',
  },
});
