# Lesson: From Docker Compose and Swarm
# Step 1
cat > app.yaml <<'EOF'
# The same application as Kubernetes objects.
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
EOF
kubectl apply -f app.yaml
sleep 60
# Step 2
kubectl get deployments,services,endpoints
# Step 3
kubectl scale deployment web --replicas=5
sleep 20
