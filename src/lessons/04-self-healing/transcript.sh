# Lesson: Self-healing
kubectl create deployment web --image=nginx:1.27 --replicas=3
sleep 40
# Step 1
kubectl delete pods -l app=web
sleep 20
# Step 2
kubeplay node fail node-1
sleep 60
# Step 3
kubectl get pods -l app=web -o wide
sleep 330
# Step 4
kubeplay node recover node-1
sleep 20
