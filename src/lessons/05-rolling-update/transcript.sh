# Lesson: Rolling updates and rollbacks
kubectl create deployment web --image=nginx:1.26 --replicas=4
sleep 40
# Step 1
kubectl set image deployment/web nginx=nginx:1.27
kubectl rollout status deployment/web
sleep 60
# Step 2
kubectl get replicasets -l app=web
kubectl rollout history deployment/web
# Step 3
kubectl set image deployment/web nginx=nginx:1.277
kubectl rollout status deployment/web --timeout=30s
kubectl get pods -l app=web
# Step 4
kubectl rollout undo deployment/web
kubectl rollout status deployment/web
sleep 30
