# Lesson: Service discovery and load balancing
kubectl create deployment web --image=nginxdemos/hello:plain-text --replicas=3
sleep 40
# Step 1
kubectl expose deployment web --port=80
sleep 2
# Step 2
kubectl get service web
kubectl get endpoints web
# Step 3
kubectl run client --image=busybox:1.36 -- sleep 3600
sleep 15
# Step 4
kubectl exec client -- wget -qO- http://web
kubectl exec client -- wget -qO- http://web.default.svc.cluster.local
# Step 5
kubectl exec client -- nslookup web.default.svc.cluster.local
