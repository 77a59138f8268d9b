/** Lesson 6: scaling by hand and with the HorizontalPodAutoscaler. */
import { defineLesson } from '../types';
import { exists, readyPods } from '../checks';

export default defineLesson({
  id: 'scaling',
  title: { en: 'Scaling', zh: '扩缩容' },
  summary: {
    en: 'Change the number of replicas with one command, or let a HorizontalPodAutoscaler do it from CPU usage.',
    zh: '用一条命令修改副本数，或者让 HorizontalPodAutoscaler 根据 CPU 使用率自动调整。',
  },
  setup: ['kubectl create deployment web --image=nginx:1.27 --replicas=2'],
  setupSettle: 40,
  steps: [
    {
      text: { en: 'Scale `web` to 5 replicas.', zh: '把 `web` 扩容到 5 个副本。' },
      hint: 'kubectl scale deployment web --replicas=5',
      check: (c) => readyPods(c, 'default', { app: 'web' }) === 5,
      settle: 20,
    },
    {
      text: {
        en: 'Scale back down to 2. The ReplicaSet chooses which pods to delete (newest and least ready first).',
        zh: '缩容回 2 个副本。ReplicaSet 会选择删除哪些 Pod（优先删除最新的、未就绪的）。',
      },
      hint: 'kubectl scale deployment web --replicas=2',
      check: (c) => c.list('Pod', 'default').filter((p) => p.metadata.labels?.app === 'web').length === 2,
      settle: 40,
    },
    {
      text: {
        en: 'An autoscaler needs CPU requests to compute utilisation. Give the containers a request of 100m CPU.',
        zh: '自动扩缩容需要 CPU 请求值来计算使用率。给容器设置 100m 的 CPU 请求。',
      },
      hint: 'kubectl set resources deployment web --requests=cpu=100m',
      check: (c) => c.get('Deployment', 'default', 'web')?.spec?.template?.spec?.containers?.[0]?.resources?.requests?.cpu === '100m',
      settle: 40,
    },
    {
      text: {
        en: 'Create a HorizontalPodAutoscaler that keeps average CPU utilisation at 50%, between 2 and 10 replicas.',
        zh: '创建一个 HorizontalPodAutoscaler，让平均 CPU 使用率保持在 50%，副本数在 2 到 10 之间。',
      },
      hint: 'kubectl autoscale deployment web --cpu-percent=50 --min=2 --max=10\nkubectl get hpa',
      check: (c) => exists(c, 'HorizontalPodAutoscaler', 'default/web'),
      settle: 30,
    },
  ],
  recap: {
    en: 'Replicas are just a number in the spec. The HPA changes that number from metrics with desired = ceil(current × usage / target).',
    zh: '副本数只是 spec 中的一个数字。HPA 根据指标修改这个数字：期望副本数 = ceil(当前副本数 × 实际使用率 / 目标使用率)。',
  },
});
