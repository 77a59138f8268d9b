# Lesson: Deploy an application
# Step 1
kubectl create deployment web --image=nginx:1.27 --replicas=3
# Step 2
kubectl rollout status deployment/web
sleep 30
# Step 3
kubectl get deployment,replicaset,pods -l app=web -o wide
# Step 4
kubectl describe pods -l app=web
