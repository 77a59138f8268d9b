/** Lesson 9: Jobs and CronJobs. */
import { defineLesson } from '../types';
import { exists, jobComplete } from '../checks';

export default defineLesson({
  id: 'batch-jobs',
  title: { en: 'Batch jobs', zh: '批处理任务' },
  summary: {
    en: 'A Job runs pods until a number of them complete successfully; a CronJob creates Jobs on a schedule.',
    zh: 'Job 运行 Pod，直到指定数量的 Pod 成功完成；CronJob 按计划定时创建 Job。',
  },
  setup: [],
  steps: [
    {
      text: {
        en: 'Create a Job that prints a message and exits.',
        zh: '创建一个打印一条消息后退出的 Job。',
      },
      hint: 'kubectl create job hello --image=busybox:1.36 -- echo "Hello from a Kubernetes Job"',
      check: (c) => jobComplete(c, 'default/hello'),
      settle: 20,
    },
    {
      text: {
        en: 'The pod is `Completed` and its output stays in the logs.',
        zh: 'Pod 的状态为 `Completed`，输出保留在日志中。',
      },
      hint: 'kubectl get jobs,pods\nkubectl logs job/hello',
    },
    {
      text: {
        en: 'Create a CronJob that runs every minute.',
        zh: '创建一个每分钟运行一次的 CronJob。',
      },
      hint: 'kubectl create cronjob tick --image=busybox:1.36 --schedule="*/1 * * * *" -- date',
      check: (c) => exists(c, 'CronJob', 'default/tick') && c.list('Job', 'default').some((j) => j.metadata.name?.startsWith('tick-')),
      settle: 70,
    },
    {
      text: {
        en: 'Each run is a Job named after its scheduled time.',
        zh: '每次运行都是一个以计划时间命名的 Job。',
      },
      hint: 'kubectl get cronjobs,jobs',
    },
  ],
  recap: {
    en: 'Deployments keep pods running forever; Jobs run them to completion, with retries (backoffLimit) for failures.',
    zh: 'Deployment 让 Pod 永远运行；Job 让 Pod 运行到完成，并在失败时重试（backoffLimit）。',
  },
});
