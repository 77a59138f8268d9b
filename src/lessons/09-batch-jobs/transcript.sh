# Lesson: Batch jobs
# Step 1
kubectl create job hello --image=busybox:1.36 -- echo "Hello from a Kubernetes Job"
sleep 20
# Step 2
kubectl get jobs,pods
kubectl logs job/hello
# Step 3
kubectl create cronjob tick --image=busybox:1.36 --schedule="*/1 * * * *" -- date
sleep 70
# Step 4
kubectl get cronjobs,jobs
