/**
 * The words of the plain-language explanations (engine/worker/diagnose.ts gives a code and
 * values; these sentences say what happened and what to try) in English and Chinese. Object
 * names, images, reasons and commands are filled in as they are: they are cluster text.
 */
import type { Hint, Lang } from './types';

type Texts = Record<Hint['code'], string>;

const en: Texts = {
  NotFound: 'No {resource} named "{name}" in namespace {namespace}: list them and check the spelling.',
  NotFoundTypo: 'No {resource} named "{name}". Did you mean "{guess}"?',
  NotFoundNamespace: '"{name}" is not in namespace {namespace} but in {other}: add -n {other}.',
  UnknownResource: 'kubectl knows no type "{typed}". Did you mean "{guess}"?',
  ImagePull: 'Pod {pod} cannot pull image {image} ({reason}): the registry has no such tag. Fix the image with kubectl set image; the pod retries.',
  ImagePullAccess: 'Pod {pod} cannot pull image {image} ({reason}): the repository does not exist or is private (private images need imagePullSecrets).',
  ImagePullHost: 'Pod {pod} cannot pull image {image} ({reason}): the registry host in the image name does not exist.',
  ImagePullRateLimit: 'Pod {pod} cannot pull image {image} ({reason}): the registry rate-limits pulls. The kubelet keeps retrying with back-off.',
  ImagePullUnreachable: 'Pod {pod} cannot pull image {image} ({reason}): the registry does not answer. The kubelet keeps retrying with back-off.',
  CrashLoop: 'Container {container} of pod {pod} keeps exiting, and the kubelet waits longer before each restart. Its last output explains why.',
  ConfigError: 'Pod {pod} cannot start: {message}. Create it; the kubelet retries by itself.',
  SchedulingInsufficient: 'No node has enough free {resource} for pod {pod} ({count} of {nodes} nodes). Lower its requests or add a node.',
  SchedulingTaint: 'Pod {pod} does not tolerate the taint {taint} on {count} of {nodes} nodes: add a toleration or remove the taint.',
  SchedulingSelector: 'No node has the labels pod {pod} asks for ({count} of {nodes} nodes): label a node or fix its nodeSelector/affinity.',
  SchedulingVolume: 'Pod {pod} waits for its PersistentVolumeClaim: {reason}.',
  SchedulingCordoned: 'The nodes that could run pod {pod} are cordoned ({count} of {nodes}): kubectl uncordon lets pods in.',
  SchedulingOther: 'The scheduler cannot place pod {pod}: {reason}.',
  ServiceNoPods: 'Service {service} selects {selector}, but no pod has these labels, so it has no endpoints.',
  ServiceNotReady: 'Service {service} selects {pods} pod(s) ({selector}), but none is Ready, so no request reaches them.',
  ClaimWaitsForPod: 'Claim {claim} waits on purpose: its StorageClass binds a volume when a pod first uses it (WaitForFirstConsumer).',
  ClaimPending: 'Claim {claim} is Pending: {message}',
  NodeNotReady: 'Node {node} stopped reporting (its kubelet is down); after about 5 minutes its pods are evicted and replaced elsewhere.',
};

const zh: Texts = {
  NotFound: '命名空间 {namespace} 里没有名为 "{name}" 的 {resource}：列出现有对象，检查拼写。',
  NotFoundTypo: '没有名为 "{name}" 的 {resource}。你是不是想输入 "{guess}"？',
  NotFoundNamespace: '"{name}" 不在命名空间 {namespace} 里，而在 {other} 里：加上 -n {other}。',
  UnknownResource: 'kubectl 不认识类型 "{typed}"。你是不是想输入 "{guess}"？',
  ImagePull: 'Pod {pod} 拉取不到镜像 {image}（{reason}）：仓库里没有这个标签。用 kubectl set image 改正镜像，Pod 会自动重试。',
  ImagePullAccess: 'Pod {pod} 拉取不到镜像 {image}（{reason}）：这个仓库不存在，或者是私有的（私有镜像需要 imagePullSecrets）。',
  ImagePullHost: 'Pod {pod} 拉取不到镜像 {image}（{reason}）：镜像名里的仓库主机不存在。',
  ImagePullRateLimit: 'Pod {pod} 拉取不到镜像 {image}（{reason}）：镜像仓库限制了拉取次数。kubelet 会带退避地不断重试。',
  ImagePullUnreachable: 'Pod {pod} 拉取不到镜像 {image}（{reason}）：镜像仓库没有响应。kubelet 会带退避地不断重试。',
  CrashLoop: 'Pod {pod} 的容器 {container} 反复退出，kubelet 每次重启前等得更久。它最后的输出会说明原因。',
  ConfigError: 'Pod {pod} 无法启动：{message}。把它创建出来，kubelet 会自动重试。',
  SchedulingInsufficient: '没有节点有足够的空闲 {resource} 运行 Pod {pod}（{nodes} 个节点中的 {count} 个）。降低 requests 或添加节点。',
  SchedulingTaint: 'Pod {pod} 不容忍 {nodes} 个节点中 {count} 个带有的污点 {taint}：加上容忍，或去掉污点。',
  SchedulingSelector: '没有节点带有 Pod {pod} 要求的标签（{nodes} 个节点中的 {count} 个）：给节点打标签，或修改 nodeSelector/亲和性。',
  SchedulingVolume: 'Pod {pod} 在等待它的 PersistentVolumeClaim：{reason}。',
  SchedulingCordoned: '能运行 Pod {pod} 的节点被封锁了（{nodes} 个中的 {count} 个）：kubectl uncordon 可以解除。',
  SchedulingOther: '调度器无法安置 Pod {pod}：{reason}。',
  ServiceNoPods: 'Service {service} 选择 {selector}，但没有 Pod 带这些标签，所以它没有端点。',
  ServiceNotReady: 'Service {service} 选中了 {pods} 个 Pod（{selector}），但都没有就绪，请求到不了它们。',
  ClaimWaitsForPod: '声明 {claim} 是有意等待：它的 StorageClass 在第一个 Pod 使用它时才绑定卷（WaitForFirstConsumer）。',
  ClaimPending: '声明 {claim} 处于 Pending：{message}',
  NodeNotReady: '节点 {node} 不再报告（kubelet 停了）；大约 5 分钟后它上面的 Pod 会被驱逐并在别处重建。',
};

export const HINT_TEXTS: Record<Lang, Texts> = { en, zh };

/** The explanation in a language, values filled in. */
export function hintText(lang: Lang, hint: Hint): string {
  return HINT_TEXTS[lang][hint.code].replace(/\{(\w+)\}/g, (m, k: string) => (k in hint.vars ? hint.vars[k] : m));
}

const LABELS = {
  en: { label: 'Explanation', try: 'Try:', dismiss: 'Dismiss the explanation', type: 'Type this command in the terminal' },
  zh: { label: '解释', try: '试试：', dismiss: '关闭解释', type: '把这条命令输入到终端' },
};

export function hintLabels(lang: Lang) {
  return LABELS[lang];
}
