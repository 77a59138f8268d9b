# Issue 5: a Service whose selector matches no pod exists, has no endpoints, and refuses
# connections; fixing the labels brings the endpoints.
kubectl create deployment web --image=nginx:1.27 --replicas=2
kubectl create service clusterip web --tcp=80:80
kubectl apply -f - <<EOT
apiVersion: v1
kind: Service
metadata:
  name: typo
spec:
  selector:
    app: wbe
  ports:
  - name: http
    port: 80
    targetPort: 80
EOT
kubectl run client --image=busybox:1.36 -- sleep 3600
sleep 15
kubectl get svc typo
kubectl get endpoints typo
kubectl get endpointslices -l kubernetes.io/service-name=typo
kubectl describe svc typo
kubectl exec client -- wget -qO- -T 2 http://typo
kubectl exec client -- wget -qO- http://web | head -4
kubectl patch svc typo -p '{"spec":{"selector":{"app":"web"}}}'
sleep 1
kubectl get endpoints typo
kubectl exec client -- wget -qO- http://typo | head -4
# The pods stop being endpoints when they stop being ready.
kubectl scale deployment web --replicas=0
sleep 5
kubectl get endpoints web
kubectl exec client -- wget -qO- http://web
