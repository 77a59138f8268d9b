# NetworkPolicy: default deny, then allow by pod labels; a default-deny egress also cuts DNS.
kubectl create deployment web --image=nginx:1.27 --replicas=2
kubectl expose deployment web --port=80
kubectl run frontend --image=busybox:1.36 --labels=role=frontend -- sleep 3600
kubectl run stranger --image=busybox:1.36 -- sleep 3600
sleep 15
kubectl exec stranger -- wget -qO- -T 2 http://web | head -4
kubectl apply -f - <<EOT
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-ingress
spec:
  podSelector: {}
  policyTypes:
  - Ingress
EOT
kubectl exec stranger -- wget -qO- -T 2 http://web
kubectl exec frontend -- wget -qO- -T 2 http://web
kubectl apply -f - <<EOT
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web-from-frontend
spec:
  podSelector:
    matchLabels:
      app: web
  ingress:
  - from:
    - podSelector:
        matchLabels:
          role: frontend
    ports:
    - protocol: TCP
      port: 80
EOT
kubectl get networkpolicy
kubectl exec frontend -- wget -qO- -T 2 http://web | head -4
kubectl exec stranger -- wget -qO- -T 2 http://web
# Deny all egress of the frontend: even DNS stops working.
kubectl apply -f - <<EOT
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: frontend-no-egress
spec:
  podSelector:
    matchLabels:
      role: frontend
  policyTypes:
  - Egress
EOT
kubectl exec frontend -- wget -qO- -T 2 http://web
kubectl exec frontend -- nslookup web
kubectl delete networkpolicy frontend-no-egress default-deny-ingress web-from-frontend
kubectl exec stranger -- wget -qO- -T 2 http://web | head -4
