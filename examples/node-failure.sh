# What Kubernetes does when a node dies: the node goes NotReady, its pods are evicted after
# the 5 minute toleration, and the Deployment recreates them elsewhere.
kubectl create deployment web --image=nginx --replicas=3
sleep 10
kubectl get pods -o wide

kubeplay node fail node-1
sleep 60
kubectl get nodes
kubectl describe node node-1 | grep -A 3 Taints
sleep 300
kubectl get pods -o wide

kubeplay node recover node-1
sleep 30
kubectl get nodes

# Crash a container and watch the kubelet restart it.
kubeplay pod kill $(kubectl get pods -o name | head -n 1 | cut -d/ -f2)
sleep 5
kubectl get pods
