# Getting started: look at the cluster, run a pod, inspect it, clean up.
# Run it with: npm run --silent play -- examples/getting-started.sh

kubectl get nodes
kubectl get pods -A

# Start a pod running nginx and watch it come up.
kubectl run web --image=nginx
kubectl get pods
sleep 10
kubectl get pods -o wide
kubectl describe pod web
kubectl logs web

# Clean up.
kubectl delete pod web
kubectl get pods
