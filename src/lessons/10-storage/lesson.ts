/** Lesson 10: persistent storage with PersistentVolumeClaims. */
import { defineLesson } from '../types';
import { podPhase, pvcBound } from '../checks';

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
    command: ["sh", "-c", "echo saved-at-first-start > /data/note.txt; sleep 3600"]
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
        en: 'Claim 1Gi of storage. The provisioner of the default StorageClass `standard` creates a volume and the claim becomes `Bound`.',
        zh: '申请 1Gi 存储。默认 StorageClass `standard` 的供应器会创建一个卷，声明变为 `Bound`。',
      },
      hint: 'kubectl apply -f pvc.yaml\nkubectl get pvc,pv',
      file: { path: 'pvc.yaml', content: PVC },
      check: (c) => pvcBound(c, 'default/data'),
      settle: 10,
    },
    {
      text: {
        en: 'Run a pod that writes a file to the volume.',
        zh: '运行一个向卷中写入文件的 Pod。',
      },
      hint: 'kubectl apply -f writer.yaml',
      file: { path: 'writer.yaml', content: POD },
      check: (c) => podPhase(c, 'default/writer') === 'Running',
      settle: 20,
    },
    {
      text: {
        en: 'Delete the pod and create it again: the file written before is still there.',
        zh: '删除这个 Pod 再重新创建：之前写入的文件仍然存在。',
      },
      hint: 'kubectl delete pod writer\nkubectl apply -f writer.yaml',
      check: (c) => podPhase(c, 'default/writer') === 'Running',
      settle: 20,
    },
    {
      text: { en: 'Read the file.', zh: '读取这个文件。' },
      hint: 'kubectl exec writer -- cat /data/note.txt',
    },
  ],
  recap: {
    en: 'Pods are disposable; data lives in volumes bound to claims. The claim is the pod\'s stable handle on its storage.',
    zh: 'Pod 是可替换的；数据保存在与声明绑定的卷中。声明是 Pod 访问其存储的稳定入口。',
  },
});
