/** Lesson 3: service discovery and load balancing. */
import { defineLesson } from '../types';
import { exists, podPhase, readyEndpoints } from '../checks';

export default defineLesson({
  id: 'services',
  title: { en: 'Service discovery and load balancing', zh: '服务发现与负载均衡' },
  summary: {
    en: 'Pods come and go and change IPs. A Service gives them one stable name and virtual IP, and kube-proxy spreads the traffic over the ready pods.',
    zh: 'Pod 会被创建和销毁，IP 也会变化。Service 为它们提供一个稳定的名字和虚拟 IP，kube-proxy 把流量分发到就绪的 Pod 上。',
  },
  setup: ['kubectl create deployment web --image=nginxdemos/hello:plain-text --replicas=3'],
  setupSettle: 40,
  steps: [
    {
      text: {
        en: 'Expose the `web` Deployment as a Service on port 80.',
        zh: '把 `web` Deployment 暴露为一个 80 端口的 Service。',
      },
      hint: 'kubectl expose deployment web --port=80',
      check: (c) => exists(c, 'Service', 'default/web') && readyEndpoints(c, 'default/web') === 3,
      settle: 2,
    },
    {
      text: {
        en: 'The Service selects pods by label; its endpoints are the IPs of the ready pods.',
        zh: 'Service 通过标签选择 Pod；它的 endpoints 就是就绪 Pod 的 IP。',
      },
      hint: 'kubectl get service web\nkubectl get endpoints web',
    },
    {
      text: {
        en: 'Start a client pod to send requests from inside the cluster.',
        zh: '启动一个客户端 Pod，从集群内部发送请求。',
      },
      hint: 'kubectl run client --image=busybox:1.36 -- sleep 3600',
      check: (c) => podPhase(c, 'default/client') === 'Running',
      settle: 15,
    },
    {
      text: {
        en: 'Call the Service by its DNS name a few times: the `Server name` changes, because each request may go to another pod.',
        zh: '通过 DNS 名字多次访问这个 Service：`Server name` 会变化，因为每个请求可能被转发到不同的 Pod。',
      },
      hint: 'kubectl exec client -- wget -qO- http://web\nkubectl exec client -- wget -qO- http://web.default.svc.cluster.local',
    },
    {
      text: {
        en: 'Ask CoreDNS directly: the full name `web.default.svc.cluster.local` (service, namespace, `svc`, cluster domain) resolves to the Service\'s ClusterIP.',
        zh: '直接查询 CoreDNS：完整名字 `web.default.svc.cluster.local`（服务名、命名空间、`svc`、集群域名）解析为 Service 的 ClusterIP。',
      },
      hint: 'kubectl exec client -- nslookup web.default.svc.cluster.local',
    },
  ],
  recap: {
    en: 'Clients use the Service name, never pod IPs. Endpoints follow the pods that are ready, so traffic only reaches pods that can answer.',
    zh: '客户端使用 Service 名字，而不是 Pod IP。Endpoints 跟随就绪的 Pod 变化，因此流量只会到达能够响应的 Pod。',
  },
});
