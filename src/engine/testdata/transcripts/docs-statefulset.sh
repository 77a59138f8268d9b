# The walk-through of https://kubernetes.io/docs/tutorials/stateful-application/basic-stateful-set/
cat > web.yaml <<'YAML'
apiVersion: v1
kind: Service
metadata:
  name: nginx
  labels:
    app: nginx
spec:
  ports:
  - port: 80
    name: web
  clusterIP: None
  selector:
    app: nginx
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: "nginx"
  replicas: 2
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.21
        ports:
        - containerPort: 80
          name: web
        volumeMounts:
        - name: www
          mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: [ "ReadWriteOnce" ]
      resources:
        requests:
          storage: 1Gi
YAML
kubectl apply -f web.yaml
kubectl get pods -l app=nginx
sleep 3
kubectl get pods -l app=nginx
sleep 5
kubectl get pods -l app=nginx
sleep 10
kubectl get pods -l app=nginx
kubectl get service nginx
kubectl get statefulset web
for i in 0 1; do kubectl exec "web-$i" -- sh -c 'hostname'; done
kubectl get pvc -l app=nginx
kubectl get pv
for i in 0 1; do kubectl exec "web-$i" -- sh -c 'echo "$(hostname)" > /usr/share/nginx/html/index.html'; done
for i in 0 1; do kubectl exec "web-$i" -- cat /usr/share/nginx/html/index.html; done
kubectl delete pod -l app=nginx
kubectl get pods -l app=nginx
sleep 15
kubectl get pods -l app=nginx
for i in 0 1; do kubectl exec "web-$i" -- cat /usr/share/nginx/html/index.html; done
kubectl scale sts web --replicas=5
sleep 3
kubectl get pods -l app=nginx
sleep 10
kubectl get pods -l app=nginx
kubectl get pvc -l app=nginx
kubectl patch sts web -p '{"spec":{"replicas":3}}'
sleep 1
kubectl get pods -l app=nginx
sleep 60
kubectl get pods -l app=nginx
kubectl get pvc -l app=nginx
kubectl patch statefulset web --type='json' -p='[{"op": "replace", "path": "/spec/template/spec/containers/0/image", "value":"registry.k8s.io/nginx-slim:0.24"}]'
kubectl rollout status sts/web
for p in 0 1 2; do kubectl get pod "web-$p" --template '{{range $i, $c := .spec.containers}}{{$c.image}}{{end}}'; echo; done
kubectl get sts web -o jsonpath='{.status.currentRevision} {.status.updateRevision}{"\n"}'
kubectl patch statefulset web -p '{"spec":{"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":2}}}}'
kubectl patch statefulset web --type='json' -p='[{"op": "replace", "path": "/spec/template/spec/containers/0/image", "value":"registry.k8s.io/nginx-slim:0.21"}]'
sleep 40
for p in 0 1 2; do kubectl get pod "web-$p" --template '{{range $i, $c := .spec.containers}}{{$c.image}}{{end}}'; echo; done
kubectl describe statefulset web
kubectl patch statefulset web -p '{"spec":{"serviceName":"other"}}'
kubectl delete statefulset web
sleep 40
kubectl get pods -l app=nginx
kubectl get pvc -l app=nginx
