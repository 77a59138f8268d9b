/** Lesson 5: rolling updates and rollbacks. */
import { defineLesson } from '../types';
import { deploymentImage, revision, rolledOut } from '../checks';

export default defineLesson({
  id: 'rolling-update',
  title: { en: 'Rolling updates and rollbacks', zh: '滚动更新与回滚' },
  summary: {
    en: 'Change the image and the Deployment replaces pods a few at a time, keeping the application available. A bad version can be rolled back.',
    zh: '修改镜像后，Deployment 会分批替换 Pod，保证应用持续可用。出错的版本可以回滚。',
  },
  setup: ['kubectl create deployment web --image=nginx:1.26 --replicas=4'],
  setupSettle: 40,
  steps: [
    {
      text: {
        en: 'Update the image to `nginx:1.27`. A new ReplicaSet grows while the old one shrinks (maxSurge 25%, maxUnavailable 25%).',
        zh: '把镜像更新为 `nginx:1.27`。新的 ReplicaSet 扩容，旧的缩容（maxSurge 25%，maxUnavailable 25%）。',
      },
      hint: 'kubectl set image deployment/web nginx=nginx:1.27\nkubectl rollout status deployment/web',
      check: (c) => deploymentImage(c, 'default/web') === 'nginx:1.27' && rolledOut(c, 'default/web'),
      settle: 60,
    },
    {
      text: {
        en: 'Both ReplicaSets are kept: the old one at 0 replicas, ready for a rollback. The history lists the revisions.',
        zh: '两个 ReplicaSet 都被保留：旧的副本数为 0，随时可以回滚。history 列出了各个修订版本。',
      },
      hint: 'kubectl get replicasets -l app=web\nkubectl rollout history deployment/web',
    },
    {
      text: {
        en: 'Deploy a version that does not exist: `nginx:1.277`. New pods fail with `ErrImagePull`, then `ImagePullBackOff`, and the rollout stops because maxUnavailable protects the running pods: `rollout status` gives up after its 30 s timeout.',
        zh: '部署一个不存在的版本：`nginx:1.277`。新的 Pod 先报 `ErrImagePull`，随后变为 `ImagePullBackOff`；由于 maxUnavailable 的保护，发布停止，正在运行的 Pod 不受影响：`rollout status` 在 30 秒超时后放弃等待。',
      },
      hint: 'kubectl set image deployment/web nginx=nginx:1.277\nkubectl rollout status deployment/web --timeout=30s\nkubectl get pods -l app=web',
      check: (c) => deploymentImage(c, 'default/web') === 'nginx:1.277',
    },
    {
      text: {
        en: 'Roll back to the previous revision. The old ReplicaSet is scaled up again; no new one is created.',
        zh: '回滚到上一个修订版本。旧的 ReplicaSet 被重新扩容，不会创建新的 ReplicaSet。',
      },
      hint: 'kubectl rollout undo deployment/web\nkubectl rollout status deployment/web',
      check: (c) => deploymentImage(c, 'default/web') === 'nginx:1.27' && rolledOut(c, 'default/web') && revision(c, 'default/web') === 4,
      settle: 30,
    },
  ],
  recap: {
    en: 'A Deployment is a history of ReplicaSets. Updates move replicas from the old to the new one gradually; undo moves them back.',
    zh: 'Deployment 就是一串 ReplicaSet 的历史。更新会逐步把副本从旧的迁移到新的；回滚则把它们迁回来。',
  },
});
