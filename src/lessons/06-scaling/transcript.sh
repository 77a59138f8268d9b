# Lesson: Scaling
kubectl create deployment web --image=nginx:1.27 --replicas=2
sleep 40
# Step 1
kubectl scale deployment web --replicas=5
sleep 20
# Step 2
kubectl scale deployment web --replicas=2
sleep 40
# Step 3
kubectl set resources deployment web --requests=cpu=100m
sleep 40
# Step 4
kubectl autoscale deployment web --cpu-percent=50 --min=2 --max=10
kubectl get hpa
sleep 30
