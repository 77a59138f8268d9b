# A Deployment, a Service in front of it, scaling and a rolling update.
kubectl create deployment web --image=nginx:1.26 --replicas=3
kubectl expose deployment web --port=80
kubectl rollout status deployment/web
kubectl get deploy,rs,svc -l app=web
kubectl get endpoints web

kubectl scale deployment web --replicas=5
kubectl rollout status deployment/web
kubectl get pods -l app=web

# Roll out a new version and follow it.
kubectl set image deployment/web nginx=nginx:1.27
kubectl rollout status deployment/web
kubectl rollout history deployment/web
kubectl get rs -l app=web

# A bad image stalls the rollout; roll back.
kubectl set image deployment/web nginx=nginx:9.99
kubectl rollout status deployment/web --timeout=30s
kubectl get pods -l app=web
kubectl rollout undo deployment/web
kubectl rollout status deployment/web
kubectl describe deployment web | grep Image
