# Issue 5: a Service spreads requests over the ready pods behind it; the spread follows a
# rolling update and a deleted pod.
kubectl create deployment web --image=nginxdemos/hello:0.4-plain-text --replicas=3
kubectl expose deployment web --port=80
kubectl rollout status deployment/web
kubectl get pods -l app=web -o wide
kubectl get endpoints web
kubectl run client --image=busybox:1.36 -- sleep 3600
kubectl wait --for=condition=Ready pod/client
kubectl exec client -- wget -qO- http://web
kubectl exec client -- wget -qO- http://web
kubeplay traffic web --rate 20 --duration 15 --from client
# A rolling update: requests move from the old pods to the new ones as they become ready.
kubectl set image deployment/web hello=nginxdemos/hello:plain-text
kubeplay traffic web --rate 20 --duration 20 --from client
kubectl rollout status deployment/web
kubectl get pods -l app=web
kubeplay traffic web --rate 20 --duration 10 --from client
# Delete a pod: its replacement takes over its share once it is ready.
kubectl delete pod $(kubectl get pods -l app=web -o jsonpath='{.items[0].metadata.name}')
kubectl get endpoints web
kubeplay traffic web --rate 20 --duration 10 --from client
kubectl get pods -l app=web
