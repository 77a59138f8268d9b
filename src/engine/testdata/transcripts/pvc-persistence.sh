# Dynamic provisioning by the default StorageClass (kind's local-path, WaitForFirstConsumer),
# data surviving the pod, claim protection, and the Delete / Retain reclaim policies.
kubectl get storageclass
cat > pvc.yaml <<'YAML'
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: notes
spec:
  accessModes: ["ReadWriteOnce"]
  resources:
    requests:
      storage: 10Mi
---
apiVersion: v1
kind: Pod
metadata:
  name: writer
spec:
  containers:
  - name: writer
    image: busybox:1.36
    command: ["sh", "-c", "date +%T >> /data/log.txt; echo hello from writer >> /data/log.txt; sleep 3600"]
    volumeMounts:
    - name: data
      mountPath: /data
  volumes:
  - name: data
    persistentVolumeClaim:
      claimName: notes
YAML
head -n 10 pvc.yaml | kubectl apply -f -
sleep 5
kubectl get pvc notes
kubectl describe pvc notes
kubectl apply -f pvc.yaml
sleep 10
kubectl get pvc,pv
kubectl get pod writer
kubectl exec writer -- cat /data/log.txt
kubectl delete pod writer
kubectl get pvc notes
kubectl apply -f pvc.yaml
sleep 10
kubectl exec writer -- cat /data/log.txt
kubectl delete pvc notes --wait=false
sleep 5
kubectl get pvc notes
kubectl delete pod writer
sleep 5
kubectl get pvc,pv
# A static volume without a class, bound by a claim that asks for no class.
cat > static.yaml <<'YAML'
apiVersion: v1
kind: PersistentVolume
metadata:
  name: pv-manual
spec:
  capacity:
    storage: 100Mi
  accessModes: ["ReadWriteOnce"]
  persistentVolumeReclaimPolicy: Retain
  hostPath:
    path: /srv/manual
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: manual-claim
spec:
  storageClassName: ""
  accessModes: ["ReadWriteOnce"]
  resources:
    requests:
      storage: 50Mi
YAML
kubectl apply -f static.yaml
sleep 2
kubectl get pv
kubectl get pvc
kubectl delete pvc manual-claim
sleep 2
kubectl get pv
cat <<'YAML' | kubectl apply -f -
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: too-big
spec:
  storageClassName: ""
  accessModes: ["ReadWriteOnce"]
  resources:
    requests:
      storage: 1Gi
YAML
sleep 3
kubectl get pvc too-big
kubectl describe pvc too-big | tail -n 4
kubectl create -f - <<'YAML'
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: broken
spec:
  resources:
    requests:
      storage: 1Gi
YAML
