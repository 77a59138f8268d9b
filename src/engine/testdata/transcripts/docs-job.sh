# The walk-through of https://kubernetes.io/docs/concepts/workloads/controllers/job/
cat > job.yaml <<'YAML'
apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  template:
    spec:
      containers:
      - name: pi
        image: perl:5.34.0
        command: ["perl",  "-Mbignum=bpi", "-wle", "print bpi(2000)"]
      restartPolicy: Never
  backoffLimit: 4
YAML
kubectl apply -f job.yaml
kubectl get jobs
kubectl get pods --selector=batch.kubernetes.io/job-name=pi
sleep 5
kubectl get pods --selector=batch.kubernetes.io/job-name=pi
kubectl describe job pi | grep -A 3 'Pods Statuses'
kubectl wait --for=condition=complete job/pi --timeout=120s
kubectl get jobs
kubectl describe job pi
pods=$(kubectl get pods --selector=batch.kubernetes.io/job-name=pi --output=jsonpath='{.items[*].metadata.name}')
echo $pods
kubectl get pods --selector=batch.kubernetes.io/job-name=pi
kubectl logs $pods | cut -c 1-60
kubectl logs jobs/pi | wc -c
kubectl logs jobs/pi
# A job whose pods keep failing: backoffLimit 2 means 3 failed pods, with back-off delays of
# 10 s and 20 s between them, then BackoffLimitExceeded.
cat > failing.yaml <<'YAML'
apiVersion: batch/v1
kind: Job
metadata:
  name: fail
spec:
  backoffLimit: 2
  template:
    spec:
      containers:
      - name: fail
        image: perl:5.34.0
        command: ["perl", "-e", "die 'cannot reach the database'"]
      restartPolicy: Never
YAML
kubectl apply -f failing.yaml
sleep 5
kubectl get pods --selector=batch.kubernetes.io/job-name=fail
sleep 20
kubectl get pods --selector=batch.kubernetes.io/job-name=fail
sleep 40
kubectl get pods --selector=batch.kubernetes.io/job-name=fail
kubectl get jobs
kubectl describe job fail
kubectl logs jobs/fail
kubectl get job fail -o jsonpath='{range .status.conditions[*]}{.type}={.status} {.reason}: {.message}{"\n"}{end}'
kubectl delete job pi fail
kubectl get pods
