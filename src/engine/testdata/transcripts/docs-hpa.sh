# The walk-through of https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale-walkthrough/
# metrics-server first, as the docs require; the interactive load generator runs as a plain pod here.
kubeplay addon enable metrics-server
sleep 30
kubectl get deployment metrics-server -n kube-system
cat > php-apache.yaml <<'YAML'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: php-apache
spec:
  selector:
    matchLabels:
      run: php-apache
  template:
    metadata:
      labels:
        run: php-apache
    spec:
      containers:
      - name: php-apache
        image: registry.k8s.io/hpa-example
        ports:
        - containerPort: 80
        resources:
          limits:
            cpu: 500m
          requests:
            cpu: 200m
---
apiVersion: v1
kind: Service
metadata:
  name: php-apache
  labels:
    run: php-apache
spec:
  ports:
  - port: 80
  selector:
    run: php-apache
YAML
kubectl apply -f php-apache.yaml
kubectl autoscale deployment php-apache --cpu-percent=50 --min=1 --max=10
kubectl get hpa
sleep 60
kubectl get hpa
kubectl top pods
kubectl top nodes
kubectl run load-generator --image=busybox:1.28 --restart=Never -- /bin/sh -c "while sleep 0.01; do wget -q -O- http://php-apache; done"
sleep 30
kubectl get hpa php-apache
sleep 30
kubectl get hpa php-apache
sleep 60
kubectl get hpa php-apache
kubectl get deployment php-apache
kubectl top pods
kubectl delete pod load-generator
sleep 60
kubectl get hpa php-apache
sleep 300
kubectl get hpa php-apache
kubectl get deployment php-apache
kubectl describe hpa php-apache
