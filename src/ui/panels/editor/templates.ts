/**
 * Starting manifests for the editor's "New from template", one per kind, written as the
 * Kubernetes documentation writes them (kubernetes.io/docs/concepts/...).
 */

export interface Template {
  kind: string;
  file: string;
  yaml: string;
}

export const TEMPLATES: Template[] = [
  {
    kind: 'Pod',
    file: 'pod.yaml',
    yaml: `apiVersion: v1
kind: Pod
metadata:
  name: nginx
  labels:
    app: nginx
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    ports:
    - containerPort: 80
`,
  },
  {
    kind: 'Deployment',
    file: 'deployment.yaml',
    yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
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
      - name: nginx
        image: nginx:1.27
        ports:
        - containerPort: 80
        resources:
          requests:
            cpu: 100m
            memory: 64Mi
`,
  },
  {
    kind: 'Service',
    file: 'service.yaml',
    yaml: `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 80
`,
  },
  {
    kind: 'ConfigMap',
    file: 'configmap.yaml',
    yaml: `apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
data:
  LOG_LEVEL: info
  app.properties: |
    greeting=hello
`,
  },
  {
    kind: 'Secret',
    file: 'secret.yaml',
    yaml: `apiVersion: v1
kind: Secret
metadata:
  name: app-secret
type: Opaque
stringData:
  username: admin
  password: s3cr3t
`,
  },
  {
    kind: 'Namespace',
    file: 'namespace.yaml',
    yaml: `apiVersion: v1
kind: Namespace
metadata:
  name: team-a
`,
  },
  {
    kind: 'StatefulSet',
    file: 'statefulset.yaml',
    yaml: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 2
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
      - name: redis
        image: redis:7.4
        ports:
        - containerPort: 6379
`,
  },
  {
    kind: 'DaemonSet',
    file: 'daemonset.yaml',
    yaml: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-agent
spec:
  selector:
    matchLabels:
      app: node-agent
  template:
    metadata:
      labels:
        app: node-agent
    spec:
      containers:
      - name: agent
        image: busybox:1.36
        command: ["sh", "-c", "while true; do echo alive; sleep 60; done"]
`,
  },
  {
    kind: 'Job',
    file: 'job.yaml',
    yaml: `apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  backoffLimit: 4
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: pi
        image: busybox:1.36
        command: ["sh", "-c", "echo 3.14159"]
`,
  },
  {
    kind: 'CronJob',
    file: 'cronjob.yaml',
    yaml: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: hello
spec:
  schedule: "*/1 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: hello
            image: busybox:1.36
            command: ["sh", "-c", "date; echo Hello from the Kubernetes cluster"]
`,
  },
  {
    kind: 'HorizontalPodAutoscaler',
    file: 'hpa.yaml',
    yaml: `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
  minReplicas: 1
  maxReplicas: 10
  metrics:
  - type: Resource
    resource:
      name: cpu
      target:
        type: Utilization
        averageUtilization: 50
`,
  },
  {
    kind: 'Ingress',
    file: 'ingress.yaml',
    yaml: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  rules:
  - host: web.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: web
            port:
              number: 80
`,
  },
  {
    kind: 'PersistentVolumeClaim',
    file: 'pvc.yaml',
    yaml: `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes:
  - ReadWriteOnce
  resources:
    requests:
      storage: 1Gi
`,
  },
];

/** A file name not yet taken: `deployment.yaml`, then `deployment-2.yaml` ... */
export function freeName(file: string, taken: readonly string[]): string {
  const set = new Set(taken);
  if (!set.has(file)) return file;
  const dot = file.lastIndexOf('.');
  const base = dot < 0 ? file : file.slice(0, dot);
  const ext = dot < 0 ? '' : file.slice(dot);
  for (let i = 2; ; i++) if (!set.has(`${base}-${i}${ext}`)) return `${base}-${i}${ext}`;
}
