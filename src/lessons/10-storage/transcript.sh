# Lesson: Persistent storage
# Step 1
cat > pvc.yaml <<'EOF'
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes:
  - ReadWriteOnce
  resources:
    requests:
      storage: 1Gi
EOF
kubectl apply -f pvc.yaml
kubectl describe pvc data
# Step 2
cat > writer.yaml <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: writer
spec:
  containers:
  - name: writer
    image: busybox:1.36
    command: ["sh", "-c", "date >> /data/starts.txt; sleep 3600"]
    volumeMounts:
    - name: data
      mountPath: /data
  volumes:
  - name: data
    persistentVolumeClaim:
      claimName: data
EOF
kubectl apply -f writer.yaml
kubectl wait --for=condition=Ready pod/writer --timeout=60s
kubectl get pvc,pv
# Step 3
kubectl delete pod writer
kubectl get pvc
# Step 4
kubectl apply -f writer.yaml
kubectl wait --for=condition=Ready pod/writer --timeout=60s
kubectl exec writer -- cat /data/starts.txt
