# Node failure and recovery step by step: the 50 s node-monitor grace period, the unreachable
# taints, eviction after the default 300 s tolerationSeconds, replacement pods, and a
# StatefulSet pod whose local-path volume lives on the failed node.
kubectl create deployment web --image=nginx:1.27 --replicas=3
kubectl rollout status deployment/web
kubectl get pods -l app=web -o wide
cat > db.yaml <<'YAML'
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 3
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
      - name: redis
        image: redis:7.4
        volumeMounts:
        - name: data
          mountPath: /data
  volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      accessModes: ["ReadWriteOnce"]
      resources:
        requests:
          storage: 1Gi
YAML
kubectl apply -f db.yaml
kubectl rollout status sts/db
kubectl get pods -l app=db -o wide
kubeplay node fail node-1
sleep 30
kubectl get nodes
sleep 25
kubectl get nodes
kubectl describe node node-1 | grep -A 1 Taints
kubectl describe node node-1 | grep -A 6 Conditions
kubectl get pods -o wide
kubectl get pod $(kubectl get pods -l app=web -o wide | grep node-1 | cut -d' ' -f1) -o jsonpath='{.spec.tolerations}{"\n"}'
# 300 s after the taints were added (about 50 s after the failure), the pods are evicted.
sleep 240
kubectl get pods -o wide
sleep 65
kubectl get pods -o wide
kubectl get deployment web
kubectl get sts db
# The StatefulSet does not replace a pod it cannot see stop: it stays Terminating.
kubectl get events --field-selector reason=TaintManagerEviction
pod=$(kubectl get pods -l app=db -o wide | grep node-1 | cut -d' ' -f1)
echo $pod
kubectl delete pod $pod --force --grace-period=0
sleep 5
kubectl get pods -l app=db -o wide
kubectl describe pod $pod | grep -A 4 Events
# The node comes back: its kubelet finishes the evicted pods, and the db pod runs on its volume's node.
kubeplay node recover node-1
sleep 30
kubectl get nodes
kubectl get pods -o wide
kubectl describe node node-1 | grep -A 1 Taints
