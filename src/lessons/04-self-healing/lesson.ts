/** Lesson 4: self-healing: controllers replace what is lost. */
import { defineLesson } from '../types';
import { podsWith, readyPods, nodesOf } from '../checks';

export default defineLesson({
  id: 'self-healing',
  title: { en: 'Self-healing', zh: '自我修复' },
  summary: {
    en: 'Controllers keep comparing what you asked for with what exists. Delete a pod or lose a node, and the missing replicas come back.',
    zh: '控制器不断比较你的期望状态与实际状态。删除一个 Pod 或失去一个节点，缺少的副本都会被重新创建。',
  },
  setup: ['kubectl create deployment web --image=nginx:1.27 --replicas=3'],
  setupSettle: 40,
  steps: [
    {
      text: {
        en: 'Delete all pods of `web` at once. Watch the ReplicaSet create replacements with new names.',
        zh: '一次性删除 `web` 的所有 Pod。观察 ReplicaSet 用新名字创建替代的 Pod。',
      },
      hint: 'kubectl delete pods -l app=web',
      // Replaced: three ready pods, all created after their ReplicaSet (the originals were
      // created in the same second as it).
      check: (c) => {
        const rs = c.list('ReplicaSet', 'default').find((r) => r.metadata.labels?.app === 'web');
        const born = rs?.metadata.creationTimestamp ?? '';
        const pods = podsWith(c, 'default', { app: 'web' });
        return readyPods(c, 'default', { app: 'web' }) === 3 && pods.every((p) => (p.metadata.creationTimestamp ?? '') > born);
      },
      settle: 20,
    },
    {
      text: {
        en: 'Now simulate a machine failure: `node-1` stops reporting. After the grace period the node turns `NotReady` and gets the `node.kubernetes.io/unreachable` taint.',
        zh: '现在模拟机器故障：`node-1` 停止上报状态。宽限期过后，节点变为 `NotReady`，并被加上 `node.kubernetes.io/unreachable` 污点。',
      },
      hint: 'kubeplay node fail node-1',
      check: (c) =>
        (c.get('Node', undefined, 'node-1')?.status?.conditions ?? []).some(
          (x: { type: string; status: string }) => x.type === 'Ready' && x.status !== 'True',
        ),
      settle: 60,
    },
    {
      text: {
        en: 'Pods tolerate an unreachable node for 300 seconds, then they are evicted and recreated on healthy nodes. Let time run and check where the pods are.',
        zh: 'Pod 对不可达节点的容忍时间是 300 秒，之后它们会被驱逐，并在健康节点上重建。让时间流逝，再看看 Pod 在哪里。',
      },
      hint: 'kubectl get pods -l app=web -o wide',
      check: (c) =>
        readyPods(c, 'default', { app: 'web' }) === 3 &&
        !nodesOf(podsWith(c, 'default', { app: 'web' }).filter((p) => p.status?.phase === 'Running')).has('node-1'),
      settle: 330,
    },
    {
      text: {
        en: 'Bring the node back. It turns `Ready` again and the taint is removed, but pods do not move back on their own.',
        zh: '恢复该节点。它重新变为 `Ready`，污点被移除，但 Pod 不会自动迁回。',
      },
      hint: 'kubeplay node recover node-1',
      check: (c) =>
        (c.get('Node', undefined, 'node-1')?.status?.conditions ?? []).some(
          (x: { type: string; status: string }) => x.type === 'Ready' && x.status === 'True',
        ),
      settle: 20,
    },
  ],
  recap: {
    en: 'You declare replicas, not machines. When pods or nodes disappear, controllers converge back to the declared state.',
    zh: '你声明的是副本数，而不是机器。当 Pod 或节点消失时，控制器会让集群重新收敛到声明的状态。',
  },
});
