# The walk-throughs of https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/ and
# https://kubernetes.io/docs/tasks/manage-daemon/update-daemon-set/
cat > daemonset.yaml <<'YAML'
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: fluentd-elasticsearch
  namespace: kube-system
  labels:
    k8s-app: fluentd-logging
spec:
  selector:
    matchLabels:
      name: fluentd-elasticsearch
  updateStrategy:
    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: 1
  template:
    metadata:
      labels:
        name: fluentd-elasticsearch
    spec:
      tolerations:
      # these tolerations are to have the daemonset runnable on control plane nodes
      # remove them if your control plane nodes should not run pods
      - key: node-role.kubernetes.io/control-plane
        operator: Exists
        effect: NoSchedule
      - key: node-role.kubernetes.io/master
        operator: Exists
        effect: NoSchedule
      containers:
      - name: fluentd-elasticsearch
        image: quay.io/fluentd_elasticsearch/fluentd:v2.5.2
        resources:
          limits:
            memory: 200Mi
          requests:
            cpu: 100m
            memory: 200Mi
        volumeMounts:
        - name: varlog
          mountPath: /var/log
      # it may be desirable to set a high priority class to ensure that a DaemonSet Pod
      # preempts running Pods
      # priorityClassName: important
      terminationGracePeriodSeconds: 30
      volumes:
      - name: varlog
        hostPath:
          path: /var/log
YAML
kubectl apply -f daemonset.yaml
kubectl get ds -n kube-system
sleep 5
kubectl get ds fluentd-elasticsearch -n kube-system
sleep 5
kubectl get ds -n kube-system
kubectl get pods -l name=fluentd-elasticsearch -o wide -n kube-system
kubectl get ds fluentd-elasticsearch -n kube-system -o go-template='{{.spec.updateStrategy.type}}{{"\n"}}'
kubectl get pod -n kube-system -l name=fluentd-elasticsearch -o jsonpath='{range .items[*]}{.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0].values[0]}{" "}{end}{"\n"}'
kubectl get pod -n kube-system -l name=fluentd-elasticsearch -o jsonpath='{.items[0].spec.tolerations}{"\n"}'
# A new node joins: the DaemonSet puts a pod on it.
kubeplay node add
kubectl get ds fluentd-elasticsearch -n kube-system
sleep 10
kubectl get ds fluentd-elasticsearch -n kube-system
kubectl get pods -l name=fluentd-elasticsearch -o wide -n kube-system
# Rolling update: one node at a time (maxUnavailable 1).
kubectl set image ds/fluentd-elasticsearch fluentd-elasticsearch=quay.io/fluentd_elasticsearch/fluentd:v2.6.0 -n kube-system
kubectl get pods -l name=fluentd-elasticsearch -n kube-system
kubectl rollout status ds/fluentd-elasticsearch -n kube-system
kubectl get ds fluentd-elasticsearch -n kube-system -o wide
kubectl get pods -l name=fluentd-elasticsearch -n kube-system -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName,IMAGE:.spec.containers[0].image
kubectl describe ds fluentd-elasticsearch -n kube-system
# A node that is removed: its daemon pod stays until the pod garbage collector force-deletes
# it (the node must stay gone for 40 s; the collector looks every 20 s).
kubeplay node remove node-4
sleep 5
kubectl get ds fluentd-elasticsearch -n kube-system
kubectl get pods -l name=fluentd-elasticsearch -n kube-system -o wide
sleep 60
kubectl get pods -l name=fluentd-elasticsearch -n kube-system -o wide
kubectl delete ds fluentd-elasticsearch -n kube-system
sleep 35
kubectl get pods -l name=fluentd-elasticsearch -n kube-system
