# The walk-through of https://kubernetes.io/docs/concepts/workloads/controllers/deployment/
cat > nginx-deployment.yaml <<'YAML'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-deployment
  labels:
    app: nginx
spec:
  replicas: 3
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:1.14.2
        ports:
        - containerPort: 80
YAML
kubectl apply -f nginx-deployment.yaml
kubectl get deployments
kubectl rollout status deployment/nginx-deployment
kubectl get deployments
kubectl get rs
kubectl get pods --show-labels
kubectl set image deployment.v1.apps/nginx-deployment nginx=nginx:1.16.1
kubectl rollout status deployment/nginx-deployment
kubectl get rs
kubectl get pods
kubectl set image deployment/nginx-deployment nginx=nginx:1.161
sleep 5
kubectl get rs
kubectl get pods
kubectl rollout history deployment/nginx-deployment
kubectl rollout history deployment/nginx-deployment --revision=2
kubectl rollout undo deployment/nginx-deployment --to-revision=2
kubectl rollout status deployment/nginx-deployment
kubectl get deployment nginx-deployment
kubectl rollout history deployment/nginx-deployment
kubectl describe deployment nginx-deployment
kubectl scale deployment/nginx-deployment --replicas=10
sleep 30
kubectl get deploy
kubectl rollout pause deployment/nginx-deployment
# The docs pause a deployment running nginx:1.14.2; here it runs 1.16.1 after the rollback.
kubectl set image deployment/nginx-deployment nginx=nginx:1.14.2
kubectl rollout history deployment/nginx-deployment
kubectl get rs
kubectl set resources deployment/nginx-deployment -c=nginx --limits=cpu=200m,memory=512Mi
kubectl rollout resume deployment/nginx-deployment
kubectl rollout status deployment/nginx-deployment
kubectl get rs
