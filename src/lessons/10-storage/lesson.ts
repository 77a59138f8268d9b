/** Lesson 10: persistent storage with PersistentVolumeClaims. */
import { defineLesson } from '../types';
import { exists, podPhase, pvcBound } from '../checks';

const PVC = `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes:
  - ReadWriteOnce
  resources:
    requests:
      storage: 1Gi
`;

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: writer
spec:
  containers:
  - name: writer
    image: busybox:1.36
    command: ["sh", "-c", "date >> /data/starts.txt; sleep 3600"]
    volumeMounts:
    - name: data
      mountPath: /data
  volumes:
  - name: data
    persistentVolumeClaim:
      claimName: data
`;

export default defineLesson({
  id: 'storage',
  title: { en: 'Persistent storage', zh: '持久化存储' },
  summary: {
    en: 'A container\'s files disappear with it. A PersistentVolumeClaim asks for storage that outlives pods; the default StorageClass provisions a PersistentVolume for it.',
    zh: '容器的文件会随容器一起消失。PersistentVolumeClaim 申请比 Pod 生命周期更长的存储；默认的 StorageClass 会为它自动创建 PersistentVolume。',
  },
  setup: [],
  steps: [
    {
      text: {
        en: 'Claim 1Gi of storage. The default StorageClass `standard` binds late (`WaitForFirstConsumer`): the claim stays `Pending` until a pod uses it, so that its volume is created on the node where that pod runs.',
        zh: '申请 1Gi 存储。默认 StorageClass `standard` 采用延迟绑定（`WaitForFirstConsumer`）：在有 Pod 使用之前，声明保持 `Pending`，这样卷会被创建在该 Pod 运行的节点上。',
      },
      hint: 'kubectl apply -f pvc.yaml\nkubectl describe pvc data',
      file: { path: 'pvc.yaml', content: PVC },
      check: (c) => exists(c, 'PersistentVolumeClaim', 'default/data'),
    },
    {
      text: {
        en: 'Run a pod that mounts the claim and appends the time it started to `/data/starts.txt`. Once the pod is scheduled, the provisioner creates a PersistentVolume and the claim becomes `Bound`.',
        zh: '运行一个挂载该声明的 Pod，它把自己的启动时间追加到 `/data/starts.txt`。Pod 被调度后，供应器创建 PersistentVolume，声明变为 `Bound`。',
      },
      hint: 'kubectl apply -f writer.yaml\nkubectl wait --for=condition=Ready pod/writer --timeout=60s\nkubectl get pvc,pv',
      file: { path: 'writer.yaml', content: POD },
      check: (c) => podPhase(c, 'default/writer') === 'Running' && pvcBound(c, 'default/data'),
    },
    {
      text: {
        en: 'Delete the pod. Its container and everything in the container\'s own file system are gone; the claim and its volume stay.',
        zh: '删除这个 Pod。它的容器以及容器自身文件系统中的一切都消失了；声明和它的卷仍然保留。',
      },
      hint: 'kubectl delete pod writer\nkubectl get pvc',
      check: (c) => !exists(c, 'Pod', 'default/writer') && pvcBound(c, 'default/data'),
    },
    {
      text: {
        en: 'Create the pod again and read the file: the line written by the first pod is still there, followed by the new pod\'s.',
        zh: '重新创建这个 Pod 并读取文件：第一个 Pod 写入的那一行仍然存在，后面是新 Pod 写入的一行。',
      },
      hint: 'kubectl apply -f writer.yaml\nkubectl wait --for=condition=Ready pod/writer --timeout=60s\nkubectl exec writer -- cat /data/starts.txt',
      check: (c) => podPhase(c, 'default/writer') === 'Running',
    },
  ],
  recap: {
    en: 'Pods are disposable; data lives in volumes bound to claims. The claim is the pod\'s stable handle on its storage.',
    zh: 'Pod 是可替换的；数据保存在与声明绑定的卷中。声明是 Pod 访问其存储的稳定入口。',
  },
});
