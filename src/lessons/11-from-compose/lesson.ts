/** Lesson 11: from Docker Compose / Swarm to Kubernetes objects. */
import { defineLesson } from '../types';
import { readyEndpoints, rolledOut } from '../checks';

const COMPOSE = `# docker-compose.yml (for comparison, not applied)
services:
  web:
    image: nginx:1.27
    ports:
      - "8080:80"
    deploy:
      replicas: 3
  cache:
    image: redis:7.4
`;

const MANIFEST = `# The same application as Kubernetes objects.
# Compose "services.web" with "deploy.replicas: 3" -> a Deployment with 3 replicas.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports:
        - containerPort: 80
---
# Compose "ports: 8080:80" -> a Service; NodePort exposes it on every node.
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: NodePort
  selector:
    app: web
  ports:
  - port: 8080
    targetPort: 80
---
# Compose "services.cache" -> a Deployment plus a ClusterIP Service, so "cache" resolves by name.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: cache
spec:
  replicas: 1
  selector:
    matchLabels:
      app: cache
  template:
    metadata:
      labels:
        app: cache
    spec:
      containers:
      - name: redis
        image: redis:7.4
        ports:
        - containerPort: 6379
---
apiVersion: v1
kind: Service
metadata:
  name: cache
spec:
  selector:
    app: cache
  ports:
  - port: 6379
`;

export default defineLesson({
  id: 'from-compose',
  title: { en: 'From Docker Compose and Swarm', zh: '从 Docker Compose 和 Swarm 迁移' },
  summary: {
    en: 'A Compose service becomes a Deployment (what runs, how many) plus a Service (how to reach it). Swarm\'s routing mesh becomes a NodePort or LoadBalancer Service.',
    zh: 'Compose 中的一个 service 对应一个 Deployment（运行什么、运行几个）加一个 Service（如何访问）。Swarm 的路由网格对应 NodePort 或 LoadBalancer 类型的 Service。',
  },
  setup: [],
  steps: [
    {
      text: {
        en: 'Compare `docker-compose.yml` with `app.yaml` in the editor, then apply the Kubernetes version.',
        zh: '在编辑器中对比 `docker-compose.yml` 与 `app.yaml`，然后应用 Kubernetes 版本。',
      },
      hint: 'kubectl apply -f app.yaml',
      file: { path: 'app.yaml', content: MANIFEST },
      check: (c) =>
        rolledOut(c, 'default/web') &&
        rolledOut(c, 'default/cache') &&
        readyEndpoints(c, 'default/web') === 3 &&
        readyEndpoints(c, 'default/cache') === 1,
      settle: 60,
    },
    {
      text: {
        en: 'Both Services have endpoints; `web` also has a node port (30000-32767) open on every node, like Swarm\'s published port.',
        zh: '两个 Service 都有了 endpoints；`web` 还在每个节点上开放了一个节点端口（30000-32767），类似 Swarm 发布的端口。',
      },
      hint: 'kubectl get deployments,services,endpoints',
    },
    {
      text: {
        en: 'Where `docker compose up --scale web=5` changed the count, here you scale the Deployment.',
        zh: '在 Compose 中用 `docker compose up --scale web=5` 修改数量，在这里则是扩容 Deployment。',
      },
      hint: 'kubectl scale deployment web --replicas=5',
      check: (c) => readyEndpoints(c, 'default/web') === 5,
      settle: 20,
    },
  ],
  recap: {
    en: 'Compose describes containers on one host; Kubernetes describes desired state for a cluster. The mapping: service -> Deployment + Service, ports -> Service ports, volumes -> PersistentVolumeClaims, environment -> ConfigMaps and Secrets.',
    zh: 'Compose 描述的是单台主机上的容器；Kubernetes 描述的是整个集群的期望状态。对应关系：service → Deployment + Service，ports → Service 端口，volumes → PersistentVolumeClaim，environment → ConfigMap 和 Secret。',
  },
});

/** The compose file shown beside the manifest, for comparison. */
export const composeFile = { path: 'docker-compose.yml', content: COMPOSE };
