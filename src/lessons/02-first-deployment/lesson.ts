/** Lesson 2: deploying an application with a Deployment. */
import { defineLesson } from '../types';
import { exists, readyPods, rolledOut } from '../checks';

export default defineLesson({
  id: 'first-deployment',
  title: { en: 'Deploy an application', zh: '部署一个应用' },
  summary: {
    en: 'You declare what should run (a Deployment); controllers create a ReplicaSet, the ReplicaSet creates Pods, the scheduler places them and kubelets start the containers.',
    zh: '你声明应该运行什么（Deployment）；控制器创建 ReplicaSet，ReplicaSet 创建 Pod，调度器为它们选择节点，kubelet 启动容器。',
  },
  setup: [],
  steps: [
    {
      text: {
        en: 'Create a Deployment named `web` running three replicas of `nginx:1.27`.',
        zh: '创建一个名为 `web` 的 Deployment，运行三个 `nginx:1.27` 副本。',
      },
      hint: 'kubectl create deployment web --image=nginx:1.27 --replicas=3',
      check: (c) => exists(c, 'Deployment', 'default/web'),
    },
    {
      text: {
        en: 'Wait until the rollout is finished: `kubectl rollout status` returns when all replicas are available.',
        zh: '等待发布完成：当所有副本都可用时，`kubectl rollout status` 才会返回。',
      },
      hint: 'kubectl rollout status deployment/web',
      check: (c) => rolledOut(c, 'default/web') && readyPods(c, 'default', { app: 'web' }) === 3,
      settle: 30,
    },
    {
      text: {
        en: 'See the chain of objects: the Deployment owns a ReplicaSet named after a hash of the pod template, which owns the three Pods.',
        zh: '查看对象链：Deployment 拥有一个以 Pod 模板哈希命名的 ReplicaSet，ReplicaSet 又拥有这三个 Pod。',
      },
      hint: 'kubectl get deployment,replicaset,pods -l app=web -o wide',
    },
    {
      text: {
        en: 'Read the story of one pod: which node the scheduler chose, the image pull, container start.',
        zh: '查看一个 Pod 的经历：调度器选择了哪个节点、镜像拉取、容器启动。',
      },
      hint: 'kubectl describe pods -l app=web',
    },
  ],
  recap: {
    en: 'You never started a container yourself: you stored a desired state, and each component did its part to make it real.',
    zh: '你从未亲自启动容器：你只是存储了期望状态，各个组件各司其职把它变成了现实。',
  },
});
