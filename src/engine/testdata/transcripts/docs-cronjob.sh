# The walk-through of https://kubernetes.io/docs/tasks/job/automated-tasks-with-cron-jobs/
cat > cronjob.yaml <<'YAML'
apiVersion: batch/v1
kind: CronJob
metadata:
  name: hello
spec:
  schedule: "* * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: hello
            image: busybox:1.28
            imagePullPolicy: IfNotPresent
            command:
            - /bin/sh
            - -c
            - date; echo Hello from the Kubernetes cluster
          restartPolicy: OnFailure
YAML
kubectl create -f cronjob.yaml
kubectl get cronjob hello
sleep 60
kubectl get jobs --watch --request-timeout=5s
kubectl get cronjob hello
sleep 120
kubectl get jobs
kubectl get pods
kubectl logs $(kubectl get pods --selector=batch.kubernetes.io/job-name=$(kubectl get jobs -o jsonpath='{.items[0].metadata.name}') --output=jsonpath={.items..metadata.name})
sleep 120
kubectl get jobs
kubectl get cronjob hello -o jsonpath='{.status.lastScheduleTime} {.status.lastSuccessfulTime}{"\n"}'
kubectl describe cronjob hello
kubectl patch cronjob hello -p '{"spec":{"suspend":true}}'
sleep 120
kubectl get cronjob hello
kubectl delete cronjob hello
kubectl get jobs
# A bad schedule is refused with robfig/cron's error.
kubectl create cronjob bad --image=busybox --schedule="61 * * * *" -- date
kubectl create cronjob bad --image=busybox --schedule="every minute" -- date
