# Issue 5: Service names resolve through CoreDNS from inside pods; a NodePort answers on every
# node, from inside the cluster and from the machine outside it.
kubectl create deployment web --image=traefik/whoami --replicas=2
kubectl expose deployment web --port=80 --type=NodePort
kubectl run client --image=busybox:1.36 -- sleep 3600
sleep 15
kubectl get svc web
kubectl exec client -- cat /etc/resolv.conf
kubectl exec client -- nslookup web
kubectl exec client -- nslookup web.default.svc.cluster.local
kubectl exec client -- nslookup kubernetes.default
kubectl exec client -- wget -qO- http://web.default.svc.cluster.local
kubectl run tmp --rm -it --restart=Never --image=busybox:1.36 -- wget -qO- http://web
# The NodePort on every node's InternalIP, from the machine outside the cluster.
kubectl get nodes -o wide
kubectl patch svc web -p '{"spec":{"ports":[{"port":80,"nodePort":30080}]}}'
curl -s http://172.18.0.2:30080/ | head -1
curl -s http://172.18.0.3:30080/ | head -1
curl -s http://172.18.0.4:30080/ | head -1
curl -s http://172.18.0.5:30080/ | head -1
kubectl exec client -- wget -qO- http://172.18.0.5:30080/ | grep RemoteAddr
# NodePorts outside the range or already taken are refused by the apiserver.
kubectl create service nodeport other --tcp=80:80 --node-port=30080
kubectl create service nodeport other --tcp=80:80 --node-port=40000
kubectl apply -f - <<EOT
apiVersion: v1
kind: Service
metadata:
  name: other
spec:
  type: NodePort
  selector:
    app: web
  ports:
  - port: 80
    nodePort: 29999
EOT
