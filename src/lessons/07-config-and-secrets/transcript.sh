# Lesson: Configuration and Secrets
# Step 1
kubectl create configmap app-config --from-literal=greeting=hello --from-literal=mode=production
# Step 2
kubectl create secret generic db-secret --from-literal=password=s3cr3t
kubectl get secret db-secret -o yaml
# Step 3
cat > app.yaml <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: app
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "sleep 3600"]
    env:
    - name: GREETING
      valueFrom:
        configMapKeyRef:
          name: app-config
          key: greeting
    - name: DB_PASSWORD
      valueFrom:
        secretKeyRef:
          name: db-secret
          key: password
    volumeMounts:
    - name: config
      mountPath: /etc/config
  volumes:
  - name: config
    configMap:
      name: app-config
EOF
kubectl apply -f app.yaml
sleep 20
# Step 4
kubectl exec app -- env
kubectl exec app -- ls /etc/config
kubectl exec app -- cat /etc/config/greeting
