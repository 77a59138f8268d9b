# Lesson: Scheduling
# Step 1
kubectl label node node-2 disktype=ssd
# Step 2
cat > fast.yaml <<'EOF'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: fast
spec:
  replicas: 2
  selector:
    matchLabels:
      app: fast
  template:
    metadata:
      labels:
        app: fast
    spec:
      nodeSelector:
        disktype: ssd
      containers:
      - name: nginx
        image: nginx:1.27
EOF
kubectl apply -f fast.yaml
kubectl get pods -l app=fast -o wide
sleep 30
# Step 3
kubectl taint nodes node-2 dedicated=batch:NoSchedule
kubectl scale deployment fast --replicas=3
kubectl describe pods -l app=fast
sleep 10
# Step 4
kubectl taint nodes node-2 dedicated=batch:NoSchedule-
sleep 30
