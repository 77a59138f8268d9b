/** Lesson 7: configuration with ConfigMaps and Secrets. */
import { defineLesson } from '../types';
import { exists, podPhase } from '../checks';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: app
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "sleep 3600"]
    env:
    - name: GREETING
      valueFrom:
        configMapKeyRef:
          name: app-config
          key: greeting
    - name: DB_PASSWORD
      valueFrom:
        secretKeyRef:
          name: db-secret
          key: password
    volumeMounts:
    - name: config
      mountPath: /etc/config
  volumes:
  - name: config
    configMap:
      name: app-config
`;

export default defineLesson({
  id: 'config-and-secrets',
  title: { en: 'Configuration and Secrets', zh: '配置与 Secret' },
  summary: {
    en: 'Keep configuration out of images: ConfigMaps and Secrets are injected into pods as environment variables or files.',
    zh: '把配置与镜像分离：ConfigMap 和 Secret 以环境变量或文件的形式注入到 Pod 中。',
  },
  setup: [],
  steps: [
    {
      text: {
        en: 'Create a ConfigMap with two keys.',
        zh: '创建一个包含两个键的 ConfigMap。',
      },
      hint: 'kubectl create configmap app-config --from-literal=greeting=hello --from-literal=mode=production',
      check: (c) => exists(c, 'ConfigMap', 'default/app-config'),
    },
    {
      text: {
        en: 'Create a Secret. Its values are stored base64-encoded (encoding, not encryption).',
        zh: '创建一个 Secret。它的值以 base64 编码存储（只是编码，不是加密）。',
      },
      hint: 'kubectl create secret generic db-secret --from-literal=password=s3cr3t\nkubectl get secret db-secret -o yaml',
      check: (c) => exists(c, 'Secret', 'default/db-secret'),
    },
    {
      text: {
        en: 'Apply a pod that reads `greeting` and `password` as environment variables and mounts the ConfigMap at `/etc/config`.',
        zh: '应用一个 Pod：它以环境变量读取 `greeting` 和 `password`，并把 ConfigMap 挂载到 `/etc/config`。',
      },
      hint: 'kubectl apply -f app.yaml',
      file: { path: 'app.yaml', content: POD },
      check: (c) => podPhase(c, 'default/app') === 'Running',
      settle: 20,
    },
    {
      text: {
        en: 'Look inside the container: the environment and the mounted files.',
        zh: '查看容器内部：环境变量以及挂载的文件。',
      },
      hint: 'kubectl exec app -- env\nkubectl exec app -- ls /etc/config\nkubectl exec app -- cat /etc/config/greeting',
    },
  ],
  recap: {
    en: 'The same image runs anywhere; the environment gives it its configuration. Mounted ConfigMaps update in place; environment variables only change when the pod restarts.',
    zh: '同一个镜像可以在任何地方运行，由环境提供配置。挂载的 ConfigMap 会原地更新；环境变量只有在 Pod 重启后才会改变。',
  },
});
