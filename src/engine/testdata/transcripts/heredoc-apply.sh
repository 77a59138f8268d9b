# Manifests through heredocs, pipes and session files, as tutorials write them.
kubectl apply -f - <<EOF
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports:
        - containerPort: 80
EOF

cat <<EOF | kubectl apply -f -
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  mode: demo
  owner: $USER
EOF

cat > svc.yaml <<'EOF'
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 80
EOF
ls
kubectl apply -f svc.yaml
kubectl apply -f svc.yaml
kubectl get configmap settings -o jsonpath='{.data.owner}'; echo
sleep 5
kubectl get pods
kubectl get pods --no-headers | wc -l
kubectl get pods -o name | grep -c web
kubectl get deploy,svc -l app=web
kubectl delete -f svc.yaml
kubectl get svc
