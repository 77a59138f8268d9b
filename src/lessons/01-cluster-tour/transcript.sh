# Lesson: What is Kubernetes? A tour of the cluster
# Step 1
kubectl get nodes
# Step 2
kubectl get pods -n kube-system -o wide
# Step 3
kubectl describe node node-1
# Step 4
kubectl create namespace playground
